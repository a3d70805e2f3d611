// Case numbers: every bracket style, full-width digits and spaces accepted, shown normalised;
// anything else refused.
import { normaliseCaseNumber, parseCaseNumber } from '../../domain/cases/case-number';

const N = '京检刑诉受〔2023〕110000000001号';

test.each([
  ['京检刑诉受〔2023〕110000000001号'],
  ['京检刑诉受[2023]110000000001号'],
  ['京检刑诉受(2023)110000000001号'],
  ['京检刑诉受（2023）110000000001号'],
  ['京检刑诉受【2023】110000000001号'],
  ['京检刑诉受［2023］110000000001号'],
  ['京检刑诉受〔２０２３〕１１００００００００01号'],
  [' 京检 刑诉受 〔2023〕 110000 000001 号 '],
  ['京检刑诉受〔2023〕110000000001'],
])('%s is read as %s', (raw) => {
  expect(normaliseCaseNumber(raw)).toBe(N);
});

test('The parts are read out', () => {
  expect(parseCaseNumber('京朝检未捕受(2024)110105000123号')).toEqual({
    unitShort: '京朝',
    business: '未捕',
    year: 2024,
    unitCode: '110105',
    sequence: '000123',
    normalised: '京朝检未捕受〔2024〕110105000123号',
  });
  expect(parseCaseNumber('沪浦检民监〔2022〕310115000009号')?.business).toBe('民监');
});

test.each([
  [''],
  ['京检刑诉受〔2023〕11000000001号'],
  ['京检刑诉受〔2023〕1100000000011号'],
  ['京刑诉受〔2023〕110000000001号'],
  ['京检刑诉受〔23〕110000000001号'],
  ['京检刑诉受〔1900〕110000000001号'],
  ['ABC检刑诉受〔2023〕110000000001号'],
  ['（2024）京0105民初1234号'],
])('%p is not a case number', (raw) => {
  expect(parseCaseNumber(raw)).toBeNull();
});
