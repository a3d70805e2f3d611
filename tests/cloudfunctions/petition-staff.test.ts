// The staff side of petition, run as the built bundle on devcloud: the full story from submit to
// the rating, refusal on each ground, the disclosure check, transfer, and CONFLICT on a stale
// version — each step checked by response, stored state, audit entries and outbox/sent messages.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { citizenWithProfile, submitPetition } from '../helpers/petition';
import { data, DEMO, openTestCloud, type TestCloud } from '../helpers/cloud';

const root = join(__dirname, '..', '..');
const templates = JSON.parse(readFileSync(join(root, 'config', 'templates.json'), 'utf8'));
const PROGRESS_TEMPLATE: string = templates.petitionProgress.id;

const HANDLER_ID = 'st-110105-handler';
const HANDLER2 = 'o-staff-110105-handler2';
const OWN_MOBILE = '13800138000';

let t: TestCloud;

function citizen(): Promise<string> {
  return citizenWithProfile(t, 'staff-story');
}

function submit(openid: string, extra: Record<string, unknown> = {}): Promise<string> {
  return submitPetition(t, openid, extra);
}

async function audit(id: string) {
  const entries = await t.find('audit', { entity: 'petition', entityId: id });
  return entries
    .sort((a, b) => new Date(a.at as string).getTime() - new Date(b.at as string).getTime())
    .map((e) => `${String(e.action)}:${String((e.detail as { to: string }).to)}`);
}

async function outbox(id: string) {
  const entries = await t.find('outbox', { 'ref.entity': 'petition', 'ref.id': id });
  return entries.sort(
    (a, b) => new Date(a.createdAt as string).getTime() - new Date(b.createdAt as string).getTime(),
  );
}

function phrases(touser: string) {
  return t.cloud.platform
    .messages({ touser })
    .map((m) => (m.data as Record<string, { value: string }>).phrase2.value);
}

async function subscribe(openid: string) {
  await t.cloud.grantSubscription(openid, { [PROGRESS_TEMPLATE]: 'accept' });
}

async function stored(id: string) {
  const [doc] = await t.find('petitions', { _id: id });
  return doc;
}

beforeAll(async () => {
  t = await openTestCloud();
});
afterAll(async () => {
  await t.close();
});

