// The publishing pages (issue #6): important case information drafted by one case manager, refused
// to the same one and published by a second, then read by the public without a profile or any
// identity, and withdrawn; a legal document saved for a case, shown to the second case manager with
// the original and masked text side by side and every masked span marked, and published; a
// privacy-flagged case's document showing why it may never be published, with no approval; the
// public search with its highlight in bold and the masked document naming nobody; 检务公告, the
// other category of announcements, drafted with the category picker and listed apart; and the
// entries on 我的 and the service hall.
import { SERVICE_GROUPS } from '../../miniprogram/services';
import * as shared from '../../miniprogram/utils/publish';
import * as contract from '../../typings/publish';
import { newCitizen } from './builders';
import { DEMO, Harness } from './harness';

jest.setTimeout(60_000);

const AG = 'o-staff-110105-ag'; // 周婷
const AG2 = 'o-staff-110105-ag2'; // 吴敏

let h: Harness;
/** What the pages set as their title (wx.setNavigationBarTitle), in order. */
let titles: string[] = [];
const pages = {} as Record<
  | 'list'
  | 'edit'
  | 'publicList'
  | 'publicDetail'
  | 'docs'
  | 'docEdit'
  | 'review'
  | 'publicDocs'
  | 'publicDoc'
  | 'me',
  string
>;

