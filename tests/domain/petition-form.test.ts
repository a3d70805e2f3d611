// The submit form: one schema per kind, each bad field answered in Chinese at its own path.
import { PETITION_KINDS, petitionSubmitInput, type PetitionKind } from '../../typings/petition';

const common = {
  procuratorateId: '110105',
  request: '请求依法撤销原不起诉决定',
  facts:
    '2025年5月，我在朝阳区某小区被他人殴打致轻伤，公安机关移送审查起诉后检察院作出不起诉决定。',
  reasons: '原决定认定事实不清，证据不足。',
  address: '北京市朝阳区建国路1号院2号楼',
  contact: '13800138000',
  clientToken: 'token-0001',
};
const decision = {
  title: '不起诉决定书',
  number: '京朝检刑不诉〔2025〕12号',
  date: '2025-09-10',
  organ: '北京市朝阳区人民检察院',
};

const VALID: Record<PetitionKind, Record<string, unknown>> = {
  accusation: {
    kind: 'accusation',
    ...common,
    accused: {
      name: '张某',
      position: '某街道办事处主任',
      conduct: '利用职务便利收受他人财物，金额巨大。',
    },
  },
  criminal_appeal: { kind: 'criminal_appeal', ...common, decision },
  civil_appeal: { kind: 'civil_appeal', ...common, decision: { ...decision, title: '民事判决书' } },
  administrative_appeal: { kind: 'administrative_appeal', ...common, decision },
  state_compensation: {
    kind: 'state_compensation',
    ...common,
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
      amount: '12345.67',
      specificRequest: '请求支付错误羁押期间的赔偿金',
      applicationDate: '2026-03-01',
    },
  },
  judicial_assistance: {
    kind: 'judicial_assistance',
    ...common,
    assistance: {
      harm: '被告人无赔偿能力，医疗费用无法得到赔偿。',
      hardship: '家庭主要劳动力丧失劳动能力，生活陷入困境。',
      received: [],
    },
  },
  public_interest_clue: {
    kind: 'public_interest_clue',
    ...common,
    clue: {
      interestHarmed: '某工厂向河道排放污水，造成下游水体污染。',
      responsibleParty: '某化工有限公司',
    },
  },
  staff_misconduct: {
    kind: 'staff_misconduct',
    ...common,
    staff: {
      name: '赵某',
      procuratorate: '某区人民检察院',
      conduct: '办案中接受当事人宴请并收受礼品。',
    },
  },
  other: { kind: 'other', ...common },
};

function issues(input: unknown) {
  const r = petitionSubmitInput.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => [i.path.join('.'), i.message]);
}

function withField(kind: PetitionKind, path: string, value: unknown) {
  const copy = structuredClone(VALID[kind]);
  const keys = path.split('.');
  let target = copy as Record<string, unknown>;
  for (const k of keys.slice(0, -1)) target = target[k] as Record<string, unknown>;
  if (value === undefined) delete target[keys[keys.length - 1]];
  else target[keys[keys.length - 1]] = value;
  return copy;
}

