// Extension of the handling period, recusal (回避) and staff interests on the pages: the leader's
// assign picker leaves out a handler with a declared interest and says why; the handler asks for an
// extension on the staff detail and a leader grants it, the petitioner reading it on theirs; the
// petitioner asks for recusal and a leader grants it with a new handler, or refuses it with a
// reason; staff declare their interests on 利益关系申报. Every page call runs the real functions on
// devcloud.
import {
  INTEREST_RELATION_NAMES,
  INTEREST_RELATIONS,
  type StaffInterestsView,
} from '../../typings/account';
import type { PetitionSubmitInput } from '../../typings/petition';
import { buildPetition } from '../helpers/petition';
import { citizenWithProfile } from './builders';
import { DEMO, Harness, type PageHandle } from './harness';

jest.setTimeout(120_000);

const HANDLER_ID = 'st-110105-handler';
const HANDLER2_ID = 'st-110105-handler2';
const HANDLER2 = 'o-staff-110105-handler2';
/** The ID number of every demo profile `citizenWithProfile` saves. */
const CITIZEN_ID_NUMBER = '11010519491231002X';
const CONFLICT = '信访人张三是陈静申报的利害关系人，应当回避';

let h: Harness;
let staffPage: string;
let citizenPage: string;
let interestsPage: string;
let mePage: string;

