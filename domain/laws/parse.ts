// The laws library's parser (#7): one Markdown law file of data/laws (LawRefBook/Laws, see
// data/laws/MANIFEST.md) into its title, version and articles, each with its place in the
// structure (编, 分编, 章, 节), number (之一 articles too), paragraphs (款) and items (项). Pure.
//
// The file's skeleton: `# title` (民法典: a second H1 with the 编), the header block of dated
// events, `<!-- INFO END -->`, then headings and articles. Every irregularity the MANIFEST lists is
// handled here (numbers refer to its list):
//   1  `第一百二十八 条…` (space inside the header): the header pattern allows spaces before 条
//   2  a chapter title continued on the next, unmarked line (刑事诉讼法 第四章): joined; a bare
//      `附则` paragraph (刑事诉讼法): a heading
//   3  an empty `##` (民法典/08_附则): ignored, the 编 comes from the second H1
//   4  `（删去）` placeholders: kept, marked `deleted`
//   5  之X articles: keyed by (number, suffix)
//   6  序言 and the 刑事赔偿 interpretation's preamble: `preamble`; `<!-- … -->` lines: skipped;
//      刑法 附则's unnumbered paragraphs: paragraphs of 第四百五十二条, its `①` footnote: `notes`;
//      刑法 附件一/二: `appendices`, not articles
//   7  U+200B removed before anything else; U+3000, U+2002 and other Unicode spaces trimmed
//   8  header lines without blank lines between them, a stray closing `）`, `<…>` for `〈…〉`,
//      an empty block, no 施行 line: tolerated; the version date comes from the file name's
//      `(YYYY-MM-DD)`, else from the last dated header line
//   9  items `（一）…` and the 宪法's bare list lines (`委员长，`) after a paragraph ending in `：`

const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000, 万: 10000 };

/** Chinese numeral characters an article or unit number is written with. */
export const CN_NUMERAL = '[零〇一二两三四五六七八九十百千万]';

/** 一千二百六十 → 1260, 十七 → 17, 一百零五 → 105; null when `text` is no Chinese numeral. */
export function cnToInt(text: string): number | null {
  if (!text || !new RegExp(`^${CN_NUMERAL}+$`).test(text)) return null;
  let total = 0;
  let section = 0;
  let digit = -1;
  for (const ch of text) {
    if (ch in DIGITS) {
      digit = DIGITS[ch];
    } else {
      const unit = UNITS[ch];
      if (unit === 10000) {
        section = (section + Math.max(digit, 0)) * unit;
        total += section;
        section = 0;
      } else {
        section += (digit < 0 ? 1 : digit) * unit;
      }
      digit = -1;
    }
  }
  return total + section + Math.max(digit, 0);
}

const CN_DIGITS = '零一二三四五六七八九';

/** 1260 → 一千二百六十, 17 → 十七, 105 → 一百零五 (0 < n < 100000). */
export function intToCn(n: number): string {
  if (!Number.isInteger(n) || n <= 0 || n >= 100000) return String(n);
  const units = ['', '十', '百', '千', '万'];
  const digits = String(n).split('').map(Number);
  let out = '';
  let zero = false;
  digits.forEach((d, i) => {
    const unit = units[digits.length - 1 - i];
    if (d === 0) {
      zero = out.length > 0;
      return;
    }
    if (zero) out += '零';
    zero = false;
    out += (d === 1 && unit === '十' && out === '' ? '' : CN_DIGITS[d]) + unit;
  });
  return out;
}

/** The place of an article in its law's structure, each unit as `第一章 总则` (or `附则`). */
export interface LawPath {
  part?: string;
  subpart?: string;
  chapter?: string;
  section?: string;
}

export interface Article {
  /** URL-safe and stable within the law: `10`, `10-1` for 第十条之一. */
  id: string;
  /** The article's integer number (之一 articles share their base article's). */
  number: number;
  /** 之一 → 1, 之二 → 2; 0 for a plain article. */
  suffix: number;
  /** As written in the law: `第十条之一`. */
  label: string;
  path: LawPath;
  /** The paragraphs (款), the first without its label. */
  paragraphs: string[];
  /** Per paragraph, its items (项), `（一）…` as written; present when the article has any. */
  items?: string[][];
  /** A deleted article kept as a placeholder (`（删去）`). */
  deleted?: boolean;
}

