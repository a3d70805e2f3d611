// The opinions-and-suggestions box, run as the built bundle on devcloud: every outcome is checked
// through the response, the stored state, the outbox (sent messages) and the audit log.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { data, DEMO, openTestCloud, type TestCloud } from '../helpers/cloud';

const root = join(__dirname, '..', '..');
const templates = JSON.parse(readFileSync(join(root, 'config', 'templates.json'), 'utf8'));
const REPLIED_TEMPLATE: string = templates.suggestionReplied.id;
const wordlist = JSON.parse(readFileSync(join(root, 'devcloud', 'wordlist.json'), 'utf8'));
const RISKY_WORD = Object.keys(wordlist.risky)[0];
const REVIEW_WORD = Object.keys(wordlist.review)[0];

let t: TestCloud;
let seq = 0;

function valid(overrides: Record<string, unknown> = {}) {
  seq += 1;
  return {
    procuratorateId: DEMO.unit,
    topic: '服务群众',
    content: '希望检察服务中心延长周末接待时间，方便上班族前来咨询。',
    contact: { name: '陈晓', phone: '13800138000' },
    notify: true,
    clientToken: `token-${seq}-${Date.now()}`,
    ...overrides,
  };
}

async function submit(overrides: Record<string, unknown> = {}, openid: string = DEMO.citizen) {
  return data(await t.call('supervision', 'suggestion.submit', valid(overrides), openid));
}

beforeAll(async () => {
  t = await openTestCloud();
});
afterAll(async () => {
  await t.close();
});

describe('submit', () => {
  test('When a citizen submits a valid suggestion, then it is stored, audited and has a query code', async () => {
    const res = await t.call('supervision', 'suggestion.submit', valid(), DEMO.citizen);
    expect(res.ok).toBe(true);
    const { id, queryCode, duplicate } = data(res);
    expect(queryCode).toMatch(/^[A-Z2-9]{10}$/);
    expect(duplicate).toBe(false);

    const stored = data(await t.call('supervision', 'suggestion.get', { id }, DEMO.citizen));
    expect(stored).toMatchObject({
      id,
      queryCode,
      procuratorateId: DEMO.unit,
      procuratorateName: '北京市朝阳区人民检察院',
      topic: '服务群众',
      status: 'pending',
      reply: null,
      contact: { name: '陈晓', phone: '13800138000' },
    });
    const audit = await t.find('audit', { entity: 'suggestion', entityId: id });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'submit',
      by: { openid: DEMO.citizen, staffId: null },
    });
    expect(t.cloud.platform.messages({ touser: DEMO.citizen })).toHaveLength(0);
  });

  test('When the same form is submitted by five racing taps, then every tap answers with the one suggestion filed once', async () => {
    const form = valid();
    const taps = (
      await Promise.all(
        Array.from({ length: 5 }, () =>
          t.call('supervision', 'suggestion.submit', form, DEMO.citizen),
        ),
      )
    ).map((r) => data(r));
    expect(new Set(taps.map((r) => r.id)).size).toBe(1);
    expect(new Set(taps.map((r) => r.queryCode)).size).toBe(1);
    expect(taps.filter((r) => !r.duplicate)).toHaveLength(1);
    expect(await t.find('suggestions', { _id: taps[0].id })).toHaveLength(1);
    expect(await t.find('audit', { entity: 'suggestion', entityId: taps[0].id })).toHaveLength(1);
  });

  test.each([
    ['procuratorateId', { procuratorateId: undefined }, '请选择检察院'],
    ['topic', { topic: '乱写' }, '请选择建议类别'],
    ['content', { content: '太短了' }, '意见建议内容至少10个字'],
    ['content', { content: '长'.repeat(1001) }, '意见建议内容不能超过1000个字'],
    ['contact.phone', { contact: { phone: '12345' } }, '联系电话应为11位手机号码'],
    ['contact.name', { contact: { name: '名'.repeat(21) } }, '联系人姓名不能超过20个字'],
    ['notify', { notify: 'yes' }, '请选择是否接收回复通知'],
    ['clientToken', { clientToken: '' }, '提交标识格式不正确'],
    ['extra', { extra: 1 }, '不支持的字段：extra'],
  ])(
    'When %s is bad, then the answer is BAD_REQUEST naming the field and nothing is written',
    async (path, overrides, message) => {
      const before = await t.find('suggestions');
      const input: Record<string, unknown> = valid(overrides as Record<string, unknown>);
      for (const [k, v] of Object.entries(overrides)) if (v === undefined) delete input[k];
      const res = await t.call('supervision', 'suggestion.submit', input, DEMO.citizen);
      expect(res.ok).toBe(false);
      if (res.ok) return;
      expect(res.error.code).toBe('BAD_REQUEST');
      expect(res.error.issues).toContainEqual({ path, message });
      expect(await t.find('suggestions')).toHaveLength(before.length);
    },
  );

  test('When the procuratorate does not exist, then NOT_FOUND names the field', async () => {
    const res = await t.call(
      'supervision',
      'suggestion.submit',
      valid({ procuratorateId: '999999' }),
      DEMO.citizen,
    );
    expect(res).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', issues: [{ path: 'procuratorateId' }] },
    });
  });

  test('When the content is risky, then it is refused with CONTENT_REJECTED and nothing is written', async () => {
    const before = await t.find('suggestions');
    const res = await t.call(
      'supervision',
      'suggestion.submit',
      valid({ content: `你好，我想反映一个情况：${RISKY_WORD}，请处理。` }),
      DEMO.citizen,
    );
    expect(res).toMatchObject({
      ok: false,
      error: { code: 'CONTENT_REJECTED', issues: [{ path: 'content' }] },
    });
    expect(await t.find('suggestions')).toHaveLength(before.length);
  });

  test('When the content needs review, then it is kept and flagged for staff', async () => {
    const { id } = await submit({ content: `关于${REVIEW_WORD}的情况，希望检察院关注并答复。` });
    const staffView = data(await t.call('supervision', 'suggestion.get', { id }, DEMO.handler));
    expect(staffView).toMatchObject({ contentFlag: 'review' });
  });

  test('When nobody is identified, then submitting is UNAUTHENTICATED', async () => {
    const res = await t.call('supervision', 'suggestion.submit', valid(), undefined);
    expect(res).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  test('When the action is unknown, then the answer is BAD_REQUEST', async () => {
    const res = await t.call('supervision', 'suggestion.nope' as never, {}, DEMO.citizen);
    expect(res).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });
});

