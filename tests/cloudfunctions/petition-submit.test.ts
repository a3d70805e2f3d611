// petition.submit / mine / get, run as the built bundle on devcloud: the response, the stored state
// (read back through petition.get), the outbox and sent messages, the audit log, the receipt
// counter, and for failures the exact code and issue paths with nothing written.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { receiptYear } from '../../domain/petition/receipt';
import { data, DEMO, openTestCloud, type TestCloud } from '../helpers/cloud';

const root = join(__dirname, '..', '..');
const templates = JSON.parse(readFileSync(join(root, 'config', 'templates.json'), 'utf8'));
const PROGRESS_TEMPLATE: string = templates.petitionProgress.id;
const wordlist = JSON.parse(readFileSync(join(root, 'devcloud', 'wordlist.json'), 'utf8'));
const RISKY_WORD = Object.keys(wordlist.risky)[0];
const REVIEW_WORD = Object.keys(wordlist.review)[0];

const ID = '11010519491231002X';
const YEAR = receiptYear(new Date());

let t: TestCloud;
let seq = 0;

function token() {
  seq += 1;
  return `pt-token-${seq}-${Date.now().toString(36)}`;
}

const common = () => ({
  procuratorateId: DEMO.unit,
  request: '请求依法撤销原处理决定并重新审查',
  facts: '2025年5月，我在本市某区与他人发生纠纷，公安机关作出的处理明显不当，至今未予纠正。',
  reasons: '原处理认定事实不清，证据不足。',
  address: '北京市朝阳区建国路88号',
  contact: '13800138000',
  clientToken: token(),
});

const decision = {
  title: '不起诉决定书',
  number: '京朝检刑不诉〔2025〕12号',
  date: '2025-06-30',
  organ: '北京市朝阳区人民检察院',
};

/** A valid form of each kind the tests use. */
const FORMS = {
  accusation: () => ({
    kind: 'accusation',
    ...common(),
    accused: { name: '某某公司', conduct: '长期拖欠工人工资并威胁讨薪工人，情节恶劣。' },
  }),
  criminal_appeal: () => ({ kind: 'criminal_appeal', ...common(), decision }),
  state_compensation: () => ({
    kind: 'state_compensation',
    ...common(),
    compensation: {
      victim: {
        type: 'person',
        name: '王五',
        sex: 'male',
        age: '45',
        employer: '无',
        domicile: '北京市朝阳区建国路1号',
      },
      claimantIsVictim: false,
      relationship: '父子',
      amount: '12000.50',
      specificRequest: '赔偿错误羁押期间的损失',
      applicationDate: '2026-01-05',
    },
  }),
  judicial_assistance: () => ({
    kind: 'judicial_assistance',
    ...common(),
    assistance: {
      harm: '被告人故意伤害致我重伤，医疗费用巨大。',
      hardship: '家庭主要劳动力丧失，生活无以为继。',
      received: [{ amount: 3000, source: '民政部门临时救助' }],
    },
  }),
  other: () => ({ kind: 'other', ...common() }),
} as const;
type FormKind = keyof typeof FORMS;

function form(kind: FormKind = 'other', overrides: Record<string, unknown> = {}) {
  return { ...FORMS[kind](), ...overrides } as Record<string, unknown>;
}

async function saveProfile(openid: string, idNumber = ID) {
  data(
    await t.call(
      'account',
      'profile.save',
      { name: '张三', idNumber, mobile: '13800138000' },
      openid,
    ),
  );
}

let people = 0;
/** A citizen with a saved real-name profile, fresh for the test. */
async function citizen() {
  people += 1;
  const openid = `o-petitioner-${people}-${Date.now().toString(36)}`;
  await saveProfile(openid);
  return openid;
}