/** One dated event of the header block (`2018年10月26日 第十三届…第三次修正`). */
export interface LawEvent {
  /** YYYY-MM-DD, or null when the line has no leading date. */
  date: string | null;
  text: string;
}

export interface LawFile {
  /** The first H1. */
  title: string;
  /** The second H1 of a 民法典 file (`物权编`, `附则`). */
  book?: string;
  /** The version date (YYYY-MM-DD): the file name's, else the last dated header line's. */
  version: string | null;
  /** The last line of the header block as stated (empty when the block is). */
  versionText: string;
  /** The date of a `YYYY年M月D日 施行` header line, when there is one. */
  effective?: string;
  events: LawEvent[];
  articles: Article[];
  /** Unnumbered paragraphs before the first article (宪法 序言, an interpretation's preamble). */
  preamble?: string[];
  /** Footnotes (`① …`). */
  notes?: string[];
  /** Attachments that are not articles (刑法 附件一, 附件二). */
  appendices?: { title: string; paragraphs: string[] }[];
}

const ARTICLE = new RegExp(
  `^第(${CN_NUMERAL}+)\\s*条(?:之(${CN_NUMERAL}+))?(?:\\s+|(?=\\S)|$)(.*)$`,
  'u',
);
const UNIT = new RegExp(`^第(${CN_NUMERAL}+)(编|分编|章|节)(?:\\s+|$)?(.*)$`, 'u');
const ITEM = new RegExp(`^[（(]${CN_NUMERAL}+[）)]`, 'u');
const FILE_DATE = /\((\d{4}-\d{2}-\d{2})\)/;
const EVENT = /^(\d{4})年(\d{1,2})月(\d{1,2})日\s*(.*)$/u;
const FOOTNOTE = /^[①②③④⑤⑥⑦⑧⑨⑩]/u;
/** Unnumbered headings that may stand as a bare paragraph (刑事诉讼法's 附则). */
const BARE_HEADINGS = new Set(['附则']);

/** Trims every Unicode space (U+3000, U+2002, …), which String#trim mostly does, plus U+200B. */
function clean(line: string): string {
  return line.replace(/[\u200b\ufeff]/g, '').replace(/^\s+|\s+$/gu, '');
}

/** A heading's text: Unicode spaces collapsed, none between two Han characters (`总 则` → `总则`). */
export function headingText(text: string): string {
  return clean(text)
    .replace(/\s+/gu, ' ')
    .replace(/(\p{Script=Han}) (?=\p{Script=Han})/gu, '$1');
}

/** `第一章 总则` from the unit and title (no title: `第一章`). */
function unitLabel(numeral: string, unit: string, title: string): string {
  const t = headingText(title);
  return t ? `第${numeral}${unit} ${t}` : `第${numeral}${unit}`;
}

/** Whether a line ends like running text (so it is no continued heading title). */
function endsLikeText(line: string): boolean {
  return /[。；：，、！？.;:,]$/u.test(line);
}

export function articleId(number: number, suffix: number): string {
  return suffix > 0 ? `${number}-${suffix}` : String(number);
}

function headerEvent(line: string): LawEvent {
  let text = line;
  // A stray closing bracket at the end (民事诉讼法, 监察法).
  const opens = (text.match(/[（(]/g) ?? []).length;
  const closes = (text.match(/[）)]/g) ?? []).length;
  if (closes > opens && /[）)]$/.test(text)) text = text.slice(0, -1);
  // Half-width <…> inside 《…》 stands for 〈…〉.
  text = text.replace(/<([^<>]*)>/g, '〈$1〉');
  const m = EVENT.exec(text);
  if (!m) return { date: null, text };
  const date = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  return { date, text };
}

/**
 * Parses one law file. `fileName` (just the name, e.g. `刑事诉讼法(2018-10-26).md`) supplies the
 * version date when it has one.
 */
