// Appointments of the cases function on devcloud: slots (set, list), booking (lawyers on a bound
// case, petitioners' video receptions), cancelling, the booker's list, the staff inbox and
// decisions — responses, stored state, audit and outbox, failures with nothing written, 100
// parallel bookings for 10 places, the deadlines on the shipped calendar, the excluded case kinds,
// and who may do what.
//
// Lawyers' verifications, bindings and cases are another action set's work: until their actions
// exist, the documents a booking needs (an approved LawyerDoc, an approved BindingDoc, a CaseDoc)
// are written straight into the store in the shapes of cloudfunctions/cases/store.ts (`put`).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EJSON } from 'bson';
import { answerDueFor } from '../../cloudfunctions/cases/booking';
import { WorkCalendar, type YearCalendar } from '../../domain/deadlines/calendar';
import type { AppointmentStaffView, AppointmentView, SlotView } from '../../typings/cases';
import { data, DEMO, openTestCloud, type TestCloud } from '../helpers/cloud';
import { citizenWithProfile } from '../helpers/petition';

const root = join(__dirname, '..', '..');
const SHIPPED = JSON.parse(
  readFileSync(join(root, 'database', 'seed', 'calendar.json'), 'utf8'),
) as YearCalendar[];
const templates = JSON.parse(readFileSync(join(root, 'config', 'templates.json'), 'utf8'));

const AG = 'o-staff-110105-ag'; // 周婷, case management of 110105
const AG2 = 'o-staff-110105-ag2'; // 吴敏, the same
const AG_OTHER = 'o-staff-110108-ag'; // case management of 110108
const UNIT = '110105';
const FULL = '该时段已约满，请选择其他时段';
const BUSY = '系统繁忙，请稍后再试';
const HOUR = 3600_000;

let t: TestCloud;
let made = 0;

beforeAll(async () => {
  // Ten instances of the function, so bookings really run at the same time.
  t = await openTestCloud({ maxInstances: 10 });
}, 60_000);

afterAll(async () => {
  await t.close();
});

// ---------------------------------------------------------------------------------------------
// Days (China time) and the shipped calendar, counted here independently of the functions

function chinaDay(d: Date): string {
  return new Date(d.getTime() + 8 * HOUR).toISOString().slice(0, 10);
}
function plusDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
const HOLIDAYS = new Set(SHIPPED.flatMap((y) => y.holidays));
const WORKDAYS = new Set(SHIPPED.flatMap((y) => y.workdays));
function isWorking(day: string): boolean {
  if (HOLIDAYS.has(day)) return false;
  if (WORKDAYS.has(day)) return true;
  const w = new Date(`${day}T00:00:00Z`).getUTCDay();
  return w !== 0 && w !== 6;
}
function endOfChinaDay(day: string): string {
  return new Date(`${day}T23:59:59.999+08:00`).toISOString();
}
/** Due for file reading: the end of the 3rd working day after the day of booking. */
function threeWorkingDaysAfter(at: Date): string {
  let d = chinaDay(at);
  for (let left = 3; left > 0;) {
    d = plusDays(d, 1);
    if (isWorking(d)) left--;
  }
  return endOfChinaDay(d);
}
/** Due for measures: the end of the 3rd day after, moved to the next working day if a rest day. */
function threeDaysAfter(at: Date): string {
  let d = plusDays(chinaDay(at), 3);
  while (!isWorking(d)) d = plusDays(d, 1);
  return endOfChinaDay(d);
}

/** A day `n` days after today (China), different for each call so tests never share a day. */
let dayOffset = 10;
function freshDay(): string {
  dayOffset += 1;
  return plusDays(chinaDay(new Date()), dayOffset);
}
const compact = (day: string) => day.replace(/-/g, '');

// ---------------------------------------------------------------------------------------------
// Store writes for what other actions will make

async function put(collection: string, doc: Record<string, unknown>) {
  const { _id, ...rest } = doc;
  const res = (await t.cloud.store.handle('database.modifyDocument', {
    collectionName: collection,
    queryType: 'DOC',
    query: JSON.stringify({ _id }),
    data: EJSON.stringify(rest, { relaxed: false }),
    multi: false,
    merge: false,
    upsert: true,
  })) as { code?: string; message?: string };
  if (res.code) throw new Error(`put ${collection}: ${res.code} ${res.message}`);
}

interface CaseOptions {
  procuratorateId?: string;
  cause?: string;
  flags?: Record<string, unknown>;
}

async function putCase(opts: CaseOptions = {}): Promise<string> {
  made += 1;
  const id = `case-appt-${made}`;
  const now = new Date();
  await put('cases', {
    _id: id,
    caseNumber: `京检刑诉受〔2026〕${opts.procuratorateId ?? UNIT}${String(made).padStart(6, '0')}号`,
    procuratorateId: opts.procuratorateId ?? UNIT,
    cause: opts.cause ?? '盗窃罪',
    acceptedOn: '2026-10-09',
    timeLimit: '2027-01-08',
    handlingUnit: '第一检察部 王检察官办案组',
    stage: '审查起诉',
    result: null,
    parties: [
      { name: '赵某某', role: 'suspect', age: 35, sentenceMonths: null, recidivist: false },
    ],
    measures: [],
    flags: {
      juvenile: false,
      stateSecret: false,
      commercialSecret: false,
      privacy: false,
      sensitiveKind: null,
      ...opts.flags,
    },
    timeline: [{ at: now, stage: '审查起诉', note: null }],
    createdAt: now,
    updatedAt: now,
    createdBy: 'st-110105-ag',
    updatedBy: 'st-110105-ag',
    version: 1,
  });
  return id;
}

/** A lawyer: an approved verification, unless `lawyerStatus` says otherwise. */
async function putLawyer(lawyerStatus = 'approved'): Promise<string> {
  made += 1;
  const openid = `o-lawyer-appt-${made}`;
  await put('lawyers', {
    _id: openid,
    openid,
    name: `律师${made}`,
    certificateNumber: '11101201010000001',
    firm: '北京市某某律师事务所',
    certificateImage: `cloud://env.bucket/lawyers/${openid}.jpg`,
    procuratorateId: UNIT,
    status: lawyerStatus,
    reason: null,
    submittedAt: new Date(),
    reviewedAt: new Date(),
    reviewedBy: 'st-110105-ag',
    version: 2,
  });
  return openid;
}

