// 案件程序性信息查询 (issue #6), citizen and lawyer pages on devcloud: 律师身份认证 (errors under the
// fields, submitted, pending, approved by case management through the function), 申请绑定案件 (a
// verified lawyer as defender; a citizen as the party with the profile's name and a proof uploaded;
// the case number not found under its field; no profile → the profile page; no lawyer roles for a
// citizen), 我的案件 and 案件程序性信息 (the seven fields, the timeline, the progress subscription,
// NOT_FOUND with the function's message), and the ways in from the service hall and 我的.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Harness, type PageHandle } from './harness';
import { boundTo, registerCase, verifiedLawyer } from '../helpers/cases';
import { citizenWithProfile, newCitizen } from './builders';

jest.setTimeout(60_000);

const templates = JSON.parse(
  readFileSync(join(__dirname, '..', '..', 'config', 'templates.json'), 'utf8'),
);
const RESULT_TEMPLATE: string = templates.appointmentResult.id;
const PROGRESS_TEMPLATE: string = templates.caseProgress.id;
/** Case management (案件管理部) of 北京市朝阳区人民检察院. */
const AG = 'o-staff-110105-ag';
const NOT_FOUND_MESSAGE = '未找到该案件，请核对案件编号';

let h: Harness;
let lawyerPage: string;
let bindPage: string;
let minePage: string;
let procedurePage: string;
let hall: string;
let me: string;
let seq = 0;

