// Staff pages of petitions (信访办理): the inbox (counts, filters, who sees what), the detail page
// driving every step a petition goes through, field errors (the disclosure check among them), a
// stale page's conflict, and the offline filing of a letter. Petitions are filed as citizens
// through the `petition` function itself; every page call runs the real function on devcloud.
import {
  petitionSubmitInput,
  PETITION_CHANNEL_NAMES as CONTRACT_CHANNEL_NAMES,
  PETITION_KIND_NAMES as CONTRACT_KIND_NAMES,
  PETITION_KINDS as CONTRACT_KINDS,
  PETITION_LIMITS as CONTRACT_LIMITS,
  PETITION_STATUS_NAMES as CONTRACT_STATUS_NAMES,
  PETITION_STATUSES as CONTRACT_STATUSES,
  OFFLINE_CHANNELS as CONTRACT_OFFLINE_CHANNELS,
  REFUSAL_GROUND_TEXTS as CONTRACT_GROUND_TEXTS,
  REFUSAL_GROUNDS as CONTRACT_GROUNDS,
  REPLY_METHOD_NAMES as CONTRACT_METHOD_NAMES,
  DEADLINE_STATE_NAMES as CONTRACT_DEADLINE_STATE_NAMES,
  REPLY_METHODS as CONTRACT_METHODS,
  petition as contract,
  type PetitionKind,
  type PetitionSubmitInput,
  type RefusalGround,
} from '../../typings/petition';
import {
  buildForm,
  initialValues,
  OFFLINE_CHANNELS,
  PETITION_CHANNEL_NAMES,
  PETITION_KIND_NAMES,
  PETITION_KINDS,
  PETITION_LIMITS,
  PETITION_STATUS_NAMES,
  PETITION_STATUSES,
  REFUSAL_GROUND_TEXTS,
  REFUSAL_GROUNDS,
  REPLY_METHOD_NAMES,
  REPLY_METHODS,
  DEADLINE_STATE_NAMES,
  STAFF_STEP_LIMITS,
  visibleFields,
  type FormValues,
} from '../../miniprogram/utils/petition-form';
import { PROXY_RELATIONSHIPS } from '../../miniprogram/utils/petition-citizen';
import type { UnitGroup } from '../../miniprogram/utils/units';
import { buildPetition, OWN_MOBILE } from '../helpers/petition';
import { citizenWithProfile, newCitizen } from './builders';
import { DEMO, Harness, type PageHandle } from './harness';

jest.setTimeout(120_000);

let h: Harness;
let inboxPage: string;
let detailPage: string;
let filePage: string;
let mePage: string;

/** 北京市人民检察院: only the inbox test files petitions there, so its counts are exact. */
const CITY = {
  unit: '110000',
  registrar: 'o-staff-110000-registrar',
  handler: 'o-staff-110000-handler',
  leader: 'o-staff-110000-leader',
  handlerId: 'st-110000-handler',
  department: '110000-ks',
};
const MS_HANDLER = 'o-staff-110105-ms-handler';
const HANDLER_ID = 'st-110105-handler';

