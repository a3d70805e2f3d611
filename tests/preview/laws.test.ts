// The laws library end to end in the browser preview (#7), as someone the functions know nothing of
// (no profile, no staff record): 法律法规查询 from the service hall, a search for “国家赔偿 请求时效”
// answered first by 国家赔偿法第三十九条 with the matches in bold, the article opened, 下一条, the
// share card's path, and a deep link URL opening 刑法第二百六十四条 directly.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PREVIEW_DIR, openPreview, type Preview } from './browser';

const built = existsSync(join(PREVIEW_DIR, 'index.html'));

/** Nobody: an OPENID no demo identity, profile or staff record has. */
const NOBODY = 'o-laws-nobody';

(built ? describe : () => undefined)('The laws library in the browser preview', () => {
  let p: Preview;

  beforeAll(async () => {
    p = await openPreview({ as: NOBODY });
  }, 30_000);
  afterAll(async () => {
    await p?.close();
  });

  test('When nobody searches “国家赔偿 请求时效” from the hall, then 国家赔偿法第三十九条 comes first in bold, opens, and 下一条 follows', async () => {
    await p.launch('/pages/index/index', { as: NOBODY });
    await p.tap(/^法律法规查询/);
    expect((await p.route()).route).toBe('public/laws/index');
    await p.waitForData('catalogueState', 'ready');
    await p.waitForText('法律法规目录（21部）');
    expect(await p.title()).toBe('法律法规查询');

    await p.type(/^关键词/, '国家赔偿 请求时效');
    await p.tap('搜索');
    await p.waitForText('“国家赔偿 请求时效”的查询结果');
    const first = p.current().locator('[class*="--hit-item"]').first();
    expect(await first.locator('[class*="--hit-heading"]').innerText()).toBe(
      '国家赔偿法 第三十九条',
    );
    const bold = await first.locator('[class*="--hit"]:not([class*="--hit-"])').allInnerTexts();
    expect(bold).toContain('时效');
    // Drawn bold, as text: no 【】 markers reach the screen.
    const weight = await first
      .locator('[class*="--hit"]:not([class*="--hit-"])')
      .first()
      .evaluate((el) => getComputedStyle(el).fontWeight);
    expect(Number(weight)).toBeGreaterThanOrEqual(700);
    expect(await first.innerText()).not.toMatch(/[【】]/);
    await p.shot('preview-laws-search');

    await p.tap(first);
    await p.waitForText('第三十九条');
    expect(await p.route()).toEqual({
      route: 'public/article/index',
      query: { law: 'state-compensation', article: '39' },
    });
    expect(await p.title()).toBe('国家赔偿法第三十九条');
    const text = await p.text();
    expect(text).toContain('第五章 其他规定');
    expect(text).toContain('赔偿请求人请求国家赔偿的时效为两年');
    await p.shot('preview-laws-article');

    await p.tap(/^下一条/);
    await p.waitForText('第四十条');
    expect(await p.route()).toEqual({
      route: 'public/article/index',
      query: { law: 'state-compensation', article: '40' },
    });
    expect(await p.text()).toContain('上一条 · 第三十九条');
    await p.shot('preview-laws-next');
    expect(await p.errors()).toEqual([]);
  }, 60_000);

  test('When the deep link URL of 刑法第二百六十四条 is opened directly, then the article shows, and its share card links back to it', async () => {
    const link = '/public/article/index?law=criminal-law&article=264';
    // The shell's own URL (its clock and screen size kept), with the link as the path to open.
    const url = new URL(p.page.url());
    url.searchParams.set('as', NOBODY);
    url.searchParams.set('path', link);
    await p.page.goto(url.toString());
    await p.page.waitForFunction(() => document.documentElement.dataset.previewReady === 'true');
    await p.idle();
    await p.waitForText('盗窃公私财物');
    expect(await p.route()).toEqual({
      route: 'public/article/index',
      query: { law: 'criminal-law', article: '264' },
    });
    expect(await p.title()).toBe('刑法第二百六十四条');
    const text = await p.text();
    expect(text).toContain('第二编 分则 第五章 侵犯财产罪');
    expect(text).toContain('本章条文 · 第五章 侵犯财产罪');
    await p.shot('preview-laws-deep-link');

    await p.tap('分享');
    const share = await p.modal();
    expect(share.content).toContain('刑法第二百六十四条');
    expect(share.content).toContain(link);
    expect(await p.errors()).toEqual([]);
  }, 60_000);
});