/** A binding of `openid` to the case; approved as defender unless told otherwise. */
async function putBinding(
  openid: string,
  caseId: string,
  opts: { status?: string; role?: string; procuratorateId?: string } = {},
): Promise<string> {
  made += 1;
  const id = `binding-appt-${made}`;
  const [c] = await t.find('cases', { _id: caseId });
  await put('case_bindings', {
    _id: id,
    openid,
    caseId,
    caseNumber: c.caseNumber,
    procuratorateId: opts.procuratorateId ?? c.procuratorateId,
    role: opts.role ?? 'defender',
    partyName: '赵某某',
    proofs: ['cloud://env.bucket/bindings/proof.jpg'],
    note: null,
    requester: { name: '律师', idNumberMasked: null, lawyer: true },
    status: opts.status ?? 'approved',
    reason: null,
    requestedAt: new Date(),
    reviewedAt: new Date(),
    reviewedBy: 'st-110105-ag',
    version: 2,
  });
  return id;
}

/** A verified lawyer bound (approved, as defender) to a new case of 110105. */
async function boundLawyer(caseOpts: CaseOptions = {}) {
  const caseId = await putCase(caseOpts);
  const openid = await putLawyer();
  const bindingId = await putBinding(openid, caseId);
  return { openid, caseId, bindingId };
}

// ---------------------------------------------------------------------------------------------
// Calls

type Period = { start: string; end: string; capacity: number };

async function setSlots(type: string, day: string, periods: Period[], as = AG) {
  return data(await t.call('cases', 'slots.set', { type, day, periods }, as)).slots as SlotView[];
}

/** One slot of `capacity` places on a fresh day, 09:00-10:00. */
async function openSlot(type: string, capacity = 5): Promise<SlotView> {
  const [slot] = await setSlots(type, freshDay(), [{ start: '09:00', end: '10:00', capacity }]);
  return slot;
}

let tokens = 0;
function token() {
  tokens += 1;
  return `appt-token-${tokens}-${Date.now().toString(36)}`;
}

function bookInput(slotId: string, bindingId?: string, extra: Record<string, unknown> = {}) {
  return {
    slotId,
    ...(bindingId ? { bindingId } : {}),
    note: '申请查阅本案全部案卷材料',
    clientToken: token(),
    ...extra,
  };
}

async function slotDoc(id: string) {
  const [s] = await t.find('appointment_slots', { _id: id });
  return s as { booked: number; capacity: number; holders: string[] };
}

// ---------------------------------------------------------------------------------------------

describe('slots.set', () => {
  test('When case management sets a day, then its periods are stored with ids per start, in order, and audited', async () => {
    const day = freshDay();
    const slots = await setSlots('file_reading', day, [
      { start: '14:00', end: '16:00', capacity: 3 },
      { start: '09:00', end: '11:30', capacity: 5 },
    ]);
    expect(slots).toEqual([
      {
        id: `sl-${UNIT}-file_reading-${compact(day)}-0900`,
        type: 'file_reading',
        day,
        start: '09:00',
        end: '11:30',
        capacity: 5,
        booked: 0,
        left: 5,
      },
      expect.objectContaining({ id: `sl-${UNIT}-file_reading-${compact(day)}-1400`, left: 3 }),
    ]);
    const audit = await t.find('audit', {
      entity: 'appointment_slots',
      entityId: `${UNIT}-file_reading-${day}`,
    });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'set', by: { staffId: 'st-110105-ag' } });

    // The same call again with a new capacity keeps the id; a period left out goes.
    const again = await setSlots(
      'file_reading',
      day,
      [{ start: '09:00', end: '11:30', capacity: 8 }],
      AG2,
    );
    expect(again).toEqual([expect.objectContaining({ id: slots[0].id, capacity: 8, left: 8 })]);
    expect(await t.find('appointment_slots', { day, type: 'file_reading' })).toHaveLength(1);
  });

  test.each([
    ['a day before today', { day: '2020-01-06' }, 'day'],
    ['a day that does not exist', { day: '2027-02-30' }, 'day'],
    ['a badly written day', { day: '2027/03/01' }, 'day'],
    [
      'a period ending before it starts',
      { periods: [{ start: '10:00', end: '09:00', capacity: 2 }] },
      'periods.0.end',
    ],
    [
      'overlapping periods',
      {
        periods: [
          { start: '09:00', end: '10:30', capacity: 2 },
          { start: '10:00', end: '11:00', capacity: 2 },
        ],
      },
      'periods.1.start',
    ],
    [
      'a badly written time',
      { periods: [{ start: '9:00', end: '10:00', capacity: 2 }] },
      'periods.0.start',
    ],
    [
      'no places',
      { periods: [{ start: '09:00', end: '10:00', capacity: 0 }] },
      'periods.0.capacity',
    ],
    ['an unknown kind', { type: 'dinner' }, 'type'],
  ])(
    'When slots.set is given %s, then it is BAD_REQUEST naming the field, and nothing is written',
    async (_what, change, path) => {
      const day = freshDay();
      const input = {
        type: 'meeting',
        day,
        periods: [{ start: '09:00', end: '10:00', capacity: 2 }],
        ...change,
      };
      const res = await t.call('cases', 'slots.set', input, AG);
      expect(res.ok).toBe(false);
      if (res.ok) return;
      expect(res.error.code).toBe('BAD_REQUEST');
      expect(res.error.issues?.map((i) => i.path)).toContain(path);
      expect(await t.find('appointment_slots', { day: input.day })).toHaveLength(0);
    },
  );

  test('When periods have bookings, then they cannot be removed, moved or cut below the places taken; other changes go through', async () => {
    const day = freshDay();
    const [nine, ten] = await setSlots('meeting', day, [
      { start: '09:00', end: '10:00', capacity: 3 },
      { start: '10:00', end: '11:00', capacity: 3 },
    ]);
    const lawyers = [await boundLawyer(), await boundLawyer()];
    for (const l of lawyers) {
      data(await t.call('cases', 'book', bookInput(nine.id, l.bindingId), l.openid));
    }

    const removed = await t.call(
      'cases',
      'slots.set',
      { type: 'meeting', day, periods: [{ start: '10:00', end: '11:00', capacity: 3 }] },
      AG,
    );
    expect(removed).toMatchObject({
      ok: false,
      error: { code: 'PRECONDITION_FAILED', message: expect.stringContaining('09:00-10:00') },
    });
    const cut = await t.call(
      'cases',
      'slots.set',
      {
        type: 'meeting',
        day,
        periods: [
          { start: '09:00', end: '10:00', capacity: 1 },
          { start: '10:00', end: '11:00', capacity: 3 },
        ],
      },
      AG,
    );
    expect(cut).toMatchObject({
      ok: false,
      error: {
        code: 'PRECONDITION_FAILED',
        message: expect.stringContaining('名额不能少于2个'),
        issues: [{ path: 'periods.0.capacity' }],
      },
    });
    const moved = await t.call(
      'cases',
      'slots.set',
      { type: 'meeting', day, periods: [{ start: '09:00', end: '09:30', capacity: 3 }] },
      AG,
    );
    expect(moved).toMatchObject({
      ok: false,
      error: { code: 'PRECONDITION_FAILED', issues: [{ path: 'periods.0.end' }] },
    });
    // Nothing of the refused calls was written: the 10:00 period is still there.
    expect((await slotDoc(ten.id)).capacity).toBe(3);

    const kept = await setSlots('meeting', day, [{ start: '09:00', end: '10:00', capacity: 2 }]);
    expect(kept).toEqual([
      expect.objectContaining({ id: nine.id, capacity: 2, booked: 2, left: 0 }),
    ]);
    expect(await slotDoc(ten.id)).toBeUndefined();
  });

  test('When someone other than case management of a procuratorate sets slots, then it is FORBIDDEN', async () => {
    const input = {
      type: 'meeting',
      day: freshDay(),
      periods: [{ start: '09:00', end: '10:00', capacity: 2 }],
    };
    for (const who of [DEMO.handler, DEMO.leader, DEMO.citizen]) {
      expect(await t.call('cases', 'slots.set', input, who)).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    }
    expect(await t.call('cases', 'slots.set', input)).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    expect(await t.find('appointment_slots', { day: input.day })).toHaveLength(0);
  });

  test('When case management of another procuratorate sets a day, then only their own procuratorate’s slots change', async () => {
    const day = freshDay();
    const theirs = await setSlots(
      'meeting',
      day,
      [{ start: '09:00', end: '10:00', capacity: 2 }],
      AG_OTHER,
    );
    expect(theirs[0].id).toBe(`sl-110108-meeting-${compact(day)}-0900`);
    const ours = await setSlots('meeting', day, [{ start: '09:00', end: '10:00', capacity: 4 }]);
    expect(ours[0].id).toBe(`sl-${UNIT}-meeting-${compact(day)}-0900`);
    expect((await slotDoc(theirs[0].id)).capacity).toBe(2);
  });
});

