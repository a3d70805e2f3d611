// Petition statistics (`petition.stats`) run as the built bundle on devcloud. The functions read
// the real clock, so petitions are filed now and then moved back in time in the store (every date
// of the document, its stored marks included), before or after the steps that meet their marks:
// replied in time, replied late, never replied, answered in time, not answered, refused. Every
// figure is checked against what those petitions must give; leaders see only their own
// procuratorate, citizens, handlers and registrars are refused, and bad ranges are named.
import type { PetitionStats } from '../../typings/petition-stats';
import { citizenWithProfile, submitPetition } from '../helpers/petition';
import { data, DEMO, openTestCloud, type TestCloud } from '../helpers/cloud';

let t: TestCloud;
const DAY = 24 * 3600_000;
const OTHER_LEADER = 'o-staff-110000-leader';

beforeAll(async () => {
  t = await openTestCloud();
}, 60_000);

afterAll(async () => {
  await t.close();
});

type Json = Record<string, unknown>;

/** Moves every date of a stored petition `days` days back, as if all of it had happened then. */
function age(id: string, days: number) {
  const shift = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(shift);
    if (v && typeof v === 'object') {
      const o = v as Json;
      if (typeof o.$date === 'string') {
        return { $date: new Date(Date.parse(o.$date) - days * DAY).toISOString() };
      }
      return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, shift(x)]));
    }
    return v;
  };
  t.patchRaw('petitions', id, (doc) => Object.assign(doc, shift(doc)));
}

/** `YYYY-MM` of a moment in China time. */
function monthOf(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 7);
}

async function stats(input: Json, openid: string = DEMO.leader): Promise<PetitionStats> {
  return data(await t.call('petition', 'stats', input, openid)) as PetitionStats;
}

async function step(action: string, input: Json, openid: string = DEMO.registrar) {
  data(await t.call('petition', action as 'accept', input as { id: string }, openid));
}

const reply = { method: 'online', text: '您的信访已由本院承办，请耐心等待办理结果。' };
const answer = {
  method: 'written',
  text: '经调查核实，相关部门已依法作出处理。',
  result: '已督促相关部门依法处理',
};

/** register → accept (the procedural reply is met by the acceptance). */
async function accept(id: string, departmentId = '110105-ks') {
  await step('register', { id, departmentId });
  await step('accept', { id });
}

const ids: Record<string, string> = {};
let range: { from: string; to: string };

beforeAll(async () => {
  const me = await citizenWithProfile(t, 'stats');
  const now = new Date();
  range = { from: monthOf(new Date(now.getTime() - 130 * DAY)), to: monthOf(now) };

  // A: accepted the day it came: procedural reply on time; the 3 months still run.
  ids.a = await submitPetition(t, me);
  await accept(ids.a);
  // B: accepted 20 days after it came: procedural reply late.
  ids.b = await submitPetition(t, me);
  age(ids.b, 20);
  await accept(ids.b);
  // C: nothing done for 20 days: procedural reply overdue (counted, not on time; overdue now).
  ids.c = await submitPetition(t, me);
  age(ids.c, 20);
  // D: answered the day it came, 120 days ago: both marks on time.
  ids.d = await submitPetition(t, me, { kind: 'accusation', accused: accused() });
  await accept(ids.d);
  await step('assign', { id: ids.d, staffId: 'st-110105-handler' }, DEMO.leader);
  await step('proceduralReply', { id: ids.d, ...reply }, DEMO.handler);
  await step('answer', { id: ids.d, ...answer }, DEMO.handler);
  age(ids.d, 120);
  // E: accepted the day it came, 120 days ago, never answered: the 3-month answer is late and
  // the petition is overdue now.
  ids.e = await submitPetition(t, me, { kind: 'accusation', accused: accused() });
  await accept(ids.e);
  age(ids.e, 120);
  // F: refused at once in 民事检察部: replied on time, owes no result.
  ids.f = await submitPetition(t, me);
  await step('register', { id: ids.f, departmentId: '110105-ms' });
  await step('refuse', {
    id: ids.f,
    ground: 2,
    explanation: '诉求不明确，请补充具体事实后再提出。',
  });
  // H: a report accusing the leader 王强: left out of his figures, counted for the administrator.
  ids.h = await submitPetition(t, me, {
    kind: 'staff_misconduct',
    request: '请求查处检察人员违法违纪行为',
    facts: '该检察人员在办案过程中多次收受当事人财物，情节严重。',
    reasons: '严重违反检察纪律。',
    staff: { name: '王强', procuratorate: '朝阳区检察院', conduct: '在办案过程中收受当事人财物。' },
  });
  // G: filed with 北京市人民检察院: never in 朝阳区's figures.
  ids.g = await submitPetition(t, me, { procuratorateId: '110000' });
}, 120_000);

