// The per-status tallies behind the staff inbox's counts, run as the built bundle on devcloud:
// after filings, registrations, transfers (to a department and to another procuratorate),
// refusals, withdrawals and offline filings, every tally equals a live count of the petitions it
// stands for, and the inbox's counts are those of each caller's view.
import { buildPetition, citizenWithProfile, submitPetition } from '../helpers/petition';
import { data, DEMO, openTestCloud, type TestCloud } from '../helpers/cloud';
import { PETITION_STATUSES, type PetitionStaffView } from '../../typings/petition';

let t: TestCloud;

beforeAll(async () => {
  t = await openTestCloud();
}, 60_000);

afterAll(async () => {
  await t.close();
});

type Doc = Record<string, unknown>;

async function staffView(id: string): Promise<PetitionStaffView> {
  return data(await t.call('petition', 'get', { id }, DEMO.registrar)) as PetitionStaffView;
}

async function register(id: string, departmentId: string) {
  return data(await t.call('petition', 'register', { id, departmentId }, DEMO.registrar));
}

/** Live counts of the stored petitions, keyed like the tallies. */
async function liveTallies(): Promise<Map<string, Record<string, number>>> {
  const all: Doc[] = [];
  for (const unit of ['110105', '110108', '110000', '110101']) {
    all.push(...(await t.find('petitions', { procuratorateId: unit })));
  }
  const map = new Map<string, Record<string, number>>();
  for (const p of all) {
    const id = `${String(p.procuratorateId)}.${(p.departmentId as string | null) ?? '-'}.${String(p.kind)}`;
    const counts = map.get(id) ?? {};
    counts[p.status as string] = (counts[p.status as string] ?? 0) + 1;
    map.set(id, counts);
  }
  return map;
}

async function storedTallies(): Promise<Map<string, Record<string, number>>> {
  const docs = await t.find('petition_tallies');
  return new Map(
    docs.map((d) => [
      String(d._id),
      Object.fromEntries(
        Object.entries(d.counts as Record<string, number>).filter(([, n]) => n !== 0),
      ),
    ]),
  );
}

