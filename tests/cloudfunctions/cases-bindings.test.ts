// Lawyers, bindings and the procedure query, run as the built `cases` bundle on devcloud:
// lawyer.verify / lawyer.get / lawyer.review, binding.request / binding.mine / binding.review,
// review.inbox, procedure — each with its failures named and nothing written, the notifications of
// each review, and the authorization matrix of issue #6: an unbound person, a person bound to
// another case, a pending or refused requester, a refused lawyer, staff of another procuratorate
// and staff of the same procuratorate who are not case management.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { citizenWithProfile, uploadAs } from '../helpers/petition';
import type { ActionResult } from '../../typings';
import { boundTo, registerCase, verifiedLawyer } from '../helpers/cases';
import { data, DEMO, openTestCloud, type TestCloud } from '../helpers/cloud';

const root = join(__dirname, '..', '..');
const templates = JSON.parse(readFileSync(join(root, 'config', 'templates.json'), 'utf8'));
const RESULT = templates.appointmentResult.id as string;

const AG = 'o-staff-110105-ag';
const AG2 = 'o-staff-110105-ag2';
const AG_HAIDIAN = 'o-staff-110108-ag';
const NOT_FOUND_MESSAGE = '未找到该案件，请核对案件编号';

let t: TestCloud;
let seq = 0;

beforeAll(async () => {
  t = await openTestCloud();
});
afterAll(async () => {
  await t.close();
});

function uid(prefix: string) {
  seq += 1;
  return `o-${prefix}-${seq}-${Date.now().toString(36)}`;
}

/** A case of 110105 (or 110108) with suspect 张三, victim 李四 and a measure for each. */
function newCase(extra: Record<string, unknown> = {}, unit = '110105') {
  seq += 1;
  const short = unit === '110105' ? '京朝' : '京海';
  const caseNumber = `${short}检刑诉受〔2024〕${unit}${String(100000 + seq)}号`;
  const measures = [
    { partyName: '张三', measure: '取保候审', from: '2024-05-01' },
    { partyName: '李四', measure: '其他措施', from: '2024-05-02' },
  ];
  return registerCase(
    t.cloud,
    caseNumber,
    { measures, ...extra },
    unit === '110105' ? AG : AG_HAIDIAN,
  );
}

async function proofOf(openid: string, name = 'proof.jpg') {
  return uploadAs(t, openid, `bindings/${openid}/${name}`);
}

function requestInput(caseNumber: string, extra: Record<string, unknown> = {}) {
  return { caseNumber, role: 'party', partyName: '张三', ...extra };
}

async function requestAs(openid: string, caseNumber: string, extra: Record<string, unknown> = {}) {
  const proofs = [await proofOf(openid)];
  return t.call('cases', 'binding.request', { ...requestInput(caseNumber, extra), proofs }, openid);
}

/** A verified lawyer (approved by 110105's case management), or refused with a reason. */
function lawyer(approve = true): Promise<string> {
  const review = approve ? 'approve' : { reason: '执业证照片不清晰' };
  return verifiedLawyer(t.cloud, uid('lawyer'), { firm: '北京市某某律师事务所', review });
}

async function bound(caseNumber: string, role = 'party', partyName = '张三'): Promise<string> {
  const me =
    role === 'defender' || role === 'agent' ? await lawyer() : await citizenWithProfile(t, 'bound');
  await boundTo(t.cloud, me, caseNumber, { role, partyName, proofs: [{ name: 'proof.jpg' }] });
  return me;
}

interface Failed {
  ok: false;
  error: { code: string; message: string; issues?: { path: string; message: string }[] };
}

function expectError(
  res: ActionResult<unknown>,
  code: string,
  path?: string,
  message?: string | RegExp,
) {
  expect(res.ok).toBe(false);
  const err = (res as Failed).error;
  expect(err.code).toBe(code);
  if (path !== undefined) expect(err.issues?.map((i) => i.path)).toContain(path);
  if (message !== undefined) expect(err.message).toMatch(message);
}

