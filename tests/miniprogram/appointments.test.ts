// Appointments (issue #6) on devcloud, through the pages: case management sets a day's slots on
// 预约时段 (errors under the period, a booked period that cannot be removed); a lawyer — verified
// and bound through the functions — books file reading on 预约 (the subscription prompt in the tap,
// the confirmation), sees it in 我的预约 with the day the procuratorate answers by; case management
// finds it in 预约办理 and confirms it, and the lawyer's detail shows 已确认 and the message sent; a
// full slot shows 已约满 and cannot be chosen, and one filled meanwhile reloads the slots with the
// reason; cancelling frees the place; refusing without a reason shows the error; a citizen books a
// video reception (the profile asked for first); and file reading of an excluded case kind shows the
// function's reason. The ways in: the service hall, 我的, 我的案件 and 案件管理.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SlotView } from '../../typings/cases';
import { formatTime } from '../../miniprogram/utils/time';
import { Harness, type PageHandle } from './harness';
import { boundTo, registerCase, verifiedLawyer } from '../helpers/cases';
import { newCitizen } from './builders';

jest.setTimeout(60_000);

const templates = JSON.parse(
  readFileSync(join(__dirname, '..', '..', 'config', 'templates.json'), 'utf8'),
);
const RESULT_TEMPLATE: string = templates.appointmentResult.id;
/** Case management (案件管理部) of 北京市朝阳区人民检察院. */
const AG = 'o-staff-110105-ag';
const UNIT = '110105';
const FULL = '该时段已约满，请选择其他时段';
const NOTE = '申请查阅本案全部案卷材料';

let h: Harness;
let bookPage: string;
let minePage: string;
let detailPage: string;
let slotsPage: string;
let inboxPage: string;
let staffPage: string;
let bindingsPage: string;
let casesPage: string;
let hall: string;
let me: string;
let seq = 0;

