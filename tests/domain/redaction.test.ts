// Redaction of legal documents for publication: each rule, and figures over a generated corpus.
import {
  applySpans,
  maskedName,
  mustMaskName,
  redact,
  unpublishable,
  type RedactionParty,
  type Span,
} from '../../domain/redaction';
import { generateCorpus } from './fixtures/redaction-corpus';

const party = (
  name: string,
  role: RedactionParty['role'],
  more: Partial<RedactionParty> = {},
): RedactionParty => ({
  name,
  role,
  minor: false,
  sentenceMonths: null,
  recidivist: false,
  ...more,
});

/** The original text of each span, by kind. */
function found(text: string, parties: RedactionParty[] = []): [Span['kind'], string][] {
  return redact(text, parties).spans.map((s) => [s.kind, text.slice(s.start, s.end)]);
}

describe('mustMaskName', () => {
  test.each([
    ['a victim', true, party('张三', 'victim')],
    ['a witness', true, party('张三', 'witness')],
    ['an appraiser', true, party('张三', 'appraiser')],
    ['another person (a relative)', true, party('张三', 'other')],
    ['a minor witness', true, party('张三', 'witness', { minor: true })],
    ['a minor defendant', true, party('张三', 'defendant', { minor: true, sentenceMonths: 120 })],
    ['a defendant, 36 months', true, party('张三', 'defendant', { sentenceMonths: 36 })],
    ['a suspect not prosecuted (0)', true, party('张三', 'suspect', { sentenceMonths: 0 })],
    ['a defendant, 37 months', false, party('张三', 'defendant', { sentenceMonths: 37 })],
    [
      'a recidivist, 12 months',
      false,
      party('张三', 'defendant', { sentenceMonths: 12, recidivist: true }),
    ],
    ['a defendant, sentence unknown', false, party('张三', 'defendant')],
  ])('When the party is %s, then the name is masked: %s', (_what, expected, p) => {
    expect(mustMaskName(p)).toBe(expected);
  });
});

describe('maskedName', () => {
  test.each([
    ['张三', '张某'],
    ['李小龙', '李某'],
    ['欧阳明华', '欧阳某'],
    ['诸葛亮', '诸葛某'],
    ['司马光', '司马某'],
    ['上官婉儿', '上官某'],
    ['阿依古丽·买买提', '阿某'],
    ['张某', '张某'],
    ['张某某', '张某某'],
    ['欧阳', '欧某'],
  ])('When %s is masked, then it reads %s', (name, expected) => {
    expect(maskedName(name)).toBe(expected);
  });
});

describe('redact: numbers', () => {
  test.each([
    ['an 18-digit ID', '身份证号码110105194912310021，', '110105194912310021'],
    ['an ID ending in X', '公民身份号码11010519491231002X。', '11010519491231002X'],
    ['an ID ending in lower-case x', '身份证11010519491231002x。', '11010519491231002x'],
    ['an ID with a wrong check digit', '身份证号110105194912310029。', '110105194912310029'],
    ['an ID grouped 6-8-4', '身份证号 110105 19491231 002X，', '110105 19491231 002X'],
    ['an ID grouped 6-4-4-4', '身份证号110105 1949 1231 002X。', '110105 1949 1231 002X'],
    ['a 15-digit first-generation ID', '身份证号码110105491231002。', '110105491231002'],
    [
      'a full-width ID',
      '身份证号１１０１０５１９４９１２３１００２Ｘ。',
      '１１０１０５１９４９１２３１００２Ｘ',
    ],
  ])('When the text holds %s, then it is masked as an ID number', (_what, text, number) => {
    expect(found(text)).toEqual([['id_number', number]]);
  });

  test.each([
    ['a mobile', '联系电话13800138000。', '13800138000'],
    ['a mobile with dashes', '电话138-0013-8000。', '138-0013-8000'],
    ['a mobile with spaces', '电话138 0013 8000，', '138 0013 8000'],
    ['a mobile with +86', '电话+86 138 0013 8000。', '+86 138 0013 8000'],
    ['a landline with area code', '电话010-12345678。', '010-12345678'],
    ['a landline in brackets', '电话(010)12345678。', '(010)12345678'],
    ['a landline in full-width brackets', '电话（0311）8765432。', '（0311）8765432'],
    ['a local number after 电话', '联系电话：87654321。', '87654321'],
  ])('When the text holds %s, then it is masked as a phone number', (_what, text, number) => {
    expect(found(text)).toEqual([['phone', number]]);
  });

  test.each([
    ['16 digits', '卡号6222021234567890，', '6222021234567890'],
    ['19 digits', '卡号6222021234567890123。', '6222021234567890123'],
    ['19 digits in groups of four', '卡号6222 0212 3456 7890 123。', '6222 0212 3456 7890 123'],
    ['16 digits in groups of four', '账户6217 0012 3456 7890。', '6217 0012 3456 7890'],
  ])('When the text holds a bank card of %s, then it is masked', (_what, text, number) => {
    expect(found(text)).toEqual([['bank_card', number]]);
  });

  test('When numbers are masked, then each digit becomes * and the separators stay', () => {
    expect(redact('电话138-0013-8000，卡号6222 0212 3456 7890。', []).masked).toBe(
      '电话***-****-****，卡号**** **** **** ****。',
    );
  });

  test('When a mobile is followed by a year, then only the mobile is masked', () => {
    expect(found('电话138 0013 8000 2024年报案')).toEqual([['phone', '138 0013 8000']]);
  });
});

