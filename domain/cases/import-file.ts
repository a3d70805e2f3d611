// Reading a case import file into records shaped like case.save's fields (typings/cases.ts
// `caseFields`), which the function then validates row by row. Pure: no I/O.
//
// Two formats, told apart by the first character (after a byte-order mark and spaces):
//
// - a JSON array of objects with case.save's fields (`caseNumber`, `cause`, `acceptedOn`,
//   `timeLimit`, `handlingUnit`, `stage`, `result`, `parties` [{name, role, age, sentenceMonths,
//   recidivist}], `measures` [{partyName, measure, from, to}], `flags` {juvenile, stateSecret,
//   commercialSecret, privacy, sensitiveKind}); `measures` and `flags` may be left out;
// - CSV (UTF-8, RFC 4180 quoting, comma separated, a header row naming the columns in any order):
//
//   | column       | required | content                                                              |
//   |--------------|----------|----------------------------------------------------------------------|
//   | caseNumber   | yes      | 京朝检刑诉受〔2024〕110105000001号 (any bracket style)                    |
//   | cause        | yes      | 案由                                                                 |
//   | acceptedOn   | yes      | YYYY-MM-DD                                                           |
//   | timeLimit    | yes      | YYYY-MM-DD                                                           |
//   | handlingUnit | yes      | 办案组织                                                             |
//   | stage        | yes      | 办案进程                                                             |
//   | result       | no       | 处理结果 (empty: none yet)                                           |
//   | parties      | yes      | `name:role[:age[:sentenceMonths[:recidivist]]]` joined by `;`, e.g. `张三:suspect:35;李四:victim` (roles as typings/cases.ts PARTY_ROLES; recidivist `yes`/`no`) |
//   | measures     | no       | `partyName:measure:from[:to]` joined by `;`, e.g. `张三:取保候审:2024-03-01:2025-02-28` |
//   | flags        | no       | `juvenile`, `stateSecret`, `commercialSecret`, `privacy`, `kind:<SENSITIVE_KINDS value>` joined by `|`, e.g. `juvenile|privacy` |
//
// Values that do not fit (an unknown role or flag, a non-number age) are passed on as they are
// written, so the schema names the field; only the shape of a cell is decided here.

export const CSV_COLUMNS = [
  'caseNumber',
  'cause',
  'acceptedOn',
  'timeLimit',
  'handlingUnit',
  'stage',
  'result',
  'parties',
  'measures',
  'flags',
] as const;
export const REQUIRED_CSV_COLUMNS = [
  'caseNumber',
  'cause',
  'acceptedOn',
  'timeLimit',
  'handlingUnit',
  'stage',
  'parties',
] as const;

export type ImportFile = { ok: true; rows: unknown[] } | { ok: false; message: string };

/** Splits CSV text into rows of cells (RFC 4180: quotes, doubled quotes, CRLF or LF). */
export function parseCsv(text: string): string[][] | null {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      cell += c;
      i++;
      continue;
    }
    if (c === '"' && cell === '') {
      quoted = true;
    } else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      if (c === '\r' && text[i + 1] === '\n') i++;
    } else {
      cell += c;
    }
    i++;
  }
  if (quoted) return null;
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  // Blank lines are not records.
  return rows.filter((r) => r.some((c) => c.trim() !== ''));
}

function numberOrText(v: string | undefined): number | string | undefined {
  if (v === undefined || v.trim() === '') return undefined;
  const t = v.trim();
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : t;
}

function booleanOrText(v: string | undefined): boolean | string {
  const t = (v ?? '').trim().toLowerCase();
  if (t === '' || t === 'no' || t === 'false' || t === '否' || t === '0') return false;
  if (t === 'yes' || t === 'true' || t === '是' || t === '1') return true;
  return t;
}

