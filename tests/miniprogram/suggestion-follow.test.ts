// Following a suggestion: its detail (with the reply once given) and the public query by code.
import { formatTime } from '../../miniprogram/utils/time';
import { DEMO, Harness } from './harness';
import { fileSuggestion, newCitizen, replyTo } from './builders';

jest.setTimeout(60_000);

let h: Harness;
let detailPage: string;
let queryPage: string;

const REPLY = '感谢您的建议。本院已于本月起在服务大厅设置老年人休息区。';

beforeAll(async () => {
  h = await Harness.start();
  detailPage = h.load('citizen/suggestion-detail/index');
  queryPage = h.load('citizen/suggestion-query/index');
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => h.reset());

describe('detail', () => {
  test('When staff have not replied yet, then the detail shows the suggestion and 等待回复', async () => {
    const citizen = newCitizen();
    const { id, queryCode } = await fileSuggestion(h, citizen, {
      topic: '检务公开',
      content: '建议定期公开检察院办理群众来信的数量和办理结果。',
      contact: { name: '刘芳', phone: '13900139000' },
    });
    const stored = await h.data('supervision', 'suggestion.get', { id }, citizen);

    const page = await h.as(citizen).open(detailPage, { id });
    expect(page.text('#topic')).toBe('检务公开');
    expect(page.text('#status')).toBe('待回复');
    expect(page.text('#procuratorate')).toBe(DEMO.unitName);
    expect(page.text('#created-at')).toBe(formatTime(stored.createdAt));
    expect(page.text('#created-at')).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(page.text('#query-code')).toBe(queryCode);
    expect(page.text('#content')).toBe('建议定期公开检察院办理群众来信的数量和办理结果。');
    expect(page.text('#contact')).toBe('刘芳 13900139000');
    expect(page.text('#waiting')).toContain('等待回复');
    expect(page.has('#reply')).toBe(false);
  });

  test('When staff have replied, then the detail shows the reply with the unit and time', async () => {
    const citizen = newCitizen();
    const { id } = await fileSuggestion(h, citizen);
    const replied = await replyTo(h, id, DEMO.handler, REPLY);

    const page = await h.as(citizen).open(detailPage, { id });
    expect(page.text('#status')).toBe('已回复');
    expect(page.text('#reply-content')).toBe(REPLY);
    expect(page.text('#reply-meta')).toBe(
      `${DEMO.unitName} · ${formatTime(replied.reply?.repliedAt)}`,
    );
    expect(page.has('#waiting')).toBe(false);
  });

  test('When the page is pulled down after staff replied, then the reply appears', async () => {
    const citizen = newCitizen();
    const { id } = await fileSuggestion(h, citizen);
    const page = await h.as(citizen).open(detailPage, { id });
    expect(page.has('#waiting')).toBe(true);

    await replyTo(h, id, DEMO.leader, REPLY);
    await page.lifecycle('onPullDownRefresh');
    expect(page.text('#reply-content')).toBe(REPLY);
    expect(h.recorded.other).toContain('stopPullDownRefresh');
  });

  test('When the query code is copied, then the clipboard holds it', async () => {
    const citizen = newCitizen();
    const { id, queryCode } = await fileSuggestion(h, citizen);
    const page = await h.as(citizen).open(detailPage, { id });
    await page.tap('#copy-code');
    expect(h.recorded.clipboard).toEqual([queryCode]);
  });

  test('When someone else opens a suggestion, then the page says it was not found', async () => {
    const { id } = await fileSuggestion(h, newCitizen());
    const page = await h.as(newCitizen()).open(detailPage, { id });
    expect(page.text('#notfound-state')).toContain('未找到该意见建议');
    expect(page.has('#content')).toBe(false);
  });

  test('When the id does not exist, then the page says it was not found', async () => {
    const page = await h.as(newCitizen()).open(detailPage, { id: 'sg-no-such-thing' });
    expect(page.text('#notfound-state')).toContain('未找到该意见建议');
    await page.tap('#back-to-list');
    expect(h.recorded.navigations).toEqual([
      { kind: 'redirectTo', url: '/citizen/suggestion-mine/index' },
    ]);
  });
});

describe('query by code', () => {
  test('When a code is typed in small letters, then it is shown in capitals and its status and reply are found', async () => {
    const { id, queryCode } = await fileSuggestion(h, newCitizen(), { topic: '纪律作风' });
    await replyTo(h, id, DEMO.handler, REPLY);

    const page = await h.as(newCitizen()).open(queryPage);
    await page.input('#query-code', queryCode.toLowerCase());
    expect(page.data.queryCode).toBe(queryCode);
    await page.tap('#query');

    expect(page.text('#topic')).toBe('纪律作风');
    expect(page.text('#status')).toBe('已回复');
    expect(page.text('#procuratorate')).toBe(DEMO.unitName);
    expect(page.text('#reply-content')).toBe(REPLY);
    expect(page.text('#reply-meta')).toContain(DEMO.unitName);
    expect(page.has('#error-queryCode')).toBe(false);
  });

  test('When the suggestion is still pending, then the query says it awaits a reply', async () => {
    const { queryCode } = await fileSuggestion(h, newCitizen());
    const page = await h.as(null).open(queryPage);
    await page.input('#query-code', queryCode);
    await page.tap('#query');
    expect(page.text('#status')).toBe('待回复');
    expect(page.text('#waiting')).toContain('等待回复');
  });

  test('When the code is malformed, then the message is under the field and nothing is shown', async () => {
    const page = await h.as(newCitizen()).open(queryPage);
    await page.input('#query-code', 'ab1');
    await page.tap('#query');
    expect(page.text('#error-queryCode')).toBe('查询码应为10位字母或数字');
    expect(page.has('#result')).toBe(false);
  });

  test('When no suggestion has the code, then the message is under the field', async () => {
    const page = await h.as(newCitizen()).open(queryPage);
    await page.input('#query-code', 'ZZZZZZZZZZ');
    await page.tap('#query');
    expect(page.text('#error-queryCode')).toBe('查询码不正确，未找到对应的意见建议');

    // Typing again clears the message.
    await page.input('#query-code', 'ZZZZZZZZZ');
    expect(page.has('#error-queryCode')).toBe(false);
  });

  test('When the page is opened with a code in the link, then it is queried at once', async () => {
    const { queryCode } = await fileSuggestion(h, newCitizen(), { topic: '执法办案' });
    const page = await h.as(newCitizen()).open(queryPage, { code: queryCode.toLowerCase() });
    expect(page.text('#topic')).toBe('执法办案');
  });
});