describe('redact: e-mail, plates, addresses, health', () => {
  test('When the text holds an e-mail address, then it is masked whole', () => {
    expect(found('电子邮箱zhang.san1985@example.cn中存有')).toEqual([
      ['email', 'zhang.san1985@example.cn'],
    ]);
  });

  test.each([
    ['京A12345', 'A12345'.slice(1)],
    ['京A·12345', '·12345'],
    ['京AD12345', 'D12345'],
    ['粤B8K2Q1', '8K2Q1'],
  ])(
    'When the plate %s is written, then all but the province and letter are masked',
    (plate, rest) => {
      expect(found(`驾驶车牌号为${plate}的轿车`)).toEqual([['plate', rest]]);
    },
  );

  test.each([
    ['住', '，住北京市朝阳区建国路88号院3号楼501室，', '朝阳区建国路88号院3号楼501室'],
    ['住址：', '住址：河北省石家庄市长安区中山东路12号。', '长安区中山东路12号'],
    ['户籍地', '户籍地广东省广州市天河区天河路1号，', '天河区天河路1号'],
    ['家住', '家住成都市武侯区科华北路幸福小区3栋201室', '武侯区科华北路幸福小区3栋201室'],
    ['现住', '，现住上海市浦东新区世纪大道100号。', '浦东新区世纪大道100号'],
  ])('When an address follows %s, then it is masked from the district on', (_l, text, part) => {
    expect(found(text)).toEqual([['address', part]]);
  });

  test.each([
    ['住院', '被害人住院治疗15日。'],
    ['居住', '二人共同居住多年。'],
    ['a crime scene', '在朝阳区建国路某商场门口将其打伤。'],
    ['a court', '此致北京市朝阳区人民法院'],
  ])('When the text holds %s, then nothing is masked', (_what, text) => {
    expect(found(text)).toEqual([]);
  });

  test.each([
    ['患有', '其患有抑郁症，长期服药。', '抑郁症'],
    ['诊断为', '经医院诊断为重度抑郁症，', '重度抑郁症'],
    ['病历记载', '病历记载：左前臂尺骨骨折。', '左前臂尺骨骨折'],
    ['a named condition', '其系艾滋病病毒感染者。', '艾滋病病毒'],
  ])('When a health detail follows %s, then it is masked', (_what, text, part) => {
    expect(found(text)).toEqual([['health', part]]);
  });

  test('When an injury grade is stated, then it stays', () => {
    expect(found('经鉴定，被害人的损伤程度为轻伤二级。')).toEqual([]);
  });
});