describe('the full story', () => {
  test('When a petition goes submit → register → accept → assign → procedural reply → answer → rate, then every step is stored, audited and notified', async () => {
    const me = await citizen();
    await subscribe(me);
    const id = await submit(me);
    expect(phrases(me)).toEqual(['已收到']);

    // register
    const registered = data(
      await t.call(
        'petition',
        'register',
        { id, departmentId: '110105-ks', version: 1 },
        DEMO.registrar,
      ),
    );
    expect(registered).toMatchObject({
      id,
      status: 'registered',
      departmentId: '110105-ks',
      departmentName: '控告申诉检察部',
      version: 2,
      petitioner: { name: '张三', idNumberMasked: '110***********002X', mobile: OWN_MOBILE },
      contentFlag: 'pass',
    });
    expect(registered.allowedEvents).toEqual(
      expect.arrayContaining(['ACCEPT', 'REFUSE', 'REQUEST_MATERIALS', 'TRANSFER']),
    );
    expect(JSON.stringify(registered)).not.toContain('19491231');
    expect(await stored(id)).toMatchObject({ status: 'registered', version: 2 });
    expect(await audit(id)).toEqual(['SUBMIT:submitted', 'REGISTER:registered']);
    expect(await outbox(id)).toHaveLength(1);

    // accept: the petitioner is told
    await subscribe(me);
    const accepted = data(await t.call('petition', 'accept', { id, version: 2 }, DEMO.registrar));
    expect(accepted).toMatchObject({ status: 'accepted', version: 3 });
    expect(await audit(id)).toEqual(['SUBMIT:submitted', 'REGISTER:registered', 'ACCEPT:accepted']);
    const afterAccept = await outbox(id);
    expect(afterAccept).toHaveLength(2);
    expect(afterAccept[1]).toMatchObject({
      touser: me,
      template: 'petitionProgress',
      status: 'sent',
    });
    expect(phrases(me)).toEqual(['已收到', '已受理']);

    // assign: the leader picks a handler of the department; the handler is told
    await subscribe(DEMO.handler);
    const assigned = data(
      await t.call('petition', 'assign', { id, staffId: HANDLER_ID }, DEMO.leader),
    );
    expect(assigned).toMatchObject({
      status: 'assigned',
      handler: { staffId: HANDLER_ID, name: '张华' },
      version: 4,
    });
    expect(phrases(DEMO.handler)).toEqual(['新分配']);
    const handlerMessage = (await outbox(id)).find((o) => o.touser === DEMO.handler);
    expect(handlerMessage).toMatchObject({
      status: 'sent',
      page: `staff/petition-detail/index?id=${id}`,
    });
    expect(await stored(id)).toMatchObject({ handler: { staffId: HANDLER_ID }, version: 4 });

    // the handler sees it with what they may do now
    const seen = data(await t.call('petition', 'get', { id }, DEMO.handler));
    expect(seen).toMatchObject({ status: 'assigned', version: 4 });
    expect((seen as unknown as { allowedEvents: string[] }).allowedEvents).toEqual([
      'PROCEDURAL_REPLY',
      'REQUEST_EXTENSION',
    ]);

    // procedural reply
    await subscribe(me);
    const replied = data(
      await t.call(
        'petition',
        'proceduralReply',
        {
          id,
          method: 'online',
          text: `您的信访已由本院承办，如有疑问请拨打${OWN_MOBILE}以外的12309热线。`,
        },
        DEMO.handler,
      ),
    );
    expect(replied).toMatchObject({ status: 'procedural_replied', version: 5 });
    expect(replied.replies).toHaveLength(1);
    expect(phrases(me)).toEqual(['已收到', '已受理', '有新答复']);

    // answer
    await subscribe(me);
    const answered = data(
      await t.call(
        'petition',
        'answer',
        {
          id,
          version: 5,
          method: 'written',
          text: `经调查核实，相关部门已依法作出处理，可拨打您的电话${OWN_MOBILE}联系您。`,
          result: '已督促相关部门依法处理',
        },
        DEMO.handler,
      ),
    );
    expect(answered).toMatchObject({
      status: 'answered',
      version: 6,
      answer: { result: '已督促相关部门依法处理' },
    });
    expect(phrases(me)).toEqual(['已收到', '已受理', '有新答复', '已答复']);

    // the petitioner reads it and rates it, once
    const mine = data(await t.call('petition', 'get', { id }, me));
    expect(mine).toMatchObject({ status: 'answered', can: { rate: true, requestReview: true } });
    expect(mine).not.toHaveProperty('petitioner');
    const rated = data(
      await t.call('petition', 'rate', { id, satisfaction: 'satisfied', comment: '办理及时' }, me),
    );
    expect(rated).toMatchObject({
      rating: { satisfaction: 'satisfied', comment: '办理及时' },
      can: { rate: false },
    });
    const again = await t.call('petition', 'rate', { id, satisfaction: 'dissatisfied' }, me);
    expect(again).toEqual({
      ok: false,
      error: { code: 'PRECONDITION_FAILED', message: '已经评价过，不能重复评价' },
    });

    expect(await audit(id)).toEqual([
      'SUBMIT:submitted',
      'REGISTER:registered',
      'ACCEPT:accepted',
      'ASSIGN:assigned',
      // The handler opened the staff view (the petitioner's personal data) before replying.
      'view_personal_data:undefined',
      'PROCEDURAL_REPLY:procedural_replied',
      'ANSWER:answered',
      'RATE:answered',
    ]);
    const entries = await t.find('audit', { entity: 'petition', entityId: id, action: 'ASSIGN' });
    expect(entries[0]).toMatchObject({
      by: { openid: DEMO.leader, staffId: 'st-110105-leader' },
      detail: { from: 'accepted', to: 'assigned', why: '承办人：张华' },
    });
    expect((await outbox(id)).every((o) => o.status === 'sent')).toBe(true);
    // received, accepted, assigned (to the handler), replied, answered
    expect(await outbox(id)).toHaveLength(5);
    expect(await stored(id)).toMatchObject({ status: 'answered', version: 7 });

    // close and (not yet) archive: the review window is still open
    data(await t.call('petition', 'close', { id }, DEMO.handler));
    const early = await t.call('petition', 'archive', { id }, DEMO.registrar);
    expect(early).toEqual({
      ok: false,
      error: { code: 'PRECONDITION_FAILED', message: '复查申请期限届满前不能归档' },
    });
  });
});