beforeAll(async () => {
  h = await Harness.start();
  bookPage = h.load('citizen/appointment-book/index');
  minePage = h.load('citizen/appointments/index');
  detailPage = h.load('citizen/appointment-detail/index');
  slotsPage = h.load('casework/slots/index');
  inboxPage = h.load('casework/appointments/index');
  staffPage = h.load('casework/appointment/index');
  bindingsPage = h.load('citizen/case-bindings/index');
  casesPage = h.load('casework/cases/index');
  hall = h.load('pages/index/index');
  me = h.load('pages/me/index');
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => h.reset());

// ---------------------------------------------------------------------------------------------
// Days (China time): each test its own, so no two share a slot

function chinaDay(offset: number): string {
  const d = new Date(Date.now() + 8 * 3600_000);
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
}

let dayOffset = 0;
/** A day after today within the booking page's 14 days, different for each call. */
function freshDay(): string {
  dayOffset += 1;
  return chinaDay(dayOffset);
}

/** `1月6日 周一`, as the pages name a day. */
function dayLabel(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 周${'日一二三四五六'.charAt(d.getUTCDay())}`;
}

/** `2025年1月6日`, as the pages write a date. */
function dayText(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

// ---------------------------------------------------------------------------------------------
// Records made through the functions

/** A case of 110105 registered by case management, the suspect 张三. */
function newCase(flags: Record<string, unknown> = {}) {
  seq += 1;
  const caseNumber = `京朝检刑诉受〔2025〕110105${String(300000 + seq)}号`;
  return registerCase(h.cloud, caseNumber, { cause: '盗窃罪', flags });
}

/**
 * A lawyer verified by case management and bound (approved) as 张三's defender to a new case,
 * through lawyer.verify / lawyer.review and binding.request / binding.review.
 */
async function boundLawyer(label: string, flags: Record<string, unknown> = {}) {
  const lawyer = await verifiedLawyer(h.cloud, newCitizen(label));
  const c = await newCase(flags);
  const proofs = [{ name: 'poa.pdf' }];
  const bindingId = await boundTo(h.cloud, lawyer, c.caseNumber, { role: 'defender', proofs });
  return { lawyer, caseId: c.id, caseNumber: c.caseNumber, bindingId };
}

async function setSlots(
  type: string,
  day: string,
  periods: { start: string; end: string; capacity: number }[],
): Promise<SlotView[]> {
  return (await h.data('cases', 'slots.set', { type: type as 'file_reading', day, periods }, AG))
    .slots;
}

async function slot(id: string): Promise<SlotView | undefined> {
  const { slots } = await h.data(
    'cases',
    'slots.list',
    { procuratorateId: UNIT, type: id.split('-')[2] as 'file_reading' },
    AG,
  );
  return slots.find((s) => s.id === id);
}

let tokens = 0;
/** Books `slotId` through the function, as `openid` would from the page. */
function bookAs(openid: string, slotId: string, bindingId?: string) {
  tokens += 1;
  return h.call(
    'cases',
    'book',
    {
      slotId,
      ...(bindingId ? { bindingId } : {}),
      note: NOTE,
      clientToken: `appt-page-${tokens}-${Date.now().toString(36)}`,
    },
    openid,
  );
}

async function chooseUnit(page: PageHandle, id: string) {
  const groups = page.data.unitGroups as { units: { id: string }[] }[];
  const i = groups.findIndex((g) => g.units.some((u) => u.id === id));
  const j = groups[i].units.findIndex((u) => u.id === id);
  await page.change('#unit-picker', [i, j]);
}

// ---------------------------------------------------------------------------------------------

describe('预约时段 (case management)', () => {
  test('When case management sets a day’s periods on the page, then a bad one shows its error under it, and once right they are stored and offered', async () => {
    h.as(AG);
    const day = freshDay();
    const page = await h.open(slotsPage);
    expect(page.data.typeName).toBe('阅卷');
    expect(page.data.day).toBe(chinaDay(0));
    await page.change('#type-picker', 1); // 约见检察官
    await page.change('#day-picker', day);
    expect(page.has('#no-periods')).toBe(true);

    await page.tap('#add-period');
    await page.tap('#add-period');
    expect(
      page.data.periods.map((p: { start: string; end: string }) => `${p.start}-${p.end}`),
    ).toEqual(['09:00-10:00', '10:00-11:00']);
    await page.input('#capacity-1', '3');
    await page.change('#end-1', '09:30'); // before its start
    await page.tap('#save');
    expect(page.text('#error-periods-1-end')).toBe('第2个时段的结束时间应晚于开始时间');
    expect(page.has('#error-periods-0-end')).toBe(false);
    expect(
      (
        await h.data('cases', 'slots.list', { procuratorateId: UNIT, type: 'meeting' }, AG)
      ).slots.filter((s) => s.day === day),
    ).toEqual([]);

    await page.change('#end-1', '11:30');
    expect(page.has('#error-periods-1-end')).toBe(false);
    await page.tap('#save');
    expect(page.text('#saved')).toContain('共2个');
    const stored = (
      await h.data('cases', 'slots.list', { procuratorateId: UNIT, type: 'meeting' }, AG)
    ).slots.filter((s) => s.day === day);
    expect(stored.map((s) => [s.start, s.end, s.capacity, s.booked])).toEqual([
      ['09:00', '10:00', 5, 0],
      ['10:00', '11:30', 3, 0],
    ]);

    // Someone who is not case management is refused.
    h.as(newCitizen('noslots'));
    const refused = await h.open(slotsPage);
    expect(refused.has('#forbidden-state')).toBe(true);
  });
});

describe('a lawyer’s file reading, from booking to confirmation', () => {
  test('When a bound lawyer books file reading on the page, then 我的预约 shows when it is answered by; case management confirms it in 预约办理, and the lawyer’s detail shows 已确认 and was messaged', async () => {
    const { lawyer, caseNumber, bindingId } = await boundLawyer('reader');
    const day = freshDay();
    const [offered] = await setSlots('file_reading', day, [
      { start: '09:00', end: '10:00', capacity: 5 },
    ]);

    h.as(lawyer);
    const page = await h.open(bookPage);
    expect(page.data.state).toBe('form');
    expect(page.text('#case-picker .picker-text')).toBe(caseNumber);
    expect(page.text('#case-bound')).toBe('北京市朝阳区人民检察院 · 辩护人（当事人 张三）');
    expect(page.text('#type-picker .picker-text')).toBe('阅卷');
    expect(page.data.typeNames).toEqual([
      '阅卷',
      '约见检察官',
      '提交或申请调取证据',
      '听取意见',
      '申请变更强制措施',
    ]);
    expect(page.text(`#day-${day} .day-label`)).toBe(dayLabel(day));
    expect(page.text(`#slot-${offered.id}`)).toBe('09:00-10:00余5个');

    // Nothing chosen: the function names the slot and the note under their fields.
    await page.tap('#submit');
    expect(page.text('#error-slot')).toBe('缺少预约时段');
    expect(page.text('#error-note')).toMatch(/预约事由/);
    expect(h.recorded.subscribeRequests).toEqual([
      { openid: lawyer, tmplIds: [RESULT_TEMPLATE], inTap: true },
    ]);

    await page.tap(`#slot-${offered.id}`);
    expect(page.text('#slot-chosen')).toBe(`已选择：${dayLabel(day)} 09:00-10:00`);
    expect(page.has('#error-slot')).toBe(false);
    await page.input('#f-note', NOTE);
    await page.tap('#submit');
    expect(h.recorded.subscribeRequests).toHaveLength(2);
    expect(h.recorded.subscribeRequests[1].inTap).toBe(true);
    expect(h.recorded.modals.at(-1)).toMatchObject({ title: '确定提交预约？', showCancel: true });
    expect(page.text('#result-type')).toBe('阅卷');
    expect(page.text('#result-case-number')).toBe(caseNumber);
    expect(page.text('#result-period')).toBe(`${dayText(day)} 09:00-10:00`);
    expect(page.text('#result-status')).toBe('待确认');

    const [mine] = (await h.data('cases', 'appointments.mine', {}, lawyer)).items;
    expect(mine).toMatchObject({ type: 'file_reading', status: 'booked', caseNumber });
    expect(mine.answerDue).not.toBeNull();
    const answerText = `检察院将于${formatTime(mine.answerDue)}前答复`;
    expect(answerText).toMatch(/^检察院将于\d{4}-\d{2}-\d{2} 23:59前答复$/);
    expect(page.text('#result-answer')).toBe(answerText);
    expect((await slot(offered.id))?.booked).toBe(1);
    await page.tap('#open-mine');
    expect(h.recorded.navigations.at(-1)).toEqual({
      kind: 'redirectTo',
      url: '/citizen/appointments/index',
    });

    // 我的预约: the status and the answer-by date.
    const list = await h.open(minePage);
    expect(list.text('#summary')).toBe('共1项预约');
    expect(list.text('.status')).toBe('待确认');
    expect(list.text('.period')).toBe(`${dayText(day)} 09:00-10:00`);
    expect(list.text('.answer-due')).toBe(answerText);
    await list.tap('.appointment');
    expect(h.recorded.navigations.at(-1)?.url).toBe(
      `/citizen/appointment-detail/index?id=${mine.id}`,
    );

    // A booked period cannot be removed: the function's reason shows on 预约时段.
    h.as(AG);
    const slots = await h.open(slotsPage);
    await slots.change('#day-picker', day);
    expect(slots.text('#period-0 .booked')).toBe('已约1人');
    await slots.tap('#remove-0');
    await slots.tap('#save');
    expect(slots.text('#error-periods')).toBe('时段09:00-10:00已有1人预约，不能删除');
    await slots.tap('#reload-day');
    expect(slots.data.periods).toHaveLength(1);

    // 预约办理: the earliest due first, with the answer-by date; the appointment and the decision.
    const inbox = await h.open(inboxPage);
    expect(inbox.data.status).toBe('booked');
    const row = `#appointment-${mine.id}`;
    expect(inbox.text(`${row} .requester`)).toBe('周律师（北京市朝阳律师事务所）');
    expect(inbox.text(`${row} .case-number`)).toBe(`案件 ${caseNumber}`);
    expect(inbox.text(`${row} .due`)).toBe(`须于${formatTime(mine.answerDue)}前答复`);
    expect(inbox.has(`${row} .overdue`)).toBe(false);
    await inbox.tap(row);
    expect(h.recorded.navigations.at(-1)?.url).toBe(`/casework/appointment/index?id=${mine.id}`);

    const staff = await h.open(staffPage, { id: mine.id });
    expect(staff.text('#requester-name')).toBe('周律师（律师）');
    expect(staff.text('#requester-firm')).toBe('北京市朝阳律师事务所');
    expect(staff.text('#case-number')).toBe(caseNumber);
    expect(staff.text('#note')).toBe(NOTE);
    expect(staff.text('#due')).toBe(`须于${formatTime(mine.answerDue)}前答复`);
    await staff.tap('#confirm');
    expect(h.recorded.modals.at(-1)).toMatchObject({ title: '确认同意', showCancel: true });
    expect(staff.text('#decision')).toBe('已确认。预约人已收到通知。');
    expect(staff.text('#status')).toBe('已确认');
    expect(staff.has('#confirm')).toBe(false);
    const decide = h.recorded.calls.find((c) => c.action === 'appointments.decide');
    expect(decide?.input).toEqual({ id: mine.id, confirm: true, version: 1 });

    // The lawyer: the detail says 已确认, and the message (allowed in the booking tap) opens it.
    h.as(lawyer);
    const detail = await h.open(detailPage, { id: mine.id });
    expect(detail.text('#status')).toBe('已确认');
    expect(detail.text('#type-name')).toBe('阅卷');
    expect(detail.text('#case-number')).toBe(caseNumber);
    expect(detail.text('#note')).toBe(NOTE);
    expect(detail.has('#answer-due')).toBe(false);
    expect(detail.has('#confirmed-note')).toBe(true);
    expect(detail.has('#cancel')).toBe(true);
    expect(h.cloud.platform.messages({ touser: lawyer, templateId: RESULT_TEMPLATE })).toEqual([
      expect.objectContaining({ page: `citizen/appointment-detail/index?id=${mine.id}` }),
    ]);

    // From 我的案件, the approved binding offers 辩护与代理预约 with the case chosen.
    const bindings = await h.open(bindingsPage);
    await bindings.tap(`#book-${bindingId} .book`);
    expect(h.recorded.navigations.at(-1)?.url).toBe(
      `/citizen/appointment-book/index?bindingId=${bindingId}`,
    );
  });
});