describe('slots.list', () => {
  test('When anyone lists a procuratorate’s slots of one kind, then they get those from today on, by day and start, with places left', async () => {
    const first = freshDay();
    const second = freshDay();
    await setSlots('evidence', second, [{ start: '08:30', end: '09:30', capacity: 2 }]);
    await setSlots('evidence', first, [
      { start: '15:00', end: '16:00', capacity: 1 },
      { start: '09:00', end: '10:00', capacity: 4 },
    ]);
    await setSlots('hearing', first, [{ start: '09:00', end: '10:00', capacity: 4 }]);
    await setSlots('evidence', first, [{ start: '09:00', end: '10:00', capacity: 4 }], AG_OTHER);
    // A slot of yesterday (written directly: slots.set refuses past days) is not listed.
    await put('appointment_slots', {
      _id: `sl-${UNIT}-evidence-old`,
      procuratorateId: UNIT,
      type: 'evidence',
      day: plusDays(chinaDay(new Date()), -1),
      start: '09:00',
      end: '10:00',
      capacity: 3,
      booked: 0,
      holders: [],
      updatedAt: new Date(),
    });
    const lawyer = await boundLawyer();
    const booked = data(
      await t.call(
        'cases',
        'book',
        bookInput(`sl-${UNIT}-evidence-${compact(first)}-1500`, lawyer.bindingId),
        lawyer.openid,
      ),
    );
    expect(booked.status).toBe('booked');

    const me = await citizenWithProfile(t, 'slots');
    const listed = data(
      await t.call('cases', 'slots.list', { procuratorateId: UNIT, type: 'evidence' }, me),
    ).slots;
    expect(listed.map((s) => `${s.day} ${s.start} ${s.left}/${s.capacity}`)).toEqual([
      `${first} 09:00 4/4`,
      `${first} 15:00 0/1`,
      `${second} 08:30 2/2`,
    ]);
  });

  test('When slots.list is asked badly or by nobody, then it says so', async () => {
    expect(
      await t.call('cases', 'slots.list', { procuratorateId: UNIT, type: 'party' }, DEMO.citizen),
    ).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', issues: [{ path: 'type' }] } });
    expect(
      await t.call('cases', 'slots.list', { procuratorateId: UNIT, type: 'meeting' }),
    ).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });
});

