// The archive dossier (归档卷宗), run as the built bundle on devcloud: archiving writes the dossier
// in the same transaction — the data as filed, the petitioner as recorded, replies, materials
// requests, files, timeline, each time limit met or met late at fixed clocks, the audit chain
// exactly as the audit collection holds it — with the hash of its content; only staff who may see
// the petition read it (opening it is audited); an archived petition accepts no further event and
// its dossier never changes.
import { entryHash } from '../../domain/audit-chain';
import type { PetitionDossierView } from '../../typings/petition-dossier';
import { citizenWithProfile, OWN_MOBILE, submitPetition, uploadAs } from '../helpers/petition';
import { data, DEMO, openTestCloud, type TestCloud } from '../helpers/cloud';

let t: TestCloud;

beforeAll(async () => {
  t = await openTestCloud();
}, 60_000);

afterAll(async () => {
  await t.close();
});

const HANDLER_ID = 'st-110105-handler';
type Doc = Record<string, unknown>;

/** China 10:00 on a day of 2026 (UTC 02:00), a day the working-day calendar holds. */
const at = (day: string) => `${day}T02:00:00.000Z`;
/** The end of a day in China time: when a period ending that day runs out. */
const endOf = (day: string) => new Date(Date.parse(`${day}T23:59:59.999+08:00`)).toISOString();

/**
 * Fixed clocks: received on Monday 1 June 2026; materials asked for on 10 June (after the 7 days
 * of the procedural reply, due 8 June), supplied on 12 June; accepted 15 June; the answer on
 * 20 August (after the 60 days of handling from acceptance, due 14 August, but within the
 * 3 months of the result, due 1 September); rated 21 August, closed 22 August.
 */
const CLOCK: Record<string, string> = {
  SUBMIT: at('2026-06-01'),
  REGISTER: at('2026-06-02'),
  REQUEST_MATERIALS: at('2026-06-10'),
  SUPPLY_MATERIALS: at('2026-06-12'),
  ACCEPT: at('2026-06-15'),
  ASSIGN: at('2026-06-16'),
  PROCEDURAL_REPLY: at('2026-06-17'),
  ANSWER: at('2026-08-20'),
  RATE: at('2026-08-21'),
  CLOSE: at('2026-08-22'),
};

/** A stored document as the store holds it (dates as `{ $date }`), to compare or put back. */
function readRaw(collection: string, id: string): Doc {
  let copy: Doc = {};
  t.patchRaw(collection, id, (doc) => {
    copy = structuredClone(doc);
  });
  return copy;
}

function writeRaw(collection: string, id: string, doc: Doc) {
  t.patchRaw(collection, id, (stored) => {
    for (const key of Object.keys(stored)) delete stored[key];
    Object.assign(stored, structuredClone(doc));
  });
}

/** Moves every moment of a closed petition's stored record to the fixed clocks above. */
function setClocks(id: string) {
  t.patchRaw('petitions', id, (stored) => {
    const doc = stored as Doc & {
      steps: Doc[];
      replies: Doc[];
      materialsRequests: Doc[];
      answer: Doc;
      rating: Doc;
    };
    const date = (iso: string) => ({ $date: iso });
    doc.submittedAt = date(CLOCK.SUBMIT);
    doc.registeredAt = date(CLOCK.REGISTER);
    doc.acceptedAt = date(CLOCK.ACCEPT);
    doc.assignedAt = date(CLOCK.ASSIGN);
    doc.proceduralRepliedAt = date(CLOCK.PROCEDURAL_REPLY);
    doc.answer.answeredAt = date(CLOCK.ANSWER);
    doc.rating.ratedAt = date(CLOCK.RATE);
    doc.closedAt = date(CLOCK.CLOSE);
    doc.updatedAt = date(CLOCK.CLOSE);
    doc.materialsRequests[0].requestedAt = date(CLOCK.REQUEST_MATERIALS);
    doc.materialsRequests[0].suppliedAt = date(CLOCK.SUPPLY_MATERIALS);
    doc.materialsRequests[0].dueDate = date(endOf('2026-06-20'));
    for (const step of doc.steps) step.at = date(CLOCK[String(step.event)]);
    for (const reply of doc.replies) {
      reply.at = date(reply.type === 'answer' ? CLOCK.ANSWER : CLOCK.PROCEDURAL_REPLY);
    }
  });
}