describe('redact: names', () => {
  const victim = party('欧阳明华', 'victim');
  const shortSentence = party('张三', 'defendant', { sentenceMonths: 24, aliases: ['小三'] });
  const longSentence = party('王建国', 'defendant', { sentenceMonths: 60 });

  test('When a masked party is mentioned in every form, then every mention is masked', () => {
    const text = '被告人张三、王建国殴打被害人欧阳明华，明华报警。张三的绰号“小三”。';
    const r = redact(text, [victim, shortSentence, longSentence]);
    expect(r.masked).toBe('被告人张某、王建国殴打被害人欧阳某，欧阳某报警。张某的绰号“张某”。');
    expect(r.spans.map((s) => text.slice(s.start, s.end))).toEqual([
      '张三',
      '欧阳明华',
      '明华',
      '张三',
      '小三',
    ]);
    expect(r.spans.map((s) => s.reason)).toContain('被害人姓名');
  });

  test('When a visible defendant’s name holds a masked given name, then it stays whole', () => {
    const r = redact('被告人王建国与被害人李建国相识，建国称……', [
      longSentence,
      party('李建国', 'victim'),
    ]);
    expect(r.masked).toBe('被告人王建国与被害人李某相识，李某称……');
  });

  test('When a given name is the start of a road or a company, then it is not a mention', () => {
    const r = redact('被害人赵建国住处附近的建国路，建国公司', [party('赵建国', 'victim')]);
    expect(r.masked).toBe('被害人赵某住处附近的建国路，建国公司');
  });

  test('When a minority name is written with any name dot, then it is masked', () => {
    const p = party('阿依古丽·买买提', 'witness');
    expect(redact('证人阿依古丽•买买提证实，阿依古丽当晚在场。', [p]).masked).toBe(
      '证人阿某证实，阿某当晚在场。',
    );
  });

  test('When the prosecutor’s given name equals a victim’s, then the prosecutor stays named', () => {
    const r = redact('被害人欧阳明华陈述……\n检察员：李明华', [victim]);
    expect(r.masked).toBe('被害人欧阳某陈述……\n检察员：李明华');
  });

  test('When a longer name contains a shorter party name, then the longer one wins', () => {
    const r = redact('证人张三丰证实，被害人张三受伤。', [
      party('张三', 'victim'),
      party('张三丰', 'witness'),
    ]);
    expect(r.masked).toBe('证人张某证实，被害人张某受伤。');
    expect(r.spans.map((s) => [s.start, s.end])).toEqual([
      [2, 5],
      [11, 13],
    ]);
  });
});

describe('redact: flags, overlaps and offsets', () => {
  test('When names not in the parties list follow a cue, then they are flagged, not masked', () => {
    const text =
      '同案犯刘小军（另案处理）在旁望风，被告人之妻热依汗·库尔班称不知情，证人王某某、陈立新未作证。';
    const r = redact(text, []);
    expect(r.masked).toBe(text);
    expect(r.flags.map((f) => f.text)).toEqual(['刘小军', '热依汗·库尔班', '陈立新']);
    for (const f of r.flags) expect(text.slice(f.start, f.end)).toBe(f.text);
  });

  test('When a listed party follows a cue, then no flag is raised for it', () => {
    expect(redact('被害人李四称', [party('李四', 'victim')]).flags).toEqual([]);
    const visible = party('王五', 'defendant', { sentenceMonths: 60 });
    expect(redact('被告人王五到案', [visible]).flags).toEqual([]);
  });

  test('When the prosecutor signs, then the name is neither masked nor flagged', () => {
    expect(redact('检察员：王小明', [])).toEqual({
      masked: '检察员：王小明',
      spans: [],
      flags: [],
    });
  });

  test('When rules overlap, then spans are sorted, disjoint, and masked equals applying them', () => {
    const text =
      '被害人李四，住北京市朝阳区建国路88号李四家中，电话13800138000，邮箱lisi13800138000@qq.com，患有抑郁症。';
    const r = redact(text, [party('李四', 'victim')]);
    for (let i = 1; i < r.spans.length; i++) {
      expect(r.spans[i].start).toBeGreaterThanOrEqual(r.spans[i - 1].end);
    }
    expect(r.masked).toBe(applySpans(text, r.spans));
    expect(r.spans.map((s) => s.kind)).toEqual([
      'name',
      'address',
      'name',
      'address',
      'phone',
      'email',
      'health',
    ]);
    expect(r.masked).toBe('被害人李某，住北京市××李某××，电话***********，邮箱***，患有××。');
  });

  test('When the text holds only distractors, then nothing is masked', () => {
    const text =
      '北京市朝阳区人民检察院\n京朝检刑诉〔2024〕110105000123号\n违反《中华人民共和国刑法》第二百六十四条，' +
      '数额人民币五万元及人民币123456.78元，于2024年3月15日、2024-03-16案发，（2024）京0105刑初123号，' +
      '订单号202403151234，统一社会信用代码：91110105MA01B234K56，请拨打12309。';
    expect(redact(text, [])).toEqual({ masked: text, spans: [], flags: [] });
  });
});

