// 节假日日历 (staff/calendar): every staff member reads the working-day calendar year by year; the
// administrator of the Supreme People's Procuratorate adds or removes days and saves after a
// confirmation, and open petitions' due dates are recomputed; a date the function refuses shows
// under its own item and nothing is saved; a cancelled confirmation sends nothing; citizens are
// refused. Every call runs the real `petition` function on devcloud.
import {
  CALENDAR_LIMITS,
  CALENDAR_STATUSES,
  CALENDAR_STATUS_NAMES,
  type CalendarYearView,
} from '../../typings/calendar';
import type { PetitionSubmitInput } from '../../typings/petition';
import { buildPetition } from '../helpers/petition';
import { citizenWithProfile } from './builders';
import { DEMO, Harness, type PageHandle } from './harness';

jest.setTimeout(120_000);

const SPP_ADMIN = 'o-staff-100000-admin';

let h: Harness;
let calendarPage: string;
let mePage: string;

beforeAll(async () => {
  h = await Harness.start();
  calendarPage = h.load('staff/calendar/index');
  mePage = h.load('pages/me/index');
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => h.reset());

interface DayRow {
  date: string;
  error: string;
}

/** Shows `year` through the year picker, as choosing it does. */
async function showYear(page: PageHandle, year: number) {
  const index = (page.data.yearOptions as { year: number }[]).findIndex((o) => o.year === year);
  expect(index).toBeGreaterThanOrEqual(0);
  if (index !== page.data.yearIndex) await page.change('#year-picker', index);
  expect(page.data.year).toBe(year);
}

const dates = (page: PageHandle, list: 'holidays' | 'workdays') =>
  (page.data[list] as DayRow[]).map((r) => r.date);

const saveCalls = () => h.recorded.calls.filter((c) => c.action === 'calendar.set');

async function stored(year: number): Promise<CalendarYearView> {
  const view = await h.data('petition', 'calendar.get', {}, DEMO.registrar);
  const found = view.years.find((y) => y.year === year);
  if (!found) throw new Error(`no calendar for ${year}`);
  return found;
}

describe('我的', () => {
  test('When staff open 我的, then 节假日日历 is offered to every role and opens the page; citizens do not see it', async () => {
    for (const who of [DEMO.registrar, DEMO.handler, DEMO.leader, SPP_ADMIN]) {
      const page = await h.as(who).open(mePage);
      expect(page.text('#link-calendar .cell-body')).toBe('节假日日历');
      page.close();
    }
    const page = await h.as(DEMO.handler).open(mePage);
    await page.tap('#link-calendar');
    expect(h.recorded.navigations).toEqual([{ kind: 'navigateTo', url: '/staff/calendar/index' }]);
    const citizen = await h.as(DEMO.citizen).open(mePage);
    expect(citizen.has('#link-calendar')).toBe(false);
  });
});

describe('who sees what', () => {
  test('When a registrar opens it, then 2026 shows read-only with its holidays by month, 2027 shows as provisional, and nothing can be changed', async () => {
    const page = await h.as(DEMO.registrar).open(calendarPage);
    expect(page.data.state).toBe('ready');
    expect(page.data.editable).toBe(false);
    expect(page.text('#read-only-note')).toContain('由最高人民检察院管理员维护');
    expect(page.text('#weekend-note')).toContain('未收录的年份，只按周六、周日');
    // only the years held: no new year for a reader
    expect((page.data.yearOptions as { name: string }[]).map((o) => o.name)).toEqual([
      '2026年',
      '2027年',
    ]);

    await showYear(page, 2026);
    expect(page.text('#year-name')).toBe('2026年');
    expect(page.text('#status')).toBe(CALENDAR_STATUS_NAMES.official);
    expect(page.text('#source')).toContain('国务院办公厅关于2026年部分节假日安排的通知');
    const months = page.texts('.month-group');
    expect(months).toContain('10月：1日–7日');
    expect(months).toContain('2月：15日–23日');
    expect(months[0]).toBe('1月：1日–3日');
    expect(page.texts('.workday')).toContain('10月10日（周六）');
    expect(page.text('#updated')).toBe('预置数据，尚未修改');

    await showYear(page, 2027);
    expect(page.text('#status')).toBe('暂按法定节日，待通知发布');
    expect(page.text('#source')).toContain('2027年调休安排公布后由管理员更新');
    expect(page.texts('.month-group')).toContain('10月：1日–3日');
    expect(page.texts('.month-group')).toContain('4月：5日');
    expect(page.has('#no-workdays')).toBe(true);

    // no edit controls
    for (const selector of [
      '#save',
      '#add-holiday',
      '#add-workday',
      '#status-picker',
      '#source-input',
      '#remove-holiday-0',
      '#remove-workday-0',
      '.day',
    ]) {
      expect(page.has(selector)).toBe(false);
    }
    expect(page.has('#year-picker')).toBe(true);
  });

  test('When a citizen opens it, then the function refuses and the page says who may see it', async () => {
    const page = await h.as(DEMO.citizen).open(calendarPage);
    expect(page.data.state).toBe('forbidden');
    expect(page.text('#forbidden-state .state-title')).toBe('仅限检察院工作人员查看');
    expect(page.has('#holidays')).toBe(false);
    expect(
      h.recorded.calls.some((c) => c.action === 'calendar.get' && c.openid === DEMO.citizen),
    ).toBe(true);
    await page.tap('#home');
    expect(h.recorded.navigations).toEqual([{ kind: 'switchTab', url: '/pages/index/index' }]);
  });

  test('When the page offers statuses and limits, then they are the contract’s', async () => {
    const page = await h.as(SPP_ADMIN).open(calendarPage);
    expect(page.data.statusOptions).toEqual(
      CALENDAR_STATUSES.map((value) => ({ value, name: CALENDAR_STATUS_NAMES[value] })),
    );
    expect(page.data.limits).toMatchObject(CALENDAR_LIMITS);
  });
});

describe('the administrator of the Supreme People’s Procuratorate', () => {
  test('When the administrator opens it, then every year can be edited, and 新增年份 offers the next year empty and provisional', async () => {
    const page = await h.as(SPP_ADMIN).open(calendarPage);
    expect(page.data.editable).toBe(true);
    expect(page.has('#read-only-note')).toBe(false);
    expect((page.data.yearOptions as { name: string }[]).map((o) => o.name)).toEqual([
      '2026年',
      '2027年',
      '新增年份（2028年）',
    ]);
    await showYear(page, 2026);
    expect(page.count('.day')).toBe(33 + 6);
    expect(page.text('#holiday-0 .day-label')).toBe('1月1日 周四');
    expect(page.has('#remove-holiday-0')).toBe(true);
    expect(page.has('#add-workday')).toBe(true);
    expect(page.has('#status-picker')).toBe(true);
    expect(page.has('#source-input')).toBe(true);
    expect(page.data.dirty).toBe(false);

    await showYear(page, 2028);
    expect(page.data).toMatchObject({ isNew: true, dirty: true, source: '' });
    expect(page.text('#status')).toBe('暂按法定节日，待通知发布');
    expect(page.has('#no-holidays')).toBe(true);
    expect(page.has('#no-workdays')).toBe(true);
    expect(page.text('#new-year-note')).toContain('2028年尚未收录');
    // the date pickers stay within the year
    expect(page.data).toMatchObject({ yearStart: '2028-01-01', yearEnd: '2028-12-31' });
    // nothing to send without a source: the page says so before asking
    await page.tap('#save');
    expect(page.text('#error-source')).toBe('请填写依据');
    expect(h.recorded.modals).toEqual([]);
    expect(saveCalls()).toEqual([]);
  });

  test('When the administrator adds a day but cancels the confirmation, then nothing is sent', async () => {
    const page = await h.as(SPP_ADMIN).open(calendarPage);
    await showYear(page, 2026);
    await page.change('#add-holiday', '2026-12-31');
    expect(dates(page, 'holidays')).toContain('2026-12-31');
    expect(page.data.dirty).toBe(true);
    h.modalAnswer = 'cancel';
    await page.tap('#save');
    expect(h.recorded.modals).toHaveLength(1);
    expect(h.recorded.modals[0]).toMatchObject({ title: '确认保存节假日日历', showCancel: true });
    expect(h.recorded.modals[0].content).toContain(
      '保存后，所有未办结信访的期限将按新日历重新计算',
    );
    expect(saveCalls()).toEqual([]);
    expect(page.data).toMatchObject({ saving: false, dirty: true });
    expect((await stored(2026)).holidays).not.toContain('2026-12-31');

    // removing it again is no change any more
    const at = dates(page, 'holidays').indexOf('2026-12-31');
    await page.tap(`#remove-holiday-${at}`);
    expect(dates(page, 'holidays')).not.toContain('2026-12-31');
    expect(page.data.dirty).toBe(false);
  });

  test('When a working day on a weekday is sent, then the function’s error shows under that day and nothing is saved', async () => {
    const before = await stored(2026);
    const page = await h.as(SPP_ADMIN).open(calendarPage);
    await showYear(page, 2026);
    // 2026-12-01 is a Tuesday; sorted after the six held working days, it is the seventh item
    await page.change('#add-workday', '2026-12-01');
    const at = dates(page, 'workdays').indexOf('2026-12-01');
    expect(at).toBe(6);
    expect(page.text(`#workday-${at} .day-label`)).toBe('12月1日 周二');
    await page.tap('#save');
    expect(saveCalls()).toHaveLength(1);
    const sent = saveCalls()[0].input as { workdays: string[]; holidays: string[] };
    expect(sent.workdays).toEqual([...sent.workdays].sort());
    expect(sent.workdays[at]).toBe('2026-12-01');
    expect(page.text(`#error-workdays-${at}`)).toBe('调休上班日“2026-12-01”应为周六或周日');
    expect(page.has(`#workday-${at}.field-invalid`)).toBe(true);
    expect(page.count('.field-error')).toBe(1);
    expect(page.has('#form-error')).toBe(false);
    expect(h.recorded.toasts).toEqual([]);
    expect(page.data.dirty).toBe(true);
    expect(await stored(2026)).toEqual(before);

    // removing the day clears the error
    await page.tap(`#remove-workday-${at}`);
    expect(page.count('.field-error')).toBe(0);
    expect(page.data.dirty).toBe(false);
  });

  test('When the administrator adds a holiday on an open petition’s due day and confirms, then it is saved and the petition’s due date is recomputed', async () => {
    // An open petition, whose procedural reply is due on `dueDay`
    const citizen = await citizenWithProfile(h, 'cal', '张三');
    const input = buildPetition({ kind: 'other' }) as unknown as PetitionSubmitInput;
    const { id } = await h.data('petition', 'submit', input, citizen);
    const chinaDay = (iso: string) =>
      new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    const seen = await h.data('petition', 'get', { id }, citizen);
    const dueDay = chinaDay(seen.replyExpectedBy as string);
    const year = Number(dueDay.slice(0, 4));
    const before = await stored(year);

    try {
      const page = await h.as(SPP_ADMIN).open(calendarPage);
      await showYear(page, year);
      // a 调休 working day on the due day would be refused alongside: drop it first
      const clash = dates(page, 'workdays').indexOf(dueDay);
      if (clash >= 0) await page.tap(`#remove-workday-${clash}`);
      await page.change('#add-holiday', dueDay);
      expect(dates(page, 'holidays')).toEqual([...before.holidays, dueDay].sort());

      await page.tap('#save');
      expect(h.recorded.modals).toHaveLength(1);
      expect(h.recorded.modals[0].content).toContain(
        '保存后，所有未办结信访的期限将按新日历重新计算',
      );
      expect(saveCalls()).toHaveLength(1);
      expect(saveCalls()[0].input).toMatchObject({ year, holidays: dates(page, 'holidays') });
      expect(h.recorded.toasts.map((t) => t.title)).toEqual(['节假日日历已保存']);
      expect(page.data).toMatchObject({ saving: false, dirty: false, year });
      expect(dates(page, 'holidays')).toContain(dueDay);
      expect(page.text('#updated')).toMatch(/^最近修改：孙伟 \d{4}-\d\d-\d\d \d\d:\d\d$/);
      const recompute = /^已重新计算(\d+)件未办结信访的期限，其中(\d+)件有变化$/.exec(
        page.text('#recompute'),
      );
      expect(recompute).not.toBeNull();
      expect(Number(recompute?.[1])).toBeGreaterThanOrEqual(1);
      expect(Number(recompute?.[2])).toBeGreaterThanOrEqual(1);

      // read back through the function, and on the petition
      expect((await stored(year)).holidays).toContain(dueDay);
      expect((await stored(year)).updatedByName).toBe('孙伟');
      const after = await h.data('petition', 'get', { id }, citizen);
      expect(chinaDay(after.replyExpectedBy as string) > dueDay).toBe(true);

      // a registrar now sees who changed it
      const reader = await h.as(DEMO.registrar).open(calendarPage);
      await showYear(reader, year);
      expect(reader.text('#updated')).toMatch(/^孙伟 \d{4}-/);
    } finally {
      // the shipped calendar back, for the other tests of this run
      await h.data(
        'petition',
        'calendar.set',
        {
          year,
          holidays: before.holidays,
          workdays: before.workdays,
          status: before.status,
          source: before.source,
        },
        SPP_ADMIN,
      );
    }
  });
});
