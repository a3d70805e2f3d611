// Legal documents (publish function: redaction.preview, document.*), run as the built bundle on
// devcloud. Cases are written by the cases function's case.save (another module): here they are
// inserted into the store directly (store.handle('database.insertDocument')), and changed with raw
// SQLite where a test needs a case to change after a document was saved.
import { EJSON } from 'bson';
import { data, DEMO, openTestCloud, type TestCloud } from '../helpers/cloud';

const AG = 'o-staff-110105-ag'; // 周婷
const AG2 = 'o-staff-110105-ag2'; // 吴敏
const OTHER_AG = 'o-staff-110108-ag';

let t: TestCloud;
let caseSeq = 0;

interface Party {
  name: string;
  role: string;
  age: number | null;
  sentenceMonths: number | null;
  recidivist: boolean;
}

const PARTIES: Party[] = [
  { name: '张三丰', role: 'defendant', age: 38, sentenceMonths: 18, recidivist: false },
  { name: '王大明', role: 'defendant', age: 45, sentenceMonths: 60, recidivist: false },
  { name: '李小红', role: 'victim', age: 29, sentenceMonths: null, recidivist: false },
  { name: '陈宝宝', role: 'witness', age: 15, sentenceMonths: null, recidivist: false },
  { name: '孙丽丽', role: 'plaintiff', age: 50, sentenceMonths: null, recidivist: false },
];
/** Names that must never reach the public (王大明, sentenced to five years, is named). */
const MASKED_NAMES = ['张三丰', '李小红', '陈宝宝', '孙丽丽', '三丰', '小红', '宝宝', '丽丽'];
const ID = '110105198503021234';
const PHONE = '13912345678';

const TEXT =
  '北京市朝阳区人民检察院\n起诉书\n' +
  `被告人张三丰，男，1985年3月2日出生，身份证号码${ID}，住北京市朝阳区建国路88号院3号楼502室，联系电话${PHONE}。\n` +
  '被告人王大明，男，1979年出生，无业。\n' +
  '2024年5月，被告人张三丰驾驶机动车违反交通运输管理法规，在朝阳区东三环路将被害人李小红撞伤后逃逸，构成交通肇事罪。' +
  '证人陈宝宝目睹了经过。孙丽丽提出附带民事诉讼请求。三丰到案后如实供述。';

async function insertCase(overrides: Record<string, unknown> = {}) {
  caseSeq += 1;
  const now = new Date();
  const doc = {
    _id: `case${String(caseSeq).padStart(4, '0')}`,
    caseNumber: `京朝检刑诉受〔2024〕110105${String(caseSeq).padStart(6, '0')}号`,
    procuratorateId: DEMO.unit,
    cause: '交通肇事',
    acceptedOn: '2024-06-01',
    timeLimit: '一个月',
    handlingUnit: '第一检察部',
    stage: '审查起诉',
    result: null,
    parties: PARTIES,
    measures: [],
    flags: {
      juvenile: false,
      stateSecret: false,
      commercialSecret: false,
      privacy: false,
      sensitiveKind: null,
    },
    timeline: [],
    createdAt: now,
    updatedAt: now,
    createdBy: 'st-110105-ag',
    updatedBy: 'st-110105-ag',
    version: 1,
    ...overrides,
  };
  const res = (await t.cloud.store.handle('database.insertDocument', {
    collectionName: 'cases',
    data: [EJSON.stringify(doc, { relaxed: false })],
  })) as { code?: string; message?: string };
  if (res.code) throw new Error(`insert case: ${res.code} ${res.message}`);
  return doc;
}

/** Changes a stored document with raw SQLite (as another function would have). */
function saveInput(caseId: string, overrides: Record<string, unknown> = {}) {
  return {
    caseId,
    type: 'indictment',
    title: '交通肇事案起诉书',
    text: TEXT,
    ...overrides,
  };
}