describe('unpublishable', () => {
  const none = { juvenile: false, stateSecret: false, commercialSecret: false, privacy: false };
  test('When the case has no such flag, then its documents may be published', () => {
    expect(unpublishable(none)).toBeNull();
  });
  test.each([
    ['juvenile', '未成年人犯罪案件的法律文书依法不予公开'],
    ['stateSecret', '涉及国家秘密的案件的法律文书依法不予公开'],
    ['commercialSecret', '涉及商业秘密的案件的法律文书依法不予公开'],
    ['privacy', '涉及个人隐私的案件的法律文书依法不予公开'],
  ])('When the case is %s, then the reason is %s', (flag, reason) => {
    expect(unpublishable({ ...none, [flag]: true })).toBe(reason);
  });
  test('When several apply, then all are named', () => {
    expect(unpublishable({ ...none, juvenile: true, privacy: true })).toBe(
      '未成年人犯罪案件、涉及个人隐私的案件的法律文书依法不予公开',
    );
  });
});

describe('redaction over the generated corpus', () => {
  test('When 520 documents are redacted, then no number is left and names are masked as ruled', () => {
    const docs = generateCorpus();
    expect(docs.length).toBeGreaterThanOrEqual(500);
    expect(new Set(docs.map((d) => d.type)).size).toBe(5);
    const f = {
      numbers: 0,
      numbersLeft: 0,
      otherData: 0,
      otherDataLeft: 0,
      names: 0,
      namesMasked: 0,
      keep: 0,
      keepMasked: 0,
      distractors: 0,
      distractorsMasked: 0,
      unlisted: 0,
      unlistedFlagged: 0,
      flags: 0,
      chars: 0,
    };
    for (const d of docs) {
      const r = redact(d.text, d.parties);
      expect(r.masked).toBe(applySpans(d.text, r.spans));
      const hit = new Uint8Array(d.text.length);
      for (const s of r.spans) hit.fill(1, s.start, s.end);
      const covered = (x: { start: number; end: number }) =>
        hit.subarray(x.start, x.end).every((v) => v === 1);
      const touched = (x: { start: number; end: number }) =>
        hit.subarray(x.start, x.end).some((v) => v === 1);
      for (const t of d.sensitive) {
        const isNumber = t.kind === 'id_number' || t.kind === 'phone' || t.kind === 'bank_card';
        if (isNumber) {
          f.numbers++;
          if (!covered(t)) f.numbersLeft++;
        } else {
          f.otherData++;
          if (!covered(t)) f.otherDataLeft++;
        }
      }
      for (const m of d.mentions) {
        if (m.mustMask) {
          f.names++;
          if (covered(m)) f.namesMasked++;
        } else {
          f.keep++;
          if (touched(m)) f.keepMasked++;
        }
      }
      for (const x of d.distractors) {
        f.distractors++;
        if (touched(x)) f.distractorsMasked++;
      }
      for (const u of d.unlisted) {
        f.unlisted++;
        if (r.flags.some((fl) => fl.start < u.end && fl.end > u.start)) f.unlistedFlagged++;
      }
      f.flags += r.flags.length;
      f.chars += d.text.length;
    }
    const pct = (a: number, b: number) => ((100 * a) / Math.max(b, 1)).toFixed(2);
    console.log(
      `redaction corpus: ${docs.length} documents, ${f.chars} chars; ` +
        `ID/phone/bank numbers ${f.numbers}, left unmasked ${f.numbersLeft}; ` +
        `addresses/e-mails/plates/health ${f.otherData}, left ${f.otherDataLeft}; ` +
        `names to mask ${f.names} mentions, masked ${pct(f.namesMasked, f.names)} %; ` +
        `names to keep ${f.keep} mentions, wrongly masked ${pct(f.keepMasked, f.keep)} %; ` +
        `distractors ${f.distractors}, wrongly masked ${f.distractorsMasked}; ` +
        `flags raised ${f.flags}, unlisted names flagged ${f.unlistedFlagged}/${f.unlisted}`,
    );
    expect(f.numbersLeft).toBe(0);
    expect(f.namesMasked / f.names).toBeGreaterThanOrEqual(0.99);
    expect(f.keepMasked).toBe(0);
    expect(f.distractorsMasked).toBe(0);
    expect(f.otherDataLeft).toBe(0);
    expect(f.unlistedFlagged / f.unlisted).toBeGreaterThanOrEqual(0.95);
  });

  test('When the corpus is generated twice, then it is the same', () => {
    const a = generateCorpus(20);
    const b = generateCorpus(20);
    expect(a).toEqual(b);
  });
});
