// Resident ID numbers (GB 11643) and mobile numbers: validation, what a number tells, and masking.
import {
  birthDateOf,
  checkIdNumber,
  ID_REASONS,
  idCheckChar,
  isMobile,
  maskIdNumber,
  maskMobile,
  profileSummary,
  sexOf,
} from '../../domain/identity';

/** 2024-06-15 10:00 in Beijing. */
const NOW = new Date('2024-06-15T02:00:00Z');

describe('checkIdNumber', () => {
  test.each([
    ['11010519491231002X', '1949-12-31', '女'],
    ['440304199001011233', '1990-01-01', '男'],
    ['310115198506152511', '1985-06-15', '男'],
    ['110105200002290013', '2000-02-29', '男'],
    ['110101198001010029', '1980-01-01', '女'],
  ])('When %s is checked, then it is valid, born %s, %s', (id, birthDate, sex) => {
    expect(checkIdNumber(id, NOW)).toEqual({ ok: true, idNumber: id, birthDate, sex });
  });

  test('When the check character is a lowercase x, then it is accepted and normalised to X', () => {
    expect(checkIdNumber(' 11010519491231002x ', NOW)).toMatchObject({
      ok: true,
      idNumber: '11010519491231002X',
    });
  });

  test.each([
    ['an empty value', '', ID_REASONS.empty],
    ['blanks only', '   ', ID_REASONS.empty],
    ['17 characters', '11010519491231002', ID_REASONS.length],
    ['19 characters', '11010519491231002X1', ID_REASONS.length],
    ['a 15-digit first-generation number', '110105491231002', ID_REASONS.length],
    ['a letter inside', '1101051949123100AX', ID_REASONS.characters],
    ['X not at the end', '1101051949X2310021', ID_REASONS.characters],
    ['a wrong check digit', '110105194912310021', ID_REASONS.checkDigit],
    ['a wrong check X', '44030419900101123X', ID_REASONS.checkDigit],
    ['an impossible date 19990230', '110105199902300015', ID_REASONS.birthDate],
    ['month 13', `11010519991301001${idCheckChar('11010519991301001')}`, ID_REASONS.birthDate],
    ['day 00', `11010519990100001${idCheckChar('11010519990100001')}`, ID_REASONS.birthDate],
    [
      '29 February of a common year',
      `11010519990229001${idCheckChar('11010519990229001')}`,
      ID_REASONS.birthDate,
    ],
    ['a birth date in the future', '110105209901010012', ID_REASONS.birthDate],
    [
      'a birth date tomorrow',
      `11010520240616001${idCheckChar('11010520240616001')}`,
      ID_REASONS.birthDate,
    ],
  ])('When the number has %s, then it is refused: %s', (_case, id, reason) => {
    expect(checkIdNumber(id, NOW)).toEqual({ ok: false, reason });
  });

  test('When someone was born today in Beijing while it is still yesterday in UTC, then the date is valid', () => {
    const earlyMorningBeijing = new Date('2024-06-14T17:00:00Z'); // 2024-06-15 01:00 UTC+8
    const id = `11010520240615001${idCheckChar('11010520240615001')}`;
    expect(checkIdNumber(id, earlyMorningBeijing)).toMatchObject({ ok: true });
  });

  test('When the reasons are read, then each is Chinese and says what is wrong', () => {
    expect(ID_REASONS.length).toContain('长度不对');
    expect(ID_REASONS.birthDate).toContain('出生日期无效');
    expect(ID_REASONS.checkDigit).toContain('校验位不正确');
  });
});

describe('what a number tells', () => {
  test.each([
    ['11010519491231002X', '1949-12-31', '女'],
    ['440304199001011233', '1990-01-01', '男'],
  ])('When %s is read, then the birth date is %s and the sex %s', (id, date, sex) => {
    expect(birthDateOf(id)).toBe(date);
    expect(sexOf(id)).toBe(sex);
  });
});

describe('masking', () => {
  test.each([
    ['11010519491231002X', '110***********002X'],
    ['440304199001011233', '440***********1233'],
  ])('When %s is shown to anyone but its owner, then it reads %s', (id, masked) => {
    expect(maskIdNumber(id)).toBe(masked);
    expect(maskIdNumber(id)).toHaveLength(18);
  });

  test('When a mobile is masked, then only the first three and last four digits show', () => {
    expect(maskMobile('13800138000')).toBe('138****8000');
  });

  test('When a summary is made, then it carries the name and masked numbers only', () => {
    const summary = profileSummary({
      name: '张三',
      idNumber: '11010519491231002X',
      mobile: '13800138000',
    });
    expect(summary).toEqual({
      name: '张三',
      idNumberMasked: '110***********002X',
      mobileMasked: '138****8000',
    });
    expect(JSON.stringify(summary)).not.toContain('19491231');
  });
});

describe('isMobile', () => {
  test.each([
    ['13800138000', true],
    ['19912345678', true],
    ['12800138000', false],
    ['1380013800', false],
    ['138001380001', false],
    ['+8613800138000', false],
    ['1380013800a', false],
  ])('When %s is checked, then it is %s', (mobile, ok) => {
    expect(isMobile(mobile)).toBe(ok);
  });
});
