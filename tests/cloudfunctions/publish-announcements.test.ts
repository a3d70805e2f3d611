// Important case information (publish function, announcement.*), run as the built bundle on
// devcloud: drafting, the two-person rule, withdrawal, the public list, search and detail.
import { data, DEMO, openTestCloud, type TestCloud } from '../helpers/cloud';

const AG = 'o-staff-110105-ag'; // 周婷, case manager of 110105
const AG2 = 'o-staff-110105-ag2'; // 吴敏, case manager of 110105
const OTHER_AG = 'o-staff-110108-ag'; // case manager of 110108

let t: TestCloud;

beforeAll(async () => {
  t = await openTestCloud();
});
afterAll(async () => {
  await t.close();
});

function draftInput(overrides: Record<string, unknown> = {}) {
  return {
    title: '朝阳区检察院依法对一起交通肇事案提起公诉',
    body: '近日，北京市朝阳区人民检察院依法对被告人张某涉嫌交通肇事一案提起公诉。经审查查明，被告人驾驶机动车肇事后逃逸。',
    caseNumber: '京朝检刑诉受[2024]110105000123号',
    ...overrides,
  };
}

async function draft(overrides: Record<string, unknown> = {}, openid = AG) {
  return data(await t.call('publish', 'announcement.save', draftInput(overrides), openid));
}

async function published(overrides: Record<string, unknown> = {}) {
  const d = await draft(overrides);
  return data(
    await t.call('publish', 'announcement.approve', { id: d.id, version: d.version }, AG2),
  );
}

describe('drafting', () => {
  test('When a case manager saves a draft, then it is a draft of their procuratorate, the case number normalised, audited', async () => {
    const d = await draft();
    expect(d).toMatchObject({
      procuratorateId: DEMO.unit,
      procuratorateName: '北京市朝阳区人民检察院',
      status: 'draft',
      statusName: '待审核',
      caseNumber: '京朝检刑诉受〔2024〕110105000123号',
      draftedByName: '周婷',
      approvedByName: null,
      canApprove: false,
      publishedAt: null,
      version: 1,
    });
    const audit = await t.find('audit', { entity: 'announcement', entityId: d.id });
    expect(audit).toMatchObject([{ action: 'save' }]);
    // The other case manager may approve it.
    const list = data(await t.call('publish', 'announcement.staffList', { status: 'draft' }, AG2));
    expect(list.items.find((x) => x.id === d.id)?.canApprove).toBe(true);
  });

  test.each([
    ['title', { title: '太短' }, '标题至少5个字'],
    ['body', { body: '正文太短了' }, '正文至少20个字'],
    [
      'caseNumber',
      { caseNumber: '不是案号' },
      '案件编号格式不正确，例如：京检刑诉受〔2023〕110000000001号',
    ],
    ['extra', { extra: 1 }, '不支持的字段：extra'],
  ])(
    'When %s is bad, then BAD_REQUEST names it and nothing is written',
    async (path, overrides, message) => {
      const before = (await t.find('announcements')).length;
      const res = await t.call('publish', 'announcement.save', draftInput(overrides), AG);
      expect(res.ok).toBe(false);
      if (res.ok) return;
      expect(res.error.code).toBe('BAD_REQUEST');
      expect(res.error.issues).toContainEqual({ path, message });
      expect(await t.find('announcements')).toHaveLength(before);
    },
  );

  test('When a draft is edited, then the version is required and checked, and the editor may no longer approve it', async () => {
    const d = await draft();
    const noVersion = await t.call(
      'publish',
      'announcement.save',
      { ...draftInput({ title: '修改后的标题：交通肇事案' }), id: d.id },
      AG2,
    );
    expect(noVersion).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const stale = await t.call(
      'publish',
      'announcement.save',
      { ...draftInput(), id: d.id, version: 7 },
      AG2,
    );
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const edited = data(
      await t.call(
        'publish',
        'announcement.save',
        { ...draftInput({ title: '修改后的标题：交通肇事案' }), id: d.id, version: 1 },
        AG2,
      ),
    );
    expect(edited).toMatchObject({ title: '修改后的标题：交通肇事案', version: 2 });
    // 吴敏 edited it, 周婷 drafted it: neither may approve.
    for (const who of [AG, AG2]) {
      const res = await t.call('publish', 'announcement.approve', { id: d.id, version: 2 }, who);
      expect(res).toMatchObject({
        ok: false,
        error: { code: 'PRECONDITION_FAILED', message: '不能审核自己起草的信息' },
      });
    }
  });
});

