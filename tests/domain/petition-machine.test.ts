// The petition state machine: every allowed transition, every disallowed one, guards and effects.
import {
  allowedEvents,
  GROUNDS,
  PETITION_MACHINE,
  receive,
  reviewDeadline,
  transition,
  type Actor,
  type Petition,
  type PetitionEffect,
  type PetitionEvent,
  type PetitionEventType,
  type TransitionResult,
} from '../../domain/petition/machine';
import { PETITION_STATUSES, type PetitionStatus } from '../../typings/petition';
import {
  admin,
  after,
  buildPetition,
  citizen,
  DAY,
  DEPT,
  handler,
  HANDLER,
  leader,
  otherCitizen,
  otherHandler,
  otherUnitLeader,
  registrar,
  sampleEvent,
  T0,
} from './petition-builders';

function step(p: Petition, e: PetitionEvent, now: Date = after(p)) {
  const r = transition(p, e, now);
  if (!r.ok) throw new Error(`${e.type} from ${p.status} failed: ${r.message}`);
  return r;
}

function failure(r: TransitionResult) {
  return r.ok ? { ok: true } : { code: r.code, message: r.message };
}

/** The specification, written out by hand: which states each event may leave, and where it goes. */
const ALLOWED: [PetitionStatus, PetitionEventType, PetitionStatus][] = [
  ['submitted', 'REGISTER', 'registered'],
  ['registered', 'ACCEPT', 'accepted'],
  ['registered', 'REFUSE', 'refused'],
  ['materials_requested', 'REFUSE', 'refused'],
  ['registered', 'REQUEST_MATERIALS', 'materials_requested'],
  ['materials_requested', 'SUPPLY_MATERIALS', 'registered'],
  ['registered', 'TRANSFER', 'transferred'],
  ['accepted', 'TRANSFER', 'transferred'],
  ['accepted', 'ASSIGN', 'assigned'],
  ['assigned', 'ASSIGN', 'assigned'],
  ['procedural_replied', 'ASSIGN', 'procedural_replied'],
  ['in_progress', 'ASSIGN', 'in_progress'],
  ['assigned', 'PROCEDURAL_REPLY', 'procedural_replied'],
  ['procedural_replied', 'PROGRESS_REPLY', 'in_progress'],
  ['in_progress', 'PROGRESS_REPLY', 'in_progress'],
  ['procedural_replied', 'ANSWER', 'answered'],
  ['in_progress', 'ANSWER', 'answered'],
  ['answered', 'CLOSE', 'closed'],
  ['refused', 'ARCHIVE', 'archived'],
  ['transferred', 'ARCHIVE', 'archived'],
  ['withdrawn', 'ARCHIVE', 'archived'],
  ['closed', 'ARCHIVE', 'archived'],
  ['submitted', 'WITHDRAW', 'withdrawn'],
  ['registered', 'WITHDRAW', 'withdrawn'],
  ['materials_requested', 'WITHDRAW', 'withdrawn'],
  ['accepted', 'WITHDRAW', 'withdrawn'],
  ['assigned', 'WITHDRAW', 'withdrawn'],
  ['procedural_replied', 'WITHDRAW', 'withdrawn'],
  ['in_progress', 'WITHDRAW', 'withdrawn'],
  ['answered', 'RATE', 'answered'],
  ['closed', 'RATE', 'closed'],
  ['answered', 'REQUEST_REVIEW', 'answered'],
  ['closed', 'REQUEST_REVIEW', 'closed'],
  ...(['assigned', 'procedural_replied', 'in_progress'] as const).flatMap((s) =>
    (['REQUEST_EXTENSION', 'DECIDE_EXTENSION', 'REQUEST_RECUSAL', 'DECIDE_RECUSAL'] as const).map(
      (t): [PetitionStatus, PetitionEventType, PetitionStatus] => [s, t, s],
    ),
  ),
];

/** The request a decision needs pending first. */
const REQUEST_OF: Partial<Record<PetitionEventType, PetitionEventType>> = {
  DECIDE_EXTENSION: 'REQUEST_EXTENSION',
  DECIDE_RECUSAL: 'REQUEST_RECUSAL',
};

