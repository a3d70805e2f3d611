// 代表委员 · 人民监督员 on the pages: binding with an invitation code, submitting an opinion or a
// supervision complaint, following it; the staff inbox, assignment (with recusal), complex marking
// and replies; the administrator's invitation codes. Every page runs on the real liaison function.
import { DEMO, Harness, type PageHandle } from './harness';
import { REPLIED_TEMPLATE, newCitizen } from './builders';
import type { LiaisonRole, SupervisionMatter } from '../../typings/liaison';

jest.setTimeout(60_000);

const ADMIN = 'o-staff-110105-admin';
const HANDLER2 = 'o-staff-110105-handler2';
const INVALID_CODE = '邀请码无效、已使用或已过期，请核对后重新输入，或联系发出邀请的检察院';
const OPINION_CONTENT =
  '近年来辖区内涉未成年人案件有所增加，建议检察院加强与学校、社区的联动，开展法治进校园活动。';
const COMPLAINT_CONTENT =
  '据当事人家属反映，该案犯罪嫌疑人羁押期限已届满仍未变更强制措施，请依法审查羁押必要性并答复。';
const REPLY = '感谢您的建议，我院已制定法治进校园工作方案，并将在辖区中小学逐步推开。';

let h: Harness;
let homePage: string;
let submitPage: string;
let detailPage: string;
let inboxPage: string;
let itemPage: string;
let invitationsPage: string;

beforeAll(async () => {
  h = await Harness.start();
  homePage = h.load('liaison/home/index');
  submitPage = h.load('liaison/submit/index');
  detailPage = h.load('liaison/detail/index');
  inboxPage = h.load('staff/liaison-inbox/index');
  itemPage = h.load('staff/liaison-item/index');
  invitationsPage = h.load('staff/invitations/index');
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => h.reset());

// ---------- builders ----------

const NAMES = ['林国栋', '吴桂芳', '何静', '郑晓东', '孙立', '钱伟', '周建民', '冯雪梅', '褚文华'];
let seq = 0;
/** A name no other test binds (the recusal test matches names). */
const nextName = () => `${NAMES[seq % NAMES.length]}${'甲乙丙丁戊己庚辛壬癸'[++seq % 10]}`;
const token = () => `liaison-page-${++seq}-${Date.now()}`;

/** Issues a code as 110105's administrator. */
function issue(name: string, role: LiaisonRole) {
  return h.data('liaison', 'invitation.issue', { name, role, validDays: 7 }, ADMIN);
}

/** A fresh person bound as `role` through an invitation of 110105; answers their openid and name. */
async function bound(role: LiaisonRole, name = nextName()) {
  const openid = newCitizen(role.slice(0, 3));
  const { code } = await issue(name, role);
  await h.data('liaison', 'invitation.redeem', { code, name }, openid);
  return { openid, name };
}

function fileOpinion(openid: string, title = `关于加强未成年人检察工作的建议${++seq}`) {
  return h.data(
    'liaison',
    'opinion.submit',
    {
      procuratorateId: DEMO.unit,
      title,
      content: OPINION_CONTENT,
      notify: true,
      clientToken: token(),
    },
    openid,
  );
}

function fileComplaint(openid: string, serial = 100 + ++seq) {
  return h.data(
    'liaison',
    'complaint.submit',
    {
      procuratorateId: DEMO.unit,
      caseNumber: `京朝检刑诉受[2026]110105000${serial}号`,
      matter: 'detention' as SupervisionMatter,
      content: COMPLAINT_CONTENT,
      notify: false,
      clientToken: token(),
    },
    openid,
  );
}

async function handlerId(name: string, id: string) {
  const { assignees } = await h.data('liaison', 'assignees', { id }, DEMO.registrar);
  const found = assignees.find((a) => a.name === name);
  if (!found) throw new Error(`no assignee ${name}`);
  return found.id;
}

async function assignTo(id: string, name = '张华') {
  await h.data('liaison', 'assign', { id, handlerId: await handlerId(name, id) }, DEMO.registrar);
}

/** `2026-05-01` of an ISO time, in China. */
const chinaDay = (iso: string) =>
  new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);
const today = () => chinaDay(new Date().toISOString());

const mine = (openid: string) => h.data('liaison', 'mine', { page: 1, pageSize: 50 }, openid);
const submitCalls = () =>
  h.recorded.calls.filter((c) => c.action === 'opinion.submit' || c.action === 'complaint.submit');

/** Chooses a procuratorate in the two-column picker, as a person would. */
async function chooseUnit(page: PageHandle, id: string) {
  const groups = page.data.unitGroups as { units: { id: string }[] }[];
  const i = groups.findIndex((g) => g.units.some((u) => u.id === id));
  await page.change('#unit-picker', [i, groups[i].units.findIndex((u) => u.id === id)]);
}

// ---------- pages ----------

