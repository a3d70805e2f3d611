// The laws function (#7), run as the built bundle on devcloud with the laws library's data that the
// build copies beside it: the catalogue, search (the labelled queries of
// tests/domain/fixtures/law-queries.ts answered first, an article named by its number, one law only,
// paging), a law's table of contents and an article with its place and neighbours; bad input named
// in Chinese; unknown laws and articles NOT_FOUND; all of it with no identity at all.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { LAW_QUERIES } from '../domain/fixtures/law-queries';
import { data, DEMO, openTestCloud, type TestCloud } from '../helpers/cloud';
import type { LawTocNode } from '../../typings/laws';

let t: TestCloud;

beforeAll(async () => {
  t = await openTestCloud();
});
afterAll(async () => {
  await t.close();
});

/** Calls as nobody: no OPENID at all. */
const anon = <A extends 'laws.list' | 'laws.search' | 'laws.law' | 'laws.article'>(
  action: A,
  input: Record<string, unknown>,
) => t.call('laws', action, input);

const answersOf = (q: string) => {
  const labelled = LAW_QUERIES.find((x) => x.q === q);
  if (!labelled) throw new Error(`no labelled query ${q}`);
  return labelled.answers.map((a) => `${a.law}:${a.id}`);
};

test('The build ships the data beside the function', () => {
  const dir = join(__dirname, '..', '..', 'build', 'cloudfunctions', 'laws');
  expect(existsSync(join(dir, 'laws.json'))).toBe(true);
  expect(existsSync(join(dir, 'index.json'))).toBe(true);
});

describe('laws.list', () => {
  test('When anyone lists the library, then every law of the catalogue is there with its kind, version and article count', async () => {
    const { laws } = data(await anon('laws.list', {}));
    expect(laws).toHaveLength(21);
    expect(laws.find((l) => l.key === 'criminal-law')).toEqual({
      key: 'criminal-law',
      title: '中华人民共和国刑法',
      kind: 'law',
      kindName: '法律',
      version: '2023-12-29',
      versionText: expect.stringContaining('刑法修正案（十二）'),
      articleCount: expect.any(Number),
    });
    expect(laws.find((l) => l.key === 'civil-code')?.articleCount).toBe(1260);
    expect(laws.find((l) => l.key === 'spp-criminal-procedure-rules')?.kindName).toBe('司法解释');
  });

  test('When the input carries an unknown field, then it is refused and named', async () => {
    const res = await anon('laws.list', { extra: 1 });
    expect(res).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });
});

