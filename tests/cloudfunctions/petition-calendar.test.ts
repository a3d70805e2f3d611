// The working-day calendar's administration on devcloud: only an administrator of the Supreme
// People's Procuratorate may change a year; bad dates are named; a change is audited and moves the
// stored due dates of open petitions at once (and the scheduler resumes a recomputation left over).
import type { CalendarView } from '../../typings/calendar';
import { citizenWithProfile, submitPetition } from '../helpers/petition';
import { data, DEMO, openTestCloud, type TestCloud } from '../helpers/cloud';

const SPP_ADMIN = 'o-staff-100000-admin';
let t: TestCloud;

beforeAll(async () => {
  t = await openTestCloud();
}, 60_000);
afterAll(async () => {
  await t.close();
});

/** The China day a stored moment falls on. */
const chinaDay = (iso: string) =>
  new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 10);

async function stored(id: string) {
  const [doc] = await t.find('petitions', { _id: id });
  return doc as { dueAt: string; marks?: { proceduralDue: string } };
}

function yearOf(view: CalendarView, year: number) {
  const y = view.years.find((x) => x.year === year);
  if (!y) throw new Error(`no calendar for ${year}`);
  return y;
}

test('Staff read the calendar; only the Supreme People’s Procuratorate’s administrator may edit it', async () => {
  const seen = data(await t.call('petition', 'calendar.get', {}, DEMO.registrar));
  expect(seen.years.map((y) => [y.year, y.status])).toEqual([
    [2026, 'official'],
    [2027, 'provisional'],
  ]);
  expect(yearOf(seen, 2026).holidays).toContain('2026-10-01');
  expect(seen.editable).toBe(false);
  expect(data(await t.call('petition', 'calendar.get', {}, SPP_ADMIN)).editable).toBe(true);

  const year2026 = yearOf(seen, 2026);
  const input = {
    year: 2026,
    holidays: year2026.holidays,
    workdays: year2026.workdays,
    status: 'official',
    source: year2026.source,
  };
  for (const who of [DEMO.admin, 'o-staff-110000-admin']) {
    const r = await t.call('petition', 'calendar.set', input, who);
    expect(r.ok ? 'ok' : r.error).toMatchObject({
      code: 'FORBIDDEN',
      message: '节假日日历由最高人民检察院管理员维护',
    });
  }
  const r = await t.call('petition', 'calendar.set', input, DEMO.leader);
  expect(r.ok ? 'ok' : r.error.code).toBe('FORBIDDEN');
  const citizen = await t.call('petition', 'calendar.get', {}, DEMO.citizen);
  expect(citizen.ok ? 'ok' : citizen.error.code).toBe('FORBIDDEN');
});

test.each([
  [{ holidays: ['2027-01-01'] }, 'holidays.0', '放假日期“2027-01-01”不在2026年'],
  [{ holidays: ['2026-02-30'] }, 'holidays.0', '放假日期“2026-02-30”不是有效日期'],
  [{ holidays: ['2026-05-01', '2026-05-01'] }, 'holidays.1', '放假日期“2026-05-01”重复'],
  [{ workdays: ['2026-12-01'] }, 'workdays.0', '调休上班日“2026-12-01”应为周六或周日'],
  [
    { holidays: ['2026-12-05'], workdays: ['2026-12-05'] },
    'workdays.0',
    '“2026-12-05”不能既放假又上班',
  ],
  [{ holidays: ['20261201'] }, 'holidays.0', '放假日期应为YYYY-MM-DD格式的日期'],
  [{ source: '' }, 'source', undefined],
])('When %o is sent, then %s is named and nothing is written', async (change, path, message) => {
  const before = await t.find('calendar', { _id: '2026' });
  const r = await t.call(
    'petition',
    'calendar.set',
    {
      year: 2026,
      holidays: [],
      workdays: [],
      status: 'official',
      source: '国务院办公厅通知',
      ...change,
    },
    SPP_ADMIN,
  );
  expect(r.ok).toBe(false);
  if (r.ok) return;
  expect(r.error.code).toBe('BAD_REQUEST');
  expect(r.error.issues?.[0]?.path).toBe(path);
  if (message) expect(r.error.issues?.[0]?.message).toBe(message);
  expect(await t.find('calendar', { _id: '2026' })).toEqual(before);
});

