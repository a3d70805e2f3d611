// The authorization matrix of petition: every action × every kind of caller, on a petition of
// 110105's 控告申诉检察部 in the state the action needs. Nobody reads or changes what is not theirs:
// a refused call leaves the stored version as it was; outsiders learn nothing (NOT_FOUND).
import { submitPetition } from '../helpers/petition';
import { data, DEMO, openTestCloud, type TestCloud } from '../helpers/cloud';

let t: TestCloud;
const PETITIONER = `o-authz-petitioner-${Date.now().toString(36)}`;
const HANDLER_ID = 'st-110105-handler';

const CALLERS = {
  petitioner: PETITIONER,
  otherCitizen: DEMO.otherCitizen,
  otherUnitStaff: DEMO.otherUnitHandler,
  registrar: DEMO.registrar,
  assignedHandler: DEMO.handler,
  handlerSameDept: 'o-staff-110105-handler2',
  handlerOtherDept: 'o-staff-110105-ms-handler',
  leader: DEMO.leader,
  admin: DEMO.admin,
} as const;
type Caller = keyof typeof CALLERS;
type State =
  | 'submitted'
  | 'registered'
  | 'materials_requested'
  | 'accepted'
  | 'assigned'
  | 'procedural_replied'
  | 'answered'
  | 'refused';
/** ok: done; listed / hidden: a list shows it or not; otherwise the error code. */
type Outcome = 'ok' | 'listed' | 'hidden' | 'FORBIDDEN' | 'NOT_FOUND';

function submit(): Promise<string> {
  return submitPetition(t, PETITIONER);
}

const reply = { method: 'online', text: '您的信访已由本院依法办理。' };

/** A fresh petition brought to `state` by the staff whose job each step is. */
async function petitionIn(state: State): Promise<string> {
  const id = await submit();
  if (state === 'submitted') return id;
  const step = async (action: string, input: Record<string, unknown>, by: string) =>
    data(await t.call('petition', action as 'accept', { id, ...input }, by));
  await step('register', { departmentId: '110105-ks' }, DEMO.registrar);
  if (state === 'registered') return id;
  if (state === 'materials_requested') {
    await step('requestMaterials', { items: ['身份证明'], dueDate: '2099-12-31' }, DEMO.registrar);
    return id;
  }
  if (state === 'refused') {
    await step(
      'refuse',
      { ground: 2, explanation: '诉求不明确，请补充后再提出。' },
      DEMO.registrar,
    );
    return id;
  }
  await step('accept', {}, DEMO.registrar);
  if (state === 'accepted') return id;
  await step('assign', { staffId: HANDLER_ID }, DEMO.leader);
  if (state === 'assigned') return id;
  await step('proceduralReply', reply, DEMO.handler);
  if (state === 'procedural_replied') return id;
  await step('answer', { ...reply, result: '已依法处理完毕' }, DEMO.handler);
  return id;
}

interface Row {
  action: string;
  state: State;
  input: Record<string, unknown>;
  /** Outcomes per caller, in the order of CALLERS. */
  expect: [Outcome, Outcome, Outcome, Outcome, Outcome, Outcome, Outcome, Outcome, Outcome];
}

const F = 'FORBIDDEN' as const;
const N = 'NOT_FOUND' as const;
// callers:                petitioner other-citizen other-unit registrar assigned same-dept other-dept leader admin
const REGISTRAR_OR_LEADER: Row['expect'] = [F, F, N, 'ok', F, F, N, 'ok', F];
const HANDLER_OR_LEADER: Row['expect'] = [F, F, N, F, 'ok', F, N, 'ok', F];
const PETITIONER_ONLY: Row['expect'] = ['ok', N, N, N, N, N, N, N, N];