describe('liaison/home (代表委员 · 人民监督员)', () => {
  test('When an unbound person taps 绑定身份 with nothing typed, then each field names what is missing and nobody is bound', async () => {
    const person = newCitizen('ub');
    const page = await h.as(person).open(homePage);
    expect(page.has('#bind-form')).toBe(true);
    expect(page.has('#identity')).toBe(false);
    expect(page.has('#empty-state')).toBe(false);

    await page.tap('#bind');

    expect(page.text('#error-code')).toBe('请填写邀请码');
    expect(page.text('#error-name')).toBe('请填写姓名');
    expect(h.recorded.toasts.map((t) => t.title)).toEqual(['请按提示修改']);
    expect((await h.data('liaison', 'member.me', {}, person)).member).toBeNull();

    // Typing in a field takes its message away.
    await page.input('#code', 'ABCD');
    expect(page.has('#error-code')).toBe(false);
    expect(page.has('#error-name')).toBe(true);
  });

  test('When a wrong code and then the wrong name are entered, then each refusal is under its field; the right name binds and the identity card shows', async () => {
    const name = nextName();
    const { code } = await issue(name, 'deputy');
    const person = newCitizen('bd');
    const page = await h.as(person).open(homePage);

    await page.input('#code', 'ABCDEFGH');
    await page.input('#name', name);
    await page.tap('#bind');
    expect(page.text('#error-code')).toBe(INVALID_CODE);
    expect(page.has('#error-name')).toBe(false);

    // The code as people type it: lower case, with a dash.
    await page.input('#code', `${code.slice(0, 4)}-${code.slice(4)}`.toLowerCase());
    await page.input('#name', '王某某');
    await page.tap('#bind');
    expect(page.has('#error-code')).toBe(false);
    expect(page.text('#error-name')).toBe('姓名与邀请登记的姓名不一致，请填写您的真实姓名');
    expect((await h.data('liaison', 'member.me', {}, person)).member).toBeNull();

    await page.input('#name', name);
    await page.tap('#bind');
    expect(h.recorded.toasts.map((t) => t.title)).toContain('身份绑定成功');
    expect(page.has('#bind-form')).toBe(false);
    expect(page.text('#identity')).toContain(`${name} · 人大代表`);
    expect(page.text('#identity')).toContain(`${DEMO.unitName}邀请`);
    expect(page.text('#submit')).toBe('提交意见建议');
    expect(page.text('#empty-state')).toContain('您还没有提交过事项');
    expect((await h.data('liaison', 'member.me', {}, person)).member).toMatchObject({
      name,
      role: 'deputy',
    });

    await page.tap('#submit');
    expect(h.recorded.navigations).toEqual([{ kind: 'navigateTo', url: '/liaison/submit/index' }]);
  });

  test('When a deputy has submitted two opinions, one answered, then both are listed newest first with status and due text, and a tap opens the detail', async () => {
    const { openid } = await bound('deputy');
    const first = await fileOpinion(openid, '关于设立未成年人检察工作站的建议');
    const second = await fileOpinion(openid, '关于加强社区矫正监督的建议');
    await assignTo(first.id);
    await h.data(
      'liaison',
      'reply',
      { id: first.id, method: 'online', content: REPLY },
      DEMO.handler,
    );
    const waiting = await h.data('liaison', 'get', { id: second.id }, openid);

    const page = await h.as(openid).open(homePage);

    expect(page.count('.liaison-item')).toBe(2);
    const [newest, older] = page.texts('.liaison-item');
    expect(newest).toContain('关于加强社区矫正监督的建议');
    expect(newest).toContain('待分办');
    expect(newest).toContain(`答复期限 ${chinaDay(waiting.due)}`);
    expect(newest).toContain(`意见建议 · ${DEMO.unitName}`);
    expect(older).toContain('关于设立未成年人检察工作站的建议');
    expect(older).toContain('已答复');
    expect(older).toMatch(new RegExp(`已于${today()} \\d{2}:\\d{2}答复`));
    expect(page.texts('.liaison-item .status')).toEqual(['待分办', '已答复']);

    await page.tap('.liaison-item', 1);
    expect(h.recorded.navigations).toEqual([
      { kind: 'navigateTo', url: `/liaison/detail/index?id=${first.id}` },
    ]);
  });

  test('When a supervisor opens the page, then the button is for a supervision complaint and the complaint is listed by its case number', async () => {
    const { openid, name } = await bound('supervisor');
    await fileComplaint(openid, 555);
    const page = await h.as(openid).open(homePage);
    expect(page.text('#identity')).toContain(`${name} · 人民监督员`);
    expect(page.text('#submit')).toBe('提交案件监督申诉');
    expect(page.text('.liaison-item')).toContain('京朝检刑诉受〔2026〕110105000555号');
    expect(page.text('.liaison-item')).toContain('案件监督申诉');
  });

  test('When a bound person’s invitation has been revoked, then the page asks them to bind again and still lists what they submitted', async () => {
    const name = nextName();
    const { invitation, code } = await issue(name, 'member');
    const person = newCitizen('rv');
    await h.data('liaison', 'invitation.redeem', { code, name }, person);
    await fileOpinion(person, '关于完善公益诉讼线索移送的建议');
    await h.data(
      'liaison',
      'invitation.revoke',
      { id: invitation.id, reason: '委员任期届满' },
      ADMIN,
    );

    const page = await h.as(person).open(homePage);
    expect(page.has('#bind-form')).toBe(true);
    expect(page.has('#identity')).toBe(false);
    expect(page.count('.liaison-item')).toBe(1);
    expect(page.text('.liaison-item')).toContain('关于完善公益诉讼线索移送的建议');
  });
});