describe('refusal', () => {
  test.each([1, 2, 3, 4] as const)(
    'When the registrar refuses on ground %s, then the petitioner sees the ground and explanation and is told',
    async (ground) => {
      const me = await citizen();
      const id = await submit(me);
      data(await t.call('petition', 'register', { id, departmentId: '110105-ks' }, DEMO.registrar));
      await subscribe(me);
      const explanation = '经审查，您反映的事项不符合受理条件，特此告知。';
      const res = data(
        await t.call('petition', 'refuse', { id, ground, explanation }, DEMO.registrar),
      );
      expect(res).toMatchObject({ status: 'refused', refusal: { ground, explanation } });
      const view = data(await t.call('petition', 'get', { id }, me));
      expect(view.refusal).toMatchObject({ ground, explanation });
      expect(view.refusal?.groundText.length).toBeGreaterThan(5);
      expect(await audit(id)).toEqual([
        'SUBMIT:submitted',
        'REGISTER:registered',
        'REFUSE:refused',
      ]);
      const [entry] = await t.find('audit', { entity: 'petition', entityId: id, action: 'REFUSE' });
      expect(String((entry.detail as { why: string }).why)).toContain(explanation);
      expect(phrases(me)).toEqual(['不予受理']);
      expect(await stored(id)).toMatchObject({ status: 'refused', version: 3 });
    },
  );

  test('When the ground is not one of the four, then BAD_REQUEST at ground and nothing changes', async () => {
    const me = await citizen();
    const id = await submit(me);
    data(await t.call('petition', 'register', { id, departmentId: '110105-ks' }, DEMO.registrar));
    const res = await t.call(
      'petition',
      'refuse',
      { id, ground: 5, explanation: '经审查，不符合受理条件，特此告知。' },
      DEMO.registrar,
    );
    expect(res).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(!res.ok && res.error.issues?.map((i) => i.path)).toEqual(['ground']);
    expect(await stored(id)).toMatchObject({ status: 'registered', version: 2 });
  });
});

async function toAssigned(me: string) {
  const id = await submit(me);
  data(await t.call('petition', 'register', { id, departmentId: '110105-ks' }, DEMO.registrar));
  data(await t.call('petition', 'accept', { id }, DEMO.registrar));
  data(await t.call('petition', 'assign', { id, staffId: HANDLER_ID }, DEMO.leader));
  return id;
}