/** The petition of a state, with the request pending that a decision event needs. */
function readyFor(status: PetitionStatus, type: PetitionEventType): Petition {
  const p = buildPetition(status);
  const request = REQUEST_OF[type];
  if (!request) return p;
  const r = transition(p, sampleEvent(request, after(p)), after(p));
  if (!r.ok) throw new Error(r.message);
  return r.next;
}

/** A moment at which the event's time conditions hold for a petition built by the builder. */
function momentFor(p: Petition, type: PetitionEventType): Date {
  // A closed file is archived only after the review window.
  return type === 'ARCHIVE' && p.status === 'closed' ? new Date(T0.getTime() + 60 * DAY) : after(p);
}

/** The sample event, except that a reassignment goes to someone else than the current handler. */
function eventFor(p: Petition, type: PetitionEventType, now: Date): PetitionEvent {
  return type === 'ASSIGN' && p.status !== 'accepted'
    ? { type, by: leader, handler: { staffId: 's-handler-2', name: '王承办', departmentId: DEPT } }
    : sampleEvent(type, now);
}

describe('allowed transitions', () => {
  it.each(ALLOWED)('When a %s petition gets %s, then it is %s', (from, type, to) => {
    const p = readyFor(from, type);
    const now = momentFor(p, type);
    const r = step(p, eventFor(p, type, now), now);
    expect(r.next.status).toBe(to);
    expect(r.next.updatedAt).toEqual(now);
    expect(r.next.steps.at(-1)).toMatchObject({ event: type, status: to, at: now });
  });

  it('The table of the machine allows exactly the transitions of the specification', () => {
    const fromMachine = Object.entries(PETITION_MACHINE)
      .flatMap(([type, row]) => row.from.map((s) => `${s} ${type}`))
      .sort();
    expect(fromMachine).toEqual(ALLOWED.map(([s, t]) => `${s} ${t}`).sort());
  });
});

describe('disallowed transitions', () => {
  const allowed = new Set(ALLOWED.map(([s, t]) => `${s} ${t}`));
  const disallowed = PETITION_STATUSES.flatMap((s) =>
    (Object.keys(PETITION_MACHINE) as PetitionEventType[])
      .filter((t) => !allowed.has(`${s} ${t}`))
      .map((t) => [s, t] as const),
  );

  it.each(disallowed)(
    'When a %s petition gets %s from someone allowed to send it, then PRECONDITION_FAILED',
    (status, type) => {
      const p = buildPetition(status);
      const r = transition(p, sampleEvent(type, after(p)), after(p));
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.code).toBe('PRECONDITION_FAILED');
      expect(r.message).toMatch(/^该信访当前为“.+”，不能.+$/);
    },
  );
});

describe('who may send each event', () => {
  const asBy = (e: PetitionEvent, by: Actor): PetitionEvent => ({ ...e, by });
  const cases: [string, PetitionStatus, PetitionEventType, Actor, string][] = [
    ['a citizen accepts', 'registered', 'ACCEPT', citizen, '只有检察院工作人员可以受理'],
    ['a handler registers', 'submitted', 'REGISTER', handler, '您没有登记的权限'],
    ['an administrator refuses', 'registered', 'REFUSE', admin, '您没有作出不予受理决定的权限'],
    ['a registrar assigns', 'accepted', 'ASSIGN', registrar, '您没有分配承办人的权限'],
    [
      'staff of another procuratorate accept',
      'registered',
      'ACCEPT',
      otherUnitLeader,
      '该信访不属于本院',
    ],
    ['another citizen withdraws', 'registered', 'WITHDRAW', otherCitizen, '只有信访人本人可以撤回'],
    ['staff withdraw for the petitioner', 'registered', 'WITHDRAW', leader, '您没有撤回的权限'],
    ['another citizen rates', 'answered', 'RATE', otherCitizen, '只有信访人本人可以评价'],
    ['staff request a review', 'answered', 'REQUEST_REVIEW', leader, '您没有申请复查的权限'],
    [
      'a handler not assigned replies',
      'assigned',
      'PROCEDURAL_REPLY',
      otherHandler,
      '只有该信访的承办人或审批领导可以答复',
    ],
    [
      'a handler not assigned answers',
      'in_progress',
      'ANSWER',
      otherHandler,
      '只有该信访的承办人或审批领导可以答复',
    ],
  ];
  it.each(cases)('When %s, then FORBIDDEN', (_name, status, type, by, message) => {
    const p = buildPetition(status);
    const r = transition(p, asBy(sampleEvent(type, after(p)), by), after(p));
    expect(failure(r)).toEqual({ code: 'FORBIDDEN', message });
  });

  it('When a petition came by letter without an OPENID, then no citizen can act on it', () => {
    const p = buildPetition('registered', { petitionerOpenid: null });
    const r = transition(p, sampleEvent('WITHDRAW'), after(p));
    expect(failure(r)).toEqual({ code: 'FORBIDDEN', message: '只有信访人本人可以撤回' });
  });

  it('When a leader (not the handler) replies, then it is allowed', () => {
    const p = buildPetition('assigned');
    const r = transition(p, { ...sampleEvent('PROCEDURAL_REPLY'), by: leader }, after(p));
    expect(r.ok).toBe(true);
  });
});