describe('liaison/submit (提交意见建议 / 提交案件监督申诉)', () => {
  test('When an unbound person opens the form, then it asks them to bind first and offers the way there', async () => {
    const page = await h.as(newCitizen('us')).open(submitPage);
    expect(page.text('#unbound-state')).toContain('请先绑定身份');
    expect(page.has('#submit')).toBe(false);
    await page.tap('#open-home');
    expect(h.recorded.navigations).toEqual([{ kind: 'redirectTo', url: '/liaison/home/index' }]);
    expect(submitCalls()).toEqual([]);
  });

  test('When a deputy submits an opinion, then it goes by default to the inviting procuratorate after a confirmation, with the notification asked from the tap', async () => {
    const { openid, name } = await bound('deputy');
    const page = await h.as(openid).open(submitPage);
    expect(page.text('#identity')).toBe(`以人大代表 ${name} 的身份提交`);
    expect(page.text('#field-procuratorateId')).toContain(DEMO.unitName);
    expect(page.has('#field-title')).toBe(true);
    expect(page.has('#field-caseNumber')).toBe(false);
    expect(page.has('#matter-picker')).toBe(false);
    // The picker opens on that procuratorate, so confirming it unchanged keeps it.
    const groups = page.data.unitGroups as { units: { id: string }[] }[];
    const [i, j] = page.data.unitIndex as number[];
    expect(groups[i].units[j].id).toBe(DEMO.unit);

    await page.input('#title', '关于加强未成年人检察工作的建议');
    await page.input('#content', OPINION_CONTENT);
    expect(page.text('#content-count')).toBe(`已输入${OPINION_CONTENT.length}/5000字`);
    await page.tap('#submit');

    expect(h.recorded.subscribeRequests).toEqual([
      { openid, tmplIds: [REPLIED_TEMPLATE], inTap: true },
    ]);
    expect(h.recorded.modals).toEqual([
      expect.objectContaining({
        title: '确定提交意见建议？',
        content: expect.stringContaining(`将提交给${DEMO.unitName}`),
        showCancel: true,
      }),
    ]);
    expect(page.text('#result')).toContain('提交成功');
    expect(page.text('#result')).toContain('复杂的意见建议六个月');

    const list = await mine(openid);
    expect(list.total).toBe(1);
    const stored = await h.data('liaison', 'get', { id: list.items[0].id }, openid);
    expect(stored).toMatchObject({
      kind: 'opinion',
      procuratorateId: DEMO.unit,
      title: '关于加强未成年人检察工作的建议',
      content: OPINION_CONTENT,
      notify: true,
      status: 'submitted',
    });

    await page.tap('#open-detail');
    expect(h.recorded.navigations).toEqual([
      { kind: 'redirectTo', url: `/liaison/detail/index?id=${stored.id}` },
    ]);
  });

  test('When a member attaches a photo, chooses another procuratorate and switches notification off, then those are what is stored and no prompt is shown', async () => {
    const { openid } = await bound('member');
    const page = await h.as(openid).open(submitPage);
    await chooseUnit(page, DEMO.otherUnit);
    h.nextMedia = [h.tempFile('scene.jpg', { size: 2048 })];
    await page.tap('#add-images');
    expect(page.text('.attachment')).toContain('已上传');
    await page.input('#title', '关于优化检察服务大厅布局的建议');
    await page.input('#content', OPINION_CONTENT);
    await page.change('#notify', false);
    await page.tap('#submit');

    expect(page.has('#result')).toBe(true);
    expect(h.recorded.subscribeRequests).toEqual([]);
    const [item] = (await mine(openid)).items;
    const stored = await h.data('liaison', 'get', { id: item.id }, openid);
    expect(stored.procuratorateId).toBe(DEMO.otherUnit);
    expect(stored.notify).toBe(false);
    expect(stored.attachments).toHaveLength(1);
    expect(stored.attachments[0].url).toBeTruthy();
    expect(h.recorded.uploads[0].cloudPath).toMatch(
      new RegExp(`^liaison/${await h.uploadKey()}/[A-Za-z0-9-]+/1\\.jpg$`),
    );

    // The file is listed on the member's detail page and on the staff's item page, and opens.
    const detail = await h.open(detailPage, { id: item.id });
    expect(detail.text('#summary')).toContain('关于优化检察服务大厅布局的建议');
    expect(detail.texts('.file .cell-body')).toEqual(['1.jpg']);
    await detail.tap('.file');
    expect(h.recorded.previews).toHaveLength(1);
    expect(h.recorded.previews[0].current).toMatch(/\/_files\/[A-Za-z0-9_-]+$/);
    const staff = await h.as(DEMO.otherUnitHandler).open(itemPage, { id: item.id });
    expect(staff.text('#submitter')).toContain('政协委员');
    expect(staff.texts('.file .cell-body')).toEqual(['1.jpg']);
  });

  test('When the topic and content are too short, then each message is under its field, the form is kept and nothing is written', async () => {
    const { openid } = await bound('deputy');
    const page = await h.as(openid).open(submitPage);
    await page.input('#title', '建议');
    await page.input('#content', '太短了');
    await page.tap('#submit');

    expect(page.text('#error-title')).toBe('主题至少4个字');
    expect(page.text('#error-content')).toBe('内容至少20个字');
    expect(h.recorded.toasts.map((t) => t.title)).toEqual(['请按提示修改后再提交']);
    expect(page.has('#result')).toBe(false);
    expect(page.data.submitting).toBe(false);
    expect(page.data.title).toBe('建议');
    expect((await mine(openid)).total).toBe(0);

    await page.input('#title', '关于加强检察建议落实的建议');
    expect(page.has('#error-title')).toBe(false);
    expect(page.has('#error-content')).toBe(true);
  });

  test('When the person cancels the confirmation, then nothing is sent and the form stays as typed', async () => {
    const { openid } = await bound('deputy');
    const page = await h.as(openid).open(submitPage);
    await page.input('#title', '关于加强未成年人检察工作的建议');
    await page.input('#content', OPINION_CONTENT);
    h.modalAnswer = 'cancel';
    await page.tap('#submit');

    expect(h.recorded.modals).toHaveLength(1);
    expect(submitCalls()).toEqual([]);
    expect(page.has('#result')).toBe(false);
    expect(page.data.submitting).toBe(false);
    expect(page.data.content).toBe(OPINION_CONTENT);
    expect((await mine(openid)).total).toBe(0);
  });

  test('When a supervisor submits a complaint, then the matter and then the case number are refused under their fields, and once corrected it is filed', async () => {
    const { openid } = await bound('supervisor');
    const page = await h.as(openid).open(submitPage);
    expect(page.has('#field-title')).toBe(false);
    expect(page.has('#field-caseNumber')).toBe(true);
    expect(page.has('#matter-picker')).toBe(true);

    await page.input('#caseNumber', '第123号案件材料');
    await page.input('#content', COMPLAINT_CONTENT);
    await page.change('#notify', false);
    await page.tap('#submit');
    expect(h.recorded.modals[0]).toMatchObject({ title: '确定提交案件监督申诉？' });
    expect(page.text('#error-matter')).toBe('请选择监督事项');
    expect((await mine(openid)).total).toBe(0);

    await page.change('#matter-picker', 1);
    expect(page.has('#error-matter')).toBe(false);
    expect(page.text('#field-matter')).toContain('超期羁押或者延长羁押期限决定违法');
    await page.tap('#submit');
    expect(page.text('#error-caseNumber')).toContain('案件编号格式不正确');
    expect((await mine(openid)).total).toBe(0);

    await page.input('#caseNumber', '京朝检刑诉受[2026]110105000321号');
    await page.tap('#submit');
    expect(page.text('#result')).toContain('提交成功');
    expect(page.text('#result')).not.toContain('复杂的意见建议');
    const [item] = (await mine(openid)).items;
    expect(await h.data('liaison', 'get', { id: item.id }, openid)).toMatchObject({
      kind: 'complaint',
      caseNumber: '京朝检刑诉受〔2026〕110105000321号',
      matter: 'detention',
      content: COMPLAINT_CONTENT,
      notify: false,
    });
  });

  test('When the invitation is revoked while the form is open, then the refusal is shown above the button and nothing is written', async () => {
    const name = nextName();
    const { invitation, code } = await issue(name, 'deputy');
    const person = newCitizen('rf');
    await h.data('liaison', 'invitation.redeem', { code, name }, person);
    const page = await h.as(person).open(submitPage);
    await page.input('#title', '关于加强未成年人检察工作的建议');
    await page.input('#content', OPINION_CONTENT);
    await h.data(
      'liaison',
      'invitation.revoke',
      { id: invitation.id, reason: '代表资格终止' },
      ADMIN,
    );

    await page.tap('#submit');
    expect(page.text('#form-error')).toContain('仅限已绑定身份的人大代表、政协委员提交意见建议');
    expect(page.has('#result')).toBe(false);
    expect((await mine(person)).total).toBe(0);
  });
});

