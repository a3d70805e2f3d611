// Staff pages: the inbox (refused to citizens, counted and filtered) and the reply, which asks first
// and notifies the writer once when they subscribed.
import { DEMO, Harness, type PageHandle } from './harness';
import { REPLIED_TEMPLATE, REVIEW_WORD, fileSuggestion, newCitizen, replyTo } from './builders';

jest.setTimeout(60_000);

let h: Harness;
let inboxPage: string;
let replyPage: string;
let submitPage: string;

const REPLY = '感谢您的建议，本院将于下月起延长周六的接待时间。';

beforeAll(async () => {
  h = await Harness.start();
  inboxPage = h.load('staff/suggestion-inbox/index');
  replyPage = h.load('staff/suggestion-reply/index');
  submitPage = h.load('citizen/suggestion-submit/index');
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => h.reset());

/** A citizen writes to the 朝阳 procuratorate through the submit page, answering the prompt so. */
async function submitThroughPage(citizen: string, decision: 'accept' | 'reject'): Promise<string> {
  h.as(citizen).subscribeDecision = decision;
  const page = await h.open(submitPage);
  const groups = page.data.unitGroups as { units: { id: string }[] }[];
  const i = groups.findIndex((g) => g.units.some((u) => u.id === DEMO.unit));
  await page.change('#unit-picker', [i, groups[i].units.findIndex((u) => u.id === DEMO.unit)]);
  await page.change('#topic-picker', 0);
  await page.input('#content', '建议在周六上午增加对外接待时间，方便上班的群众来访。');
  await page.tap('#submit');
  expect(page.has('#result')).toBe(true);
  page.close();
  return page.data.result.id as string;
}

async function writeReply(page: PageHandle, text = REPLY) {
  await page.input('#reply-input', text);
  await page.tap('#submit');
}

describe('inbox', () => {
  test('When a citizen opens the staff inbox, then the page says it is for staff only', async () => {
    const page = await h.as(newCitizen()).open(inboxPage);
    expect(page.text('#forbidden-state')).toContain('仅限工作人员');
    expect(page.has('.suggestion')).toBe(false);
    expect(page.has('.tab')).toBe(false);
    await page.tap('#home');
    expect(h.recorded.navigations).toEqual([{ kind: 'switchTab', url: '/pages/index/index' }]);
  });

  test('When someone unidentified opens the staff inbox, then the page says it is for staff only', async () => {
    const page = await h.as(null).open(inboxPage);
    expect(page.text('#forbidden-state')).toContain('仅限工作人员');
  });

  test('When staff open the inbox, then the tabs count each status and each tab lists its own, newest first', async () => {
    // 海淀 (110108): only this test writes there.
    const citizen = newCitizen();
    const a = await fileSuggestion(h, citizen, {
      procuratorateId: DEMO.otherUnit,
      topic: '执法办案',
    });
    const b = await fileSuggestion(h, citizen, {
      procuratorateId: DEMO.otherUnit,
      topic: '检务公开',
    });
    const c = await fileSuggestion(h, citizen, {
      procuratorateId: DEMO.otherUnit,
      topic: '服务群众',
    });
    await replyTo(h, b.id, DEMO.otherUnitHandler);

    const page = await h.as(DEMO.otherUnitHandler).open(inboxPage);
    expect(page.texts('.tab')).toEqual(['全部（3）', '待回复（2）', '已回复（1）']);
    // Opens on what awaits a reply.
    expect(page.data.filter).toBe('pending');
    expect(page.data.items.map((i: { id: string }) => i.id)).toEqual([c.id, a.id]);
    expect(page.texts('.suggestion .status')).toEqual(['待回复', '待回复']);

    await page.tap('#tab-replied');
    expect(page.data.items.map((i: { id: string }) => i.id)).toEqual([b.id]);
    expect(page.texts('.suggestion .status')).toEqual(['已回复']);

    await page.tap('#tab-all');
    expect(page.data.items.map((i: { id: string }) => i.id)).toEqual([c.id, b.id, a.id]);
    expect(page.text('#summary')).toBe('北京市海淀区人民检察院 · 共3条');
  });

  test('When a suggestion was held for review by the content check, then the inbox flags it 需人工审核', async () => {
    const citizen = newCitizen();
    const flagged = await fileSuggestion(h, citizen, {
      content: `有人在网上号召${REVIEW_WORD}，希望检察院关注并做好释法说理。`,
    });
    const plain = await fileSuggestion(h, citizen, {
      content: '建议在网站上公布检察开放日的报名方式。',
    });

    const page = await h.as(DEMO.registrar).open(inboxPage);
    const rows = page.data.items as { id: string; needsReview: boolean }[];
    expect(rows.find((r) => r.id === flagged.id)?.needsReview).toBe(true);
    expect(rows.find((r) => r.id === plain.id)?.needsReview).toBe(false);
    const index = rows.findIndex((r) => r.id === flagged.id);
    expect(page.texts('.suggestion')[index]).toContain('需人工审核');
  });

  test('When a suggestion in the inbox is tapped, then the reply page opens for it', async () => {
    const { id } = await fileSuggestion(h, newCitizen());
    const page = await h.as(DEMO.handler).open(inboxPage);
    const index = page.data.items.findIndex((i: { id: string }) => i.id === id);
    await page.tap('.suggestion', index);
    expect(h.recorded.navigations).toEqual([
      { kind: 'navigateTo', url: `/staff/suggestion-reply/index?id=${id}` },
    ]);
  });

  test('When staff come back from replying, then the inbox reads the counts again', async () => {
    const { id } = await fileSuggestion(h, newCitizen());
    const page = await h.as(DEMO.handler).open(inboxPage);
    const before = page.data.tabs.find((t: { key: string }) => t.key === 'replied').count;

    await replyTo(h, id);
    await page.lifecycle('onShow');
    expect(page.data.tabs.find((t: { key: string }) => t.key === 'replied').count).toBe(before + 1);
    expect(page.data.items.some((i: { id: string }) => i.id === id)).toBe(false);
  });
});

describe('reply', () => {
  test('When a handler replies and confirms, then the reply is shown and the subscribed citizen got exactly one message', async () => {
    const citizen = newCitizen();
    const id = await submitThroughPage(citizen, 'accept');

    const page = await h.as(DEMO.handler).open(replyPage, { id });
    expect(page.text('#status')).toBe('待回复');
    expect(page.text('#notification')).toBe('用户已订阅，回复后将通知');
    await writeReply(page);

    expect(h.recorded.modals).toEqual([
      expect.objectContaining({ title: '确认回复', showCancel: true, answer: 'confirm' }),
    ]);
    expect(page.text('#status')).toBe('已回复');
    expect(page.text('#reply-content')).toBe(REPLY);
    expect(page.text('#reply-meta')).toContain(DEMO.unitName);
    expect(page.text('#notification')).toBe('已通知');
    expect(page.has('#reply-input')).toBe(false);

    const messages = h.cloud.platform.messages({ touser: citizen });
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({
      templateId: REPLIED_TEMPLATE,
      page: `citizen/suggestion-detail/index?id=${id}`,
    });

    // The citizen reads the same reply.
    const seen = await h.data('supervision', 'suggestion.get', { id }, citizen);
    expect(seen).toMatchObject({ status: 'replied', reply: { content: REPLY, by: DEMO.unitName } });
  });

  test('When the citizen declined the prompt, then no message is sent and the page shows 用户未订阅', async () => {
    const citizen = newCitizen();
    const id = await submitThroughPage(citizen, 'reject');

    const page = await h.as(DEMO.leader).open(replyPage, { id });
    await writeReply(page);

    expect(page.text('#status')).toBe('已回复');
    expect(page.text('#notification')).toContain('用户未订阅');
    expect(h.cloud.platform.messages({ touser: citizen })).toEqual([]);
  });

  test('When the handler cancels the confirmation, then nothing is replied and no message is sent', async () => {
    const citizen = newCitizen();
    const id = await submitThroughPage(citizen, 'accept');

    h.as(DEMO.handler).modalAnswer = 'cancel';
    const page = await h.open(replyPage, { id });
    await writeReply(page);

    expect(h.recorded.modals).toHaveLength(1);
    expect(h.recorded.calls.filter((c) => c.action === 'suggestion.reply')).toEqual([]);
    expect(page.text('#status')).toBe('待回复');
    expect(page.data.replyText).toBe(REPLY);
    expect(page.data.submitting).toBe(false);
    const seen = await h.data('supervision', 'suggestion.get', { id }, citizen);
    expect(seen.status).toBe('pending');
    expect(h.cloud.platform.messages({ touser: citizen })).toEqual([]);
  });

  test('When the reply is too short, then its message shows under the field and nothing is replied', async () => {
    const citizen = newCitizen();
    const { id } = await fileSuggestion(h, citizen);
    const page = await h.as(DEMO.handler).open(replyPage, { id });
    await writeReply(page, '已收到');

    expect(page.text('#error-content')).toBe('回复内容至少5个字');
    expect(page.text('#status')).toBe('待回复');
    const seen = await h.data('supervision', 'suggestion.get', { id }, citizen);
    expect(seen.status).toBe('pending');
  });

  test('When someone else replied meanwhile, then the page says so and shows their reply', async () => {
    const { id } = await fileSuggestion(h, newCitizen());
    const page = await h.as(DEMO.handler).open(replyPage, { id });
    await replyTo(h, id, DEMO.leader, '领导已答复：感谢您的建议。');

    await writeReply(page);
    expect(h.recorded.toasts.map((t) => t.title)).toEqual(['该意见建议已回复，不能重复回复']);
    expect(page.text('#reply-content')).toBe('领导已答复：感谢您的建议。');
  });

  test('When the content check held the suggestion for review, then the reply page warns before replying', async () => {
    const { id } = await fileSuggestion(h, newCitizen(), {
      content: `听说有人组织${REVIEW_WORD}，建议检察院提前做好接访准备。`,
    });
    const page = await h.as(DEMO.handler).open(replyPage, { id });
    expect(page.text('#review-flag')).toContain('需人工审核');
  });

  test('When a registrar opens a suggestion, then it is shown without a reply form', async () => {
    const { id } = await fileSuggestion(h, newCitizen(), { contact: { name: '陈晓' } });
    const page = await h.as(DEMO.registrar).open(replyPage, { id });
    expect(page.text('#content')).toContain('希望延长周末接待时间');
    expect(page.text('#contact')).toContain('陈晓');
    expect(page.has('#reply-input')).toBe(false);
    expect(page.has('#no-reply-role')).toBe(true);
  });

  test('When staff of another procuratorate open it, then it is not found', async () => {
    const { id } = await fileSuggestion(h, newCitizen());
    const page = await h.as(DEMO.otherUnitHandler).open(replyPage, { id });
    expect(page.text('#notfound-state')).toContain('未找到该意见建议');
  });

  test('When a citizen opens the reply page, even for their own suggestion, then it is for staff only', async () => {
    const citizen = newCitizen();
    const { id } = await fileSuggestion(h, citizen);
    const page = await h.as(citizen).open(replyPage, { id });
    expect(page.text('#forbidden-state')).toContain('仅限工作人员');
    expect(page.has('#content')).toBe(false);
  });
});
