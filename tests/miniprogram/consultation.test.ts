// Legal consultation on the pages: a citizen asks on 法律咨询, a handler answers on 答复法律咨询 (the
// citizen is messaged once), the citizen sees the answer; a leader publishes it and the FAQ page
// finds it by keyword and topic.
import { EJSON } from 'bson';
import { DEMO, Harness } from './harness';
import { newCitizen } from './builders';

jest.setTimeout(60_000);

let h: Harness;
let askPage: string;
let detailPage: string;
let inboxPage: string;
let replyPage: string;
let faqPage: string;
let minePage: string;

const QUESTION = '未成年人在学校被同学殴打受伤，家长可以向检察院寻求哪些帮助？';
const ANSWER = '可以向公安机关报案，检察机关依法对未成年人保护工作进行法律监督，并可提供司法救助。';

beforeAll(async () => {
  h = await Harness.start();
  askPage = h.load('citizen/consult-ask/index');
  detailPage = h.load('citizen/consult-detail/index');
  inboxPage = h.load('staff/consult-inbox/index');
  replyPage = h.load('staff/consult-reply/index');
  faqPage = h.load('public/faq/index');
  minePage = h.load('citizen/consult-mine/index');
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => h.reset());

test('When a citizen asks on the page, a handler answers on the page and a leader publishes it, then the citizen is messaged once, sees the answer, and the FAQ finds it', async () => {
  const citizen = newCitizen('q');

  // Asking: a missing topic is named on the field first, then the question is filed.
  const ask = await h.as(citizen).open(askPage);
  await ask.input('#text', QUESTION);
  await ask.tap('#submit');
  expect(ask.text('#error-topic')).toBe('请选择咨询类别');
  await ask.change('#topic-picker', 5);
  const groups = ask.data.unitGroups as { units: { id: string }[] }[];
  const g = groups.findIndex((x) => x.units.some((u) => u.id === DEMO.unit));
  await ask.change('#unit-picker', [g, groups[g].units.findIndex((u) => u.id === DEMO.unit)]);
  expect(ask.data.procuratorateName).toBe(DEMO.unitName);
  await ask.tap('#submit');
  expect(ask.has('#result')).toBe(true);
  const mine = await h.data('consultation', 'mine', {}, citizen);
  expect(mine.items).toHaveLength(1);
  const id = mine.items[0].id;
  expect(mine.items[0]).toMatchObject({ topic: '未成年人', status: 'pending' });

  // The staff inbox lists it; the handler answers.
  const inbox = await h.as(DEMO.handler).open(inboxPage);
  expect(inbox.count('.consultation')).toBe(1);
  const reply = await h.as(DEMO.handler).open(replyPage, { id });
  expect(reply.text('#text')).toBe(QUESTION);
  await reply.input('#answer-input', ANSWER);
  await reply.tap('#submit');
  expect(reply.text('#status')).toBe('已答复');
  expect(reply.text('#answer-content')).toBe(ANSWER);
  expect(h.cloud.platform.messages({ touser: citizen })).toHaveLength(1);

  // The citizen sees the answer.
  const detail = await h.as(citizen).open(detailPage, { id });
  expect(detail.text('#status')).toBe('已答复');
  expect(detail.text('#answer-content')).toBe(ANSWER);
  expect(detail.text('#answer-meta')).toContain(DEMO.unitName);

  // A leader publishes it, with the phone number left in by mistake masked.
  const leader = await h.as(DEMO.leader).open(replyPage, { id });
  await leader.input(
    '#public-question',
    `学生被同学殴打受伤（家长电话13912345678），可以寻求哪些帮助？`,
  );
  await leader.tap('#publish');
  expect(leader.has('#published')).toBe(true);

  const faq = await h.as(null).open(faqPage);
  expect(faq.count('.faq')).toBe(1);
  expect(faq.text('.faq-question')).not.toMatch(/1[3-9]\d{9}/);
  await faq.input('#faq-q', '殴打');
  await faq.tap('#faq-search');
  expect(faq.count('.faq')).toBe(1);
  await faq.tap('.faq');
  expect(faq.text('.faq-answer')).toBe(ANSWER);
  await faq.input('#faq-q', '离婚');
  await faq.tap('#faq-search');
  expect(faq.has('#empty-state')).toBe(true);
  await faq.input('#faq-q', '');
  await faq.tap('#topic-1'); // 刑事
  expect(faq.has('#empty-state')).toBe(true);
  await faq.tap('#topic-6'); // 未成年人
  expect(faq.count('.faq')).toBe(1);
});

test('When the text is too short, then the page names the field and nothing is filed', async () => {
  const citizen = newCitizen('q');
  const ask = await h.as(citizen).open(askPage);
  await ask.change('#topic-picker', 0);
  await ask.input('#text', '太短了');
  await ask.tap('#submit');
  expect(ask.text('#error-text')).toBe('咨询内容至少10个字');
  expect((await h.data('consultation', 'mine', {}, citizen)).total).toBe(0);
});

test('When a citizen has asked 25 questions, then 我的咨询 lists the newest 20 and the other 5 at the bottom', async () => {
  const citizen = newCitizen();
  // Stored as ask stores them (25 asks in a row would meet ask's limit of 10 a minute).
  const start = Date.now() - 25 * 60_000;
  const docs = Array.from({ length: 25 }, (_, i) => ({
    _id: `cs-mine-${citizen}-${i + 1}`,
    openid: citizen,
    procuratorateId: DEMO.unit,
    topic: '民事',
    text: `第${i + 1}个问题：${QUESTION}`,
    notify: false,
    status: 'pending',
    contentFlag: 'pass',
    createdAt: new Date(start + i * 60_000),
    updatedAt: new Date(start + i * 60_000),
    answer: null,
    faqId: null,
  }));
  const res = (await h.cloud.store.handle('database.insertDocument', {
    collectionName: 'consultations',
    data: docs.map((d) => EJSON.stringify(d, { relaxed: false })),
  })) as { code?: string };
  expect(res.code).toBeUndefined();

  const page = await h.as(citizen).open(minePage);
  expect(page.count('.consultation')).toBe(20);
  expect(page.text('#summary')).toBe('共25条');
  expect(page.text('.consultation')).toContain('第25个问题');
  await page.tap('#load-more');
  expect(page.count('.consultation')).toBe(25);
  expect(page.data.items.map((i: { id: string }) => i.id)).toEqual(
    docs.map((d) => d._id).reverse(),
  );
  expect(page.text('#list-footer')).toBe('没有更多了');
});