describe('the disclosure check', () => {
  test("When a reply gives another person's phone number, then BAD_REQUEST at text names it and nothing is saved or sent", async () => {
    const me = await citizen();
    const id = await toAssigned(me);
    const before = { audit: await audit(id), outbox: (await outbox(id)).length };
    const res = await t.call(
      'petition',
      'proceduralReply',
      { id, method: 'online', text: '请联系被反映人李四，电话13912345678，协商解决。' },
      DEMO.handler,
    );
    expect(res).toEqual({
      ok: false,
      error: {
        code: 'BAD_REQUEST',
        message: '答复中有不能披露的内容，请删除：13912345678',
        issues: [
          { path: 'text', message: '答复中含有信访人本人以外的电话号码“13912345678”，请删除' },
        ],
      },
    });
    expect(await stored(id)).toMatchObject({ status: 'assigned', version: 4, replies: [] });
    expect(await audit(id)).toEqual(before.audit);
    expect(await outbox(id)).toHaveLength(before.outbox);
  });

  test('When an answer result carries a confidential mark, then BAD_REQUEST at result', async () => {
    const me = await citizen();
    const id = await toAssigned(me);
    data(
      await t.call(
        'petition',
        'proceduralReply',
        { id, method: 'online', text: '您的信访已由本院承办。' },
        DEMO.handler,
      ),
    );
    const res = await t.call(
      'petition',
      'answer',
      { id, method: 'online', text: '经调查核实，已依法处理。', result: '【内部】已处理完毕' },
      DEMO.handler,
    );
    expect(res).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(!res.ok && res.error.issues?.map((i) => i.path)).toEqual(['result']);
    expect(await stored(id)).toMatchObject({ status: 'procedural_replied' });
  });
});

describe('concurrency', () => {
  test('When two staff act on the same version at once, then exactly one wins and the other gets CONFLICT', async () => {
    const me = await citizen();
    const id = await submit(me);
    data(await t.call('petition', 'register', { id, departmentId: '110105-ks' }, DEMO.registrar));
    const [a, b] = await Promise.all([
      t.call('petition', 'accept', { id, version: 2 }, DEMO.registrar),
      t.call(
        'petition',
        'refuse',
        { id, version: 2, ground: 2, explanation: '诉求不明确，请补充具体诉求后再提出。' },
        DEMO.leader,
      ),
    ]);
    const results = [a, b];
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const lost = results.find((r) => !r.ok);
    expect(lost).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: '该信访已被他人处理，请刷新后重试' },
    });
    const doc = await stored(id);
    expect(doc.version).toBe(3);
    expect(await audit(id)).toHaveLength(3);
  });

  test('When the page shows a stale version, then CONFLICT and nothing changes', async () => {
    const me = await citizen();
    const id = await submit(me);
    data(await t.call('petition', 'register', { id, departmentId: '110105-ks' }, DEMO.registrar));
    const res = await t.call('petition', 'accept', { id, version: 1 }, DEMO.leader);
    expect(res).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: '该信访已被他人处理，请刷新后重试' },
    });
    expect(await stored(id)).toMatchObject({ status: 'registered', version: 2 });
  });
});

