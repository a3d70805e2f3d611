// Deputies, members and people's supervisors, run as the built `liaison` bundle on devcloud:
// invitations (issued, redeemed once, expired, revoked), opinions and supervision complaints
// (submitted only by a bound person of the right role, seen only by them and by staff of the
// procuratorate addressed), assignment with recusal, complex marking (3 → 6 months), online and
// offline replies with the notification.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { data, DEMO, openTestCloud, type TestCloud } from '../helpers/cloud';
import { registerCase } from '../helpers/cases';
import { uploadAs } from '../helpers/petition';

const root = join(__dirname, '..', '..');
const templates = JSON.parse(readFileSync(join(root, 'config', 'templates.json'), 'utf8'));
const REPLIED_TEMPLATE: string = templates.suggestionReplied.id;

const DEPUTY = 'o-liaison-deputy';
const MEMBER = 'o-liaison-member';
const SUPERVISOR = 'o-liaison-supervisor';
const OTHER_UNIT_REGISTRAR = 'o-staff-110000-registrar';
const HANDLER2 = 'o-staff-110105-handler2';

let t: TestCloud;
let seq = 0;
const token = () => `liaison-${++seq}-${Date.now()}`;

async function issue(name: string, role: string, validDays = 7) {
  return data(await t.call('liaison', 'invitation.issue', { name, role, validDays }, DEMO.admin));
}

async function bind(openid: string, name: string, role: string) {
  const { code } = await issue(name, role);
  return data(await t.call('liaison', 'invitation.redeem', { code, name }, openid));
}

function opinion(overrides: Record<string, unknown> = {}) {
  return {
    procuratorateId: DEMO.unit,
    title: '关于加强未成年人检察工作的建议',
    content:
      '近年来辖区内涉未成年人案件有所增加，建议检察院加强与学校、社区的联动，开展法治进校园活动，并完善未成年人司法保护机制。',
    notify: true,
    clientToken: token(),
    ...overrides,
  };
}

function complaint(overrides: Record<string, unknown> = {}) {
  return {
    procuratorateId: DEMO.unit,
    caseNumber: '京朝检刑诉受[2026]110105000123号',
    matter: 'detention',
    content:
      '据当事人家属反映，该案犯罪嫌疑人羁押期限已届满仍未变更强制措施，请依法审查羁押必要性并答复。',
    notify: false,
    clientToken: token(),
    ...overrides,
  };
}

beforeAll(async () => {
  t = await openTestCloud();
  await bind(DEPUTY, '林国栋', 'deputy');
  await bind(MEMBER, '吴桂芳', 'member');
  await bind(SUPERVISOR, '何静', 'supervisor');
});
afterAll(async () => {
  await t.close();
});