async function counts() {
  const [petitions, audit, outbox, counters] = await Promise.all([
    t.find('petitions'),
    t.find('audit', { entity: 'petition' }),
    t.find('outbox', { 'ref.entity': 'petition' }),
    t.find('counters'),
  ]);
  return {
    petitions: petitions.length,
    audit: audit.length,
    outbox: outbox.length,
    counters: counters.map((c) => `${String(c._id)}:${String(c.sequence)}`).sort(),
  };
}

beforeAll(async () => {
  t = await openTestCloud();
  await saveProfile(DEMO.citizen);
});
afterAll(async () => {
  await t.close();
});

describe('submit', () => {
  test.each([
    'accusation',
    'criminal_appeal',
    'state_compensation',
    'judicial_assistance',
  ] as const)(
    'When a citizen with a profile submits a valid %s, then it is stored, routed, audited, counted and notified',
    async (kind) => {
      const me = await citizen();
      await t.cloud.grantSubscription(me, { [PROGRESS_TEMPLATE]: 'accept' });
      const before = await t.find('counters', { _id: `${DEMO.unit}-${YEAR}` });
      const last = Number(before[0]?.sequence ?? 0);

      const input = form(kind);
      const res = data(await t.call('petition', 'submit', input, me));
      expect(res).toEqual({
        id: expect.stringMatching(/^pt[0-9a-f]{30}$/),
        receiptNumber: `${DEMO.unit}-${YEAR}-${String(last + 1).padStart(6, '0')}`,
        duplicate: false,
      });

      const view = data(await t.call('petition', 'get', { id: res.id }, me));
      const { clientToken: _token, ...asFiled } = input;
      expect(view).toMatchObject({
        id: res.id,
        receiptNumber: res.receiptNumber,
        kind,
        procuratorateId: DEMO.unit,
        procuratorateName: '北京市朝阳区人民检察院',
        status: 'submitted',
        statusName: '已提交待登记',
        refusal: null,
        answer: null,
        can: { withdraw: true, supplyMaterials: false, rate: false, requestReview: false },
      });
      // Numbers typed in text boxes come back as numbers.
      const parsed =
        kind === 'state_compensation'
          ? {
              compensation: {
                ...FORMS.state_compensation().compensation,
                amount: 12000.5,
                victim: { ...FORMS.state_compensation().compensation.victim, age: 45 },
              },
            }
          : {};
      expect(view.form).toMatchObject({ ...asFiled, ...parsed });
      expect(view.form).not.toHaveProperty('clientToken');
      expect(view.timeline).toEqual([
        { at: view.submittedAt, status: 'submitted', statusName: '已提交待登记', note: null },
      ]);

      const [stored] = await t.find('petitions', { _id: res.id });
      expect(stored).toMatchObject({
        channel: 'online',
        petitionerOpenid: me,
        departmentId:
          kind === 'accusation' || kind !== 'criminal_appeal' ? '110105-ks' : '110105-ks',
        petitioner: { name: '张三', idNumberMasked: '110***********002X' },
        contentFlag: 'pass',
        receipt: { year: YEAR, sequence: last + 1 },
        version: 1,
      });
      expect((stored.petitioner as { idHash: string }).idHash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(stored)).not.toContain('19491231');

      const audit = await t.find('audit', { entity: 'petition', entityId: res.id });
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({
        action: 'SUBMIT',
        by: { openid: me, staffId: null },
        detail: { from: null, to: 'submitted', receiptNumber: res.receiptNumber },
      });

      const outbox = await t.find('outbox', { 'ref.entity': 'petition', 'ref.id': res.id });
      expect(outbox).toHaveLength(1);
      expect(outbox[0]).toMatchObject({ touser: me, template: 'petitionProgress', status: 'sent' });
      const sent = t.cloud.platform.messages({ touser: me });
      expect(sent).toHaveLength(1);
      expect(sent[0]).toMatchObject({ templateKey: 'petitionProgress', fn: 'petition' });
      expect(sent[0].data.character_string1.value).toBe(res.receiptNumber);
      expect(sent[0].data.phrase2.value).toBe('已收到');

      const [counter] = await t.find('counters', { _id: `${DEMO.unit}-${YEAR}` });
      expect(counter).toMatchObject({ procuratorateId: DEMO.unit, year: YEAR, sequence: last + 1 });
    },
  );

  test.each([
    ['civil_appeal', '110105-ms'],
    ['public_interest_clue', '110105-gy'],
  ])('When a %s is submitted, then it is routed to %s', async (kind, department) => {
    const extra =
      kind === 'civil_appeal'
        ? { decision }
        : {
            clue: {
              interestHarmed: '河道被倾倒大量建筑垃圾，污染水源。',
              responsibleParty: '某建筑公司',
            },
          };
    const { id } = data(
      await t.call('petition', 'submit', { ...common(), kind, ...extra }, DEMO.citizen),
    );
    const [stored] = await t.find('petitions', { _id: id });
    expect(stored.departmentId).toBe(department);
  });

  test('When the citizen did not subscribe, then the petition is filed and the message is recorded as no_quota', async () => {
    const me = await citizen();
    const { id } = data(await t.call('petition', 'submit', form(), me));
    const outbox = await t.find('outbox', { 'ref.entity': 'petition', 'ref.id': id });
    expect(outbox).toMatchObject([{ status: 'no_quota' }]);
    expect(t.cloud.platform.messages({ touser: me })).toHaveLength(0);
  });

  test('When the caller has no real-name profile, then PRECONDITION_FAILED and nothing is written', async () => {
    const before = await counts();
    const res = await t.call('petition', 'submit', form(), 'o-no-profile-1');
    expect(res).toEqual({
      ok: false,
      error: { code: 'PRECONDITION_FAILED', message: '请先填写实名信息' },
    });
    expect(await counts()).toEqual(before);
  });

  test('When the procuratorate does not exist, then NOT_FOUND names the field and nothing is written', async () => {
    const before = await counts();
    const res = await t.call(
      'petition',
      'submit',
      form('other', { procuratorateId: '999999' }),
      DEMO.citizen,
    );
    expect(res).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', issues: [{ path: 'procuratorateId' }] },
    });
    expect(await counts()).toEqual(before);
  });

  test.each([
    ['other', 'kind', { kind: 'appeal' }, '请选择信访类别'],
    ['other', 'request', { request: '太短' }, '诉求至少5个字'],
    ['other', 'facts', { facts: '' }, '请填写事实'],
    ['other', 'contact', { contact: '12345' }, '联系电话应为11位手机号码'],
    ['other', 'attachments.0', { attachments: ['http://x'] }, '附件格式不正确，请重新上传'],
    [
      'other',
      'onBehalfOf.note',
      { onBehalfOf: { name: '李四', relationship: 'other' } },
      '请说明与被代理人的关系',
    ],
    ['other', 'extra', { extra: 1 }, '不支持的字段：extra'],
    [
      'accusation',
      'accused.conduct',
      { accused: { name: '某某', conduct: '太短' } },
      '被控告的行为至少10个字',
    ],
    [
      'criminal_appeal',
      'decision.date',
      { decision: { ...decision, date: '2025-02-30' } },
      '原处理决定作出日期不是有效日期',
    ],
    ['criminal_appeal', 'decision', { decision: undefined }, '请填写原处理决定'],
    [
      'state_compensation',
      'compensation.relationship',
      { compensation: { ...FORMS.state_compensation().compensation, relationship: '' } },
      '申请人不是受害人本人的，请填写与受害人的关系',
    ],
    [
      'state_compensation',
      'compensation.amount',
      { compensation: { ...FORMS.state_compensation().compensation, amount: '12.345' } },
      '请求赔偿金额最多保留两位小数',
    ],
    [
      'judicial_assistance',
      'assistance.hardship',
      { assistance: { harm: '被告人故意伤害致我重伤，医疗费用巨大。' } },
      '请填写生活困难情况',
    ],
  ] as const)(
    'When a %s form has a bad %s, then BAD_REQUEST names it in Chinese and nothing is written',
    async (kind, path, overrides, message) => {
      const before = await counts();
      const input = form(kind, overrides);
      for (const [k, v] of Object.entries(overrides)) if (v === undefined) delete input[k];
      const res = await t.call('petition', 'submit', input, DEMO.citizen);
      expect(res.ok).toBe(false);
      if (res.ok) return;
      expect(res.error.code).toBe('BAD_REQUEST');
      expect(res.error.issues).toContainEqual({ path, message });
      expect(await counts()).toEqual(before);
    },
  );

  test.each(['request', 'facts', 'reasons'])(
    'When the %s is risky, then CONTENT_REJECTED names it and nothing is written',
    async (field) => {
      const before = await counts();
      const res = await t.call(
        'petition',
        'submit',
        form('other', { [field]: `我要反映的情况是：${RISKY_WORD}，请依法处理。` }),
        DEMO.citizen,
      );
      expect(res).toMatchObject({
        ok: false,
        error: { code: 'CONTENT_REJECTED', issues: [{ path: field }] },
      });
      expect(await counts()).toEqual(before);
    },
  );

  test('When the facts need review, then the petition is kept and flagged for staff', async () => {
    const { id } = data(
      await t.call(
        'petition',
        'submit',
        form('other', { facts: `我们是${REVIEW_WORD}的成员，多次反映问题未得到解决。` }),
        DEMO.citizen,
      ),
    );
    const [stored] = await t.find('petitions', { _id: id });
    expect(stored.contentFlag).toBe('review');
  });

  test('When the same form is submitted twice, one after the other and at once, then it is filed once with one number', async () => {
    const me = await citizen();
    const input = form('criminal_appeal');
    const first = data(await t.call('petition', 'submit', input, me));
    const again = data(await t.call('petition', 'submit', input, me));
    expect(again).toEqual({ ...first, duplicate: true });

    const racing = form('accusation');
    const [a, b] = await Promise.all([
      t.call('petition', 'submit', racing, me),
      t.call('petition', 'submit', racing, me),
    ]);
    expect(data(a).id).toBe(data(b).id);
    expect(data(a).receiptNumber).toBe(data(b).receiptNumber);
    expect([data(a).duplicate, data(b).duplicate].sort()).toEqual([false, true]);

    const mine = await t.find('petitions', { petitionerOpenid: me });
    expect(mine).toHaveLength(2);
    expect(await t.find('audit', { entity: 'petition', 'by.openid': me })).toHaveLength(2);
    expect(await t.find('outbox', { touser: me })).toHaveLength(2);
  });

  test('When nobody is identified, then submitting is UNAUTHENTICATED', async () => {
    const res = await t.call('petition', 'submit', form(), undefined);
    expect(res).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });
});

