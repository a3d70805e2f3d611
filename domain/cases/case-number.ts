// Case numbers of the unified procuratorial case system (统一业务应用系统), e.g.
// 京检刑诉受〔2023〕110000000001号: the procuratorate's short name, 检, the business code
// (刑诉, 刑捕, 未捕, 民监 …), 受, the year in 〔〕 — people also type [], (), （）, 【】 or 〔 〕 with
// spaces — then 12 digits (the 6-digit unit code and a 6-digit sequence) and 号. Parsed leniently
// (full-width digits and brackets, spaces, a missing 号), shown normalised (DOMAIN.md).

export interface CaseNumber {
  /** The procuratorate's short name: 京, 京朝, 沪浦 … */
  unitShort: string;
  /** The business code: 刑诉, 刑捕, 未捕, 民监 … */
  business: string;
  year: number;
  /** The 6-digit code of the procuratorate that registered it. */
  unitCode: string;
  /** The 6-digit sequence within the year. */
  sequence: string;
  /** `京检刑诉受〔2023〕110000000001号` */
  normalised: string;
}

const OPEN = '[〔\\[(（【]';
const CLOSE = '[〕\\])）】]';
const CJK = '\\u3400-\\u4dbf\\u4e00-\\u9fff';
const PATTERN = new RegExp(
  `^([${CJK}]{1,6}?)检([${CJK}]{1,6}?)受?${OPEN}(\\d{4})${CLOSE}(\\d{6})(\\d{6})号?$`,
);

/** Full-width digits and brackets to half-width, spaces and middle dots removed. */
function fold(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/[\s\u3000·]/g, '')
    .replace(/\uff3b/g, '[')
    .replace(/\uff3d/g, ']');
}

/** The case number as written, or null when it is not one. */
export function parseCaseNumber(raw: string): CaseNumber | null {
  const m = PATTERN.exec(fold(raw));
  if (!m) return null;
  const [, unitShort, business, year, unitCode, sequence] = m;
  const y = Number(year);
  if (y < 1978 || y > 2100) return null;
  return {
    unitShort,
    business,
    year: y,
    unitCode,
    sequence,
    normalised: `${unitShort}检${business}受〔${y}〕${unitCode}${sequence}号`,
  };
}

/** The normalised form, or null: what the database stores and looks cases up by. */
export function normaliseCaseNumber(raw: string): string | null {
  return parseCaseNumber(raw)?.normalised ?? null;
}