async function stored(collection: string, id: string): Promise<Doc | undefined> {
  return (await t.find(collection, { _id: id }))[0];
}

/** The petition's audit chain as the audit collection holds it, in order. */
async function chain(id: string) {
  const entries = await t.find('audit', { entity: 'petition', entityId: id });
  return entries.sort((a, b) => Number(a.seq) - Number(b.seq));
}

async function dossierOf(id: string, as: string = DEMO.registrar): Promise<PetitionDossierView> {
  return data(await t.call('petition', 'dossier', { id }, as));
}

/** A petition filed by a new citizen, registered and refused: archivable at once. */
async function refused(): Promise<{ id: string; petitioner: string }> {
  const petitioner = await citizenWithProfile(t, 'dossier');
  const id = await submitPetition(t, petitioner);
  data(await t.call('petition', 'register', { id, departmentId: '110105-ks' }, DEMO.registrar));
  data(
    await t.call(
      'petition',
      'refuse',
      { id, ground: 2, explanation: '经审查，您的诉求不明确，请补充具体请求后重新提出。' },
      DEMO.registrar,
    ),
  );
  return { id, petitioner };
}

describe('archiving a closed petition', () => {
  let id: string;
  let me: string;
  let files: { filed: string; supplied: string; reply: string };
  let view: PetitionDossierView;

  beforeAll(async () => {
    me = await citizenWithProfile(t, 'dossier');
    files = {
      filed: await uploadAs(t, me, 'petitions/dossier/complaint.jpg'),
      supplied: await uploadAs(t, me, 'petitions/dossier/contract.pdf'),
      reply: await uploadAs(t, DEMO.handler, 'petitions/dossier/replies/notice.jpg'),
    };
    id = await submitPetition(t, me, { attachments: [files.filed] });
    const step = async (action: string, input: Record<string, unknown>, by: string) =>
      data(await t.call('petition', action as 'accept', { id, ...input } as never, by));
    await step('register', { departmentId: '110105-ks' }, DEMO.registrar);
    await step(
      'requestMaterials',
      { items: ['物业服务合同复印件'], dueDate: '2099-12-31' },
      DEMO.registrar,
    );
    await step('supplyMaterials', { attachments: [files.supplied], note: '合同已上传' }, me);
    await step('accept', {}, DEMO.registrar);
    await step('assign', { staffId: HANDLER_ID }, DEMO.leader);
    await step(
      'proceduralReply',
      { method: 'online', text: '您的信访已由本院受理，正在办理。', attachments: [files.reply] },
      DEMO.handler,
    );
    await step(
      'answer',
      {
        method: 'written',
        text: '经调查核实，物业公司已按要求公开维修基金使用情况。',
        result: '已督促物业公司依法公开',
      },
      DEMO.handler,
    );
    await step('rate', { satisfaction: 'basically_satisfied', comment: '基本满意' }, me);
    await step('close', {}, DEMO.handler);
    // The review window (30 days from the answer) is long past on the fixed clocks.
    setClocks(id);
    const archived = data(await t.call('petition', 'archive', { id }, DEMO.registrar));
    expect(archived.status).toBe('archived');
    view = await dossierOf(id);
  }, 60_000);

  test('When a closed petition is archived, then its dossier is written with the basic data and the petitioner as recorded', async () => {
    const petition = (await stored('petitions', id)) as Doc & { petitioner: Doc; form: Doc };
    expect(view).toMatchObject({
      petitionId: id,
      receiptNumber: petition.receiptNumber,
      kind: 'other',
      kindName: '其他信访',
      channel: 'online',
      channelName: '网上信访',
      procuratorateId: DEMO.unit,
      procuratorateName: '北京市朝阳区人民检察院',
      departmentId: '110105-ks',
      departmentName: '控告申诉检察部',
      handler: { staffId: HANDLER_ID, name: '张华' },
      submittedAt: CLOCK.SUBMIT,
      archivedFrom: 'closed',
      archivedFromName: '已办结',
      archivedBy: { staffId: 'st-110105-registrar' },
      linkedFrom: null,
      intact: true,
    });
    expect(view.archivedBy.name.length).toBeGreaterThan(0);
    expect(Date.parse(view.archivedAt)).toBeGreaterThan(Date.parse(CLOCK.CLOSE));
    expect(view.petitioner).toEqual({
      name: petition.petitioner.name,
      idNumberMasked: petition.petitioner.idNumberMasked,
      mobileMasked: petition.petitioner.mobileMasked,
    });
    expect(view.petitioner).toMatchObject({ name: '张三', idNumberMasked: '110***********002X' });
    expect(view.petitioner.mobileMasked).toContain('*');
    expect(view.form).toEqual(petition.form);
    expect(view.form).not.toHaveProperty('clientToken');
    // Never the ID number in clear, nor anyone's OPENID.
    const text = JSON.stringify(view);
    expect(text).not.toContain('19491231');
    expect(text).not.toContain(me);
    expect(text).not.toContain(DEMO.registrar);
  });

  test('When it is archived, then the dossier holds the outcome, every reply, the materials request and every file', () => {
    expect(view.outcome).toEqual({
      refusal: null,
      transfer: null,
      withdrawal: null,
      answer: { result: '已督促物业公司依法公开', answeredAt: CLOCK.ANSWER },
      rating: { satisfaction: 'basically_satisfied', comment: '基本满意', ratedAt: CLOCK.RATE },
      review: null,
      closedAt: CLOCK.CLOSE,
    });
    expect(view.replies).toEqual([
      {
        type: 'procedural',
        method: 'online',
        text: '您的信访已由本院受理，正在办理。',
        attachments: [files.reply],
        at: CLOCK.PROCEDURAL_REPLY,
        byStaffId: HANDLER_ID,
      },
      {
        type: 'answer',
        method: 'written',
        text: '经调查核实，物业公司已按要求公开维修基金使用情况。',
        attachments: [],
        at: CLOCK.ANSWER,
        byStaffId: HANDLER_ID,
      },
    ]);
    expect(view.materialsRequests).toEqual([
      {
        items: ['物业服务合同复印件'],
        dueDate: endOf('2026-06-20'),
        requestedAt: CLOCK.REQUEST_MATERIALS,
        suppliedAt: CLOCK.SUPPLY_MATERIALS,
        supplied: [files.supplied],
        note: '合同已上传',
      },
    ]);
    expect(view.attachments).toEqual([
      { fileID: files.filed, name: 'complaint.jpg', source: 'petition' },
      { fileID: files.supplied, name: 'contract.pdf', source: 'materials' },
      { fileID: files.reply, name: 'notice.jpg', source: 'reply' },
    ]);
  });

  test('When it is archived, then the timeline lists every step, the archiving last', () => {
    expect(view.timeline.map((s) => [s.event, s.status, s.statusName])).toEqual([
      ['SUBMIT', 'submitted', '已提交待登记'],
      ['REGISTER', 'registered', '已登记'],
      ['REQUEST_MATERIALS', 'materials_requested', '待补充材料'],
      ['SUPPLY_MATERIALS', 'registered', '已登记'],
      ['ACCEPT', 'accepted', '已受理'],
      ['ASSIGN', 'assigned', '承办中'],
      ['PROCEDURAL_REPLY', 'procedural_replied', '已程序性答复'],
      ['ANSWER', 'answered', '已答复'],
      ['RATE', 'answered', '已答复'],
      ['CLOSE', 'closed', '已办结'],
      ['ARCHIVE', 'archived', '已归档'],
    ]);
    expect(view.timeline.slice(0, -1).map((s) => s.at)).toEqual([
      CLOCK.SUBMIT,
      CLOCK.REGISTER,
      CLOCK.REQUEST_MATERIALS,
      CLOCK.SUPPLY_MATERIALS,
      CLOCK.ACCEPT,
      CLOCK.ASSIGN,
      CLOCK.PROCEDURAL_REPLY,
      CLOCK.ANSWER,
      CLOCK.RATE,
      CLOCK.CLOSE,
    ]);
    expect(view.timeline[view.timeline.length - 1].at).toBe(view.archivedAt);
  });

  test('When it is archived, then each time limit shows its due date and whether it was met in time or late', () => {
    expect(
      view.deadlines.map((d) => ({
        key: d.key,
        due: d.due,
        metAt: d.metAt,
        state: d.state,
        outcome: d.outcome,
      })),
    ).toEqual([
      // 7 days from receipt: the first answer (the materials request) came two days late.
      {
        key: 'procedural_reply',
        due: endOf('2026-06-08'),
        metAt: CLOCK.REQUEST_MATERIALS,
        state: 'met_late',
        outcome: 'met_late',
      },
      // 60 days from acceptance (15 June): the answer came six days late.
      {
        key: 'handling',
        due: endOf('2026-08-14'),
        metAt: CLOCK.ANSWER,
        state: 'met_late',
        outcome: 'met_late',
      },
      // 3 months from receipt: answered in time.
      {
        key: 'result',
        due: endOf('2026-09-01'),
        metAt: CLOCK.ANSWER,
        state: 'met',
        outcome: 'met',
      },
    ]);
    expect(view.deadlines.every((d) => d.party === 'staff' && !d.uncertain)).toBe(true);
    expect(view.deadlines.map((d) => d.name)).toEqual(['程序性答复', '办结', '答复办理结果']);
  });

  test('When it is archived, then the audit excerpt is the petition’s audit chain up to and including the archiving, exactly as stored', async () => {
    const entries = await chain(id);
    const upTo = entries.filter((e) => Number(e.seq) <= view.audit.length);
    expect(view.audit).toEqual(
      upTo.map((e) => ({
        seq: e.seq,
        at: new Date(e.at as string | Date).toISOString(),
        action: e.action,
        actor: expect.objectContaining({
          staffId: (e.by as { staffId: string | null }).staffId,
        }) as unknown,
        hash: e.hash,
      })),
    );
    expect(view.audit.map((e) => e.seq)).toEqual(view.audit.map((_e, i) => i + 1));
    const last = view.audit[view.audit.length - 1];
    expect(last).toMatchObject({
      action: 'ARCHIVE',
      actor: { type: 'staff', staffId: 'st-110105-registrar' },
      at: view.archivedAt,
    });
    expect(view.audit[0]).toMatchObject({
      action: 'SUBMIT',
      actor: { type: 'citizen', staffId: null, name: '信访人' },
    });
    expect(view.audit.find((e) => e.action === 'ASSIGN')?.actor).toEqual({
      type: 'staff',
      staffId: 'st-110105-leader',
      name: expect.any(String) as unknown,
    });
    // Opening the dossier is audited after it: the registrar's view_dossier follows ARCHIVE.
    const after = entries.filter((e) => Number(e.seq) > last.seq);
    expect(after.map((e) => [e.action, (e.by as { staffId: string }).staffId])).toEqual([
      ['view_dossier', 'st-110105-registrar'],
    ]);
  });

  test('When the stored dossier is read back, then its hash is the hash of its content, and a changed content is reported as not intact', async () => {
    const doc = (await stored('dossiers', id)) as Doc;
    expect(doc.hash).toBe(view.hash);
    expect(doc.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(entryHash(doc)).toBe(doc.hash);

    const copy = readRaw('dossiers', id);
    const tampered = { ...copy, receiptNumber: '110105-2026-999999' };
    writeRaw('dossiers', id, tampered);
    try {
      const read = await dossierOf(id);
      expect(read).toMatchObject({ receiptNumber: '110105-2026-999999', intact: false });
    } finally {
      writeRaw('dossiers', id, copy);
    }
    expect((await dossierOf(id)).intact).toBe(true);
  });

  test('When the petition is archived, then no further event is accepted and the dossier stays as written', async () => {
    const before = readRaw('dossiers', id);
    const petitionBefore = readRaw('petitions', id);
    const attempts = [
      ['archive', {}, DEMO.registrar],
      ['close', {}, DEMO.handler],
      ['progressReply', { method: 'online', text: '补充说明办理情况如下。' }, DEMO.handler],
      ['rate', { satisfaction: 'satisfied' }, me],
      ['requestReview', { reason: '对办理结果不服，申请复查。理由如下。' }, me],
      ['withdraw', {}, me],
    ] as const;
    for (const [action, input, by] of attempts) {
      const res = await t.call('petition', action as 'archive', { id, ...input } as never, by);
      expect([action, res.ok]).toEqual([action, false]);
      expect(!res.ok && ['PRECONDITION_FAILED', 'FORBIDDEN'].includes(res.error.code)).toBe(true);
    }
    expect(readRaw('dossiers', id)).toEqual(before);
    expect(readRaw('petitions', id)).toEqual(petitionBefore);
    expect(await t.find('dossiers', { _id: id })).toHaveLength(1);
  });
});

describe('who may read a dossier', () => {
  let id: string;
  let petitioner: string;

  beforeAll(async () => {
    ({ id, petitioner } = await refused());
    data(await t.call('petition', 'archive', { id }, DEMO.leader));
  }, 60_000);

  test('When a refused petition is archived, then its dossier records the refusal and the procedural reply met by it', async () => {
    const view = await dossierOf(id);
    expect(view).toMatchObject({
      archivedFrom: 'refused',
      archivedFromName: '不予受理',
      archivedBy: { staffId: 'st-110105-leader' },
      handler: null,
      outcome: {
        refusal: {
          ground: 2,
          groundText: '诉求不明确或者没有实质内容',
          explanation: '经审查，您的诉求不明确，请补充具体请求后重新提出。',
        },
        answer: null,
        closedAt: null,
      },
      replies: [],
      materialsRequests: [],
      attachments: [],
      intact: true,
    });
    expect(view.deadlines).toEqual([
      expect.objectContaining({ key: 'procedural_reply', state: 'met', outcome: 'met' }),
    ]);
    expect(view.audit.map((e) => e.action)).toEqual(['SUBMIT', 'REGISTER', 'REFUSE', 'ARCHIVE']);
  });

  test.each([
    ['the registrar of its procuratorate', DEMO.registrar],
    ['a leader of its procuratorate', DEMO.leader],
    ['a handler of its department', DEMO.handler],
  ])('When %s asks, then the dossier is answered and the opening audited', async (_who, as) => {
    const before = (await chain(id)).length;
    expect((await dossierOf(id, as)).petitionId).toBe(id);
    const entries = await chain(id);
    expect(entries).toHaveLength(before + 1);
    expect(entries[entries.length - 1]).toMatchObject({ action: 'view_dossier' });
  });

  const NOT_FOUND = { ok: false, error: { code: 'NOT_FOUND', message: '未找到该信访事项' } };

  test.each([
    ['its petitioner', () => petitioner],
    ['another citizen', () => DEMO.otherCitizen],
    ['staff of another procuratorate', () => DEMO.otherUnitHandler],
    ['the administrator of its procuratorate', () => DEMO.admin],
  ])('When %s asks, then NOT_FOUND and nothing is audited', async (_who, as) => {
    const before = (await chain(id)).length;
    expect(await t.call('petition', 'dossier', { id }, as())).toEqual(NOT_FOUND);
    expect(await chain(id)).toHaveLength(before);
  });

  test('When the petition does not exist, then NOT_FOUND', async () => {
    expect(await t.call('petition', 'dossier', { id: 'pt-missing' }, DEMO.registrar)).toEqual(
      NOT_FOUND,
    );
  });

  test('When nobody is identified, then UNAUTHENTICATED', async () => {
    const res = await t.call('petition', 'dossier', { id });
    expect(res).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  test('When the petition is not archived yet, then NOT_FOUND says so, and no dossier exists', async () => {
    const other = await refused();
    expect(await t.call('petition', 'dossier', { id: other.id }, DEMO.registrar)).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: '该信访尚未归档' },
    });
    expect(await t.find('dossiers', { _id: other.id })).toEqual([]);
    // The petitioner of an unarchived petition learns nothing either.
    expect(await t.call('petition', 'dossier', { id: other.id }, other.petitioner)).toEqual(
      NOT_FOUND,
    );
  });

  test('When archiving is refused (the review window is open), then no dossier is written', async () => {
    const me = await citizenWithProfile(t, 'dossier');
    const open = await submitPetition(t, me, { contact: OWN_MOBILE });
    const step = async (action: string, input: Record<string, unknown>, by: string) =>
      data(await t.call('petition', action as 'accept', { id: open, ...input } as never, by));
    await step('register', { departmentId: '110105-ks' }, DEMO.registrar);
    await step('accept', {}, DEMO.registrar);
    await step('assign', { staffId: HANDLER_ID }, DEMO.leader);
    await step('proceduralReply', { method: 'online', text: '您的信访已受理。' }, DEMO.handler);
    await step(
      'answer',
      { method: 'online', text: '经核实已处理完毕。', result: '已依法处理' },
      DEMO.handler,
    );
    await step('close', {}, DEMO.handler);
    const res = await t.call('petition', 'archive', { id: open }, DEMO.registrar);
    expect(res).toMatchObject({ ok: false, error: { code: 'PRECONDITION_FAILED' } });
    expect(await t.find('dossiers', { _id: open })).toEqual([]);
  });
});