describe('invitations', () => {
  test('When an administrator issues a code, then it is 8 characters, shown once, stored only as a hash, and audited', async () => {
    const { invitation, code } = await issue('周建民', 'deputy', 10);
    expect(code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/);
    expect(invitation).toMatchObject({
      name: '周建民',
      role: 'deputy',
      status: 'pending',
      procuratorateName: '北京市朝阳区人民检察院',
      issuedByName: '赵丽',
    });
    const days = (Date.parse(invitation.expiresAt) - Date.parse(invitation.issuedAt)) / 86_400_000;
    expect(days).toBe(10);
    const stored = JSON.stringify(await t.find('liaison_invitations'));
    expect(stored).not.toContain(code);
    expect(await t.find('audit', { entity: 'invitation', entityId: invitation.id })).toHaveLength(
      1,
    );
    const listed = data(
      await t.call('liaison', 'invitation.list', { status: 'pending' }, DEMO.admin),
    );
    expect(listed.items.map((i) => i.id)).toContain(invitation.id);
  });

  test.each([
    ['name', { name: '' }, '请填写姓名'],
    ['role', { role: 'mayor' }, '请选择身份'],
    ['validDays', { validDays: 31 }, '有效天数应在1到30天之间'],
    ['extra', { extra: 1 }, '不支持的字段：extra'],
  ])(
    'When %s is bad, then BAD_REQUEST names it and nothing is written',
    async (path, o, message) => {
      const before = (await t.find('liaison_invitations')).length;
      const res = await t.call(
        'liaison',
        'invitation.issue',
        { name: '周建民', role: 'deputy', ...o },
        DEMO.admin,
      );
      expect(res.ok).toBe(false);
      if (res.ok) return;
      expect(res.error.code).toBe('BAD_REQUEST');
      expect(res.error.issues).toContainEqual({ path, message });
      expect(await t.find('liaison_invitations')).toHaveLength(before);
    },
  );

  test.each([
    ['a handler', DEMO.handler],
    ['a leader', DEMO.leader],
    ['a citizen', DEMO.citizen],
  ])('When %s tries to issue a code, then FORBIDDEN', async (_who, openid) => {
    const res = await t.call(
      'liaison',
      'invitation.issue',
      { name: '周建民', role: 'deputy' },
      openid,
    );
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.code).toBe('FORBIDDEN');
  });

  test('When the named person redeems the code, then they are bound; the code works once, and another name is refused', async () => {
    const { code, invitation } = await issue('郑晓东', 'member');
    const wrongName = await t.call(
      'liaison',
      'invitation.redeem',
      { code, name: '郑小东' },
      'o-redeem-1',
    );
    expect(wrongName.ok).toBe(false);
    if (!wrongName.ok) expect(wrongName.error.issues?.[0].path).toBe('name');

    const member = data(
      await t.call(
        'liaison',
        'invitation.redeem',
        { code: code.toLowerCase().replace(/(.{4})/, '$1-'), name: '郑晓东' },
        'o-redeem-1',
      ),
    );
    expect(member).toMatchObject({ role: 'member', name: '郑晓东', kind: 'opinion' });
    expect(data(await t.call('liaison', 'member.me', {}, 'o-redeem-1')).member?.name).toBe(
      '郑晓东',
    );
    // The same person again (a double tap, a retry after a lost answer): the same binding, once.
    expect(
      data(await t.call('liaison', 'invitation.redeem', { code, name: '郑晓东' }, 'o-redeem-1')),
    ).toEqual(member);
    expect(
      await t.find('audit', { entity: 'invitation', entityId: invitation.id, action: 'redeem' }),
    ).toHaveLength(1);

    const again = await t.call(
      'liaison',
      'invitation.redeem',
      { code, name: '郑晓东' },
      'o-redeem-2',
    );
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error.issues?.[0]).toMatchObject({ path: 'code' });
    expect(data(await t.call('liaison', 'member.me', {}, 'o-redeem-2')).member).toBeNull();
  });

  test('When a code has expired, then it is refused and listed as expired', async () => {
    const { invitation, code } = await issue('钱伟', 'deputy', 1);
    t.patchRaw('liaison_invitations', invitation.id, (doc) => {
      doc.expiresAt = { $date: new Date(Date.now() - 60_000).toISOString() };
    });
    const res = await t.call('liaison', 'invitation.redeem', { code, name: '钱伟' }, 'o-redeem-3');
    expect(res.ok).toBe(false);
    const expired = data(
      await t.call('liaison', 'invitation.list', { status: 'expired' }, DEMO.admin),
    );
    expect(expired.items.map((i) => i.id)).toContain(invitation.id);
  });

  test('When staff try to redeem, or a bound person redeems a second code, then it is refused', async () => {
    const { code } = await issue('李明', 'deputy');
    const staff = await t.call(
      'liaison',
      'invitation.redeem',
      { code, name: '李明' },
      DEMO.registrar,
    );
    expect(staff.ok).toBe(false);
    if (!staff.ok) expect(staff.error.code).toBe('FORBIDDEN');
    const second = await issue('林国栋', 'supervisor');
    const res = await t.call(
      'liaison',
      'invitation.redeem',
      { code: second.code, name: '林国栋' },
      DEPUTY,
    );
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.code).toBe('CONFLICT');
  });

  test('When a redeemed invitation is revoked, then the person may submit no more but still reads what they submitted', async () => {
    const { invitation, code } = await issue('孙立', 'deputy');
    data(await t.call('liaison', 'invitation.redeem', { code, name: '孙立' }, 'o-revoked'));
    const { id } = data(await t.call('liaison', 'opinion.submit', opinion(), 'o-revoked'));

    const other = await t.call(
      'liaison',
      'invitation.revoke',
      { id: invitation.id, reason: '代表资格终止' },
      'o-staff-110000-admin',
    );
    expect(other.ok).toBe(false);
    if (!other.ok) expect(other.error.code).toBe('NOT_FOUND');

    const revoked = data(
      await t.call(
        'liaison',
        'invitation.revoke',
        { id: invitation.id, reason: '代表资格终止' },
        DEMO.admin,
      ),
    );
    expect(revoked).toMatchObject({ status: 'revoked', revokeReason: '代表资格终止' });
    expect(data(await t.call('liaison', 'member.me', {}, 'o-revoked')).member).toBeNull();
    const denied = await t.call('liaison', 'opinion.submit', opinion(), 'o-revoked');
    expect(denied.ok).toBe(false);
    if (!denied.ok) expect(denied.error.code).toBe('FORBIDDEN');
    expect(data(await t.call('liaison', 'get', { id }, 'o-revoked')).id).toBe(id);
    const twice = await t.call(
      'liaison',
      'invitation.revoke',
      { id: invitation.id, reason: '重复撤销' },
      DEMO.admin,
    );
    expect(twice.ok).toBe(false);
  });
});