describe('liaison/detail (事项详情)', () => {
  test('When the deputy follows an opinion from submission to reply, then the page shows the status, the due date, the complex marking and then the reply', async () => {
    const { openid } = await bound('deputy');
    const { id } = await fileOpinion(openid, '关于推进检察公开听证的建议');
    const waiting = await h.data('liaison', 'get', { id }, openid);

    const before = await h.as(openid).open(detailPage, { id });
    expect(before.text('#status')).toBe('待分办');
    expect(before.text('#due')).toContain(chinaDay(waiting.due));
    expect(before.text('#due')).not.toContain('复杂件');
    expect(before.has('#reply')).toBe(false);
    expect(before.has('#waiting')).toBe(true);
    expect(before.text('#content')).toBe(OPINION_CONTENT);

    await assignTo(id);
    await h.data('liaison', 'markComplex', { id, reason: '涉及多个部门协调' }, DEMO.leader);
    await h.data('liaison', 'reply', { id, method: 'online', content: REPLY }, DEMO.handler);
    const replied = await h.data('liaison', 'get', { id }, openid);

    const after = await h.as(openid).open(detailPage, { id });
    expect(after.text('#status')).toBe('已答复');
    expect(after.text('#due')).toContain('答复期限');
    expect(after.text('#due')).toContain(chinaDay(replied.due));
    expect(after.text('#due')).toContain('（复杂件，6个月）');
    expect(after.text('#due')).toContain('按期完成');
    expect(after.text('#complex')).toContain('涉及多个部门协调');
    expect(after.text('#reply')).toContain(`${DEMO.unitName}的答复`);
    expect(after.text('#reply')).toContain('网上答复');
    expect(after.text('#reply-content')).toBe(REPLY);
    expect(after.has('#waiting')).toBe(false);
  });

  test('When another deputy, a citizen or staff of another procuratorate open it, then they see 未找到该事项 and nothing of it', async () => {
    const { openid } = await bound('deputy');
    const { id } = await fileOpinion(openid, '关于加强民事执行监督的建议');
    const other = await bound('deputy');
    for (const who of [other.openid, DEMO.citizen, DEMO.otherUnitHandler]) {
      const page = await h.as(who).open(detailPage, { id });
      expect(page.text('#missing-state')).toContain('未找到该事项');
      expect(page.has('#summary')).toBe(false);
    }
  });
});

