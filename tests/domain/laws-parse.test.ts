// The laws library's parser (#7) on the real corpus of data/laws: every law file's article count
// and first and last number against the table of data/laws/MANIFEST.md (read from the manifest
// itself), the structure of known articles, 之一 articles, paragraphs and items, and each
// irregularity the manifest lists.
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { CATALOGUE } from '../../domain/laws/catalogue';
import {
  cnToInt,
  intToCn,
  mergeLawFiles,
  parseLawFile,
  type Law,
  type LawFile,
} from '../../domain/laws/parse';

const DIR = join(__dirname, '..', '..', 'data', 'laws');
const read = (f: string) => readFileSync(join(DIR, f), 'utf8');
const parse = (f: string) => parseLawFile(read(f), basename(f));

/** The manifest's table: file, article count (with the "+1 → N" correction), range. */
function manifestTable(): { file: string; count: number; first: number; last: number }[] {
  const rows: { file: string; count: number; first: number; last: number }[] = [];
  for (const line of read('MANIFEST.md').split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    const file = /^`([^`]+\.md)`$/.exec(cells[1] ?? '')?.[1];
    if (!file || cells.length < 7) continue;
    const countCell = cells[4];
    const corrected = /→\s*(\d+)/.exec(countCell);
    const count = Number(corrected ? corrected[1] : /^(\d+)/.exec(countCell)?.[1]);
    const [first, last] = cells[5].split(/[–-]/).map(Number);
    rows.push({ file, count, first, last });
  }
  return rows;
}

describe('numerals', () => {
  test('When Chinese numerals are converted, then they give the integer and back', () => {
    expect(cnToInt('一千二百六十')).toBe(1260);
    expect(cnToInt('一百零五')).toBe(105);
    expect(cnToInt('十七')).toBe(17);
    expect(cnToInt('二十')).toBe(20);
    expect(cnToInt('abc')).toBeNull();
    for (const n of [1, 10, 17, 20, 105, 110, 264, 1000, 1001, 1260])
      expect(cnToInt(intToCn(n))).toBe(n);
    expect(intToCn(1165)).toBe('一千一百六十五');
    expect(intToCn(17)).toBe('十七');
  });
});

describe('the manifest table', () => {
  const table = manifestTable();

  test('When the manifest is read, then it lists the 28 law files and every one is in the catalogue', () => {
    expect(table).toHaveLength(28);
    const catalogued = CATALOGUE.flatMap((e) => e.files);
    expect(catalogued.sort()).toEqual(table.map((r) => r.file).sort());
  });

  test.each(manifestTable().map((r) => [r.file, r] as const))(
    'When %s is parsed, then its article count, first and last number are the manifest’s',
    (_file, row) => {
      const law = parse(row.file);
      expect(law.articles).toHaveLength(row.count);
      expect(law.articles[0].number).toBe(row.first);
      expect(law.articles[law.articles.length - 1].number).toBe(row.last);
      expect(new Set(law.articles.map((a) => a.id)).size).toBe(law.articles.length);
      expect(law.articles.every((a) => a.paragraphs[0].length > 0)).toBe(true);
    },
  );
});

describe('structure', () => {
  let laws: Map<string, Law>;
  beforeAll(() => {
    laws = new Map(
      CATALOGUE.map((e) => [
        e.key,
        mergeLawFiles(
          e.key,
          e.files.map((f) => parse(f)),
        ),
      ]),
    );
  });
  const art = (key: string, id: string) => {
    const a = laws.get(key)?.articles.find((x) => x.id === id);
    if (!a) throw new Error(`${key}:${id} missing`);
    return a;
  };

  test('When 刑法第二百六十四条 is read, then it sits in 分则, 第五章 侵犯财产罪', () => {
    expect(art('criminal-law', '264')).toMatchObject({
      label: '第二百六十四条',
      number: 264,
      suffix: 0,
      path: { part: '第二编 分则', chapter: '第五章 侵犯财产罪' },
    });
  });

  test('When 民法典第一千一百六十五条 is read, then it is in 第七编 侵权责任, 第一章, and 民法典 numbering runs 1–1260 over its 8 files', () => {
    expect(art('civil-code', '1165')).toMatchObject({
      path: { part: '第七编 侵权责任', chapter: '第一章 一般规定' },
      paragraphs: [
        '行为人因过错侵害他人民事权益造成损害的，应当承担侵权责任。',
        '依照法律规定推定行为人有过错，其不能证明自己没有过错的，应当承担侵权责任。',
      ],
    });
    const code = laws.get('civil-code')!;
    expect(code.articles).toHaveLength(1260);
    expect(code.articles.map((a) => a.number)).toEqual(code.articles.map((_a, i) => i + 1));
    expect(art('civil-code', '205').path).toMatchObject({
      part: '第二编 物权',
      subpart: '第一分编 通则',
      chapter: '第一章 一般规定',
    });
    // U+2002 inside titles: `第二节\u2002\u2002监\u2002\u2002护` → 第二节 监护.
    expect(art('civil-code', '27').path.section).toBe('第二节 监护');
    // The empty `##` of 08_附则: the 编 is its second H1.
    expect(art('civil-code', '1260').path).toEqual({ part: '附则' });
    expect(code.version).toBe('2020-05-28');
    expect(code.effective).toBe('2021-01-01');
  });

  test('When 刑法第十七条之一 is read, then it is keyed by number and suffix', () => {
    expect(art('criminal-law', '17-1')).toMatchObject({
      number: 17,
      suffix: 1,
      label: '第十七条之一',
      path: { part: '第一编 总则', chapter: '第二章 犯罪', section: '第一节 犯罪和刑事责任' },
    });
    const criminal = laws.get('criminal-law')!;
    expect(criminal.articles.filter((a) => a.suffix > 0)).toHaveLength(53);
  });

  test('When 个人信息保护法第十三条 is read, then its first paragraph has the seven items', () => {
    const a = art('personal-information', '13');
    expect(a.paragraphs[0]).toBe('符合下列情形之一的，个人信息处理者方可处理个人信息：');
    expect(a.items?.[0]).toHaveLength(7);
    expect(a.items?.[0][0]).toBe('（一）取得个人的同意；');
    expect(a.paragraphs).toHaveLength(2);
    expect(a.items?.[1]).toEqual([]);
  });

  test('When 宪法第六十五条 is read, then its bare list lines are items of the first paragraph', () => {
    const a = art('constitution', '65');
    expect(a.items?.[0]).toEqual(['委员长，', '副委员长若干人，', '秘书长，', '委员若干人。']);
    expect(a.paragraphs).toHaveLength(4);
  });

  test('When the irregular headers and headings are parsed, then 刑事诉讼法 has 第一百二十八条, the joined chapter title and 附则', () => {
    expect(art('criminal-procedure', '128').paragraphs[0]).toMatch(/^侦查人员对于与犯罪有关的场所/);
    expect(art('criminal-procedure', '298').path.chapter).toBe(
      '第四章 犯罪嫌疑人、被告人逃匿、死亡案件违法所得的没收程序',
    );
    expect(art('criminal-procedure', '307').path.chapter).toBe(
      '第五章 依法不负刑事责任的精神病人的强制医疗程序',
    );
    expect(art('criminal-procedure', '308').path).toEqual({ part: '附则' });
  });

  test('When the non-article text is parsed, then preambles, footnotes and appendices are kept apart', () => {
    const constitution = laws.get('constitution')!;
    expect(constitution.preamble).toHaveLength(13);
    expect(constitution.preamble?.some((p) => p.includes('FORCE BREAK'))).toBe(false);
    const criminal = laws.get('criminal-law')!;
    expect(art('criminal-law', '452').paragraphs).toHaveLength(3);
    expect(criminal.notes).toEqual([expect.stringMatching(/^① 刑法、历次刑法修正案/)]);
    expect(criminal.appendices?.map((x) => x.title)).toEqual(['附件一', '附件二']);
    expect(art('criminal-law', '199')).toMatchObject({ deleted: true, paragraphs: ['（删去）'] });
    const interpretation = laws.get('criminal-compensation-interpretation')!;
    expect(interpretation.preamble?.[0]).toMatch(/^根据国家赔偿法/);
    expect(interpretation.events).toEqual([]);
    expect(interpretation.version).toBe('2015-12-28');
  });

  test('When invisible characters and odd header blocks occur, then they are cleaned', () => {
    const first = art('administrative-reconsideration', '1');
    expect(first.paragraphs.join('')).not.toMatch(/\u200b/);
    for (const law of laws.values()) {
      for (const a of law.articles) {
        for (const p of [...a.paragraphs, ...(a.items ?? []).flat()]) {
          expect(p).not.toMatch(/\u200b|^\s|\s$/u);
        }
      }
    }
    const petition = laws.get('petition-regulation')!;
    expect(petition.events.map((e) => e.date)).toEqual(['2022-01-24', '2022-02-25']);
    expect(petition.title).toBe('信访工作条例');
    const minors = laws.get('minors-protection')!;
    expect(minors.events.every((e) => !/\u3000$/.test(e.text))).toBe(true);
    const compensation = laws.get('state-compensation')!;
    expect(compensation.events.some((e) => /[<>]/.test(e.text))).toBe(false);
    expect(laws.get('constitution')!.version).toBe('2018-03-11');
    expect(laws.get('criminal-law')!.version).toBe('2023-12-29');
  });

  test('When a file has no headings (人民陪审员法), then its articles have an empty path', () => {
    expect(art('people-assessors', '5').path).toEqual({});
  });
});

describe('parseLawFile on small inputs', () => {
  test('When a file has no INFO END marker, then the header ends at the first heading', () => {
    const f: LawFile = parseLawFile(
      '# 测试法\n\n2020年1月2日 通过\n\n## 第一章 总 则\n\n第一条 本法。\n\n第二条 其他。\n',
      '测试法.md',
    );
    expect(f).toMatchObject({ title: '测试法', version: '2020-01-02' });
    expect(f.articles.map((a) => a.path.chapter)).toEqual(['第一章 总则', '第一章 总则']);
  });
});