describe('who may submit what', () => {
  test('When an unbound citizen submits as a deputy or as a supervisor, then FORBIDDEN and nothing is written', async () => {
    const before = (await t.find('liaison_items')).length;
    for (const [action, input] of [
      ['opinion.submit', opinion()],
      ['complaint.submit', complaint()],
    ] as const) {
      const res = await t.call('liaison', action, input, DEMO.citizen);
      expect(res.ok).toBe(false);
      if (!res.ok) expect(res.error.code).toBe('FORBIDDEN');
    }
    expect(await t.find('liaison_items')).toHaveLength(before);
  });

  test('When a deputy files a complaint or a supervisor an opinion, then FORBIDDEN', async () => {
    const a = await t.call('liaison', 'complaint.submit', complaint(), DEPUTY);
    const b = await t.call('liaison', 'opinion.submit', opinion(), SUPERVISOR);
    expect([a.ok, b.ok]).toEqual([false, false]);
  });

  test.each([
    ['title', { title: '建议' }, '主题至少4个字'],
    ['content', { content: '太短' }, '内容至少20个字'],
    ['procuratorateId', { procuratorateId: '' }, '请选择检察院'],
    ['attachments.0', { attachments: ['http://x/1.jpg'] }, '附件格式不正确，请重新上传'],
    ['notify', { notify: 'yes' }, '请选择是否接收答复通知'],
  ])(
    'When an opinion has a bad %s, then BAD_REQUEST names it and nothing is written',
    async (path, o, message) => {
      const before = (await t.find('liaison_items')).length;
      const res = await t.call('liaison', 'opinion.submit', opinion(o), DEPUTY);
      expect(res.ok).toBe(false);
      if (res.ok) return;
      expect(res.error.issues).toContainEqual({ path, message });
      expect(await t.find('liaison_items')).toHaveLength(before);
    },
  );

  test.each([
    ['caseNumber', { caseNumber: '第123号案件材料' }, '案件编号格式不正确'],
    ['matter', { matter: 'anything' }, '请选择监督事项'],
  ])('When a complaint has a bad %s, then BAD_REQUEST names it', async (path, o, message) => {
    const res = await t.call('liaison', 'complaint.submit', complaint(o), SUPERVISOR);
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error.issues?.[0].path).toBe(path);
    expect(res.error.issues?.[0].message).toContain(message);
  });

  test('When a deputy submits with a file, then a double tap files one opinion, due in 3 months, that only they and the procuratorate see', async () => {
    const file = await uploadAs(t, DEPUTY, 'liaison/tok-1/1.jpg');
    const form = opinion({ attachments: [file] });
    const [a, b] = await Promise.all([
      t.call('liaison', 'opinion.submit', form, DEPUTY),
      t.call('liaison', 'opinion.submit', form, DEPUTY),
    ]);
    expect(data(a).id).toBe(data(b).id);
    const id = data(a).id;
    const mine = data(await t.call('liaison', 'get', { id }, DEPUTY));
    expect(mine).toMatchObject({
      kind: 'opinion',
      status: 'submitted',
      state: 'on_time',
      reply: null,
    });
    expect(mine.attachments[0]).toMatchObject({ name: '1.jpg' });
    expect(mine.attachments[0].url).toBeTruthy();
    const months = (Date.parse(mine.due) - Date.parse(mine.submittedAt)) / 86_400_000;
    expect(months).toBeGreaterThan(88);
    expect(months).toBeLessThan(96);

    for (const outsider of [MEMBER, DEMO.citizen, OTHER_UNIT_REGISTRAR]) {
      const res = await t.call('liaison', 'get', { id }, outsider);
      expect(res.ok).toBe(false);
      if (!res.ok) expect(res.error.code).toBe('NOT_FOUND');
    }
    const staff = data(await t.call('liaison', 'get', { id }, DEMO.registrar));
    expect(staff).toMatchObject({ submitter: { name: '林国栋', role: 'deputy' } });
    const other = data(await t.call('liaison', 'inbox', {}, OTHER_UNIT_REGISTRAR));
    expect(other.items.map((i) => i.id)).not.toContain(id);
    const memberList = data(await t.call('liaison', 'mine', {}, MEMBER));
    expect(memberList.items.map((i) => i.id)).not.toContain(id);
  });

  test('When a supervisor names a case registered at another procuratorate, then the case number is refused; at its own, accepted', async () => {
    const caseNumber = '京朝检刑诉受[2026]110105000777号';
    await registerCase(t.cloud, caseNumber);
    const wrong = await t.call(
      'liaison',
      'complaint.submit',
      complaint({ caseNumber, procuratorateId: '110000' }),
      SUPERVISOR,
    );
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(wrong.error.issues?.[0].path).toBe('caseNumber');
    const right = data(
      await t.call('liaison', 'complaint.submit', complaint({ caseNumber }), SUPERVISOR),
    );
    const [stored] = await t.find('liaison_items', { _id: right.id });
    expect(stored.caseNumber).toBe('京朝检刑诉受〔2026〕110105000777号');
  });
});