describe('guards', () => {
  const ten = '一二三四五六七八九十';
  interface Case {
    when: string;
    then: string;
    status: PetitionStatus;
    event: PetitionEvent;
    at?: Date;
  }
  const answeredAt = buildPetition('answered').answer.answeredAt;
  const ok = 'it is allowed';
  const rows: [string, PetitionStatus, PetitionEvent, string | null, Date?][] = [
    [
      'refusal without one of the four grounds',
      'registered',
      { type: 'REFUSE', by: registrar, ground: 5 as 1, explanation: ten },
      '请选择不予受理的理由（四项之一）',
    ],
    [
      'refusal with a 9-character explanation',
      'registered',
      { type: 'REFUSE', by: registrar, ground: 1, explanation: '一二三四五六七八九' },
      '不予受理的说明应为10至1000个字，信访人会看到这段说明',
    ],
    [
      'refusal with spaces padding the explanation to 10',
      'registered',
      { type: 'REFUSE', by: registrar, ground: 1, explanation: ' 一二三四五六七八九 ' },
      '不予受理的说明应为10至1000个字，信访人会看到这段说明',
    ],
    [
      'refusal with a 10-character explanation',
      'registered',
      { type: 'REFUSE', by: registrar, ground: 1, explanation: ten },
      null,
    ],
    [
      'materials requested with no list',
      'registered',
      {
        type: 'REQUEST_MATERIALS',
        by: registrar,
        items: [],
        dueDate: new Date(T0.getTime() + 10 * DAY),
      },
      '请列出需要补充的材料（1至20项，每项2至100个字）',
    ],
    [
      'materials requested due in the past',
      'registered',
      { type: 'REQUEST_MATERIALS', by: registrar, items: ['身份证明'], dueDate: T0 },
      '补充材料的截止日期应晚于现在',
    ],
    [
      'materials supplied with nothing',
      'materials_requested',
      { type: 'SUPPLY_MATERIALS', by: citizen, attachments: [], note: '  ' },
      '请上传补充的材料或填写补充说明',
    ],
    [
      'materials supplied as a note only',
      'materials_requested',
      { type: 'SUPPLY_MATERIALS', by: citizen, attachments: [], note: '原件已邮寄' },
      null,
    ],
    [
      'transfer without a reason',
      'registered',
      {
        type: 'TRANSFER',
        by: registrar,
        to: { type: 'legal_procedure', procedure: '刑事申诉程序' },
        reason: '属地',
      },
      '请填写转办理由（5至500个字）',
    ],
    [
      'transfer to its own procuratorate',
      'registered',
      {
        type: 'TRANSFER',
        by: registrar,
        to: { type: 'procuratorate', procuratorateId: '110105', name: '本院' },
        reason: '属于本院管辖的事项',
      },
      '不能转办给本院，请改为转交本院其他部门',
    ],
    [
      'transfer to the department already handling it',
      'registered',
      {
        type: 'TRANSFER',
        by: registrar,
        to: { type: 'department', departmentId: DEPT, name: '控告申诉检察部' },
        reason: '属于本部门的事项',
      },
      '该信访已由这个部门承办',
    ],
    [
      'assignment to a handler of another department',
      'accepted',
      { type: 'ASSIGN', by: leader, handler: { ...HANDLER, departmentId: '110105-d1' } },
      '承办人应属于该信访的承办部门',
    ],
    [
      'reassignment to the same handler',
      'assigned',
      { type: 'ASSIGN', by: leader, handler: HANDLER },
      '该信访已由此人承办',
    ],
    [
      'a reply of 4 characters',
      'assigned',
      { type: 'PROCEDURAL_REPLY', by: handler, reply: { method: 'sms', text: '已收到了' } },
      '答复内容应为5至5000个字',
    ],
    [
      'an answer without a result',
      'procedural_replied',
      { ...sampleEvent('ANSWER'), result: '' } as PetitionEvent,
      '请填写办理结果（5至500个字）',
    ],
    [
      'a review on the 30th day after the answer (end of day, China time)',
      'answered',
      sampleEvent('REQUEST_REVIEW'),
      null,
      new Date(reviewDeadline(answeredAt).getTime()),
    ],
    [
      'a review on the 31st day after the answer',
      'answered',
      sampleEvent('REQUEST_REVIEW'),
      '已超过答复之日起30日的复查申请期限',
      new Date(reviewDeadline(answeredAt).getTime() + 1),
    ],
    [
      'a review without a reason',
      'answered',
      { ...sampleEvent('REQUEST_REVIEW'), reason: '不服' } as PetitionEvent,
      '请填写申请复查的理由（10至1000个字）',
    ],
    [
      'a closed petition archived within the review window',
      'closed',
      sampleEvent('ARCHIVE'),
      '复查申请期限届满前不能归档',
    ],
    [
      'a rating with an unknown satisfaction',
      'answered',
      { type: 'RATE', by: citizen, satisfaction: 'great' as 'satisfied' },
      '请选择满意程度',
    ],
  ];
  const cases: Case[] = rows.map(([when, status, event, message, at]) => ({
    when,
    then: message ?? ok,
    status,
    event,
    at,
  }));
  it.each(cases)('When $when, then $then', ({ status, event, then, at }) => {
    const p = buildPetition(status);
    const r = transition(p, event, at ?? after(p));
    expect(failure(r)).toEqual(
      then === ok ? { ok: true } : { code: 'PRECONDITION_FAILED', message: then },
    );
  });

  it('When the answer was given at 23:30 China time, then the review window ends 30 days later at 24:00 China time', () => {
    // 2026-03-02 23:30 in Shanghai is 15:30 UTC.
    expect(reviewDeadline(new Date('2026-03-02T15:30:00Z')).toISOString()).toBe(
      '2026-04-01T15:59:59.999Z',
    );
  });

  it('When a petitioner rates twice, then the second is refused', () => {
    const first = step(buildPetition('answered'), sampleEvent('RATE'));
    const r = transition(
      first.next,
      { ...sampleEvent('RATE'), satisfaction: 'dissatisfied' } as PetitionEvent,
      after(first.next),
    );
    expect(failure(r)).toEqual({
      code: 'PRECONDITION_FAILED',
      message: '已经评价过，不能重复评价',
    });
  });

  it('When a petitioner asks for review twice, then the second is refused', () => {
    const first = step(buildPetition('answered'), sampleEvent('REQUEST_REVIEW'));
    const r = transition(first.next, sampleEvent('REQUEST_REVIEW'), after(first.next));
    expect(failure(r)).toEqual({
      code: 'PRECONDITION_FAILED',
      message: '已经申请过复查，不能重复申请',
    });
  });

  it.each(['answered', 'closed', 'refused', 'transferred', 'archived'] as const)(
    'When a %s petition is withdrawn, then it is refused (withdrawal only before the answer)',
    (status) => {
      const p = buildPetition(status);
      const r = transition(p, sampleEvent('WITHDRAW'), after(p));
      expect(r.ok || r.code).toBe('PRECONDITION_FAILED');
    },
  );

  it('When state compensation materials were requested once, then they cannot be requested again (国家赔偿法 art. 12)', () => {
    const p = buildPetition('materials_requested', { kind: 'state_compensation' });
    const back = step(p, sampleEvent('SUPPLY_MATERIALS'));
    const r = transition(
      back.next,
      sampleEvent('REQUEST_MATERIALS', after(back.next)),
      after(back.next),
    );
    expect(failure(r)).toEqual({
      code: 'PRECONDITION_FAILED',
      message: '国家赔偿申请需补正的材料应当一次性告知，不能再次要求补充',
    });
  });

  it('When other kinds had materials requested once, then they may be requested again', () => {
    const p = buildPetition('materials_requested', { kind: 'judicial_assistance' });
    const back = step(p, sampleEvent('SUPPLY_MATERIALS'));
    expect(step(back.next, sampleEvent('REQUEST_MATERIALS', after(back.next))).next.status).toBe(
      'materials_requested',
    );
  });

  it('When a closed petition had a review requested, then it may be archived at once', () => {
    const reviewed = step(buildPetition('closed'), sampleEvent('REQUEST_REVIEW'));
    expect(step(reviewed.next, sampleEvent('ARCHIVE')).next.status).toBe('archived');
  });
});