describe('staff/liaison-inbox (代表委员与监督员事项)', () => {
  test('When the registrar opens the inbox, then the tabs carry the counts, the kind filter narrows the rows, and a row opens the item', async () => {
    const deputy = await bound('deputy');
    const supervisor = await bound('supervisor');
    const opinion = await fileOpinion(deputy.openid, '关于加强检察听证公开的建议');
    const complaint = await fileComplaint(supervisor.openid, 888);
    const handled = await fileOpinion(deputy.openid, '关于加强法治宣传的建议');
    await assignTo(handled.id);
    const { counts } = await h.data('liaison', 'inbox', {}, DEMO.registrar);

    const page = await h.as(DEMO.registrar).open(inboxPage);
    expect(page.text('#tab-all .tab-count')).toBe(
      `（${counts.submitted + counts.handling + counts.replied}）`,
    );
    expect(page.text('#tab-submitted .tab-count')).toBe(`（${counts.submitted}）`);
    expect(page.text('#tab-handling .tab-count')).toBe(`（${counts.handling}）`);
    expect(counts.submitted).toBeGreaterThanOrEqual(2);
    expect(counts.handling).toBeGreaterThanOrEqual(1);

    // 待分办 first: the new opinion and complaint, not the one assigned.
    const titles = () => page.texts('.liaison-row .item-title');
    expect(titles()).toContain('关于加强检察听证公开的建议');
    expect(titles()).toContain('京朝检刑诉受〔2026〕110105000888号');
    expect(titles()).not.toContain('关于加强法治宣传的建议');
    const row = page.texts('.liaison-row').find((t) => t.includes('关于加强检察听证公开的建议'));
    expect(row).toContain(`人大代表 ${deputy.name}`);
    expect(row).toContain('承办：未分办');
    expect(row).toMatch(/应于\d{4}-\d{2}-\d{2} \d{2}:\d{2}前答复/);

    await page.tap('#kind-complaint');
    expect(page.data.kind).toBe('complaint');
    expect(titles()).toContain('京朝检刑诉受〔2026〕110105000888号');
    expect(titles()).not.toContain('关于加强检察听证公开的建议');
    expect(page.texts('.liaison-row .item-text').every((t) => t.startsWith('案件监督申诉'))).toBe(
      true,
    );

    await page.tap('#kind-all');
    await page.tap('#tab-handling');
    expect(titles()).toContain('关于加强法治宣传的建议');
    expect(titles()).not.toContain('关于加强检察听证公开的建议');
    expect(page.text('.liaison-row')).toContain('承办：张华');

    await page.tap('.liaison-row', titles().indexOf('关于加强法治宣传的建议'));
    expect(h.recorded.navigations).toEqual([
      { kind: 'navigateTo', url: `/staff/liaison-item/index?id=${handled.id}` },
    ]);
    expect(opinion.id).not.toBe(complaint.id);
  });

  test('When a citizen opens the inbox, then the page says it is for staff only and lists nothing', async () => {
    const page = await h.as(DEMO.citizen).open(inboxPage);
    expect(page.text('#forbidden-state')).toContain('仅限工作人员');
    expect(page.has('.tabs')).toBe(false);
    expect(page.count('.liaison-row')).toBe(0);
  });
});

