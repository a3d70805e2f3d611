// The petitioner's events after submit, run as the built bundle on devcloud: withdraw, supply
// materials, rate and review (复查), with stored state, audit, outbox and exact failures.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { receiptYear } from '../../domain/petition/receipt';
import { citizenWithProfile, submitPetition } from '../helpers/petition';
import { data, DEMO, openTestCloud, type TestCloud } from '../helpers/cloud';

const root = join(__dirname, '..', '..');
const templates = JSON.parse(readFileSync(join(root, 'config', 'templates.json'), 'utf8'));
const PROGRESS_TEMPLATE: string = templates.petitionProgress.id;
const YEAR = receiptYear(new Date());

let t: TestCloud;

function citizen(): Promise<string> {
  return citizenWithProfile(t, 'citizen-events');
}

function submit(openid: string): Promise<string> {
  return submitPetition(t, openid);
}

async function answered(openid: string): Promise<string> {
  const id = await submit(openid);
  const step = async (action: string, input: Record<string, unknown>, by: string) =>
    data(await t.call('petition', action as 'accept', { id, ...input }, by));
  const reply = { method: 'online', text: '您的信访已由本院依法办理。' };
  await step('register', { departmentId: '110105-ks' }, DEMO.registrar);
  await step('accept', {}, DEMO.registrar);
  await step('assign', { staffId: 'st-110105-handler' }, DEMO.leader);
  await step('proceduralReply', reply, DEMO.handler);
  await step('answer', { ...reply, result: '已依法处理完毕' }, DEMO.handler);
  return id;
}

async function auditActions(id: string) {
  const entries = await t.find('audit', { entity: 'petition', entityId: id });
  return entries
    .sort((a, b) => new Date(a.at as string).getTime() - new Date(b.at as string).getTime())
    .map((e) => String(e.action));
}

beforeAll(async () => {
  t = await openTestCloud();
});
afterAll(async () => {
  await t.close();
});

describe('withdraw', () => {
  test('When the petitioner withdraws before it is answered, then it is withdrawn with the reason and audited', async () => {
    const me = await citizen();
    const id = await submit(me);
    const view = data(await t.call('petition', 'withdraw', { id, reason: '已与对方和解' }, me));
    expect(view).toMatchObject({ id, status: 'withdrawn', can: { withdraw: false } });
    const [doc] = await t.find('petitions', { _id: id });
    expect(doc).toMatchObject({
      status: 'withdrawn',
      version: 2,
      withdrawal: { reason: '已与对方和解', from: 'submitted' },
    });
    expect(await auditActions(id)).toEqual(['SUBMIT', 'WITHDRAW']);
    const [entry] = await t.find('audit', { entity: 'petition', entityId: id, action: 'WITHDRAW' });
    expect(entry).toMatchObject({
      by: { openid: me, staffId: null },
      detail: { why: '已与对方和解' },
    });
  });

  test('When it is already answered, then PRECONDITION_FAILED and nothing changes', async () => {
    const me = await citizen();
    const id = await answered(me);
    expect(await t.call('petition', 'withdraw', { id }, me)).toEqual({
      ok: false,
      error: { code: 'PRECONDITION_FAILED', message: '该信访当前为“已答复”，不能撤回' },
    });
    const [doc] = await t.find('petitions', { _id: id });
    expect(doc.status).toBe('answered');
  });

  test('When the reason is too long, then BAD_REQUEST at reason', async () => {
    const me = await citizen();
    const id = await submit(me);
    const res = await t.call('petition', 'withdraw', { id, reason: '长'.repeat(201) }, me);
    expect(res).toEqual({
      ok: false,
      error: {
        code: 'BAD_REQUEST',
        message: '撤回理由不能超过200个字',
        issues: [{ path: 'reason', message: '撤回理由不能超过200个字' }],
      },
    });
  });
});

describe('supply materials', () => {
  test('When nothing is supplied, then BAD_REQUEST at attachments', async () => {
    const me = await citizen();
    const id = await submit(me);
    const res = await t.call('petition', 'supplyMaterials', { id }, me);
    expect(res).toMatchObject({
      ok: false,
      error: {
        code: 'BAD_REQUEST',
        issues: [{ path: 'attachments', message: '请上传补充的材料或填写补充说明' }],
      },
    });
  });

  test('When no materials were requested, then PRECONDITION_FAILED', async () => {
    const me = await citizen();
    const id = await submit(me);
    const res = await t.call(
      'petition',
      'supplyMaterials',
      { id, attachments: ['cloud://env/petition/a.pdf'] },
      me,
    );
    expect(res).toMatchObject({ ok: false, error: { code: 'PRECONDITION_FAILED' } });
  });
});