describe('effects', () => {
  const toPetitioner = (step: string, note: string | null = expect.anything()) => ({
    type: 'notify',
    to: { type: 'petitioner', openid: 'o-citizen-1' },
    step,
    note,
  });
  const notifications = (effects: PetitionEffect[]) => effects.filter((e) => e.type === 'notify');

  const cases: [PetitionStatus, PetitionEventType, object[]][] = [
    ['submitted', 'REGISTER', []],
    ['registered', 'ACCEPT', [toPetitioner('accepted', null)]],
    ['registered', 'REFUSE', [toPetitioner('refused', GROUNDS[2])]],
    [
      'registered',
      'REQUEST_MATERIALS',
      [toPetitioner('materials_needed', '请补充：原处理决定书复印件、身份证明')],
    ],
    ['materials_requested', 'SUPPLY_MATERIALS', []],
    ['registered', 'TRANSFER', [toPetitioner('transferred', '转北京市海淀区人民检察院办理')]],
    [
      'accepted',
      'ASSIGN',
      [
        {
          type: 'notify',
          to: { type: 'staff', staffId: 's-handler' },
          step: 'assigned',
          note: null,
        },
      ],
    ],
    ['assigned', 'PROCEDURAL_REPLY', [toPetitioner('replied', null)]],
    ['procedural_replied', 'PROGRESS_REPLY', [toPetitioner('replied', null)]],
    [
      'in_progress',
      'ANSWER',
      [toPetitioner('answered', '经审查，原处理决定并无不当，维持原决定。')],
    ],
    ['answered', 'CLOSE', []],
    ['registered', 'WITHDRAW', []],
    ['answered', 'RATE', []],
    ['answered', 'REQUEST_REVIEW', []],
  ];
  it.each(cases)(
    'When a %s petition gets %s, then the notifications are as listed',
    (status, type, expected) => {
      const p = buildPetition(status);
      expect(notifications(step(p, sampleEvent(type, after(p))).effects)).toEqual(expected);
    },
  );

  it.each(ALLOWED.map(([s, t]) => [s, t] as const))(
    'When a %s petition gets %s, then one audit entry records who, when, from and to',
    (status, type) => {
      const p = readyFor(status, type);
      const now = momentFor(p, type);
      const e = eventFor(p, type, now);
      const r = step(p, e, now);
      const audits = r.effects.filter((x) => x.type === 'audit');
      expect(audits).toMatchObject([
        {
          type: 'audit',
          action: type,
          by:
            e.by.type === 'citizen'
              ? { type: 'citizen', openid: e.by.openid }
              : { type: 'staff', staffId: e.by.staffId },
          at: now,
          from: status,
          to: r.next.status,
        },
      ]);
    },
  );

  it('When a refusal is audited, then why holds the ground and the explanation', () => {
    const r = step(buildPetition('registered'), sampleEvent('REFUSE'));
    expect(r.effects[0]).toMatchObject({ why: `${GROUNDS[2]}：来信未写明具体诉求，无法受理。` });
  });

  it('When a petition came by letter without an OPENID, then its steps notify nobody', () => {
    const p = buildPetition('registered', { petitionerOpenid: null });
    expect(notifications(step(p, sampleEvent('ACCEPT')).effects)).toEqual([]);
  });

  it('When transferred to another department of the same procuratorate, then it is only re-routed and the petitioner is not notified', () => {
    const p = buildPetition('accepted');
    const r = step(p, {
      type: 'TRANSFER',
      by: registrar,
      to: { type: 'department', departmentId: '110105-d1', name: '第一检察部' },
      reason: '涉及刑事案件办理',
    });
    expect(r.next).toMatchObject({ status: 'accepted', departmentId: '110105-d1' });
    expect(r.effects.map((e) => e.type)).toEqual(['audit']);
  });

  it('When transferred to another procuratorate, then the shell is asked to forward it there', () => {
    const r = step(buildPetition('registered'), sampleEvent('TRANSFER'));
    expect(r.effects).toContainEqual(
      expect.objectContaining({
        type: 'forwardPetition',
        originalId: 'p-1',
        toProcuratorateId: '110108',
      }),
    );
  });

  it('When a review is requested, then a linked review petition is to be filed one level up', () => {
    const p = buildPetition('answered');
    const now = after(p);
    const r = step(p, sampleEvent('REQUEST_REVIEW'), now);
    expect(r.effects).toContainEqual({
      type: 'createReviewPetition',
      reviewPetitionId: 'review-1',
      originalId: 'p-1',
      fromProcuratorateId: '110105',
      kind: 'criminal_appeal',
      petitionerOpenid: 'o-citizen-1',
      reason: '对答复意见不服，认为原决定认定事实错误。',
      at: now,
    });
    expect(r.next).toMatchObject({
      status: 'answered',
      review: { reviewPetitionId: 'review-1', requestedAt: now },
    });
  });

  it.each([
    ['online', 'o-citizen-1', ['audit', 'notify']],
    ['letter', null, ['audit']],
  ] as const)(
    'When a petition is received by %s, then the effects are %j',
    (channel, openid, types) => {
      const r = receive(
        {
          id: 'p-9',
          receiptNumber: '110105-2026-000009',
          kind: 'other',
          channel,
          procuratorateId: '110105',
          petitionerOpenid: openid,
          attachments: [],
          by: openid ? citizen : registrar,
        },
        T0,
      );
      expect(r.petition).toMatchObject({
        status: 'submitted',
        submittedAt: T0,
        departmentId: null,
      });
      expect(r.effects.map((e) => e.type)).toEqual(types);
      if (openid)
        expect(r.effects[1]).toMatchObject({ step: 'received', note: '110105-2026-000009' });
    },
  );
});

