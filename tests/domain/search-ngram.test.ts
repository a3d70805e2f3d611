// The Chinese keyword search's pure part: normalisation, terms, ranking and highlighting.
import {
  highlight,
  indexTerms,
  matchesAll,
  normalise,
  parseQuery,
  score,
  statsOf,
  terms,
  tokens,
} from '../../domain/search/ngram';

describe('normalise', () => {
  test('When text has full-width letters, digits, upper case and punctuation, then it is NFKC, lower case, punctuation as spaces', () => {
    expect(normalise('ＡＢＣ１２３，人民检察院！Hello—World')).toBe(
      'abc123 人民检察院 hello world',
    );
    expect(normalise('  《刑法》第二百六十四条  ')).toBe('刑法 第二百六十四条');
  });
});

describe('terms', () => {
  test('When a text has Han runs, words and numbers, then Han runs give bigrams and words stay whole', () => {
    expect(terms('人民检察院 2023年 ABC')).toEqual([
      '人民',
      '民检',
      '检察',
      '察院',
      '2023',
      '年',
      'abc',
    ]);
  });

  test('When punctuation separates Han characters, then no bigram crosses it', () => {
    expect(terms('盗窃，电动车')).toEqual(['盗窃', '电动', '动车']);
    expect(indexTerms('张某、李某')).toEqual(['张某', '李某']);
  });

  test('When the masks of redaction appear (××, ***), then they are no terms', () => {
    expect(terms('住北京市××，电话***********')).toEqual(['住北', '北京', '京市', '电话']);
  });

  test('When a token is found, then its range is in the original text (full-width kept)', () => {
    const text = '案号：京检刑诉受〔２０２３〕号';
    const t = tokens(text).find((x) => x.term === '2023');
    expect(t && text.slice(t.start, t.end)).toBe('２０２３');
  });

  test('When a word is very long, then it is cut to 20 characters', () => {
    expect(terms('x'.repeat(40))).toEqual(['x'.repeat(20)]);
  });

  test('When a Han character stands alone, then it is a term by itself', () => {
    expect(terms('判处缓 刑')).toEqual(['判处', '处缓', '刑']);
  });
});

describe('parseQuery', () => {
  test('When a query has words and a long Han run, then its terms are distinct and its phrases kept', () => {
    const q = parseQuery('交通肇事 交通 逃逸');
    expect(q.terms).toEqual(['交通', '通肇', '肇事', '逃逸']);
    expect(q.phrases.map((p) => p.text)).toEqual(['交通肇事']);
  });

  test('When a query is only punctuation, then it has no terms', () => {
    expect(parseQuery('，。！').terms).toEqual([]);
  });
});

const DOCS = [
  '被告人张某驾驶机动车违反交通运输管理法规，发生重大事故，构成交通肇事罪。',
  '被告人李某以非法占有为目的，多次盗窃他人电动自行车，数额较大，构成盗窃罪。',
  '经审查，交通部门的事故认定书显示，肇事车辆已经报废；本案事实不清。',
  '被不起诉人王某盗窃电动车一辆，情节轻微，决定不起诉。交通肇事部分另案处理。',
];

describe('score', () => {
  const stats = statsOf(DOCS);

  test('When a document holds the query as a phrase, then it ranks above one holding its bigrams apart', () => {
    const q = parseQuery('交通肇事');
    const scores = DOCS.map((d) => score(d, q, stats));
    expect(scores[0]).toBeGreaterThan(scores[2]);
    expect(scores[3]).toBeGreaterThan(scores[2]);
    expect(scores[1]).toBe(0);
  });

  test('When a term is rare, then it weighs more than a common one', () => {
    const rare = score(DOCS[1], parseQuery('数额'), stats);
    const common = score(DOCS[1], parseQuery('被告'), stats);
    expect(rare).toBeGreaterThan(common);
  });

  test('When a query has several words, then the document with all of them ranks first', () => {
    const q = parseQuery('盗窃 电动车');
    const ranked = DOCS.map((d, i) => ({ i, s: score(d, q, stats) })).sort((a, b) => b.s - a.s);
    expect(ranked[0].i).toBe(3);
    expect(matchesAll(DOCS[3], q)).toBe(true);
    expect(matchesAll(DOCS[1], q)).toBe(false); // 电动自行车 has no 动车
  });

  test('When the query is empty, then the score is 0', () => {
    expect(score(DOCS[0], parseQuery(''), stats)).toBe(0);
  });
});

describe('highlight', () => {
  test('When the query matches, then the matched characters are between 【】 in a short excerpt', () => {
    expect(highlight(DOCS[0], '交通肇事')).toBe(
      '被告人张某驾驶机动车违反【交通】运输管理法规，发生重大事故，构成【交通肇事】罪。',
    );
  });

  test('When matches are apart, then each is marked, adjacent ones merged', () => {
    const h = highlight(DOCS[3], '盗窃 电动车');
    expect(h).toContain('【盗窃电动车】');
  });

  test('When the text is long, then the excerpt is cut around the densest matches with …', () => {
    const text = `${'前言'.repeat(100)}本院认为，被告人构成交通肇事罪。${'后记'.repeat(100)}`;
    const h = highlight(text, '交通肇事', 30) as string;
    expect(h.startsWith('…')).toBe(true);
    expect(h.endsWith('…')).toBe(true);
    expect(h).toContain('【交通肇事】');
    expect(h.replace(/[【】…]/g, '').length).toBeLessThanOrEqual(30);
  });

  test('When full-width text matches a half-width query, then the original characters are marked', () => {
    expect(highlight('案发于２０２３年', '2023')).toBe('案发于【２０２３】年');
  });

  test('When nothing matches, then there is no highlight', () => {
    expect(highlight(DOCS[0], '抗诉')).toBeNull();
    expect(highlight(DOCS[0], '')).toBeNull();
  });
});
