// Suspected duplicates: normalisation, prints, comparison, and precision / recall on a labelled set.
import {
  DUPLICATE_THRESHOLD,
  PRINT_GRAMS_MAX,
  bigrams,
  compare,
  matterOf,
  normalise,
  printOf,
  sameRespondent,
  suspectDuplicate,
  type MatterInput,
} from '../../domain/petition/similarity';
import { petitionSubmitInput, type PetitionForm } from '../../typings/petition';
import {
  DUPLICATE_PAIRS,
  HAND_WRITTEN_CATEGORIES,
  MATTERS,
  POSITIVE_CATEGORIES,
  buildDuplicatePairs,
  type PairCategory,
} from './fixtures/duplicate-pairs';

const matter = (over: Partial<MatterInput> = {}): MatterInput => ({
  personKey: 'pk-1',
  kind: 'accusation',
  respondent: '王某某',
  text: '控告街道办事处主任王某某收受拆迁户财物。2024年5月，王某某向我索要现金2万元，承诺多给补偿面积。',
  ...over,
});

describe('normalise', () => {
  it.each([
    ['full-width letters and digits', 'ＡＢＣ１２３', 'abc123'],
    ['punctuation and whitespace', '赔偿， 损失！（共计）', '赔偿损失共计'],
    ['filler words', '我请求撤销了原判决', '撤销原判决'],
    ['years in Chinese digits', '二〇二四年', '2024年'],
    ['counted Chinese numerals', '两年零三个月，二十万元', '2年3个月200000元'],
    ['amounts in 万 and 千', '5万元，3万6千元，1.5万', '50000元36000元15000'],
    ['thousands separators', '50,000元', '50000元'],
    ['words that only look like numbers', '一直统一', '统一'],
  ])('When a text has %s, then they are normalised', (_name, text, expected) => {
    expect(normalise(text)).toBe(expected);
  });
});

describe('prints', () => {
  it('When a text is cut in grams, then numbers are whole and bigrams stay within a clause', () => {
    expect([...bigrams('赔偿2万元，房屋损失')].sort()).toEqual([
      '20000',
      '屋损',
      '房屋',
      '损失',
      '赔偿',
    ]);
  });

  it('When sentences are reordered, then the print is the same', () => {
    const a = matter({ text: '王某某索要现金2万元。承诺多给补偿面积。拒绝后威胁强拆。' });
    const b = matter({ text: '拒绝后威胁强拆。王某某索要现金2万元。承诺多给补偿面积。' });
    expect(printOf(a)).toEqual(printOf(b));
    expect(compare(printOf(a), printOf(b)).similarity).toBe(1);
  });

  it('When a print is made, then its grams are sorted and unique and the respondent is left out', () => {
    const { grams, respondent } = printOf(matter());
    expect(grams).toEqual([...new Set(grams)].sort());
    expect(respondent).toBe('王某某');
    expect(grams.some((g) => g.includes('王'))).toBe(false);
  });

  it('When the text is 5000 characters long, then the stored print stays under 4 KB', () => {
    const long = Array.from({ length: 5000 }, (_, i) =>
      String.fromCharCode(0x4e00 + ((i * 7919) % 20000)),
    ).join('');
    const print = printOf(matter({ text: long, respondent: '某'.repeat(200) }));
    expect(print.grams).toHaveLength(PRINT_GRAMS_MAX);
    expect(JSON.stringify(print).length).toBeLessThan(4096);
    expect(Buffer.byteLength(JSON.stringify(print), 'utf8')).toBeLessThan(4096);
  });

  it('When two long texts are sampled, then the same text still compares as the same', () => {
    const long = Array.from({ length: 3000 }, (_, i) =>
      String.fromCharCode(0x4e00 + ((i * 104729) % 20000)),
    ).join('');
    const whole = printOf(matter({ text: long }));
    const half = printOf(matter({ text: long.slice(0, 1500) }));
    expect(compare(whole, printOf(matter({ text: long }))).similarity).toBe(1);
    // Half the text: Jaccard about 0.5, containment about 1, so the text score is about 0.75.
    const { reasons } = compare(whole, half);
    const textScore = Number(/相似度 (\d+)%/.exec(reasons.join())?.[1]);
    expect(textScore).toBeGreaterThanOrEqual(65);
    expect(textScore).toBeLessThanOrEqual(85);
  });
});