describe('what each state carries', () => {
  it('When refused, then the petition carries its ground and explanation', () => {
    const p = buildPetition('refused');
    expect(p.refusal).toEqual({
      ground: 2,
      explanation: '来信未写明具体诉求，无法受理。',
      refusedAt: expect.any(Date),
    });
  });

  it('When answered, then it carries the result, answeredAt, the handler and every reply in order', () => {
    const p = buildPetition('answered');
    expect(p.handler).toEqual(HANDLER);
    expect(p.answer).toEqual({
      result: '经审查，原处理决定并无不当，维持原决定。',
      answeredAt: p.updatedAt,
    });
    expect(p.replies.map((r) => r.type)).toEqual(['procedural', 'answer']);
    expect(p.rating).toBeNull();
  });

  it('When materials are supplied, then the request records them and they join the attachments', () => {
    const p = buildPetition('materials_requested');
    const r = step(p, sampleEvent('SUPPLY_MATERIALS'));
    expect(r.next.materialsRequests[0]).toMatchObject({
      supplied: ['cloud://env/supply/1.pdf'],
      suppliedAt: after(p),
    });
    expect(r.next.attachments).toEqual(['cloud://env/supply/1.pdf']);
  });

  it('When archived, then it keeps what it was archived from', () => {
    const p = buildPetition('archived');
    expect(p).toMatchObject({ archivedFrom: 'refused', refusal: { ground: 2 } });
  });

  it('When withdrawn, then it records from which state', () => {
    const r = step(buildPetition('assigned'), sampleEvent('WITHDRAW'));
    expect(r.next).toMatchObject({
      status: 'withdrawn',
      withdrawal: { from: 'assigned', reason: '问题已自行解决' },
    });
  });

  it('The timeline lists every step with the note the petitioner is told', () => {
    const p = buildPetition('refused');
    expect(p.steps.map((s) => [s.event, s.status, s.note])).toEqual([
      ['SUBMIT', 'submitted', null],
      ['REGISTER', 'registered', null],
      ['REFUSE', 'refused', GROUNDS[2]],
    ]);
  });
});

