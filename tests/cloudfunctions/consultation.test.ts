// Legal consultation and its public FAQ, run as the built bundle on devcloud: ask → inbox → answer
// (notified once) → publish (anonymised) → public list, search and get.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EJSON } from 'bson';
import { data, DEMO, openTestCloud, type TestCloud } from '../helpers/cloud';

const root = join(__dirname, '..', '..');
const templates = JSON.parse(readFileSync(join(root, 'config', 'templates.json'), 'utf8'));
const REPLIED_TEMPLATE: string = templates.suggestionReplied.id;
const wordlist = JSON.parse(readFileSync(join(root, 'devcloud', 'wordlist.json'), 'utf8'));
const RISKY_WORD = Object.keys(wordlist.risky)[0];

let t: TestCloud;
let seq = 0;

function valid(overrides: Record<string, unknown> = {}) {
  seq += 1;
  return {
    topic: '民事',
    text: '邻居长期占用楼道堆放杂物，协商无果，请问可以通过什么途径解决？',
    procuratorateId: DEMO.unit,
    notify: true,
    clientToken: `consult-${seq}-${Date.now()}`,
    ...overrides,
  };
}

async function ask(overrides: Record<string, unknown> = {}, openid: string = DEMO.citizen) {
  return data(await t.call('consultation', 'ask', valid(overrides), openid));
}

beforeAll(async () => {
  t = await openTestCloud();
});
afterAll(async () => {
  await t.close();
});

describe('ask', () => {
  test('When a citizen asks, then it is stored pending, audited, and five racing taps file it once', async () => {
    const form = valid();
    const taps = (
      await Promise.all(
        Array.from({ length: 5 }, () => t.call('consultation', 'ask', form, DEMO.citizen)),
      )
    ).map((r) => data(r));
    expect(new Set(taps.map((r) => r.id)).size).toBe(1);
    expect(taps.filter((r) => !r.duplicate)).toHaveLength(1);
    const id = taps[0].id;
    expect(await t.find('consultations', { _id: id })).toHaveLength(1);
    const seen = data(await t.call('consultation', 'get', { id }, DEMO.citizen));
    expect(seen).toMatchObject({
      id,
      procuratorateName: '北京市朝阳区人民检察院',
      topic: '民事',
      status: 'pending',
      answer: null,
    });
    expect(await t.find('audit', { entity: 'consultation', entityId: id })).toHaveLength(1);
  });

  test('When a tap arrives while another tap of the same form is still filing it, then it waits for that one and answers with it', async () => {
    const form = valid();
    // The id the form's token gives (consultation.ts idFor), written by the "other tap".
    const id =
      'cs' +
      createHash('sha256')
        .update(`${DEMO.citizen}\n${form.clientToken as string}`)
        .digest('hex')
        .slice(0, 30);
    const other = await t.holdWrite('consultations', {
      _id: id,
      openid: DEMO.citizen,
      procuratorateId: DEMO.unit,
      topic: '民事',
      text: form.text,
      notify: false,
      status: 'pending',
      contentFlag: 'pass',
      createdAt: new Date(),
      updatedAt: new Date(),
      answer: null,
      faqId: null,
    });
    const tap = t.call('consultation', 'ask', form, DEMO.citizen);
    // Long enough for the tap to reach its own write and meet the lock; its retries outlast this.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await other.commit();
    expect(data(await tap)).toEqual({ id, duplicate: true });
    expect(await t.find('consultations', { _id: id })).toHaveLength(1);
    expect(await t.find('audit', { entity: 'consultation', entityId: id })).toHaveLength(0);
  });

  test('When no procuratorate is named, then the question goes to the provincial procuratorate (110000)', async () => {
    const { id } = await ask({ procuratorateId: undefined });
    const [stored] = await t.find('consultations', { _id: id });
    expect(stored.procuratorateId).toBe('110000');
  });

  test.each([
    ['topic', { topic: '乱写' }, '请选择咨询类别'],
    ['text', { text: '太短了' }, '咨询内容至少10个字'],
    ['text', { text: '长'.repeat(1001) }, '咨询内容不能超过1000个字'],
    ['procuratorateId', { procuratorateId: '../x' }, '检察院格式不正确'],
    ['notify', { notify: 'yes' }, '请选择是否接收答复通知'],
    ['clientToken', { clientToken: '' }, '提交标识格式不正确'],
    ['extra', { extra: 1 }, '不支持的字段：extra'],
  ])(
    'When %s is bad, then the answer is BAD_REQUEST naming the field and nothing is written',
    async (path, overrides, message) => {
      const before = await t.find('consultations');
      const res = await t.call('consultation', 'ask', valid(overrides), DEMO.citizen);
      expect(res.ok).toBe(false);
      if (res.ok) return;
      expect(res.error.code).toBe('BAD_REQUEST');
      expect(res.error.issues).toContainEqual({ path, message });
      expect(await t.find('consultations')).toHaveLength(before.length);
    },
  );

  test('When the text is risky, then it is CONTENT_REJECTED and nothing is written', async () => {
    const before = await t.find('consultations');
    const res = await t.call(
      'consultation',
      'ask',
      valid({ text: `我想咨询一个问题：${RISKY_WORD}，应该怎么办？` }),
      DEMO.citizen,
    );
    expect(res).toMatchObject({
      ok: false,
      error: { code: 'CONTENT_REJECTED', issues: [{ path: 'text' }] },
    });
    expect(await t.find('consultations')).toHaveLength(before.length);
  });

  test('When nobody is identified, then asking is UNAUTHENTICATED', async () => {
    const res = await t.call('consultation', 'ask', valid(), undefined);
    expect(res).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });
});