describe('respondents', () => {
  it.each([
    ['the same name', '王某某', '王某某', true],
    ['a name within a longer one', '王某某', '区住建局王某某', true],
    ['two names', '王某某', '李某', false],
    [
      'one judgment written two ways',
      '北京市朝阳区人民法院（2024）京0105民初1234号',
      '朝阳区法院(2024)京0105民初第1234号',
      true,
    ],
    [
      'two judgments of one court',
      '北京市朝阳区人民法院（2024）京0105民初1234号',
      '北京市朝阳区人民法院（2024）京0105民初1243号',
      false,
    ],
    ['one missing', '王某某', null, null],
  ])('When respondents are %s (%s, %s), then same is %s', (_name, a, b, same) => {
    expect(sameRespondent(a, b)).toBe(same);
  });
});

describe('compare and suspectDuplicate', () => {
  const original = matter();
  const reworded = matter({
    text: '举报王某某：去年5月他找我要了2万元现金，说可以多给拆迁补偿面积。他身为街道办主任，收受拆迁户财物。',
  });

  it('When the same person rewords a matter, then it is suggested with reasons in Chinese', () => {
    const found = suspectDuplicate(reworded, original);
    expect(found).not.toBeNull();
    expect(found?.similarity).toBeGreaterThanOrEqual(DUPLICATE_THRESHOLD);
    expect(found?.reasons[0]).toBe('同一信访人');
    expect(found?.reasons).toContain('同为控告');
    expect(found?.reasons).toContain('同一被控告人“王某某”');
    expect(found?.reasons.some((r) => /^诉求与事实相似度 \d+%$/.test(r))).toBe(true);
  });

  it('When another person files the very same text, then nothing is suggested', () => {
    expect(suspectDuplicate({ ...original, personKey: 'pk-2' }, original)).toBeNull();
  });

  it('When a stored print is given, then it is used as is', () => {
    const stored = { ...original, text: '', print: printOf(original) };
    expect(suspectDuplicate(reworded, stored)).toEqual(suspectDuplicate(reworded, original));
  });

  it('When the respondent or the kind differs, then the similarity is lower and says why', () => {
    const base = compare(printOf(reworded), printOf(original));
    const otherRespondent = compare(
      printOf({ ...reworded, respondent: '李某' }),
      printOf(original),
    );
    const otherKind = compare(printOf({ ...reworded, kind: 'other' }), printOf(original));
    expect(otherRespondent.similarity).toBeLessThan(base.similarity);
    expect(otherRespondent.reasons).toContain('被控告人不同（“李某”与“王某某”）');
    expect(otherKind.similarity).toBeLessThan(base.similarity);
    expect(otherKind.reasons).toContain('类别不同（其他信访、控告）');
  });

  it('When similarity is given, then it is between 0 and 1 with two decimals', () => {
    for (const p of DUPLICATE_PAIRS.slice(0, 50)) {
      const { similarity } = compare(printOf(p.a), printOf(p.b));
      expect(similarity).toBeGreaterThanOrEqual(0);
      expect(similarity).toBeLessThanOrEqual(1);
      expect(Math.round(similarity * 100) / 100).toBe(similarity);
    }
  });
});

describe('matterOf', () => {
  const common = {
    procuratorateId: '110105',
    request: '请求依法撤销原判决',
    facts: '2023年6月我购买刘某某的房屋，已付首付款96万元，对方拒不过户。',
    reasons: '原判决认定事实错误。',
    address: '北京市朝阳区建国路1号院2号楼',
    contact: '13800138000',
    clientToken: 'token-0001',
  };
  const form = (input: Record<string, unknown>): Omit<PetitionForm, 'clientToken'> => {
    const { clientToken: _token, ...rest } = petitionSubmitInput.parse({ ...common, ...input });
    return rest;
  };

  it('When an accusation is filed, then the accused is the respondent and the conduct is text', () => {
    const m = matterOf(
      form({
        kind: 'accusation',
        accused: { name: '张某', conduct: '利用职务便利收受他人财物，金额巨大。' },
      }),
      'pk-1',
    );
    expect(m).toMatchObject({ personKey: 'pk-1', kind: 'accusation', respondent: '张某' });
    expect(m.text).toContain('收受他人财物');
    expect(m.text).toContain('首付款96万元');
  });

  it('When an appeal is filed, then the decision’s organ and number are the respondent', () => {
    const m = matterOf(
      form({
        kind: 'civil_appeal',
        decision: {
          title: '民事判决书',
          number: '（2023）京0105民初12345号',
          date: '2024-01-10',
          organ: '北京市朝阳区人民法院',
        },
      }),
      'pk-1',
    );
    expect(m.respondent).toBe('北京市朝阳区人民法院（2023）京0105民初12345号');
  });

  it('When state compensation is claimed, then no respondent is named (the form has no organ)', () => {
    const m = matterOf(
      form({
        kind: 'state_compensation',
        compensation: {
          victim: {
            type: 'person',
            name: '王五',
            sex: 'male',
            age: 45,
            employer: '无',
            domicile: '北京市朝阳区建国路1号',
          },
          claimantIsVictim: true,
          amount: 12345.67,
          specificRequest: '请求支付错误羁押期间的赔偿金',
          applicationDate: '2026-03-01',
        },
      }),
      'pk-1',
    );
    expect(m.respondent).toBeNull();
    expect(m.text).toContain('错误羁押');
  });
});