async function saved(caseId: string, overrides: Record<string, unknown> = {}) {
  return data(await t.call('publish', 'document.save', saveInput(caseId, overrides), AG));
}

async function publishedDoc(caseId: string, overrides: Record<string, unknown> = {}) {
  const d = await saved(caseId, overrides);
  return data(await t.call('publish', 'document.approve', { id: d.id, version: d.version }, AG2));
}

/** Every public answer must be free of the masked names, the ID number and the phone number. */
function expectNothingPersonal(answer: unknown) {
  const json = JSON.stringify(answer);
  for (const secret of [...MASKED_NAMES, ID, PHONE, '建国路88号']) {
    expect(json).not.toContain(secret);
  }
}

beforeAll(async () => {
  t = await openTestCloud();
  // The cases collection belongs to the cases function (database/cases.json): create it when
  // that spec is not there yet.
  await t.cloud.store.handle('database.addCollection', { collectionName: 'cases' });
});
afterAll(async () => {
  await t.close();
});

describe('redaction.preview', () => {
  test('When staff preview a text with parties, then every span has its original, Chinese kind name and reason', async () => {
    const res = data(
      await t.call(
        'publish',
        'redaction.preview',
        {
          text: TEXT,
          parties: [
            { name: '张三丰', role: 'defendant', sentenceMonths: 18 },
            { name: '李小红', role: 'victim' },
            { name: '孙丽丽', role: 'plaintiff' },
          ],
        },
        AG,
      ),
    );
    expect(res.masked).toContain('被告人张某');
    expect(res.masked).toContain('被害人李某');
    expect(res.masked).toContain('孙某提出'); // 申请人 (plaintiff): masked like any private person
    expect(res.masked).not.toContain(ID);
    expect(res.spans).toContainEqual(
      expect.objectContaining({
        kind: 'id_number',
        kindName: '身份证号码',
        original: ID,
        reason: '身份证号码',
      }),
    );
    expect(res.spans).toContainEqual(
      expect.objectContaining({
        kind: 'name',
        kindName: '姓名',
        original: '三丰',
        replacement: '张某',
      }),
    );
    for (const s of res.spans) expect(TEXT.slice(s.start, s.end)).toBe(s.original);
    // 陈宝宝 is not in this parties list: flagged for the reviewer, not masked.
    expect(res.flags.map((f) => f.text)).toContain('陈宝宝');
  });

  test.each([
    ['text', { text: '' }, '请填写文书内容'],
    ['parties.0.role', { parties: [{ name: '张三', role: 'judge' }] }, '请选择诉讼地位'],
    ['parties.0.name', { parties: [{ name: '张', role: 'victim' }] }, '当事人姓名至少2个字'],
  ])('When %s is bad, then BAD_REQUEST names it', async (path, overrides, message) => {
    const res = await t.call(
      'publish',
      'redaction.preview',
      { text: TEXT, parties: [], ...overrides },
      AG,
    );
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error.code).toBe('BAD_REQUEST');
    expect(res.error.issues).toContainEqual({ path, message });
  });

  test('When someone who is not a case manager previews, then FORBIDDEN', async () => {
    for (const openid of [DEMO.registrar, DEMO.citizen]) {
      const res = await t.call('publish', 'redaction.preview', { text: TEXT }, openid);
      expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });
});