describe('who may read', () => {
  test('When another citizen or another procuratorate asks for it, then it is NOT_FOUND', async () => {
    const { id } = await submit();
    for (const openid of [DEMO.otherCitizen, DEMO.otherUnitHandler]) {
      const res = await t.call('supervision', 'suggestion.get', { id }, openid);
      expect(res).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
  });

  test('When anyone holds the query code, then they see status and reply but not who wrote it', async () => {
    const { queryCode } = await submit();
    const seen = data(
      await t.call(
        'supervision',
        'suggestion.query',
        { queryCode: queryCode.toLowerCase() },
        DEMO.otherCitizen,
      ),
    );
    expect(seen).toEqual({
      procuratorateName: '北京市朝阳区人民检察院',
      topic: '服务群众',
      status: 'pending',
      createdAt: expect.any(String),
      reply: null,
    });
    const wrong = await t.call(
      'supervision',
      'suggestion.query',
      { queryCode: 'ABCDEFGH23' },
      DEMO.otherCitizen,
    );
    expect(wrong).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const bad = await t.call(
      'supervision',
      'suggestion.query',
      { queryCode: '123' },
      DEMO.otherCitizen,
    );
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', issues: [{ path: 'queryCode' }] },
    });
  });

  test('When a citizen lists their suggestions, then they see only their own, newest first, paginated', async () => {
    const other = await openTestCloud();
    try {
      for (let i = 0; i < 23; i++) {
        data(await other.call('supervision', 'suggestion.submit', valid(), DEMO.otherCitizen));
      }
      data(await other.call('supervision', 'suggestion.submit', valid(), DEMO.citizen));
      const first = data(
        await other.call(
          'supervision',
          'suggestion.mine',
          { page: 1, pageSize: 20 },
          DEMO.otherCitizen,
        ),
      );
      const second = data(
        await other.call(
          'supervision',
          'suggestion.mine',
          { page: 2, pageSize: 20 },
          DEMO.otherCitizen,
        ),
      );
      expect(first.total).toBe(23);
      expect(first.items).toHaveLength(20);
      expect(second.items).toHaveLength(3);
      const times = [...first.items, ...second.items].map((i) => i.createdAt);
      expect([...times].sort().reverse()).toEqual(times);
    } finally {
      await other.close();
    }
  });
});

