// Extension of the handling period (条例 art. 34) and recusal (回避), run as the built bundles on
// devcloud: staff declare interests; assigning a petition to someone with a declared interest in
// it, or accused in it, is refused with the reason; the petitioner asks for a handler's recusal and
// a leader decides; the handler asks for an extension and a leader decides, the petitioner told.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { citizenWithProfile, submitPetition } from '../helpers/petition';
import { data, DEMO, openTestCloud, type TestCloud } from '../helpers/cloud';
import type { PetitionStaffView } from '../../typings/petition';

const root = join(__dirname, '..', '..');
const templates = JSON.parse(readFileSync(join(root, 'config', 'templates.json'), 'utf8'));
const PROGRESS_TEMPLATE: string = templates.petitionProgress.id;

const HANDLER_ID = 'st-110105-handler';
const HANDLER2_ID = 'st-110105-handler2';
const HANDLER2 = 'o-staff-110105-handler2';
/** The ID number `citizenWithProfile` saves (张三). */
const CITIZEN_ID_NUMBER = '11010519491231002X';

let t: TestCloud;

beforeAll(async () => {
  t = await openTestCloud();
});
afterAll(async () => {
  await t.close();
});

async function accepted(openid: string, extra: Record<string, unknown> = {}): Promise<string> {
  const id = await submitPetition(t, openid, extra);
  data(await t.call('petition', 'register', { id, departmentId: '110105-ks' }, DEMO.registrar));
  data(await t.call('petition', 'accept', { id }, DEMO.registrar));
  return id;
}

async function assigned(openid: string, staffId = HANDLER_ID): Promise<string> {
  const id = await accepted(openid);
  data(await t.call('petition', 'assign', { id, staffId }, DEMO.leader));
  return id;
}

function phrases(touser: string) {
  return t.cloud.platform
    .messages({ touser })
    .map((m) => (m.data as Record<string, { value: string }>).phrase2.value);
}

async function declare(openid: string, input: Record<string, unknown>) {
  return t.call('account', 'interests.save', input, openid);
}

describe('declared interests', () => {
  afterEach(async () => {
    await declare(HANDLER2, { relatives: [], organisations: [] });
  });

  test('When staff declare a relative with an ID number, then only the mask is shown and stored with a hash, and the save is audited', async () => {
    const saved = data(
      await declare(HANDLER2, {
        relatives: [{ name: '张三', relation: 'sibling', idNumber: CITIZEN_ID_NUMBER }],
        organisations: ['北京某某建材有限公司'],
      }),
    );
    expect(saved).toMatchObject({
      relatives: [
        {
          name: '张三',
          relation: 'sibling',
          relationName: '兄弟姐妹',
          idNumberMasked: '110***********002X',
        },
      ],
      organisations: ['北京某某建材有限公司'],
    });
    const [doc] = await t.find('staff_interests', { _id: HANDLER2_ID });
    expect(JSON.stringify(doc)).not.toContain('19491231');
    expect((doc.relatives as { idHash: string }[])[0].idHash).toMatch(/^[0-9a-f]{64}$/);
    expect(data(await t.call('account', 'interests.get', {}, HANDLER2))).toEqual(saved);
    const audits = await t.find('audit', { entity: 'staff_interests', entityId: HANDLER2_ID });
    expect(audits.length).toBeGreaterThan(0);
    expect(JSON.stringify(audits)).not.toContain('张三');

    // Saved again without the number: kept for the same name and relation.
    const again = data(
      await declare(HANDLER2, {
        relatives: [{ name: '张三', relation: 'sibling' }],
        organisations: [],
      }),
    );
    expect(again.relatives[0]?.idNumberMasked).toBe('110***********002X');
  });

  test('When the input is bad, then the field is named and nothing is written', async () => {
    const before = await t.find('staff_interests', { _id: HANDLER2_ID });
    const bad = await declare(HANDLER2, {
      relatives: [{ name: '张三', relation: 'sibling', idNumber: '110105194912310021' }],
      organisations: [],
    });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.error.code).toBe('BAD_REQUEST');
    expect(bad.error.issues?.[0]?.path).toBe('relatives.0.idNumber');
    const twice = await declare(HANDLER2, {
      relatives: [
        { name: '李四', relation: 'associate' },
        { name: '李四', relation: 'associate' },
      ],
      organisations: [],
    });
    expect(twice.ok).toBe(false);
    if (twice.ok) return;
    expect(twice.error.issues?.[0]).toMatchObject({ path: 'relatives.1.name' });
    expect(await t.find('staff_interests', { _id: HANDLER2_ID })).toEqual(before);
  });

  test('When a citizen asks, then FORBIDDEN', async () => {
    const r = await t.call('account', 'interests.get', {}, DEMO.citizen);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('FORBIDDEN');
  });

  test('When a leader assigns to a handler whose declared relative is the petitioner (by ID number), then it is refused with the reason and nothing changes', async () => {
    await declare(HANDLER2, {
      relatives: [{ name: '张叁', relation: 'sibling', idNumber: CITIZEN_ID_NUMBER }],
      organisations: [],
    });
    const me = await citizenWithProfile(t, 'recusal');
    const id = await accepted(me);
    const seen = data(await t.call('petition', 'get', { id }, DEMO.leader)) as PetitionStaffView;
    expect(seen.assignees).toEqual(
      expect.arrayContaining([
        { staffId: HANDLER_ID, name: '张华', conflict: null },
        {
          staffId: HANDLER2_ID,
          name: '陈静',
          conflict: '信访人张三是陈静申报的利害关系人，应当回避',
        },
      ]),
    );
    const r = await t.call('petition', 'assign', { id, staffId: HANDLER2_ID }, DEMO.leader);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({
      code: 'PRECONDITION_FAILED',
      message: '信访人张三是陈静申报的利害关系人，应当回避',
      issues: [{ path: 'staffId' }],
    });
    const [doc] = await t.find('petitions', { _id: id });
    expect(doc.status).toBe('accepted');
    expect(
      data(await t.call('petition', 'assign', { id, staffId: HANDLER_ID }, DEMO.leader)),
    ).toMatchObject({
      status: 'assigned',
    });
  });

  test('When the accused of an accusation is a declared associate or organisation, then assignment is refused', async () => {
    await declare(HANDLER2, { relatives: [], organisations: ['北京某某建材有限公司'] });
    const me = await citizenWithProfile(t, 'recusal-org');
    const id = await accepted(me, {
      kind: 'accusation',
      accused: { name: '北京某某建材有限公司', conduct: '非法占用农用地建设厂房，破坏耕地。' },
    });
    const r = await t.call('petition', 'assign', { id, staffId: HANDLER2_ID }, DEMO.leader);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('利害关系单位“北京某某建材有限公司”');
  });
});