describe('materials, transfer and the inbox', () => {
  test('When materials are requested and supplied, then the petitioner is told and it is registered again', async () => {
    const me = await citizen();
    const id = await submit(me);
    data(await t.call('petition', 'register', { id, departmentId: '110105-ks' }, DEMO.registrar));
    await subscribe(me);
    const res = data(
      await t.call(
        'petition',
        'requestMaterials',
        { id, items: ['身份证明复印件', '原处理决定书'], dueDate: '2099-12-31' },
        DEMO.registrar,
      ),
    );
    expect(res).toMatchObject({
      status: 'materials_requested',
      materialsRequest: { items: ['身份证明复印件', '原处理决定书'] },
    });
    expect(phrases(me)).toEqual(['需补充材料']);
    const supplied = data(
      await t.call('petition', 'supplyMaterials', { id, note: '已按要求邮寄纸质材料' }, me),
    );
    expect(supplied).toMatchObject({ status: 'registered' });
    expect(await audit(id)).toEqual([
      'SUBMIT:submitted',
      'REGISTER:registered',
      'REQUEST_MATERIALS:materials_requested',
      'SUPPLY_MATERIALS:registered',
    ]);
  });

  test('When it is transferred to another procuratorate (here the city procuratorate), then it ends here as transferred and arrives there as a new registration', async () => {
    const me = await citizen();
    const id = await submit(me);
    data(await t.call('petition', 'register', { id, departmentId: '110105-ks' }, DEMO.registrar));
    await subscribe(me);
    const res = data(
      await t.call(
        'petition',
        'transfer',
        {
          id,
          to: { type: 'procuratorate', procuratorateId: '110000' },
          reason: '属市检察院管辖的事项',
        },
        DEMO.registrar,
      ),
    );
    expect(res).toMatchObject({
      status: 'transferred',
      transfer: { toName: '北京市人民检察院', reason: '属市检察院管辖的事项' },
    });
    expect(phrases(me)).toEqual(['已转办']);
    const [copy] = await t.find('petitions', { 'linkedFrom.petitionId': id });
    expect(copy).toMatchObject({
      procuratorateId: '110000',
      status: 'submitted',
      departmentId: '110000-ks',
      petitionerOpenid: me,
      linkedFrom: {
        type: 'transfer',
        procuratorateId: DEMO.unit,
        reason: '属市检察院管辖的事项',
      },
      version: 1,
    });
    expect(String(copy.receiptNumber)).toMatch(/^110000-\d{4}-\d{6}$/);
    const inbox = data(
      await t.call('petition', 'inbox', { status: 'submitted' }, 'o-staff-110000-registrar'),
    );
    expect(inbox.items.map((i) => i.id)).toContain(copy._id);
    // The original stays here, transferred; the target's staff see only the copy.
    expect(await t.call('petition', 'get', { id }, 'o-staff-110000-registrar')).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await audit(String(copy._id))).toEqual(['SUBMIT:submitted']);
    // The petitioner follows both.
    const list = data(await t.call('petition', 'mine', {}, me));
    expect(list.items.map((i) => i.id).sort()).toEqual([id, String(copy._id)].sort());
  });

  test('When a handler opens the inbox, then only their department is listed, with counts per status', async () => {
    const me = await citizen();
    const ks = await submit(me);
    const ms = await submit(me, {
      kind: 'civil_appeal',
      decision: {
        title: '民事判决书',
        number: '（2025）京0105民初1号',
        date: '2025-06-30',
        organ: '北京市朝阳区人民法院',
      },
    });
    const before = data(await t.call('petition', 'inbox', { pageSize: 50 }, HANDLER2));
    expect(before.items.map((i) => i.id)).not.toContain(ks);
    expect(before.counts.submitted).toBe(0);
    data(
      await t.call('petition', 'register', { id: ks, departmentId: '110105-ks' }, DEMO.registrar),
    );
    data(
      await t.call('petition', 'register', { id: ms, departmentId: '110105-ms' }, DEMO.registrar),
    );
    const handler = data(await t.call('petition', 'inbox', { pageSize: 50 }, HANDLER2));
    const ids = handler.items.map((i) => i.id);
    expect(ids).toContain(ks);
    expect(ids).not.toContain(ms);
    expect(handler.counts.registered).toBeGreaterThanOrEqual(1);
    expect(handler.counts.submitted).toBe(0);
    expect(Object.values(handler.counts).reduce((a, b) => a + b, 0)).toBe(handler.total);
    const ms2 = data(
      await t.call('petition', 'inbox', { pageSize: 50 }, 'o-staff-110105-ms-handler'),
    );
    expect(ms2.items.map((i) => i.id)).toEqual([ms]);
    const registrar = data(
      await t.call('petition', 'inbox', { kind: 'civil_appeal' }, DEMO.registrar),
    );
    expect(registrar.items.map((i) => i.id)).toContain(ms);
    expect(registrar.items.every((i) => i.kind === 'civil_appeal')).toBe(true);
    const dates = handler.items.map((i) => i.submittedAt);
    expect([...dates].sort().reverse()).toEqual(dates);
  });
});
