// The value rules of subscription-message fields: the table "订阅消息参数值内容限制说明" of
// subscribeMessage.send, https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html
// (copied in https://blog.csdn.net/weixin_39537397/article/details/119525664; see CLOUDBASE.md §1.6).

import {
  SUBSCRIBE_VALUE_TYPES,
  type SubscribeValueType,
  checkValue,
  parseTemplates,
  typeOfFieldKey,
} from '../../../devcloud/platform';
import { templates } from './harness';

const cases: Record<SubscribeValueType, { valid: string[]; invalid: string[] }> = {
  // "20个以内字符，可汉字、数字、字母或符号组合"
  thing: {
    valid: [
      '关于窗口服务的建议',
      '预约A-3号窗口 10:30',
      'x'.repeat(20),
      '请'.repeat(20),
      ' 您的餐品已备好',
    ],
    invalid: ['', '   ', '请'.repeat(21), 'x'.repeat(21), '表扬😀', '换行\n内容'],
  },
  // "32位以内数字，只能数字，可带小数"
  number: {
    valid: ['339208499', '0', '12.5', '1'.repeat(32)],
    invalid: ['', '1'.repeat(33), '-5', '12a', '1,000', '1.', '.5', '１２'],
  },
  // "32位以内字母，只能字母"
  letter: {
    valid: ['abc', 'ABCdef', 'a'.repeat(32)],
    invalid: ['', 'a'.repeat(33), 'abc1', 'ab c', '字母'],
  },
  // "5位以内符号，只能符号"
  symbol: {
    valid: ['!', '#$%', '-+*/=', '￥', '。，'],
    invalid: ['', '!!!!!!', 'a!', '1#', '😀'],
  },
  // "32位以内数字、字母或符号，可数字、字母或符号组合" (no Chinese)
  character_string: {
    valid: ['XF2025-000123', '2020011316024527670', 'A_b-9#', 'x'.repeat(32)],
    invalid: ['', '信访2025', 'x'.repeat(33), 'AB 12', '１２３'],
  },
  // "24小时制时间格式（支持+年月日），支持填时间段，两个时间点之间用“~”符号连接"; e.g. 15:01, 2019年10月1日 15:01
  time: {
    valid: [
      '15:01',
      '09:30:15',
      '2019年10月1日 15:01',
      '2019年10月1日15:01',
      '2019-10-01 15:01',
      '2025/3/1 08:00',
      '15:01~16:30',
      '2019年10月1日 15:01~2019年10月1日 17:00',
    ],
    invalid: [
      '',
      '2019年10月1日',
      '25:00',
      '15:60',
      '3pm',
      '2019年13月1日 10:00',
      '2019-02-30 10:00',
      '10:00~11:00~12:00',
    ],
  },
  // "年月日格式（支持+24小时制时间），支持填时间段"; e.g. 2019年10月1日, 2019年10月1日 15:01
  date: {
    valid: [
      '2019年10月1日',
      '2019年10月1日 15:01',
      '2015年01月05日',
      '2024-02-29',
      '2019年10月1日~2019年10月7日',
    ],
    invalid: ['', '15:01', '2023-02-29', '10月1日', '2019年10月1日 24:00', '下周一'],
  },
  // "1个币种符号+10位以内纯数字，可带小数，结尾可带“元”"
  amount: {
    valid: ['¥100', '￥100.01', '$5', '100元', '¥100元', '6000.00', '1234567890'],
    invalid: ['', '¥12345678901', '¥¥100', '一百元', '100.123', '-¥5', '¥'],
  },
  // "17位以内，数字、符号"; e.g. +86-0766-66888866
  phone_number: {
    valid: ['+86-0766-66888866', '13800138000', '(010)12345678', '12309'],
    invalid: ['', '+86-0766-668888661', 'tel:12309', '一三八', '+-()'],
  },
  // "8位以内，第一位与最后一位可为汉字，其余为字母或数字"; e.g. 粤A8Z888挂
  car_number: {
    valid: ['粤A8Z888挂', '京A12345', 'WJ123456', '沪AD12345'],
    invalid: ['', '粤A8Z888挂9', '粤汉8Z888', 'A-12345', '粤'],
  },
  // "10个以内纯汉字或20个以内纯字母或符号；中文和字母混合按中文名算，10个字内"
  name: {
    valid: [
      '张三',
      '欧阳娜娜',
      '阿卜杜·热合曼',
      'John Smith',
      'Mary-Jane O.Neil',
      '张三Tom',
      '李'.repeat(10),
    ],
    invalid: ['', '李'.repeat(11), 'A'.repeat(21), '张三1', 'Agent007', '张三Tommy Lee'],
  },
  // "5个以内纯汉字"; e.g. 配送中
  phrase: {
    valid: ['配送中', '已受理', '办结', '已经受理了'],
    invalid: ['', '已经受理完毕', '已受理!', 'done', '受理1', '受 理'],
  },
};

describe('checkValue', () => {
  it('covers every value type of the table', () => {
    expect(Object.keys(cases).sort()).toEqual([...SUBSCRIBE_VALUE_TYPES].sort());
  });

  const valid = Object.entries(cases).flatMap(([type, c]) => c.valid.map((v) => [type, v]));
  const invalid = Object.entries(cases).flatMap(([type, c]) => c.invalid.map((v) => [type, v]));

  it.each(valid)('accepts a %s value %j', (type, value) => {
    expect(checkValue(type as SubscribeValueType, value)).toBe(true);
  });

  it.each(invalid)('refuses a %s value %j', (type, value) => {
    expect(checkValue(type as SubscribeValueType, value)).toBe(false);
  });
});

describe('typeOfFieldKey', () => {
  it.each([
    ['thing1', 'thing'],
    ['character_string12', 'character_string'],
    ['phone_number3', 'phone_number'],
    ['phrase16', 'phrase'],
    ['keyword1', null],
    ['thing', null],
  ])('%s → %s', (key, type) => {
    expect(typeOfFieldKey(key)).toBe(type);
  });
});

describe('config/templates.json', () => {
  it('holds the product templates with typed, titled fields and 43-character ids', () => {
    expect(Object.keys(templates).sort()).toEqual([
      'appointmentResult',
      'caseProgress',
      'petitionProgress',
      'suggestionReplied',
    ]);
    for (const t of Object.values(templates)) {
      expect(t.id).toMatch(/^[A-Za-z0-9_-]{43}$/);
      for (const [key, field] of Object.entries(t.fields)) {
        expect(typeOfFieldKey(key)).toBe(field.type);
        expect(field.title).not.toBe('');
      }
    }
    expect(templates.suggestionReplied.title).toBe('意见建议回复通知');
    expect(templates.petitionProgress.fields.character_string1).toEqual({
      type: 'character_string',
      title: '受理编号',
    });
  });

  it('refuses a registry whose field key does not match its type', () => {
    expect(() =>
      parseTemplates({
        bad: {
          id: 'a'.repeat(43),
          title: '测试',
          fields: { thing1: { type: 'phrase', title: '状态' } },
        },
      }),
    ).toThrow(/thing1: key prefix does not match type phrase/);
  });
});