describe('handling', () => {
  test('When the registrar assigns, a leader marks it complex, and the handler replies online, then the deputy sees 6 months, the reply, and gets one message', async () => {
    await t.cloud.grantSubscription(DEPUTY, { [REPLIED_TEMPLATE]: 'accept' });
    const { id } = data(await t.call('liaison', 'opinion.submit', opinion(), DEPUTY));
    const inbox = data(
      await t.call('liaison', 'inbox', { status: 'submitted', kind: 'opinion' }, DEMO.registrar),
    );
    expect(inbox.items.map((i) => i.id)).toContain(id);
    expect(inbox.counts.submitted).toBeGreaterThan(0);

    const early = await t.call(
      'liaison',
      'reply',
      { id, method: 'online', content: '感谢您的建议，我院已研究。' },
      DEMO.handler,
    );
    expect(early.ok).toBe(false);
    if (!early.ok) expect(early.error.code).toBe('PRECONDITION_FAILED');

    const handler = data(
      await t.call('liaison', 'assignees', { id }, DEMO.registrar),
    ).assignees.find((a) => a.name === '张华');
    const assigned = data(
      await t.call('liaison', 'assign', { id, handlerId: handler!.id }, DEMO.registrar),
    );
    expect(assigned).toMatchObject({ status: 'handling', handler: { name: '张华' } });

    const notLeader = await t.call(
      'liaison',
      'markComplex',
      { id, reason: '涉及多个部门' },
      DEMO.handler,
    );
    expect(notLeader.ok).toBe(false);
    const complex = data(
      await t.call('liaison', 'markComplex', { id, reason: '涉及多个部门协调' }, DEMO.leader),
    );
    const months = (Date.parse(complex.due) - Date.parse(complex.submittedAt)) / 86_400_000;
    expect(months).toBeGreaterThan(179);
    expect(months).toBeLessThan(188);

    const someoneElse = await t.call(
      'liaison',
      'reply',
      { id, method: 'online', content: '感谢您的建议，我院已研究采纳。' },
      HANDLER2,
    );
    expect(someoneElse.ok).toBe(false);
    if (!someoneElse.ok) expect(someoneElse.error.code).toBe('CONFLICT');

    const before = t.cloud.platform.messages({ touser: DEPUTY }).length;
    const replied = data(
      await t.call(
        'liaison',
        'reply',
        { id, method: 'online', content: '感谢您的建议，我院已制定法治进校园工作方案。' },
        DEMO.handler,
      ),
    );
    expect(replied).toMatchObject({ status: 'replied', state: 'met', reply: { method: 'online' } });
    const seen = data(await t.call('liaison', 'get', { id }, DEPUTY));
    expect(seen.reply).toMatchObject({
      content: '感谢您的建议，我院已制定法治进校园工作方案。',
      by: '北京市朝阳区人民检察院',
    });
    expect(seen.complex).toMatchObject({ reason: '涉及多个部门协调' });
    const messages = t.cloud.platform.messages({ touser: DEPUTY });
    expect(messages).toHaveLength(before + 1);
    expect(messages[messages.length - 1].page).toBe(`liaison/detail/index?id=${id}`);

    const again = await t.call(
      'liaison',
      'reply',
      { id, method: 'online', content: '再次答复的内容不应被接受。' },
      DEMO.handler,
    );
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error.code).toBe('PRECONDITION_FAILED');
    expect(await t.find('audit', { entity: 'liaison', entityId: id })).toHaveLength(4);
  });

  test('When a complaint is answered offline by telephone, then the date is recorded; a future date or none is refused', async () => {
    const { id } = data(await t.call('liaison', 'complaint.submit', complaint(), SUPERVISOR));
    const leader = data(await t.call('liaison', 'assignees', { id }, DEMO.leader)).assignees.find(
      (a) => a.name === '刘洋',
    );
    data(await t.call('liaison', 'assign', { id, handlerId: leader!.id }, DEMO.leader));
    const complexRes = await t.call(
      'liaison',
      'markComplex',
      { id, reason: '案情复杂需要调查' },
      DEMO.leader,
    );
    expect(complexRes.ok).toBe(false);
    if (!complexRes.ok) expect(complexRes.error.code).toBe('PRECONDITION_FAILED');

    const noDate = await t.call(
      'liaison',
      'reply',
      { id, method: 'telephone', content: '已电话告知审查结果。' },
      'o-staff-110105-ms-handler',
    );
    expect(noDate.ok).toBe(false);
    if (!noDate.ok)
      expect(noDate.error.issues).toContainEqual({
        path: 'repliedOn',
        message: '请选择线下答复的日期',
      });
    const future = await t.call(
      'liaison',
      'reply',
      { id, method: 'telephone', content: '已电话告知审查结果。', repliedOn: '2099-01-01' },
      'o-staff-110105-ms-handler',
    );
    expect(future.ok).toBe(false);
    if (!future.ok) expect(future.error.issues?.[0].path).toBe('repliedOn');

    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const replied = data(
      await t.call(
        'liaison',
        'reply',
        {
          id,
          method: 'telephone',
          content: '已电话告知审查结果：已变更强制措施。',
          repliedOn: today,
        },
        'o-staff-110105-ms-handler',
      ),
    );
    expect(replied.reply).toMatchObject({ method: 'telephone', repliedOn: today });
    expect(replied.history.map((h) => h.what)).toEqual([
      '提交案件监督申诉',
      expect.stringContaining('分办给刘洋'),
      `登记线下答复（电话答复，${today}）`,
    ]);
    const mine = data(await t.call('liaison', 'mine', {}, SUPERVISOR));
    expect(mine.items.find((i) => i.id === id)).toMatchObject({
      status: 'replied',
      kind: 'complaint',
    });
  });

  test('When a handler with a declared interest in the deputy is chosen, then the assignment is refused with the reason', async () => {
    await t.call(
      'account',
      'interests.save',
      { relatives: [{ name: '林国栋', relation: 'sibling' }], organisations: [] },
      HANDLER2,
    );
    const { id } = data(await t.call('liaison', 'opinion.submit', opinion(), DEPUTY));
    const list = data(await t.call('liaison', 'assignees', { id }, DEMO.registrar)).assignees;
    const conflicted = list.find((a) => a.name === '陈静');
    expect(conflicted?.conflict).toContain('回避');
    const res = await t.call(
      'liaison',
      'assign',
      { id, handlerId: conflicted!.id },
      DEMO.registrar,
    );
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.code).toBe('CONFLICT');
    const other = await t.call(
      'liaison',
      'assign',
      { id, handlerId: 'st-110000-handler' },
      DEMO.registrar,
    );
    expect(other.ok).toBe(false);
    if (!other.ok) expect(other.error.issues?.[0].path).toBe('handlerId');
    await t.call('account', 'interests.save', { relatives: [], organisations: [] }, HANDLER2);
  });

  test('When staff of another procuratorate or a citizen act on an item, then NOT_FOUND or FORBIDDEN', async () => {
    const { id } = data(await t.call('liaison', 'opinion.submit', opinion(), MEMBER));
    const a = await t.call(
      'liaison',
      'assign',
      { id, handlerId: 'st-110105-handler' },
      OTHER_UNIT_REGISTRAR,
    );
    expect(a.ok).toBe(false);
    if (!a.ok) expect(a.error.code).toBe('NOT_FOUND');
    const b = await t.call('liaison', 'inbox', {}, MEMBER);
    expect(b.ok).toBe(false);
    if (!b.ok) expect(b.error.code).toBe('FORBIDDEN');
  });
});

