// Case management's pages (casework/): registering and editing a case (parties, measures, flags,
// errors under nested fields, the progress note told to a bound person, CONFLICT on a stale page),
// the bulk import (a bad row listed and nothing written, then the counts), the reviews of binding
// requests (proofs shown and opened) and lawyers' verifications (a refusal needs a reason), the
// forbidden state for other staff, and the entries on 我的 and the service hall.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as shared from '../../miniprogram/casework/cases-shared';
import { CSV_COLUMNS, readImportFile } from '../../domain/cases/import-file';
import * as contract from '../../typings/cases';
import { boundTo, registerCase, verifiedLawyer } from '../helpers/cases';
import { citizenWithProfile, newCitizen } from './builders';
import { DEMO, Harness, type PageHandle } from './harness';

jest.setTimeout(60_000);

const AG = 'o-staff-110105-ag';
const AG2 = 'o-staff-110105-ag2';

const root = join(__dirname, '..', '..');
const PROGRESS: string = JSON.parse(readFileSync(join(root, 'config', 'templates.json'), 'utf8'))
  .caseProgress.id;

let h: Harness;
let listPage: string;
let editPage: string;
let importPage: string;
let reviewsPage: string;
let reviewPage: string;
let mePage: string;
let hallPage: string;

beforeAll(async () => {
  h = await Harness.start();
  listPage = h.load('casework/cases/index');
  editPage = h.load('casework/case-edit/index');
  importPage = h.load('casework/case-import/index');
  reviewsPage = h.load('casework/reviews/index');
  reviewPage = h.load('casework/review/index');
  mePage = h.load('pages/me/index');
  hallPage = h.load('pages/index/index');
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => h.reset());

let seq = 0;
/** A fresh case number of 朝阳 (110105), as the unified system writes it. */
function caseNumber(): string {
  seq += 1;
  return `京朝检刑诉受〔2024〕110105${String(700000 + seq)}号`;
}

/** Registers a case through the function, as another staff member would. */
function registered(extra: Record<string, unknown> = {}) {
  return registerCase(h.cloud, caseNumber(), {
    parties: [
      { name: '张三', role: 'suspect', age: 30, recidivist: false },
      { name: '李四', role: 'victim', recidivist: false },
    ],
    flags: {
      juvenile: false,
      stateSecret: false,
      commercialSecret: false,
      privacy: false,
      sensitiveKind: null,
    },
    ...extra,
  });
}

/** A citizen with a profile named 张三 asking to be bound to the case as the party, with proofs. */
async function bindingRequest(number: string, proofNames = ['id.jpg']) {
  const citizen = await citizenWithProfile(h, 'bind', '张三');
  const proofs = proofNames.map((name) => ({ name, content: `proof ${name}` }));
  const id = await boundTo(h.cloud, citizen, number, { proofs, review: 'none' });
  return { citizen, id };
}

/** Fills the registration form's own fields (the date pickers answer `YYYY-MM-DD`). */
async function fillCase(page: PageHandle, number: string, opts: { acceptedOn?: string } = {}) {
  await page.input('#case-number', number);
  await page.input('#cause', '盗窃罪');
  if (opts.acceptedOn !== '') await page.change('#accepted-on', opts.acceptedOn ?? '2024-03-01');
  await page.change('#time-limit', '2024-04-15');
  await page.input('#handling-unit', '第一检察部 王检察官办案组');
  await page.input('#stage', '审查起诉');
}

describe('mirrored reference data', () => {
  test('When the contract names party roles, sensitive kinds and limits, then the pages use the same', () => {
    expect([...shared.PARTY_ROLES]).toEqual([...contract.PARTY_ROLES]);
    expect(shared.PARTY_ROLE_NAMES).toEqual(contract.PARTY_ROLE_NAMES);
    expect([...shared.SENSITIVE_KINDS]).toEqual([...contract.SENSITIVE_KINDS]);
    expect(shared.SENSITIVE_KIND_NAMES).toEqual(contract.SENSITIVE_KIND_NAMES);
    expect(shared.CASE_PAGE_LIMITS).toMatchObject(contract.CASE_LIMITS);
    const reason = (n: number) =>
      contract.reviewInput.safeParse({ id: 'bd1', approve: false, reason: '理'.repeat(n) }).success;
    expect(reason(shared.CASE_PAGE_LIMITS.reasonMax)).toBe(true);
    expect(reason(shared.CASE_PAGE_LIMITS.reasonMax + 1)).toBe(false);
  });

  test('When the import page explains the CSV, then it lists the columns the import reads, and its example row is a valid case', () => {
    expect(shared.CSV_COLUMN_HELP.map((c) => c.column)).toEqual([...CSV_COLUMNS]);
    const read = readImportFile(`${shared.CSV_EXAMPLE_HEADER}\n${shared.CSV_EXAMPLE_ROW}\n`);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.rows).toHaveLength(1);
    expect(contract.caseSaveInput.safeParse({ ...(read.rows[0] as object) }).success).toBe(true);
  });
});