describe('staff/liaison-item (事项办理)', () => {
  test('When the registrar assigns through the picker and confirms, then the item is with the handler; without a choice, the field says so and nothing is sent', async () => {
    const { openid, name } = await bound('deputy');
    const { id } = await fileOpinion(openid, '关于规范涉企案件办理的建议');
    const page = await h.as(DEMO.registrar).open(itemPage, { id });
    expect(page.text('#status')).toBe('待分办');
    expect(page.text('#submitter')).toBe(`人大代表 ${name}`);
    expect(page.text('#handler')).toBe('未分办');
    expect(page.has('#assign-form')).toBe(true);
    expect(page.has('#complex-form')).toBe(false);
    expect(page.has('#reply-form')).toBe(false);

    await page.tap('#assign');
    expect(page.text('#error-handlerId')).toBe('请选择承办人');
    expect(h.recorded.modals).toEqual([]);
    expect(h.recorded.calls.filter((c) => c.action === 'assign')).toEqual([]);

    const names = page.data.assigneeNames as string[];
    const index = names.findIndex((n) => n.startsWith('张华（'));
    expect(index).toBeGreaterThanOrEqual(0);
    await page.change('#assignee-picker', index);
    expect(page.has('#error-handlerId')).toBe(false);
    await page.tap('#assign');

    expect(h.recorded.modals).toEqual([
      expect.objectContaining({
        title: '确定分办？',
        content: expect.stringContaining('分办给张华'),
      }),
    ]);
    expect(h.recorded.toasts.map((t) => t.title)).toContain('已分办');
    expect(page.text('#status')).toBe('办理中');
    expect(page.text('#handler')).toContain('张华');
    expect(page.text('#history')).toContain('分办给张华');
    const stored = await h.data('liaison', 'get', { id }, DEMO.registrar);
    expect(stored).toMatchObject({ status: 'handling', handler: { name: '张华' } });
  });

  test('When the registrar cancels the confirmation, then nothing is assigned', async () => {
    const { openid } = await bound('deputy');
    const { id } = await fileOpinion(openid);
    const page = await h.as(DEMO.registrar).open(itemPage, { id });
    const names = page.data.assigneeNames as string[];
    await page.change(
      '#assignee-picker',
      names.findIndex((n) => n.startsWith('张华（')),
    );
    h.modalAnswer = 'cancel';
    await page.tap('#assign');
    expect(h.recorded.modals).toHaveLength(1);
    expect(page.text('#status')).toBe('待分办');
    expect((await h.data('liaison', 'get', { id }, DEMO.registrar)).status).toBe('submitted');
  });

  test('When a leader marks an opinion complex, then the due text says 复杂件 and the reason shows; a complaint offers no such step', async () => {
    const { openid } = await bound('member');
    const { id } = await fileOpinion(openid, '关于加强生态环境公益诉讼的建议');
    const before = await h.data('liaison', 'get', { id }, openid);
    const page = await h.as(DEMO.leader).open(itemPage, { id });
    expect(page.has('#complex-form')).toBe(true);
    expect(page.text('#due')).not.toContain('复杂件');

    await page.input('#reason', '短');
    await page.tap('#mark-complex');
    expect(page.text('#error-reason')).toBe('认定理由至少4个字');
    expect((await h.data('liaison', 'get', { id }, openid)).complex).toBeNull();

    await page.input('#reason', '涉及多个部门协调办理');
    expect(page.has('#error-reason')).toBe(false);
    await page.tap('#mark-complex');
    expect(h.recorded.modals.map((m) => m.title)).toEqual(['认定为复杂件？', '认定为复杂件？']);
    expect(page.text('#due')).toContain('（复杂件，6个月）');
    expect(page.text('#complex')).toContain('涉及多个部门协调办理');
    expect(page.has('#complex-form')).toBe(false);
    const after = await h.data('liaison', 'get', { id }, openid);
    expect(Date.parse(after.due)).toBeGreaterThan(Date.parse(before.due) + 80 * 86_400_000);
    expect(page.text('#due')).toContain(chinaDay(after.due));

    const supervisor = await bound('supervisor');
    const complaint = await fileComplaint(supervisor.openid);
    const other = await h.as(DEMO.leader).open(itemPage, { id: complaint.id });
    expect(other.has('#assign-form')).toBe(true);
    expect(other.has('#complex-form')).toBe(false);
  });

  test('When the handler replies online, then a short reply is refused under the field, a proper one is sent after confirmation and the deputy is messaged', async () => {
    const { openid } = await bound('deputy');
    h.cloud.grantSubscription(openid, { [REPLIED_TEMPLATE]: 'accept' });
    const { id } = await fileOpinion(openid, '关于加强检察建议跟踪落实的建议');
    await assignTo(id);

    const page = await h.as(DEMO.handler).open(itemPage, { id });
    expect(page.has('#assign-form')).toBe(false);
    expect(page.has('#reply-form')).toBe(true);
    expect(page.text('#field-method')).toContain('网上答复');
    expect(page.has('#date-picker')).toBe(false);
    expect(page.text('#reply-submit')).toBe('发送答复');

    await page.input('#reply-content', '已收到');
    await page.tap('#reply-submit');
    expect(page.text('#error-content')).toBe('答复内容至少10个字');
    expect(page.text('#status')).toBe('办理中');

    const messages = h.cloud.platform.messages({ touser: openid }).length;
    await page.input('#reply-content', REPLY);
    await page.tap('#reply-submit');
    expect(h.recorded.modals.map((m) => m.title)).toEqual(['确定发送答复？', '确定发送答复？']);
    expect(h.recorded.toasts.map((t) => t.title)).toContain('已答复');
    expect(page.text('#status')).toBe('已答复');
    expect(page.text('#reply')).toContain(REPLY);
    expect(page.text('#reply')).toContain('网上答复');
    expect(page.text('#notification')).toBe('已通知提交人');
    expect(page.has('#reply-form')).toBe(false);
    expect(page.has('#assign-form')).toBe(false);
    expect(h.cloud.platform.messages({ touser: openid })).toHaveLength(messages + 1);

    const seen = await h.as(openid).open(detailPage, { id });
    expect(seen.text('#reply-content')).toBe(REPLY);
  });

  test('When the handler records an offline reply, then the date picker appears and the reply is recorded with the method and date', async () => {
    const { openid } = await bound('supervisor');
    const { id } = await fileComplaint(openid);
    await assignTo(id);
    const page = await h.as(DEMO.handler).open(itemPage, { id });

    await page.change('#method-picker', 3); // 电话答复
    expect(page.text('#field-method')).toContain('电话答复');
    expect(page.has('#date-picker')).toBe(true);
    expect(page.text('#field-repliedOn')).toContain(today());
    expect(page.text('#reply-submit')).toBe('登记线下答复');
    await page.input('#reply-content', '已电话告知审查结果：已变更强制措施。');
    await page.tap('#reply-submit');

    expect(h.recorded.modals).toEqual([
      expect.objectContaining({
        title: '确定登记线下答复？',
        content: expect.stringContaining(`电话答复（${today()}）`),
      }),
    ]);
    expect(page.text('#status')).toBe('已答复');
    expect(page.text('#history')).toContain(`登记线下答复（电话答复，${today()}）`);
    expect((await h.data('liaison', 'get', { id }, openid)).reply).toMatchObject({
      method: 'telephone',
      repliedOn: today(),
    });

    // Switching back to 网上答复 hides the date again.
    const other = await fileComplaint(openid);
    await assignTo(other.id);
    const again = await h.as(DEMO.handler).open(itemPage, { id: other.id });
    await again.change('#method-picker', 1);
    expect(again.has('#date-picker')).toBe(true);
    await again.change('#method-picker', 0);
    expect(again.has('#date-picker')).toBe(false);
  });

  test('When a handler declared the deputy as a relative, then the picker marks them 【应回避】, choosing them shows why, and the assignment is refused', async () => {
    const { openid, name } = await bound('deputy');
    const { id } = await fileOpinion(openid, '关于加强检察人员廉政建设的建议');
    await h.data(
      'account',
      'interests.save',
      { relatives: [{ name, relation: 'sibling' }], organisations: [] },
      HANDLER2,
    );
    try {
      const page = await h.as(DEMO.registrar).open(itemPage, { id });
      const names = page.data.assigneeNames as string[];
      const index = names.findIndex((n) => n.startsWith('陈静（'));
      expect(names[index]).toMatch(/【应回避】$/);
      expect(names.find((n) => n.startsWith('张华（'))).not.toContain('【应回避】');

      await page.change('#assignee-picker', index);
      expect(page.text('#error-handlerId')).toContain('应当回避');
      await page.tap('#assign');
      expect(page.text('#error-handlerId')).toContain('应当回避');
      expect(page.text('#status')).toBe('待分办');
      expect((await h.data('liaison', 'get', { id }, DEMO.registrar)).status).toBe('submitted');
    } finally {
      await h.data('account', 'interests.save', { relatives: [], organisations: [] }, HANDLER2);
    }
  });
});

