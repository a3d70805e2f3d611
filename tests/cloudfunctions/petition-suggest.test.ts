// What the machine suggests to the registrar at filing, on devcloud: the same person's earlier
// petition about the same matter (ground 3; by ID number, not by name; reworded or not), with the
// explanation reply for a repeated letter already answered; and abusive language (ground 4) from
// the content check's label or our word list. Suggestions only: nothing is refused by them.
import type { PetitionStaffView } from '../../typings/petition';
import { buildPetition, citizenWithProfile, submitPetition } from '../helpers/petition';
import { data, DEMO, openTestCloud, type TestCloud } from '../helpers/cloud';

let t: TestCloud;

beforeAll(async () => {
  t = await openTestCloud();
}, 60_000);
afterAll(async () => {
  await t.close();
});

const ACCUSATION = {
  kind: 'accusation',
  request: '请求依法查处城管执法人员王某某暴力执法、殴打摊贩的违法行为',
  facts:
    '2026年3月5日上午，我在朝阳区建国路菜市场门口摆摊，城管执法队员王某某带人没收我的三轮车，我上前理论，被王某某推倒在地并拳打脚踢，造成左臂骨折，经鉴定为轻伤二级。',
  reasons: '王某某滥用职权、故意伤害，已涉嫌犯罪，公安机关至今未立案。',
  accused: {
    name: '王某某',
    position: '城管执法队员',
    conduct: '暴力执法，殴打摊贩致其左臂骨折，经鉴定为轻伤二级。',
  },
};

const REWORDED = {
  ...ACCUSATION,
  request: '要求追究王某某殴打我的刑事责任',
  facts:
    '王某某带人没收我的三轮车时把我推倒在地并拳打脚踢，我左臂骨折，鉴定为轻伤二级。这件事发生在2026年3月5日上午，地点是朝阳区建国路菜市场门口，当时我在摆摊。',
  reasons: '公安机关一直没有立案，王某某涉嫌故意伤害和滥用职权。',
};

const OTHER_MATTER = {
  kind: 'civil_appeal',
  request: '请求对北京市朝阳区人民法院（2025）京0105民初12345号民事判决提出抗诉',
  facts:
    '我与某房地产开发公司因商品房逾期交付发生纠纷，一审法院认定开发商逾期交付属于不可抗力，判决驳回我的诉讼请求。',
  reasons: '判决认定事实错误，开发商逾期交付长达十四个月，并非不可抗力所致。',
  decision: {
    title: '民事判决书',
    number: '（2025）京0105民初12345号',
    date: '2025-11-20',
    organ: '北京市朝阳区人民法院',
  },
};

async function staffView(id: string): Promise<PetitionStaffView> {
  return data(await t.call('petition', 'get', { id }, DEMO.registrar)) as PetitionStaffView;
}

test('When a person files the same matter again in other words, then the registrar is told it may repeat the first, with the similarity and why', async () => {
  const me = await citizenWithProfile(t, 'dup');
  const first = await submitPetition(t, me, ACCUSATION);
  expect((await staffView(first)).suggestions.duplicates).toEqual([]);

  const second = await submitPetition(t, me, REWORDED);
  const seen = await staffView(second);
  const firstView = await staffView(first);
  expect(seen.suggestions.duplicates).toEqual([
    expect.objectContaining({
      petitionId: first,
      receiptNumber: firstView.receiptNumber,
      statusName: '已提交待登记',
    }),
  ]);
  const dup = seen.suggestions.duplicates[0];
  expect(dup?.similarity).toBeGreaterThanOrEqual(0.2);
  expect(dup?.reasons).toEqual(
    expect.arrayContaining(['同一信访人', '同为控告', '同一被控告人“王某某”']),
  );
  // Still in progress: the draft says it is being handled and will be answered.
  expect(seen.suggestions.explanation).toContain(firstView.receiptNumber);
  expect(seen.suggestions.explanation).toContain('正在办理中');
  // Nothing was refused by the machine: it waits for the registrar like any other.
  expect(seen.status).toBe('submitted');
});

test('When the same person files a different matter, or another person the same matter, then nothing is suggested', async () => {
  const me = await citizenWithProfile(t, 'dup-other');
  await submitPetition(t, me, ACCUSATION);
  const other = await submitPetition(t, me, OTHER_MATTER);
  expect((await staffView(other)).suggestions.duplicates).toEqual([]);

  // citizenWithProfile saves the same ID number for everyone; this one has another.
  const someoneElse = `o-dup-someone-${Date.now().toString(36)}`;
  data(
    await t.call(
      'account',
      'profile.save',
      { name: '李四', idNumber: '110101199003070011', mobile: '13900139000' },
      someoneElse,
    ),
  );
  const theirs = await submitPetition(t, someoneElse, { ...ACCUSATION, contact: '13900139000' });
  expect((await staffView(theirs)).suggestions.duplicates).toEqual([]);
});