describe('the scheduler’s sweep of reply deadlines', () => {
  /** Who the sweep wrote a message to (sent or not: staff may not have subscribed), and what. */
  async function told(id: string) {
    const entries = await t.find('outbox', { 'ref.id': id, template: 'petitionProgress' });
    return entries
      .map((e) => `${String(e.touser)}:${(e.data as { phrase2: { value: string } }).phrase2.value}`)
      .sort();
  }

  test('When an opinion’s reply falls due within 3 days, then the registrars are reminded once; overdue, its handler and the leaders; a replied one nobody', async () => {
    const { id } = data(await t.call('liaison', 'opinion.submit', opinion(), DEPUTY));
    const replied = data(await t.call('liaison', 'opinion.submit', opinion(), DEPUTY)).id;
    data(
      await t.call(
        'liaison',
        'assign',
        { id: replied, handlerId: 'st-110105-handler' },
        DEMO.registrar,
      ),
    );
    data(
      await t.call(
        'liaison',
        'reply',
        { id: replied, method: 'online', content: '感谢您的建议，我院已研究采纳。' },
        DEMO.handler,
      ),
    );
    const due = Date.parse(data(await t.call('liaison', 'get', { id }, DEPUTY)).due);

    const soon = new Date(due - 2 * 86_400_000);
    const first = await t.cloud.fireTimer('scheduler', soon);
    expect(first.result).toMatchObject({
      ok: true,
      data: { liaison: { reminded: expect.any(Number) } },
    });
    expect(await told(id)).toEqual(['o-staff-110105-registrar:即将到期']);
    await Promise.all([
      t.cloud.fireTimer('scheduler', new Date(soon.getTime() + 300_000)),
      t.cloud.fireTimer('scheduler', new Date(soon.getTime() + 300_000)),
    ]);
    expect(await told(id)).toHaveLength(1);

    data(await t.call('liaison', 'assign', { id, handlerId: 'st-110105-handler' }, DEMO.registrar));
    await t.cloud.fireTimer('scheduler', new Date(due + 86_400_000));
    expect(await told(id)).toEqual([
      'o-staff-110105-handler:已超期',
      'o-staff-110105-leader:已超期',
      'o-staff-110105-registrar:即将到期',
    ]);
    expect(await told(replied)).toEqual([]);
    expect(
      await t.find('audit', { entity: 'liaison', entityId: id, action: 'escalate' }),
    ).toHaveLength(1);
    const alerts = await t.find('deadline_alerts', { itemId: id });
    expect(alerts.map((a) => a.level).sort()).toEqual(['due_soon', 'overdue']);
    // The staff's reminders are not the deputy's message: none has been written to them yet.
    const staffView = data(await t.call('liaison', 'get', { id }, DEMO.leader));
    expect(staffView).toMatchObject({ notify: true, notification: null });
  });
});