describe('document.save and staffGet', () => {
  test("When a case manager saves a document, then it is redacted with the case's parties (a minor by age) and shown side by side", async () => {
    const c = await insertCase();
    const d = await saved(c._id);
    expect(d).toMatchObject({
      caseId: c._id,
      caseNumber: c.caseNumber,
      type: 'indictment',
      typeName: '起诉书',
      status: 'draft',
      statusName: '待审核',
      draftedByName: '周婷',
      canApprove: false,
      unpublishable: null,
      version: 1,
      original: TEXT,
    });
    const masked = d.redaction.masked;
    expect(masked).toContain('被告人张某');
    expect(masked).toContain('被告人王大明'); // five years: named
    expect(masked).toContain('证人陈某'); // 15 years old: masked as a minor
    expect(masked).toContain('孙某');
    expectNothingPersonal(masked);
    expect(d.redaction.spans.find((s) => s.original === '陈宝宝')?.reason).toContain('未成年人');

    const seen = data(await t.call('publish', 'document.staffGet', { id: d.id }, AG2));
    expect(seen).toMatchObject({ id: d.id, original: TEXT, canApprove: true });
    expect(seen.redaction).toEqual(d.redaction);
    const audit = await t.find('audit', { entity: 'document', entityId: d.id });
    expect(audit.map((a) => a.action).sort()).toEqual(['save', 'view_personal_data']);
  });

  test.each([
    ['type', { type: 'verdict' }, '请选择文书类型'],
    ['text', { text: '太短的文书' }, '文书内容至少20个字'],
    [
      'title',
      { title: '张三丰交通肇事案起诉书' },
      '标题不得含有个人信息（姓名“张三丰”），可写作“张某”',
    ],
    ['extra', { extra: true }, '不支持的字段：extra'],
  ])(
    'When %s is bad, then BAD_REQUEST names it and nothing is written',
    async (path, overrides, message) => {
      const c = await insertCase();
      const before = (await t.find('legal_documents')).length;
      const res = await t.call('publish', 'document.save', saveInput(c._id, overrides), AG);
      expect(res.ok).toBe(false);
      if (res.ok) return;
      expect(res.error.code).toBe('BAD_REQUEST');
      expect(res.error.issues).toContainEqual({ path, message });
      expect(await t.find('legal_documents')).toHaveLength(before);
    },
  );

  test("When the case is another procuratorate's or does not exist, then NOT_FOUND at caseId and nothing is written", async () => {
    const theirs = await insertCase({ procuratorateId: '110108' });
    const before = (await t.find('legal_documents')).length;
    for (const caseId of [theirs._id, 'nosuchcase']) {
      const res = await t.call('publish', 'document.save', saveInput(caseId), AG);
      expect(res).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND', issues: [{ path: 'caseId', message: '未找到该案件' }] },
      });
    }
    expect(await t.find('legal_documents')).toHaveLength(before);
  });

  test('When a draft is edited, then version-checked; staff of another procuratorate find nothing', async () => {
    const c = await insertCase();
    const d = await saved(c._id);
    const stale = await t.call(
      'publish',
      'document.save',
      { ...saveInput(c._id), id: d.id, version: 9 },
      AG,
    );
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const edited = data(
      await t.call(
        'publish',
        'document.save',
        { ...saveInput(c._id, { title: '交通肇事案起诉书（修订）' }), id: d.id, version: 1 },
        AG,
      ),
    );
    expect(edited).toMatchObject({ version: 2, title: '交通肇事案起诉书（修订）' });
    for (const [action, input] of [
      ['document.staffGet', { id: d.id }],
      ['document.approve', { id: d.id, version: 2 }],
    ] as const) {
      const res = await t.call('publish', action, input, OTHER_AG);
      expect(res).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
    const theirList = data(await t.call('publish', 'document.staffList', {}, OTHER_AG));
    expect(theirList.items.some((x) => x.id === d.id)).toBe(false);
  });

  test.each([
    ['a petition handler', 'FORBIDDEN', DEMO.handler],
    ['a citizen', 'FORBIDDEN', DEMO.citizen],
    ['nobody', 'UNAUTHENTICATED', undefined],
  ])(
    'When %s calls the staff actions, then %s and nothing is written',
    async (_w, code, openid) => {
      const c = await insertCase();
      const before = (await t.find('legal_documents')).length;
      for (const [action, input] of [
        ['document.save', saveInput(c._id)],
        ['document.staffGet', { id: 'ld0' }],
        ['document.staffList', {}],
        ['document.approve', { id: 'ld0', version: 1 }],
      ] as const) {
        const res = await t.call('publish', action, input, openid);
        expect(res).toMatchObject({ ok: false, error: { code } });
      }
      expect(await t.find('legal_documents')).toHaveLength(before);
    },
  );
});