describe('book', () => {
  test('When a lawyer books file reading on a bound case, then the place is taken, the answer falls due in 3 working days, and it is audited without messaging anyone', async () => {
    const lawyer = await boundLawyer();
    const slot = await openSlot('file_reading', 2);
    const view = data(
      await t.call('cases', 'book', bookInput(slot.id, lawyer.bindingId), lawyer.openid),
    ) as AppointmentView;
    const [c] = await t.find('cases', { _id: lawyer.caseId });
    expect(view).toMatchObject({
      type: 'file_reading',
      typeName: '阅卷',
      procuratorateName: '北京市朝阳区人民检察院',
      caseNumber: c.caseNumber,
      day: slot.day,
      start: '09:00',
      end: '10:00',
      status: 'booked',
      statusName: '待确认',
      reason: null,
      can: { cancel: true },
    });
    expect(view.answerDue).toBe(threeWorkingDaysAfter(new Date(view.createdAt)));

    const [stored] = await t.find('appointments', { _id: view.id });
    expect(stored).toMatchObject({
      slotId: slot.id,
      procuratorateId: UNIT,
      openid: lawyer.openid,
      bindingId: lawyer.bindingId,
      caseId: lawyer.caseId,
      requester: {
        name: expect.stringMatching(/^律师/),
        lawyer: true,
        firm: '北京市某某律师事务所',
      },
      version: 1,
    });
    expect(await slotDoc(slot.id)).toMatchObject({ booked: 1, holders: [lawyer.openid] });
    expect(await t.find('audit', { entity: 'appointment', entityId: view.id })).toEqual([
      expect.objectContaining({ action: 'book', by: { openid: lawyer.openid, staffId: null } }),
    ]);
    expect(await t.find('outbox', { 'ref.id': view.id })).toHaveLength(0);

    const mine = data(await t.call('cases', 'appointments.mine', {}, lawyer.openid));
    expect(mine).toMatchObject({ total: 1, items: [{ id: view.id }] });
  });

  test('When the same booking is sent twice, at once or later, then it is one appointment with one id and one place', async () => {
    const lawyer = await boundLawyer();
    const slot = await openSlot('meeting', 5);
    const input = bookInput(slot.id, lawyer.bindingId);
    const [a, b] = await Promise.all([
      t.call('cases', 'book', input, lawyer.openid),
      t.call('cases', 'book', input, lawyer.openid),
    ]);
    const later = await t.call('cases', 'book', input, lawyer.openid);
    expect(data(a).id).toBe(data(b).id);
    expect(data(later).id).toBe(data(a).id);
    expect(await t.find('appointments', { slotId: slot.id })).toHaveLength(1);
    expect((await slotDoc(slot.id)).booked).toBe(1);
  });

  test('When one person books the same slot again with another token, then it is refused while the first is live', async () => {
    const lawyer = await boundLawyer();
    const slot = await openSlot('meeting', 5);
    data(await t.call('cases', 'book', bookInput(slot.id, lawyer.bindingId), lawyer.openid));
    const again = await t.call(
      'cases',
      'book',
      bookInput(slot.id, lawyer.bindingId),
      lawyer.openid,
    );
    expect(again).toMatchObject({
      ok: false,
      error: { code: 'PRECONDITION_FAILED', message: '您已预约该时段，不能重复预约' },
    });
    expect((await slotDoc(slot.id)).booked).toBe(1);
  });

  test('When the slot is full, then booking is refused with 已约满', async () => {
    const [a, b] = [await boundLawyer(), await boundLawyer()];
    const slot = await openSlot('hearing', 1);
    data(await t.call('cases', 'book', bookInput(slot.id, a.bindingId), a.openid));
    expect(await t.call('cases', 'book', bookInput(slot.id, b.bindingId), b.openid)).toMatchObject({
      ok: false,
      error: { code: 'PRECONDITION_FAILED', message: FULL },
    });
  });

  test('When the input is bad, then book is BAD_REQUEST naming the field, and nothing is written', async () => {
    const lawyer = await boundLawyer();
    const slot = await openSlot('meeting', 5);
    const cases: [Record<string, unknown>, string][] = [
      [{ note: '太短' }, 'note'],
      [{ clientToken: 'x' }, 'clientToken'],
      [{ slotId: 'bad id!' }, 'slotId'],
      [{ extra: 1 }, 'extra'],
      [{ bindingId: undefined }, 'bindingId'],
    ];
    for (const [change, path] of cases) {
      const res = await t.call(
        'cases',
        'book',
        { ...bookInput(slot.id, lawyer.bindingId), ...change },
        lawyer.openid,
      );
      expect(res).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
      if (!res.ok) expect(res.error.issues?.map((i) => i.path)).toContain(path);
    }
    expect(
      await t.call('cases', 'book', bookInput('sl-nothing-here', lawyer.bindingId), lawyer.openid),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', issues: [{ path: 'slotId' }] } });
    expect(await t.find('appointments', { openid: lawyer.openid })).toHaveLength(0);
    expect((await slotDoc(slot.id)).booked).toBe(0);
  });

  test('When a lawyer is not bound to the case, or not as an approved defender of this procuratorate, then booking is NOT_FOUND or refused, and nothing is written', async () => {
    const slot = await openSlot('file_reading', 5);
    const owner = await boundLawyer();
    const stranger = await putLawyer();
    // Someone else's binding.
    expect(
      await t.call('cases', 'book', bookInput(slot.id, owner.bindingId), stranger),
    ).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: '未找到该绑定的案件', issues: [{ path: 'bindingId' }] },
    });
    // A binding still pending, or refused.
    for (const status of ['pending', 'refused']) {
      const b = await putBinding(stranger, owner.caseId, { status });
      expect(await t.call('cases', 'book', bookInput(slot.id, b), stranger)).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND', message: '未找到该绑定的案件' },
      });
    }
    // An approved binding to a case of another procuratorate.
    const elsewhere = await putCase({ procuratorateId: '110108' });
    const other = await putBinding(stranger, elsewhere);
    expect(await t.call('cases', 'book', bookInput(slot.id, other), stranger)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: '未找到该绑定的案件' },
    });
    // A binding that does not exist.
    expect(
      await t.call('cases', 'book', bookInput(slot.id, 'binding-none'), stranger),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: '未找到该绑定的案件' } });
    // Bound, but as a party rather than as a lawyer.
    const asParty = await putBinding(stranger, owner.caseId, { role: 'close_relative' });
    expect(await t.call('cases', 'book', bookInput(slot.id, asParty), stranger)).toMatchObject({
      ok: false,
      error: { code: 'PRECONDITION_FAILED' },
    });
    // Bound as defender, but the lawyer verification was not approved.
    const unverified = await putLawyer('refused');
    const b = await putBinding(unverified, owner.caseId);
    expect(await t.call('cases', 'book', bookInput(slot.id, b), unverified)).toMatchObject({
      ok: false,
      error: { code: 'PRECONDITION_FAILED', message: '请先通过律师身份核验' },
    });
    expect(await t.find('appointments', { slotId: slot.id })).toHaveLength(0);
    expect((await slotDoc(slot.id)).booked).toBe(0);
  });

  test('When a petitioner books a video reception, then a real-name profile is needed and no case', async () => {
    const slot = await openSlot('video_reception', 3);
    const me = await citizenWithProfile(t, 'video');
    const view = data(
      await t.call(
        'cases',
        'book',
        bookInput(slot.id, undefined, { note: '反映邻里纠纷长期未解决的问题' }),
        me,
      ),
    );
    expect(view).toMatchObject({
      type: 'video_reception',
      typeName: '视频接访',
      caseNumber: null,
      answerDue: null,
    });
    const [stored] = await t.find('appointments', { _id: view.id });
    expect(stored).toMatchObject({
      bindingId: null,
      caseId: null,
      requester: { name: '张三', lawyer: false, firm: null },
    });

    // DEMO.otherCitizen has no profile.
    expect(await t.call('cases', 'book', bookInput(slot.id), DEMO.otherCitizen)).toMatchObject({
      ok: false,
      error: { code: 'PRECONDITION_FAILED', message: '请先填写实名信息' },
    });
    const lawyer = await boundLawyer();
    expect(await t.call('cases', 'book', bookInput(slot.id, lawyer.bindingId), me)).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', issues: [{ path: 'bindingId' }] },
    });
    expect((await slotDoc(slot.id)).booked).toBe(1);
  });
});

