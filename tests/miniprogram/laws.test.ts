// The laws library's pages (#7), on devcloud with the built laws function and its data: 法律法规查询
// from the service hall with no identity; the catalogue when there is no query; a search with the
// highlight in bold pieces, narrowed to one law by the picker; opening an article with its 款 and
// 项, its place, 上一条 / 下一条 and its chapter's other articles, 复制条文 and the share path; the
// deep link straight to an article; a law's table of contents; unknown links answered plainly.
import { SERVICE_GROUPS } from '../../miniprogram/services';
import * as pageShared from '../../miniprogram/utils/laws';
import * as contract from '../../typings/laws';
import { Harness } from './harness';

jest.setTimeout(60_000);

let h: Harness;
const pages = {} as Record<'hall' | 'laws' | 'law' | 'article', string>;

beforeAll(async () => {
  h = await Harness.start();
  pages.hall = h.load('pages/index/index');
  pages.laws = h.load('public/laws/index');
  pages.law = h.load('public/law/index');
  pages.article = h.load('public/article/index');
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => {
  h.reset();
  h.as(null);
});

const lastUrl = () => h.recorded.navigations[h.recorded.navigations.length - 1]?.url ?? '';
const queryOf = (url: string) =>
  Object.fromEntries(new URL(url, 'https://mp.invalid').searchParams.entries());

test('The pages’ limits mirror the contract', () => {
  expect(pageShared.LAWS_PAGE_LIMITS).toEqual(contract.LAWS_LIMITS);
});

test('When 法律法规查询 is tapped in the service hall, then the laws library opens', async () => {
  const service = SERVICE_GROUPS.flatMap((g) => g.services).find((s) => s.key === 'law-search');
  expect(service?.url).toBe('/public/laws/index');
  const hall = await h.open(pages.hall);
  await hall.tap('.service', hall.texts('.tile-name').indexOf('法律法规查询'));
  expect(h.recorded.navigations).toEqual([{ kind: 'navigateTo', url: '/public/laws/index' }]);
});

describe('法律法规查询', () => {
  test('When it opens with no query, then the catalogue lists every law, each opening its table of contents', async () => {
    const page = await h.open(pages.laws);
    expect(page.text('#catalogue-title')).toBe('法律法规目录（21部）');
    expect(page.texts('.law-title')).toContain('中华人民共和国刑法');
    expect(page.texts('.law-kind')).toContain('司法解释');
    expect(page.data.lawOptions[0]).toEqual({ key: '', name: '全部法律法规' });
    await page.tap('.law', page.texts('.law-title').indexOf('中华人民共和国国家赔偿法'));
    expect(lastUrl()).toBe('/public/law/index?law=state-compensation');
  });

  test('When “国家赔偿 请求时效” is searched, then 国家赔偿法第三十九条 comes first with the matches in bold, and opens', async () => {
    const page = await h.open(pages.laws);
    await page.input('#search-input', '国家赔偿 请求时效');
    await page.tap('#search');
    expect(page.has('.law')).toBe(false);
    expect(page.text('#summary')).toMatch(/^“国家赔偿 请求时效”的查询结果/);
    expect(page.texts('.hit-heading')[0]).toBe('国家赔偿法 第三十九条');
    expect(page.texts('.hit-path')[0]).toBe('第五章 其他规定');
    const firstBold = page.data.items[0].excerpt
      .filter((piece: { hit: boolean }) => piece.hit)
      .map((piece: { text: string }) => piece.text);
    expect(firstBold).toContain('时效');
    expect(page.texts('.excerpt .hit')).toEqual(expect.arrayContaining(firstBold));
    // Bold pieces are text: no 【】 markers left on the page.
    expect(page.texts('.excerpt')[0]).not.toMatch(/[【】]/);
    await page.tap('.hit-item');
    expect(lastUrl()).toBe('/public/article/index?law=state-compensation&article=39');
  });

  test('When a law is chosen in the picker, then the search shown is narrowed to it; 全部 widens it again', async () => {
    const page = await h.open(pages.laws);
    await page.input('#search-input', '律师 阅卷');
    await page.tap('#search');
    const everywhere = page.data.items.map((i: { lawKey: string }) => i.lawKey);
    expect(new Set(everywhere).size).toBeGreaterThan(1);
    const at = page.data.lawOptions.findIndex((o: { key: string }) => o.key === 'lawyers');
    await page.change('#law-picker', at);
    expect(page.text('#law-filter')).toBe('律师法');
    expect(new Set(page.data.items.map((i: { lawKey: string }) => i.lawKey))).toEqual(
      new Set(['lawyers']),
    );
    expect(page.texts('.hit-heading')[0]).toBe('律师法 第三十四条');
    await page.change('#law-picker', 0);
    expect(new Set(page.data.items.map((i: { lawKey: string }) => i.lawKey)).size).toBeGreaterThan(
      1,
    );
  });

  test('When there are more results, then 加载更多 adds the next page', async () => {
    const page = await h.open(pages.laws);
    await page.input('#search-input', '取保候审');
    await page.tap('#search');
    expect(page.count('.hit-item')).toBe(20);
    await page.tap('#load-more');
    expect(page.count('.hit-item')).toBe(40);
  });

  test('When nothing matches, then it says so; 清除查询 brings back the catalogue', async () => {
    const page = await h.open(pages.laws);
    await page.input('#search-input', 'zzqqxxyy');
    await page.tap('#search');
    expect(page.text('#empty-state')).toContain('没有找到相关条文');
    await page.tap('#clear');
    expect(page.has('#catalogue-title')).toBe(true);
  });

  test('When it is opened with ?q= and ?law=, then the search is made at once', async () => {
    const page = await h.open(pages.laws, {
      q: encodeURIComponent('刑事诉讼法第三十七条'),
      law: 'criminal-procedure',
    });
    expect(page.text('#law-filter')).toBe('刑事诉讼法');
    expect(page.texts('.hit-heading')[0]).toBe('刑事诉讼法 第三十七条');
  });
});

describe('法律条文', () => {
  test('When the deep link to 刑法第二百六十四条 is opened by nobody, then the article shows with its place', async () => {
    const page = await h.open(pages.article, { law: 'criminal-law', article: '264' });
    expect(page.text('#law-title')).toBe('中华人民共和国刑法');
    expect(page.text('#article-label')).toBe('第二百六十四条');
    expect(page.text('#article-path')).toBe('第二编 分则 第五章 侵犯财产罪');
    expect(page.text('#article-body')).toMatch(/^盗窃公私财物/);
    expect(h.recorded.calls.every((c) => c.openid === null)).toBe(true);
  });

  test('When an article has items, then each 项 is its own line under the paragraph', async () => {
    const page = await h.open(pages.article, { law: 'state-compensation', article: '17' });
    const lines = page.texts('.paragraph');
    expect(lines[0]).toMatch(/^行使侦查、检察、审判职权的机关/);
    expect(lines.slice(1, 6).every((l) => /^（[一二三四五]）/.test(l))).toBe(true);
  });

  test('When 上一条, 下一条 or another article of the chapter is tapped, then that article replaces this one', async () => {
    const page = await h.open(pages.article, { law: 'criminal-law', article: '264' });
    expect(page.text('#prev')).toBe('上一条 · 第二百六十三条');
    expect(page.text('#next')).toBe('下一条 · 第二百六十五条');
    await page.tap('#next');
    expect(h.recorded.navigations.pop()).toEqual({
      kind: 'redirectTo',
      url: '/public/article/index?law=criminal-law&article=265',
    });
    await page.tap('#prev');
    expect(lastUrl()).toBe('/public/article/index?law=criminal-law&article=263');
    expect(page.text('#unit-title')).toBe('本章条文 · 第五章 侵犯财产罪');
    expect(page.text('.unit-article.current')).toBe('第二百六十四条');
    const labels = page.texts('.unit-article');
    await page.tap('.unit-article', labels.indexOf('第二百七十六条之一'));
    expect(queryOf(lastUrl())).toEqual({ law: 'criminal-law', article: '276-1' });
  });

  test('When 复制条文 is tapped, then the article with its law’s title is copied; the share card links back to it', async () => {
    const page = await h.open(pages.article, { law: 'criminal-law', article: '264' });
    await page.tap('#copy');
    expect(h.recorded.clipboard).toEqual([
      expect.stringMatching(/^《中华人民共和国刑法》第二百六十四条 盗窃公私财物/),
    ]);
    const share = (page.instance.onShareAppMessage as () => { title: string; path: string })();
    expect(share).toEqual({
      title: '刑法第二百六十四条',
      path: '/public/article/index?law=criminal-law&article=264',
    });
  });

  test('When 目录 is tapped, then the law’s table of contents opens', async () => {
    const page = await h.open(pages.article, { law: 'criminal-law', article: '264' });
    await page.tap('#toc');
    expect(lastUrl()).toBe('/public/law/index?law=criminal-law');
  });

  test('When the link names an unknown law or article, then it says so and offers the search', async () => {
    const links: Record<string, string>[] = [
      { law: 'xingfa', article: '264' },
      { law: 'criminal-law', article: '9999' },
      { law: 'criminal-law', article: 'x' },
      { law: 'criminal-law' },
    ];
    for (const query of links) {
      const page = await h.open(pages.article, query);
      expect(page.text('#notfound-state')).toContain('未找到该条文');
    }
    const page = await h.open(pages.article, { law: 'xingfa', article: '1' });
    await page.tap('#open-list');
    expect(lastUrl()).toBe('/public/laws/index');
  });
});

describe('法律法规目录', () => {
  test('When 刑法’s contents are opened, then its 编 and 章 show with their ranges; tapping a chapter lists its articles', async () => {
    const page = await h.open(pages.law, { law: 'criminal-law' });
    expect(page.text('#law-title')).toBe('中华人民共和国刑法');
    const labels = page.texts('.toc-label');
    expect(labels.slice(0, 2)).toEqual(['第一编 总则', '第一章 刑法的任务、基本原则和适用范围']);
    expect(page.texts('.toc-heading .toc-label')).toContain('第二编 分则');
    const chapters = page.texts('.toc-unit .toc-label');
    const at = chapters.indexOf('第五章 侵犯财产罪');
    expect(page.texts('.toc-unit .toc-range')[at]).toMatch(
      /^第二百六十三条至第二百七十六条之一，共\d+条$/,
    );
    expect(page.has('.article-link')).toBe(false);
    await page.tap('.toc-unit', at);
    expect(page.texts('.article-link')).toContain('第二百六十四条');
    await page.tap('.article-link', page.texts('.article-link').indexOf('第二百六十四条'));
    expect(lastUrl()).toBe('/public/article/index?law=criminal-law&article=264');
    await page.tap('.toc-unit', at);
    expect(page.has('.article-link')).toBe(false);
  });

  test('When a law without chapters is opened, then its articles are listed directly', async () => {
    const page = await h.open(pages.law, { law: 'people-assessors' });
    expect(page.has('.toc-row')).toBe(false);
    expect(page.texts('.article-link')[0]).toBe('第一条');
  });

  test('When 在本法中查询 is tapped, then the search opens with the law chosen', async () => {
    const page = await h.open(pages.law, { law: 'state-compensation' });
    await page.tap('#search-law');
    expect(lastUrl()).toBe('/public/laws/index?law=state-compensation');
  });

  test('When the law is unknown, then it says so', async () => {
    const page = await h.open(pages.law, { law: 'xingfa' });
    expect(page.text('#notfound-state')).toContain('未找到该法律法规');
  });
});