export function parseLawFile(source: string, fileName = ''): LawFile {
  const lines = source
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.replace(/[\u200b\ufeff]/g, ''));
  const h1: string[] = [];
  const headerLines: string[] = [];
  let i = 0;
  const marker = lines.findIndex((l) => clean(l) === '<!-- INFO END -->');
  // Header: H1s and the dated lines, up to the marker (or, without one, the first heading or article).
  for (; i < lines.length; i++) {
    const line = clean(lines[i]);
    if (marker >= 0 ? i >= marker : /^#{2,}/.test(line) || ARTICLE.test(line)) break;
    if (!line) continue;
    const h = /^#\s+(.*)$/u.exec(line);
    if (h) h1.push(headingText(h[1]));
    else if (!/^<!--.*-->$/.test(line)) headerLines.push(line);
  }
  if (marker >= 0) i = marker + 1;

  const events = headerLines.map(headerEvent);
  const fromName = FILE_DATE.exec(fileName)?.[1] ?? null;
  const isEffective = (e: LawEvent) => /^\d{4}年\d{1,2}月\d{1,2}日\s*施行$/u.test(e.text);
  const lastDated =
    [...events].reverse().find((e) => e.date && !isEffective(e))?.date ??
    [...events].reverse().find((e) => e.date)?.date ??
    null;
  const effective = events.find(isEffective)?.date;
  const file: LawFile = {
    title: h1[0] ?? '',
    version: fromName ?? lastDated,
    versionText: events.length ? events[events.length - 1].text : '',
    events,
    articles: [],
  };
  if (h1.length > 1) file.book = h1[1];
  if (effective) file.effective = effective;

  const path: LawPath = {};
  let hasParts = false;
  // Set inside the closures below too: typed wide so the loop's checks are not narrowed away.
  let mode = 'body' as 'body' | 'preamble' | 'appendix';
  let current: Article | null = null;
  /** The heading just read, while its title may continue on the next line (irregularity 2). */
  let openHeading: keyof LawPath | null = null;
  /** Bare list lines (宪法) continue while the previous one ended with `，`. */
  let inList = false;

  const setUnit = (key: keyof LawPath, label: string) => {
    const order: (keyof LawPath)[] = ['part', 'subpart', 'chapter', 'section'];
    for (const k of order.slice(order.indexOf(key))) delete path[k];
    path[key] = label;
  };
  const unnumberedHeading = (title: string) => {
    current = null;
    openHeading = null;
    if (title === '序言') {
      mode = 'preamble';
      return;
    }
    if (/^附件/.test(title)) {
      mode = 'appendix';
      (file.appendices ??= []).push({ title, paragraphs: [] });
      return;
    }
    mode = 'body';
    // 附则 and the like stand beside the 编 in a law that has them, else beside the 章.
    setUnit(hasParts ? 'part' : 'chapter', title);
  };

  for (; i < lines.length; i++) {
    const line = clean(lines[i]);
    if (!line) continue;
    if (/^<!--.*-->$/.test(line)) continue;

    const heading = /^#{2,}\s*(.*)$/u.exec(line);
    if (heading) {
      const text = headingText(heading[1]);
      if (!text) continue; // an empty `##` (民法典/08_附则)
      const unit = UNIT.exec(text);
      if (!unit) {
        unnumberedHeading(text);
        continue;
      }
      mode = 'body';
      current = null;
      const key: keyof LawPath =
        unit[2] === '编'
          ? 'part'
          : unit[2] === '分编'
            ? 'subpart'
            : unit[2] === '章'
              ? 'chapter'
              : 'section';
      if (key === 'part') hasParts = true;
      setUnit(key, unitLabel(unit[1], unit[2], unit[3]));
      openHeading = key;
      continue;
    }

    if (mode === 'appendix') {
      file.appendices?.[file.appendices.length - 1].paragraphs.push(line);
      continue;
    }

    const art = ARTICLE.exec(line);
    if (art) {
      const number = cnToInt(art[1]) ?? 0;
      const suffix = art[2] ? (cnToInt(art[2]) ?? 0) : 0;
      const label = `第${art[1]}条${art[2] ? `之${art[2]}` : ''}`;
      const first = clean(art[3]);
      current = {
        id: articleId(number, suffix),
        number,
        suffix,
        label,
        path: { ...path },
        paragraphs: [first],
      };
      if (/^[（(]删去[）)]$/.test(first)) current.deleted = true;
      file.articles.push(current);
      mode = 'body';
      openHeading = null;
      inList = false;
      continue;
    }

    if (BARE_HEADINGS.has(headingText(line).replace(/ /g, ''))) {
      unnumberedHeading(headingText(line).replace(/ /g, ''));
      continue;
    }

    if (openHeading && !current && !endsLikeText(line) && line.length <= 30) {
      // The heading's title continues on this line.
      path[openHeading] = `${path[openHeading]}${headingText(line)}`;
      continue;
    }
    openHeading = null;

    if (FOOTNOTE.test(line)) {
      (file.notes ??= []).push(line);
      continue;
    }

    if (!current || mode === 'preamble') {
      (file.preamble ??= []).push(line);
      continue;
    }

    const paragraphs: string[] = current.paragraphs;
    const last = paragraphs[paragraphs.length - 1];
    const lastItems = current.items?.[paragraphs.length - 1] ?? [];
    const lastLine = lastItems.length ? lastItems[lastItems.length - 1] : last;
    const isItem =
      ITEM.test(line) ||
      // A bare list (宪法 第六十五条: `委员长，` …): after `：`, while lines end with `，`.
      (/[：:]$/.test(last) && lastItems.length === 0 && /，$/.test(line)) ||
      (inList && /，$/.test(lastLine));
    if (isItem) {
      inList = !ITEM.test(line) && /，$/.test(line);
      if (!current.items) current.items = paragraphs.map(() => []);
      current.items[paragraphs.length - 1].push(line);
      continue;
    }
    inList = false;
    paragraphs.push(line);
    current.items?.push([]);
  }

  // Path of a file whose 编 is only its second H1 (民法典): set by mergeLawFiles.
  return file;
}