describe('document.approve', () => {
  test('When the drafter approves, then refused; a stale version is a CONFLICT; a second case manager publishes it', async () => {
    const c = await insertCase();
    const d = await saved(c._id);
    expect(await t.call('publish', 'document.approve', { id: d.id, version: 1 }, AG)).toMatchObject(
      {
        ok: false,
        error: { code: 'PRECONDITION_FAILED', message: '不能审核自己起草的信息' },
      },
    );
    expect(
      await t.call('publish', 'document.approve', { id: d.id, version: 2 }, AG2),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await t.call('publish', 'document.get', { id: d.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    const p = data(await t.call('publish', 'document.approve', { id: d.id, version: 1 }, AG2));
    expect(p).toMatchObject({ status: 'published', approvedByName: '吴敏', version: 2 });
    expect(p.publishedAt).not.toBeNull();
    const audit = await t.find('audit', { entity: 'document', entityId: d.id });
    expect(audit.map((a) => a.action).sort()).toEqual(['approve', 'save']);
    const stored = (await t.find('legal_documents', { _id: d.id }))[0];
    expect(stored).toMatchObject({ indexed: true });
    expect(typeof stored.seq).toBe('number');
  });

  test.each([
    ['juvenile', { juvenile: true }, '未成年人犯罪案件的法律文书依法不予公开'],
    ['stateSecret', { stateSecret: true }, '涉及国家秘密的案件的法律文书依法不予公开'],
    ['privacy', { privacy: true }, '涉及个人隐私的案件的法律文书依法不予公开'],
  ])(
    'When the case is flagged %s, then it can never be published, with the reason',
    async (_f, flags, reason) => {
      const c = await insertCase({
        flags: {
          juvenile: false,
          stateSecret: false,
          commercialSecret: false,
          privacy: false,
          sensitiveKind: null,
          ...flags,
        },
      });
      const d = await saved(c._id);
      expect(d.unpublishable).toBe(reason);
      const seen = data(await t.call('publish', 'document.staffGet', { id: d.id }, AG2));
      expect(seen.canApprove).toBe(false);
      const res = await t.call('publish', 'document.approve', { id: d.id, version: 1 }, AG2);
      expect(res).toMatchObject({
        ok: false,
        error: { code: 'PRECONDITION_FAILED', message: reason },
      });
      expect((await t.find('legal_documents', { _id: d.id }))[0]).toMatchObject({
        status: 'draft',
      });
    },
  );

  test('When the case is flagged after the save, then the approval is refused too', async () => {
    const c = await insertCase();
    const d = await saved(c._id);
    t.patchRaw('cases', c._id, (doc) => {
      (doc.flags as Record<string, boolean>).privacy = true;
    });
    const res = await t.call('publish', 'document.approve', { id: d.id, version: 1 }, AG2);
    expect(res).toMatchObject({
      ok: false,
      error: { code: 'PRECONDITION_FAILED', message: '涉及个人隐私的案件的法律文书依法不予公开' },
    });
  });

  test("When the case's parties changed so that the text would be masked differently, then a re-check is asked; after a re-save it publishes", async () => {
    const c = await insertCase({ parties: PARTIES.filter((p) => p.name !== '李小红') });
    const d = await saved(c._id);
    expect(d.redaction.masked).toContain('李小红'); // not a party yet: visible (and flagged)
    t.patchRaw('cases', c._id, (doc) => {
      doc.parties = PARTIES;
    });
    const res = await t.call('publish', 'document.approve', { id: d.id, version: 1 }, AG2);
    expect(res).toMatchObject({
      ok: false,
      error: {
        code: 'PRECONDITION_FAILED',
        message: '案件当事人信息已变更，脱敏结果与保存时不同，请重新保存文书并复核脱敏结果',
      },
    });
    const again = data(
      await t.call('publish', 'document.save', { ...saveInput(c._id), id: d.id, version: 1 }, AG),
    );
    expect(again.redaction.masked).not.toContain('李小红');
    const p = data(await t.call('publish', 'document.approve', { id: d.id, version: 2 }, AG2));
    expect(p.status).toBe('published');
  });

  test('When a published document is saved again, then refused', async () => {
    const c = await insertCase();
    const p = await publishedDoc(c._id);
    const res = await t.call(
      'publish',
      'document.save',
      { ...saveInput(c._id), id: p.id, version: p.version },
      AG,
    );
    expect(res).toMatchObject({ ok: false, error: { code: 'PRECONDITION_FAILED' } });
  });
});

describe('the public: get and search', () => {
  const ids: Record<string, string> = {};
  const day = (iso: string) => ({ $date: `${iso}T02:00:00.000Z` });

  beforeAll(async () => {
    // Published in this order (seq order = publication order); dates set back afterwards.
    const c1 = await insertCase();
    ids.old = (
      await publishedDoc(c1._id, {
        title: '交通肇事案起诉书（一）',
        text: `${TEXT}本案交通肇事情节恶劣。`,
      })
    ).id;
    const c2 = await insertCase();
    ids.theft = (
      await publishedDoc(c2._id, {
        type: 'non_prosecution',
        title: '盗窃案不起诉决定书',
        text: '北京市朝阳区人民检察院不起诉决定书。被不起诉人张三丰盗窃电动车一辆，价值人民币二千元，情节轻微，本院决定不起诉。被害人李小红的损失已获赔偿。交通违法部分另行处理。',
      })
    ).id;
    const c3 = await insertCase({ procuratorateId: '110108' });
    // 110108 has one case manager in the seed: a second one for the two-person rule.
    t.cloud.store.raw.prepare('INSERT OR REPLACE INTO "coll_staff" (_id, doc) VALUES (?, ?)').run(
      'st-110108-ag2',
      JSON.stringify({
        _id: 'st-110108-ag2',
        openid: 'o-staff-110108-ag2',
        name: '钱程',
        procuratorateId: '110108',
        departmentId: '110108-ag',
        roles: ['case_manager'],
        active: true,
      }),
    );
    const d3 = data(
      await t.call(
        'publish',
        'document.save',
        saveInput(c3._id, {
          type: 'protest',
          title: '交通肇事案抗诉书',
          text: '北京市海淀区人民检察院抗诉书。原审被告人张三丰交通肇事一案，原判量刑畸轻，本院依法提出抗诉。交通肇事后逃逸，应当从重处罚。',
        }),
        OTHER_AG,
      ),
    );
    ids.protest = data(
      await t.call('publish', 'document.approve', { id: d3.id, version: 1 }, 'o-staff-110108-ag2'),
    ).id;
    t.patchRaw('legal_documents', ids.old, (doc) => {
      doc.publishedAt = day('2024-01-10');
    });
    t.patchRaw('legal_documents', ids.theft, (doc) => {
      doc.publishedAt = day('2024-06-15');
    });
  });

  test('When anyone gets a published document, then only the masked text, nothing personal', async () => {
    const doc = data(await t.call('publish', 'document.get', { id: ids.old }));
    expect(doc).toMatchObject({
      id: ids.old,
      type: 'indictment',
      typeName: '起诉书',
      procuratorateName: '北京市朝阳区人民检察院',
    });
    expect(doc.text).toContain('被告人张某');
    expect(Object.keys(doc).sort()).toEqual([
      'caseNumber',
      'id',
      'procuratorateName',
      'publishedAt',
      'text',
      'title',
      'type',
      'typeName',
    ]);
    expectNothingPersonal(doc);
  });

  test('When the query is empty, then published documents newest first, filtered by type, procuratorate and dates', async () => {
    const all = data(await t.call('publish', 'document.search', { pageSize: 50 }));
    const times = all.items.map((x) => Date.parse(x.publishedAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(all.total).toBe((await t.find('legal_documents', { status: 'published' })).length);
    expect(all.items.every((x) => x.highlight === null)).toBe(true);
    expectNothingPersonal(all);

    const byType = data(await t.call('publish', 'document.search', { type: 'non_prosecution' }));
    expect(byType.items.map((x) => x.id)).toEqual([ids.theft]);
    expect(byType.items[0]).toMatchObject({ typeName: '不起诉决定书' });
    const byUnit = data(await t.call('publish', 'document.search', { procuratorateId: '110108' }));
    expect(byUnit.items.map((x) => x.id)).toEqual([ids.protest]);
    const byDate = data(
      await t.call('publish', 'document.search', { from: '2024-01-01', to: '2024-06-15' }),
    );
    expect(byDate.items.map((x) => x.id)).toEqual([ids.theft, ids.old]);
    const january = data(
      await t.call('publish', 'document.search', { from: '2024-01-10', to: '2024-01-10' }),
    );
    expect(january.items.map((x) => x.id)).toEqual([ids.old]);
  });

  test('When searched by keyword, then ranked (a phrase first) and highlighted, with every filter', async () => {
    const res = data(await t.call('publish', 'document.search', { q: '交通肇事', pageSize: 50 }));
    // The theft document has 交通 but not 肇事: not a match.
    expect(res.items.map((x) => x.id)).not.toContain(ids.theft);
    expect(res.items.map((x) => x.id)).toEqual(expect.arrayContaining([ids.old, ids.protest]));
    expect(res.items[0].id).toBe(ids.protest); // 交通肇事 in the title and twice in a short text
    expect(res.items[0].highlight).toContain('【交通肇事】');
    expectNothingPersonal(res);

    const theft = data(await t.call('publish', 'document.search', { q: '盗窃 电动车' }));
    expect(theft.items.map((x) => x.id)).toEqual([ids.theft]);
    expect(theft.items[0].highlight).toContain('【盗窃电动车】');
    expect(theft.total).toBe(1);

    const typed = data(
      await t.call('publish', 'document.search', { q: '交通肇事', type: 'protest' }),
    );
    expect(typed.items.map((x) => x.id)).toEqual([ids.protest]);
    const unit = data(
      await t.call('publish', 'document.search', {
        q: '交通',
        procuratorateId: DEMO.unit,
        pageSize: 50,
      }),
    );
    expect(unit.items.map((x) => x.id)).toEqual(expect.arrayContaining([ids.old, ids.theft]));
    expect(unit.items.map((x) => x.id)).not.toContain(ids.protest);
    const dated = data(
      await t.call('publish', 'document.search', {
        q: '交通',
        from: '2024-06-01',
        to: '2024-06-30',
      }),
    );
    expect(dated.items.map((x) => x.id)).toEqual([ids.theft]);
    const before = data(
      await t.call('publish', 'document.search', { q: '交通', to: '2023-12-31' }),
    );
    expect(before).toMatchObject({ items: [], total: 0 });
  });

  test("When someone searches a party's real name or ID number, then nothing is found (only masked text is indexed)", async () => {
    for (const q of ['张三丰', '李小红', ID, PHONE]) {
      const res = data(await t.call('publish', 'document.search', { q }));
      expect(res).toMatchObject({ items: [], total: 0 });
    }
    const masked = data(await t.call('publish', 'document.search', { q: '张某', pageSize: 50 }));
    expect(masked.items.length).toBeGreaterThan(0);
  });

  test('When the input is bad, then BAD_REQUEST names the field', async () => {
    for (const [input, path] of [
      [{ q: '检'.repeat(41) }, 'q'],
      [{ from: '2024/01/01' }, 'from'],
      [{ from: '2024-03-01', to: '2024-02-01' }, 'to'],
      [{ type: 'verdict' }, 'type'],
      [{ pageSize: 51 }, 'pageSize'],
    ] as const) {
      const res = await t.call('publish', 'document.search', input);
      expect(res.ok).toBe(false);
      if (res.ok) continue;
      expect(res.error.code).toBe('BAD_REQUEST');
      expect(res.error.issues?.[0].path).toBe(path);
    }
  });

  test('When drafts and unpublishable documents exist, then the public sees none of them', async () => {
    const c = await insertCase({
      flags: {
        juvenile: true,
        stateSecret: false,
        commercialSecret: false,
        privacy: false,
        sensitiveKind: null,
      },
    });
    const d = await saved(c._id, { title: '未成年人交通肇事案起诉书' });
    expect(await t.call('publish', 'document.get', { id: d.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    const res = data(await t.call('publish', 'document.search', { q: '未成年人' }));
    expect(res.items).toEqual([]);
    const all = data(await t.call('publish', 'document.search', { pageSize: 50 }));
    expect(all.items.some((x) => x.id === d.id)).toBe(false);
  });

  test('When staff list documents, then drafts come first, with the status filter', async () => {
    const list = data(await t.call('publish', 'document.staffList', { pageSize: 50 }, AG));
    const ranks = list.items.map((x) => ({ draft: 0, published: 1, withdrawn: 2 })[x.status]);
    expect([...ranks].sort()).toEqual(ranks);
    expect(list.items.every((x) => x.caseNumber.includes('110105'))).toBe(true);
    const drafts = data(
      await t.call('publish', 'document.staffList', { status: 'draft', pageSize: 50 }, AG),
    );
    expect(drafts.items.every((x) => x.status === 'draft')).toBe(true);
  });
});

describe('the postings', () => {
  const head = async (term: string) => {
    const hex = [...term].map((c) => c.charCodeAt(0).toString(16).padStart(4, '0')).join('');
    return (await t.find('search_postings', { _id: `documents:c${hex}` }))[0] as
      { df: number; last: number; n: number; ids: number[] } | undefined;
  };

  test("When a term's chunk is full, then the next publication goes to a new chunk and is still found", async () => {
    // 罕见 has a full head chunk of 500 other (fictitious, older) numbers.
    const fake = Array.from({ length: 500 }, (_x, i) => -1 - i);
    await t.cloud.store.handle('database.insertDocument', {
      collectionName: 'search_postings',
      data: [
        EJSON.stringify({
          _id: 'documents:c7f5589c1',
          scope: 'documents',
          term: '罕见',
          df: 500,
          last: 0,
          n: 500,
          ids: fake,
        }),
      ],
    });
    const c = await insertCase();
    const p = await publishedDoc(c._id, { title: '罕见的交通肇事案起诉书' });
    const h = await head('罕见');
    expect(h).toMatchObject({ df: 501, last: 1, n: 500 });
    const chunk = (await t.find('search_postings', { _id: 'documents:c7f5589c1:1' }))[0];
    expect(chunk).toMatchObject({ n: 1 });
    const res = data(await t.call('publish', 'document.search', { q: '罕见' }));
    expect(res.items.map((x) => x.id)).toEqual([p.id]);
  });

  test('When indexing stopped after the approval committed, then the repair path indexes it once', async () => {
    const c = await insertCase();
    const p = await publishedDoc(c._id, { title: '危险驾驶案起诉书' });
    const before = (await head('危险')) as { df: number };
    // As if the function stopped before marking it indexed: the repair runs it again.
    t.patchRaw('legal_documents', p.id, (doc) => {
      doc.indexed = false;
    });
    data(await t.call('publish', 'document.staffList', {}, AG));
    expect((await t.find('legal_documents', { _id: p.id }))[0]).toMatchObject({ indexed: true });
    expect(((await head('危险')) as { df: number }).df).toBe(before.df); // not counted twice
    const res = data(await t.call('publish', 'document.search', { q: '危险驾驶' }));
    expect(res.items.map((x) => x.id)).toEqual([p.id]);
  });
});