describe('receipt numbers', () => {
  test('When 50 citizens submit to one procuratorate at once, then they get sequences 1..50 without gap or duplicate', async () => {
    const unit = '110101';
    const citizens = await Promise.all(Array.from({ length: 5 }, () => citizen()));
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        t.call('petition', 'submit', form('other', { procuratorateId: unit }), citizens[i % 5]),
      ),
    );
    const numbers = results.map((r) => data(r).receiptNumber);
    expect(results.every((r) => data(r).duplicate === false)).toBe(true);
    const sequences = numbers
      .map((n) => {
        expect(n.startsWith(`${unit}-${YEAR}-`)).toBe(true);
        return Number(n.slice(-6));
      })
      .sort((x, y) => x - y);
    expect(sequences).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));

    const stored = await t.find('petitions', { procuratorateId: unit });
    expect(stored).toHaveLength(50);
    expect(new Set(stored.map((s) => s.receiptNumber)).size).toBe(50);
    const [counter] = await t.find('counters', { _id: `${unit}-${YEAR}` });
    expect(counter.sequence).toBe(50);
    expect(
      await t.find('audit', {
        entity: 'petition',
        'detail.receiptNumber': { $regex: `^${unit}-` },
      }),
    ).toHaveLength(50);
  }, 60_000);

  test('When two procuratorates receive petitions, then each counts from 1 on its own', async () => {
    const a = data(
      await t.call(
        'petition',
        'submit',
        form('other', { procuratorateId: '110108' }),
        DEMO.citizen,
      ),
    );
    const b = data(
      await t.call(
        'petition',
        'submit',
        form('other', { procuratorateId: '310101' }),
        DEMO.citizen,
      ),
    );
    expect(a.receiptNumber).toBe(`110108-${YEAR}-000001`);
    expect(b.receiptNumber).toBe(`310101-${YEAR}-000001`);
    const c = data(
      await t.call(
        'petition',
        'submit',
        form('other', { procuratorateId: '110108' }),
        DEMO.citizen,
      ),
    );
    expect(c.receiptNumber).toBe(`110108-${YEAR}-000002`);
  });

  test('When a submit is refused, then it does not use up a number', async () => {
    const unit = '110000';
    const first = data(
      await t.call('petition', 'submit', form('other', { procuratorateId: unit }), DEMO.citizen),
    );
    await t.call(
      'petition',
      'submit',
      form('other', { procuratorateId: unit, request: `请处理${RISKY_WORD}的问题` }),
      DEMO.citizen,
    );
    await t.call('petition', 'submit', form('other', { procuratorateId: unit }), 'o-no-profile-2');
    const next = data(
      await t.call('petition', 'submit', form('other', { procuratorateId: unit }), DEMO.citizen),
    );
    expect(first.receiptNumber).toBe(`${unit}-${YEAR}-000001`);
    expect(next.receiptNumber).toBe(`${unit}-${YEAR}-000002`);
  });
});