describe('登记/编辑案件', () => {
  test('When a case manager registers a case with parties, a measure and a flag, then it is saved as shown and listed with its 不公开 tag', async () => {
    const number = caseNumber().replace('〔', '[').replace('〕', ']');
    const page = await h.as(AG).open(editPage);
    expect(page.text('#mode-title')).toBe('登记案件');
    expect(page.text('#case-number-hint')).toContain('〔〕、[]、()均可');
    expect(page.has('#progress-note')).toBe(false);
    await fillCase(page, number);
    await page.input('#party-0-name', '张三');
    await page.change('#party-0-role', 0);
    await page.input('#party-0-age', '35');
    await page.change('#party-0-recidivist', true);
    await page.tap('#add-party');
    await page.input('#party-1-name', '李四');
    await page.change('#party-1-role', 2);
    await page.tap('#add-measure');
    expect(page.data.partyNames).toEqual(['张三', '李四']);
    await page.change('#measure-0-party', 0);
    await page.input('#measure-0-measure', '取保候审');
    await page.change('#measure-0-from', '2024-03-01');
    await page.change('#measure-0-to', '2025-02-28');
    await page.change('#flag-privacy', true);
    await page.change('#sensitive-kind', 5);
    await page.tap('#save');

    expect(h.recorded.toasts.map((t) => t.title)).toContain('案件已登记');
    expect(page.text('#mode-title')).toBe('编辑案件');
    expect(page.text('#binding-counts')).toBe('已绑定本案0人 · 待审核绑定申请0件');
    expect(page.texts('.timeline-stage')).toEqual(['审查起诉']);
    expect(page.has('#progress-note')).toBe(true);
    const id = page.data.caseId as string;
    const saved = await h.data('cases', 'case.get', { id }, AG);
    expect(saved).toMatchObject({
      caseNumber: number.replace('[', '〔').replace(']', '〕'),
      cause: '盗窃罪',
      acceptedOn: '2024-03-01',
      timeLimit: '2024-04-15',
      stage: '审查起诉',
      result: null,
      parties: [
        { name: '张三', role: 'suspect', age: 35, recidivist: true },
        { name: '李四', role: 'victim', recidivist: false },
      ],
      measures: [{ partyName: '张三', measure: '取保候审', from: '2024-03-01', to: '2025-02-28' }],
      flags: { privacy: true, juvenile: false, sensitiveKind: 'organised_crime' },
      version: 1,
    });
    // Shown normalised on the page too.
    expect(page.data.caseNumber).toBe(saved.caseNumber);

    const list = await h.as(AG).open(listPage);
    const i = list.texts('.case-number').indexOf(saved.caseNumber);
    expect(i).toBeGreaterThanOrEqual(0);
    expect(list.texts('.case')[i]).toContain('不公开');
    expect(list.texts('.case')[i]).toContain('盗窃罪');
    expect(list.texts('.case')[i]).toContain('受理：2024-03-01 · 期限：2024-04-15');
    await list.tap('.case', i);
    expect(h.recorded.navigations.at(-1)).toEqual({
      kind: 'navigateTo',
      url: `/casework/case-edit/index?id=${id}`,
    });

    // Searching by the number's beginning and by the cause.
    await list.input('#search-input', saved.caseNumber);
    await list.tap('#search');
    expect(list.texts('.case-number')).toEqual([saved.caseNumber]);
    await list.input('#search-input', '没有这种案由');
    await list.tap('#search');
    expect(list.text('#empty-state')).toContain('没有找到案件');
    await list.tap('#clear-search');
    expect(list.texts('.case-number')).toContain(saved.caseNumber);
  });

  test('When the form has a missing date, then the error shows under it; a bad number, a repeated party and a measure of someone no longer a party show under their own fields', async () => {
    const page = await h.as(AG).open(editPage);
    await fillCase(page, '这不是案件编号123456789012', { acceptedOn: '' });
    await page.input('#party-0-name', '张三');
    await page.change('#party-0-role', 0);
    await page.tap('#add-party');
    await page.input('#party-1-name', '王五');
    await page.change('#party-1-role', 0);
    await page.tap('#add-measure');
    await page.change('#measure-0-party', 0);
    await page.input('#measure-0-measure', '刑事拘留');
    await page.change('#measure-0-from', '2024-03-02');
    await page.tap('#save');
    expect(page.text('#error-acceptedOn')).toBe('请填写受理时间');
    expect(page.has('#error-caseNumber')).toBe(false);

    await page.change('#accepted-on', '2024-03-01');
    expect(page.has('#error-acceptedOn')).toBe(false);
    // 张三 is renamed after the measure named him; the second party now repeats the first.
    await page.input('#party-0-name', '王五');
    await page.tap('#save');
    expect(page.text('#error-caseNumber')).toContain('案件编号格式不正确');
    expect(page.text('#error-parties-1-name')).toBe('当事人“王五”在同一诉讼地位下重复');
    expect(page.has('#error-parties-0-name')).toBe(false);
    expect(page.text('#error-measures-0-partyName')).toBe('被采取强制措施的“张三”不是本案当事人');
    expect(page.has('#form-error')).toBe(false);
    expect(page.data.caseId).toBe('');

    // Another procuratorate's number is named too.
    await page.input('#case-number', '京海检刑诉受〔2024〕110108000321号');
    await page.input('#party-1-name', '赵六');
    await page.change('#measure-0-party', 0);
    await page.tap('#save');
    expect(page.text('#error-caseNumber')).toBe('案件编号中的单位代码110108不是本院的代码110105');
    expect(page.has('#error-measures-0-partyName')).toBe(false);
  });

  test('When the stage changes with a progress note, then the staff member is asked first, the timeline grows and the bound person is sent the note', async () => {
    const v = await registered();
    const { citizen, id } = await bindingRequest(v.caseNumber);
    await h.data('cases', 'binding.review', { id, approve: true }, AG);
    h.cloud.grantSubscription(citizen, { [PROGRESS]: 'accept' });

    const page = await h.as(AG).open(editPage, { id: v.id });
    expect(page.text('#binding-counts')).toBe('已绑定本案1人 · 待审核绑定申请0件');
    expect(page.data.parties.map((p: { name: string }) => p.name)).toEqual(['张三', '李四']);
    expect(page.data.measures[0]).toMatchObject({ partyName: '张三', partyIndex: 0 });

    // Cancelled: nothing is sent.
    await page.input('#stage', '提起公诉');
    await page.input('#progress-note', '本院已向法院提起公诉');
    h.modalAnswer = 'cancel';
    await page.tap('#save');
    expect(h.recorded.modals.at(-1)).toMatchObject({ title: '确认保存' });
    expect(h.recorded.modals.at(-1)?.content).toContain('已绑定本案的1人：“本院已向法院提起公诉”');
    expect((await h.data('cases', 'case.get', { id: v.id }, AG)).version).toBe(1);

    h.modalAnswer = 'confirm';
    await page.tap('#save');
    expect(h.recorded.toasts.map((t) => t.title)).toContain('案件已保存');
    expect(page.data.version).toBe(2);
    expect(page.texts('.timeline-stage')).toEqual(['提起公诉', '审查起诉']);
    expect(page.text('.timeline-note')).toBe('本院已向法院提起公诉');
    expect(page.data.progressNote).toBe('');
    const sent = h.cloud.platform.messages({ touser: citizen, templateId: PROGRESS });
    expect(sent).toHaveLength(1);
    expect(sent[0].data).toMatchObject({
      thing1: { value: '故意伤害罪' },
      phrase2: { value: '提起公诉' },
      thing4: { value: '本院已向法院提起公诉' },
    });
    const stored = await h.data('cases', 'case.get', { id: v.id }, AG);
    expect(stored.timeline.map((s) => [s.stage, s.note])).toEqual([
      ['审查起诉', null],
      ['提起公诉', '本院已向法院提起公诉'],
    ]);

    // Another field only: saved without asking, nobody told.
    const asked = h.recorded.modals.length;
    await page.input('#handling-unit', '第三检察部');
    await page.tap('#save');
    expect(h.recorded.modals).toHaveLength(asked);
    expect(page.data.version).toBe(3);
    expect(h.cloud.platform.messages({ touser: citizen, templateId: PROGRESS })).toHaveLength(1);
  });

  test('When someone else saved the case meanwhile, then saving answers CONFLICT, the page says so and shows their version', async () => {
    const v = await registered();
    const page = await h.as(AG).open(editPage, { id: v.id });
    const current = await h.data('cases', 'case.get', { id: v.id }, AG2);
    await h.data(
      'cases',
      'case.save',
      {
        id: current.id,
        version: current.version,
        caseNumber: current.caseNumber,
        cause: '故意伤害罪（致人重伤）',
        acceptedOn: current.acceptedOn,
        timeLimit: current.timeLimit,
        handlingUnit: current.handlingUnit,
        stage: current.stage,
        parties: current.parties,
        measures: current.measures.map((m) => ({
          partyName: m.partyName,
          measure: m.measure,
          from: m.from,
          ...(m.to ? { to: m.to } : {}),
        })),
        flags: current.flags,
      },
      AG2,
    );

    await page.input('#cause', '寻衅滋事罪');
    await page.tap('#save');
    expect(h.recorded.modals.at(-1)).toMatchObject({
      title: '案件已被他人修改',
      showCancel: false,
    });
    expect(h.recorded.modals.at(-1)?.content).toContain('该案件已被他人修改');
    expect(page.data.version).toBe(2);
    expect(page.data.cause).toBe('故意伤害罪（致人重伤）');
    const stored = await h.data('cases', 'case.get', { id: v.id }, AG);
    expect(stored).toMatchObject({ version: 2, cause: '故意伤害罪（致人重伤）' });
  });
});