describe('recusal asked by the petitioner', () => {
  test('When the petitioner asks and a leader grants it with a new handler, then the handler changes and everyone is told', async () => {
    const me = await citizenWithProfile(t, 'recusal-ask');
    await t.cloud.grantSubscription(me, { [PROGRESS_TEMPLATE]: 'accept' });
    await t.cloud.grantSubscription(DEMO.leader, { [PROGRESS_TEMPLATE]: 'accept' });
    const id = await assigned(me);
    const mine = data(await t.call('petition', 'get', { id }, me));
    expect(mine.can.requestRecusal).toBe(true);

    const asked = data(
      await t.call(
        'petition',
        'requestRecusal',
        { id, reason: '承办人与被反映人系同学关系，可能影响公正处理。' },
        me,
      ),
    );
    expect(asked.recusal).toMatchObject({ decision: null });
    expect(asked.can.requestRecusal).toBe(false);
    expect(phrases(DEMO.leader)).toContain('待审批');

    // Another citizen learns nothing; a handler may not decide.
    const other = await t.call(
      'petition',
      'requestRecusal',
      { id, reason: '我也想让承办人回避一下。' },
      DEMO.otherCitizen,
    );
    expect(other.ok ? 'ok' : other.error.code).toBe('NOT_FOUND');
    const byHandler = await t.call(
      'petition',
      'decideRecusal',
      { id, grant: false, note: '不存在回避情形' },
      DEMO.handler,
    );
    expect(byHandler.ok ? 'ok' : byHandler.error.code).toBe('FORBIDDEN');
    // Granting without a new handler names the field.
    const bare = await t.call('petition', 'decideRecusal', { id, grant: true }, DEMO.leader);
    expect(bare.ok ? null : bare.error.issues?.[0]?.path).toBe('staffId');

    await t.cloud.grantSubscription(me, { [PROGRESS_TEMPLATE]: 'accept' });
    const granted = data(
      await t.call(
        'petition',
        'decideRecusal',
        { id, grant: true, staffId: HANDLER2_ID },
        DEMO.leader,
      ),
    );
    expect(granted).toMatchObject({ handler: { staffId: HANDLER2_ID, name: '陈静' } });
    expect(granted.recusals).toEqual([
      expect.objectContaining({
        handlerName: '张华',
        decision: expect.objectContaining({ granted: true, byName: '王强' }),
      }),
    ]);
    const seen = data(await t.call('petition', 'get', { id }, me));
    expect(seen.recusal?.decision).toMatchObject({ granted: true });
    expect(seen.timeline.at(-1)?.note).toBe('决定承办人回避，已更换承办人');
    expect(phrases(me)).toContain('回避决定');
    const audits = await t.find('audit', { entity: 'petition', entityId: id });
    expect(audits.map((a) => a.action)).toEqual(
      expect.arrayContaining(['REQUEST_RECUSAL', 'DECIDE_RECUSAL']),
    );
  });

  test('When a leader refuses, then the reason is required and the petitioner sees it', async () => {
    const me = await citizenWithProfile(t, 'recusal-refuse');
    const id = await assigned(me);
    data(
      await t.call(
        'petition',
        'requestRecusal',
        { id, reason: '承办人态度不好，担心处理不公正。' },
        me,
      ),
    );
    const noNote = await t.call('petition', 'decideRecusal', { id, grant: false }, DEMO.leader);
    expect(noNote.ok ? null : noNote.error.issues?.[0]?.path).toBe('note');
    data(
      await t.call(
        'petition',
        'decideRecusal',
        { id, grant: false, note: '经审查，不存在应当回避的情形' },
        DEMO.leader,
      ),
    );
    const seen = data(await t.call('petition', 'get', { id }, me));
    expect(seen.recusal?.decision).toMatchObject({
      granted: false,
      note: '经审查，不存在应当回避的情形',
    });
    expect(seen.timeline.at(-1)?.note).toBe('不予回避：经审查，不存在应当回避的情形');
    expect(seen.can.requestRecusal).toBe(false);
  });
});