describe('follow', () => {
  test('When a citizen lists their petitions, then they see only their own, newest first, paginated', async () => {
    const me = await citizen();
    const other = await citizen();
    const filed: string[] = [];
    for (let i = 0; i < 5; i++)
      filed.push(data(await t.call('petition', 'submit', form('other'), me)).id);
    data(await t.call('petition', 'submit', form('other'), other));

    const page1 = data(await t.call('petition', 'mine', { pageSize: 3 }, me));
    expect(page1).toMatchObject({ total: 5, page: 1, pageSize: 3 });
    expect(page1.items).toHaveLength(3);
    expect(page1.items[0]).toMatchObject({
      kind: 'other',
      kindName: '其他信访',
      procuratorateName: '北京市朝阳区人民检察院',
      status: 'submitted',
      statusName: '已提交待登记',
      excerpt: '请求依法撤销原处理决定并重新审查',
    });
    const page2 = data(await t.call('petition', 'mine', { page: 2, pageSize: 3 }, me));
    expect(page2.items).toHaveLength(2);
    const ids = [...page1.items, ...page2.items].map((i) => i.id);
    expect(new Set(ids)).toEqual(new Set(filed));
    const times = [...page1.items, ...page2.items].map((i) => i.submittedAt);
    expect([...times].sort().reverse()).toEqual(times);

    const bad = await t.call('petition', 'mine', { pageSize: 51 }, me);
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', issues: [{ path: 'pageSize', message: '每页最多50条' }] },
    });
  });

  test('When another citizen or staff asks for a petition, then it is NOT_FOUND, and not in their list', async () => {
    const me = await citizen();
    const { id } = data(await t.call('petition', 'submit', form('accusation'), me));
    for (const openid of [DEMO.otherCitizen, DEMO.handler, DEMO.otherUnitHandler]) {
      const res = await t.call('petition', 'get', { id }, openid);
      expect(res).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND', message: '未找到该信访事项' },
      });
      const list = data(await t.call('petition', 'mine', {}, openid));
      expect(list.items.map((i) => i.id)).not.toContain(id);
    }
    const missing = await t.call('petition', 'get', { id: 'pt0000' }, me);
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