test('When petitions move through every kind of step, then each tally equals the live count and the inbox counts follow each caller’s view', async () => {
  const me = await citizenWithProfile(t, 'tally');
  const ids: string[] = [];
  for (let i = 0; i < 6; i++) ids.push(await submitPetition(t, me));
  const civil = await submitPetition(t, me, {
    kind: 'civil_appeal',
    decision: {
      title: '民事判决书',
      number: '（2025）京0105民初1号',
      date: '2025-06-30',
      organ: '北京市朝阳区人民法院',
    },
  });
  const accusing = await submitPetition(t, me, {
    kind: 'staff_misconduct',
    request: '请求查处检察人员违法违纪行为',
    facts: '该检察人员在办案过程中多次收受当事人财物，情节严重。',
    reasons: '严重违反检察纪律。',
    staff: { name: '王强', procuratorate: '朝阳区检察院', conduct: '在办案过程中收受当事人财物。' },
  });

  await register(ids[0], '110105-ks');
  await register(ids[1], '110105-ks');
  await register(ids[2], '110105-ks');
  await register(ids[3], '110105-ks');
  data(
    await t.call(
      'petition',
      'transfer',
      {
        id: ids[1],
        to: { type: 'department', departmentId: '110105-ms' },
        reason: '属民事检察部职责',
      },
      DEMO.registrar,
    ),
  );
  data(
    await t.call(
      'petition',
      'transfer',
      {
        id: ids[2],
        to: { type: 'procuratorate', procuratorateId: '110108' },
        reason: '属海淀区人民检察院管辖',
      },
      DEMO.registrar,
    ),
  );
  data(
    await t.call(
      'petition',
      'refuse',
      { id: ids[3], ground: 2, explanation: '诉求不明确，请补充后再提出。' },
      DEMO.registrar,
    ),
  );
  data(await t.call('petition', 'withdraw', { id: ids[4] }, me));
  const reg = await staffView(civil);
  await register(civil, reg.departmentId ?? '');
  await register(accusing, '110105-jwdc');
  data(
    await t.call(
      'petition',
      'fileOffline',
      {
        channel: 'letter',
        petitioner: { name: '赵六', idNumber: '11010519491231002X', mobile: '13900139000' },
        form: buildPetition(),
      },
      DEMO.registrar,
    ),
  );

  expect(await storedTallies()).toEqual(await liveTallies());

  // The registrar sees every petition of 110105; the leader all but the report accusing him.
  const live = (await t.find('petitions', { procuratorateId: '110105' })) as Doc[];
  const countOf = (docs: Doc[]) =>
    Object.fromEntries(
      PETITION_STATUSES.map((s) => [s, docs.filter((d) => d.status === s).length]),
    );
  const registrar = data(await t.call('petition', 'inbox', {}, DEMO.registrar));
  expect(registrar.counts).toEqual(countOf(live));
  expect(registrar.total).toBe(live.length);

  const leader = data(await t.call('petition', 'inbox', {}, DEMO.leader));
  expect(leader.counts).toEqual(countOf(live.filter((d) => d._id !== accusing)));
  expect(leader.items.map((i) => i.id)).not.toContain(accusing);

  // A handler of 控告申诉: their department's petitions, none still `submitted`.
  const handler = data(await t.call('petition', 'inbox', {}, DEMO.handler));
  const ks = live.filter((d) => d.departmentId === '110105-ks' && d.status !== 'submitted');
  expect(handler.counts).toEqual(countOf(ks));
  expect(handler.total).toBe(ks.length);

  // Filtered by kind and by status.
  const byKind = data(await t.call('petition', 'inbox', { kind: 'civil_appeal' }, DEMO.leader));
  expect(byKind.counts).toEqual(countOf(live.filter((d) => d.kind === 'civil_appeal')));
  const refused = data(await t.call('petition', 'inbox', { status: 'refused' }, DEMO.leader));
  expect(refused.total).toBe(1);
  expect(refused.items.map((i) => i.id)).toEqual([ids[3]]);

  // The transferred petition is counted where it went, as filed there.
  const haidian = (await t.find('petitions', { procuratorateId: '110108' })) as Doc[];
  expect(haidian).toHaveLength(1);
  expect((await storedTallies()).get(`110108.${String(haidian[0].departmentId)}.other`)).toEqual({
    submitted: 1,
  });
});