describe('laws.search', () => {
  test.each(['国家赔偿 请求时效', '律师 阅卷'])(
    'When someone searches “%s”, then a labelled answer comes first, highlighted',
    async (q) => {
      const page = data(await anon('laws.search', { q }));
      const first = page.items[0];
      expect(answersOf(q)).toContain(`${first.lawKey}:${first.id}`);
      expect(first.excerpt).toMatch(/【[^【】]+】/);
      expect(first.lawTitle).toMatch(/^中华人民共和国|规则$/);
      expect(first.pathText).not.toBe('');
    },
  );

  test('When “国家赔偿 请求时效” is searched, then 国家赔偿法第三十九条 leads, in its chapter, with 时效 in bold', async () => {
    const page = data(await anon('laws.search', { q: '国家赔偿 请求时效', pageSize: 5 }));
    expect(page.items[0]).toMatchObject({
      lawKey: 'state-compensation',
      id: '39',
      label: '第三十九条',
      lawTitle: '中华人民共和国国家赔偿法',
      pathText: '第五章 其他规定',
      referenced: false,
    });
    expect(page.items[0].excerpt).toContain('【时效】');
    expect(page).toMatchObject({ page: 1, pageSize: 5 });
    expect(page.items).toHaveLength(5);
  });

  test('When an article is named by law and number, then that article comes first, marked referenced', async () => {
    const page = data(await anon('laws.search', { q: '刑事诉讼法第三十七条' }));
    expect(page.items[0]).toMatchObject({
      lawKey: 'criminal-procedure',
      id: '37',
      label: '第三十七条',
      referenced: true,
    });
    expect(answersOf('刑事诉讼法第三十七条')).toContain('criminal-procedure:37');
  });

  test('When a law is chosen, then only its articles are found', async () => {
    const page = data(await anon('laws.search', { q: '律师 阅卷', lawKey: 'lawyers' }));
    expect(page.items.length).toBeGreaterThan(0);
    expect(new Set(page.items.map((i) => i.lawKey))).toEqual(new Set(['lawyers']));
    expect(page.items[0].id).toBe('34');
  });

  test('When the results are paged, then the pages follow each other without repeating', async () => {
    const one = data(await anon('laws.search', { q: '取保候审', pageSize: 10 }));
    const two = data(await anon('laws.search', { q: '取保候审', page: 2, pageSize: 10 }));
    expect(one.total).toBeGreaterThan(20);
    expect(one.total).toBeLessThanOrEqual(100);
    expect(two.total).toBe(one.total);
    const ids = (p: typeof one) => p.items.map((i) => `${i.lawKey}:${i.id}`);
    expect(ids(two).filter((id) => ids(one).includes(id))).toEqual([]);
  });

  test('When nothing matches, then the page is empty', async () => {
    const page = data(await anon('laws.search', { q: 'zzqqxxyy' }));
    expect(page).toMatchObject({ items: [], total: 0 });
  });

  test('When the query is empty, too long, or the law or page malformed, then the field is named in Chinese', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ q: '   ' }, 'q', '请填写关键词'],
      [{ q: '盗'.repeat(41) }, 'q', '关键词不能超过40个字'],
      [{ q: '盗窃', lawKey: 'Criminal Law' }, 'lawKey', '法律法规格式不正确'],
      [{ q: '盗窃', page: 0 }, 'page', '页码从1开始'],
      [{ q: '盗窃', pageSize: 51 }, 'pageSize', '每页最多50条'],
    ];
    for (const [input, path, message] of cases) {
      const res = await anon('laws.search', input);
      expect(res).toEqual({
        ok: false,
        error: { code: 'BAD_REQUEST', message, issues: [{ path, message }] },
      });
    }
  });

  test('When the law chosen is not in the library, then NOT_FOUND', async () => {
    const res = await anon('laws.search', { q: '盗窃', lawKey: 'no-such-law' });
    expect(res).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: '未找到该法律法规' },
    });
  });
});

describe('laws.law', () => {
  test('When anyone opens 刑法, then its table of contents has the 编, 章 and 节 with their article ranges', async () => {
    const law = data(await anon('laws.law', { key: 'criminal-law' }));
    expect(law).toMatchObject({ key: 'criminal-law', title: '中华人民共和国刑法', articles: [] });
    expect(law.toc.map((n) => n.label)).toEqual(['第一编 总则', '第二编 分则', '附则']);
    const general = law.toc[0];
    expect(general).toMatchObject({
      level: 'part',
      first: { id: '1', label: '第一条' },
      articles: [],
    });
    const property = law.toc[1].children.find((c) => c.label === '第五章 侵犯财产罪');
    expect(property).toMatchObject({
      level: 'chapter',
      first: { id: '263', label: '第二百六十三条' },
      last: { id: '276-1', label: '第二百七十六条之一' },
    });
    expect(property?.articles.map((a) => a.id)).toContain('264');
    expect(property?.count).toBe(property?.articles.length);
    // 第三章 破坏社会主义市场经济秩序罪 has 节; their articles are in them, not in the chapter.
    const economic = law.toc[1].children.find((c) => c.label.startsWith('第三章'));
    expect(economic?.children[0]).toMatchObject({
      level: 'section',
      label: expect.stringMatching(/^第一节/),
    });
    expect(economic?.articles).toEqual([]);
    // Every article is in exactly one unit.
    const all = (nodes: LawTocNode[]): string[] =>
      nodes.flatMap((n) => [...n.articles.map((a) => a.id), ...all(n.children)]);
    expect(all(law.toc)).toHaveLength(law.articleCount);
    expect(new Set(all(law.toc)).size).toBe(law.articleCount);
  });

  test('When a law has no units, then its articles are listed directly; 宪法 has its 序言', async () => {
    const assessors = data(await anon('laws.law', { key: 'people-assessors' }));
    expect(assessors.toc).toEqual([]);
    expect(assessors.articles).toHaveLength(assessors.articleCount);
    const constitution = data(await anon('laws.law', { key: 'constitution' }));
    expect(constitution.preamble.length).toBeGreaterThan(5);
  });

  test('When the law is unknown or its key malformed, then NOT_FOUND or the field named', async () => {
    expect(await anon('laws.law', { key: 'xingfa' })).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: '未找到该法律法规' },
    });
    expect(await anon('laws.law', {})).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', issues: [{ path: 'key', message: '请选择法律法规' }] },
    });
  });
});