describe('places', () => {
  test('When a slot is full, then it shows 已约满 and cannot be chosen; one filled while the page was open reloads the slots with the reason', async () => {
    const first = await boundLawyer('first');
    const second = await boundLawyer('second');
    const day = freshDay();
    const [full, last] = await setSlots('meeting', day, [
      { start: '09:00', end: '10:00', capacity: 1 },
      { start: '14:00', end: '15:00', capacity: 1 },
    ]);
    expect((await bookAs(first.lawyer, full.id, first.bindingId)).ok).toBe(true);

    h.as(second.lawyer);
    const page = await h.open(bookPage, { type: 'meeting', bindingId: second.bindingId });
    expect(page.text('#type-picker .picker-text')).toBe('约见检察官');
    expect(page.text('#case-picker .picker-text')).toBe(second.caseNumber);
    expect(page.text(`#slot-${full.id}`)).toBe('09:00-10:00已约满');
    const days = page.data.days as { day: string; slots: { id: string; full: boolean }[] }[];
    const shown = days.find((d) => d.day === day)?.slots ?? [];
    expect(shown.map((s) => [s.id, s.full])).toEqual([
      [full.id, true],
      [last.id, false],
    ]);
    await page.tap(`#slot-${full.id}`);
    expect(page.data.slotId).toBe('');
    expect(page.has('#slot-chosen')).toBe(false);

    // The last place goes to the first lawyer while the second is typing.
    await page.tap(`#slot-${last.id}`);
    await page.input('#f-note', '申请约见承办检察官');
    expect((await bookAs(first.lawyer, last.id, first.bindingId)).ok).toBe(true);
    await page.tap('#submit');
    expect(page.text('#slots-notice')).toBe(`${FULL}，时段已刷新。`);
    expect(page.text(`#slot-${last.id}`)).toBe('14:00-15:00已约满');
    expect(page.data.slotId).toBe('');
    expect(page.has('#result')).toBe(false);
    expect(page.data.note).toBe('申请约见承办检察官');
    expect((await h.data('cases', 'appointments.mine', {}, second.lawyer)).total).toBe(0);
  });

  test('When the lawyer cancels on the detail, then it is 已取消 and the place is free again', async () => {
    const { lawyer, bindingId } = await boundLawyer('canceller');
    const [offered] = await setSlots('hearing', freshDay(), [
      { start: '10:00', end: '11:00', capacity: 1 },
    ]);
    const booked = await bookAs(lawyer, offered.id, bindingId);
    if (!booked.ok) throw new Error(JSON.stringify(booked.error));
    expect((await slot(offered.id))?.left).toBe(0);

    h.as(lawyer);
    const detail = await h.open(detailPage, { id: booked.data.id });
    expect(detail.text('#status')).toBe('待确认');
    expect(detail.text('#type-name')).toBe('听取意见');
    // No answer-by date applies to 听取意见.
    expect(detail.has('#answer-due')).toBe(false);

    // Cancelled at the confirmation: nothing happens.
    h.modalAnswer = 'cancel';
    await detail.tap('#cancel');
    expect(h.recorded.calls.filter((c) => c.action === 'cancel')).toEqual([]);
    h.modalAnswer = 'confirm';
    await detail.tap('#cancel');
    expect(h.recorded.modals.at(-1)).toMatchObject({ title: '确定取消预约？' });
    expect(detail.text('#status')).toBe('已取消');
    expect(detail.has('#cancel')).toBe(false);
    expect(await slot(offered.id)).toMatchObject({ booked: 0, left: 1 });

    const list = await h.open(minePage);
    expect(list.text('.status')).toBe('已取消');
    expect(list.has('.answer-due')).toBe(false);
  });
});