describe('lawyer verification', () => {
  test('When a lawyer submits, then it is pending for that procuratorate; again while pending or approved is refused; after a refusal they may submit again', async () => {
    const me = uid('lawyer-story');
    const certificateImage = await uploadAs(t, me, `lawyers/${me}/cert.png`);
    const input = {
      name: '钱律师',
      certificateNumber: '11101201510012345',
      firm: '北京市朝阳律师事务所',
      certificateImage,
      procuratorateId: '110105',
    };
    expect(data(await t.call('cases', 'lawyer.get', {}, me))).toEqual({ lawyer: null });
    const v = data(await t.call('cases', 'lawyer.verify', input, me));
    expect(v).toMatchObject({
      name: '钱律师',
      certificateNumber: '11101201510012345',
      status: 'pending',
      statusName: '待审核',
      reason: null,
      reviewedAt: null,
    });
    expect(data(await t.call('cases', 'lawyer.get', {}, me)).lawyer).toEqual(v);
    expectError(
      await t.call('cases', 'lawyer.verify', input, me),
      'PRECONDITION_FAILED',
      undefined,
      /正在审核中/,
    );

    // Another WeChat account cannot claim the same certificate meanwhile.
    const thief = uid('thief');
    const thiefImage = await uploadAs(t, thief, `lawyers/${thief}/cert.png`);
    expectError(
      await t.call('cases', 'lawyer.verify', { ...input, certificateImage: thiefImage }, thief),
      'PRECONDITION_FAILED',
      undefined,
      /其他微信账号/,
    );

    // The inbox of its procuratorate shows it with a link to the photo; Haidian's does not.
    const inbox = data(
      await t.call('cases', 'review.inbox', { kind: 'lawyer', pageSize: 50 }, AG2),
    );
    const item = inbox.items.find((i) => (i as { id: string }).id === me);
    expect(item).toMatchObject({ openid: me, procuratorateId: '110105', status: 'pending' });
    expect((item as { certificateImageUrl: string }).certificateImageUrl).toMatch(/^https?:\/\//);
    const haidian = data(await t.call('cases', 'review.inbox', { kind: 'lawyer' }, AG_HAIDIAN));
    expect(haidian.items.map((i) => (i as { id: string }).id)).not.toContain(me);

    // A refusal states why; the lawyer is told.
    await t.cloud.grantSubscription(me, { [RESULT]: 'accept' });
    expectError(
      await t.call('cases', 'lawyer.review', { id: me, approve: false }, AG),
      'BAD_REQUEST',
      'reason',
    );
    const refused = data(
      await t.call(
        'cases',
        'lawyer.review',
        { id: me, approve: false, reason: '执业证号与照片不符' },
        AG,
      ),
    );
    expect(refused).toMatchObject({ status: 'refused', reason: '执业证号与照片不符' });
    const told = t.cloud.platform.messages({ touser: me, templateId: RESULT });
    expect(told).toHaveLength(1);
    expect(told[0].data).toMatchObject({
      thing1: { value: '律师执业身份核验' },
      phrase2: { value: '未通过' },
      thing4: { value: '原因：执业证号与照片不符' },
    });
    expectError(await t.call('cases', 'lawyer.review', { id: me, approve: true }, AG2), 'CONFLICT');

    // Submitted again, approved; then no more submissions.
    const again = data(await t.call('cases', 'lawyer.verify', input, me));
    expect(again).toMatchObject({ status: 'pending', reason: null });
    await t.cloud.grantSubscription(me, { [RESULT]: 'accept' });
    const approved = data(await t.call('cases', 'lawyer.review', { id: me, approve: true }, AG2));
    expect(approved).toMatchObject({ status: 'approved', statusName: '已通过' });
    expect(t.cloud.platform.messages({ touser: me, templateId: RESULT })[1].data).toMatchObject({
      phrase2: { value: '已通过' },
    });
    expectError(
      await t.call('cases', 'lawyer.verify', input, me),
      'PRECONDITION_FAILED',
      undefined,
      /已通过/,
    );
    const audit = await t.find('audit', { entity: 'lawyer', entityId: me });
    expect(audit.sort((a, b) => Number(a.seq) - Number(b.seq)).map((a) => a.action)).toEqual([
      'submit',
      'refuse',
      'resubmit',
      'approve',
    ]);
  });

  test.each([
    [
      'a 16-digit certificate number',
      { certificateNumber: '1110120151001234' },
      'certificateNumber',
    ],
    [
      'a photo never uploaded',
      { certificateImage: 'cloud://env.bucket/lawyers/none.jpg' },
      'certificateImage',
    ],
    [
      'a photo that is not an image',
      { certificateImage: 'cloud://env.bucket/lawyers/a.exe' },
      'certificateImage',
    ],
    ['an unknown procuratorate', { procuratorateId: '999999' }, 'procuratorateId'],
    ['no firm', { firm: '' }, 'firm'],
  ])(
    'When a lawyer submits %s, then BAD_REQUEST names %s and nothing is written',
    async (_w, extra, path) => {
      const me = uid('lawyer-bad');
      const certificateImage = await uploadAs(t, me, `lawyers/${me}/cert.jpg`);
      const res = await t.call(
        'cases',
        'lawyer.verify',
        {
          name: '孙律师',
          certificateNumber: '11101201510099999',
          firm: '北京市某律师事务所',
          certificateImage,
          procuratorateId: '110105',
          ...extra,
        },
        me,
      );
      expectError(res, 'BAD_REQUEST', path);
      expect(await t.find('lawyers', { _id: me })).toEqual([]);
    },
  );
});

describe('binding.request', () => {
  test('When a citizen with a profile asks to be bound as the party, then a pending request with a masked ID snapshot; a second request is refused', async () => {
    const c = await newCase();
    const me = await citizenWithProfile(t, 'request');
    const proofs = [await proofOf(me, 'front.jpg'), await proofOf(me, 'back.jpg')];
    const v = data(
      await t.call(
        'cases',
        'binding.request',
        {
          ...requestInput(c.caseNumber.replace('〔', '[').replace('〕', ']')),
          proofs,
          note: '本人查询',
        },
        me,
      ),
    );
    expect(v).toMatchObject({
      caseId: null,
      caseNumber: c.caseNumber,
      procuratorateName: '北京市朝阳区人民检察院',
      role: 'party',
      roleName: '当事人本人',
      partyName: '张三',
      status: 'pending',
      statusName: '待审核',
      reason: null,
    });
    const [stored] = await t.find('case_bindings', { _id: v.id });
    expect(stored).toMatchObject({
      caseId: c.id,
      requester: { name: '张三', idNumberMasked: '110***********002X', lawyer: false },
      proofs,
      note: '本人查询',
      version: 1,
    });
    expect(JSON.stringify(stored)).not.toContain('11010519491231002X');
    expect(await t.find('audit', { entity: 'binding', entityId: v.id })).toHaveLength(1);

    expectError(
      await requestAs(me, c.caseNumber),
      'PRECONDITION_FAILED',
      undefined,
      /已申请绑定该案件/,
    );
    expect(await t.find('case_bindings', { openid: me })).toHaveLength(1);
  });

  test('When the same person sends two requests at once, then one binding is stored', async () => {
    const c = await newCase();
    const me = await citizenWithProfile(t, 'race');
    const proofs = [await proofOf(me)];
    const input = { ...requestInput(c.caseNumber), proofs };
    const results = await Promise.all(
      [1, 2, 3, 4].map(() => t.call('cases', 'binding.request', input, me)),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const r of results.filter((x) => !x.ok)) expectError(r, 'PRECONDITION_FAILED');
    expect(await t.find('case_bindings', { openid: me })).toHaveLength(1);
  });

  test('When the requester may not ask or the request is wrong, then the error names why and nothing is written', async () => {
    const c = await newCase();
    const noProfile = uid('no-profile');
    expectError(
      await requestAs(noProfile, c.caseNumber),
      'PRECONDITION_FAILED',
      undefined,
      '请先填写实名信息',
    );

    const citizen = await citizenWithProfile(t, 'wrong');
    expectError(
      await requestAs(citizen, c.caseNumber, { role: 'defender' }),
      'PRECONDITION_FAILED',
      undefined,
      /律师执业身份核验/,
    );
    const refusedLawyer = await lawyer(false);
    expectError(
      await requestAs(refusedLawyer, c.caseNumber, { role: 'agent', partyName: '李四' }),
      'PRECONDITION_FAILED',
      undefined,
      /律师执业身份核验/,
    );
    expectError(
      await requestAs(citizen, c.caseNumber, { partyName: '王五' }),
      'BAD_REQUEST',
      'partyName',
    );
    expectError(await requestAs(citizen, '我的案子在朝阳区检察院'), 'BAD_REQUEST', 'caseNumber');
    const unknown = await requestAs(citizen, '京朝检刑诉受〔2024〕110105999999号');
    expect(unknown).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: NOT_FOUND_MESSAGE },
    });
    const unparsable = await requestAs(citizen, '京朝检刑诉受〔1900〕110105000001号');
    expect(unparsable).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: NOT_FOUND_MESSAGE },
    });
    expectError(
      await t.call(
        'cases',
        'binding.request',
        { ...requestInput(c.caseNumber), proofs: ['cloud://env.bucket/bindings/none.jpg'] },
        citizen,
      ),
      'BAD_REQUEST',
      'proofs.0',
    );
    expectError(
      await t.call(
        'cases',
        'binding.request',
        { ...requestInput(c.caseNumber), proofs: [] },
        citizen,
      ),
      'BAD_REQUEST',
      'proofs',
    );
    expectError(await requestAs(citizen, c.caseNumber, { role: 'cousin' }), 'BAD_REQUEST', 'role');
    for (const who of [noProfile, citizen, refusedLawyer]) {
      expect(await t.find('case_bindings', { openid: who })).toEqual([]);
    }
  });

  test('When a close relative asks, then the party named is not checked against the case (the reviewer does); the profile name may differ', async () => {
    const c = await newCase();
    const me = await citizenWithProfile(t, 'relative');
    const v = data(
      await requestAs(me, c.caseNumber, { role: 'close_relative', partyName: '不存在的人' }),
    );
    expect(v).toMatchObject({ status: 'pending', partyName: '不存在的人', roleName: '近亲属' });
  });
});

