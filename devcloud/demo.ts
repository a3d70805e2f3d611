// Demo activity for `npm start` on a fresh data folder: petitions in most states and a few
// suggestions at 北京市朝阳区人民检察院 (110105), so every inbox of the demo identities shows
// something. Everything goes through the real functions as the demo OPENIDs (never written to the
// store directly), so receipt numbers, tallies, audit entries and subscription messages are real.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PetitionStatus } from '../typings/petition';
import type { DevCloud } from './index';
import { call, createDisclosureDemo, type DisclosureDemo } from './demo-disclosure';
import { createLiaisonDemo, type LiaisonDemo } from './demo-liaison';

export const DEMO_UNIT = '110105';

/** Who does what in the demo (OPENIDs of database/seed/_identities.json). */
export const DEMO_PEOPLE = {
  /** 陈晓: a real-name profile; four petitions of her own. */
  citizen: 'o-citizen-1',
  /** 刘芳: no real-name profile, so 信访 asks her to fill it in first; two suggestions. */
  citizenWithoutProfile: 'o-citizen-2',
  /** 黄律师 (黄志远): a real-name profile; four petitions filed for clients. */
  lawyer: 'o-lawyer-1',
  /** 林代表: one suggestion. */
  deputy: 'o-deputy-1',
  registrar: 'o-staff-110105-registrar',
  leader: 'o-staff-110105-leader',
  handler: 'o-staff-110105-handler',
  handler2: 'o-staff-110105-handler2',
} as const;

const STAFF_ID = { handler: 'st-110105-handler', handler2: 'st-110105-handler2' } as const;
const DEPARTMENT = { ks: `${DEMO_UNIT}-ks`, ms: `${DEMO_UNIT}-ms` } as const;

export interface DemoPetition {
  id: string;
  receiptNumber: string;
  kind: string;
  status: string;
  /** The OPENID that filed it, or `offline:<channel>` for one a registrar filed. */
  filedBy: string;
}

export interface DemoSuggestion {
  id: string;
  queryCode: string;
  status: 'pending' | 'replied';
  filedBy: string;
}

export interface DemoSummary {
  procuratorateId: string;
  /** Case information disclosure (#6): cases, bindings, slots, an appointment, publications. */
  disclosure: DisclosureDemo;
  /** Deputies and supervisors (#7): bindings, opinions, a complaint, an unused invitation. */
  liaison: LiaisonDemo;
  /** The published FAQ entry (a consultation answered and published). */
  faqId: string;
  petitions: DemoPetition[];
  suggestions: DemoSuggestion[];
  /** OPENIDs given a real-name profile. */
  profiles: string[];
  /** The demo citizen left without a profile (the "fill in your profile first" path). */
  withoutProfile: string;
}

/** True when no collection holds a document: nothing seeded, nothing filed (a new data folder). */
export function storeIsEmpty(cloud: DevCloud): boolean {
  return cloud.store.collections().every((c) => cloud.store.finder.count(c, {}) === 0);
}

/**
 * What `npm start` does before serving: seeds the reference data and, when the store was empty
 * before (a new data folder), creates the demo activity. A restart on the same folder creates
 * nothing new (`demo` is null).
 */
export async function seedWithDemo(
  cloud: DevCloud,
): Promise<{ identities: unknown[]; demo: DemoSummary | null }> {
  const fresh = storeIsEmpty(cloud);
  const identities = await cloud.seed();
  return { identities, demo: fresh ? await createDemoActivity(cloud) : null };
}

/** `YYYY-MM-DD` in UTC+8, `days` from the cloud's now. */
function dayFromNow(cloud: DevCloud, days: number): string {
  const now = cloud.options.now ? cloud.options.now() : new Date();
  return new Date(now.getTime() + 8 * 3600_000 + days * 86400_000).toISOString().slice(0, 10);
}