describe('laws.article', () => {
  test('When anyone opens 刑法第二百六十四条, then its text, place, neighbours and chapter come with it', async () => {
    const a = data(await anon('laws.article', { key: 'criminal-law', article: '264' }));
    expect(a).toMatchObject({
      id: '264',
      label: '第二百六十四条',
      lawKey: 'criminal-law',
      lawTitle: '中华人民共和国刑法',
      path: ['第二编 分则', '第五章 侵犯财产罪'],
      pathText: '第二编 分则 第五章 侵犯财产罪',
      deleted: false,
      prev: { id: '263', label: '第二百六十三条' },
      next: { id: '265', label: '第二百六十五条' },
    });
    expect(a.paragraphs[0].text).toMatch(/^盗窃公私财物/);
    expect(a.text).toMatch(/^《中华人民共和国刑法》第二百六十四条 盗窃公私财物/);
    expect(a.unit?.label).toBe('第五章 侵犯财产罪');
    expect(a.unit?.articles.filter((x) => x.current)).toEqual([
      { id: '264', label: '第二百六十四条', current: true },
    ]);
    expect(a.unit?.articles.map((x) => x.id)).toEqual(
      expect.arrayContaining(['263', '265', '276-1']),
    );
  });

  test('When an article has items, then they come under their paragraph; a 之一 article is found by 17-1', async () => {
    const a = data(await anon('laws.article', { key: 'state-compensation', article: '17' }));
    expect(a.paragraphs[0].items.length).toBeGreaterThanOrEqual(5);
    expect(a.paragraphs[0].items[0]).toMatch(/^（一）/);
    const suffix = data(await anon('laws.article', { key: 'criminal-law', article: '17-1' }));
    expect(suffix).toMatchObject({ label: '第十七条之一', prev: { id: '17' }, next: { id: '18' } });
  });

  test('When the first or last article is opened, then there is no previous or next one', async () => {
    const first = data(await anon('laws.article', { key: 'state-compensation', article: '1' }));
    expect(first.prev).toBeNull();
    const last = data(await anon('laws.article', { key: 'state-compensation', article: '42' }));
    expect(last.next).toBeNull();
  });

  test('When a law has no units, then the article has no unit, only its neighbours', async () => {
    const a = data(await anon('laws.article', { key: 'people-assessors', article: '2' }));
    expect(a).toMatchObject({ path: [], pathText: '', unit: null, prev: { id: '1' } });
  });

  test('When the law or the article is unknown, then NOT_FOUND says which', async () => {
    expect(await anon('laws.article', { key: 'no-such-law', article: '1' })).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: '未找到该法律法规' },
    });
    expect(await anon('laws.article', { key: 'criminal-law', article: '999' })).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: '未找到该条文' },
    });
  });

  test('When the article id is malformed, then the field is named', async () => {
    for (const article of ['第264条', '0', '264-', 'abc']) {
      expect(await anon('laws.article', { key: 'criminal-law', article })).toMatchObject({
        ok: false,
        error: {
          code: 'BAD_REQUEST',
          issues: [{ path: 'article', message: '条文编号格式不正确，应如264或17-1' }],
        },
      });
    }
  });
});

test('When a citizen or staff member calls, then the answers are the same as for nobody', async () => {
  const q = { q: '国家赔偿 请求时效', pageSize: 3 };
  const nobody = data(await anon('laws.search', q));
  expect(data(await t.call('laws', 'laws.search', q, DEMO.citizen))).toEqual(nobody);
  expect(data(await t.call('laws', 'laws.search', q, DEMO.handler))).toEqual(nobody);
});