describe('binding.review, review.inbox and binding.mine', () => {
  test('When staff review requests from their inbox, then oldest first with the case\u2019s parties; a name not among them cannot be approved; each requester is told; a refused requester may ask again', async () => {
    const c = await newCase();
    const first = await citizenWithProfile(t, 'inbox-a');
    const second = await lawyer();
    const a = data(
      await requestAs(first, c.caseNumber, { role: 'close_relative', partyName: '张四' }),
    );
    const b = data(await requestAs(second, c.caseNumber, { role: 'defender', partyName: '张三' }));

    const inbox = data(
      await t.call('cases', 'review.inbox', { kind: 'binding', pageSize: 50 }, AG2),
    );
    const ids = inbox.items.map((i) => (i as { id: string }).id);
    expect(ids.indexOf(a.id)).toBeLessThan(ids.indexOf(b.id));
    const itemA = inbox.items.find((i) => (i as { id: string }).id === a.id);
    expect(itemA).toMatchObject({
      caseId: c.id,
      requester: { name: '张三', idNumberMasked: '110***********002X', lawyer: null },
      caseParties: [
        { name: '张三', role: 'suspect', roleName: '犯罪嫌疑人' },
        { name: '李四', role: 'victim', roleName: '被害人' },
      ],
    });
    expect((itemA as { proofs: string[] }).proofs[0]).toMatch(/^https?:\/\//);
    const itemB = inbox.items.find((i) => (i as { id: string }).id === b.id);
    expect(itemB).toMatchObject({
      requester: {
        name: '周律师',
        idNumberMasked: null,
        lawyer: { status: 'approved', firm: '北京市某某律师事务所' },
      },
    });
    const paged = data(
      await t.call('cases', 'review.inbox', { kind: 'binding', page: 1, pageSize: 1 }, AG),
    );
    expect(paged).toMatchObject({ total: inbox.total, pageSize: 1 });
    expect(paged.items).toHaveLength(1);

    // 张四 is not a party: approving is refused; refusing tells the requester why.
    expectError(
      await t.call('cases', 'binding.review', { id: a.id, approve: true }, AG),
      'BAD_REQUEST',
      'approve',
      /张四/,
    );
    expect((await t.find('case_bindings', { _id: a.id }))[0]).toMatchObject({
      status: 'pending',
      version: 1,
    });
    await t.cloud.grantSubscription(first, { [RESULT]: 'accept' });
    const refused = data(
      await t.call(
        'cases',
        'binding.review',
        { id: a.id, approve: false, reason: '所填当事人不是本案当事人' },
        AG,
      ),
    );
    expect(refused).toMatchObject({ status: 'refused', reason: '所填当事人不是本案当事人' });
    expect(t.cloud.platform.messages({ touser: first, templateId: RESULT })[0].data).toMatchObject({
      thing1: { value: '案件查询绑定申请' },
      phrase2: { value: '未通过' },
    });
    // Nothing of the case reaches a refused requester.
    expect(JSON.stringify(t.cloud.platform.messages({ touser: first }))).not.toContain('故意伤害');
    expectError(
      await t.call('cases', 'binding.review', { id: a.id, approve: true }, AG2),
      'CONFLICT',
    );

    // Approve the lawyer: told, and the binding shows its case.
    await t.cloud.grantSubscription(second, { [RESULT]: 'accept' });
    const ok = data(await t.call('cases', 'binding.review', { id: b.id, approve: true }, AG2));
    expect(ok).toMatchObject({ status: 'approved', statusName: '已通过', caseId: c.id });
    expect(
      t.cloud.platform.messages({ touser: second, templateId: RESULT }).pop()?.data,
    ).toMatchObject({
      phrase2: { value: '已通过' },
    });
    const audit = await t.find('audit', { entity: 'binding', entityId: b.id });
    expect(audit.sort((x, y) => Number(x.seq) - Number(y.seq)).map((e) => e.action)).toEqual([
      'request',
      'approve',
    ]);
    const inboxAfter = data(
      await t.call('cases', 'review.inbox', { kind: 'binding', pageSize: 50 }, AG),
    );
    expect(inboxAfter.items.map((i) => (i as { id: string }).id)).not.toEqual(
      expect.arrayContaining([a.id]),
    );

    // The refused requester asks again, correctly this time.
    const again = data(
      await requestAs(first, c.caseNumber, { role: 'close_relative', partyName: '张三' }),
    );
    expect(again.id).not.toBe(a.id);
    const mine = data(await t.call('cases', 'binding.mine', {}, first));
    expect(mine).toMatchObject({ total: 2, page: 1, pageSize: 20 });
    expect(mine.items.map((i) => [i.id, i.status, i.caseId])).toEqual([
      [again.id, 'pending', null],
      [a.id, 'refused', null],
    ]);
    const mineLawyer = data(await t.call('cases', 'binding.mine', { pageSize: 1 }, second));
    expect(mineLawyer.items[0]).toMatchObject({ id: b.id, caseId: c.id, roleName: '辩护人' });
  });

  test('When a lawyer asks to defend a victim, then the reviewer cannot approve it', async () => {
    const c = await newCase();
    const me = await lawyer();
    const b = data(await requestAs(me, c.caseNumber, { role: 'defender', partyName: '李四' }));
    expectError(
      await t.call('cases', 'binding.review', { id: b.id, approve: true }, AG),
      'BAD_REQUEST',
      'approve',
      /辩护人/,
    );
  });
});

describe('procedure', () => {
  test('When a bound citizen queries, then the seven fields, the timeline and only their party\u2019s measures; a bound lawyer sees every measure', async () => {
    const c = await newCase();
    const citizen = await bound(c.caseNumber);
    const defender = await bound(c.caseNumber, 'defender');
    const seen = data(await t.call('cases', 'procedure', { caseId: c.id }, citizen));
    expect(seen).toEqual({
      id: c.id,
      caseNumber: c.caseNumber,
      procuratorateName: '北京市朝阳区人民检察院',
      cause: '故意伤害罪',
      acceptedOn: '2024-05-01',
      timeLimit: '2024-06-15',
      handlingUnit: '第一检察部 李检察官办案组',
      stage: '审查起诉',
      result: null,
      measures: [{ partyName: '张三', measure: '取保候审', from: '2024-05-01', to: null }],
      timeline: [{ at: expect.any(String), stage: '审查起诉', note: null }],
      updatedAt: expect.any(String),
      boundAs: { role: 'party', roleName: '当事人本人', partyName: '张三' },
    });
    expect(JSON.stringify(seen)).not.toContain('李四');
    const lawyerView = data(await t.call('cases', 'procedure', { caseId: c.id }, defender));
    expect(lawyerView.measures.map((m) => m.partyName)).toEqual(['张三', '李四']);
    expect(lawyerView.boundAs).toEqual({ role: 'defender', roleName: '辩护人', partyName: '张三' });
  });

  test('When a case is juvenile or a state secret, then even its bound people get NOT_FOUND', async () => {
    for (const flags of [
      { juvenile: true },
      { stateSecret: true },
      { sensitiveKind: 'state_secret' },
    ]) {
      const c = await newCase({ flags });
      const citizen = await bound(c.caseNumber);
      expectError(
        await t.call('cases', 'procedure', { caseId: c.id }, citizen),
        'NOT_FOUND',
        undefined,
        /不在网上公开/,
      );
    }
    // Privacy or commercial secrets concern documents, not the seven fields.
    const p = await newCase({ flags: { privacy: true, commercialSecret: true } });
    const citizen = await bound(p.caseNumber);
    expect((await t.call('cases', 'procedure', { caseId: p.id }, citizen)).ok).toBe(true);
  });
});

describe('the authorization matrix', () => {
  type Who =
    | 'unbound citizen'
    | 'bound to another case'
    | 'pending requester'
    | 'refused requester'
    | 'refused lawyer'
    | 'staff of another procuratorate'
    | 'registrar of the same procuratorate'
    | 'handler of the same procuratorate'
    | 'leader of the same procuratorate'
    | 'admin of the same procuratorate'
    | 'case manager without binding';
  const people = {} as Record<Who, string>;
  let caseId = '';
  let bindingId = '';
  let lawyerId = '';

  beforeAll(async () => {
    const c = await newCase();
    caseId = c.id;
    const other = await newCase();
    people['unbound citizen'] = await citizenWithProfile(t, 'matrix-unbound');
    people['bound to another case'] = await bound(other.caseNumber);
    const pending = await citizenWithProfile(t, 'matrix-pending');
    bindingId = data(await requestAs(pending, c.caseNumber)).id;
    people['pending requester'] = pending;
    const refused = await citizenWithProfile(t, 'matrix-refused');
    const r = data(await requestAs(refused, c.caseNumber));
    data(
      await t.call('cases', 'binding.review', { id: r.id, approve: false, reason: '材料不全' }, AG),
    );
    people['refused requester'] = refused;
    people['refused lawyer'] = await lawyer(false);
    people['staff of another procuratorate'] = AG_HAIDIAN;
    people['registrar of the same procuratorate'] = DEMO.registrar;
    people['handler of the same procuratorate'] = DEMO.handler;
    people['leader of the same procuratorate'] = DEMO.leader;
    people['admin of the same procuratorate'] = DEMO.admin;
    people['case manager without binding'] = AG2;
    // A pending lawyer verification of 110105 to review.
    lawyerId = uid('matrix-lawyer');
    data(
      await t.call(
        'cases',
        'lawyer.verify',
        {
          name: '吴律师',
          certificateNumber: '11101201510077777',
          firm: '北京市某律师事务所',
          certificateImage: await uploadAs(t, lawyerId, `lawyers/${lawyerId}/cert.jpg`),
          procuratorateId: '110105',
        },
        lawyerId,
      ),
    );
  });

  const F = 'FORBIDDEN';
  const N = 'NOT_FOUND';
  // [procedure, procedure of a case id that does not exist, case.get, binding.review, lawyer.review]
  const matrix: [Who, [string, string, string, string, string]][] = [
    ['unbound citizen', [N, N, F, F, F]],
    ['bound to another case', [N, N, F, F, F]],
    ['pending requester', [N, N, F, F, F]],
    ['refused requester', [N, N, F, F, F]],
    ['refused lawyer', [N, N, F, F, F]],
    ['staff of another procuratorate', [N, N, N, N, N]],
    ['registrar of the same procuratorate', [N, N, F, F, F]],
    ['handler of the same procuratorate', [N, N, F, F, F]],
    ['leader of the same procuratorate', [N, N, F, F, F]],
    ['admin of the same procuratorate', [N, N, F, F, F]],
    ['case manager without binding', [N, N, 'ok', 'ok', 'ok']],
  ];

  test.each(matrix)(
    'When the %s asks, then procedure / case.get / binding.review / lawyer.review answer %j',
    async (who, expected) => {
      const openid = people[who];
      const outcome = (res: { ok: boolean; error?: { code: string; message: string } }) =>
        res.ok ? 'ok' : (res.error as { code: string }).code;
      const procedure = await t.call('cases', 'procedure', { caseId }, openid);
      const missing = await t.call('cases', 'procedure', { caseId: 'cs-does-not-exist' }, openid);
      const got = await t.call('cases', 'case.get', { id: caseId }, openid);
      // Reviews are tried as refusals; a permitted one is undone by nothing, so run those last.
      const review = await t.call(
        'cases',
        'binding.review',
        { id: bindingId, approve: false, reason: '测试' },
        openid,
      );
      const lawyerReview = await t.call(
        'cases',
        'lawyer.review',
        { id: lawyerId, approve: false, reason: '测试' },
        openid,
      );
      expect([procedure, missing, got, review, lawyerReview].map(outcome)).toEqual(expected);
      // Outsiders cannot tell an existing case from a missing one.
      if (!procedure.ok && !missing.ok) expect(procedure.error).toEqual(missing.error);
      if (expected[0] === N && !procedure.ok) {
        expect(procedure.error).toEqual({ code: 'NOT_FOUND', message: NOT_FOUND_MESSAGE });
      }
      if (expected[3] !== 'ok') {
        expect((await t.find('case_bindings', { _id: bindingId }))[0]).toMatchObject({
          status: 'pending',
          version: 1,
        });
        expect((await t.find('lawyers', { _id: lawyerId }))[0]).toMatchObject({
          status: 'pending',
          version: 1,
        });
      }
    },
  );
});