describe('the excluded case kinds', () => {
  test.each([
    ['a juvenile case', { flags: { juvenile: true } }, '未成年人犯罪'],
    ['a state secret', { flags: { stateSecret: true } }, '涉及国家秘密'],
    ['terrorism', { flags: { sensitiveKind: 'terrorism' } }, '恐怖活动'],
    ['organised crime', { flags: { sensitiveKind: 'organised_crime' } }, '黑社会性质组织犯罪'],
  ])(
    'When online file reading is booked for %s, then it is refused with the reason',
    async (_what, opts, reason) => {
      const lawyer = await boundLawyer(opts);
      const slot = await openSlot('file_reading', 3);
      const res = await t.call(
        'cases',
        'book',
        bookInput(slot.id, lawyer.bindingId),
        lawyer.openid,
      );
      expect(res).toMatchObject({
        ok: false,
        error: {
          code: 'PRECONDITION_FAILED',
          message: `该案件属于${reason}案件，依规定不提供网上阅卷`,
        },
      });
      expect(await t.find('appointments', { slotId: slot.id })).toHaveLength(0);
      // Other requests on the same case are not affected.
      const meeting = await openSlot('meeting', 3);
      data(await t.call('cases', 'book', bookInput(meeting.id, lawyer.bindingId), lawyer.openid));
    },
  );

  test('When an administrator lists a cause on 网上阅卷排除案由, then its cases are not read online there, and removing it lets them be', async () => {
    const before = data(await t.call('cases', 'disclosure.settings.get', {}, DEMO.admin));
    expect(before).toMatchObject({ procuratorateId: UNIT, excludedCauses: [], version: 0 });
    const saved = data(
      await t.call(
        'cases',
        'disclosure.settings.save',
        { excludedCauses: [' 走私、贩卖毒品 ', '强奸'], version: 0 },
        DEMO.admin,
      ),
    );
    expect(saved).toMatchObject({
      procuratorateName: '北京市朝阳区人民检察院',
      excludedCauses: ['走私、贩卖毒品', '强奸'],
      version: 1,
      updatedByName: expect.any(String),
    });
    expect(data(await t.call('cases', 'disclosure.settings.get', {}, DEMO.admin))).toEqual(saved);

    const listed = await boundLawyer({ cause: '走私、贩卖 毒品罪' });
    const slot = await openSlot('file_reading', 3);
    expect(
      await t.call('cases', 'book', bookInput(slot.id, listed.bindingId), listed.openid),
    ).toMatchObject({
      ok: false,
      error: {
        code: 'PRECONDITION_FAILED',
        message: '该案件属于“走私、贩卖毒品”案件，依规定不提供网上阅卷',
      },
    });
    const ordinary = await boundLawyer({ cause: '诈骗罪' });
    data(await t.call('cases', 'book', bookInput(slot.id, ordinary.bindingId), ordinary.openid));

    const cleared = data(
      await t.call(
        'cases',
        'disclosure.settings.save',
        { excludedCauses: ['强奸'], version: 1 },
        DEMO.admin,
      ),
    );
    expect(cleared).toMatchObject({ excludedCauses: ['强奸'], version: 2 });
    data(await t.call('cases', 'book', bookInput(slot.id, listed.bindingId), listed.openid));
    const audit = await t.find('audit', { entity: 'disclosure_settings', entityId: UNIT });
    expect(audit.map((a) => a.detail)).toEqual([
      { added: ['走私、贩卖毒品', '强奸'], removed: [] },
      { added: [], removed: ['走私、贩卖毒品'] },
    ]);
    data(
      await t.call(
        'cases',
        'disclosure.settings.save',
        { excludedCauses: [], version: 2 },
        DEMO.admin,
      ),
    );
  });

  test('When someone other than an administrator asks for or saves the excluded causes, then it is refused and nothing changes', async () => {
    for (const who of [AG, DEMO.citizen, DEMO.registrar]) {
      for (const [action, input] of [
        ['disclosure.settings.get', {}],
        ['disclosure.settings.save', { excludedCauses: ['强奸'], version: 0 }],
      ] as const) {
        const res = await t.call('cases', action, input, who);
        expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      }
    }
    const nobody = await t.call('cases', 'disclosure.settings.get', {});
    expect(nobody).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    // Another procuratorate's administrator sees and saves only their own list.
    const other = data(
      await t.call('cases', 'disclosure.settings.get', {}, 'o-staff-110000-admin'),
    );
    expect(other).toMatchObject({ procuratorateId: '110000', excludedCauses: [] });
    expect(await t.find('disclosure_settings', { excludedCauses: '强奸' })).toEqual([]);
  });

  test.each([
    [
      'a cause too short',
      { excludedCauses: ['毒'], version: 0 },
      'excludedCauses.0',
      '案由至少2个字',
    ],
    [
      'a cause too long',
      { excludedCauses: ['长'.repeat(21)], version: 0 },
      'excludedCauses.0',
      '案由不能超过20个字',
    ],
    [
      'an empty cause',
      { excludedCauses: ['强奸', '  '], version: 0 },
      'excludedCauses.1',
      '请填写案由',
    ],
    [
      'a repeat (spacing and width aside)',
      { excludedCauses: ['强奸', ' 强 奸'], version: 0 },
      'excludedCauses.1',
      '案由“强 奸”重复',
    ],
    [
      'too many',
      { excludedCauses: Array.from({ length: 31 }, (_, i) => `案由${i}号`), version: 0 },
      'excludedCauses',
      '最多设置30个案由',
    ],
    ['no list', { excludedCauses: '强奸', version: 0 }, 'excludedCauses', '案由应为列表'],
    ['no version', { excludedCauses: ['强奸'] }, 'version', '版本应为数字'],
  ])(
    'When the excluded causes have %s, then BAD_REQUEST names the field and nothing is saved',
    async (_what, input, path, message) => {
      const res = await t.call('cases', 'disclosure.settings.save', input, DEMO.admin);
      expect(res).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
      if (!res.ok) expect(res.error.issues?.[0]).toMatchObject({ path, message });
      const [stored] = await t.find('disclosure_settings', { _id: UNIT });
      expect(stored?.excludedCauses ?? []).toEqual([]);
    },
  );

  test('When the page showed an older version, then the save answers CONFLICT and keeps what the other administrator saved', async () => {
    const { version } = data(await t.call('cases', 'disclosure.settings.get', {}, DEMO.admin));
    data(
      await t.call(
        'cases',
        'disclosure.settings.save',
        { excludedCauses: ['强奸'], version },
        DEMO.admin,
      ),
    );
    const stale = await t.call(
      'cases',
      'disclosure.settings.save',
      { excludedCauses: ['诈骗'], version },
      DEMO.admin,
    );
    expect(stale).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: '排除案由已被他人修改，请刷新后重新编辑' },
    });
    const now = data(await t.call('cases', 'disclosure.settings.get', {}, DEMO.admin));
    expect(now).toMatchObject({ excludedCauses: ['强奸'], version: version + 1 });
    data(
      await t.call(
        'cases',
        'disclosure.settings.save',
        { excludedCauses: [], version: now.version },
        DEMO.admin,
      ),
    );
  });

  test('When a case becomes sensitive after file reading was booked, then case management cannot confirm it, only refuse', async () => {
    const lawyer = await boundLawyer();
    const slot = await openSlot('file_reading', 3);
    const view = data(
      await t.call('cases', 'book', bookInput(slot.id, lawyer.bindingId), lawyer.openid),
    );
    const [c] = await t.find('cases', { _id: lawyer.caseId });
    await put('cases', {
      ...c,
      flags: { ...(c.flags as object), sensitiveKind: 'state_security' },
    });
    expect(
      await t.call('cases', 'appointments.decide', { id: view.id, confirm: true }, AG),
    ).toMatchObject({
      ok: false,
      error: { code: 'PRECONDITION_FAILED', message: expect.stringContaining('危害国家安全') },
    });
    const refused = data(
      await t.call(
        'cases',
        'appointments.decide',
        { id: view.id, confirm: false, reason: '本案涉及危害国家安全，不提供网上阅卷' },
        AG,
      ),
    );
    expect(refused.status).toBe('refused');
  });
});