describe('who may read and answer', () => {
  test('When another citizen or another procuratorate asks for it, then it is NOT_FOUND', async () => {
    const { id } = await ask();
    for (const openid of [DEMO.otherCitizen, DEMO.otherUnitHandler]) {
      const res = await t.call('consultation', 'get', { id }, openid);
      expect(res).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
    const answer = await t.call(
      'consultation',
      'answer',
      { id, content: '您可以向物业或居委会反映。' },
      DEMO.otherUnitHandler,
    );
    expect(answer).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  test('When a citizen or a registrar answers, then it is FORBIDDEN', async () => {
    const { id } = await ask();
    for (const openid of [DEMO.citizen, DEMO.registrar]) {
      const res = await t.call(
        'consultation',
        'answer',
        { id, content: '您可以向物业或居委会反映。' },
        openid,
      );
      expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });

  test('When a citizen lists their questions, then they see only their own', async () => {
    const mine = data(await t.call('consultation', 'mine', {}, DEMO.otherCitizen));
    await ask({}, DEMO.otherCitizen);
    const after = data(await t.call('consultation', 'mine', {}, DEMO.otherCitizen));
    expect(after.total).toBe(mine.total + 1);
  });
});

describe('answer and FAQ', () => {
  test('ask → inbox → answer (notified once) → publish anonymised → public list, search and get', async () => {
    const { id } = await ask({
      topic: '国家赔偿',
      text: '我叫张三，身份证110101199003074512，电话13912345678，被错误羁押后如何申请国家赔偿？',
    });
    const inbox = data(
      await t.call('consultation', 'inbox', { status: 'pending' }, DEMO.registrar),
    );
    expect(inbox.items.map((i) => i.id)).toContain(id);
    expect(inbox.total).toBe(inbox.counts.pending);
    const all = data(await t.call('consultation', 'inbox', {}, DEMO.handler));
    expect(all.total).toBe(all.counts.pending + all.counts.answered);

    await t.cloud.grantSubscription(DEMO.citizen, { [REPLIED_TEMPLATE]: 'accept' });
    const before = t.cloud.platform.messages({ touser: DEMO.citizen }).length;
    const ANSWER = '您可以向作出错误羁押决定的机关提出国家赔偿申请，时效为两年。';
    const answered = data(
      await t.call('consultation', 'answer', { id, content: ANSWER }, DEMO.handler),
    );
    expect(answered).toMatchObject({ status: 'answered', notification: 'sent' });
    const again = await t.call('consultation', 'answer', { id, content: ANSWER }, DEMO.leader);
    expect(again).toMatchObject({ ok: false, error: { code: 'PRECONDITION_FAILED' } });
    const messages = t.cloud.platform.messages({ touser: DEMO.citizen });
    expect(messages).toHaveLength(before + 1);
    expect(messages[messages.length - 1]).toMatchObject({
      templateId: REPLIED_TEMPLATE,
      page: `citizen/consult-detail/index?id=${id}`,
    });
    const seen = data(await t.call('consultation', 'get', { id }, DEMO.citizen));
    expect(seen.answer).toMatchObject({ content: ANSWER, by: '北京市朝阳区人民检察院' });

    // Only leaders publish; the redaction engine masks what staff left in.
    const byHandler = await t.call(
      'consultation',
      'publish',
      { id, publicQuestion: '被错误羁押后如何申请国家赔偿？', publicAnswer: ANSWER },
      DEMO.handler,
    );
    expect(byHandler).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const faq = data(
      await t.call(
        'consultation',
        'publish',
        {
          id,
          publicQuestion:
            '身份证110101199003074512的当事人被错误羁押，电话13912345678，如何申请国家赔偿？',
          publicAnswer: ANSWER,
        },
        DEMO.leader,
      ),
    );
    expect(faq.question).not.toMatch(/\d{17}[\dXx]|1[3-9]\d{9}/);
    expect(faq.question).toContain('国家赔偿');
    const twice = await t.call(
      'consultation',
      'publish',
      { id, publicQuestion: '被错误羁押后如何申请国家赔偿？', publicAnswer: ANSWER },
      DEMO.leader,
    );
    expect(twice).toMatchObject({ ok: false, error: { code: 'PRECONDITION_FAILED' } });

    const listed = data(await t.call('consultation', 'faq.list', {}, undefined));
    expect(listed.items.map((i) => i.id)).toContain(faq.id);
    for (const item of listed.items) {
      expect(`${item.question}${item.answerExcerpt}`).not.toMatch(/\d{17}[\dXx]|1[3-9]\d{9}/);
    }
    const hit = data(await t.call('consultation', 'faq.list', { q: '错误羁押' }, undefined));
    expect(hit.items.map((i) => i.id)).toEqual([faq.id]);
    const miss = data(await t.call('consultation', 'faq.list', { q: '离婚财产' }, undefined));
    expect(miss.total).toBe(0);
    const byTopic = data(
      await t.call('consultation', 'faq.list', { topic: '刑事', q: '羁押' }, undefined),
    );
    expect(byTopic.total).toBe(0);
    const got = data(await t.call('consultation', 'faq.get', { id: faq.id }, undefined));
    expect(got).toMatchObject({ topic: '国家赔偿', answer: ANSWER });
    expect(JSON.stringify(got)).not.toContain('张三');
    const stored = await t.find('faqs');
    for (const f of stored) {
      expect(`${f.question}${f.answer}`).not.toMatch(/\d{17}[\dXx]|1[3-9]\d{9}/);
    }
  });

  test('When a question is not answered yet, then publishing is PRECONDITION_FAILED and nothing is published', async () => {
    const { id } = await ask();
    const before = await t.find('faqs');
    const res = await t.call(
      'consultation',
      'publish',
      {
        id,
        publicQuestion: '楼道被占用应如何解决？请问途径。',
        publicAnswer: '可以向物业或居委会反映。',
      },
      DEMO.leader,
    );
    expect(res).toMatchObject({ ok: false, error: { code: 'PRECONDITION_FAILED' } });
    expect(await t.find('faqs')).toHaveLength(before.length);
  });
});

describe('FAQ keyword search (postings of scope faqs)', () => {
  /** Asks, answers and publishes a FAQ as given; returns its id. */
  async function publishFaq(topic: string, publicQuestion: string, publicAnswer: string) {
    const { id } = await ask({ topic, notify: false }, DEMO.otherCitizen);
    data(await t.call('consultation', 'answer', { id, content: publicAnswer }, DEMO.handler));
    const faq = data(
      await t.call('consultation', 'publish', { id, publicQuestion, publicAnswer }, DEMO.leader),
    );
    return faq.id;
  }
  const search = async (input: Record<string, unknown>) =>
    data(await t.call('consultation', 'faq.list', input, undefined));

  let inAnswer: string;
  let better: string;
  beforeAll(async () => {
    // 监护 only once, and only in the answer.
    inAnswer = await publishFaq(
      '民事',
      '父母离婚以后，孩子一般由哪一方抚养？',
      '一般由双方协商确定；协商不成的，由法院根据子女利益和双方的监护能力判决。',
    );
    // 监护 in the question and several times in the answer.
    better = await publishFaq(
      '未成年人',
      '监护人长期不履行监护职责，应当怎么办？',
      '有关个人或组织可以申请撤销其监护人资格，另行指定监护人，由其承担监护责任。',
    );
  });

  test('When a two-character word stands only in an answer, then the keyword search finds that FAQ', async () => {
    const res = await search({ q: '抚养' });
    expect(res.items.map((i) => i.id)).toEqual([inAnswer]);
    const byAnswer = await search({ q: '监护' });
    expect(byAnswer.items.map((i) => i.id)).toContain(inAnswer);
    expect(byAnswer.items[0]).toMatchObject({
      topic: '未成年人',
      question: '监护人长期不履行监护职责，应当怎么办？',
    });
  });

  test('When two FAQs hold the word, then the better match (in the question, more often) comes first', async () => {
    const res = await search({ q: '监护' });
    expect(res.items.map((i) => i.id)).toEqual([better, inAnswer]);
    expect(res.total).toBe(2);
  });

  test('When a topic is chosen, then only FAQs of that topic are found', async () => {
    const civil = await search({ q: '监护', topic: '民事' });
    expect(civil.items.map((i) => i.id)).toEqual([inAnswer]);
    expect(civil.total).toBe(1);
    const minors = await search({ q: '监护', topic: '未成年人' });
    expect(minors.items.map((i) => i.id)).toEqual([better]);
    const none = await search({ q: '监护', topic: '刑事' });
    expect(none).toMatchObject({ items: [], total: 0 });
  });

  test('When the word is in no FAQ, then nothing is found', async () => {
    expect(await search({ q: '走私' })).toMatchObject({ items: [], total: 0 });
  });

  test('When FAQs are published, then search_postings holds their faqs: entries and they are indexed', async () => {
    const hex = [...'监护'].map((c) => c.charCodeAt(0).toString(16).padStart(4, '0')).join('');
    const [head] = await t.find('search_postings', { _id: `faqs:c${hex}` });
    expect(head).toMatchObject({ scope: 'faqs', term: '监护', df: 2 });
    const stored = await t.find('faqs', { _id: { $in: [inAnswer, better] } });
    expect(stored.map((f) => f.indexed)).toEqual([true, true]);
    expect(head.ids).toEqual(expect.arrayContaining(stored.map((f) => f.seq)));
    const entries = await t.find('search_postings', { scope: 'faqs' });
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.every((e) => String(e._id).startsWith('faqs:'))).toBe(true);
    const [stats] = await t.find('search_postings', { _id: 'faqs:_stats' });
    expect(stats.docs).toBeGreaterThanOrEqual(3);
    // The topic facet, spelled in hex like the Han terms (ids stay ASCII).
    const [facet] = await t.find('search_postings', { scope: 'faqs', term: '#k:未成年人' });
    expect(facet._id).toMatch(/^faqs:g[0-9a-f]+$/);
    expect(facet.ids).toEqual([stored.find((f) => f._id === better)?.seq]);
  });

  test('When a FAQ was published without a number or its indexing stopped, then opening the staff inbox repairs it', async () => {
    const oldId = 'fq-before-postings-1';
    await t.cloud.store.handle('database.insertDocument', {
      collectionName: 'faqs',
      data: [
        EJSON.stringify({
          _id: oldId,
          consultationId: 'cs-before-postings-1',
          procuratorateId: DEMO.unit,
          topic: '行政',
          question: '对行政处罚决定不服，可以向检察院申请监督吗？',
          answer: '可以先申请行政复议或者提起行政诉讼，对生效裁判不服的可以申请检察监督。',
          publishedAt: new Date(),
          staffId: 'staff-x',
        }),
      ],
    });
    expect((await search({ q: '行政处罚' })).total).toBe(0);
    data(await t.call('consultation', 'inbox', {}, DEMO.handler));
    const [numbered] = await t.find('faqs', { _id: oldId });
    expect(numbered).toMatchObject({ indexed: true });
    expect(typeof numbered.seq).toBe('number');
    expect((await search({ q: '行政处罚' })).items.map((i) => i.id)).toEqual([oldId]);
  });
});