describe('预约办理 (case management)', () => {
  test('When case management refuses without a reason, then the error shows and nothing is sent; with one, the lawyer sees it and the place is freed', async () => {
    const { lawyer, bindingId } = await boundLawyer('refused');
    const [offered] = await setSlots('measures_change', freshDay(), [
      { start: '15:00', end: '16:00', capacity: 2 },
    ]);
    const booked = await bookAs(lawyer, offered.id, bindingId);
    if (!booked.ok) throw new Error(JSON.stringify(booked.error));
    // 申请变更强制措施: answered within 3 days.
    expect(booked.data.answerDue).not.toBeNull();

    h.as(AG);
    const staff = await h.open(staffPage, { id: booked.data.id });
    expect(staff.text('#type-name')).toBe('申请变更强制措施');
    await staff.tap('#refuse');
    expect(staff.text('#error-reason')).toBe('不同意的，请填写理由');
    expect(h.recorded.modals).toEqual([]);
    expect(h.recorded.calls.filter((c) => c.action === 'appointments.decide')).toEqual([]);

    await staff.input('#reason-input', '该时段检察官另有公务，请改约其他时段');
    expect(staff.has('#error-reason')).toBe(false);
    await staff.tap('#refuse');
    expect(staff.text('#status')).toBe('未同意');
    expect(staff.text('#decision')).toBe(
      '未同意：该时段检察官另有公务，请改约其他时段。预约人已收到通知。',
    );
    expect((await slot(offered.id))?.booked).toBe(0);

    h.as(lawyer);
    const detail = await h.open(detailPage, { id: booked.data.id });
    expect(detail.text('#status')).toBe('未同意');
    expect(detail.text('#reason')).toBe('未同意原因：该时段检察官另有公务，请改约其他时段');
    expect(detail.has('#cancel')).toBe(false);
  });

  test('When the appointment was decided by someone else meanwhile, then the page says so and shows it as it is now', async () => {
    const { lawyer, bindingId } = await boundLawyer('conflict');
    const [offered] = await setSlots('evidence', freshDay(), [
      { start: '09:00', end: '10:00', capacity: 2 },
    ]);
    const booked = await bookAs(lawyer, offered.id, bindingId);
    if (!booked.ok) throw new Error(JSON.stringify(booked.error));
    h.as(AG);
    const staff = await h.open(staffPage, { id: booked.data.id });
    await h.data(
      'cases',
      'appointments.decide',
      { id: booked.data.id, confirm: true, version: 1 },
      'o-staff-110105-ag2',
    );
    await staff.tap('#confirm');
    expect(h.recorded.modals.at(-1)).toMatchObject({
      title: '预约已被处理',
      content: '该预约已被他人处理，请刷新后再试',
    });
    expect(staff.text('#status')).toBe('已确认');
    expect(staff.has('#confirm')).toBe(false);
  });
});