describe('100 bookings at once', () => {
  test('When 100 lawyers book a slot of 10 places at the same time, then exactly 10 get one and nobody overbooks', async () => {
    const caseId = await putCase();
    const lawyers: { openid: string; bindingId: string }[] = [];
    for (let i = 0; i < 100; i++) {
      const openid = await putLawyer();
      lawyers.push({ openid, bindingId: await putBinding(openid, caseId) });
    }
    const slot = await openSlot('file_reading', 10);
    // Every instance started and warm first, so the bookings really meet.
    await Promise.all(
      Array.from({ length: 30 }, () =>
        t.call('cases', 'slots.list', { procuratorateId: UNIT, type: 'file_reading' }, AG),
      ),
    );

    const started = Date.now();
    const results = await Promise.all(
      lawyers.map((l) => t.call('cases', 'book', bookInput(slot.id, l.bindingId), l.openid)),
    );
    const ms = Date.now() - started;
    const ok = results.filter((r) => r.ok).length;
    const full = results.filter((r) => !r.ok && r.error.message === FULL).length;
    const busy = results.filter((r) => !r.ok && r.error.message === BUSY).length;
    const other = results.filter(
      (r) => !r.ok && r.error.message !== FULL && r.error.message !== BUSY,
    );
    console.log(
      `100 parallel bookings for 10 places: ${ok} booked, ${full} 已约满, ${busy} 系统繁忙, ${other.length} other, in ${ms} ms`,
    );
    expect(other).toEqual([]);
    expect(ok).toBe(10);
    expect(full + busy).toBe(90);

    const stored = await t.find('appointments', { slotId: slot.id });
    expect(stored).toHaveLength(10);
    expect(stored.every((s) => s.status === 'booked')).toBe(true);
    const doc = await slotDoc(slot.id);
    expect(doc.booked).toBe(10);
    expect(new Set(doc.holders).size).toBe(10);
    expect(new Set(stored.map((s) => s.openid))).toEqual(new Set(doc.holders));
    expect(await t.find('audit', { entity: 'appointment', 'detail.slotId': slot.id })).toHaveLength(
      10,
    );
  }, 120_000);
});