describe('extension of the handling period', () => {
  test('When the handler asks for 30 days and a leader grants it, then the handling deadline moves, the petitioner is told the reason, and the request itself stayed off their timeline', async () => {
    const me = await citizenWithProfile(t, 'extension');
    const id = await assigned(me);
    const before = data(await t.call('petition', 'get', { id }, DEMO.handler)) as PetitionStaffView;
    expect(before.allowedEvents).toContain('REQUEST_EXTENSION');
    const handlingDue = before.deadlines.find((d) => d.key === 'handling')?.due;
    expect(handlingDue).toBeTruthy();

    const tooLong = await t.call(
      'petition',
      'requestExtension',
      { id, days: 31, reason: '案情复杂需要调查' },
      DEMO.handler,
    );
    expect(tooLong.ok ? null : tooLong.error.issues?.[0]?.path).toBe('days');
    const byLeader = await t.call(
      'petition',
      'requestExtension',
      { id, days: 30, reason: '案情复杂需要调查' },
      DEMO.leader,
    );
    expect(byLeader.ok ? 'ok' : byLeader.error.code).toBe('FORBIDDEN');

    const asked = data(
      await t.call(
        'petition',
        'requestExtension',
        { id, days: 30, reason: '需调取外地案卷材料核实' },
        DEMO.handler,
      ),
    );
    expect(asked.extensions).toEqual([
      expect.objectContaining({ days: 30, requestedByName: '张华', decision: null }),
    ]);
    const citizenView = data(await t.call('petition', 'get', { id }, me));
    expect(citizenView.extension).toBeNull();
    expect(citizenView.timeline.map((s) => s.note)).not.toContain('申请延长办理期限30日');
    expect(
      (data(await t.call('petition', 'get', { id }, DEMO.handler)) as PetitionStaffView).timeline,
    ).toHaveLength(citizenView.timeline.length + 1);
    const again = await t.call(
      'petition',
      'requestExtension',
      { id, days: 10, reason: '再延长一些时间' },
      DEMO.handler,
    );
    expect(again.ok ? null : again.error.message).toBe(
      '办理期限只能延长一次，已有延期申请或已经延期',
    );

    await t.cloud.grantSubscription(me, { [PROGRESS_TEMPLATE]: 'accept' });
    const granted = data(
      await t.call('petition', 'decideExtension', { id, grant: true }, DEMO.leader),
    );
    const moved = granted.deadlines.find((d) => d.key === 'handling')?.due;
    expect(
      new Date(moved as string).getTime() - new Date(handlingDue as string).getTime(),
    ).toBeGreaterThanOrEqual(30 * 24 * 3600_000);
    const told = data(await t.call('petition', 'get', { id }, me));
    expect(told.extension).toMatchObject({ days: 30, reason: '需调取外地案卷材料核实' });
    expect(told.timeline.at(-1)?.note).toBe('办理期限延长');
    expect(phrases(me)).toContain('延期办理');
    const note = t.cloud.platform
      .messages({ touser: me })
      .map((m) => (m.data as Record<string, { value: string }>).thing4.value)
      .at(-1);
    expect(note).toContain('延长30日');
    const [doc] = await t.find('petitions', { _id: id });
    expect(new Date(doc.dueAt as string).getTime()).toBeLessThanOrEqual(
      new Date(moved as string).getTime(),
    );
  });
});