beforeAll(async () => {
  h = await Harness.start();
  inboxPage = h.load('staff/petition-inbox/index');
  detailPage = h.load('staff/petition-detail/index');
  filePage = h.load('staff/petition-file/index');
  mePage = h.load('pages/me/index');
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => h.reset());

// ---------------------------------------------------------------------------------------------
// Arranging petitions through the function

async function citizen(): Promise<string> {
  const openid = await citizenWithProfile(h, 'p', '张三');
  return openid;
}

async function file(openid: string, extra: Record<string, unknown> = {}): Promise<string> {
  const input = buildPetition(extra) as unknown as PetitionSubmitInput;
  return (await h.data('petition', 'submit', input, openid)).id;
}

async function version(id: string, staff: string = DEMO.registrar): Promise<number> {
  const view = await h.data('petition', 'get', { id }, staff);
  return (view as unknown as { version: number }).version;
}

async function registered(
  openid: string,
  opts: { department?: string; unit?: string; registrar?: string; extra?: object } = {},
) {
  const id = await file(openid, { procuratorateId: opts.unit ?? DEMO.unit, ...opts.extra });
  await h.data(
    'petition',
    'register',
    { id, departmentId: opts.department ?? '110105-ks' },
    opts.registrar ?? DEMO.registrar,
  );
  return id;
}

async function assigned(openid: string): Promise<string> {
  const id = await registered(openid);
  await h.data('petition', 'accept', { id }, DEMO.registrar);
  await h.data('petition', 'assign', { id, staffId: HANDLER_ID }, DEMO.leader);
  return id;
}

const ids = (page: PageHandle) => (page.data.items as { id: string }[]).map((i) => i.id);
const shownIds = (page: PageHandle) => (page.data.shown as { id: string }[]).map((i) => i.id);
const buttons = (page: PageHandle) => page.texts('.action');

async function openDetail(id: string, as: string): Promise<PageHandle> {
  return h.as(as).open(detailPage, { id });
}

/** Taps a step's button, fills its form with `fill`, and submits it. */
async function step(page: PageHandle, key: string, fill?: () => Promise<void>) {
  await page.tap(`#act-${key}`);
  if (fill) {
    await fill();
    await page.tap('#submit-action');
  }
}

// ---------------------------------------------------------------------------------------------

describe('mirrored reference data', () => {
  test('When the contract names kinds, statuses, channels, grounds and reply methods, then the pages use the same', () => {
    expect([...PETITION_KINDS]).toEqual([...CONTRACT_KINDS]);
    expect(PETITION_KIND_NAMES).toEqual(CONTRACT_KIND_NAMES);
    expect([...PETITION_STATUSES]).toEqual([...CONTRACT_STATUSES]);
    expect(PETITION_STATUS_NAMES).toEqual(CONTRACT_STATUS_NAMES);
    expect(PETITION_CHANNEL_NAMES).toEqual(CONTRACT_CHANNEL_NAMES);
    expect([...OFFLINE_CHANNELS]).toEqual([...CONTRACT_OFFLINE_CHANNELS]);
    expect([...REFUSAL_GROUNDS]).toEqual([...CONTRACT_GROUNDS]);
    expect(REFUSAL_GROUND_TEXTS).toEqual(CONTRACT_GROUND_TEXTS);
    expect([...REPLY_METHODS]).toEqual([...CONTRACT_METHODS]);
    expect(REPLY_METHOD_NAMES).toEqual(CONTRACT_METHOD_NAMES);
    expect(DEADLINE_STATE_NAMES).toEqual(CONTRACT_DEADLINE_STATE_NAMES);
    expect(PETITION_LIMITS).toEqual(CONTRACT_LIMITS);
  });

  test('When texts are at the step limits the pages state, then the contract accepts them, and refuses one past them', () => {
    const L = STAFF_STEP_LIMITS;
    const ok = (action: 'refuse' | 'answer' | 'transfer', input: object) =>
      contract[action].input.safeParse({ id: 'p1', ...input }).success;
    const s = (n: number) => '字'.repeat(n);
    expect(ok('refuse', { ground: 1, explanation: s(L.explanationMin) })).toBe(true);
    expect(ok('refuse', { ground: 1, explanation: s(L.explanationMin - 1) })).toBe(false);
    expect(ok('refuse', { ground: 1, explanation: s(L.explanationMax + 1) })).toBe(false);
    const answer = { method: 'online', text: s(L.replyMin), result: s(L.resultMin) };
    expect(ok('answer', answer)).toBe(true);
    expect(ok('answer', { ...answer, text: s(L.replyMin - 1) })).toBe(false);
    expect(ok('answer', { ...answer, text: s(L.replyMax + 1) })).toBe(false);
    expect(ok('answer', { ...answer, result: s(L.resultMax + 1) })).toBe(false);
    const to = { type: 'legal_procedure', procedure: s(L.procedureMin) };
    expect(ok('transfer', { to, reason: s(L.reasonMin) })).toBe(true);
    expect(ok('transfer', { to, reason: s(L.reasonMax + 1) })).toBe(false);
  });

  test('When every kind of the form description is filled in, then the contract accepts what buildForm makes', () => {
    const common: FormValues = {
      request: '请求依法处理',
      facts: '事情经过如下，已经多次反映。',
      reasons: '理由充分合法',
      address: '北京市朝阳区建国路88号',
      contact: OWN_MOBILE,
    };
    const own: Record<PetitionKind, FormValues> = {
      accusation: { accused_name: '某公司', accused_conduct: '长期拖欠工资，拒不支付。' },
      criminal_appeal: {
        decision_title: '刑事判决书',
        decision_number: '（2024）京0105刑初1号',
        decision_date: '2024-05-01',
        decision_organ: '北京市朝阳区人民法院',
      },
      civil_appeal: {
        decision_title: '民事判决书',
        decision_number: '（2024）京0105民初1号',
        decision_date: '2024-05-01',
        decision_organ: '北京市朝阳区人民法院',
      },
      administrative_appeal: {
        decision_title: '行政判决书',
        decision_number: '（2024）京0105行初1号',
        decision_date: '2024-05-01',
        decision_organ: '北京市朝阳区人民法院',
      },
      state_compensation: {
        compensation_victim_name: '张三',
        compensation_victim_sex: 'male',
        compensation_victim_age: '40',
        compensation_victim_employer: '无',
        compensation_victim_domicile: '北京市朝阳区建国路88号',
        compensation_claimantIsVictim: true,
        compensation_amount: '1000.50',
        compensation_specificRequest: '赔偿被错误羁押期间的损失',
        compensation_applicationDate: '2025-01-02',
      },
      judicial_assistance: {
        assistance_harm: '因犯罪行为受伤致残，丧失劳动能力。',
        assistance_hardship: '家庭没有其他收入来源，生活困难。',
      },
      public_interest_clue: {
        clue_interestHarmed: '河道被倾倒建筑垃圾，污染水体。',
        clue_responsibleParty: '某建筑公司',
      },
      staff_misconduct: {
        staff_name: '李四',
        staff_procuratorate: '某区人民检察院',
        staff_conduct: '办案中收受当事人财物。',
      },
      other: {},
    };
    for (const kind of PETITION_KINDS) {
      const values = { ...initialValues(kind), ...common, ...own[kind] };
      const form = buildForm(kind, values, {
        procuratorateId: DEMO.unit,
        clientToken: 'token-1234',
      });
      const parsed = petitionSubmitInput.safeParse(form);
      expect([kind, parsed.success ? 'ok' : JSON.stringify(parsed.error.issues)]).toEqual([
        kind,
        'ok',
      ]);
    }
    // A victim that is a unit asks for its own fields, and the claimant's relationship.
    const org = {
      ...initialValues('state_compensation'),
      compensation_victim_type: 'organisation',
    };
    expect(visibleFields('state_compensation', org).map((f) => f.id)).toEqual(
      expect.arrayContaining([
        'compensation_victim_legalRepresentative',
        'compensation_relationship',
      ]),
    );
  });
});

describe('我的', () => {
  test('When staff who handle petitions open 我的, then 信访办理 is offered; administrators and citizens do not see it', async () => {
    for (const who of [DEMO.registrar, DEMO.handler, DEMO.leader]) {
      const page = await h.as(who).open(mePage);
      expect(page.text('#link-petition-inbox')).toContain('信访办理');
      page.close();
    }
    const page = await h.as(DEMO.handler).open(mePage);
    await page.tap('#link-petition-inbox');
    expect(h.recorded.navigations).toEqual([
      { kind: 'navigateTo', url: '/staff/petition-inbox/index' },
    ]);
    for (const who of ['o-staff-110105-admin', DEMO.citizen]) {
      const other = await h.as(who).open(mePage);
      expect(other.has('#link-petition-inbox')).toBe(false);
      other.close();
    }
  });
});

describe('inbox', () => {
  test('When a citizen or an administrator opens the petition inbox, then the page says it is for staff only', async () => {
    const page = await h.as(newCitizen()).open(inboxPage);
    expect(page.text('#forbidden-state')).toContain('仅限工作人员');
    expect(page.has('.petition')).toBe(false);
    expect(page.has('#file-offline')).toBe(false);
    page.close();
    const admin = await h.as('o-staff-110105-admin').open(inboxPage);
    expect(admin.text('#forbidden-state')).toContain('仅限工作人员');
  });

  test('When staff open the inbox, then it counts each status and filters by status, kind and assigned to me', async () => {
    const me = await citizen();
    const a = await registered(me, {
      unit: CITY.unit,
      department: CITY.department,
      registrar: CITY.registrar,
    });
    const b = await registered(me, {
      unit: CITY.unit,
      department: CITY.department,
      registrar: CITY.registrar,
      extra: {
        kind: 'accusation',
        accused: { name: '某物业公司', conduct: '长期拖欠维修基金，拒不公开账目。' },
      },
    });
    await h.data('petition', 'accept', { id: b }, CITY.registrar);
    await h.data('petition', 'assign', { id: b, staffId: CITY.handlerId }, CITY.leader);
    const c = await file(me, { procuratorateId: CITY.unit });

    const page = await h.as(CITY.registrar).open(inboxPage);
    expect(page.has('#file-offline')).toBe(true);
    expect(ids(page)).toEqual([c, b, a]);
    const names = (page.data.statusOptions as { name: string }[]).map((o) => o.name);
    expect(names).toEqual(
      expect.arrayContaining([
        '全部状态（3）',
        '已提交待登记（1）',
        '已登记（1）',
        '承办中（1）',
        '已办结（0）',
      ]),
    );
    expect(page.text('#summary')).toBe('北京市人民检察院 · 共3件');
    const row = page.texts('.petition')[1];
    expect(row).toContain(
      (await h.data('petition', 'get', { id: b }, CITY.registrar)).receiptNumber,
    );
    expect(row).toContain('控告');
    expect(row).toContain('承办中');
    expect(row).toContain('控告申诉检察部');
    expect(row).toContain('周杰');
    expect(row).toContain('办结期限'); // accepted: the 60 days of handling come next
    expect(page.texts('.petition .overdue')).toEqual([]);

    // by status
    await page.change('#status-picker', PETITION_STATUSES.indexOf('registered') + 1);
    expect(page.text('#status-filter')).toBe('已登记（1）');
    expect(ids(page)).toEqual([a]);
    await page.change('#status-picker', PETITION_STATUSES.indexOf('closed') + 1);
    expect(page.has('#empty-state')).toBe(true);
    await page.change('#status-picker', 0);
    // by kind
    await page.change('#kind-picker', PETITION_KINDS.indexOf('accusation') + 1);
    expect(ids(page)).toEqual([b]);
    expect(page.text('#kind-filter')).toBe('控告');
    await page.change('#kind-picker', 0);
    expect(ids(page)).toEqual([c, b, a]);
    // by deadline, asked of the server: make `c` wait 10 days, so its 7-day reply is overdue
    const raw = h.cloud.store.raw;
    const stored = JSON.parse(
      raw.prepare('SELECT doc FROM "coll_petitions" WHERE _id = ?').pluck().get(c) as string,
    ) as Record<string, { $date: string }>;
    const aged = Date.parse(stored.submittedAt.$date) - 10 * 86_400_000;
    stored.submittedAt = { $date: new Date(aged).toISOString() };
    stored.dueAt = { $date: new Date(aged + 7 * 86_400_000).toISOString() };
    raw.prepare('UPDATE "coll_petitions" SET doc = ? WHERE _id = ?').run(JSON.stringify(stored), c);
    await page.change('#due-picker', 2);
    expect(page.text('#due-filter')).toBe('已超期');
    expect(ids(page)).toEqual([c]);
    expect(page.has('.petition .overdue')).toBe(true);
    await page.change('#due-picker', 1);
    expect(ids(page)).toEqual([]);
    await page.change('#due-picker', 0);
    // `c` moved ten days back, so it is now the oldest
    expect(shownIds(page)).toEqual([b, a, c]);
    page.close();

    // A handler sees what is registered to their department, and with the switch only theirs.
    const handler = await h.as(CITY.handler).open(inboxPage);
    expect(handler.has('#file-offline')).toBe(false);
    expect(ids(handler)).toEqual([b, a]);
    await handler.change('#assigned-switch', true);
    expect(ids(handler)).toEqual([b]);
    expect(
      h.recorded.calls.filter((c2) => c2.action === 'inbox').map((c2) => c2.input),
    ).toContainEqual(expect.objectContaining({ assignedToMe: true }));
  });

  test('When a petition is registered to another department, then a handler does not see it and cannot open it', async () => {
    const me = await citizen();
    const civil = await registered(me, { department: '110105-ms' });

    const page = await h.as(DEMO.handler).open(inboxPage);
    expect(ids(page)).not.toContain(civil);
    page.close();
    const detail = await openDetail(civil, DEMO.handler);
    expect(detail.has('#notfound-state')).toBe(true);
    detail.close();

    const theirs = await h.as(MS_HANDLER).open(inboxPage);
    expect(ids(theirs)).toContain(civil);
  });

  test('When a row is tapped or 登记来信来访 is tapped, then the detail or the filing page opens', async () => {
    const me = await citizen();
    const id = await file(me);
    const page = await h.as(DEMO.registrar).open(inboxPage);
    await page.tap('.petition', ids(page).indexOf(id));
    await page.tap('#file-offline');
    expect(h.recorded.navigations).toEqual([
      { kind: 'navigateTo', url: `/staff/petition-detail/index?id=${id}` },
      { kind: 'navigateTo', url: '/staff/petition-file/index' },
    ]);
  });
});

describe('detail', () => {
  test('When a petition goes register → accept → assign → procedural reply → progress reply → answer → close on the page, then each step shows', async () => {
    const me = await citizen();
    const id = await file(me);

    const reg = await openDetail(id, DEMO.registrar);
    expect(reg.text('#status')).toBe('已提交待登记');
    expect(reg.text('#petitioner-name')).toBe('张三');
    expect(reg.text('#petitioner-id')).toBe('110***********002X');
    expect(reg.text('#channel')).toBe('网上信访');
    expect(reg.text('#form')).toContain('邻里纠纷');
    expect(buttons(reg)).toEqual(['登记']);
    await step(reg, 'register', async () => {
      const departments = reg.data.unitDepartments as { id: string }[];
      await reg.change(
        '#department-picker',
        departments.findIndex((d) => d.id === '110105-ks'),
      );
    });
    expect(reg.text('#status')).toBe('已登记');
    expect(reg.text('#department')).toBe('控告申诉检察部');
    expect(buttons(reg)).toEqual(['受理', '不予受理', '要求补充材料', '转办']);
    await step(reg, 'accept');
    expect(reg.text('#status')).toBe('已受理');
    expect(h.recorded.modals).toEqual([]); // accepting is not asked about
    reg.close();

    const leader = await openDetail(id, DEMO.leader);
    await step(leader, 'assign', async () => {
      const assignees = leader.data.petition.assignees as { staffId: string }[];
      await leader.change(
        '#assignee-picker',
        assignees.findIndex((a) => a.staffId === HANDLER_ID),
      );
    });
    expect(leader.text('#status')).toBe('承办中');
    expect(leader.text('#handler')).toBe('张华');
    leader.close();

    const handler = await openDetail(id, DEMO.handler);
    expect(buttons(handler)).toEqual(['程序性答复']);
    await step(handler, 'procedural-reply', async () => {
      await handler.input('#reply-input', '您的信访事项已受理，我院将依法办理并及时答复。');
    });
    expect(handler.text('#status')).toBe('已程序性答复');
    await step(handler, 'progress-reply', async () => {
      await handler.change('#method-picker', REPLY_METHODS.indexOf('telephone'));
      await handler.input('#reply-input', '目前正在调查核实，预计下月底前答复办理结果。');
    });
    expect(handler.text('#status')).toBe('办理中');
    await step(handler, 'answer', async () => {
      await handler.input('#result-input', '经调查核实，已责令相关单位依法处理。');
      await handler.input('#reply-input', '经调查核实，已督促相关单位依法处理，现答复如下。');
    });
    expect(handler.text('#status')).toBe('已答复');
    expect(handler.text('#answer-result')).toBe('经调查核实，已责令相关单位依法处理。');
    expect(handler.texts('.reply .item-title')).toEqual(['程序性答复', '进展答复', '办理结果答复']);
    await step(handler, 'close');
    expect(handler.text('#status')).toBe('已办结');
    expect(h.recorded.modals.map((m) => m.title)).toEqual(['确认答复办理结果', '确认办结']);
    expect(handler.text('#timeline')).toContain('已办结');
    handler.close();

    // The petitioner may still ask for review: the file is not archivable yet.
    const after = await openDetail(id, DEMO.registrar);
    expect(after.has('#act-archive')).toBe(false);

    // Every step was sent with the version the page showed.
    const steps = h.recorded.calls.filter((c) => c.name === 'petition' && c.action !== 'get');
    for (const c of steps.filter((s) => s.action !== 'files')) {
      expect(c.input).toEqual(expect.objectContaining({ id, version: expect.any(Number) }));
    }
    const petitioner = await h.data('petition', 'get', { id }, me);
    expect(petitioner).toMatchObject({
      status: 'closed',
      answer: { result: '经调查核实，已责令相关单位依法处理。' },
    });
  });

  test.each(REFUSAL_GROUNDS.map((g) => [g]))(
    'When a registrar refuses on ground %i from the page, then the petitioner reads that ground and the explanation',
    async (ground) => {
      const me = await citizen();
      const id = await registered(me);
      const explanation = `经审查，该事项不符合受理条件（理由${ground}），特此说明。`;
      const page = await openDetail(id, DEMO.registrar);
      await step(page, 'refuse', async () => {
        await page.change('#ground-picker', ground - 1);
        await page.input('#explanation-input', explanation);
      });
      expect(h.recorded.modals).toEqual([
        expect.objectContaining({ title: '确认不予受理', answer: 'confirm' }),
      ]);
      expect(page.text('#status')).toBe('不予受理');
      expect(page.text('#refusal-ground')).toBe(REFUSAL_GROUND_TEXTS[ground as RefusalGround]);

      const seen = await h.data('petition', 'get', { id }, me);
      expect(seen.refusal).toEqual({
        ground,
        groundText: CONTRACT_GROUND_TEXTS[ground as RefusalGround],
        explanation,
      });

      // Nothing more will happen to it here: the registrar archives it.
      await step(page, 'archive');
      expect(page.text('#status')).toBe('已归档');
      expect(h.recorded.modals.map((m) => m.title)).toEqual(['确认不予受理', '确认归档']);
    },
  );

  test('When a refusal has no ground or too short an explanation, then each message shows under its field and the text stays', async () => {
    const id = await registered(await citizen());
    const page = await openDetail(id, DEMO.registrar);
    await step(page, 'refuse', async () => {
      await page.input('#explanation-input', '不予受理');
    });
    expect(page.text('#error-ground')).toBe('请选择不予受理的理由（四项之一）');
    expect(page.text('#error-explanation')).toBe('不予受理的说明至少10个字');
    expect(page.data.explanation).toBe('不予受理');
    expect(page.text('#status')).toBe('已登记');
  });

  test('When the registrar cancels the confirmation, then nothing is sent', async () => {
    const id = await registered(await citizen());
    h.as(DEMO.registrar).modalAnswer = 'cancel';
    const page = await h.open(detailPage, { id });
    await step(page, 'refuse', async () => {
      await page.change('#ground-picker', 1);
      await page.input('#explanation-input', '诉求不明确，经电话联系仍无法明确。');
    });
    expect(h.recorded.calls.filter((c) => c.action === 'refuse')).toEqual([]);
    expect(page.text('#status')).toBe('已登记');
    expect(page.data.explanation).toBe('诉求不明确，经电话联系仍无法明确。');
  });

  test("When a reply gives another person's phone number, then it is refused and the message shows under the reply text, which is kept", async () => {
    const me = await citizen();
    const id = await assigned(me);
    const text = '请联系被反映人李四，电话13912345678，协商解决。';
    const page = await openDetail(id, DEMO.handler);
    await step(page, 'procedural-reply', async () => {
      await page.input('#reply-input', text);
    });
    expect(page.text('#error-text')).toContain('13912345678');
    expect(page.text('#error-text')).toContain('请删除');
    expect(page.data.replyText).toBe(text);
    expect(page.text('#status')).toBe('承办中');
    expect((await h.data('petition', 'get', { id }, me)).replies).toEqual([]);
  });

  test('When a handler attaches a photo to a reply, then it is uploaded, saved with the reply and listed with the files', async () => {
    const me = await citizen();
    const id = await assigned(me);
    const page = await openDetail(id, DEMO.handler);
    expect(page.has('#no-files')).toBe(true);
    await page.tap('#act-procedural-reply');
    h.nextMedia = [h.tempFile('scan.jpg', Buffer.from('a photo'))];
    await page.tap('#add-attachment');
    expect(h.recorded.uploads).toEqual([
      expect.objectContaining({
        cloudPath: expect.stringMatching(`^petitions/${await h.uploadKey()}/${id}/replies/`),
      }),
    ]);
    await page.input('#reply-input', '您的信访事项已受理，附件为受理告知书。');
    await page.tap('#submit-action');

    expect(page.text('#status')).toBe('已程序性答复');
    const seen = await h.data('petition', 'get', { id }, me);
    expect(seen.replies[0].attachments).toEqual([h.recorded.uploads[0].fileID]);
    expect(page.texts('.file')).toEqual([expect.stringContaining('答复附件')]);
    await page.tap('.file');
    expect(h.recorded.previews).toHaveLength(1);
  });

  test('When a registrar asks for materials from the page, then the petitioner is asked for those items by that day', async () => {
    const me = await citizen();
    const id = await registered(me);
    const page = await openDetail(id, DEMO.registrar);
    const due = new Date(Date.now() + 8 * 3600_000 + 10 * 86400_000).toISOString().slice(0, 10);
    await step(page, 'request-materials', async () => {
      await page.input('#item-0', '身份证复印件');
      await page.tap('#add-item');
      await page.input('#item-1', '原处理决定书');
      await page.change('#due-date-picker', due);
    });
    expect(page.text('#status')).toBe('待补充材料');
    expect(page.text('#materials-items')).toBe('身份证复印件、原处理决定书');
    const seen = await h.data('petition', 'get', { id }, me);
    expect(seen.materialsRequest?.items).toEqual(['身份证复印件', '原处理决定书']);
    expect(seen.can.supplyMaterials).toBe(true);
  });

  test('When a registrar transfers a petition to another procuratorate, then it is transferred there with a reason', async () => {
    const me = await citizen();
    const id = await registered(me);
    const page = await openDetail(id, DEMO.registrar);
    await step(page, 'transfer', async () => {
      await page.change('#transfer-type-picker', 0);
      const groups = page.data.unitGroups as { units: { id: string }[] }[];
      const i = groups.findIndex((g) => g.units.some((u) => u.id === DEMO.otherUnit));
      await page.change('#unit-picker', [
        i,
        groups[i].units.findIndex((u) => u.id === DEMO.otherUnit),
      ]);
      await page.input('#reason-input', '事发地在海淀区，由海淀区院办理更便于调查核实。');
    });
    expect(h.recorded.modals).toEqual([expect.objectContaining({ title: '确认转办' })]);
    expect(page.text('#status')).toBe('已转办');
    expect(page.text('#transfer-to')).toContain('北京市海淀区人民检察院');
    const seen = await h.data('petition', 'get', { id }, me);
    expect(seen.transfer?.toName).toContain('北京市海淀区人民检察院');
  });

  test("When a registrar transfers to another procuratorate, then the picker offers every procuratorate but the petition's own", async () => {
    const id = await registered(await citizen());
    const page = await openDetail(id, DEMO.registrar);
    await step(page, 'transfer');
    await page.change('#transfer-type-picker', 0);
    expect(page.has('#unit-picker')).toBe(true);

    const unitIds = (groups: UnitGroup[]) => groups.flatMap((g) => g.units.map((u) => u.id));
    const all = unitIds(page.data.allUnitGroups as UnitGroup[]);
    const offered = unitIds(page.data.unitGroups as UnitGroup[]);
    expect(all).toContain(DEMO.unit);
    expect(offered).not.toContain(DEMO.unit);
    expect(offered).toEqual(all.filter((u) => u !== DEMO.unit));
    expect(offered).toEqual(expect.arrayContaining([DEMO.otherUnit, CITY.unit]));

    // Turning the first column to Beijing lists its units without 朝阳区 itself.
    const groups = page.data.unitGroups as UnitGroup[];
    const beijing = groups.findIndex((g) => g.units.some((u) => u.id === DEMO.otherUnit));
    page.comp
      .querySelector('#unit-picker')
      ?.dispatchEvent('columnchange', { detail: { column: 0, value: beijing } });
    await h.idle();
    const column = page.data.unitColumns[1] as string[];
    expect(column).toEqual(expect.arrayContaining(['北京市人民检察院', '北京市海淀区人民检察院']));
    expect(column).not.toContain(DEMO.unitName);
  });

  test('When the petition changed after the page was opened, then acting answers the conflict message and the page reloads', async () => {
    const id = await file(await citizen());
    const page = await openDetail(id, DEMO.registrar);
    expect(page.data.petition.version).toBe(1);
    // Another registrar registers it meanwhile.
    await h.data(
      'petition',
      'register',
      { id, departmentId: '110105-ks', version: 1 },
      DEMO.leader,
    );

    await step(page, 'register', async () => {
      await page.change('#department-picker', 0);
    });
    expect(h.recorded.modals).toEqual([
      expect.objectContaining({ content: '该信访已被他人处理，请刷新后重试' }),
    ]);
    expect(page.text('#status')).toBe('已登记');
    expect(page.data.petition.version).toBe(await version(id));
    expect(page.has('#act-register')).toBe(false);
  });

  test('When a citizen opens the staff detail, then it is for staff only', async () => {
    const me = await citizen();
    const id = await file(me);
    const page = await openDetail(id, me);
    expect(page.text('#forbidden-state')).toContain('仅限工作人员');
  });
});

describe('offline filing', () => {
  test('When a handler opens the filing page, then it is for registrars and leaders only', async () => {
    const page = await h.as(DEMO.handler).open(filePage);
    expect(page.has('#forbidden-state')).toBe(true);
  });

  test('When required fields are missing, then each message shows under its field', async () => {
    const page = await h.as(DEMO.registrar).open(filePage);
    await page.tap('#submit');
    expect(page.text('#error-channel')).toBe('请选择来源渠道');
    expect(page.text('#error-kind')).toBe('请选择信访类别');
    expect(h.recorded.calls.filter((c) => c.action === 'fileOffline')).toEqual([]);
  });

  test('When a registrar files a letter, then it is filed with channel 来信 and its detail opens', async () => {
    const page = await h.as(DEMO.registrar).open(filePage);
    await page.change('#channel-picker', OFFLINE_CHANNELS.indexOf('letter'));
    await page.input('#name-input', '王五');
    await page.input('#id-number-input', '11010519491231002X');
    await page.input('#mobile-input', '13700137000');
    await page.change('#kind-picker', PETITION_KINDS.indexOf('accusation'));
    await page.input('#f-request', '请求依法查处拖欠工资的行为');
    await page.input('#f-facts', '2025年3月起，某公司拖欠我工资共计三个月，多次讨要未果。');
    await page.input('#f-reasons', '该公司违反劳动法规定。');
    await page.input('#f-address', '北京市朝阳区朝阳路1号');
    await page.input('#f-accused_name', '某建筑公司');
    await page.input('#f-accused_conduct', '拖欠工人工资三个月，拒不支付。');
    await page.tap('#submit');

    const sent = h.recorded.calls.find((c) => c.action === 'fileOffline');
    expect(sent?.input).toMatchObject({
      channel: 'letter',
      petitioner: { name: '王五', idNumber: '11010519491231002X', mobile: '13700137000' },
      form: {
        kind: 'accusation',
        procuratorateId: DEMO.unit,
        contact: '13700137000',
        accused: { name: '某建筑公司' },
      },
    });
    expect(page.data.formError).toBe('');
    const nav = h.recorded.navigations[0];
    expect(nav?.kind).toBe('redirectTo');
    const id = /\?id=(.+)$/.exec(nav?.url ?? '')?.[1] ?? '';
    const seen = await h.data('petition', 'get', { id }, DEMO.registrar);
    expect(seen).toMatchObject({ kind: 'accusation', status: 'submitted' });
    expect((seen as unknown as { channel: string }).channel).toBe('letter');

    const detail = await openDetail(id, DEMO.registrar);
    expect(detail.text('#channel')).toBe('来信');
    expect(detail.text('#petitioner-name')).toBe('王五');
  });

  /** Fills the channel, the petitioner and the common fields of `kind`. */
  async function fillLetter(page: PageHandle, kind: PetitionKind) {
    await page.change('#channel-picker', OFFLINE_CHANNELS.indexOf('letter'));
    await page.input('#name-input', '王五');
    await page.input('#id-number-input', '11010519491231002X');
    await page.input('#mobile-input', '13700137000');
    await page.change('#kind-picker', PETITION_KINDS.indexOf(kind));
    await page.input('#f-request', '请求依法处理并给予答复');
    await page.input('#f-facts', '2025年3月起，我的合法权益受到侵害，多次反映没有结果。');
    await page.input('#f-reasons', '相关机关未依法履行职责。');
    await page.input('#f-address', '北京市朝阳区朝阳路1号');
  }

  function filedId(): string {
    const nav = h.recorded.navigations.at(-1);
    expect(nav?.kind).toBe('redirectTo');
    return /\?id=(.+)$/.exec(nav?.url ?? '')?.[1] ?? '';
  }

  test('When a registrar files a letter for another person with its scan, then the scan and the proxy are filed and the detail lists both', async () => {
    const page = await h.as(DEMO.registrar).open(filePage);
    await fillLetter(page, 'other');

    // The scanned letter, as a PDF; a file over 10 MB is refused with the reason.
    h.nextMessageFiles = [
      h.tempFile('来信扫描件.pdf', Buffer.from('%PDF-1.4 the letter')),
      h.tempFile('太大.pdf', { size: 10 * 1024 * 1024 + 1 }),
    ];
    await page.tap('#add-pdf');
    expect(h.recorded.choices).toEqual([
      { api: 'chooseMessageFile', count: 9, extension: ['pdf'] },
    ]);
    expect(h.recorded.modals).toEqual([
      expect.objectContaining({
        title: '部分文件未添加',
        content: expect.stringContaining('“太大.pdf”超过10MB'),
      }),
    ]);
    expect(page.count('.attachment')).toBe(1);
    expect(page.text('.attachment')).toContain('来信扫描件.pdf');
    expect(page.text('.attachment')).toContain('已上传');
    expect(h.recorded.uploads).toEqual([
      expect.objectContaining({
        cloudPath: expect.stringMatching(
          new RegExp(`^petitions/${await h.uploadKey()}/offline-[A-Za-z0-9-]+/1\\.pdf$`),
        ),
        openid: DEMO.registrar,
        fileID: expect.stringMatching(/^cloud:\/\//),
      }),
    ]);
    const fileID = h.recorded.uploads[0].fileID;

    // Filed by 王五 for 王小五: the relationship 其他 needs a note.
    expect(page.has('#proxy-name-input')).toBe(false);
    await page.change('#proxy-switch', true);
    await page.input('#proxy-name-input', '王小五');
    await page.change('#proxy-relationship-picker', PROXY_RELATIONSHIPS.indexOf('other'));
    await page.tap('#submit');
    expect(page.text('#error-onBehalfOf_note')).toBe('请说明与被代理人的关系');
    expect(page.data.formError).toBe('请按提示修改后再提交');
    expect(h.recorded.navigations).toEqual([]);
    await page.input('#proxy-note-input', '邻居，受其书面委托');
    await page.tap('#submit');

    const sent = h.recorded.calls.filter((c) => c.action === 'fileOffline').at(-1);
    expect(sent?.input).toMatchObject({
      channel: 'letter',
      form: {
        kind: 'other',
        attachments: [fileID],
        onBehalfOf: { name: '王小五', relationship: 'other', note: '邻居，受其书面委托' },
      },
    });
    const id = filedId();
    const seen = await h.data('petition', 'get', { id }, DEMO.registrar);
    expect(seen.form).toMatchObject({
      attachments: [fileID],
      onBehalfOf: { name: '王小五', relationship: 'other', note: '邻居，受其书面委托' },
    });
    const files = await h.data('petition', 'files', { id }, DEMO.registrar);
    expect(files.files).toEqual([
      expect.objectContaining({ fileID, name: '1.pdf', source: 'petition' }),
    ]);

    const detail = await openDetail(id, DEMO.registrar);
    expect(detail.text('#form')).toContain('代为信访');
    expect(detail.text('#form')).toContain('被代理人王小五（其他：邻居，受其书面委托）');
    expect(detail.texts('.file')).toEqual([expect.stringContaining('1.pdf')]);
    expect(detail.text('.file')).toContain('信访材料');
    await detail.tap('.file');
    expect(h.recorded.documents.map((d) => d.content.toString())).toEqual(['%PDF-1.4 the letter']);
  });

  test('When a registrar files a photo of a letter for a close relative, then the proxy needs no note', async () => {
    const page = await h.as(DEMO.registrar).open(filePage);
    await fillLetter(page, 'other');
    h.nextMedia = [h.tempFile('letter.jpg', Buffer.from('a photo of the letter'))];
    await page.tap('#add-images');
    expect(h.recorded.choices).toEqual([{ api: 'chooseMedia', count: 9 }]);
    await page.change('#proxy-switch', true);
    await page.input('#proxy-name-input', '王老五');
    await page.change('#proxy-relationship-picker', PROXY_RELATIONSHIPS.indexOf('close_relative'));
    await page.tap('#submit');

    const seen = await h.data('petition', 'get', { id: filedId() }, DEMO.registrar);
    expect(seen.form.onBehalfOf).toEqual({ name: '王老五', relationship: 'close_relative' });
    expect(seen.form.attachments).toEqual([h.recorded.uploads[0].fileID]);
    const detail = await openDetail(seen.id, DEMO.registrar);
    expect(detail.text('#form')).toContain('被代理人王老五（近亲属）');
    expect(detail.texts('.file')).toEqual([expect.stringContaining('1.jpg')]);
  });

  test('When a registrar files judicial assistance, then the compensation received is sent as listed, without the removed item', async () => {
    const page = await h.as(DEMO.registrar).open(filePage);
    await fillLetter(page, 'judicial_assistance');
    await page.input('#f-assistance_harm', '因犯罪行为受伤致残，丧失劳动能力。');
    await page.input('#f-assistance_hardship', '家庭没有其他收入来源，生活困难。');
    expect(page.has('#received-none')).toBe(true);

    await page.tap('#add-received');
    await page.tap('#add-received');
    await page.input('#received-amount-0', '5000');
    await page.input('#received-source-0', '被告人赔偿');
    await page.input('#received-amount-1', '2000.5');
    await page.input('#received-source-1', '民政临时救助');
    await page.tap('#remove-received-0');
    expect(page.data.received).toEqual([{ amount: '2000.5', source: '民政临时救助' }]);
    expect(page.count('#received .received-item')).toBe(1);

    // An item left empty is named under its own fields.
    await page.tap('#add-received');
    await page.tap('#submit');
    expect(page.text('#error-assistance_received_1_amount')).toBe('请填写已获赔偿或救助金额（元）');
    expect(page.has('#error-assistance_received_1_source')).toBe(true);
    expect(page.has('#error-assistance_received_0_amount')).toBe(false);
    expect(page.data.formError).toBe('请按提示修改后再提交');
    await page.tap('#remove-received-1');
    expect(page.has('#error-assistance_received_1_amount')).toBe(false);
    await page.tap('#submit');

    const seen = await h.data('petition', 'get', { id: filedId() }, DEMO.registrar);
    expect(seen.form).toMatchObject({
      kind: 'judicial_assistance',
      assistance: { received: [{ amount: 2000.5, source: '民政临时救助' }] },
    });
    const detail = await openDetail(seen.id, DEMO.registrar);
    expect(detail.text('#form')).toContain('民政临时救助 2000.5元');
  });
});

describe('deadlines on the detail', () => {
  test('When a petition waits past its 7 days and the scheduler escalates it, then the detail shows the overdue limit and the 督办', async () => {
    const me = await citizen();
    const id = await file(me);
    const raw = h.cloud.store.raw;
    const doc = JSON.parse(
      raw.prepare('SELECT doc FROM "coll_petitions" WHERE _id = ?').pluck().get(id) as string,
    ) as Record<string, { $date: string }>;
    for (const k of ['submittedAt', 'dueAt']) {
      doc[k] = { $date: new Date(Date.parse(doc[k].$date) - 10 * 86_400_000).toISOString() };
    }
    raw.prepare('UPDATE "coll_petitions" SET doc = ? WHERE _id = ?').run(JSON.stringify(doc), id);
    await h.cloud.fireTimer('scheduler', new Date());

    const page = await openDetail(id, DEMO.registrar);
    expect(page.texts('.due .row-label')).toEqual(['程序性答复期限']);
    expect(page.has('.due .overdue')).toBe(true);
    const alerts = page.texts('.alert .row-value');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatch(/已超期，已督办：程序性答复期限 .*（通知2人）$/);
  });
});