export interface Law {
  key: string;
  title: string;
  version: string | null;
  versionText: string;
  effective?: string;
  events: LawEvent[];
  articles: Article[];
  preamble?: string[];
  notes?: string[];
  appendices?: { title: string; paragraphs: string[] }[];
}

/**
 * One law from its files in order: a law in one file as parsed; a law split over several (民法典)
 * with the 编 of each file (its second H1) as the articles' `part`: `第七编 侵权责任` for
 * `侵权责任编`, `第一编 总则` for `总则`, and `附则` as it stands.
 */
export function mergeLawFiles(key: string, files: LawFile[]): Law {
  if (files.length === 0) throw new Error(`law ${key}: no files`);
  const first = files[0];
  const law: Law = {
    key,
    title: first.title,
    version: first.version,
    versionText: first.versionText,
    events: first.events,
    articles: [],
  };
  const effective = files.find((f) => f.effective)?.effective;
  if (effective) law.effective = effective;
  let partNo = 0;
  for (const f of files) {
    let part: string | undefined;
    if (files.length > 1 && f.book) {
      if (f.book === '附则') part = '附则';
      else part = `第${intToCn(++partNo)}编 ${f.book.replace(/编$/, '')}`;
    }
    for (const a of f.articles) {
      law.articles.push(part ? { ...a, path: { part, ...a.path } } : a);
    }
    if (f.preamble) (law.preamble ??= []).push(...f.preamble);
    if (f.notes) (law.notes ??= []).push(...f.notes);
    if (f.appendices) (law.appendices ??= []).push(...f.appendices);
  }
  return law;
}

/** The full text of an article as one string: label, paragraphs and their items, newline-separated. */
export function articleText(a: Article): string {
  const out: string[] = [];
  a.paragraphs.forEach((p, i) => {
    out.push(i === 0 ? `${a.label} ${p}` : p);
    for (const item of a.items?.[i] ?? []) out.push(item);
  });
  return out.join('\n');
}