test('When a day off is added on an open petition’s due day, then its stored due date moves to the next working day, and back when removed; the change is audited', async () => {
  const me = await citizenWithProfile(t, 'calendar');
  const id = await submitPetition(t, me);
  const first = await stored(id);
  const dueDay = chinaDay(first.dueAt);
  const year = Number(dueDay.slice(0, 4));
  const current = yearOf(data(await t.call('petition', 'calendar.get', {}, SPP_ADMIN)), year);
  const base = {
    year,
    holidays: current.holidays,
    workdays: current.workdays.filter((d) => d !== dueDay),
    status: current.status,
    source: current.source,
  };

  const changed = data(
    await t.call(
      'petition',
      'calendar.set',
      { ...base, holidays: [...current.holidays, dueDay] },
      SPP_ADMIN,
    ),
  );
  expect(yearOf(changed, year)).toMatchObject({ updatedByName: '孙伟' });
  expect(changed.recompute).toMatchObject({ done: true });
  expect(changed.recompute?.updated).toBeGreaterThanOrEqual(1);
  const moved = await stored(id);
  expect(chinaDay(moved.dueAt) > dueDay).toBe(true);
  const view = data(await t.call('petition', 'get', { id }, me));
  expect(chinaDay(view.replyExpectedBy as string)).toBe(chinaDay(moved.dueAt));

  data(await t.call('petition', 'calendar.set', base, SPP_ADMIN));
  expect(chinaDay((await stored(id)).dueAt)).toBe(dueDay);

  const audits = await t.find('audit', { entity: 'calendar', entityId: String(year) });
  expect(audits.map((a) => (a.detail as { holidaysAdded: string[] }).holidaysAdded)).toEqual(
    expect.arrayContaining([[dueDay]]),
  );
});

test('When a recomputation was left unfinished, then the scheduler resumes and finishes it', async () => {
  const me = await citizenWithProfile(t, 'calendar-resume');
  const id = await submitPetition(t, me);
  const raw = t.cloud.store.raw;
  // Its due date made stale, and a job pending from the first petition.
  const doc = JSON.parse(
    raw.prepare('SELECT doc FROM "coll_petitions" WHERE _id = ?').pluck().get(id) as string,
  ) as Record<string, unknown>;
  const right = doc.dueAt;
  doc.dueAt = { $date: '2026-01-05T15:59:59.999Z' };
  raw.prepare('UPDATE "coll_petitions" SET doc = ? WHERE _id = ?').run(JSON.stringify(doc), id);
  await t.cloud.store.handle('database.modifyDocument', {
    collectionName: 'calendar_recompute',
    queryType: 'DOC',
    query: JSON.stringify({ _id: 'current' }),
    data: JSON.stringify({
      startedAt: { $date: new Date().toISOString() },
      after: null,
      done: false,
      checked: 0,
      updated: 0,
    }),
    multi: false,
    merge: false,
    upsert: true,
  });
  const run = await t.cloud.fireTimer('scheduler', new Date());
  expect(run.result).toMatchObject({ ok: true, data: { recomputed: { done: true } } });
  expect(
    (run.result as { data: { recomputed: { updated: number } } }).data.recomputed.updated,
  ).toBeGreaterThanOrEqual(1);
  expect(new Date((await stored(id)).dueAt).toISOString()).toBe(
    new Date((right as { $date: string }).$date).toISOString(),
  );
  const again = await t.cloud.fireTimer('scheduler', new Date());
  expect(again.result).toMatchObject({ data: { recomputed: { checked: 0, done: true } } });
});
