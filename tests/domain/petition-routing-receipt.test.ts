// Routing kinds to departments, 诉访分离 suggestions, and receipt numbers.
import {
  formatReceiptNumber,
  parseReceiptNumber,
  receiptYear,
} from '../../domain/petition/receipt';
import {
  DEFAULT_ROUTING,
  litigationSuggestion,
  routeTo,
  type RoutingTable,
} from '../../domain/petition/routing';
import { PETITION_KINDS, RECEIPT_NUMBER, type PetitionKind } from '../../typings/petition';

const FULL = ['ks', 'ms', 'xz', 'gy', 'jwdc'].map((k) => ({
  id: `110105-${k}`,
  procuratorateId: '110105',
}));
const SMALL = [
  { id: '110108-ks', procuratorateId: '110108' },
  { id: '110108-ag', procuratorateId: '110108' },
];

describe('routing', () => {
  it.each([
    ['accusation', '110105-ks'],
    ['criminal_appeal', '110105-ks'],
    ['civil_appeal', '110105-ms'],
    ['administrative_appeal', '110105-xz'],
    ['state_compensation', '110105-ks'],
    ['judicial_assistance', '110105-ks'],
    ['public_interest_clue', '110105-gy'],
    ['staff_misconduct', '110105-jwdc'],
    ['other', '110105-ks'],
  ] as [PetitionKind, string][])('When a %s petition arrives, then it goes to %s', (kind, dept) => {
    expect(routeTo(kind, '110105', FULL)).toBe(dept);
  });

  it('Every kind has a department in the default table', () => {
    expect(Object.keys(DEFAULT_ROUTING).sort()).toEqual([...PETITION_KINDS].sort());
  });

  it.each(PETITION_KINDS)(
    'When the procuratorate has no department for %s, then 控告申诉检察部 receives it',
    (kind) => {
      expect(routeTo(kind, '110108', SMALL)).toBe('110108-ks');
    },
  );

  it('When an administrator overrides the table, then the override is used', () => {
    const table: RoutingTable = { ...DEFAULT_ROUTING, civil_appeal: 'ks' };
    expect(routeTo('civil_appeal', '110105', FULL, table)).toBe('110105-ks');
  });

  it('When the procuratorate has no department at all, then there is no route', () => {
    expect(routeTo('other', '310000', FULL)).toBeNull();
  });

  it.each([
    ['criminal_appeal', { litigation: true, procedure: '刑事申诉程序' }],
    ['civil_appeal', { litigation: true, procedure: '民事诉讼监督程序' }],
    ['administrative_appeal', { litigation: true, procedure: '行政诉讼监督程序' }],
    ['state_compensation', { litigation: true, procedure: '国家赔偿程序' }],
    ['judicial_assistance', { litigation: true, procedure: '国家司法救助程序' }],
    ['public_interest_clue', { litigation: true, procedure: '公益诉讼线索办理程序' }],
    ['accusation', { litigation: false }],
    ['staff_misconduct', { litigation: false }],
    ['other', { litigation: false }],
  ] as const)('When a %s petition is registered, then 诉访分离 suggests %j', (kind, expected) => {
    expect(litigationSuggestion(kind)).toEqual(expected);
  });
});

describe('receipt numbers', () => {
  it.each([
    [{ unitCode: '110105', year: 2026, sequence: 1 }, '110105-2026-000001'],
    [{ unitCode: '110105', year: 2026, sequence: 123 }, '110105-2026-000123'],
    [{ unitCode: '440300', year: 2027, sequence: 999999 }, '440300-2027-999999'],
  ])('When formatting %j, then it is %s', (parts, number) => {
    expect(formatReceiptNumber(parts)).toBe(number);
    expect(parseReceiptNumber(number)).toEqual(parts);
    expect(number).toMatch(RECEIPT_NUMBER.pattern);
  });

  it('A receipt number fits a subscription message character_string field (≤ 32, no Chinese)', () => {
    const n = formatReceiptNumber({ unitCode: '110105', year: 2026, sequence: 999999 });
    expect(n.length).toBeLessThanOrEqual(32);
    expect(n).toMatch(/^[\x21-\x7e]+$/);
  });

  it.each([
    [{ unitCode: '11010', year: 2026, sequence: 1 }],
    [{ unitCode: '110105', year: 2026, sequence: 0 }],
    [{ unitCode: '110105', year: 2026, sequence: 1_000_000 }],
    [{ unitCode: '110105', year: 1999, sequence: 1 }],
    [{ unitCode: '110105', year: 2026, sequence: 1.5 }],
  ])('When formatting impossible parts %j, then it throws', (parts) => {
    expect(() => formatReceiptNumber(parts)).toThrow();
  });

  it.each([
    [' 110105-2026-000123 ', { unitCode: '110105', year: 2026, sequence: 123 }],
    ['１１０１０５－２０２６－０００１２３', { unitCode: '110105', year: 2026, sequence: 123 }],
    ['110105—2026—000123', { unitCode: '110105', year: 2026, sequence: 123 }],
    ['110105-2026-000000', null],
    ['110105-2026-123', null],
    ['京朝检信〔2026〕000123号', null],
    ['', null],
  ])('When parsing %j, then it is %j', (input, expected) => {
    expect(parseReceiptNumber(input)).toEqual(expected);
  });

  it.each([
    ['2025-12-31T15:59:59Z', 2025],
    ['2025-12-31T16:00:00Z', 2026],
  ])(
    'When a petition arrives at %s (UTC), then its receipt year is %i (China time)',
    (at, year) => {
      expect(receiptYear(new Date(at))).toBe(year);
    },
  );
});