describe('批量导入', () => {
  const HEADER = shared.CSV_EXAMPLE_HEADER;

  test('When the file has a bad row, then each problem is listed by row and field and nothing is imported; a good file then shows the counts', async () => {
    const [n1, n2] = [caseNumber(), caseNumber()];
    const bad = [
      HEADER,
      `${n1},盗窃罪,2024-03-01,2024-04-15,第一检察部,审查起诉,,张三:suspect:35;李四:victim,张三:取保候审:2024-03-01,`,
      `${n2},诈骗罪,2024-03-05,2024-03-01,第二检察部,审查逮捕,,王五:boss,,`,
    ].join('\n');
    const page = await h.as(AG).open(importPage);
    expect(page.texts('.column-name')).toEqual([...CSV_COLUMNS]);
    expect(page.text('#example')).toContain(shared.CSV_EXAMPLE_ROW);

    h.nextMessageFiles = [h.tempFile('cases.csv', Buffer.from(bad))];
    await page.tap('#choose-file');
    expect(h.recorded.choices.at(-1)).toMatchObject({
      api: 'chooseMessageFile',
      count: 1,
      extension: ['csv', 'json', 'txt'],
    });
    expect(page.text('#picked-file')).toContain('cases.csv');
    await page.tap('#start-import');
    expect(page.text('#problems-summary')).toContain('未导入任何案件');
    expect(page.texts('.problem')).toEqual(['第2行 当事人1的诉讼地位：请选择诉讼地位']);
    expect(page.has('#import-result')).toBe(false);
    for (const n of [n1, n2]) {
      expect((await h.data('cases', 'case.list', { q: n }, AG)).total).toBe(0);
    }

    // The schema passes now; the record's rules name the dates.
    h.nextMessageFiles = [h.tempFile('cases.csv', Buffer.from(bad.replace(':boss', ':suspect')))];
    await page.tap('#choose-file');
    await page.tap('#start-import');
    expect(page.texts('.problem')).toEqual(['第2行 办案期限：办案期限不能早于受理时间']);

    const good = bad
      .replace(':boss', ':suspect')
      .replace('2024-03-05,2024-03-01', '2024-03-05,2024-05-05');
    h.nextMessageFiles = [h.tempFile('cases.csv', Buffer.from(`\uFEFF${good}\n`))];
    await page.tap('#choose-file');
    await page.tap('#start-import');
    expect(page.text('#import-result')).toBe('导入完成：新登记2件，更新0件。');
    expect(page.has('.problem')).toBe(false);
    expect(h.recorded.uploads.every((u) => u.openid === AG && u.cloudPath.endsWith('.csv'))).toBe(
      true,
    );
    expect((await h.data('cases', 'case.list', { q: n2 }, AG)).items[0]).toMatchObject({
      cause: '诈骗罪',
      stage: '审查逮捕',
    });

    // Not a CSV or JSON: refused on the page.
    h.nextMessageFiles = [h.tempFile('scan.pdf', { size: 100 })];
    await page.tap('#choose-file');
    expect(page.text('#file-error')).toBe('“scan.pdf”不是CSV或JSON文件');
    await page.tap('#start-import');
    expect(page.text('#file-error')).toBe('请先选择要导入的文件');
  });
});