beforeAll(async () => {
  h = await Harness.start();
  pages.list = h.load('casework/announcements/index');
  pages.edit = h.load('casework/announcement-edit/index');
  pages.publicList = h.load('public/announcements/index');
  pages.publicDetail = h.load('public/announcement/index');
  pages.docs = h.load('casework/documents/index');
  pages.docEdit = h.load('casework/document-edit/index');
  pages.review = h.load('casework/document-review/index');
  pages.publicDocs = h.load('public/documents/index');
  pages.publicDoc = h.load('public/document/index');
  pages.me = h.load('pages/me/index');
  const wxApi = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
  wxApi.setNavigationBarTitle = (options: { title: string; success?: (res: unknown) => void }) => {
    titles.push(options.title);
    options.success?.({});
  };
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => {
  h.reset();
  titles = [];
});

let seq = 0;
/** A fresh case number of 朝阳 (110105). */
function caseNumber(): string {
  seq += 1;
  return `京朝检刑诉受〔2024〕110105${String(800000 + seq)}号`;
}

const ID = '110105198503021234';
const PHONE = '13912345678';
/** The victim and witness are always masked; the defendant (18 months) is too, surname kept. */
const SECRETS = ['李小红', '小红', '陈宝宝', '宝宝', '张三丰', '三丰', ID, PHONE];

const TEXT =
  '北京市朝阳区人民检察院\n起诉书\n' +
  `被告人张三丰，男，1985年3月2日出生，身份证号码${ID}，联系电话${PHONE}。\n` +
  '2024年5月，被告人张三丰驾驶机动车违反交通运输管理法规，在朝阳区东三环路将被害人李小红撞伤后逃逸，构成交通肇事罪。' +
  '证人陈宝宝目睹了经过。三丰到案后如实供述。';

/** Registers a case of 110105 through the cases function, as case management would. */
async function registeredCase(flags: Record<string, unknown> = {}) {
  return h.data(
    'cases',
    'case.save',
    {
      caseNumber: caseNumber(),
      cause: '交通肇事罪',
      acceptedOn: '2024-06-01',
      timeLimit: '2024-07-15',
      handlingUnit: '第一检察部 李检察官办案组',
      stage: '审查起诉',
      parties: [
        { name: '张三丰', role: 'defendant', age: 38, sentenceMonths: 18, recidivist: false },
        { name: '李小红', role: 'victim', age: 29, recidivist: false },
        { name: '陈宝宝', role: 'witness', age: 15, recidivist: false },
      ],
      measures: [],
      flags: {
        juvenile: false,
        stateSecret: false,
        commercialSecret: false,
        privacy: false,
        sensitiveKind: null,
        ...flags,
      },
    },
    AG,
  );
}

describe('mirrored reference data and text pieces', () => {
  test('When the contract names document types, statuses and limits, then the pages use the same', () => {
    expect([...shared.ANNOUNCEMENT_CATEGORIES]).toEqual([...contract.ANNOUNCEMENT_CATEGORIES]);
    expect(shared.ANNOUNCEMENT_CATEGORY_NAMES).toEqual(contract.ANNOUNCEMENT_CATEGORY_NAMES);
    expect([...shared.DOCUMENT_TYPES]).toEqual([...contract.DOCUMENT_TYPES]);
    expect(shared.DOCUMENT_TYPE_NAMES).toEqual(contract.DOCUMENT_TYPE_NAMES);
    expect([...shared.PUBLICATION_STATUSES]).toEqual([...contract.PUBLICATION_STATUSES]);
    expect(shared.PUBLICATION_STATUS_NAMES).toEqual(contract.PUBLICATION_STATUS_NAMES);
    expect(shared.PUBLISH_PAGE_LIMITS).toMatchObject(contract.PUBLISH_LIMITS);
    const title = (n: number) =>
      contract.announcementSaveInput.safeParse({ title: '标'.repeat(n), body: '正'.repeat(20) })
        .success;
    expect(title(shared.PUBLISH_PAGE_LIMITS.announcementTitleMin)).toBe(true);
    expect(title(shared.PUBLISH_PAGE_LIMITS.announcementTitleMin - 1)).toBe(false);
  });

  test('When a highlight holds markup-like text, then it is cut into plain and bold pieces, never markup', () => {
    expect(shared.highlightPieces('…<b>x</b>被告人【交通肇事】后【逃逸】。')).toEqual([
      { key: 'h0', text: '…<b>x</b>被告人', hit: false },
      { key: 'h1', text: '交通肇事', hit: true },
      { key: 'h2', text: '后', hit: false },
      { key: 'h3', text: '逃逸', hit: true },
      { key: 'h4', text: '。', hit: false },
    ]);
  });
});

describe('重要案件信息', () => {
  const title = '朝阳区检察院依法提起公诉一起重大交通肇事案';
  const body =
    '近日，北京市朝阳区人民检察院对一起交通肇事逃逸案依法提起公诉。检察机关提醒广大驾驶人遵守交通法规。';

  test('When one case manager drafts it, then the same one cannot approve it, the second approves, and the public reads it without a profile or any identity; withdrawn, it is gone', async () => {
    // 周婷 drafts: errors under the fields first.
    const edit = await h.as(AG).open(pages.edit);
    await edit.input('#title-input', '太短');
    await edit.input('#case-number-input', '不是案件编号');
    await edit.tap('#save');
    expect(edit.text('#error-title')).toBe('标题至少5个字');
    expect(edit.text('#error-body')).toBe('请填写正文');
    await edit.input('#title-input', title);
    await edit.input('#body-input', body);
    await edit.tap('#save');
    expect(edit.text('#error-caseNumber')).toContain('案件编号格式不正确');
    const number = caseNumber();
    await edit.input('#case-number-input', number);
    await edit.tap('#save');
    expect(h.recorded.toasts.map((t) => t.title)).toContain('草稿已保存，待另一名案件管理人员审核');
    expect(edit.text('#status-name')).toBe('待审核');
    expect(edit.text('#drafted-by')).toBe('周婷');
    expect(edit.has('#own-draft')).toBe(true);
    expect(edit.has('#approve')).toBe(false);
    const id = edit.data.item.id as string;
    // The function refuses her too.
    const self = await h.call('publish', 'announcement.approve', { id, version: 1 }, AG);
    expect(self).toMatchObject({
      ok: false,
      error: { code: 'PRECONDITION_FAILED', message: '不能审核自己起草的信息' },
    });

    // Not public yet.
    const before = await h.as(null).open(pages.publicList);
    expect(before.text('#empty-state')).toContain('暂无重要案件信息');

    // 吴敏 sees it as hers to review and approves after confirming.
    const list = await h.as(AG2).open(pages.list);
    expect(list.texts('.announcement')[0]).toContain(title);
    expect(list.texts('.announcement')[0]).toContain('待我审核');
    await list.tap('#tab-published');
    expect(list.has('#empty-state')).toBe(true);
    await list.tap('#tab-draft');
    await list.tap('.announcement');
    expect(h.recorded.navigations.at(-1)?.url).toBe(`/casework/announcement-edit/index?id=${id}`);
    const review = await h.as(AG2).open(pages.edit, { id });
    expect(review.text('#shown-title')).toBe(title);
    expect(review.text('#shown-body')).toBe(body);
    expect(review.has('#save')).toBe(false);
    await review.tap('#approve');
    expect(h.recorded.modals.at(-1)).toMatchObject({ title: '审核发布', answer: 'confirm' });
    expect(review.text('#status-name')).toBe('已发布');
    expect(review.text('#approved-by')).toBe('吴敏');
    expect(review.has('#withdraw')).toBe(true);

    // The public: a citizen without a profile, and nobody at all.
    for (const who of [newCitizen('pub'), null]) {
      h.as(who);
      const pub = await h.open(pages.publicList);
      expect(pub.texts('.announcement-title')).toEqual([title]);
      expect(pub.text('.announcement')).toContain('北京市朝阳区人民检察院');
      await pub.input('#search-input', '交通肇事');
      await pub.tap('#search');
      expect(pub.texts('.announcement-title')).toEqual([title]);
      expect(pub.texts('.excerpt .hit')).toContain('交通肇事');
      await pub.input('#search-input', '没有这样的内容');
      await pub.tap('#search');
      expect(pub.text('#empty-state')).toContain('没有找到相关信息');
      await pub.tap('#clear-search');
      await pub.tap('.announcement');
      expect(h.recorded.navigations.at(-1)?.url).toBe(`/public/announcement/index?id=${id}`);
      const detail = await h.open(pages.publicDetail, { id });
      expect(detail.text('#title')).toBe(title);
      expect(detail.text('#body')).toBe(body);
      expect(detail.text('#case-number')).toBe(`案件编号：${number}`);
    }

    // 周婷 withdraws it after confirming: the public no longer sees it.
    h.as(AG);
    const mine = await h.open(pages.edit, { id });
    h.modalAnswer = 'cancel';
    await mine.tap('#withdraw');
    expect(mine.text('#status-name')).toBe('已发布');
    h.modalAnswer = 'confirm';
    await mine.tap('#withdraw');
    expect(h.recorded.modals.at(-1)).toMatchObject({ title: '撤回信息' });
    expect(mine.text('#status-name')).toBe('已撤回');
    expect(mine.has('#withdraw')).toBe(false);
    h.as(null);
    const after = await h.open(pages.publicList);
    expect(after.has('.announcement')).toBe(false);
    const gone = await h.open(pages.publicDetail, { id });
    expect(gone.has('#notfound-state')).toBe(true);
  });

  test('When a stale page approves, then CONFLICT says so and the page reads it again', async () => {
    const v = await h.data(
      'publish',
      'announcement.save',
      { title: '一起职务犯罪案件依法提起公诉', body: body },
      AG,
    );
    const page = await h.as(AG2).open(pages.edit, { id: v.id });
    await h.data(
      'publish',
      'announcement.save',
      { id: v.id, version: 1, title: '一起职务犯罪案件依法提起公诉（修订）', body },
      AG,
    );
    await page.tap('#approve');
    expect(h.recorded.modals.at(-1)).toMatchObject({
      title: '内容已更新',
      content: '内容已被他人修改，请刷新后再试',
    });
    expect(page.text('#shown-title')).toBe('一起职务犯罪案件依法提起公诉（修订）');
    expect(page.has('#approve')).toBe(true);
  });

  test('When a citizen or other staff open the staff pages, then they are told the pages are for case management', async () => {
    for (const who of [DEMO.citizen, DEMO.handler]) {
      const list = await h.as(who).open(pages.list);
      expect(list.has('#forbidden-state')).toBe(true);
      const docs = await h.as(who).open(pages.docs);
      expect(docs.has('#forbidden-state')).toBe(true);
      const edit = await h.as(who).open(pages.docEdit);
      expect(edit.has('#forbidden-state')).toBe(true);
    }
  });
});

describe('检务公告', () => {
  const title = '关于调整来访接待时间的公告';
  const body =
    '自下月起，本院检察服务中心来访接待时间调整为每周一至周五上午9时至12时、下午13时30分至17时30分，法定节假日除外。';

  test('When a case manager picks 检务公告, then there is no case number, the list tags it, and once approved the public finds it only among 检务公告', async () => {
    // Important case information published alongside, which the notices list must leave out.
    const info = await h.data(
      'publish',
      'announcement.save',
      { title: '朝阳区检察院依法办理一起合同诈骗案', body: `${body}（对照）` },
      AG,
    );
    await h.data('publish', 'announcement.approve', { id: info.id, version: info.version }, AG2);

    // 周婷 drafts a notice: the case number field goes away with the category.
    const edit = await h.as(AG).open(pages.edit);
    expect(edit.text('#category-value')).toBe('重要案件信息');
    expect(edit.has('#case-number-input')).toBe(true);
    await edit.input('#case-number-input', caseNumber());
    await edit.change('#category-picker', 1);
    expect(edit.text('#category-value')).toBe('检务公告');
    expect(edit.has('#case-number-input')).toBe(false);
    await edit.input('#title-input', title);
    await edit.input('#body-input', body);
    await edit.tap('#save');
    expect(edit.has('.field-error')).toBe(false);
    expect(edit.text('#status-name')).toBe('待审核');
    expect(edit.text('#category-name')).toBe('检务公告');
    const id = edit.data.item.id as string;
    const saved = h.recorded.calls.find((c) => c.action === 'announcement.save');
    expect(saved?.input).toMatchObject({ category: 'notice' });
    expect(saved?.input).not.toHaveProperty('caseNumber');

    // 吴敏's list tags each row with its category; she approves.
    const list = await h.as(AG2).open(pages.list);
    const row = list.texts('.announcement').find((t) => t.includes(title)) ?? '';
    expect(row).toContain('检务公告');
    expect(row).toContain('待我审核');
    expect(list.texts('.announcement').find((t) => t.includes('合同诈骗'))).toContain(
      '重要案件信息',
    );
    const review = await h.as(AG2).open(pages.edit, { id });
    await review.tap('#approve');
    expect(h.recorded.modals.at(-1)?.content).toContain('“检务公告”');
    expect(review.text('#status-name')).toBe('已发布');

    // The public, without logging in: the notices list holds only notices, titled 检务公告.
    h.as(null);
    const notices = await h.open(pages.publicList, { category: 'notice' });
    expect(titles).toEqual(['检务公告']);
    expect(notices.texts('.announcement-title')).toEqual([title]);
    expect(h.recorded.calls.find((c) => c.action === 'announcement.list')?.input).toMatchObject({
      category: 'notice',
    });
    await notices.input('#search-input', '来访接待');
    await notices.tap('#search');
    expect(notices.texts('.announcement-title')).toEqual([title]);
    await notices.input('#search-input', '合同诈骗');
    await notices.tap('#search');
    expect(notices.text('#empty-state')).toContain('没有找到相关信息');
    // 重要案件信息 (no category in the link) leaves the notice out.
    const cases = await h.open(pages.publicList);
    expect(cases.texts('.announcement-title')).not.toContain(title);
    expect(cases.texts('.announcement-title')).toContain('朝阳区检察院依法办理一起合同诈骗案');
    expect(titles.at(-1)).toBe('重要案件信息');

    const detail = await h.open(pages.publicDetail, { id });
    expect(detail.text('#category')).toBe('检务公告');
    expect(detail.text('#title')).toBe(title);
    expect(detail.has('#case-number')).toBe(false);
    expect(titles.at(-1)).toBe('检务公告');
  });

  test('When a procuratorate has no notices, then the notices list says 暂无检务公告', async () => {
    h.as(null);
    const page = await h.open(pages.publicList, { category: 'notice', procuratorateId: '110108' });
    expect(page.text('#empty-state')).toContain('暂无检务公告');
    expect(page.text('#unit-filter')).toBe('北京市海淀区人民检察院');
    expect(h.recorded.calls.find((c) => c.action === 'announcement.list')?.input).toMatchObject({
      category: 'notice',
      procuratorateId: '110108',
    });
  });
});

describe('法律文书公开', () => {
  test('When a case manager saves a document for a case, then the second sees the original and masked text side by side with every span marked, and publishes it', async () => {
    const c = await registeredCase();
    const edit = await h.as(AG).open(pages.docEdit);
    await edit.tap('#save');
    expect(edit.text('#error-caseId')).toBe('请选择文书所属的案件');
    expect(edit.text('#error-type')).toBe('请选择文书类型');
    await edit.input('#case-query', c.caseNumber);
    await edit.tap('#find-case');
    expect(edit.texts('.case-result')[0]).toContain(c.caseNumber);
    await edit.tap('.case-result');
    expect(edit.text('#chosen-case')).toBe(c.caseNumber);
    await edit.change('#type-picker', 0);
    // A title naming the victim is refused, with the masked form to use.
    await edit.input('#title-input', '李小红被撞案起诉书');
    await edit.input('#text-input', TEXT);
    await edit.tap('#save');
    expect(edit.text('#error-title')).toContain('标题不得含有个人信息');
    await edit.input('#title-input', '交通肇事案起诉书');
    await edit.tap('#save');
    const nav = h.recorded.navigations.at(-1);
    expect(nav?.kind).toBe('redirectTo');
    const id = /id=([^&]+)/.exec(nav?.url ?? '')?.[1] ?? '';
    expect(nav?.url).toBe(`/casework/document-review/index?id=${id}&saved=1`);

    // 周婷's own view: no approval, an edit instead.
    const own = await h.as(AG).open(pages.review, { id });
    expect(own.has('#approve')).toBe(false);
    expect(own.has('#own-draft')).toBe(true);
    expect(own.has('#edit')).toBe(true);

    // 吴敏 reviews: both texts, each masked span marked in both.
    const stored = await h.data('publish', 'document.staffGet', { id }, AG2);
    const review = await h.as(AG2).open(pages.review, { id });
    expect(review.data.doc.consistent).toBe(true);
    expect(review.text('#original-text')).toBe(TEXT.replace(/\s+/g, ' ').trim());
    expect(review.text('#masked-text')).toBe(stored.redaction.masked.replace(/\s+/g, ' ').trim());
    const n = stored.redaction.spans.length;
    expect(n).toBeGreaterThanOrEqual(6);
    expect(review.count('#original-text .mark-mask')).toBe(n);
    expect(review.count('#masked-text .mark-mask')).toBe(n);
    expect(review.texts('#original-text .mark-mask')).toEqual(
      expect.arrayContaining(['张三丰', '李小红', '陈宝宝', ID, PHONE, '三丰']),
    );
    expect(review.texts('#masked-text .mark-mask')).toEqual(
      expect.arrayContaining(['张某', '李某', '陈某']),
    );
    const maskedText = review.text('#masked-text');
    for (const secret of SECRETS) expect(maskedText).not.toContain(secret);
    expect(review.count('.span-row')).toBe(n);
    expect(review.text('#legend')).toContain(`共${n}处`);
    expect(review.has('#unpublishable')).toBe(false);
    // Tapping a marked span tells its kind, what replaced what, and why.
    const victim = review.texts('#original-text .mark-mask').indexOf('李小红');
    await review.tap('#original-text .mark-mask', victim);
    const told = h.recorded.modals.at(-1);
    expect(told?.title).toBe('已脱敏：姓名');
    expect(told?.content).toContain('“李小红”改为“李某”');
    expect(review.count('.mark-selected')).toBe(2);
    // The layout switches between columns and one above the other.
    expect(review.has('.compare-side')).toBe(true);
    await review.tap('#toggle-layout');
    expect(review.has('.compare-stacked')).toBe(true);

    await review.tap('#approve');
    expect(h.recorded.modals.at(-1)).toMatchObject({ title: '审核公开', answer: 'confirm' });
    expect(review.text('#status-name')).toBe('已发布');
    expect(review.text('#approved-by')).toBe('吴敏');
    expect(review.has('#approve')).toBe(false);
    expect(review.has('#open-public')).toBe(true);

    const docs = await h.as(AG).open(pages.docs);
    await docs.tap('#tab-published');
    expect(docs.texts('.document')[0]).toContain('交通肇事案起诉书');
    expect(docs.texts('.document')[0]).toContain('审核：吴敏');
  });

  test("When a privacy-flagged case's document is reviewed, then the reason shows prominently and there is no approve button", async () => {
    const c = await registeredCase({ privacy: true });
    const d = await h.data(
      'publish',
      'document.save',
      { caseId: c.id, type: 'non_prosecution', title: '隐私案件不起诉决定书', text: TEXT },
      AG,
    );
    const review = await h.as(AG2).open(pages.review, { id: d.id });
    expect(review.text('#unpublishable')).toContain('涉及个人隐私的案件的法律文书依法不予公开');
    expect(review.has('#approve')).toBe(false);
    expect(review.has('#own-draft')).toBe(false);
    // Still shown side by side, for the record.
    expect(review.count('#original-text .mark-mask')).toBe(d.redaction.spans.length);
    const docs = await h.as(AG2).open(pages.docs);
    const i = docs.texts('.row-title').indexOf('隐私案件不起诉决定书');
    expect(i).toBeGreaterThanOrEqual(0);
    expect(docs.texts('.document').find((t) => t.includes('隐私案件不起诉决定书'))).toContain(
      '不予公开',
    );
  });

  test('When the public searches by keyword, then the match is bold and the opened document names no party', async () => {
    const c = await registeredCase();
    const d = await h.data(
      'publish',
      'document.save',
      { caseId: c.id, type: 'indictment', title: '东三环交通肇事逃逸案起诉书', text: TEXT },
      AG,
    );
    await h.data('publish', 'document.approve', { id: d.id, version: d.version }, AG2);

    for (const who of [null, newCitizen('doc')]) {
      h.as(who);
      const search = await h.open(pages.publicDocs);
      expect(search.count('.document')).toBeGreaterThan(0);
      await search.input('#search-input', '交通肇事');
      await search.change('#type-picker', 1); // 起诉书
      await search.tap('#search');
      const i = search.texts('.doc-title').indexOf('东三环交通肇事逃逸案起诉书');
      expect(i).toBeGreaterThanOrEqual(0);
      expect(search.texts('.hit')).toContain('交通肇事');
      expect(search.text('#summary')).toContain('“交通肇事”的搜索结果');
      for (const secret of SECRETS) expect(search.text('.page')).not.toContain(secret);
      // A real name finds nothing: only the masked text is indexed.
      await search.input('#search-input', '李小红');
      await search.tap('#search');
      expect(search.text('#empty-state')).toContain('没有找到相关文书');
      // A date range ending before it began is said under the field.
      await search.change('#from-picker', '2024-06-02');
      await search.change('#to-picker', '2024-06-01');
      await search.tap('#search');
      expect(search.text('#error-to')).toBe('截止日期不能早于起始日期');
      await search.tap('#reset');
      await search.tap('.document');
      expect(h.recorded.navigations.at(-1)?.url).toMatch(/^\/public\/document\/index\?id=/);

      const doc = await h.open(pages.publicDoc, { id: d.id });
      expect(doc.text('#title')).toBe('东三环交通肇事逃逸案起诉书');
      expect(doc.text('#type')).toBe('起诉书');
      expect(doc.text('#doc-text')).toContain('被害人李某');
      expect(doc.text('#doc-text')).toContain('被告人张某');
      for (const secret of SECRETS) expect(doc.text('.page')).not.toContain(secret);
    }
    // A draft is not found by the public.
    const draft = await h.data(
      'publish',
      'document.save',
      { caseId: c.id, type: 'indictment', title: '尚未审核的起诉书', text: TEXT },
      AG,
    );
    const missing = await h.as(null).open(pages.publicDoc, { id: draft.id });
    expect(missing.has('#notfound-state')).toBe(true);
  });
});

describe('entries', () => {
  test('When a case manager opens 我的, then 信息发布 and 文书公开 are there; a citizen sees neither', async () => {
    const me = await h.as(AG).open(pages.me);
    await me.tap('#link-announcements');
    await me.tap('#link-documents');
    expect(h.recorded.navigations.map((n) => n.url)).toEqual([
      '/casework/announcements/index',
      '/casework/documents/index',
    ]);
    const citizen = await h.as(DEMO.citizen).open(pages.me);
    expect(citizen.has('#link-announcements')).toBe(false);
    expect(citizen.has('#link-documents')).toBe(false);
  });

  test('When the service hall lists 案件信息公开, then 重要案件信息, 检务公告 and 法律文书公开 open the public pages', () => {
    const urls = Object.fromEntries(
      SERVICE_GROUPS.flatMap((g) => g.services).map((s) => [s.key, s.url]),
    );
    expect(urls['important-cases']).toBe('/public/announcements/index');
    expect(urls['affairs-notices']).toBe('/public/announcements/index?category=notice');
    expect(urls['legal-documents']).toBe('/public/documents/index');
  });
});