function list(cell: string | undefined, sep: string): string[] {
  return (cell ?? '')
    .split(sep)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** `张三:suspect:35;李四:victim` → party objects (full-width colons and semicolons accepted). */
export function partiesOfCell(cell: string | undefined): unknown[] {
  return list(cell?.replace(/；/g, ';'), ';').map((item) => {
    const [name, role, age, sentenceMonths, recidivist] = item
      .replace(/：/g, ':')
      .split(':')
      .map((s) => s.trim());
    const party: Record<string, unknown> = { name, role, recidivist: booleanOrText(recidivist) };
    const a = numberOrText(age);
    if (a !== undefined) party.age = a;
    const s = numberOrText(sentenceMonths);
    if (s !== undefined) party.sentenceMonths = s;
    return party;
  });
}

/** `张三:取保候审:2024-03-01:2025-02-28` → measure objects. */
export function measuresOfCell(cell: string | undefined): unknown[] {
  return list(cell?.replace(/；/g, ';'), ';').map((item) => {
    const [partyName, measure, from, to] = item
      .replace(/：/g, ':')
      .split(':')
      .map((s) => s.trim());
    const m: Record<string, unknown> = { partyName, measure, from };
    if (to) m.to = to;
    return m;
  });
}

/** `juvenile|privacy|kind:terrorism` → the flags object; an unknown word is kept as a key so the schema names it. */
export function flagsOfCell(cell: string | undefined): Record<string, unknown> {
  const flags: Record<string, unknown> = {};
  for (const word of list(cell?.replace(/｜/g, '|'), '|')) {
    const kind = /^kind[:：](.+)$/.exec(word);
    if (kind) flags.sensitiveKind = kind[1].trim();
    // A known flag, or an unknown word the strict schema then names (flags.<word>).
    else flags[word] = true;
  }
  return flags;
}

function csvRows(text: string): ImportFile {
  const table = parseCsv(text);
  if (!table) return { ok: false, message: '导入文件格式不正确：引号没有闭合' };
  if (table.length === 0) return { ok: false, message: '导入文件是空的' };
  const header = table[0].map((h) => h.trim());
  const unknown = header.filter((h) => !(CSV_COLUMNS as readonly string[]).includes(h));
  if (unknown.length > 0) {
    return { ok: false, message: `导入文件的表头有不支持的列：${unknown.join('、')}` };
  }
  const missing = REQUIRED_CSV_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    return { ok: false, message: `导入文件的表头缺少列：${missing.join('、')}` };
  }
  const rows = table.slice(1).map((cells) => {
    const at = (col: string) => {
      const i = header.indexOf(col);
      return i < 0 ? undefined : cells[i];
    };
    const row: Record<string, unknown> = {
      caseNumber: at('caseNumber'),
      cause: at('cause'),
      acceptedOn: at('acceptedOn')?.trim(),
      timeLimit: at('timeLimit')?.trim(),
      handlingUnit: at('handlingUnit'),
      stage: at('stage'),
      parties: partiesOfCell(at('parties')),
      measures: measuresOfCell(at('measures')),
      flags: flagsOfCell(at('flags')),
    };
    const result = at('result');
    if (result !== undefined && result.trim() !== '') row.result = result;
    return row;
  });
  return { ok: true, rows };
}

function jsonRows(text: string): ImportFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, message: '导入文件不是有效的JSON' };
  }
  if (!Array.isArray(parsed)) return { ok: false, message: '导入的JSON应为案件的数组' };
  return {
    ok: true,
    rows: parsed.map((r: unknown) =>
      r && typeof r === 'object' && !Array.isArray(r)
        ? { measures: [], flags: {}, ...(r as Record<string, unknown>) }
        : r,
    ),
  };
}

/** The records of an import file's text, or why it cannot be read at all. */
export function readImportFile(text: string): ImportFile {
  const body = text.replace(/^\uFEFF/, '');
  return body.trimStart().startsWith('[') ? jsonRows(body) : csvRows(body);
}