function accused() {
  return { name: '某公司', conduct: '该公司长期违法排放污水，严重污染周边环境。' };
}

test('When petitions were replied in time, late or never, answered or not, then every figure of the leader’s procuratorate says so, beside the national figures', async () => {
  const s = await stats(range);
  expect(s).toMatchObject({
    procuratorateId: '110105',
    procuratorateName: '北京市朝阳区人民检察院',
    departmentId: null,
    departmentName: null,
    from: range.from,
    to: range.to,
    national: { year: 2023, proceduralRate: 0.998, resultRate: 0.973, received: 886_000 },
  });
  expect(s.national.source).toContain('最高人民检察院');
  // A B C D E F (H accuses the caller, G is another procuratorate's).
  expect(s.totals).toEqual({
    received: 6,
    proceduralDueCount: 6, // all came to a head: A B D E F met, C overdue
    proceduralOnTime: 4, // A D E F
    proceduralRate: 4 / 6,
    resultDueCount: 2, // D answered, E past its 3 months; A B C not yet due, F owes none
    resultOnTime: 1, // D
    resultRate: 0.5,
    overdueNow: 2, // C, E
    overdueInPeriod: 2,
  });

  // By kind: other (A B C F), accusation (D E).
  expect(s.byKind).toEqual([
    expect.objectContaining({
      kind: 'accusation',
      kindName: '控告',
      received: 2,
      proceduralDueCount: 2,
      proceduralOnTime: 2,
      proceduralRate: 1,
      resultDueCount: 2,
      resultOnTime: 1,
      resultRate: 0.5,
      overdueNow: 1,
    }),
    expect.objectContaining({
      kind: 'other',
      kindName: '其他信访',
      received: 4,
      proceduralDueCount: 4,
      proceduralOnTime: 2,
      proceduralRate: 0.5,
      resultDueCount: 0,
      resultOnTime: 0,
      resultRate: null,
      overdueNow: 1,
    }),
  ]);

  // By month: every month of the range, by the day each petition was received (China time).
  const stored = await t.find('petitions', { procuratorateId: '110105' });
  const received = new Map<string, number>();
  for (const p of stored) {
    if (p._id === ids.h) continue;
    const m = monthOf(p.submittedAt as Date);
    received.set(m, (received.get(m) ?? 0) + 1);
  }
  expect(s.byMonth.map((r) => r.month)).toEqual(monthsOf(range.from, range.to));
  expect(Object.fromEntries(s.byMonth.map((r) => [r.month, r.received]))).toEqual(
    Object.fromEntries(monthsOf(range.from, range.to).map((m) => [m, received.get(m) ?? 0])),
  );
  const old = s.byMonth.find(
    (r) => r.month === monthOf(stored.find((p) => p._id === ids.d)?.submittedAt as Date),
  );
  expect(old).toMatchObject({ resultDueCount: 2, resultOnTime: 1 });

  // By department: 控告申诉检察部 (A B D E, and C routed there), 民事检察部 (F).
  const c = stored.find((p) => p._id === ids.c) as Json;
  expect(c.departmentId).toBe('110105-ks');
  expect(s.byDepartment).toEqual([
    expect.objectContaining({
      departmentId: '110105-ks',
      departmentName: '控告申诉检察部',
      received: 5,
      proceduralDueCount: 5,
      proceduralOnTime: 3,
      resultDueCount: 2,
      overdueNow: 2,
    }),
    expect.objectContaining({
      departmentId: '110105-ms',
      departmentName: '民事检察部',
      received: 1,
      proceduralOnTime: 1,
      proceduralRate: 1,
      resultDueCount: 0,
      resultRate: null,
    }),
  ]);
  expect(s.departments).toHaveLength(8);
});

test('When the petitions carry their marks, then they say when each mark fell due and was met', async () => {
  const [d] = await t.find('petitions', { _id: ids.d });
  const marks = d.marks as Record<string, Date | null>;
  expect(marks.proceduralAt?.getTime()).toBe((d.acceptedAt as Date).getTime());
  expect(marks.resultAt?.getTime()).toBe((d.answer as { answeredAt: Date }).answeredAt.getTime());
  expect((marks.resultDue as Date).getTime()).toBeGreaterThan((marks.resultAt as Date).getTime());
  const [f] = await t.find('petitions', { _id: ids.f });
  expect(f.marks).toMatchObject({ resultDue: null, resultAt: null });
  const [c] = await t.find('petitions', { _id: ids.c });
  expect(c.marks).toMatchObject({ proceduralAt: null, resultAt: null });
});

test('When the leader picks one department, then only its petitions count, and overdue now too', async () => {
  const ms = await stats({ ...range, departmentId: '110105-ms' });
  expect(ms.departmentName).toBe('民事检察部');
  expect(ms.totals).toMatchObject({ received: 1, proceduralOnTime: 1, overdueNow: 0 });
  expect(ms.byDepartment.map((r) => r.departmentId)).toEqual(['110105-ms']);
  const ks = await stats({ ...range, departmentId: '110105-ks' });
  expect(ks.totals).toMatchObject({ received: 5, overdueNow: 2, proceduralOnTime: 3 });
});

