// 我的意见建议: twenty at a time, more on reaching the bottom, empty and error states, pull to refresh.
import { Harness } from './harness';
import { fileSuggestion, newCitizen, replyTo } from './builders';

jest.setTimeout(60_000);

let h: Harness;
let minePage: string;

beforeAll(async () => {
  h = await Harness.start();
  minePage = h.load('citizen/suggestion-mine/index');
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => h.reset());

test('When a citizen has 25 suggestions, then 20 are listed newest first, and all 25 after reaching the bottom', async () => {
  const citizen = newCitizen();
  const filed: string[] = [];
  for (let i = 1; i <= 25; i++) {
    const { id } = await fileSuggestion(h, citizen, {
      content: `第${i}条：希望公开更多检察工作的信息。`,
    });
    filed.push(id);
  }

  const page = await h.as(citizen).open(minePage);
  expect(page.count('.suggestion')).toBe(20);
  expect(page.text('#summary')).toBe('共25条');
  expect(page.text('.suggestion')).toContain('第25条');
  expect(page.has('#load-more')).toBe(true);

  await page.lifecycle('onReachBottom');
  expect(page.count('.suggestion')).toBe(25);
  expect(page.data.items.map((i: { id: string }) => i.id)).toEqual([...filed].reverse());
  expect(page.text('#list-footer')).toBe('没有更多了');

  // At the end, reaching the bottom again asks for nothing.
  const calls = h.recorded.calls.length;
  await page.lifecycle('onReachBottom');
  expect(h.recorded.calls).toHaveLength(calls);
});

test('When a citizen has none, then the empty state offers to write one', async () => {
  const page = await h.as(newCitizen()).open(minePage);
  expect(page.text('#empty-state')).toContain('您还没有提交过意见建议');
  await page.tap('#write');
  expect(h.recorded.navigations).toEqual([
    { kind: 'navigateTo', url: '/citizen/suggestion-submit/index' },
  ]);
});

test('When the list cannot be loaded, then an error state offers a retry that loads it', async () => {
  const citizen = newCitizen();
  await fileSuggestion(h, citizen);
  h.networkDown = true;
  const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  const page = await h.as(citizen).open(minePage);
  logged.mockRestore();
  expect(page.text('#error-state')).toContain('网络异常，请检查网络后重试');

  h.networkDown = false;
  await page.tap('#retry');
  expect(page.has('#error-state')).toBe(false);
  expect(page.count('.suggestion')).toBe(1);
});

test('When a suggestion has been replied to, then its tag says 已回复 and the others 待回复', async () => {
  const citizen = newCitizen();
  const replied = await fileSuggestion(h, citizen, { topic: '检务公开' });
  await fileSuggestion(h, citizen, { topic: '队伍建设' });
  await replyTo(h, replied.id);

  const page = await h.as(citizen).open(minePage);
  expect(page.texts('.suggestion .status')).toEqual(['待回复', '已回复']);
  expect(page.texts('.suggestion .item-title')).toEqual(['队伍建设', '检务公开']);
});

test('When the list is pulled down, then new suggestions appear and the refresh stops', async () => {
  const citizen = newCitizen();
  await fileSuggestion(h, citizen);
  const page = await h.as(citizen).open(minePage);
  expect(page.count('.suggestion')).toBe(1);

  await fileSuggestion(h, citizen);
  await page.lifecycle('onPullDownRefresh');
  expect(page.count('.suggestion')).toBe(2);
  expect(h.recorded.other).toContain('stopPullDownRefresh');
});

test('When a suggestion is tapped, then its detail opens', async () => {
  const citizen = newCitizen();
  const { id } = await fileSuggestion(h, citizen);
  const page = await h.as(citizen).open(minePage);
  await page.tap('.suggestion');
  expect(h.recorded.navigations).toEqual([
    { kind: 'navigateTo', url: `/citizen/suggestion-detail/index?id=${id}` },
  ]);
});