describe('staff', () => {
  test('When a citizen opens the staff inbox or replies, then it is FORBIDDEN', async () => {
    const { id } = await submit();
    const inbox = await t.call('supervision', 'suggestion.inbox', {}, DEMO.citizen);
    expect(inbox).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const reply = await t.call(
      'supervision',
      'suggestion.reply',
      { id, content: '感谢您的建议。' },
      DEMO.citizen,
    );
    expect(reply).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  test('When a registrar replies, then it is FORBIDDEN (replying is for handlers and leaders)', async () => {
    const { id } = await submit();
    const reply = await t.call(
      'supervision',
      'suggestion.reply',
      { id, content: '感谢您的建议。' },
      DEMO.registrar,
    );
    expect(reply).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  test('When staff of another procuratorate reply, then it is NOT_FOUND and nothing changes', async () => {
    const { id } = await submit();
    const reply = await t.call(
      'supervision',
      'suggestion.reply',
      { id, content: '感谢您的建议。' },
      DEMO.otherUnitHandler,
    );
    expect(reply).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(data(await t.call('supervision', 'suggestion.get', { id }, DEMO.citizen)).status).toBe(
      'pending',
    );
  });

  test('When staff open the inbox, then it lists their procuratorate newest first with counts per status', async () => {
    await submit({ procuratorateId: '110108' });
    const all = data(
      await t.call('supervision', 'suggestion.inbox', { page: 1, pageSize: 50 }, DEMO.handler),
    );
    expect(all.items.every((i) => i.procuratorateName === '北京市朝阳区人民检察院')).toBe(true);
    expect(all.total).toBe(all.counts.pending + all.counts.replied);
    const pending = data(
      await t.call('supervision', 'suggestion.inbox', { status: 'pending' }, DEMO.handler),
    );
    expect(pending.items.every((i) => i.status === 'pending')).toBe(true);
    expect(pending.total).toBe(all.counts.pending);
    const times = all.items.map((i) => i.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
  });

  test('When a handler replies to a subscribed citizen, then exactly one message is sent and the reply is seen', async () => {
    const { id, queryCode } = await submit({ notify: true });
    await t.cloud.grantSubscription(DEMO.citizen, { [REPLIED_TEMPLATE]: 'accept' });
    const before = t.cloud.platform.messages({ touser: DEMO.citizen }).length;

    const replied = data(
      await t.call(
        'supervision',
        'suggestion.reply',
        { id, content: '感谢您的建议，我院将调整接待时间。' },
        DEMO.handler,
      ),
    );
    expect(replied).toMatchObject({ status: 'replied', notification: 'sent' });
    const messages = t.cloud.platform.messages({ touser: DEMO.citizen });
    expect(messages).toHaveLength(before + 1);
    expect(messages[messages.length - 1]).toMatchObject({
      templateId: REPLIED_TEMPLATE,
      page: `citizen/suggestion-detail/index?id=${id}`,
    });

    const again = await t.call(
      'supervision',
      'suggestion.reply',
      { id, content: '第二次回复内容。' },
      DEMO.leader,
    );
    expect(again).toMatchObject({ ok: false, error: { code: 'PRECONDITION_FAILED' } });
    expect(t.cloud.platform.messages({ touser: DEMO.citizen })).toHaveLength(before + 1);

    const seen = data(await t.call('supervision', 'suggestion.get', { id }, DEMO.citizen));
    expect(seen.reply).toMatchObject({
      content: '感谢您的建议，我院将调整接待时间。',
      by: '北京市朝阳区人民检察院',
    });
    const byCode = data(await t.call('supervision', 'suggestion.query', { queryCode }, undefined));
    expect(byCode.status).toBe('replied');
    const audit = await t.find('audit', { entity: 'suggestion', entityId: id, action: 'reply' });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ by: { openid: DEMO.handler, staffId: 'st-110105-handler' } });
  });

  test('When the citizen did not subscribe, then the reply is recorded as not notified (43101) and not retried', async () => {
    const { id } = await submit({ notify: true }, DEMO.otherCitizen);
    const replied = data(
      await t.call(
        'supervision',
        'suggestion.reply',
        { id, content: '感谢您的建议。' },
        DEMO.handler,
      ),
    );
    expect(replied.notification).toBe('no_quota');
    expect(t.cloud.platform.messages({ touser: DEMO.otherCitizen })).toHaveLength(0);
    const [entry] = await t.find('outbox', { 'ref.id': id });
    expect(entry).toMatchObject({ status: 'no_quota', attempts: 1 });
    expect(String(entry.lastError)).toContain('43101');
  });

  test('When the citizen asked not to be notified, then no message is queued', async () => {
    const { id } = await submit({ notify: false });
    await t.cloud.grantSubscription(DEMO.citizen, { [REPLIED_TEMPLATE]: 'accept' });
    const replied = data(
      await t.call(
        'supervision',
        'suggestion.reply',
        { id, content: '感谢您的建议。' },
        DEMO.handler,
      ),
    );
    expect(replied.notification).toBe('not_requested');
    expect(await t.find('outbox', { 'ref.id': id })).toHaveLength(0);
  });
});