describe('cancel', () => {
  test('When the booker cancels, then the place is freed and someone else can take it', async () => {
    const [a, b] = [await boundLawyer(), await boundLawyer()];
    const slot = await openSlot('meeting', 1);
    const mine = data(await t.call('cases', 'book', bookInput(slot.id, a.bindingId), a.openid));
    expect(await t.call('cases', 'book', bookInput(slot.id, b.bindingId), b.openid)).toMatchObject({
      ok: false,
      error: { message: FULL },
    });

    // Nobody else may cancel it, staff included; they learn nothing of it.
    for (const who of [b.openid, AG, DEMO.citizen]) {
      expect(await t.call('cases', 'cancel', { id: mine.id }, who)).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
    }
    const cancelled = data(await t.call('cases', 'cancel', { id: mine.id }, a.openid));
    expect(cancelled).toMatchObject({
      status: 'cancelled',
      statusName: '已取消',
      can: { cancel: false },
    });
    expect(await slotDoc(slot.id)).toMatchObject({ booked: 0, holders: [] });
    expect(
      await t.find('audit', { entity: 'appointment', entityId: mine.id, action: 'cancel' }),
    ).toHaveLength(1);

    const theirs = data(await t.call('cases', 'book', bookInput(slot.id, b.bindingId), b.openid));
    expect(theirs.status).toBe('booked');
    expect(await slotDoc(slot.id)).toMatchObject({ booked: 1, holders: [b.openid] });

    expect(await t.call('cases', 'cancel', { id: mine.id }, a.openid)).toMatchObject({
      ok: false,
      error: { code: 'PRECONDITION_FAILED', message: '该预约已取消，不能取消' },
    });
    // The booker may book the slot again once theirs is cancelled — here it is full again.
    expect(await t.call('cases', 'book', bookInput(slot.id, a.bindingId), a.openid)).toMatchObject({
      ok: false,
      error: { message: FULL },
    });
  });

  test('When a confirmed appointment is cancelled, then its place is freed too; one whose period began cannot be', async () => {
    const lawyer = await boundLawyer();
    const slot = await openSlot('evidence', 2);
    const view = data(
      await t.call('cases', 'book', bookInput(slot.id, lawyer.bindingId), lawyer.openid),
    );
    data(await t.call('cases', 'appointments.decide', { id: view.id, confirm: true }, AG));
    expect(data(await t.call('cases', 'cancel', { id: view.id }, lawyer.openid)).status).toBe(
      'cancelled',
    );
    expect((await slotDoc(slot.id)).booked).toBe(0);

    // A booking on a slot that has begun (moved into the past in the store).
    const again = data(
      await t.call('cases', 'book', bookInput(slot.id, lawyer.bindingId), lawyer.openid),
    );
    const [stored] = await t.find('appointments', { _id: again.id });
    await put('appointments', { ...stored, day: plusDays(chinaDay(new Date()), -1) });
    expect(await t.call('cases', 'cancel', { id: again.id }, lawyer.openid)).toMatchObject({
      ok: false,
      error: { code: 'PRECONDITION_FAILED', message: '预约时段已开始，不能取消' },
    });
  });
});

