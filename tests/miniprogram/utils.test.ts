// The small helpers pages share: China time, query codes, picker columns, notification wording.
import { formatTime } from '../../miniprogram/utils/time';
import { groupUnits } from '../../miniprogram/utils/units';
import { normalizeQueryCode, notificationText } from '../../miniprogram/utils/suggestion';
import { newClientToken } from '../../miniprogram/utils/token';
import type { ProcuratorateView } from '../../typings/org';

describe('formatTime', () => {
  test.each([
    ['2024-03-05T01:30:00.000Z', '2024-03-05 09:30'],
    ['2024-12-31T16:00:00Z', '2025-01-01 00:00'],
    ['2024-02-28T20:05:00+00:00', '2024-02-29 04:05'],
    ['2025-06-01T08:00:00+08:00', '2025-06-01 08:00'],
    ['', ''],
    ['not a time', ''],
  ])('When the time is %j, then pages show %j (UTC+8)', (iso, shown) => {
    expect(formatTime(iso)).toBe(shown);
  });
});

describe('normalizeQueryCode', () => {
  test.each([
    ['abcd2345ef', 'ABCD2345EF'],
    [' ab cd 23 ', 'ABCD23'],
  ])('When %j is typed, then %j is kept', (typed, kept) => {
    expect(normalizeQueryCode(typed)).toBe(kept);
  });
});

describe('newClientToken', () => {
  test('When two forms are opened, then each gets its own token of the contract format', () => {
    const a = newClientToken();
    const b = newClientToken();
    expect(a).toMatch(/^[A-Za-z0-9-]{8,64}$/);
    expect(a).not.toBe(b);
  });
});

describe('notificationText', () => {
  test.each([
    ['sent', 'replied', '已通知'],
    ['not_requested', 'replied', '用户未订阅，未通知'],
    ['no_quota', 'replied', '用户未订阅，未通知'],
    ['failed', 'replied', '发送失败'],
    ['pending', 'replied', '通知发送中'],
    [null, 'pending', '用户已订阅，回复后将通知'],
  ] as const)(
    'When the notification is %s and the status %s, then staff read %s',
    (state, status, text) => {
      expect(notificationText(state, status)).toBe(text);
    },
  );
});

describe('groupUnits', () => {
  const unit = (
    id: string,
    name: string,
    level: ProcuratorateView['level'],
    parentId: string | null,
  ): ProcuratorateView => ({ id, code: id, name, shortName: name, level, parentId });
  const list = [
    unit('110105', '北京市朝阳区人民检察院', 'district', '110000'),
    unit('440100', '广州市人民检察院', 'city', '440000'),
    unit('110000', '北京市人民检察院', 'provincial', '100000'),
    unit('100000', '最高人民检察院', 'supreme', null),
    unit('440000', '广东省人民检察院', 'provincial', '100000'),
    unit('440106', '广州市天河区人民检察院', 'district', '440100'),
    unit('110101', '北京市东城区人民检察院', 'district', '110000'),
  ];

  test('When the directory is read, then provinces come first and each lists its own unit and the units below it', () => {
    expect(groupUnits(list)).toEqual([
      { name: '最高人民检察院', units: [{ id: '100000', name: '最高人民检察院' }] },
      {
        name: '北京市人民检察院',
        units: [
          { id: '110000', name: '北京市人民检察院' },
          { id: '110101', name: '北京市东城区人民检察院' },
          { id: '110105', name: '北京市朝阳区人民检察院' },
        ],
      },
      {
        name: '广东省人民检察院',
        units: [
          { id: '440000', name: '广东省人民检察院' },
          { id: '440100', name: '广州市人民检察院' },
          { id: '440106', name: '广州市天河区人民检察院' },
        ],
      },
    ]);
  });
});
