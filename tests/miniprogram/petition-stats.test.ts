// 信访统计 (staff/petition-stats): a leader sees the procuratorate's figures beside the national
// ones (highlighted when below), the tables by kind, month and department, and can change the
// months and the department; a reversed range is named under its picker; a procuratorate with
// nothing received shows the empty state; citizens and handlers are refused; the inbox offers the
// page to leaders only. Every call runs the real `petition` function on devcloud.
import { buildPetition } from '../helpers/petition';
import { citizenWithProfile } from './builders';
import { DEMO, Harness } from './harness';

jest.setTimeout(120_000);

const DAY = 24 * 3600_000;
const OTHER_LEADER = 'o-staff-110000-leader';

let h: Harness;
let statsPage: string;
let inboxPage: string;

/** `YYYY-MM` of a moment in China time. */
const monthOf = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 7);

/** Moves every date of a stored petition `days` days back. */
function age(id: string, days: number) {
  const raw = h.cloud.store.raw;
  const doc = JSON.parse(
    raw.prepare('SELECT doc FROM "coll_petitions" WHERE _id = ?').pluck().get(id) as string,
  ) as unknown;
  const shift = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(shift);
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.$date === 'string') {
        return { $date: new Date(Date.parse(o.$date) - days * DAY).toISOString() };
      }
      return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, shift(x)]));
    }
    return v;
  };
  raw
    .prepare('UPDATE "coll_petitions" SET doc = ? WHERE _id = ?')
    .run(JSON.stringify(shift(doc)), id);
}

beforeAll(async () => {
  h = await Harness.start();
  statsPage = h.load('staff/petition-stats/index');
  inboxPage = h.load('staff/petition-inbox/index');
  const me = await citizenWithProfile(h, 'stats');
  const file = async (extra: Record<string, unknown> = {}) =>
    (await h.data('petition', 'submit', buildPetition(extra) as never, me)).id;
  // One accepted at once (on time), one accepted 20 days late: 7-day rate 50 %, below 99.8 %.
  const onTime = await file();
  await h.data('petition', 'register', { id: onTime, departmentId: '110105-ks' }, DEMO.registrar);
  await h.data('petition', 'accept', { id: onTime }, DEMO.registrar);
  const late = await file();
  age(late, 20);
  await h.data('petition', 'register', { id: late, departmentId: '110105-ms' }, DEMO.registrar);
  await h.data('petition', 'accept', { id: late }, DEMO.registrar);
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => h.reset());

function statsCalls() {
  return h.recorded.calls.filter((c) => c.action === 'stats');
}

test('When a leader opens it, then the figures stand beside the national ones, the one below is marked, and the tables list kinds, months and departments', async () => {
  const page = await h.as(DEMO.leader).open(statsPage);
  expect(page.data.state).toBe('ready');
  const now = new Date();
  const [y, m] = monthOf(now).split('-').map(Number);
  const first = y * 12 + m - 1 - 11;
  const from = `${Math.floor(first / 12)}-${String((first % 12) + 1).padStart(2, '0')}`;
  expect(statsCalls()[0].input).toEqual({ from, to: monthOf(now) });
  expect(page.text('#unit-name')).toBe(DEMO.unitName);
  expect(page.text('#period')).toContain('收到信访2件');
  expect(page.text('#procedural-rate')).toBe('50%');
  expect(page.text('#procedural-national')).toBe('全国2023年：99.8%');
  expect(page.has('#procedural-below')).toBe(true);
  expect(page.text('#result-rate')).toBe('—');
  expect(page.text('#result-national')).toBe('全国2023年：97.3%');
  expect(page.has('#result-below')).toBe(false);
  expect(page.text('#overdue-now')).toBe('0件');
  expect(page.text('#definition')).toContain('最高人民检察院');
  expect(page.texts('.kind-row .stat-name')).toEqual(['其他信访']);
  expect(page.count('.month-row')).toBe(12);
  expect(page.texts('.department-row .stat-name')).toEqual(['控告申诉检察部', '民事检察部']);
  expect(page.texts('.department-row .value-below')).toEqual(['7日回复 0%（0/1）']);
  expect(page.text('#department')).toBe('全院');
});

test('When the leader picks a department, then only its petitions are counted', async () => {
  const page = await h.as(DEMO.leader).open(statsPage);
  const options = page.data.departmentOptions as { id: string; name: string }[];
  const ks = options.findIndex((o) => o.id === '110105-ks');
  await page.change('#department-picker', ks);
  expect(statsCalls().at(-1)?.input).toMatchObject({ departmentId: '110105-ks' });
  expect(page.text('#department')).toBe('控告申诉检察部');
  expect(page.text('#unit-name')).toBe(`${DEMO.unitName} · 控告申诉检察部`);
  expect(page.text('#procedural-rate')).toBe('100%');
  expect(page.has('#procedural-below')).toBe(false);
});

test('When the months are changed, then the range is asked for; a reversed range is named under 截止月份 and the figures stay', async () => {
  const page = await h.as(DEMO.leader).open(statsPage);
  const thisMonth = monthOf(new Date());
  await page.change('#from-picker', thisMonth);
  expect(statsCalls().at(-1)?.input).toEqual({ from: thisMonth, to: thisMonth });
  expect(page.count('.month-row')).toBe(1);
  await page.change('#to-picker', '2020-01');
  expect(page.text('#error-to')).toBe('截止月份不能早于起始月份');
  expect(page.data.state).toBe('ready');
  expect(page.has('#summary')).toBe(true);
});

test('When nothing was received in the range, then the empty state says so', async () => {
  const page = await h.as(OTHER_LEADER).open(statsPage);
  expect(page.data.state).toBe('ready');
  expect(page.text('#empty-state .state-title')).toBe('统计期间内没有收到信访');
  expect(page.has('#by-kind')).toBe(false);
});

test('When a citizen or a handler opens it, then the function refuses and the page says who may see it', async () => {
  for (const who of [DEMO.citizen, DEMO.handler]) {
    const page = await h.as(who).open(statsPage);
    expect(page.data.state).toBe('forbidden');
    expect(page.text('#forbidden-state .state-title')).toBe('仅限本院审批领导和管理员查看');
    page.close();
  }
});

test('When the network fails, then the error state offers to reload, and reloading shows the figures', async () => {
  h.networkDown = true;
  const page = await h.as(DEMO.leader).open(statsPage);
  expect(page.data.state).toBe('error');
  h.networkDown = false;
  await page.tap('#retry');
  expect(page.data.state).toBe('ready');
  expect(page.text('#procedural-rate')).toBe('50%');
});

test('When a leader opens the inbox, then 信访统计 is offered and opens the page; a registrar is not offered it', async () => {
  const page = await h.as(DEMO.leader).open(inboxPage);
  await page.tap('#open-stats');
  expect(h.recorded.navigations).toEqual([
    { kind: 'navigateTo', url: '/staff/petition-stats/index' },
  ]);
  page.close();
  const registrar = await h.as(DEMO.registrar).open(inboxPage);
  expect(registrar.has('#open-stats')).toBe(false);
  expect(registrar.has('#file-offline')).toBe(true);
});