describe('petition submit form', () => {
  it.each(PETITION_KINDS)('When a %s form is complete, then it parses', (kind) => {
    expect(issues(VALID[kind])).toEqual([]);
  });

  it('When parsed, then numbers typed as text become numbers and attachments default to none', () => {
    const form = petitionSubmitInput.parse(VALID.state_compensation);
    expect(form.attachments).toEqual([]);
    if (form.kind !== 'state_compensation') throw new Error('kind');
    expect(form.compensation.amount).toBe(12345.67);
    expect(form.compensation.victim).toMatchObject({ age: 45 });
  });

  it('When the kind is unknown, then the message asks to choose the kind', () => {
    expect(issues({ ...common, kind: 'complaint' })).toEqual([['kind', '请选择信访类别']]);
  });

  const BAD: [PetitionKind, string, unknown, string][] = [
    ['other', 'procuratorateId', undefined, '请选择受理检察院'],
    ['other', 'request', '撤销', '诉求至少5个字'],
    ['other', 'request', '请'.repeat(501), '诉求不能超过500个字'],
    ['other', 'facts', '被打了', '事实至少10个字'],
    ['other', 'facts', '事'.repeat(5001), '事实不能超过5000个字'],
    ['other', 'reasons', undefined, '请填写理由'],
    ['other', 'address', '北京', '住址至少5个字'],
    ['other', 'contact', '010-12345678', '联系电话应为11位手机号码'],
    ['other', 'onBehalfOf', { name: '李四', relationship: 'self' }, '请选择与被代理人的关系'],
    ['other', 'onBehalfOf', { name: '李四', relationship: 'other' }, '请说明与被代理人的关系'],
    ['other', 'onBehalfOf', { name: '李', relationship: 'guardian' }, '被代理人姓名至少2个字'],
    ['other', 'attachments', ['https://example.com/a.jpg'], '附件格式不正确，请重新上传'],
    [
      'other',
      'attachments',
      Array.from({ length: 10 }, (_, i) => `cloud://env/a/${i}.jpg`),
      '附件最多9个',
    ],
    ['other', 'clientToken', 'x', '提交标识格式不正确'],
    ['accusation', 'accused', undefined, '请填写被控告人信息'],
    ['accusation', 'accused.name', '', '请填写被控告人姓名或单位名称'],
    ['accusation', 'accused.conduct', '受贿', '被控告的行为至少10个字'],
    ['criminal_appeal', 'decision', undefined, '请填写原处理决定'],
    ['criminal_appeal', 'decision.title', undefined, '请填写原处理决定名称'],
    ['civil_appeal', 'decision.number', '', '请填写原处理决定文书编号'],
    [
      'administrative_appeal',
      'decision.date',
      '2025/09/10',
      '原处理决定作出日期应为“年-月-日”格式',
    ],
    ['criminal_appeal', 'decision.date', '2025-02-30', '原处理决定作出日期不是有效日期'],
    ['criminal_appeal', 'decision.organ', '', '请填写作出决定的机关'],
    ['state_compensation', 'compensation.victim.type', 'robot', '请选择受害人是个人还是单位'],
    ['state_compensation', 'compensation.victim.sex', '未知', '请选择受害人性别'],
    ['state_compensation', 'compensation.victim.age', '151', '受害人年龄应在0到150之间'],
    ['state_compensation', 'compensation.victim.age', '4.5', '受害人年龄应为整数'],
    [
      'state_compensation',
      'compensation.victim.employer',
      '',
      '请填写受害人工作单位（无工作单位请填“无”）',
    ],
    ['state_compensation', 'compensation.victim.domicile', undefined, '请填写受害人住所'],
    [
      'state_compensation',
      'compensation.relationship',
      '',
      '申请人不是受害人本人的，请填写与受害人的关系',
    ],
    ['state_compensation', 'compensation.amount', '0', '请求赔偿金额应大于0'],
    ['state_compensation', 'compensation.amount', '-5', '请求赔偿金额应大于0'],
    ['state_compensation', 'compensation.amount', '10.123', '请求赔偿金额最多保留两位小数'],
    ['state_compensation', 'compensation.amount', '一万元', '请填写请求赔偿金额（元）'],
    ['state_compensation', 'compensation.specificRequest', '赔钱', '具体赔偿要求至少5个字'],
    ['state_compensation', 'compensation.applicationDate', undefined, '请选择申请日期'],
    ['state_compensation', 'compensation.claimantIsVictim', 'yes', '请选择申请人是否为受害人本人'],
    ['judicial_assistance', 'assistance.harm', '受伤', '遭受的实际损害至少10个字'],
    ['judicial_assistance', 'assistance.hardship', undefined, '请填写生活困难情况'],
    [
      'judicial_assistance',
      'assistance.received',
      [{ amount: '100', source: '' }],
      '请填写已获赔偿或救助的来源',
    ],
    [
      'judicial_assistance',
      'assistance.received',
      [{ amount: '', source: '保险公司' }],
      '请填写已获赔偿或救助金额（元）',
    ],
    ['public_interest_clue', 'clue.interestHarmed', '污染', '受到损害的公共利益至少10个字'],
    ['public_interest_clue', 'clue.responsibleParty', '', '请填写违法行为主体'],
    ['staff_misconduct', 'staff.name', '', '请填写被举报人姓名'],
    ['staff_misconduct', 'staff.procuratorate', '', '请填写被举报人所在检察院'],
    ['staff_misconduct', 'staff.conduct', '吃请', '违法违纪行为至少10个字'],
  ];

  it.each(BAD)('When a %s form has %s = %j, then it says “%s”', (kind, path, value, message) => {
    const found = issues(withField(kind, path, value));
    expect(found.map(([, m]) => m)).toContain(message);
    const at = found.find(([, m]) => m === message)?.[0] ?? '';
    // The issue sits at the field (or inside it, for list items and nested objects).
    expect(at === path || at.startsWith(`${path}.`)).toBe(true);
  });

  it('When an organisation is the victim, then the claimant cannot be the victim themself', () => {
    const form = withField('state_compensation', 'compensation.victim', {
      type: 'organisation',
      name: '某某贸易有限公司',
      domicile: '北京市朝阳区建国路1号',
      legalRepresentative: '王五',
    });
    (form.compensation as Record<string, unknown>).claimantIsVictim = true;
    expect(issues(form)).toContainEqual([
      'compensation.claimantIsVictim',
      '受害人为单位的，申请人不能选择“本人”，请填写与受害单位的关系',
    ]);
  });

  it('When a field of another kind is sent, then it is refused as unsupported', () => {
    const r = petitionSubmitInput.safeParse({ ...VALID.other, decision });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['decision'] });
  });

  it('When filing for another person with the relationship 其他 and a note, then it parses', () => {
    const form = {
      ...VALID.other,
      onBehalfOf: { name: '李四', relationship: 'other', note: '邻居' },
    };
    expect(issues(form)).toEqual([]);
  });
});