describe('the labelled set', () => {
  const count = (f: (c: PairCategory) => boolean) =>
    DUPLICATE_PAIRS.filter((p) => f(p.category)).length;

  it('When the set is built, then it is large, balanced enough, hand-written and deterministic', () => {
    const positives = DUPLICATE_PAIRS.filter((p) => p.label);
    const negatives = DUPLICATE_PAIRS.filter((p) => !p.label);
    expect(MATTERS.length).toBeGreaterThanOrEqual(30);
    expect(DUPLICATE_PAIRS.length).toBeGreaterThanOrEqual(200);
    expect(positives.length).toBeGreaterThanOrEqual(80);
    expect(negatives.length).toBeGreaterThanOrEqual(80);
    expect(count((c) => HAND_WRITTEN_CATEGORIES.includes(c)) * 2).toBeGreaterThanOrEqual(
      positives.length,
    );
    for (const p of DUPLICATE_PAIRS) {
      expect(p.label).toBe(POSITIVE_CATEGORIES.includes(p.category));
      expect(p.a.personKey === p.b.personKey).toBe(p.category !== 'other-person-same-matter');
    }
    for (const c of [
      'paraphrase',
      'reordered',
      'shortened',
      'other-matter-same-respondent',
      'other-matter-same-kind',
      'other-matter',
      'other-person-same-matter',
    ] as const) {
      expect(count((x) => x === c)).toBeGreaterThan(0);
    }
    expect(buildDuplicatePairs()).toEqual(DUPLICATE_PAIRS);
    // Every kind of petition is represented.
    expect(new Set(MATTERS.map((m) => m.kind)).size).toBe(9);
  });

  it('When every pair is judged, then precision and recall are both at least 0.95', () => {
    const judged = DUPLICATE_PAIRS.map((p) => {
      const found = suspectDuplicate(p.a, p.b);
      const similarity = compare(printOf(p.a), printOf(p.b)).similarity;
      return { ...p, predicted: found !== null, similarity };
    });
    const tp = judged.filter((j) => j.label && j.predicted).length;
    const fp = judged.filter((j) => !j.label && j.predicted).length;
    const fn = judged.filter((j) => j.label && !j.predicted).length;
    const precision = tp / (tp + fp);
    const recall = tp / (tp + fn);
    const positives = judged.filter((j) => j.label).map((j) => j.similarity);
    const samePersonNegatives = judged
      .filter((j) => !j.label && j.a.personKey === j.b.personKey)
      .map((j) => j.similarity);
    const margin = Math.min(...positives) - Math.max(...samePersonNegatives);

    console.log(
      `duplicates: ${judged.length} pairs (${positives.length} positive, ` +
        `${judged.length - positives.length} negative), precision ${precision.toFixed(3)}, ` +
        `recall ${recall.toFixed(3)}, threshold ${DUPLICATE_THRESHOLD}, ` +
        `lowest positive ${Math.min(...positives).toFixed(2)}, ` +
        `highest same-person negative ${Math.max(...samePersonNegatives).toFixed(2)}, ` +
        `margin ${margin.toFixed(2)}`,
    );

    const wrong = judged
      .filter((j) => j.label !== j.predicted)
      .map(
        (j) =>
          `${j.label ? 'missed' : 'false alarm'} ${j.category} ${j.ids.join(' vs ')}: ${j.similarity}`,
      );
    // On failure the received value lists the misclassified pairs.
    const verdict =
      precision >= 0.95 && recall >= 0.95 ? 'ok' : { precision, recall, misclassified: wrong };
    expect(verdict).toBe('ok');
  });
});