describe('staff/invitations (代表委员邀请码)', () => {
  test('When the administrator issues a code, then it is shown once with a copy button, it binds the person, and the list shows the invitation', async () => {
    const name = nextName();
    const page = await h.as(ADMIN).open(invitationsPage);
    expect(page.has('#issue-form')).toBe(true);

    // No role chosen: said on the field, nothing issued.
    await page.input('#name', name);
    await page.tap('#issue');
    expect(page.text('#error-role')).toBe('请选择身份');
    expect(h.recorded.calls.filter((c) => c.action === 'invitation.issue')).toEqual([]);

    await page.change('#role-picker', 2); // 人民监督员
    expect(page.has('#error-role')).toBe(false);
    await page.tap('#issue');
    const code = page.text('#issued-code');
    expect(code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/);
    expect(page.text('#issued')).toContain(`已为人民监督员 ${name}签发邀请码`);
    expect(page.text('#issued')).toContain('邀请码只显示这一次');
    await page.tap('#copy-code');
    expect(h.recorded.clipboard).toEqual([code]);
    expect(h.recorded.toasts.map((t) => t.title)).toContain('邀请码已复制');

    const row = () => page.texts('.invitation').find((t) => t.includes(`人民监督员 ${name}`)) ?? '';
    expect(row()).toContain('待使用');
    expect(row()).toContain('赵丽签发');
    expect(page.data.name).toBe('');

    await page.tap('#dismiss-code');
    expect(page.has('#issued')).toBe(false);
    expect(page.comp.dom?.textContent ?? '').not.toContain(code);

    // The code binds the named person.
    const person = newCitizen('iv');
    await h.data('liaison', 'invitation.redeem', { code, name }, person);
    await page.lifecycle('onPullDownRefresh');
    expect(row()).toContain('已绑定');
  });

  test('When the name is missing, then the function’s message shows under the name and nothing is issued', async () => {
    const before = (await h.data('liaison', 'invitation.list', {}, ADMIN)).total;
    const page = await h.as(ADMIN).open(invitationsPage);
    await page.change('#role-picker', 0);
    await page.tap('#issue');
    expect(page.text('#error-name')).toBe('请填写姓名');
    expect(page.has('#issued')).toBe(false);
    expect((await h.data('liaison', 'invitation.list', {}, ADMIN)).total).toBe(before);
  });

  test('When the administrator revokes an invitation with a reason and confirms, then it shows 已撤销 with the reason; a short reason is refused first', async () => {
    const name = nextName();
    const { invitation } = await issue(name, 'deputy');
    const page = await h.as(ADMIN).open(invitationsPage);
    const card = `#invitation-${invitation.id}`;
    expect(page.text(`${card} .status`)).toBe('待使用');

    await page.tap(`${card} .revoke`);
    await page.input('.revoke-reason', '错');
    await page.tap('.confirm-revoke');
    expect(page.text('.revoke-error')).toBe('撤销原因至少4个字');
    expect(page.text(`${card} .status`)).toBe('待使用');

    // Cancelled at the confirmation: still pending.
    h.modalAnswer = 'cancel';
    await page.input('.revoke-reason', '登记信息有误需重新签发');
    await page.tap('.confirm-revoke');
    expect(h.recorded.calls.filter((c) => c.action === 'invitation.revoke')).toHaveLength(1);

    h.modalAnswer = 'confirm';
    await page.tap('.confirm-revoke');
    expect(h.recorded.modals.map((m) => m.title)).toEqual([
      '确定撤销邀请？',
      '确定撤销邀请？',
      '确定撤销邀请？',
    ]);
    expect(h.recorded.toasts.map((t) => t.title)).toContain('已撤销');
    expect(page.text(`${card} .status`)).toBe('已撤销');
    expect(page.text(card)).toContain('撤销：登记信息有误需重新签发');
    expect(page.has(`${card} .revoke`)).toBe(false);
    expect(page.has('.revoke-reason')).toBe(false);
    const listed = await h.data('liaison', 'invitation.list', { status: 'revoked' }, ADMIN);
    expect(listed.items.find((i) => i.id === invitation.id)?.revokeReason).toBe(
      '登记信息有误需重新签发',
    );
  });

  test('When a registrar opens the page, then it says it is for administrators only and offers no form', async () => {
    const page = await h.as(DEMO.registrar).open(invitationsPage);
    expect(page.text('#forbidden-state')).toContain('仅限管理员');
    expect(page.has('#issue-form')).toBe(false);
    expect(page.count('.invitation')).toBe(0);
  });
});