const ROWS: Row[] = [
  // Before registration a petition has no department yet: handlers do not see it.
  { action: 'get', state: 'submitted', input: {}, expect: ['ok', N, N, 'ok', N, N, N, 'ok', N] },
  {
    action: 'get',
    state: 'assigned',
    input: {},
    expect: ['ok', N, N, 'ok', 'ok', 'ok', N, 'ok', N],
  },
  // Links to its files: whoever may read it, nobody else.
  {
    action: 'files',
    state: 'assigned',
    input: {},
    expect: ['ok', N, N, 'ok', 'ok', 'ok', N, 'ok', N],
  },
  {
    action: 'mine',
    state: 'submitted',
    input: {},
    expect: [
      'listed',
      'hidden',
      'hidden',
      'hidden',
      'hidden',
      'hidden',
      'hidden',
      'hidden',
      'hidden',
    ],
  },
  {
    action: 'inbox',
    state: 'registered',
    input: {},
    expect: [F, F, 'hidden', 'listed', 'listed', 'listed', 'hidden', 'listed', F],
  },
  {
    action: 'register',
    state: 'submitted',
    input: { departmentId: '110105-ks' },
    // Handlers do not see a petition before it is registered.
    expect: [F, F, N, 'ok', N, N, N, 'ok', F],
  },
  { action: 'accept', state: 'registered', input: {}, expect: REGISTRAR_OR_LEADER },
  {
    action: 'refuse',
    state: 'registered',
    input: { ground: 1, explanation: '控告对象不明确，无法核实。' },
    expect: REGISTRAR_OR_LEADER,
  },
  {
    action: 'requestMaterials',
    state: 'registered',
    input: { items: ['身份证明'], dueDate: '2099-12-31' },
    expect: REGISTRAR_OR_LEADER,
  },
  {
    action: 'transfer',
    state: 'registered',
    input: { to: { type: 'department', departmentId: '110105-ms' }, reason: '属民事检察部职责' },
    expect: REGISTRAR_OR_LEADER,
  },
  {
    action: 'assign',
    state: 'accepted',
    input: { staffId: HANDLER_ID },
    expect: [F, F, N, F, F, F, N, 'ok', F],
  },
  { action: 'proceduralReply', state: 'assigned', input: reply, expect: HANDLER_OR_LEADER },
  { action: 'progressReply', state: 'procedural_replied', input: reply, expect: HANDLER_OR_LEADER },
  {
    action: 'answer',
    state: 'procedural_replied',
    input: { ...reply, result: '已依法处理完毕' },
    expect: HANDLER_OR_LEADER,
  },
  { action: 'close', state: 'answered', input: {}, expect: HANDLER_OR_LEADER },
  { action: 'archive', state: 'refused', input: {}, expect: REGISTRAR_OR_LEADER },
  { action: 'withdraw', state: 'submitted', input: {}, expect: PETITIONER_ONLY },
  {
    action: 'supplyMaterials',
    state: 'materials_requested',
    input: { note: '已邮寄身份证明复印件' },
    expect: PETITIONER_ONLY,
  },
  {
    action: 'rate',
    state: 'answered',
    input: { satisfaction: 'satisfied' },
    expect: PETITIONER_ONLY,
  },
  {
    action: 'requestReview',
    state: 'answered',
    input: { reason: '对答复结果不服，请求上一级检察院复查。' },
    expect: PETITIONER_ONLY,
  },
];

const CASES = ROWS.flatMap((row) =>
  (Object.keys(CALLERS) as Caller[]).map(
    (caller, i) => [row.action, caller, row.expect[i], row] as const,
  ),
);

beforeAll(async () => {
  t = await openTestCloud();
  data(
    await t.call(
      'account',
      'profile.save',
      { name: '张三', idNumber: '11010519491231002X', mobile: '13800138000' },
      PETITIONER,
    ),
  );
});
afterAll(async () => {
  await t.close();
});

test.each(CASES)('%s by %s → %s', async (action, caller, expected, row) => {
  const id = await petitionIn(row.state);
  const [before] = await t.find('petitions', { _id: id });
  const listing = action === 'mine' || action === 'inbox';
  const input = listing ? { pageSize: 50, ...row.input } : { id, ...row.input };
  const res = await t.call('petition', action as 'get', input, CALLERS[caller]);
  const [after] = await t.find('petitions', { _id: id });

  if (expected === 'ok' || expected === 'listed' || expected === 'hidden') {
    const out = data(res) as unknown as {
      items?: { id: string }[];
      id?: string;
      files?: unknown[];
    };
    if (action === 'files') {
      expect(out.files).toEqual([]);
    } else if (listing) {
      expect(out.items?.some((i) => i.id === id) ? 'listed' : 'hidden').toBe(expected);
    } else {
      expect(out.id).toBe(id);
    }
    const changes = !listing && action !== 'get' && action !== 'files';
    expect(after.version).toBe(changes ? Number(before.version) + 1 : before.version);
  } else {
    expect(res).toMatchObject({ ok: false, error: { code: expected } });
    // Refused callers change nothing and learn nothing of the petition.
    expect(after).toEqual(before);
    if (!res.ok) expect(JSON.stringify(res.error)).not.toContain(String(before.receiptNumber));
  }
});

describe('accusation material (条例 art. 30)', () => {
  function report(accused: string) {
    return submitPetition(t, PETITIONER, {
      kind: 'staff_misconduct',
      request: '请求查处检察人员违法违纪行为',
      facts: '该检察人员在办案过程中多次收受当事人财物，情节严重。',
      reasons: '严重违反检察纪律。',
      staff: {
        name: accused,
        procuratorate: '朝阳区检察院',
        conduct: '在办案过程中收受当事人财物。',
      },
    });
  }

  test.each(['王强', '王 强', '王·强'])(
    'When a report accuses the leader as “%s”, then the leader can neither read, list nor act on it, and the registrar can',
    async (written) => {
      const id = await report(written);
      expect(await t.call('petition', 'get', { id }, DEMO.leader)).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
      const inbox = data(await t.call('petition', 'inbox', { pageSize: 50 }, DEMO.leader));
      expect(inbox.items.map((i) => i.id)).not.toContain(id);
      expect(
        await t.call('petition', 'register', { id, departmentId: '110105-jwdc' }, DEMO.leader),
      ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      const seen = data(await t.call('petition', 'get', { id }, DEMO.registrar));
      expect(seen).toMatchObject({ id, kind: 'staff_misconduct', departmentId: '110105-jwdc' });
      const listed = data(await t.call('petition', 'inbox', { pageSize: 50 }, DEMO.registrar));
      expect(listed.items.map((i) => i.id)).toContain(id);
    },
  );

  test('When a report accuses someone else, then the leader sees it', async () => {
    const id = await report('李四');
    expect(data(await t.call('petition', 'get', { id }, DEMO.leader))).toMatchObject({ id });
  });
});