beforeAll(async () => {
  h = await Harness.start();
  staffPage = h.load('staff/petition-detail/index');
  citizenPage = h.load('citizen/petition-detail/index');
  interestsPage = h.load('staff/interests/index');
  mePage = h.load('pages/me/index');
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => h.reset());

// ---------------------------------------------------------------------------------------------
// Arranging petitions through the function

async function citizen(): Promise<string> {
  return citizenWithProfile(h, 'rc', '张三');
}

async function accepted(openid: string): Promise<string> {
  const input = buildPetition() as unknown as PetitionSubmitInput;
  const { id } = await h.data('petition', 'submit', input, openid);
  await h.data('petition', 'register', { id, departmentId: '110105-ks' }, DEMO.registrar);
  await h.data('petition', 'accept', { id }, DEMO.registrar);
  return id;
}

async function assigned(openid: string): Promise<string> {
  const id = await accepted(openid);
  await h.data('petition', 'assign', { id, staffId: HANDLER_ID }, DEMO.leader);
  return id;
}

async function recusalAsked(openid: string): Promise<string> {
  const id = await assigned(openid);
  await h.data(
    'petition',
    'requestRecusal',
    { id, reason: '承办人与被反映人系同学关系，可能影响公正处理。' },
    openid,
  );
  return id;
}

function declare(openid: string, relatives: { name: string; idNumber?: string }[]) {
  return h.data(
    'account',
    'interests.save',
    {
      relatives: relatives.map((r) => ({ ...r, relation: 'sibling' as const })),
      organisations: [],
    },
    openid,
  );
}

function openStaff(id: string, as: string): Promise<PageHandle> {
  return h.as(as).open(staffPage, { id });
}

function openCitizen(id: string, as: string): Promise<PageHandle> {
  return h.as(as).open(citizenPage, { id });
}

const callsOf = (action: string) =>
  h.recorded.calls.filter((c) => c.name === 'petition' && c.action === action);

// ---------------------------------------------------------------------------------------------

describe('assigning', () => {
  afterEach(async () => {
    await declare(HANDLER2, []);
  });

  test('When a handler declared the petitioner as a relative, then the leader cannot pick them and reads why', async () => {
    await declare(HANDLER2, [{ name: '张叁', idNumber: CITIZEN_ID_NUMBER }]);
    const id = await accepted(await citizen());
    const page = await openStaff(id, DEMO.leader);
    await page.tap('#act-assign');

    const offered = (page.data.petition.assignees as { staffId: string }[]).map((a) => a.staffId);
    expect(offered).toContain(HANDLER_ID);
    expect(offered).not.toContain(HANDLER2_ID);
    expect(page.text('#assignee-conflicts')).toContain(`陈静（不可选）：${CONFLICT}`);

    await page.change('#assignee-picker', offered.indexOf(HANDLER_ID));
    await page.tap('#submit-action');
    expect(page.text('#handler')).toBe('张华');
    expect(page.has('#assignee-conflicts')).toBe(false);
  });
});

describe('extension of the handling period', () => {
  test('When the handler asks for 30 days and the leader grants it, then both pages show it and the petitioner reads the reason', async () => {
    const me = await citizen();
    const id = await assigned(me);

    const handler = await openStaff(id, DEMO.handler);
    expect(handler.text('#no-extensions')).toContain('只能延长一次');
    expect(handler.has('#extension-decide')).toBe(false);
    // Without a number of days, the contract's message shows under the picker.
    await handler.input('#extension-reason-input', '需调取外地案卷材料核实');
    await handler.tap('#request-extension');
    expect(handler.text('#error-extension-days')).toBe('延长天数应在1到30之间');
    expect(handler.data.extReason).toBe('需调取外地案卷材料核实');
    await handler.change('#extension-days-picker', 29);
    expect(handler.has('#error-extension-days')).toBe(false);
    await handler.tap('#request-extension');
    expect(handler.text('#extensions')).toContain('申请延长办理期限30日');
    expect(handler.text('#extensions')).toContain('待审批');
    expect(handler.text('#extensions')).toContain('理由：需调取外地案卷材料核实');
    // Asked once only: the form is gone.
    expect(handler.has('#extension-request')).toBe(false);
    expect(callsOf('requestExtension').at(-1)?.input).toEqual({
      id,
      version: expect.any(Number),
      days: 30,
      reason: '需调取外地案卷材料核实',
    });
    // The petitioner is not told of a request, only of a granted extension.
    const before = await openCitizen(id, me);
    expect(before.has('#extension')).toBe(false);
    before.close();
    handler.close();

    const leader = await openStaff(id, DEMO.leader);
    expect(leader.has('#extension-request')).toBe(false);
    await leader.tap('#grant-extension');
    expect(h.recorded.modals).toEqual([
      expect.objectContaining({ title: '确认批准延期', answer: 'confirm' }),
    ]);
    expect(h.recorded.modals[0].content).toContain('延长30日');
    expect(leader.text('#extensions')).toContain('已批准');
    expect(leader.text('#extensions')).toContain('王强');
    expect(leader.has('#extension-decide')).toBe(false);
    expect(callsOf('decideExtension').at(-1)?.input).toEqual({
      id,
      version: expect.any(Number),
      grant: true,
    });

    const mine = await openCitizen(id, me);
    expect(mine.text('#extension-text')).toBe('办理期限已延长30日，理由：需调取外地案卷材料核实');
    expect(mine.text('#timeline')).toContain('办理期限延长');
  });
});

describe('recusal', () => {
  test('When the petitioner asks for recusal and the leader grants it with a new handler, then the handler changes and the petitioner reads the decision', async () => {
    const me = await citizen();
    const id = await assigned(me);

    const page = await openCitizen(id, me);
    expect(page.has('#recusal-reason')).toBe(false);
    await page.tap('#recusal-open');
    await page.input('#recusal-reason', '理由太短');
    await page.tap('#recusal-submit');
    expect(page.text('#error-recusal-reason')).toBe('申请回避的理由至少10个字');
    expect(h.recorded.subscribeRequests).toEqual([]);
    await page.input('#recusal-reason', '承办人与被反映人系同学关系，可能影响公正处理。');
    await page.tap('#recusal-submit');
    // The consent is asked inside the tap, then the request is confirmed before it is sent.
    expect(h.recorded.subscribeRequests).toEqual([
      expect.objectContaining({ openid: me, inTap: true }),
    ]);
    expect(h.recorded.modals).toEqual([
      expect.objectContaining({ title: '确定申请承办人回避？', answer: 'confirm' }),
    ]);
    expect(callsOf('requestRecusal')).toHaveLength(1);
    expect(page.text('#recusal-reason-text')).toBe(
      '承办人与被反映人系同学关系，可能影响公正处理。',
    );
    expect(page.text('#recusal-decision')).toContain('正在审查');
    expect(page.has('#recusal-form')).toBe(false);
    page.close();

    const leader = await openStaff(id, DEMO.leader);
    expect(leader.text('#recusals')).toContain('信访人申请承办人张华回避');
    expect(leader.text('#recusals')).toContain('待决定');
    // Granting asks for the new handler first; the one asked to withdraw is not offered.
    await leader.tap('#grant-recusal');
    expect(leader.text('#error-recusal-staffId')).toBe('决定回避的，请选择新的承办人');
    expect(callsOf('decideRecusal')).toEqual([]);
    const candidates = (leader.data.petition.recusalCandidates as { staffId: string }[]).map(
      (c) => c.staffId,
    );
    expect(candidates).not.toContain(HANDLER_ID);
    await leader.change('#recusal-handler-picker', candidates.indexOf(HANDLER2_ID));
    await leader.tap('#grant-recusal');
    expect(h.recorded.modals.at(-1)).toEqual(
      expect.objectContaining({ title: '确认决定回避', answer: 'confirm' }),
    );
    expect(h.recorded.modals.at(-1)?.content).toContain('陈静');
    expect(leader.text('#handler')).toBe('陈静');
    expect(leader.text('#recusals')).toContain('决定回避');
    expect(leader.has('#recusal-decide')).toBe(false);
    expect(callsOf('decideRecusal').at(-1)?.input).toEqual({
      id,
      version: expect.any(Number),
      grant: true,
      staffId: HANDLER2_ID,
    });

    const mine = await openCitizen(id, me);
    expect(mine.text('#recusal-decision')).toContain('决定承办人回避，已更换承办人');
  });

  test('When the leader refuses without a reason, then the message shows under the field and nothing is sent; with one, the petitioner reads it', async () => {
    const me = await citizen();
    const id = await recusalAsked(me);
    const leader = await openStaff(id, DEMO.leader);
    await leader.tap('#refuse-recusal');
    expect(leader.text('#error-recusal-note')).toBe('决定不予回避的，请填写理由（5至500个字）');
    expect(h.recorded.modals).toEqual([]);
    expect(callsOf('decideRecusal')).toEqual([]);

    // Cancelled at the confirmation: still nothing sent, the text kept.
    await leader.input('#recusal-note-input', '经审查，不存在应当回避的情形');
    expect(leader.has('#error-recusal-note')).toBe(false);
    h.modalAnswer = 'cancel';
    await leader.tap('#refuse-recusal');
    expect(callsOf('decideRecusal')).toEqual([]);
    expect(leader.data.recNote).toBe('经审查，不存在应当回避的情形');

    h.modalAnswer = 'confirm';
    await leader.tap('#refuse-recusal');
    expect(h.recorded.modals.map((m) => m.title)).toEqual(['确认不予回避', '确认不予回避']);
    expect(leader.text('#recusals')).toContain('不予回避：经审查，不存在应当回避的情形');
    expect(leader.text('#handler')).toBe('张华');

    const mine = await openCitizen(id, me);
    expect(mine.text('#recusal-decision')).toContain(
      '决定不予回避，理由：经审查，不存在应当回避的情形',
    );
    expect(mine.has('#recusal-form')).toBe(false);
  });

  test('When the leader refuses an extension without a reason, then the message shows under the field and nothing is sent', async () => {
    const id = await assigned(await citizen());
    await h.data(
      'petition',
      'requestExtension',
      { id, days: 10, reason: '需要调查核实相关情况' },
      DEMO.handler,
    );
    const leader = await openStaff(id, DEMO.leader);
    await leader.tap('#refuse-extension');
    expect(leader.text('#error-extension-note')).toBe('不批准延期的，请填写理由（5至500个字）');
    expect(callsOf('decideExtension')).toEqual([]);
    await leader.input('#extension-note-input', '现有材料足以在期限内办结');
    await leader.tap('#refuse-extension');
    expect(h.recorded.modals.map((m) => m.title)).toEqual(['确认不批准延期']);
    expect(leader.text('#extensions')).toContain('不批准：现有材料足以在期限内办结');
  });
});

describe('利益关系申报', () => {
  test('When the relations are named, then the page uses the contract’s', async () => {
    const page = await h.as(DEMO.registrar).open(interestsPage);
    expect(page.data.relationOptions).toEqual(
      INTEREST_RELATIONS.map((value) => ({ value, name: INTEREST_RELATION_NAMES[value] })),
    );
  });

  test('When staff save a relative with an ID number, then it shows masked; a bad ID number shows under its field', async () => {
    const page = await h.as(DEMO.registrar).open(interestsPage);
    expect(page.text('#purpose')).toContain('回避');
    expect(page.has('#empty-state')).toBe(true);
    expect(page.text('#no-relatives')).toBe('未填写');

    await page.tap('#add-relative');
    await page.input('#relative-0-name', '李梅');
    await page.change('#relative-0-relation', INTEREST_RELATIONS.indexOf('spouse'));
    await page.input('#relative-0-id', CITIZEN_ID_NUMBER);
    await page.tap('#add-organisation');
    await page.input('#organisation-0', '北京某某建材有限公司');
    await page.tap('#save');
    expect(h.recorded.toasts.map((t) => t.title)).toContain('利益关系申报已保存');
    expect(page.text('#relative-0-id-masked')).toBe('110***********002X');
    expect(page.data.relatives[0].idNumber).toBe('');
    expect(page.has('#empty-state')).toBe(false);
    expect(page.text('#updated-at')).toContain('最近申报');
    const saved = (await h.data(
      'account',
      'interests.get',
      {},
      DEMO.registrar,
    )) as StaffInterestsView;
    expect(saved).toMatchObject({
      relatives: [{ name: '李梅', relation: 'spouse', idNumberMasked: '110***********002X' }],
      organisations: ['北京某某建材有限公司'],
    });

    // Opened again, the number stays masked; saving without retyping it keeps it.
    page.close();
    const again = await h.open(interestsPage);
    expect(again.text('#relative-0-id-masked')).toBe('110***********002X');
    await again.tap('#add-relative');
    await again.input('#relative-1-name', '李强');
    await again.change('#relative-1-relation', INTEREST_RELATIONS.indexOf('sibling'));
    await again.input('#relative-1-id', '110105194912310021');
    await again.tap('#save');
    expect(again.text('#error-relatives-1-idNumber')).not.toBe('');
    expect(again.has('#error-relatives-0-idNumber')).toBe(false);
    expect(again.data.relatives[1].idNumber).toBe('110105194912310021');
    expect(
      ((await h.data('account', 'interests.get', {}, DEMO.registrar)) as StaffInterestsView)
        .relatives,
    ).toHaveLength(1);
    // Typing clears the message; removing the row and saving keeps the masked one.
    await again.input('#relative-1-id', '1101');
    expect(again.has('#error-relatives-1-idNumber')).toBe(false);
    await again.tap('#remove-relative-1');
    await again.tap('#save');
    expect(again.text('#relative-0-id-masked')).toBe('110***********002X');
    expect(h.recorded.calls.filter((c) => c.action === 'interests.save').at(-1)?.input).toEqual({
      relatives: [{ name: '李梅', relation: 'spouse' }],
      organisations: ['北京某某建材有限公司'],
    });
  });

  test('When a citizen opens the page, then it is for staff only', async () => {
    const page = await h.as(DEMO.citizen).open(interestsPage);
    expect(page.text('#forbidden-state')).toContain('仅限工作人员');
    expect(page.has('#save')).toBe(false);
  });

  test('When staff open 我的, then 利益关系申报 is offered; citizens do not see it', async () => {
    const page = await h.as(DEMO.handler).open(mePage);
    await page.tap('#link-interests');
    expect(h.recorded.navigations).toEqual([{ kind: 'navigateTo', url: '/staff/interests/index' }]);
    page.close();
    const other = await h.as(DEMO.citizen).open(mePage);
    expect(other.has('#link-interests')).toBe(false);
  });
});
