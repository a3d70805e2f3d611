// Fitting values to subscription-message field types before sending, so WeChat never answers 47003.

export type FieldType =
  | 'thing'
  | 'number'
  | 'letter'
  | 'symbol'
  | 'character_string'
  | 'time'
  | 'date'
  | 'amount'
  | 'phone_number'
  | 'car_number'
  | 'name'
  | 'phrase';

const CJK = /[\u4e00-\u9fff]/g;

function cut(value: string, max: number): string {
  const chars = Array.from(value);
  return chars.length <= max ? value : chars.slice(0, max - 1).join('') + '…';
}

/**
 * Shortens or cleans a value so it obeys its field type (`thing` ≤ 20 characters, `phrase` ≤ 5
 * Chinese characters, `character_string` ≤ 32 letters/digits/symbols). Values of the other types
 * are produced by formatters and returned as they are.
 */
export function fitValue(type: FieldType, value: string): string {
  const v = value.replace(/\s+/g, ' ').trim();
  switch (type) {
    case 'thing':
      return cut(v, 20);
    case 'phrase':
      return (v.match(CJK) ?? []).slice(0, 5).join('');
    case 'character_string':
      return v.replace(/[^\x21-\x7e]/g, '').slice(0, 32);
    case 'name':
      return cut(v, 10);
    default:
      return v;
  }
}