describe('allowedEvents', () => {
  const cases: [PetitionStatus, Actor, PetitionEventType[]][] = [
    ['registered', citizen, ['WITHDRAW']],
    ['registered', registrar, ['ACCEPT', 'REFUSE', 'REQUEST_MATERIALS', 'TRANSFER']],
    ['accepted', leader, ['TRANSFER', 'ASSIGN']],
    ['assigned', handler, ['PROCEDURAL_REPLY', 'REQUEST_EXTENSION']],
    ['assigned', citizen, ['WITHDRAW', 'REQUEST_RECUSAL']],
    ['assigned', otherHandler, []],
    ['materials_requested', citizen, ['SUPPLY_MATERIALS', 'WITHDRAW']],
    ['answered', citizen, ['RATE', 'REQUEST_REVIEW']],
    ['answered', otherCitizen, []],
    ['registered', otherUnitLeader, []],
  ];
  it.each(cases)(
    'When a %s petition is shown to %o, then the actions offered are %j',
    (status, by, events) => {
      const p = buildPetition(status);
      expect(allowedEvents(p, by, after(p))).toEqual(events);
    },
  );

  it('When the review window has passed, then the petitioner is offered only the rating', () => {
    const p = buildPetition('answered');
    expect(allowedEvents(p, citizen, new Date(p.answer.answeredAt.getTime() + 31 * DAY))).toEqual([
      'RATE',
    ]);
  });
});