describe('rate', () => {
  test('When it is not answered yet, then PRECONDITION_FAILED', async () => {
    const me = await citizen();
    const id = await submit(me);
    expect(await t.call('petition', 'rate', { id, satisfaction: 'satisfied' }, me)).toMatchObject({
      ok: false,
      error: { code: 'PRECONDITION_FAILED' },
    });
  });

  test('When the satisfaction is not one of the three, then BAD_REQUEST at satisfaction', async () => {
    const me = await citizen();
    const id = await answered(me);
    const res = await t.call('petition', 'rate', { id, satisfaction: 'great' }, me);
    expect(res).toEqual({
      ok: false,
      error: {
        code: 'BAD_REQUEST',
        message: '请选择满意程度',
        issues: [{ path: 'satisfaction', message: '请选择满意程度' }],
      },
    });
  });
});

describe('review (复查)', () => {
  test('When the petitioner asks for review within 30 days, then a linked petition is filed one level up with its own receipt number', async () => {
    const me = await citizen();
    const id = await answered(me);
    await t.cloud.grantSubscription(me, { [PROGRESS_TEMPLATE]: 'accept' });
    const [counter] = await t.find('counters', { _id: `110000-${YEAR}` });
    const last = Number(counter?.sequence ?? 0);

    const view = data(
      await t.call(
        'petition',
        'requestReview',
        { id, reason: '对答复结果不服，请求上一级检察院复查。' },
        me,
      ),
    );
    expect(view).toMatchObject({ id, status: 'answered', can: { requestReview: false } });
    expect(view.reviewPetitionId).toMatch(/^pt[0-9a-f]{30}$/);

    const review = data(await t.call('petition', 'get', { id: view.reviewPetitionId ?? '' }, me));
    expect(review).toMatchObject({
      procuratorateId: '110000',
      procuratorateName: '北京市人民检察院',
      status: 'submitted',
      receiptNumber: `110000-${YEAR}-${String(last + 1).padStart(6, '0')}`,
    });
    const [stored] = await t.find('petitions', { _id: view.reviewPetitionId });
    expect(stored).toMatchObject({
      departmentId: '110000-ks',
      linkedFrom: { type: 'review', petitionId: id, procuratorateId: DEMO.unit },
      version: 1,
    });
    expect(await auditActions(String(view.reviewPetitionId))).toEqual(['SUBMIT']);
    expect(await auditActions(id)).toContain('REQUEST_REVIEW');
    const messages = t.cloud.platform.messages({ touser: me });
    expect(messages).toHaveLength(1);
    expect((messages[0].data as Record<string, { value: string }>).character_string1.value).toBe(
      review.receiptNumber,
    );
    // The upper procuratorate's registrar sees it; the lower one's staff do not.
    const upper = data(
      await t.call(
        'petition',
        'inbox',
        { status: 'submitted', pageSize: 50 },
        'o-staff-110000-registrar',
      ),
    );
    expect(upper.items.map((i) => i.id)).toContain(view.reviewPetitionId);
    expect(
      await t.call('petition', 'get', { id: view.reviewPetitionId ?? '' }, DEMO.registrar),
    ).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });

    const again = await t.call(
      'petition',
      'requestReview',
      { id, reason: '再次申请复查，请求重新审查。' },
      me,
    );
    expect(again).toEqual({
      ok: false,
      error: { code: 'PRECONDITION_FAILED', message: '已经申请过复查，不能重复申请' },
    });
  });

  test('When the reason is too short, then BAD_REQUEST at reason and nothing is filed', async () => {
    const me = await citizen();
    const id = await answered(me);
    const res = await t.call('petition', 'requestReview', { id, reason: '不服' }, me);
    expect(res).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', issues: [{ path: 'reason' }] },
    });
    const [doc] = await t.find('petitions', { _id: id });
    expect(doc.review).toBeNull();
  });
});
