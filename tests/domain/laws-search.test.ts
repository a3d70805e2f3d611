// The laws library's search (#7) over the whole corpus of data/laws: query parsing, article
// references, law filters, highlighting, and the quality on the labelled queries of
// fixtures/law-queries.ts (printed; at least 90 % with a right article in the first 3).
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { CATALOGUE } from '../../domain/laws/catalogue';
import { mergeLawFiles, parseLawFile, type Law } from '../../domain/laws/parse';
import {
  buildIndex,
  decodePostings,
  parseLawQuery,
  searchLaws,
  type LawIndex,
} from '../../domain/laws/search';
import { LAW_QUERIES } from './fixtures/law-queries';

const DIR = join(__dirname, '..', '..', 'data', 'laws');

let laws: Law[];
let index: LawIndex;

beforeAll(() => {
  laws = CATALOGUE.map((e) =>
    mergeLawFiles(
      e.key,
      e.files.map((f) => parseLawFile(readFileSync(join(DIR, f), 'utf8'), basename(f))),
    ),
  );
  index = buildIndex(laws);
});

describe('the index', () => {
  test('When the corpus is indexed, then every article is a document and postings decode to ascending ordinals', () => {
    expect(index.docs).toBe(laws.reduce((n, l) => n + l.articles.length, 0));
    expect(index.lengths).toHaveLength(index.docs);
    const { ids, tfs } = decodePostings(index.postings['时效']);
    expect(ids.length).toBeGreaterThan(10);
    expect(ids.every((n, i) => i === 0 || n > ids[i - 1])).toBe(true);
    expect(tfs.every((t) => t >= 1)).toBe(true);
  });
});

describe('parseLawQuery', () => {
  test('When a query names a law and an article, then the law and the reference are taken out of the words', () => {
    expect(parseLawQuery('刑事诉讼法第三十七条')).toMatchObject({
      lawKeys: ['criminal-procedure'],
      refs: [{ number: 37, suffix: 0 }],
      clauses: [],
    });
    expect(parseLawQuery('刑法第十七条之一').refs).toEqual([{ number: 17, suffix: 1 }]);
    expect(parseLawQuery('刑法264条')).toMatchObject({
      lawKeys: ['criminal-law'],
      refs: [{ number: 264, suffix: 0 }],
    });
  });

  test('When a query has digits, then a variant has them in Chinese numerals (2 also as 两)', () => {
    const q = parseLawQuery('未满18周岁 2年');
    expect(q.clauses[0]).toContain('未满十八周岁');
    expect(q.clauses[1]).toEqual(expect.arrayContaining(['二年', '两年']));
  });

  test('When a query asks a question, then the question words are dropped', () => {
    expect(parseLawQuery('怎么申请法律援助').clauses.map((c) => c[0])).toEqual(['申请法律援助']);
  });
});

describe('searchLaws', () => {
  test('When the query is "国家赔偿 请求时效", then 国家赔偿法第三十九条 comes first, highlighted', () => {
    const [first] = searchLaws(index, laws, '国家赔偿 请求时效');
    expect(first).toMatchObject({ lawKey: 'state-compensation', articleId: '39' });
    expect(first.excerpt).toMatch(/【[^】]*时效[^】]*】/);
  });

  test('When the query is "律师 阅卷", then the articles on reading the case file lead', () => {
    const top = searchLaws(index, laws, '律师 阅卷', { limit: 3 }).map(
      (h) => `${h.lawKey}:${h.articleId}`,
    );
    expect(top).toEqual(
      expect.arrayContaining([expect.stringMatching(/^(criminal-procedure:40|lawyers:34)$/)]),
    );
  });

  test('When a query names a law, then only that law is searched', () => {
    const hits = searchLaws(index, laws, '刑法 盗窃', { limit: 10 });
    expect(hits[0]).toMatchObject({ lawKey: 'criminal-law', articleId: '264' });
    expect(hits.every((h) => h.lawKey === 'criminal-law')).toBe(true);
  });

  test('When the lawKey option is given, then results come from that law only', () => {
    const hits = searchLaws(index, laws, '申诉', { lawKey: 'state-compensation', limit: 5 });
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((h) => h.lawKey === 'state-compensation')).toBe(true);
    expect(searchLaws(index, laws, '申诉', { lawKey: 'no-such-law' })).toEqual([]);
  });

  test('When a query is an article reference, then that article comes first, marked', () => {
    const [first] = searchLaws(index, laws, '刑事诉讼法第三十七条');
    expect(first).toMatchObject({
      lawKey: 'criminal-procedure',
      articleId: '37',
      label: '第三十七条',
      referenced: true,
    });
    const bare = searchLaws(index, laws, '第37条', { lawKey: 'criminal-law' });
    expect(bare[0]).toMatchObject({ lawKey: 'criminal-law', articleId: '37' });
    const any = searchLaws(index, laws, '第37条', { limit: 30 });
    expect(any.filter((h) => h.referenced).length).toBeGreaterThan(5);
    expect(any.every((h) => h.articleId === '37')).toBe(true);
  });

  test('When a query has nothing the corpus holds, then nothing is found', () => {
    expect(searchLaws(index, laws, 'zzqqxx')).toEqual([]);
    expect(searchLaws(index, laws, '，。')).toEqual([]);
  });

  test('When the limit is given, then at most that many results come back', () => {
    expect(searchLaws(index, laws, '人民检察院', { limit: 7 })).toHaveLength(7);
  });
});

describe('quality on the labelled queries', () => {
  test('When the labelled queries run, then at least 90 % have a right article in the first 3 (printed)', () => {
    expect(LAW_QUERIES.length).toBeGreaterThanOrEqual(60);
    let top1 = 0;
    let top3 = 0;
    const misses: string[] = [];
    for (const { q, answers } of LAW_QUERIES) {
      const hits = searchLaws(index, laws, q, { limit: 3 });
      const rank = hits.findIndex((h) =>
        answers.some((x) => x.law === h.lawKey && x.id === h.articleId),
      );
      if (rank === 0) top1++;
      if (rank >= 0) top3++;
      else
        misses.push(
          `  ${q} → ${hits.map((h) => `${h.lawKey}:${h.articleId}`).join(', ') || '(nothing)'}` +
            ` (wanted ${answers.map((x) => `${x.law}:${x.id}`).join(' | ')})`,
        );
    }
    const n = LAW_QUERIES.length;
    console.log(
      `laws search on ${n} labelled queries: top-1 ${((100 * top1) / n).toFixed(1)} % ` +
        `(${top1}/${n}), top-3 ${((100 * top3) / n).toFixed(1)} % (${top3}/${n})` +
        (misses.length ? `\nnot in the first 3:\n${misses.join('\n')}` : ''),
    );
    expect(top3 / n).toBeGreaterThanOrEqual(0.9);
  });

  test('When a label names an article, then the article exists', () => {
    for (const { answers } of LAW_QUERIES) {
      for (const x of answers) {
        const law = laws.find((l) => l.key === x.law);
        expect(law?.articles.some((art) => art.id === x.id)).toBe(true);
      }
    }
  });
});