describe('a video reception', () => {
  test('When a citizen without a profile books a video reception, then the profile is asked for first; with one, the procuratorate is chosen and the booking has no case', async () => {
    const citizen = h.as(newCitizen('video')).openid as string;
    const day = freshDay();
    const [offered] = await setSlots('video_reception', day, [
      { start: '14:00', end: '14:30', capacity: 3 },
    ]);
    const page = await h.open(bookPage, { type: 'video_reception' });
    expect(page.text('#noprofile')).toContain('预约视频接访须先填写实名信息');
    await page.tap('#open-profile');
    expect(h.recorded.navigations.at(-1)?.url).toBe('/citizen/profile/index');

    await h.data(
      'account',
      'profile.save',
      { name: '刘芳', idNumber: '11010519491231002X', mobile: '13800138000' },
      citizen,
    );
    await page.lifecycle('onShow');
    expect(page.text('#petitioner')).toBe('刘芳');
    expect(page.has('#case-picker')).toBe(false);
    expect(page.text('#slots-idle')).toBe('请先选择检察院。');
    await page.tap('#submit');
    expect(page.text('#error-procuratorateId')).toBe('请选择检察院');

    await chooseUnit(page, UNIT);
    expect(page.text('#unit-picker .picker-text')).toBe('北京市朝阳区人民检察院');
    expect(page.text(`#slot-${offered.id}`)).toBe('14:00-14:30余3个');
    await page.tap(`#slot-${offered.id}`);
    await page.input('#f-note', '反映本人信访事项的办理情况');
    await page.tap('#submit');
    expect(page.text('#result-type')).toBe('视频接访');
    expect(page.has('#result-case-number')).toBe(false);
    expect(page.text('#result-period')).toBe(`${dayText(day)} 14:00-14:30`);
    const calls = h.recorded.calls.filter((c) => c.action === 'book');
    expect(calls.at(-1)?.input).toEqual({
      slotId: offered.id,
      note: '反映本人信访事项的办理情况',
      clientToken: expect.stringMatching(/^[0-9a-z-]{8,64}$/),
    });
    const [mine] = (await h.data('cases', 'appointments.mine', {}, citizen)).items;
    expect(mine).toMatchObject({ type: 'video_reception', caseNumber: null, answerDue: null });
  });

  test('When someone with no bound case opens 辩护与代理预约, then it says how to get one', async () => {
    h.as(newCitizen('nocase'));
    const page = await h.open(bookPage);
    expect(page.has('#nocase-state')).toBe(true);
    await page.tap('#open-bind');
    await page.tap('#open-lawyer');
    expect(h.recorded.navigations.map((n) => n.url)).toEqual([
      '/citizen/case-bind/index',
      '/citizen/lawyer/index',
    ]);
  });
});