test('When the earlier petition was answered, then the repeated letter gets a draft explanation citing the answer; a refused one is not compared', async () => {
  const me = `o-dup-answered-${Date.now().toString(36)}`;
  data(
    await t.call(
      'account',
      'profile.save',
      { name: '赵六', idNumber: '110108198507150015', mobile: '13700137000' },
      me,
    ),
  );
  const first = await submitPetition(t, me, { ...ACCUSATION, contact: '13700137000' });
  data(
    await t.call('petition', 'register', { id: first, departmentId: '110105-ks' }, DEMO.registrar),
  );
  data(await t.call('petition', 'accept', { id: first }, DEMO.registrar));
  data(
    await t.call('petition', 'assign', { id: first, staffId: 'st-110105-handler' }, DEMO.leader),
  );
  const reply = { method: 'online', text: '您的控告已收到，正在依法办理。', attachments: [] };
  data(await t.call('petition', 'proceduralReply', { id: first, ...reply }, DEMO.handler));
  data(
    await t.call(
      'petition',
      'answer',
      {
        id: first,
        ...reply,
        text: '经审查，已将线索移送公安机关依法处理。',
        result: '线索已移送公安机关依法处理',
      },
      DEMO.handler,
    ),
  );
  const again = await submitPetition(t, me, { ...REWORDED, contact: '13700137000' });
  const seen = await staffView(again);
  expect(seen.suggestions.duplicates[0]).toMatchObject({ petitionId: first, statusName: '已答复' });
  expect(seen.suggestions.duplicates[0]?.answeredAt).toBeTruthy();
  expect(seen.suggestions.explanation).toMatch(/本院已于\d{4}年\d{1,2}月\d{1,2}日答复/);
  expect(seen.suggestions.explanation).toContain('不再重复受理');

  // The registrar may use it: refusing on ground 3 with that explanation works as usual.
  data(
    await t.call('petition', 'register', { id: again, departmentId: '110105-ks' }, DEMO.registrar),
  );
  const refused = data(
    await t.call(
      'petition',
      'refuse',
      { id: again, ground: 3, explanation: seen.suggestions.explanation as string },
      DEMO.registrar,
    ),
  );
  expect(refused.status).toBe('refused');
  // A refused petition is no ground for ground 3 later.
  const third = await submitPetition(t, me, {
    ...REWORDED,
    request: '再次要求追究王某某殴打我的刑事责任',
    contact: '13700137000',
  });
  const ids = (await staffView(third)).suggestions.duplicates.map((d) => d.petitionId);
  expect(ids).toContain(first);
  expect(ids).not.toContain(again);
});

test('When an offline letter repeats the person’s online petition, then it is suggested too (matched by ID number)', async () => {
  const me = await citizenWithProfile(t, 'dup-offline');
  const online = await submitPetition(t, me, ACCUSATION);
  const { clientToken, ...form } = buildPetition(REWORDED);
  const filed = data(
    await t.call(
      'petition',
      'fileOffline',
      {
        channel: 'letter',
        petitioner: { name: '张三', idNumber: '11010519491231002X', mobile: '13800138000' },
        form: { ...form, clientToken },
      },
      DEMO.registrar,
    ),
  );
  expect(filed.suggestions.duplicates.map((d) => d.petitionId)).toContain(online);
});

test.each([
  [
    'our word list (threat)',
    '你们再不处理，我就和王某某同归于尽',
    ['同归于尽'],
    /威胁恐吓用语“同归于尽”/,
  ],
  ['our word list (insult)', '你们这些狗官收了钱就不办事', ['狗官'], /侮辱谩骂用语“狗官”/],
  [
    'the content check’s abuse label',
    '这个混账东西一直欺负我们',
    [],
    /内容安全检测提示含有辱骂内容/,
  ],
])(
  'When the text has abuse by %s, then ground 4 is suggested with why',
  async (_by, sentence, words, why) => {
    const me = await citizenWithProfile(t, 'abuse');
    const id = await submitPetition(t, me, { reasons: `相关部门未依法履行职责。${sentence}。` });
    const seen = await staffView(id);
    expect(seen.suggestions.abuse?.reason).toMatch(why);
    expect(seen.suggestions.abuse?.reason).toContain('第四项情形');
    expect(seen.suggestions.abuse?.words).toEqual(words);
  },
);

test('When a petition reports a threat someone else made, then nothing is suggested', async () => {
  const me = await citizenWithProfile(t, 'abuse-none');
  const id = await submitPetition(t, me, {
    facts: '2025年5月，邻居威胁要报复我家，还动手打人，我多次报警，派出所一直没有处理。',
  });
  expect((await staffView(id)).suggestions.abuse).toBeNull();
});