test('When the range leaves the old petitions out, then they are not received in it, yet overdue now still counts them', async () => {
  const now = monthOf(new Date());
  const s = await stats({ from: now, to: now });
  const stored = await t.find('petitions', { procuratorateId: '110105' });
  const inMonth = stored.filter(
    (p) => p._id !== ids.h && monthOf(p.submittedAt as Date) === now,
  ).length;
  expect(s.totals.received).toBe(inMonth);
  expect(s.totals.overdueNow).toBe(2);
  expect(s.byMonth).toHaveLength(1);
});

test('When the administrator asks, then the report accusing the leader counts too', async () => {
  const s = await stats(range, DEMO.admin);
  expect(s.totals.received).toBe(7);
  expect(s.byKind.find((r) => r.kind === 'staff_misconduct')).toMatchObject({ received: 1 });
});

test('When the leader of another procuratorate asks, then they see their own petitions only', async () => {
  const s = await stats(range, OTHER_LEADER);
  expect(s.procuratorateId).toBe('110000');
  expect(s.totals.received).toBe(1);
  expect(s.byDepartment.every((r) => !r.departmentId || r.departmentId.startsWith('110000'))).toBe(
    true,
  );
  const res = await t.call(
    'petition',
    'stats',
    { ...range, departmentId: '110105-ks' },
    OTHER_LEADER,
  );
  expect(res).toEqual({
    ok: false,
    error: {
      code: 'BAD_REQUEST',
      message: '所选部门不属于本院，请重新选择',
      issues: [{ path: 'departmentId', message: '所选部门不属于本院，请重新选择' }],
    },
  });
});

test('When more than 20 groups come out, then none is cut (the aggregation asks for them all)', async () => {
  const me = await citizenWithProfile(t, 'stats-many');
  const wide = { from: monthOf(new Date(Date.now() - 22 * 31 * DAY)), to: monthOf(new Date()) };
  const before = (await stats(wide, OTHER_LEADER)).totals.received;
  for (let i = 0; i < 22; i++) {
    const id = await submitPetition(t, me, { procuratorateId: '110000' });
    age(id, i * 31);
  }
  const s = await stats(wide, OTHER_LEADER);
  expect(s.byMonth.filter((r) => r.received > 0).length).toBeGreaterThan(20);
  expect(s.totals.received).toBe(before + 22);
  expect(s.byMonth.reduce((n, r) => n + r.received, 0)).toBe(before + 22);
}, 60_000);

test('When a citizen, a handler or a registrar asks, then they are refused', async () => {
  for (const who of [DEMO.citizen, DEMO.handler, DEMO.registrar]) {
    const res = await t.call('petition', 'stats', range, who);
    expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  }
  const nobody = await t.call('petition', 'stats', range);
  expect(nobody).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
});

test('When the months are missing, malformed, reversed or span more than 24 months, then the field is named in Chinese', async () => {
  const issues = async (input: Json) => {
    const res = await t.call('petition', 'stats', input, DEMO.leader);
    if (res.ok) throw new Error('expected a refusal');
    expect(res.error.code).toBe('BAD_REQUEST');
    return res.error.issues;
  };
  expect(await issues({ to: '2026-01' })).toEqual([{ path: 'from', message: '请选择起始月份' }]);
  expect(await issues({ from: '2026-1', to: '2026-02' })).toEqual([
    { path: 'from', message: '起始月份应为“年-月”格式' },
  ]);
  expect(await issues({ from: '2026-01', to: '2026-13' })).toEqual([
    { path: 'to', message: '截止月份不是有效月份' },
  ]);
  expect(await issues({ from: '2026-03', to: '2026-02' })).toEqual([
    { path: 'to', message: '截止月份不能早于起始月份' },
  ]);
  expect(await issues({ from: '2024-01', to: '2026-01' })).toEqual([
    { path: 'to', message: '统计期间最多24个月，请缩短期间' },
  ]);
  expect(await issues({ from: '2024-02', to: '2026-01', procuratorateId: '110000' })).toEqual([
    { path: 'procuratorateId', message: '不支持的字段：procuratorateId' },
  ]);
  // 24 months exactly is allowed.
  expect((await stats({ from: '2024-02', to: '2026-01' })).byMonth).toHaveLength(24);
});

function monthsOf(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  const end = Number(to.slice(0, 4)) * 12 + Number(to.slice(5, 7));
  while (y * 12 + m <= end) {
    out.push(`${y}-${m < 10 ? '0' : ''}${m}`);
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
  }
  return out;
}