beforeAll(async () => {
  h = await Harness.start();
  lawyerPage = h.load('citizen/lawyer/index');
  bindPage = h.load('citizen/case-bind/index');
  minePage = h.load('citizen/case-bindings/index');
  procedurePage = h.load('citizen/case-procedure/index');
  hall = h.load('pages/index/index');
  me = h.load('pages/me/index');
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => h.reset());

/** A case of 110105 registered by case management: suspect 张三 and victim 陈晓, a measure each. */
function newCase(flags: Record<string, unknown> = {}) {
  seq += 1;
  return registerCase(h.cloud, `京朝检刑诉受〔2024〕110105${String(200000 + seq)}号`, {
    parties: [
      { name: '张三', role: 'suspect', age: 30 },
      { name: '陈晓', role: 'victim' },
    ],
    measures: [
      { partyName: '张三', measure: '取保候审', from: '2024-05-01' },
      { partyName: '陈晓', measure: '其他措施', from: '2024-05-02', to: '2024-05-20' },
    ],
    flags,
  });
}

async function chooseUnit(page: PageHandle, id: string) {
  const groups = page.data.unitGroups as { units: { id: string }[] }[];
  const i = groups.findIndex((g) => g.units.some((u) => u.id === id));
  const j = groups[i].units.findIndex((u) => u.id === id);
  await page.change('#unit-picker', [i, j]);
}

/** The caller's one pending binding, approved by case management through the function. */
async function approveBindingOf(openid: string) {
  const mine = await h.data('cases', 'binding.mine', {}, openid);
  const pending = mine.items.find((b) => b.status === 'pending');
  if (!pending) throw new Error('no pending binding');
  return h.data('cases', 'binding.review', { id: pending.id, approve: true }, AG);
}

/** A citizen with a profile bound as the party (陈晓) to `caseNumber`, approved. */
async function boundCitizen(caseNumber: string): Promise<string> {
  const openid = await citizenWithProfile(h, 'bound');
  await boundTo(h.cloud, openid, caseNumber, { partyName: '陈晓' });
  return openid;
}

describe('律师身份认证', () => {
  test('When a lawyer submits the verification, then the errors show under their fields; once right it is 待审核; approved by case management, the lawyer binds to a case as defender and sees every measure', async () => {
    const lawyer = h.as(newCitizen('lawyer')).openid as string;
    const c = await newCase();
    const page = await h.open(lawyerPage);
    expect(page.has('#f-name')).toBe(true);
    expect(page.has('#status-card')).toBe(false);

    // Nothing filled: every problem under its own field; the prompt was asked in the tap.
    await page.tap('#submit');
    expect(h.recorded.subscribeRequests).toEqual([
      { openid: lawyer, tmplIds: [RESULT_TEMPLATE], inTap: true },
    ]);
    expect(page.text('#error-name')).toBe('请填写姓名');
    expect(page.text('#error-certificateNumber')).toBe('执业证号应为17位数字');
    expect(page.text('#error-firm')).toBe('请填写执业机构');
    expect(page.text('#error-procuratorateId')).toBe('请选择审核的检察院');
    expect(page.text('#error-certificateImage')).toBe('请上传执业证照片');
    expect(await h.data('cases', 'lawyer.get', {}, lawyer)).toEqual({ lawyer: null });

    // Filled, with a 16-digit number: only that field is wrong.
    await page.input('#f-name', '周律师');
    expect(page.has('#error-name')).toBe(false);
    await page.input('#f-certificateNumber', '1110120151001234');
    await page.input('#f-firm', '北京市朝阳律师事务所');
    await chooseUnit(page, '110105');
    h.nextMedia = [h.tempFile('cert.jpg', { size: 4096 })];
    await page.tap('#add-photo');
    expect(h.recorded.choices.at(-1)).toEqual({ api: 'chooseMedia', count: 1 });
    expect(page.text('#field-certificateImage')).toContain('已上传');
    expect(page.has('#add-photo')).toBe(false);
    await page.tap('#submit');
    expect(page.text('#error-certificateNumber')).toBe('执业证号应为17位数字');
    expect(page.has('#error-name')).toBe(false);
    expect(page.has('#error-certificateImage')).toBe(false);

    await page.input('#f-certificateNumber', '11101201510012345');
    await page.tap('#submit');
    expect(page.text('#status')).toBe('待审核');
    expect(page.text('#lawyer-name')).toBe('周律师');
    expect(page.text('#lawyer-certificate')).toBe('11101201510012345');
    expect(page.has('#pending-hint')).toBe(true);
    expect(page.has('#submit')).toBe(false);
    expect(h.recorded.uploads.at(-1)?.cloudPath).toMatch(
      new RegExp(`^lawyers/${await h.uploadKey(lawyer)}/[0-9a-z-]+/1\\.jpg$`),
    );
    const stored = await h.data('cases', 'lawyer.get', {}, lawyer);
    expect(stored.lawyer).toMatchObject({ status: 'pending', firm: '北京市朝阳律师事务所' });

    // Opened again while pending: the status, no form.
    const again = await h.open(lawyerPage);
    expect(again.text('#status')).toBe('待审核');
    expect(again.has('#f-name')).toBe(false);

    // While pending, the lawyer's roles are not offered yet.
    const early = await h.open(bindPage);
    expect(early.data.roleNames).not.toContain('辩护人');
    expect(early.text('#lawyer-note')).toContain('正在审核中');

    // Case management approves through the function; the page then offers 申请查询案件.
    await h.data('cases', 'lawyer.review', { id: lawyer, approve: true }, AG);
    const approved = await h.open(lawyerPage);
    expect(approved.text('#status')).toBe('已通过');
    await approved.tap('#open-bind');
    expect(h.recorded.navigations.at(-1)?.url).toBe('/citizen/case-bind/index');

    // The verified lawyer binds as defender of 张三, with the power of attorney as a PDF.
    const bind = await h.open(bindPage);
    expect(bind.data.roleNames).toEqual([
      '当事人本人',
      '法定代理人',
      '近亲属',
      '辩护人',
      '诉讼代理人',
    ]);
    expect(bind.data.role).toBe('defender');
    expect(bind.has('#lawyer-note')).toBe(false);
    expect(bind.text('#proof-text')).toBe('请上传：授权委托书或法律援助公函');
    await bind.input('#f-caseNumber', c.caseNumber);
    await bind.input('#f-partyName', '张三');
    h.nextMessageFiles = [h.tempFile('授权委托书.pdf', Buffer.from('%PDF-1.4 power of attorney'))];
    await bind.tap('#add-pdf');
    await bind.tap('#submit');
    expect(bind.text('#result')).toContain('申请已提交');
    expect(bind.text('#result-role')).toBe('辩护人（当事人 张三）');
    const binding = await approveBindingOf(lawyer);
    expect(binding).toMatchObject({ role: 'defender', status: 'approved' });

    const procedure = await h.open(procedurePage, { id: c.id });
    expect(procedure.text('#bound-as')).toBe('以辩护人身份查询（当事人 张三）');
    expect(procedure.texts('.measure')).toEqual([
      '张三：取保候审（2024年5月1日起）',
      '陈晓：其他措施（2024年5月2日至2024年5月20日）',
    ]);
  });

  test('When a verification was refused, then the reason shows and the lawyer submits again with the form refilled', async () => {
    const lawyer = h.as(newCitizen('refused')).openid as string;
    await verifiedLawyer(h.cloud, lawyer, {
      name: '钱律师',
      certificateNumber: '11101201510054321',
      firm: '北京市某某律师事务所',
      review: { reason: '执业证照片不清晰' },
    });
    const page = await h.open(lawyerPage);
    expect(page.text('#status')).toBe('未通过');
    expect(page.text('#refused-reason')).toBe('执业证照片不清晰');
    await page.tap('#resubmit');
    expect(page.data.name).toBe('钱律师');
    expect(page.data.certificateNumber).toBe('11101201510054321');
    expect(page.data.attachments).toEqual([]);
    await chooseUnit(page, '110105');
    h.nextMedia = [h.tempFile('clear.jpg', { size: 4096 })];
    await page.tap('#add-photo');
    await page.tap('#submit');
    expect(page.text('#status')).toBe('待审核');
  });
});

describe('申请绑定案件 and 案件程序性信息', () => {
  test('When a citizen with a profile binds as the party, then the name is the profile’s, the proof is uploaded, and once case management approves the seven fields show', async () => {
    const citizen = h.as(await citizenWithProfile(h, 'party')).openid as string;
    const c = await newCase();
    const page = await h.open(bindPage);
    expect(page.text('#case-number-hint')).toContain('京检刑诉受〔2023〕110000000001号');
    expect(page.data.role).toBe('party');
    expect(page.text('#party-fixed')).toBe('陈晓');
    expect(page.has('#f-partyName')).toBe(false);
    expect(page.text('#proof-text')).toBe('请上传：本人身份证件');
    // Any bracket style.
    await page.input('#f-caseNumber', c.caseNumber.replace('〔', '[').replace('〕', ']'));
    h.nextMedia = [h.tempFile('front.jpg', { size: 2048 })];
    await page.tap('#add-images');
    expect(page.text('#attachment-count')).toBe('已添加1/9个');
    await page.input('#f-note', '本人查询');
    await page.tap('#submit');

    expect(h.recorded.subscribeRequests).toEqual([
      { openid: citizen, tmplIds: [RESULT_TEMPLATE], inTap: true },
    ]);
    expect(h.recorded.modals).toEqual([
      expect.objectContaining({ title: '确定提交绑定申请？', showCancel: true }),
    ]);
    expect(page.text('#result-case-number')).toBe(c.caseNumber);
    expect(page.text('#result-status')).toBe('待审核');
    expect(h.storage.has('draft:case-bind')).toBe(false);
    expect(h.recorded.uploads.map((u) => u.cloudPath)).toEqual([
      expect.stringMatching(
        new RegExp(`^bindings/${await h.uploadKey(citizen)}/[0-9a-z-]+/1\\.jpg$`),
      ),
    ]);
    const mine = await h.data('cases', 'binding.mine', {}, citizen);
    expect(mine.items).toEqual([
      expect.objectContaining({ role: 'party', partyName: '陈晓', status: 'pending' }),
    ]);

    // 我的案件: pending, not yet a link.
    await page.tap('#open-mine');
    expect(h.recorded.navigations.at(-1)).toEqual({
      kind: 'redirectTo',
      url: '/citizen/case-bindings/index',
    });
    const list = await h.open(minePage);
    expect(list.text('.status')).toBe('待审核');
    expect(list.has('.binding-open')).toBe(false);

    await approveBindingOf(citizen);
    const listed = await h.open(minePage);
    expect(listed.text('.status')).toBe('已通过');
    expect(listed.text('.binding')).toContain(c.caseNumber);
    expect(listed.text('.binding')).toContain('以当事人本人身份（陈晓）');
    await listed.tap('.binding-open');
    expect(h.recorded.navigations.at(-1)?.url).toBe(`/citizen/case-procedure/index?id=${c.id}`);

    const procedure = await h.open(procedurePage, { id: c.id });
    expect(procedure.text('#case-number')).toBe(c.caseNumber);
    expect(procedure.text('#procuratorate')).toBe('北京市朝阳区人民检察院');
    expect(procedure.text('#bound-as')).toBe('以当事人本人身份查询（陈晓）');
    expect(procedure.texts('#fields .row-label')).toEqual([
      '案由',
      '受理时间',
      '办案期限',
      '办案组织',
      '办案进程',
      '处理结果',
      '强制措施',
    ]);
    expect(procedure.text('#cause')).toBe('故意伤害罪');
    expect(procedure.text('#accepted-on')).toBe('2024年5月1日');
    expect(procedure.text('#time-limit')).toBe('2024年6月15日');
    expect(procedure.text('#handling-unit')).toBe('第一检察部 李检察官办案组');
    expect(procedure.text('#stage')).toBe('审查起诉');
    expect(procedure.text('#result')).toBe('尚未作出');
    // A citizen sees the measures of their own party only.
    expect(procedure.texts('.measure')).toEqual(['陈晓：其他措施（2024年5月2日至2024年5月20日）']);
    expect(procedure.texts('.step-stage')).toEqual(['审查起诉']);

    await procedure.tap('#subscribe');
    expect(h.recorded.subscribeRequests.at(-1)).toEqual({
      openid: citizen,
      tmplIds: [PROGRESS_TEMPLATE],
      inTap: true,
    });
    expect(procedure.text('#subscribe-result')).toBe('本案有新进展时，将通过服务通知告诉您');

    // The case moves on: the timeline shows it first, and the consent is used for its message.
    const current = await h.data('cases', 'case.get', { id: c.id }, AG);
    const { id, version, caseNumber, cause, acceptedOn, timeLimit, handlingUnit, measures } =
      current;
    await h.data(
      'cases',
      'case.save',
      {
        id,
        version,
        caseNumber,
        cause,
        acceptedOn,
        timeLimit,
        handlingUnit,
        stage: '提起公诉',
        measures: measures.map((m) => ({ ...m, to: m.to ?? undefined })),
        parties: current.parties,
        flags: current.flags,
        progressNote: '已向法院提起公诉',
      },
      AG,
    );
    expect(h.cloud.platform.messages({ touser: citizen, templateId: PROGRESS_TEMPLATE })).toEqual([
      expect.objectContaining({ page: `citizen/case-procedure/index?id=${c.id}` }),
    ]);
    await procedure.lifecycle('onPullDownRefresh');
    expect(procedure.text('#stage')).toBe('提起公诉');
    expect(procedure.texts('.step-stage')).toEqual(['提起公诉', '审查起诉']);
    expect(procedure.text('.step-note')).toBe('已向法院提起公诉');
  });

  test('When the case number is not found or malformed, then the message shows under the case number and nothing is stored', async () => {
    const citizen = h.as(await citizenWithProfile(h, 'missing')).openid as string;
    const page = await h.open(bindPage);
    await page.input('#f-caseNumber', '京朝检刑诉受〔2024〕110105999999号');
    h.nextMedia = [h.tempFile('id.jpg', { size: 2048 })];
    await page.tap('#add-images');
    await page.tap('#submit');
    expect(page.text('#error-caseNumber')).toBe(NOT_FOUND_MESSAGE);
    expect(page.has('#result')).toBe(false);
    expect(page.has('#form-error')).toBe(false);

    await page.input('#f-caseNumber', '我的案子在朝阳区检察院');
    expect(page.has('#error-caseNumber')).toBe(false);
    await page.tap('#submit');
    expect(page.text('#error-caseNumber')).toMatch(/^案件编号格式不正确/);

    // Without a proof, the proofs say so.
    await page.tap('.remove-file');
    await page.tap('#submit');
    expect(page.text('#error-proofs')).toBe('请上传证明材料');
    expect((await h.data('cases', 'binding.mine', {}, citizen)).total).toBe(0);
    // What was typed is kept as a draft.
    expect(JSON.parse(h.storage.get('draft:case-bind') as string)).toMatchObject({
      caseNumber: '我的案子在朝阳区检察院',
    });
  });

  test('When the confirmation is cancelled, then nothing is sent', async () => {
    const citizen = h.as(await citizenWithProfile(h, 'cancel')).openid as string;
    const c = await newCase();
    const page = await h.open(bindPage);
    await page.input('#f-caseNumber', c.caseNumber);
    h.nextMedia = [h.tempFile('id.jpg', { size: 2048 })];
    await page.tap('#add-images');
    h.modalAnswer = 'cancel';
    await page.tap('#submit');
    expect(page.has('#result')).toBe(false);
    expect(page.data.submitting).toBe(false);
    expect(h.recorded.calls.filter((x) => x.action === 'binding.request')).toEqual([]);
    expect((await h.data('cases', 'binding.mine', {}, citizen)).total).toBe(0);
  });

  test('When a citizen has no profile, then a citizen role asks for it with a link to the profile page, and back with a profile the form goes on', async () => {
    const citizen = h.as(newCitizen('noprofile')).openid as string;
    const page = await h.open(bindPage);
    expect(page.text('#noprofile')).toContain('须先填写实名信息');
    expect(page.has('#f-partyName')).toBe(false);
    await page.tap('#submit');
    expect(page.text('#form-error')).toContain('请先填写实名信息');
    expect(h.recorded.calls.filter((x) => x.action === 'binding.request')).toEqual([]);
    expect(h.recorded.subscribeRequests).toEqual([]);
    await page.tap('#open-profile');
    expect(h.recorded.navigations.at(-1)?.url).toBe('/citizen/profile/index');

    await h.data(
      'account',
      'profile.save',
      { name: '刘芳', idNumber: '11010519491231002X', mobile: '13800138000' },
      citizen,
    );
    await page.lifecycle('onShow');
    expect(page.has('#noprofile')).toBe(false);
    expect(page.text('#party-fixed')).toBe('刘芳');
  });

  test('When a citizen who is not a verified lawyer chooses a role, then defender and agent are not offered and the lawyer verification is linked', async () => {
    await h.as(await citizenWithProfile(h, 'roles')).openid;
    const page = await h.open(bindPage);
    expect(page.data.roleNames).toEqual(['当事人本人', '法定代理人', '近亲属']);
    expect(page.text('#lawyer-note')).toContain('须先通过律师身份认证');
    // A choice past the list changes nothing.
    await page.change('#f-role', 3);
    expect(page.data.role).toBe('party');
    await page.change('#f-role', 2);
    expect(page.data.role).toBe('close_relative');
    expect(page.text('#proof-text')).toBe('请上传：身份证件及户口簿或结婚证等亲属关系证明');
    expect(page.data.partyName).toBe('');
    expect(page.has('#f-partyName')).toBe(true);
    await page.tap('#open-lawyer');
    expect(h.recorded.navigations.at(-1)?.url).toBe('/citizen/lawyer/index');
  });

  test('When someone not bound, or bound to a case never disclosed online, opens the procedure page, then the function’s message shows and nothing of the case', async () => {
    const c = await newCase();
    h.as(await citizenWithProfile(h, 'outsider'));
    const outsider = await h.open(procedurePage, { id: c.id });
    expect(outsider.text('#notfound-message')).toBe(NOT_FOUND_MESSAGE);
    expect(outsider.has('#fields')).toBe(false);
    await outsider.tap('#open-mine');
    expect(h.recorded.navigations.at(-1)?.url).toBe('/citizen/case-bindings/index');

    const juvenile = await newCase({ juvenile: true });
    h.as(await boundCitizen(juvenile.caseNumber));
    const bound = await h.open(procedurePage, { id: juvenile.id });
    expect(bound.text('#notfound-message')).toBe('该案件信息依法不在网上公开，请向承办检察院咨询');
    expect(bound.has('#cause')).toBe(false);
  });
});

describe('the ways in', () => {
  test('When the service hall’s 案件程序性信息查询 is tapped, then 我的案件 opens; empty, it offers 申请查询案件', async () => {
    h.as(newCitizen('hall'));
    const page = await h.open(hall);
    await page.tap('.service', page.texts('.tile-name').indexOf('案件程序性信息查询'));
    expect(h.recorded.navigations).toEqual([
      { kind: 'navigateTo', url: '/citizen/case-bindings/index' },
    ]);
    const list = await h.open(minePage);
    expect(list.has('#empty-state')).toBe(true);
    await list.tap('#request');
    expect(h.recorded.navigations.at(-1)?.url).toBe('/citizen/case-bind/index');
  });

  test('When anyone opens 我的, then it links to 我的案件 and 律师身份认证', async () => {
    const page = await h.as(newCitizen('me')).open(me);
    await page.tap('#link-cases');
    await page.tap('#link-lawyer');
    expect(h.recorded.navigations.map((n) => n.url)).toEqual([
      '/citizen/case-bindings/index',
      '/citizen/lawyer/index',
    ]);
  });

  test('When a binding was refused, then 我的案件 shows why and does not open the case', async () => {
    const citizen = h.as(await citizenWithProfile(h, 'refused')).openid as string;
    const c = await newCase();
    const page = await h.open(bindPage);
    await page.change('#f-role', 2); // 近亲属
    await page.input('#f-caseNumber', c.caseNumber);
    await page.input('#f-partyName', '张四');
    h.nextMedia = [h.tempFile('hukou.jpg', { size: 2048 })];
    await page.tap('#add-images');
    await page.tap('#submit');
    expect(page.text('#result-role')).toBe('近亲属（当事人 张四）');
    const mine = await h.data('cases', 'binding.mine', {}, citizen);
    await h.data(
      'cases',
      'binding.review',
      { id: mine.items[0].id, approve: false, reason: '所填当事人不是本案当事人' },
      AG,
    );
    const list = await h.open(minePage);
    expect(list.text('.status')).toBe('未通过');
    expect(list.text('.reason')).toBe('未通过原因：所填当事人不是本案当事人');
    await list.tap('.binding');
    expect(h.recorded.navigations).toEqual([]);
  });
});