describe('due filters', () => {
  const DAY = 24 * 60 * 60 * 1000;

  /** Moves a stored petition's receipt back `days` days, as if it had waited that long. */
  function age(id: string, days: number) {
    const raw = t.cloud.store.raw;
    const doc = JSON.parse(
      raw.prepare('SELECT doc FROM "coll_petitions" WHERE _id = ?').pluck().get(id) as string,
    ) as Record<string, { $date: string }>;
    const submittedAt = Date.parse(doc.submittedAt.$date) - days * DAY;
    doc.submittedAt = { $date: new Date(submittedAt).toISOString() };
    doc.dueAt = { $date: new Date(submittedAt + 7 * DAY).toISOString() };
    raw.prepare('UPDATE "coll_petitions" SET doc = ? WHERE _id = ?').run(JSON.stringify(doc), id);
  }

  test('When petitions wait, then “overdue” lists those past their procedural-reply date and “due soon” those within 3 days', async () => {
    const me = await citizenWithProfile(t, 'due');
    const late = await submitPetition(t, me);
    const soon = await submitPetition(t, me);
    const fresh = await submitPetition(t, me);
    age(late, 10);
    age(soon, 5);

    const overdue = data(await t.call('petition', 'inbox', { due: 'overdue' }, DEMO.registrar));
    expect(overdue.items.map((i) => [i.id, i.overdue])).toEqual([[late, true]]);
    expect(overdue.total).toBe(1);
    expect(overdue.counts.submitted).toBe(1);

    const due = data(await t.call('petition', 'inbox', { due: 'soon' }, DEMO.registrar));
    expect(due.items.map((i) => [i.id, i.overdue])).toEqual([[soon, false]]);
    expect(due.counts.submitted).toBe(1);

    // Registered, the next due date is unchanged; replied to, it moves to the result.
    data(
      await t.call('petition', 'register', { id: late, departmentId: '110105-ks' }, DEMO.registrar),
    );
    const still = data(await t.call('petition', 'inbox', { due: 'overdue' }, DEMO.registrar));
    expect(still.items.map((i) => i.id)).toEqual([late]);
    data(await t.call('petition', 'accept', { id: late }, DEMO.registrar));
    data(
      await t.call('petition', 'assign', { id: late, staffId: 'st-110105-handler' }, DEMO.leader),
    );
    data(
      await t.call(
        'petition',
        'proceduralReply',
        { id: late, method: 'online', text: '您的信访已受理，正在办理中。' },
        DEMO.handler,
      ),
    );
    const after = data(await t.call('petition', 'inbox', { due: 'overdue' }, DEMO.registrar));
    expect(after.items).toEqual([]);
    expect(
      data(await t.call('petition', 'inbox', { due: 'soon' }, DEMO.registrar)).items.map(
        (i) => i.id,
      ),
    ).not.toContain(fresh);

    const bad = await t.call('petition', 'inbox', { due: 'late' }, DEMO.registrar);
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', issues: [{ path: 'due' }] },
    });
  });
});

describe('deadlines in the views', () => {
  test('When a petition is filed, then the petitioner sees the reply expected by the 7-day mark on the working-day calendar, and staff see every deadline', async () => {
    const { WorkCalendar } = await import('../../domain/deadlines/calendar');
    const { DEFAULT_RULES, dueAfter } = await import('../../domain/deadlines/engine');
    const years = await t.find('calendar');
    const cal = new WorkCalendar(years as never);
    const me = await citizenWithProfile(t, 'deadline-view');
    const id = await submitPetition(t, me);
    const [stored] = await t.find('petitions', { _id: id });
    const expected = dueAfter(
      new Date(stored.submittedAt as string),
      DEFAULT_RULES.proceduralReply,
      cal,
      DEFAULT_RULES,
    ).toISOString();

    const mine = data(await t.call('petition', 'get', { id }, me));
    expect(mine.replyExpectedBy).toBe(expected);
    expect(new Date(stored.dueAt as string).toISOString()).toBe(expected);
    // It ends at the end of a China day.
    expect(new Date(Date.parse(expected) + 8 * 3600_000).toISOString().slice(11)).toBe(
      '23:59:59.999Z',
    );

    const staff = await staffView(id);
    expect(staff.deadlines).toEqual([
      expect.objectContaining({
        key: 'procedural_reply',
        name: '程序性答复',
        party: 'staff',
        due: expected,
        metAt: null,
        state: 'on_time',
      }),
    ]);
    const inbox = data(await t.call('petition', 'inbox', { pageSize: 50 }, DEMO.registrar));
    expect(inbox.items.find((i) => i.id === id)?.nextDue).toEqual({
      name: '程序性答复',
      due: expected,
      state: 'on_time',
    });

    data(await t.call('petition', 'register', { id, departmentId: '110105-ks' }, DEMO.registrar));
    const accepted = data(await t.call('petition', 'accept', { id }, DEMO.registrar));
    const keys = (accepted as PetitionStaffView).deadlines.map((d) => [d.key, d.state]);
    expect(keys).toEqual([
      ['procedural_reply', 'met'],
      ['handling', 'on_time'],
      ['result', 'on_time'],
    ]);
  });
});
