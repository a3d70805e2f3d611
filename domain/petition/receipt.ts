// Receipt numbers (受理编号) `<unit code>-<year>-<sequence>`: formatting and parsing only.
// Allocating the sequence without gaps is the shell's transaction; the format is RECEIPT_NUMBER.
import { RECEIPT_NUMBER } from '../../typings/petition';
import { inChina } from '../time';

export interface ReceiptParts {
  /** The procuratorate's 6-digit unit code (单位代码). */
  unitCode: string;
  year: number;
  /** 1 … 999999, per procuratorate and year. */
  sequence: number;
}

/** The year a receipt belongs to is the year in China when the petition arrived. */
export function receiptYear(now: Date): number {
  return inChina(now).year();
}

/** `110105-2026-000123`. Throws on parts no receipt may have: a caller's bug, not a user's. */
export function formatReceiptNumber({ unitCode, year, sequence }: ReceiptParts): string {
  if (!/^\d{6}$/.test(unitCode)) throw new Error(`unit code must be 6 digits: ${unitCode}`);
  if (!Number.isInteger(year) || year < 2000 || year > 9999) throw new Error(`bad year: ${year}`);
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > RECEIPT_NUMBER.sequenceMax) {
    throw new Error(`sequence out of range: ${sequence}`);
  }
  return `${unitCode}-${year}-${String(sequence).padStart(6, '0')}`;
}

/**
 * The parts of a receipt number as a person may type it: surrounding spaces, full-width digits
 * and dashes (－, —) are accepted. Null when it is not a receipt number.
 */
export function parseReceiptNumber(input: string): ReceiptParts | null {
  const normalised = input
    .trim()
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[－—–]/g, '-');
  const m = RECEIPT_NUMBER.pattern.exec(normalised);
  if (!m) return null;
  const year = Number(m[2]);
  const sequence = Number(m[3]);
  if (year < 2000 || sequence < 1) return null;
  return { unitCode: m[1], year, sequence };
}