/** One accepted one-time subscription, as the page's wx.requestSubscribeMessage reports it. */
function subscribe(cloud: DevCloud, openid: string, template: string) {
  const templates = JSON.parse(
    readFileSync(join(cloud.root, 'config', 'templates.json'), 'utf8'),
  ) as Record<string, { id: string }>;
  return cloud.grantSubscription(openid, { [templates[template].id]: 'accept' });
}

/** Creates the demo activity through the functions; call once, on a freshly seeded store. */
export async function createDemoActivity(cloud: DevCloud): Promise<DemoSummary> {
  const P = DEMO_PEOPLE;
  const petitions: DemoPetition[] = [];
  const suggestions: DemoSuggestion[] = [];
  let n = 0;
  const token = (what: string) => `demo-${what}-${String((n += 1)).padStart(2, '0')}`;

  // Real-name profiles (实名信息): 陈晓 and the lawyer; 刘芳 keeps none.
  await call(
    cloud,
    'account',
    'profile.save',
    { name: '陈晓', idNumber: '110105198603142526', mobile: '13800138000' },
    P.citizen,
  );
  await call(
    cloud,
    'account',
    'profile.save',
    { name: '黄志远', idNumber: '110105197908221634', mobile: '13911112222' },
    P.lawyer,
  );

  const step = <T = { status: string }>(
    action: string,
    input: Record<string, unknown>,
    by: string,
  ) => call<T>(cloud, 'petition', action, input, by);
  const submit = async (openid: string, form: Record<string, unknown>) => {
    const out = await step<{ id: string; receiptNumber: string }>(
      'submit',
      { procuratorateId: DEMO_UNIT, clientToken: token('petition'), ...form },
      openid,
    );
    const row: DemoPetition = {
      id: out.id,
      receiptNumber: out.receiptNumber,
      kind: String(form.kind),
      status: 'submitted',
      filedBy: openid,
    };
    petitions.push(row);
    return row;
  };
  /** Runs staff steps in order; the petition's status is the last step's. */
  const handle = async (row: DemoPetition, steps: [string, Record<string, unknown>, string][]) => {
    for (const [action, input, by] of steps) {
      row.status = (await step(action, { id: row.id, ...input }, by)).status;
    }
  };
  const register = (
    departmentId: string = DEPARTMENT.ks,
  ): [string, Record<string, unknown>, string] => ['register', { departmentId }, P.registrar];
  const accept: [string, Record<string, unknown>, string] = ['accept', {}, P.registrar];
  const assign = (staffId: string): [string, Record<string, unknown>, string] => [
    'assign',
    { staffId },
    P.leader,
  ];

  const chenAddress = '北京市朝阳区建国路88号院3号楼2单元501室';
  const chen = { address: chenAddress, contact: '13800138000' };
  const huang = {
    address: '北京市朝阳区东三环中路39号建外SOHO东区A座1206室',
    contact: '13911112222',
  };

  // 1. 陈晓, 其他信访: just filed, waiting for the registrar.
  await submit(P.citizen, {
    kind: 'other',
    request: '请求督促物业公司依法公开小区专项维修基金的使用情况',
    facts:
      '2025年5月起，我多次书面要求物业公司公开小区专项维修基金的使用明细，物业公司一直拒绝，向街道办事处反映后至今没有结果。',
    reasons:
      '维修基金属于全体业主所有，业主有权知晓其使用情况，物业公司的做法侵害了业主的合法权益。',
    ...chen,
  });

  // 2. 陈晓 for her brother, 刑事申诉: registered, materials requested.
  const appeal = await submit(P.citizen, {
    kind: 'criminal_appeal',
    request: '请求对陈刚盗窃一案的生效刑事判决进行审查，依法提出抗诉',
    facts:
      '陈刚因盗窃罪被判处有期徒刑一年六个月。判决认定的涉案财物价值所依据的价格认定书存在明显错误，辩护人提出的重新鉴定申请未被准许。',
    reasons: '原判认定事实的主要证据存在疑点，量刑明显偏重，请求检察机关依法监督。',
    onBehalfOf: { name: '陈刚', relationship: 'close_relative' },
    decision: {
      title: '刑事判决书',
      number: '（2024）京0105刑初1236号',
      date: '2024-11-20',
      organ: '北京市朝阳区人民法院',
    },
    ...chen,
  });
  subscribe(cloud, P.citizen, 'petitionProgress');
  await handle(appeal, [
    register(),
    [
      'requestMaterials',
      {
        items: ['原刑事判决书复印件', '价格认定书复印件', '申诉人与陈刚的亲属关系证明'],
        dueDate: dayFromNow(cloud, 15),
      },
      P.registrar,
    ],
  ]);

  // 3. 陈晓, 控告: answered by 张华, and she rated the answer.
  const accusation = await submit(P.citizen, {
    kind: 'accusation',
    request: '请求依法追究北京某建筑劳务有限公司恶意拖欠劳动报酬的责任',
    facts:
      '我和其他十余名工人在该公司承包的工地做工，公司拖欠2024年全年工资共计三十余万元，负责人更换电话后下落不明。',
    reasons: '该公司有能力支付而故意拖欠，已涉嫌拒不支付劳动报酬罪。',
    accused: {
      name: '北京某建筑劳务有限公司',
      conduct: '拖欠十余名工人2024年全年工资三十余万元，经劳动监察部门责令支付后仍不支付。',
    },
    ...chen,
  });
  await handle(accusation, [
    register(),
    accept,
    assign(STAFF_ID.handler),
    [
      'proceduralReply',
      {
        method: 'online',
        text: '您反映的拖欠劳动报酬问题本院已受理，已交由承办人办理，将在规定期限内答复。',
      },
      P.handler,
    ],
  ]);
  subscribe(cloud, P.citizen, 'petitionProgress');
  await handle(accusation, [
    [
      'answer',
      {
        method: 'written',
        text: '经核查，本院已将相关线索移送公安机关依法处理，该公司已向工人支付拖欠的工资，特此答复。',
        result: '线索已移送公安机关，拖欠工资已支付',
      },
      P.handler,
    ],
  ]);
  accusation.status = (
    await step(
      'rate',
      {
        id: accusation.id,
        satisfaction: 'basically_satisfied',
        comment: '问题已经解决，希望今后办理速度再快一些。',
      },
      P.citizen,
    )
  ).status;

  // 4. 陈晓, 国家赔偿: accepted, not yet assigned.
  const compensation = await submit(P.citizen, {
    kind: 'state_compensation',
    request: '请求对违法扣押车辆造成的停运损失给予国家赔偿',
    facts:
      '2025年3月，我的小型客车被作为涉案财物扣押，2025年8月案件撤销后才发还，扣押期间无法营运，造成停运损失。',
    reasons: '扣押财物所涉案件已被撤销，依照国家赔偿法应当赔偿扣押期间造成的直接损失。',
    compensation: {
      victim: {
        type: 'person',
        name: '陈晓',
        sex: 'female',
        age: 39,
        employer: '北京某汽车租赁有限公司',
        domicile: chenAddress,
      },
      claimantIsVictim: true,
      amount: 28600.5,
      specificRequest: '请求赔偿车辆被扣押期间的停运损失28600.50元',
      applicationDate: '2025-10-15',
    },
    ...chen,
  });
  await handle(compensation, [register(), accept]);

  // 5. The lawyer for 赵桂兰, 民事申诉: registered with 民事检察部.
  const civil = await submit(P.lawyer, {
    kind: 'civil_appeal',
    request: '请求对赵桂兰与某房地产开发公司房屋买卖合同纠纷一案的生效判决依法监督',
    facts:
      '一审判决认定开发商逾期交房系不可抗力所致，驳回了赵桂兰要求支付违约金的诉讼请求。该判决已发生法律效力，再审申请已被驳回。',
    reasons: '开发商逾期交房长达十四个月，所称停工并非不可抗力，原判适用法律确有错误。',
    onBehalfOf: { name: '赵桂兰', relationship: 'agent' },
    decision: {
      title: '民事判决书',
      number: '（2024）京0105民初15327号',
      date: '2024-09-12',
      organ: '北京市朝阳区人民法院',
    },
    ...huang,
  });
  await handle(civil, [register(DEPARTMENT.ms)]);

  // 6. The lawyer for 孙秀英, 国家司法救助: assigned to 陈静, who gave the procedural reply.
  const assistance = await submit(P.lawyer, {
    kind: 'judicial_assistance',
    request: '请求给予孙秀英国家司法救助',
    facts:
      '孙秀英之子孙磊于2023年被他人故意伤害致重伤二级，住院治疗花费医疗费十二万余元，至今仍需康复治疗。',
    reasons: '被告人无力赔偿，申请人家庭因案陷入生活困境，符合国家司法救助的条件。',
    onBehalfOf: { name: '孙秀英', relationship: 'agent' },
    assistance: {
      harm: '孙磊重伤二级，住院治疗花费医疗费十二万余元，后续康复费用尚无着落。',
      hardship: '家庭仅靠孙秀英每月一千余元的退休金生活，刑事附带民事判决至今未能执行。',
      received: [{ amount: 5000, source: '街道办事处临时救助' }],
    },
    ...huang,
  });
  await handle(assistance, [
    register(),
    accept,
    assign(STAFF_ID.handler2),
    [
      'proceduralReply',
      {
        method: 'online',
        text: '本院已受理您代为提出的司法救助申请，正在核实申请人家庭经济状况，将在规定期限内作出决定。',
      },
      P.handler2,
    ],
  ]);

  // 7. The lawyer for 钱志明, 其他信访: refused (ground 3: already concluded).
  const repeated = await submit(P.lawyer, {
    kind: 'other',
    request: '请求重新审查钱志明房屋征收补偿争议的处理结果',
    facts:
      '钱志明的房屋于2023年被征收，对补偿金额不服，曾向本院反映，本院已于2025年6月作出答复并办结。',
    reasons: '钱志明认为补偿标准过低，仍不服原处理结果。',
    onBehalfOf: { name: '钱志明', relationship: 'agent' },
    ...huang,
  });
  await handle(repeated, [
    register(),
    [
      'refuse',
      {
        ground: 3,
        explanation:
          '您反映的房屋征收补偿问题，本院已于2025年6月答复并办结，本次未提出新的事实和理由，依规不再重复受理。',
      },
      P.registrar,
    ],
  ]);

  // 8. The lawyer for 周海, 其他信访: accepted and assigned to 张华.
  const report = await submit(P.lawyer, {
    kind: 'other',
    request: '请求监督某派出所对周海被诈骗一案不予立案的决定',
    facts:
      '周海于2025年9月被他人以投资为名骗取十八万元，向辖区派出所报案后，派出所以属于经济纠纷为由不予立案。',
    reasons: '对方虚构投资项目骗取钱款后失联，符合诈骗罪的立案条件。',
    onBehalfOf: { name: '周海', relationship: 'agent' },
    ...huang,
  });
  await handle(report, [register(), accept, assign(STAFF_ID.handler)]);
  // 张华 asks the leader to extend its handling period; 王强 has yet to decide.
  await step(
    'requestExtension',
    {
      id: report.id,
      days: 20,
      reason: '需向外地公安机关调取报案材料和询问笔录，核实后方能作出处理意见。',
    },
    P.handler,
  );

  // 10. 陈晓 writes again about the unpaid wages (3), answered already: the registrar is told it
  // may repeat it, with a draft explanation for a refusal on ground 3. Not yet registered.
  await submit(P.citizen, {
    kind: 'accusation',
    request: '要求追究北京某建筑劳务有限公司拖欠我们工资的刑事责任',
    facts:
      '公司拖欠我们十余名工人2024年全年的工资，共三十多万元，负责人换了电话号码，找不到人。我们在该公司承包的工地干活。',
    reasons: '公司有钱却故意不给工资，涉嫌拒不支付劳动报酬罪。',
    accused: {
      name: '北京某建筑劳务有限公司',
      conduct: '拖欠十余名工人2024年全年工资三十余万元，劳动监察部门责令支付后仍不支付。',
    },
    ...chen,
  });

  // 陈静 declared her interests (利益申报): her brother, and a company she once worked for.
  await call(
    cloud,
    'account',
    'interests.save',
    {
      relatives: [{ name: '陈刚', relation: 'sibling', idNumber: '110105198203150017' }],
      organisations: ['北京某房地产开发有限公司'],
    },
    'o-staff-110105-handler2',
  );

  // 9. A letter the registrar filed (公益诉讼线索); its writer has no profile, so nobody follows it online.
  const letterToken = token('letter');
  const letter = await step<{ id: string; receiptNumber: string; status: string }>(
    'fileOffline',
    {
      channel: 'letter',
      petitioner: { name: '王建国', idNumber: '110105198801013311', mobile: '13700001111' },
      form: {
        kind: 'public_interest_clue',
        procuratorateId: DEMO_UNIT,
        request: '请求对化工企业向河道偷排污水的行为提起公益诉讼',
        facts:
          '2025年夏季以来，某化工企业多次在夜间向温榆河支流排放未经处理的污水，河水发黑发臭，沿岸居民多次反映未果。',
        reasons: '偷排污水损害生态环境和沿岸居民健康，有关部门未依法履行监管职责。',
        address: '北京市朝阳区孙河乡康营家园12号楼',
        contact: '13700001111',
        clue: {
          interestHarmed: '温榆河支流水体受到严重污染，沿岸生态环境和居民健康受到威胁。',
          responsibleParty: '北京某化工有限公司',
        },
        clientToken: letterToken,
      },
    },
    P.registrar,
  );
  petitions.push({
    id: letter.id,
    receiptNumber: letter.receiptNumber,
    kind: 'public_interest_clue',
    status: letter.status,
    filedBy: 'offline:letter',
  });

  // Suggestions (意见建议): 刘芳 subscribed to the reply of her first one, which 张华 answered.
  const suggest = async (
    openid: string,
    input: { topic: string; content: string; contact?: { name?: string; phone?: string } },
    notify: boolean,
  ) => {
    const out = await call<{ id: string; queryCode: string }>(
      cloud,
      'supervision',
      'suggestion.submit',
      { procuratorateId: DEMO_UNIT, ...input, notify, clientToken: token('suggestion') },
      openid,
    );
    const row: DemoSuggestion = {
      id: out.id,
      queryCode: out.queryCode,
      status: 'pending',
      filedBy: openid,
    };
    suggestions.push(row);
    return row;
  };
  subscribe(cloud, P.citizenWithoutProfile, 'suggestionReplied');
  const replied = await suggest(
    P.citizenWithoutProfile,
    {
      topic: '服务群众',
      content: '建议在检察服务大厅增加老年人休息区和饮水设施，方便群众等候。',
      contact: { name: '刘芳', phone: '13600136000' },
    },
    true,
  );
  await call(
    cloud,
    'supervision',
    'suggestion.reply',
    {
      id: replied.id,
      content: '感谢您的建议，我院已在服务大厅增设休息区和饮水机，并安排专人引导老年群众办事。',
    },
    P.handler,
  );
  replied.status = 'replied';
  await suggest(
    P.citizenWithoutProfile,
    {
      topic: '检务公开',
      content: '希望在官方网站和小程序上公开更多案件办理流程说明，方便群众了解办理进度和所需材料。',
    },
    false,
  );
  await suggest(
    P.deputy,
    {
      topic: '执法办案',
      content: '建议定期向人大代表通报涉企案件的办理情况，听取代表对检察工作的意见和建议。',
      contact: { name: '林代表' },
    },
    false,
  );

  // Legal consultation: 刘芳's question about a neighbour's dispute, answered by 张华 and published
  // by 王强 to the public FAQ (anonymised), so 常见问题 and its search have something to show.
  const question = await call<{ id: string }>(
    cloud,
    'consultation',
    'ask',
    {
      topic: '民事',
      text: '邻居装修时损坏了我家的外墙，协商多次没有结果，我可以向检察院申请监督吗？',
      procuratorateId: DEMO_UNIT,
      notify: false,
      clientToken: token('consultation'),
    },
    P.citizenWithoutProfile,
  );
  const answer =
    '邻里之间的财产损害属于民事纠纷，可以先协商或申请人民调解，协商不成可以向人民法院提起民事诉讼。' +
    '检察院对民事诉讼实行法律监督：对已经生效的判决、裁定，当事人申请再审被驳回或者逾期未裁定的，可以向检察院申请监督。';
  await call(cloud, 'consultation', 'answer', { id: question.id, content: answer }, P.handler);
  const faq = await call<{ id: string }>(
    cloud,
    'consultation',
    'publish',
    {
      id: question.id,
      publicQuestion: '邻居装修损坏了我家的财产，协商不成，可以向检察院申请监督吗？',
      publicAnswer: answer,
    },
    P.leader,
  );

  const disclosure = await createDisclosureDemo(cloud);
  const liaison = await createLiaisonDemo(cloud, disclosure.cases[0].caseNumber);

  return {
    procuratorateId: DEMO_UNIT,
    disclosure,
    liaison,
    faqId: faq.id,
    petitions,
    suggestions,
    profiles: [P.citizen, P.lawyer],
    withoutProfile: P.citizenWithoutProfile,
  };
}