describe('excluded case kinds', () => {
  test('When a lawyer books file reading of a juvenile case, then the function’s reason shows and nothing is booked', async () => {
    const { lawyer } = await boundLawyer('juvenile', { juvenile: true });
    const [offered] = await setSlots('file_reading', freshDay(), [
      { start: '09:00', end: '10:00', capacity: 5 },
    ]);
    h.as(lawyer);
    const page = await h.open(bookPage);
    await page.tap(`#slot-${offered.id}`);
    await page.input('#f-note', NOTE);
    await page.tap('#submit');
    expect(page.text('#form-error')).toBe('该案件属于未成年人犯罪案件，依规定不提供网上阅卷');
    expect(page.has('#result')).toBe(false);
    expect((await h.data('cases', 'appointments.mine', {}, lawyer)).total).toBe(0);
    expect((await slot(offered.id))?.booked).toBe(0);
  });
});

describe('the ways in', () => {
  test('When the service hall’s 辩护与代理预约 and 视频接访 are tapped, then the booking page opens for each', async () => {
    h.as(newCitizen('hall'));
    const page = await h.open(hall);
    await page.tap('.service', page.texts('.tile-name').indexOf('辩护与代理预约'));
    await page.tap('.service', page.texts('.tile-name').indexOf('视频接访'));
    expect(h.recorded.navigations.map((n) => n.url)).toEqual([
      '/citizen/appointment-book/index',
      '/citizen/appointment-book/index?type=video_reception',
    ]);
  });

  test('When anyone opens 我的, then 我的预约 is linked; case management also has 预约办理 and 预约时段, also on 案件管理', async () => {
    const citizen = await h.as(newCitizen('me')).open(me);
    await citizen.tap('#link-appointments');
    expect(citizen.has('#link-slots')).toBe(false);
    const empty = await h.open(minePage);
    expect(empty.has('#empty-state')).toBe(true);
    await empty.tap('#book-video');

    const staff = await h.as(AG).open(me);
    await staff.tap('#link-appointment-inbox');
    await staff.tap('#link-slots');
    const cases = await h.open(casesPage);
    await cases.tap('#open-appointments');
    await cases.tap('#open-slots');
    const inbox = await h.open(inboxPage);
    await inbox.tap('#open-slots');
    expect(h.recorded.navigations.map((n) => n.url)).toEqual([
      '/citizen/appointments/index',
      '/citizen/appointment-book/index?type=video_reception',
      '/casework/appointments/index',
      '/casework/slots/index',
      '/casework/appointments/index',
      '/casework/slots/index',
      '/casework/slots/index',
    ]);
  });
});