describe('审核', () => {
  test('When a case manager reviews a binding request, then the requester (ID masked), the case’s parties and the proofs show; a photo previews, a PDF opens; approving is asked first and stored', async () => {
    const v = await registered();
    const { citizen, id } = await bindingRequest(v.caseNumber, ['id.jpg', 'hukou.pdf']);

    const list = await h.as(AG).open(reviewsPage);
    expect(list.text('#tab-binding')).toMatch(/^绑定申请（\d+）$/);
    expect(list.text('#tab-lawyer')).toMatch(/^律师认证（\d+）$/);
    const i = list.texts('.review-title').indexOf(v.caseNumber);
    expect(i).toBeGreaterThanOrEqual(0);
    expect(list.texts('.review-line')[i]).toBe('张三 · 申请作为当事人本人（当事人：张三）');
    await list.tap('.review-item', i);
    expect(h.recorded.navigations.at(-1)).toEqual({
      kind: 'navigateTo',
      url: `/casework/review/index?kind=binding&id=${id}`,
    });

    const page = await h.as(AG).open(reviewPage, { kind: 'binding', id });
    expect(page.text('#case-number')).toBe(v.caseNumber);
    expect(page.text('#requester-name')).toBe('张三');
    expect(page.text('#requester-id')).toBe('110***********002X');
    expect(page.text('#requester-role')).toBe('当事人本人');
    expect(page.texts('.case-party')).toEqual(['张三（犯罪嫌疑人）申请所涉', '李四（被害人）']);
    expect(page.has('#party-unknown')).toBe(false);

    // The photo is shown and previews; the PDF (a link that does not load as a photo) opens.
    const proofs = page.data.req.proofs as { url: string; kind: string }[];
    expect(proofs.map((p) => p.kind)).toEqual(['image', 'image']);
    expect(proofs[0].url).toMatch(/^https?:\/\//);
    await page.tap('#proof-0');
    expect(h.recorded.previews.at(-1)).toEqual({
      urls: [proofs[0].url, proofs[1].url],
      current: proofs[0].url,
    });
    page.comp.querySelector('#proof-1')?.dispatchEvent('error');
    await h.idle();
    expect(page.text('#proof-1')).toBe('打开材料2（PDF）');
    await page.tap('#proof-1');
    expect(h.recorded.downloads.at(-1)).toBe(proofs[1].url);
    expect(h.recorded.documents.at(-1)?.content.toString()).toBe('proof hukou.pdf');

    h.modalAnswer = 'cancel';
    await page.tap('#approve');
    expect(h.recorded.modals.at(-1)?.title).toBe('确认通过');
    expect(h.recorded.calls.some((c) => c.action === 'binding.review')).toBe(false);
    h.modalAnswer = 'confirm';
    await page.tap('#approve');
    expect(page.text('#decision')).toContain('已通过');
    expect(page.has('#approve')).toBe(false);
    const mine = await h.data('cases', 'binding.mine', { page: 1, pageSize: 20 }, citizen);
    expect(mine.items[0]).toMatchObject({ id, status: 'approved', caseId: v.id });
  });

  test('When someone else decided the request meanwhile, then the page says so and it is no longer offered', async () => {
    const v = await registered();
    const { id } = await bindingRequest(v.caseNumber);
    const page = await h.as(AG).open(reviewPage, { kind: 'binding', id });
    await h.data('cases', 'binding.review', { id, approve: false, reason: '材料不清晰' }, AG2);
    await page.tap('#approve');
    expect(h.recorded.modals.at(-1)).toMatchObject({
      title: '申请已被处理',
      content: '该申请已被他人处理，请刷新后查看',
    });
    expect(page.has('#notfound-state')).toBe(true);
  });

  test('When a case manager refuses a lawyer verification without a reason, then the reason is asked for; with one it is refused after asking', async () => {
    const lawyer = newCitizen('lawyer');
    await verifiedLawyer(h.cloud, lawyer, {
      name: '钱律师',
      certificateNumber: '11101201510099887',
      photo: { name: 'cert.jpg', content: 'certificate' },
      review: 'none',
    });

    const list = await h.as(AG).open(reviewsPage, { kind: 'lawyer' });
    expect(list.data.kind).toBe('lawyer');
    expect(list.texts('.review-title')).toContain('钱律师');

    const page = await h.as(AG).open(reviewPage, { kind: 'lawyer', id: lawyer });
    expect(page.text('#lawyer-name')).toBe('钱律师');
    expect(page.text('#lawyer-certificate')).toBe('11101201510099887');
    expect(page.text('#lawyer-firm')).toBe('北京市朝阳律师事务所');
    expect(page.has('#certificate-image')).toBe(true);
    await page.tap('#certificate-image');
    expect(h.recorded.previews).toHaveLength(1);

    await page.tap('#refuse');
    expect(page.text('#error-reason')).toBe('不通过的，请填写理由');
    expect(h.recorded.modals).toHaveLength(0);
    expect(h.recorded.calls.some((c) => c.action === 'lawyer.review')).toBe(false);

    await page.input('#reason-input', '执业证照片不清晰，请重新拍摄');
    expect(page.has('#error-reason')).toBe(false);
    await page.tap('#refuse');
    expect(h.recorded.modals.at(-1)?.title).toBe('确认不通过');
    expect(page.text('#decision')).toContain('未通过：执业证照片不清晰，请重新拍摄');
    const mine = await h.data('cases', 'lawyer.get', {}, lawyer);
    expect(mine.lawyer).toMatchObject({
      status: 'refused',
      reason: '执业证照片不清晰，请重新拍摄',
    });
  });
});

describe('who may use these pages', () => {
  test('When a registrar opens any case-management page, then it says it is for case management only', async () => {
    for (const [path, query] of [
      [listPage, {}],
      [editPage, {}],
      [importPage, {}],
      [reviewsPage, {}],
      [reviewPage, { kind: 'binding', id: 'bd0000' }],
    ] as const) {
      const page = await h.as(DEMO.registrar).open(path, query);
      expect(page.text('#forbidden-state')).toContain('仅限案件管理人员');
      page.close();
    }
    const v = await registered();
    const page = await h.as(DEMO.registrar).open(editPage, { id: v.id });
    expect(page.has('#forbidden-state')).toBe(true);
    expect(page.has('#save')).toBe(false);
  });

  test('When a case manager opens 我的, then 案件管理 and 审核 are offered and the links they cannot use are not; other staff do not see them', async () => {
    const page = await h.as(AG).open(mePage);
    expect(page.text('#staff-identity')).toBe('北京市朝阳区人民检察院 · 案件管理');
    for (const hidden of [
      '#link-inbox',
      '#link-petition-inbox',
      '#link-routing',
      '#link-calendar',
      '#link-interests',
    ]) {
      expect(page.has(hidden)).toBe(false);
    }
    await page.tap('#link-casework');
    await page.tap('#link-reviews');
    expect(h.recorded.navigations).toEqual([
      { kind: 'navigateTo', url: '/casework/cases/index' },
      { kind: 'navigateTo', url: '/casework/reviews/index' },
    ]);
    page.close();

    for (const who of [DEMO.handler, DEMO.registrar, DEMO.citizen]) {
      const other = await h.as(who).open(mePage);
      expect(other.has('#link-casework')).toBe(false);
      expect(other.has('#link-reviews')).toBe(false);
      expect(other.has('#link-inbox')).toBe(who !== DEMO.citizen);
      expect(other.has('#link-calendar')).toBe(who !== DEMO.citizen);
      other.close();
    }
  });

  test('When a case manager taps 工作人员入口 in the service hall, then it opens 案件管理; a handler still gets the suggestion inbox', async () => {
    const page = await h.as(AG).open(hallPage);
    await page.tap('#staff-entry');
    const handler = await h.as(DEMO.handler).open(hallPage);
    await handler.tap('#staff-entry');
    expect(h.recorded.navigations).toEqual([
      { kind: 'navigateTo', url: '/casework/cases/index' },
      { kind: 'navigateTo', url: '/staff/suggestion-inbox/index' },
    ]);
  });
});
