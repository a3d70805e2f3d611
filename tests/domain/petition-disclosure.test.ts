// The reply check: no one else's ID or phone number, nothing marked confidential.
import { checkDisclosure } from '../../domain/petition/disclosure';

const own = {
  phones: ['13800138000'],
  idNumbers: ['11010519491231002X'],
  publicNumbers: ['010-65001234'],
};

describe('reply disclosure check', () => {
  it.each([
    ['a plain reply', '您反映的问题已转承办部门办理，请耐心等候。'],
    ['the petitioner’s own mobile', '我院将通过13800138000与您联系。'],
    ['the petitioner’s own mobile with +86 and dashes', '联系电话：+86 138-0013-8000'],
    ['the petitioner’s own ID number, lower-case x', '申请人身份证号11010519491231002x。'],
    ['the unit’s public number', '如有疑问请致电010-65001234。'],
    ['the 12309 hotline', '也可拨打12309检察服务热线。'],
    ['a receipt number', '受理编号110105-2026-000123。'],
    ['a case number', '案号京检刑诉受〔2023〕110000000001号。'],
    ['a legal term naming state secrets', '该材料涉及国家秘密，依法不予提供。'],
    ['a legal term naming commercial secrets', '涉及商业秘密和商业机密的部分不予公开。'],
    ['an amount and a date', '赔偿金额为123456.78元，于2026年3月2日支付。'],
  ])('When a reply contains %s, then it may be sent', (_name, text) => {
    expect(checkDisclosure(text, own)).toEqual([]);
  });

  it.each([
    ['another mobile', '被控告人电话13912345678。', 'phone', '13912345678'],
    ['another mobile in groups', '证人电话 139 1234 5678，请核实。', 'phone', '139 1234 5678'],
    ['a full-width mobile', '电话１３９１２３４５６７８', 'phone', '１３９１２３４５６７８'],
    ['a landline with area code', '对方单位电话010-87654321。', 'phone', '010-87654321'],
    ['a landline in brackets', '请联系（010）87654321', 'phone', '（010）87654321'],
    ['a 400 number', '客服400-123-4567', 'phone', '400-123-4567'],
    [
      'another ID number',
      '被申请人身份证号110105198001011234。',
      'id_number',
      '110105198001011234',
    ],
    ['an ID number ending in X', '身份证号：11010519800101123X', 'id_number', '11010519800101123X'],
    ['an ID number in groups', '身份证 110105 19800101 1234', 'id_number', '110105 19800101 1234'],
    ['a marker 【内部】', '【内部】该案拟于下周研究。', 'confidential', '【内部】'],
    ['the word 秘密 as a marking', '秘密★1年 关于该案的请示', 'confidential', '秘密'],
    ['the word 机密', '机密文件摘要如下', 'confidential', '机密'],
    ['the word 绝密', '绝密', 'confidential', '绝密'],
    ['内部资料', '根据内部资料显示', 'confidential', '内部资料'],
    ['不得外传', '此件不得外传', 'confidential', '不得外传'],
  ])('When a reply contains %s, then it is refused naming %s “%s”', (_name, text, type, match) => {
    const problems = checkDisclosure(text, own);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ type, match, index: text.indexOf(match) });
  });

  it.each([
    ['id_number', '110105198001011234', '答复中含有身份证号码“110105198001011234”，请删除'],
    ['phone', '13912345678', '答复中含有信访人本人以外的电话号码“13912345678”，请删除'],
    ['confidential', '绝密', '答复中含有涉密或内部标记“绝密”，请删除该标记及其标注的内容'],
  ])(
    'When a reply discloses a %s, then the message says what to remove',
    (_type, text, message) => {
      expect(checkDisclosure(`内容：${text}`, own)[0].message).toBe(message);
    },
  );

  it('When a reply has several problems, then each is listed in the order of the text', () => {
    const text = '【内部】证人13912345678，身份证110105198001011234，电话13800138000。';
    expect(checkDisclosure(text, own).map((p) => [p.type, p.match])).toEqual([
      ['confidential', '【内部】'],
      ['phone', '13912345678'],
      ['id_number', '110105198001011234'],
    ]);
  });

  it('When nothing is allowed, then even the petitioner’s number is refused', () => {
    expect(checkDisclosure('电话13800138000')).toHaveLength(1);
  });
});