/** One line for the console: what was created and who to log in as. */
export function describeDemo(demo: DemoSummary): string {
  const order: readonly PetitionStatus[] = [
    'submitted',
    'registered',
    'materials_requested',
    'accepted',
    'assigned',
    'procedural_replied',
    'in_progress',
    'answered',
    'closed',
    'refused',
    'transferred',
    'withdrawn',
    'archived',
  ];
  const rank = (s: string) => (order.indexOf(s as PetitionStatus) + 100) % 100;
  const byStatus = new Map<string, number>();
  for (const p of [...demo.petitions].sort((a, b) => rank(a.status) - rank(b.status))) {
    byStatus.set(p.status, (byStatus.get(p.status) ?? 0) + 1);
  }
  const statuses = [...byStatus].map(([s, k]) => `${s} ${k}`).join(', ');
  const replied = demo.suggestions.filter((s) => s.status === 'replied').length;
  return (
    `demo data: ${demo.petitions.length} petitions at ${demo.procuratorateId} (${statuses}), ` +
    `${demo.suggestions.length} suggestions (${replied} replied); ` +
    `profiles for ${demo.profiles.join(' and ')}, none for ${demo.withoutProfile}; ` +
    `staff inboxes: o-staff-${demo.procuratorateId}-registrar, -leader, -handler; ` +
    `${demo.disclosure.cases.length} cases (o-citizen-1 and o-lawyer-1 bound), a booked file ` +
    `reading, a published announcement, 检务公告 and document, a published FAQ; case managers o-staff-${demo.procuratorateId}-ag, -ag2; ` +
    `人大代表 o-deputy-1 and 人民监督员 o-supervisor-1 bound, with an opinion replied, one waiting and a ` +
    `complaint in hand; an unused invitation for ${demo.liaison.unused.name}: ${demo.liaison.unused.code}`
  );
}