describe('approval (two persons)', () => {
  test('When the drafter approves their own draft, then it is refused and stays a draft', async () => {
    const d = await draft();
    const res = await t.call('publish', 'announcement.approve', { id: d.id, version: 1 }, AG);
    expect(res).toMatchObject({
      ok: false,
      error: { code: 'PRECONDITION_FAILED', message: '不能审核自己起草的信息' },
    });
    expect((await t.find('announcements', { _id: d.id }))[0]).toMatchObject({ status: 'draft' });
  });

  test('When the version is stale, then CONFLICT', async () => {
    const d = await draft();
    const res = await t.call('publish', 'announcement.approve', { id: d.id, version: 3 }, AG2);
    expect(res).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  test('When a second case manager approves, then it is published with publishedAt, audited, and no longer editable', async () => {
    const d = await draft();
    const p = data(await t.call('publish', 'announcement.approve', { id: d.id, version: 1 }, AG2));
    expect(p).toMatchObject({
      status: 'published',
      statusName: '已发布',
      approvedByName: '吴敏',
      draftedByName: '周婷',
      canApprove: false,
      version: 2,
    });
    expect(Date.parse(p.publishedAt as string)).toBeGreaterThan(Date.now() - 60_000);
    const audit = await t.find('audit', { entity: 'announcement', entityId: d.id });
    expect(audit.map((a) => a.action).sort()).toEqual(['approve', 'save']);
    const edit = await t.call(
      'publish',
      'announcement.save',
      { ...draftInput(), id: d.id, version: 2 },
      AG,
    );
    expect(edit).toMatchObject({ ok: false, error: { code: 'PRECONDITION_FAILED' } });
    const again = await t.call('publish', 'announcement.approve', { id: d.id, version: 2 }, AG2);
    expect(again).toMatchObject({ ok: false, error: { code: 'PRECONDITION_FAILED' } });
  });
});

describe('who may', () => {
  test('When staff of another procuratorate act on an item, then it does not exist for them', async () => {
    const d = await draft();
    for (const action of ['announcement.approve', 'announcement.withdraw'] as const) {
      const res = await t.call('publish', action, { id: d.id, version: 1 }, OTHER_AG);
      expect(res).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
    const edit = await t.call(
      'publish',
      'announcement.save',
      { ...draftInput(), id: d.id, version: 1 },
      OTHER_AG,
    );
    expect(edit).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const list = data(await t.call('publish', 'announcement.staffList', {}, OTHER_AG));
    expect(list.items.some((x) => x.id === d.id)).toBe(false);
  });

  test.each([
    ['a petition registrar', 'FORBIDDEN', DEMO.registrar],
    ['a leader', 'FORBIDDEN', DEMO.leader],
    ['a citizen', 'FORBIDDEN', DEMO.citizen],
    ['nobody', 'UNAUTHENTICATED', undefined],
  ])('When %s calls the staff actions, then %s', async (_who, code, openid) => {
    const before = (await t.find('announcements')).length;
    for (const [action, input] of [
      ['announcement.save', draftInput()],
      ['announcement.approve', { id: 'an0', version: 1 }],
      ['announcement.withdraw', { id: 'an0', version: 1 }],
      ['announcement.staffList', {}],
    ] as const) {
      const res = await t.call('publish', action, input, openid);
      expect(res).toMatchObject({ ok: false, error: { code } });
    }
    expect(await t.find('announcements')).toHaveLength(before);
  });
});

describe('withdrawal', () => {
  test('When a published item is withdrawn, then it is public no more, audited; a draft cannot be withdrawn', async () => {
    const d = await draft();
    const notYet = await t.call('publish', 'announcement.withdraw', { id: d.id, version: 1 }, AG);
    expect(notYet).toMatchObject({ ok: false, error: { code: 'PRECONDITION_FAILED' } });
    const p = data(await t.call('publish', 'announcement.approve', { id: d.id, version: 1 }, AG2));
    expect(data(await t.call('publish', 'announcement.get', { id: p.id }))).toMatchObject({
      id: p.id,
    });
    const w = data(
      await t.call('publish', 'announcement.withdraw', { id: p.id, version: p.version }, AG),
    );
    expect(w).toMatchObject({ status: 'withdrawn', statusName: '已撤回' });
    expect(await t.call('publish', 'announcement.get', { id: p.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    const listed = data(await t.call('publish', 'announcement.list', { pageSize: 50 }));
    expect(listed.items.some((x) => x.id === p.id)).toBe(false);
    const searched = data(
      await t.call('publish', 'announcement.list', { q: '交通肇事', pageSize: 50 }),
    );
    expect(searched.items.some((x) => x.id === p.id)).toBe(false);
    const audit = await t.find('audit', { entity: 'announcement', entityId: p.id });
    expect(audit.map((a) => a.action).sort()).toEqual(['approve', 'save', 'withdraw']);
  });
});

describe('the public', () => {
  let fraud: string;
  let other: string;
  beforeAll(async () => {
    fraud = (
      await published({
        title: '朝阳区检察院办理一起电信网络诈骗案',
        body: '朝阳区人民检察院依法对一起电信网络诈骗案件提起公诉，涉案金额巨大，被害人众多。',
        caseNumber: undefined,
      })
    ).id;
    const d = await draft(
      {
        title: '海淀区检察院发布未成年人检察白皮书',
        body: '海淀区人民检察院发布未成年人检察工作白皮书，介绍近三年办理的未成年人案件情况及诈骗防范。',
      },
      OTHER_AG,
    );
    // The 110108 procuratorate has one case manager: approve it with a second one for the test.
    const raw = t.cloud.store.raw;
    raw.prepare('INSERT OR REPLACE INTO "coll_staff" (_id, doc) VALUES (?, ?)').run(
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
    other = data(
      await t.call(
        'publish',
        'announcement.approve',
        { id: d.id, version: d.version },
        'o-staff-110108-ag2',
      ),
    ).id;
  });

  test('When anyone lists, then only published items, newest first, without logging in', async () => {
    const drafted = await draft({ title: '尚未审核的信息不应公开出现' });
    const list = data(await t.call('publish', 'announcement.list', { pageSize: 50 }));
    expect(list.items.some((x) => x.id === drafted.id)).toBe(false);
    expect(list.items[0].id).toBe(other);
    const times = list.items.map((x) => Date.parse(x.publishedAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(list.total).toBe(list.items.length);
    const stored = await t.find('announcements', { status: 'published' });
    expect(list.total).toBe(stored.length);
    expect(await t.call('publish', 'announcement.get', { id: drafted.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  test('When listed by procuratorate, then only its items', async () => {
    const list = data(
      await t.call('publish', 'announcement.list', { procuratorateId: '110108', pageSize: 50 }),
    );
    expect(list.items.map((x) => x.id)).toEqual([other]);
    expect(list.items[0].procuratorateName).toBe('北京市海淀区人民检察院');
  });

  test('When searched by keyword, then matches are ranked and highlighted, and filtered by procuratorate', async () => {
    const list = data(await t.call('publish', 'announcement.list', { q: '诈骗' }));
    expect(list.items.map((x) => x.id).sort()).toEqual([fraud, other].sort());
    expect(list.items[0].id).toBe(fraud); // 诈骗 twice, in the title too
    expect(list.items[0].excerpt).toContain('【诈骗】');
    const phrase = data(await t.call('publish', 'announcement.list', { q: '电信网络诈骗' }));
    expect(phrase.items.map((x) => x.id)).toEqual([fraud]);
    const there = data(
      await t.call('publish', 'announcement.list', { q: '诈骗', procuratorateId: '110108' }),
    );
    expect(there.items.map((x) => x.id)).toEqual([other]);
    const none = data(await t.call('publish', 'announcement.list', { q: '抗诉' }));
    expect(none).toMatchObject({ items: [], total: 0 });
  });

  test('When a query is too long, then BAD_REQUEST', async () => {
    const res = await t.call('publish', 'announcement.list', { q: '诈'.repeat(41) });
    expect(res).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  test('When staff list their items, then drafts come first, then published and withdrawn', async () => {
    const list = data(await t.call('publish', 'announcement.staffList', { pageSize: 50 }, AG));
    const ranks = list.items.map((x) => ({ draft: 0, published: 1, withdrawn: 2 })[x.status]);
    expect([...ranks].sort()).toEqual(ranks);
    expect(list.items.every((x) => x.procuratorateId === DEMO.unit)).toBe(true);
    const drafts = data(
      await t.call('publish', 'announcement.staffList', { status: 'draft', pageSize: 50 }, AG),
    );
    expect(drafts.items.every((x) => x.status === 'draft')).toBe(true);
    expect(drafts.total).toBe(drafts.items.length);
  });
});

describe('categories: 检务公告 (procuratorial affairs announcements)', () => {
  const NOTICE = {
    category: 'notice',
    title: '关于调整来访接待时间的公告',
    body: '自下月起，本院检察服务中心来访接待时间调整为每周一至周五上午9时至12时、下午13时30分至17时30分，法定节假日除外。',
  };
  let notice: string;
  let otherNotice: string;
  let legacy: string;

  beforeAll(async () => {
    // An item published before there were categories: stored without the field.
    legacy = (
      await published({
        title: '朝阳区检察院依法对一起危险驾驶案提起公诉',
        body: '朝阳区人民检察院依法对一起醉酒驾驶机动车的危险驾驶案提起公诉，提醒广大驾驶人切勿酒后驾车。',
        caseNumber: undefined,
      })
    ).id;
    t.cloud.store.raw
      .prepare(`UPDATE "coll_announcements" SET doc = json_remove(doc, '$.category') WHERE _id = ?`)
      .run(legacy);
    // A notice of 110108, approved by a second case manager there (added in 'the public').
    const d = await draft(
      {
        category: 'notice',
        title: '海淀区检察院关于检察开放日活动的公告',
        body: '海淀区人民检察院将于本月举办检察开放日活动，欢迎社会各界人士报名参加，现场了解检察工作和来访接待流程。',
        caseNumber: undefined,
      },
      OTHER_AG,
    );
    otherNotice = data(
      await t.call(
        'publish',
        'announcement.approve',
        { id: d.id, version: d.version },
        'o-staff-110108-ag2',
      ),
    ).id;
  });

  test('When a case manager drafts a 检务公告 and a second approves it, then it is a published notice with no case number, audited with its category', async () => {
    const d = data(
      await t.call('publish', 'announcement.save', { ...NOTICE, caseNumber: undefined }, AG),
    );
    expect(d).toMatchObject({
      category: 'notice',
      categoryName: '检务公告',
      caseNumber: null,
      status: 'draft',
      draftedByName: '周婷',
    });
    const self = await t.call('publish', 'announcement.approve', { id: d.id, version: 1 }, AG);
    expect(self).toMatchObject({ ok: false, error: { code: 'PRECONDITION_FAILED' } });
    const p = data(await t.call('publish', 'announcement.approve', { id: d.id, version: 1 }, AG2));
    expect(p).toMatchObject({
      category: 'notice',
      status: 'published',
      approvedByName: '吴敏',
    });
    notice = p.id;
    const audit = await t.find('audit', { entity: 'announcement', entityId: d.id });
    expect(audit.find((a) => a.action === 'save')).toMatchObject({
      detail: { created: true, category: 'notice' },
    });
    expect(data(await t.call('publish', 'announcement.get', { id: notice }))).toMatchObject({
      category: 'notice',
      categoryName: '检务公告',
      caseNumber: null,
      procuratorateName: '北京市朝阳区人民检察院',
    });
  });

  test('When a 检务公告 carries a case number, then BAD_REQUEST names caseNumber and nothing is written; an edit cannot add one either', async () => {
    const before = (await t.find('announcements')).length;
    const res = await t.call(
      'publish',
      'announcement.save',
      { ...NOTICE, caseNumber: '京朝检刑诉受[2024]110105000123号' },
      AG,
    );
    expect(res).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    if (res.ok) return;
    expect(res.error.issues?.map((i) => i.path)).toEqual(['caseNumber']);
    expect(res.error.issues?.[0].message).toContain('检务公告不填写案件编号');
    expect(await t.find('announcements')).toHaveLength(before);

    const d = data(await t.call('publish', 'announcement.save', NOTICE, AG));
    const edit = await t.call(
      'publish',
      'announcement.save',
      { ...NOTICE, id: d.id, version: 1, caseNumber: '京朝检刑诉受[2024]110105000123号' },
      AG,
    );
    expect(edit).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', issues: [{ path: 'caseNumber' }] },
    });
    expect((await t.find('announcements', { _id: d.id }))[0]).toMatchObject({
      version: 1,
      caseNumber: null,
    });
  });

  test('When the category is not one of the two, then BAD_REQUEST names it', async () => {
    const res = await t.call('publish', 'announcement.save', { ...NOTICE, category: 'news' }, AG);
    expect(res).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', issues: [{ path: 'category', message: '请选择信息类别' }] },
    });
    const list = await t.call('publish', 'announcement.list', { category: 'news' });
    expect(list).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  test('When anyone lists by category, then only that category, with its name; by procuratorate too', async () => {
    const notices = data(
      await t.call('publish', 'announcement.list', { category: 'notice', pageSize: 50 }),
    );
    expect(notices.items.map((x) => x.id).sort()).toEqual([notice, otherNotice].sort());
    expect(notices.total).toBe(2);
    expect(notices.items.every((x) => x.categoryName === '检务公告')).toBe(true);

    const caseInfo = data(
      await t.call('publish', 'announcement.list', { category: 'case_info', pageSize: 50 }),
    );
    const ids = caseInfo.items.map((x) => x.id);
    expect(ids).not.toContain(notice);
    expect(ids).not.toContain(otherNotice);
    expect(ids).toContain(legacy);
    expect(caseInfo.items.every((x) => x.category === 'case_info')).toBe(true);
    const all = data(await t.call('publish', 'announcement.list', { pageSize: 50 }));
    expect(caseInfo.total + notices.total).toBe(all.total);

    const here = data(
      await t.call('publish', 'announcement.list', {
        category: 'notice',
        procuratorateId: '110108',
      }),
    );
    expect(here.items.map((x) => x.id)).toEqual([otherNotice]);
    expect(here.items[0].procuratorateName).toBe('北京市海淀区人民检察院');
    const mine = data(
      await t.call('publish', 'announcement.list', {
        category: 'notice',
        procuratorateId: DEMO.unit,
        pageSize: 3,
      }),
    );
    expect(mine.items.map((x) => x.id)).toEqual([notice]);
  });

  test('When searched by keyword within a category, then the category filters the matches', async () => {
    const notices = data(
      await t.call('publish', 'announcement.list', { q: '来访接待', category: 'notice' }),
    );
    expect(notices.items.map((x) => x.id).sort()).toEqual([notice, otherNotice].sort());
    expect(notices.items[0].excerpt).toMatch(/【[^】]*来访/);
    // The notices' facet list (`#c:notice`, id `announcements:fc-notice`) holds exactly the two.
    const [facet] = await t.find('search_postings', { _id: 'announcements:fc-notice' });
    expect(facet).toMatchObject({ df: 2 });
    expect(facet.ids).toHaveLength(2);
    const here = data(
      await t.call('publish', 'announcement.list', {
        q: '来访接待',
        category: 'notice',
        procuratorateId: '110108',
      }),
    );
    expect(here.items.map((x) => x.id)).toEqual([otherNotice]);
    const none = data(
      await t.call('publish', 'announcement.list', { q: '来访接待', category: 'case_info' }),
    );
    expect(none).toMatchObject({ items: [], total: 0 });
    const drunk = data(
      await t.call('publish', 'announcement.list', { q: '危险驾驶', category: 'case_info' }),
    );
    expect(drunk.items.map((x) => x.id)).toEqual([legacy]);
    const notDrunk = data(
      await t.call('publish', 'announcement.list', { q: '危险驾驶', category: 'notice' }),
    );
    expect(notDrunk.items).toEqual([]);
  });

  test('When an item was stored without a category, then it reads, lists and searches as 重要案件信息', async () => {
    expect((await t.find('announcements', { _id: legacy }))[0].category).toBeUndefined();
    expect(data(await t.call('publish', 'announcement.get', { id: legacy }))).toMatchObject({
      category: 'case_info',
      categoryName: '重要案件信息',
    });
    const staff = data(
      await t.call(
        'publish',
        'announcement.staffList',
        { category: 'case_info', pageSize: 50 },
        AG,
      ),
    );
    expect(staff.items.map((x) => x.id)).toContain(legacy);
    expect(staff.items.find((x) => x.id === legacy)?.categoryName).toBe('重要案件信息');
  });

  test('When staff list by category, then only their procuratorate’s items of it', async () => {
    const notices = data(
      await t.call('publish', 'announcement.staffList', { category: 'notice', pageSize: 50 }, AG),
    );
    expect(notices.items.length).toBeGreaterThanOrEqual(2); // the published one, a draft
    expect(notices.items.every((x) => x.category === 'notice')).toBe(true);
    expect(notices.items.every((x) => x.procuratorateId === DEMO.unit)).toBe(true);
    expect(notices.total).toBe(notices.items.length);
    const published = data(
      await t.call(
        'publish',
        'announcement.staffList',
        { category: 'notice', status: 'published', pageSize: 50 },
        AG,
      ),
    );
    expect(published.items.map((x) => x.id)).toEqual([notice]);
    const caseInfo = data(
      await t.call(
        'publish',
        'announcement.staffList',
        { category: 'case_info', pageSize: 50 },
        AG,
      ),
    );
    expect(caseInfo.items.some((x) => x.category === 'notice')).toBe(false);
    const all = data(await t.call('publish', 'announcement.staffList', { pageSize: 50 }, AG));
    expect(caseInfo.total + notices.total).toBe(all.total);
  });
});