describe('extension of the handling period (条例 art. 34)', () => {
  const requested = () => step(buildPetition('in_progress'), sampleEvent('REQUEST_EXTENSION')).next;

  it("When the handler asks, then the request waits for a leader, off the petitioner's timeline, and the leaders are told", () => {
    const r = step(buildPetition('in_progress'), sampleEvent('REQUEST_EXTENSION'));
    expect(r.next.extensions).toEqual([
      {
        days: 20,
        reason: '案情复杂，需调取外地案卷材料',
        requestedBy: 's-handler',
        requestedAt: expect.any(Date),
        decision: null,
      },
    ]);
    expect(r.next.steps.at(-1)).toMatchObject({ event: 'REQUEST_EXTENSION', internal: true });
    expect(r.effects.filter((e) => e.type === 'notify')).toEqual([
      { type: 'notify', to: { type: 'leaders' }, step: 'to_decide', note: '申请延长办理期限20日' },
    ]);
  });

  it.each([0, 31, 2.5])('When %p days are asked, then it is refused', (days) => {
    const p = buildPetition('in_progress');
    const r = transition(
      p,
      { ...sampleEvent('REQUEST_EXTENSION'), days } as PetitionEvent,
      after(p),
    );
    expect(failure(r)).toEqual({ code: 'PRECONDITION_FAILED', message: '延长的天数应为1至30日' });
  });

  it('When someone else than the handler asks, then FORBIDDEN', () => {
    const p = buildPetition('in_progress');
    const r = transition(p, { ...sampleEvent('REQUEST_EXTENSION'), by: leader }, after(p));
    expect(failure(r)).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('When a leader grants it, then the petitioner is told the days and the reason', () => {
    const p = requested();
    const r = step(p, sampleEvent('DECIDE_EXTENSION', after(p)), after(p));
    expect(r.next.extensions?.[0]?.decision).toMatchObject({ granted: true, by: 's-leader' });
    expect(r.next.steps.at(-1)).toMatchObject({ note: '办理期限延长' });
    expect(r.next.steps.at(-1)?.internal).toBeUndefined();
    expect(r.effects.filter((e) => e.type === 'notify')).toContainEqual({
      type: 'notify',
      to: { type: 'petitioner', openid: 'o-citizen-1' },
      step: 'extended',
      note: '延长20日：案情复杂，需调取外地案卷材料',
    });
  });

  it('When extended once, then a second request is refused; after a refusal a new one may be made', () => {
    const granted = step(requested(), sampleEvent('DECIDE_EXTENSION')).next;
    const again = transition(granted, sampleEvent('REQUEST_EXTENSION'), after(granted));
    expect(failure(again)).toMatchObject({
      message: '办理期限只能延长一次，已有延期申请或已经延期',
    });

    const refusedWithoutNote = transition(
      requested(),
      { ...sampleEvent('DECIDE_EXTENSION'), grant: false } as PetitionEvent,
      after(requested()),
    );
    expect(failure(refusedWithoutNote)).toMatchObject({ code: 'PRECONDITION_FAILED' });
    const refused = step(requested(), {
      type: 'DECIDE_EXTENSION',
      by: leader,
      grant: false,
      note: '尚未穷尽办理手段',
    }).next;
    expect(refused.steps.at(-1)?.internal).toBe(true);
    expect(
      step(refused, sampleEvent('REQUEST_EXTENSION', after(refused)), after(refused)).next
        .extensions,
    ).toHaveLength(2);
  });

  it('When nothing is pending, then a decision is refused', () => {
    const p = buildPetition('in_progress');
    expect(failure(transition(p, sampleEvent('DECIDE_EXTENSION'), after(p)))).toMatchObject({
      message: '没有待审批的延期申请',
    });
  });
});

describe('recusal (回避) asked by the petitioner', () => {
  const requested = () => step(buildPetition('assigned'), sampleEvent('REQUEST_RECUSAL')).next;

  it('When granted, then the new handler takes over, is told, and the petitioner is told', () => {
    const p = requested();
    const r = step(p, sampleEvent('DECIDE_RECUSAL', after(p)), after(p));
    expect(r.next).toMatchObject({ status: 'assigned', handler: { staffId: 's-handler-2' } });
    expect(r.next.recusals?.[0]).toMatchObject({
      handlerStaffId: 's-handler',
      decision: { granted: true, by: 's-leader' },
    });
    const notes = r.effects.filter((e) => e.type === 'notify');
    expect(notes).toContainEqual({
      type: 'notify',
      to: { type: 'staff', staffId: 's-handler-2' },
      step: 'assigned',
      note: null,
    });
    expect(notes).toContainEqual({
      type: 'notify',
      to: { type: 'petitioner', openid: 'o-citizen-1' },
      step: 'recusal',
      note: '决定承办人回避，已更换承办人',
    });
  });

  it('When refused, then a reason is required and the handler stays', () => {
    const p = requested();
    const bare = transition(p, { type: 'DECIDE_RECUSAL', by: leader, grant: false }, after(p));
    expect(failure(bare)).toMatchObject({ code: 'PRECONDITION_FAILED' });
    const r = step(p, {
      type: 'DECIDE_RECUSAL',
      by: leader,
      grant: false,
      note: '不存在应当回避的情形',
    });
    expect(r.next).toMatchObject({ handler: { staffId: 's-handler' } });
    expect(r.next.steps.at(-1)).toMatchObject({ note: '不予回避：不存在应当回避的情形' });
  });

  it('When granted without a new handler, or to the same handler, then it is refused', () => {
    const p = requested();
    const none = transition(p, { type: 'DECIDE_RECUSAL', by: leader, grant: true }, after(p));
    expect(failure(none)).toMatchObject({ message: '决定回避的，请选择新的承办人' });
    const same = transition(
      p,
      { type: 'DECIDE_RECUSAL', by: leader, grant: true, handler: HANDLER },
      after(p),
    );
    expect(failure(same)).toMatchObject({ message: '新的承办人不能是申请回避的承办人' });
  });

  it('When asked twice while pending, or again about the same handler, then it is refused', () => {
    const p = requested();
    expect(failure(transition(p, sampleEvent('REQUEST_RECUSAL'), after(p)))).toMatchObject({
      message: '您的回避申请正在审批中，请耐心等待',
    });
    const refused = step(p, {
      type: 'DECIDE_RECUSAL',
      by: leader,
      grant: false,
      note: '不存在应当回避的情形',
    }).next;
    expect(
      failure(transition(refused, sampleEvent('REQUEST_RECUSAL'), after(refused))),
    ).toMatchObject({
      message: '您已对该承办人申请过回避',
    });
  });

  it('When another citizen asks, then FORBIDDEN', () => {
    const p = buildPetition('assigned');
    const r = transition(p, { ...sampleEvent('REQUEST_RECUSAL'), by: otherCitizen }, after(p));
    expect(failure(r)).toEqual({ code: 'FORBIDDEN', message: '只有信访人本人可以申请承办人回避' });
  });
});