describe('the staff inbox and decisions', () => {
  test('When case management open the inbox, then they see their procuratorate’s appointments, the earliest due first, with what is overdue', async () => {
    const fileReading = await openSlot('file_reading', 5);
    const measures = await openSlot('measures_change', 5);
    const meeting = await openSlot('meeting', 5);
    const lawyer = await boundLawyer();
    const m = data(
      await t.call('cases', 'book', bookInput(meeting.id, lawyer.bindingId), lawyer.openid),
    );
    const f = data(
      await t.call('cases', 'book', bookInput(fileReading.id, lawyer.bindingId), lawyer.openid),
    );
    const c = data(
      await t.call('cases', 'book', bookInput(measures.id, lawyer.bindingId), lawyer.openid),
    );
    expect(c.answerDue).toBe(threeDaysAfter(new Date(c.createdAt)));
    expect(m.answerDue).toBeNull();
    // One more, overdue: its due date moved into the past in the store.
    const another = await boundLawyer();
    const late = data(
      await t.call('cases', 'book', bookInput(measures.id, another.bindingId), another.openid),
    );
    const past = new Date(Date.now() - 2 * HOUR);
    const [lateDoc] = await t.find('appointments', { _id: late.id });
    await put('appointments', { ...lateDoc, answerDue: past, dueKey: past });

    const inbox = data(
      await t.call('cases', 'appointments.inbox', { status: 'booked', pageSize: 50 }, AG2),
    );
    const ids = inbox.items.map((i) => i.id);
    expect(inbox.items.every((i) => i.status === 'booked')).toBe(true);
    expect(ids[0]).toBe(late.id);
    expect(inbox.items[0]).toMatchObject({ overdue: true, version: 1 });
    const dues = inbox.items.map((i) => i.answerDue);
    const withDue = dues.filter((d): d is string => d !== null);
    expect(withDue).toEqual([...withDue].sort());
    expect(dues.indexOf(null)).toBeGreaterThan(dues.lastIndexOf(withDue[withDue.length - 1]));
    expect(ids).toEqual(expect.arrayContaining([m.id, f.id, c.id]));
    const item = inbox.items.find((i) => i.id === f.id) as AppointmentStaffView;
    expect(item).toMatchObject({
      overdue: false,
      requester: { lawyer: true, firm: '北京市某某律师事务所' },
      can: { cancel: false },
    });

    // Another procuratorate's case management see none of them.
    const other = data(await t.call('cases', 'appointments.inbox', { pageSize: 50 }, AG_OTHER));
    expect(other.items.map((i) => i.id)).not.toEqual(expect.arrayContaining([f.id]));
    expect(other.items.every((i) => i.procuratorateName === '北京市海淀区人民检察院')).toBe(true);
    // Staff who are not case management may not open it at all.
    for (const who of [DEMO.handler, DEMO.registrar, lawyer.openid]) {
      expect(await t.call('cases', 'appointments.inbox', {}, who)).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    }
  });

  test('When case management confirm or refuse, then only from booked, with the version shown, and the booker is told', async () => {
    const slot = await openSlot('file_reading', 3);
    const [a, b] = [await boundLawyer(), await boundLawyer()];
    const va = data(await t.call('cases', 'book', bookInput(slot.id, a.bindingId), a.openid));
    const vb = data(await t.call('cases', 'book', bookInput(slot.id, b.bindingId), b.openid));

    // Who may not decide.
    for (const who of [AG_OTHER]) {
      expect(
        await t.call('cases', 'appointments.decide', { id: va.id, confirm: true }, who),
      ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
    for (const who of [DEMO.handler, DEMO.leader, a.openid]) {
      expect(
        await t.call('cases', 'appointments.decide', { id: va.id, confirm: true }, who),
      ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    // A refusal without a reason names the field.
    expect(
      await t.call('cases', 'appointments.decide', { id: va.id, confirm: false }, AG),
    ).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', issues: [{ path: 'reason' }] } });
    // A stale page.
    expect(
      await t.call('cases', 'appointments.decide', { id: va.id, confirm: true, version: 7 }, AG),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((await t.find('appointments', { _id: va.id }))[0]).toMatchObject({
      status: 'booked',
      version: 1,
    });

    const confirmed = data(
      await t.call('cases', 'appointments.decide', { id: va.id, confirm: true, version: 1 }, AG),
    );
    expect(confirmed).toMatchObject({ status: 'confirmed', statusName: '已确认', version: 2 });
    expect(
      await t.call(
        'cases',
        'appointments.decide',
        { id: va.id, confirm: false, reason: '改期' },
        AG2,
      ),
    ).toMatchObject({
      ok: false,
      error: { code: 'PRECONDITION_FAILED', message: '该预约已确认，不能再处理' },
    });

    const refused = data(
      await t.call(
        'cases',
        'appointments.decide',
        { id: vb.id, confirm: false, reason: '该时段检察官另有安排，请改约其他时段' },
        AG2,
      ),
    );
    expect(refused).toMatchObject({
      status: 'refused',
      reason: '该时段检察官另有安排，请改约其他时段',
    });
    // A refusal frees the place; the confirmation keeps its own.
    expect(await slotDoc(slot.id)).toMatchObject({ booked: 1, holders: [a.openid] });

    const told = await t.find('outbox', { template: 'appointmentResult' });
    const toA = told.find((o) => o.touser === a.openid) as Record<string, unknown>;
    const toB = told.find((o) => o.touser === b.openid) as Record<string, unknown>;
    expect(toA).toMatchObject({
      templateId: templates.appointmentResult.id,
      ref: { entity: 'appointment', id: va.id },
      data: {
        thing1: { value: '阅卷' },
        phrase2: { value: '已确认' },
        time3: { value: expect.stringMatching(/ 09:00$/) },
      },
    });
    expect(toB).toMatchObject({
      data: {
        phrase2: { value: '未同意' },
        thing4: { value: expect.stringMatching(/^该时段检察官另有安排/) },
      },
    });
    expect(
      (await t.find('audit', { entity: 'appointment', entityId: { $in: [va.id, vb.id] } }))
        .map((e) => e.action)
        .sort(),
    ).toEqual(['book', 'book', 'confirm', 'refuse']);

    const mine = data(await t.call('cases', 'appointments.mine', {}, b.openid));
    expect(mine.items[0]).toMatchObject({ id: vb.id, status: 'refused', can: { cancel: false } });
  });

  test('When someone has many appointments, then appointments.mine pages them newest first', async () => {
    const lawyer = await boundLawyer();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const slot = await openSlot('hearing', 2);
      ids.push(
        data(await t.call('cases', 'book', bookInput(slot.id, lawyer.bindingId), lawyer.openid)).id,
      );
    }
    const first = data(await t.call('cases', 'appointments.mine', { pageSize: 2 }, lawyer.openid));
    const second = data(
      await t.call('cases', 'appointments.mine', { page: 2, pageSize: 2 }, lawyer.openid),
    );
    expect(first.total).toBe(3);
    expect([...first.items, ...second.items].map((i) => i.id)).toEqual([...ids].reverse());
    expect(
      await t.call('cases', 'appointments.mine', { pageSize: 500 }, lawyer.openid),
    ).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', issues: [{ path: 'pageSize' }] } });
  });
});

describe('deadlines on the shipped calendar', () => {
  const cal = new WorkCalendar(SHIPPED);

  // The function's own counting (booking.ts answerDueFor, with the calendar as shipped), on days
  // chosen across a weekend and National Day 2026; the counting above, used to check what the
  // function stored today, agrees on each.
  test.each([
    // Friday → Monday, Tuesday, Wednesday.
    ['2026-11-27T10:00:00+08:00', 'file_reading', '2026-12-02'],
    // 30 Sept → 1–7 Oct off, then 8 and 9 Oct and Saturday 10 Oct, a 调休 working day.
    ['2026-09-30T10:00:00+08:00', 'file_reading', '2026-10-10'],
    // 3 days from 30 Sept is 3 Oct, a holiday: moved to the next working day.
    ['2026-09-30T10:00:00+08:00', 'measures_change', '2026-10-08'],
    // Thursday → Sunday: moved to Monday.
    ['2026-11-26T10:00:00+08:00', 'measures_change', '2026-11-30'],
    // Late at night China time is still that day: Friday 23:30 → Wednesday.
    ['2026-11-27T23:30:00+08:00', 'file_reading', '2026-12-02'],
  ] as const)('When booked at %s, then %s is answered by the end of %s', (at, type, day) => {
    const expected = endOfChinaDay(day);
    expect(answerDueFor(type, new Date(at), cal)?.toISOString()).toBe(expected);
    const count = type === 'file_reading' ? threeWorkingDaysAfter : threeDaysAfter;
    expect(count(new Date(at))).toBe(expected);
  });

  test('When the kind has no time limit, then nothing falls due', () => {
    for (const type of ['meeting', 'evidence', 'hearing', 'video_reception'] as const) {
      expect(answerDueFor(type, new Date('2026-09-30T10:00:00+08:00'), cal)).toBeNull();
    }
  });
});
