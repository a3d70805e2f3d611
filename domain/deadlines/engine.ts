// The deadline engine: for a petition, every time limit that applies to its kind and state, when
// it falls due, and whether it was met, is due soon or is overdue — pure, from the petition, the
// rules (data: amounts and units, configurable) and the working-day calendar. Sources and figures:
// DOMAIN.md "Time limits".
//
// Counting (民法典 art. 201; 民事诉讼法 art. 85): the day of the event is not counted; a period in
// days or months ends at the end of its last day, moved to the next working day when that day is a
// rest day; a period in working days counts working days only.
import type { Petition } from '../petition/machine';
import { addDays, addMonths, dayOf, endOfDay, WorkCalendar } from './calendar';

export type SpanUnit = 'calendar_days' | 'working_days' | 'months';
export interface Span {
  amount: number;
  unit: SpanUnit;
}

export const DEADLINE_KEYS = [
  'procedural_reply',
  'result',
  'handling',
  'progress',
  'compensation_materials',
  'compensation_decision',
  'assistance_missing',
  'materials_supply',
] as const;
export type DeadlineKey = (typeof DEADLINE_KEYS)[number];

export const DEADLINE_NAMES: Record<DeadlineKey, string> = {
  procedural_reply: '程序性答复',
  result: '答复办理结果',
  handling: '办结',
  progress: '答复办理进展',
  compensation_materials: '一次性告知补正材料',
  compensation_decision: '作出赔偿决定',
  assistance_missing: '告知需补充的材料',
  materials_supply: '信访人补充材料',
};

export interface DeadlineRules {
  /** 件件有回复: 7 days from receipt (calendar by default; some provinces count working days). */
  proceduralReply: Span;
  /** The result, or progress if unfinished: 3 months from receipt. */
  result: Span;
  /** 条例 art. 34: 60 days from acceptance. */
  handling: Span;
  /** While unanswered after `result`: a progress reply every month. */
  progressEvery: Span;
  /** 国家赔偿法 art. 12: list every missing material once, within 5 days. */
  compensationMaterials: Span;
  /** 国家赔偿法 art. 23: decide within 2 months of acceptance. */
  compensationDecision: Span;
  /** Judicial assistance: say what is missing within 5 working days. */
  assistanceMissing: Span;
  /** Move a period's last day off a rest day to the next working day. */
  extendOverRestDays: boolean;
  /** "Due soon": due within this many days. */
  dueSoonDays: number;
}

export const DEFAULT_RULES: DeadlineRules = {
  proceduralReply: { amount: 7, unit: 'calendar_days' },
  result: { amount: 3, unit: 'months' },
  handling: { amount: 60, unit: 'calendar_days' },
  progressEvery: { amount: 1, unit: 'months' },
  compensationMaterials: { amount: 5, unit: 'calendar_days' },
  compensationDecision: { amount: 2, unit: 'months' },
  assistanceMissing: { amount: 5, unit: 'working_days' },
  extendOverRestDays: true,
  dueSoonDays: 3,
};

export type DeadlineState = 'met' | 'met_late' | 'on_time' | 'due_soon' | 'overdue';

export interface Deadline {
  key: DeadlineKey;
  name: string;
  /** Who must act: staff, or the petitioner (materials they were asked for). */
  party: 'staff' | 'petitioner';
  due: Date;
  /** When it was met; null while open. */
  metAt: Date | null;
  state: DeadlineState;
  /** The due day lies in a year the calendar does not hold (counted by weekends only). */
  uncertain: boolean;
}

/** The moment `span` after `from` ends, per the counting rules above. */
export function dueAfter(from: Date, span: Span, cal: WorkCalendar, rules: DeadlineRules): Date {
  const start = dayOf(from);
  let last: string;
  if (span.unit === 'working_days') last = cal.addWorkingDays(start, span.amount);
  else {
    last = span.unit === 'months' ? addMonths(start, span.amount) : addDays(start, span.amount);
    if (rules.extendOverRestDays) last = cal.nextWorkingDay(last);
  }
  return endOfDay(last);
}

/** How a time limit stands at `now`: met (in time or late), overdue, due soon or on time. */
export function standing(
  due: Date,
  metAt: Date | null,
  now: Date,
  rules: Pick<DeadlineRules, 'dueSoonDays'>,
): DeadlineState {
  if (metAt) return metAt.getTime() <= due.getTime() ? 'met' : 'met_late';
  if (now.getTime() > due.getTime()) return 'overdue';
  if (due.getTime() - now.getTime() <= rules.dueSoonDays * 24 * 3600_000) return 'due_soon';
  return 'on_time';
}

type Loose = Partial<{
  acceptedAt: Date;
  proceduralRepliedAt: Date;
  answer: { answeredAt: Date };
  refusal: { refusedAt: Date };
  transfer: { transferredAt: Date };
  withdrawal: { withdrawnAt: Date };
  archivedAt: Date;
}>;

function earliest(...dates: (Date | null | undefined)[]): Date | null {
  const ds = dates.filter((d): d is Date => d instanceof Date);
  return ds.length ? new Date(Math.min(...ds.map((d) => d.getTime()))) : null;
}

/**
 * Every deadline of the petition at `now`. A deadline whose obligation ended without being met
 * (the petition was withdrawn, refused or transferred first) is dropped, not reported overdue.
 */
export function deadlinesOf(
  p: Petition,
  now: Date,
  cal: WorkCalendar,
  rules: DeadlineRules = DEFAULT_RULES,
): Deadline[] {
  const x = p as Petition & Loose;
  const received = p.submittedAt;
  const accepted = x.acceptedAt ?? null;
  const answered = x.answer?.answeredAt ?? null;
  const ended = earliest(
    x.refusal?.refusedAt,
    x.transfer?.transferredAt,
    x.withdrawal?.withdrawnAt,
  );
  const firstRequest = p.materialsRequests[0]?.requestedAt ?? null;
  const out: Deadline[] = [];

  const add = (
    key: DeadlineKey,
    due: Date,
    metAt: Date | null,
    party: Deadline['party'] = 'staff',
  ) => {
    if (!metAt && ended) return; // the obligation ended with the petition here
    const state = standing(due, metAt, now, rules);
    out.push({
      key,
      name: DEADLINE_NAMES[key],
      party,
      due,
      metAt,
      state,
      uncertain: !cal.covers(dayOf(due)),
    });
  };

  // Any first answer to the petitioner counts as the procedural reply: received and accepted,
  // not accepted, what to add, where it was transferred (DOMAIN.md).
  add(
    'procedural_reply',
    dueAfter(received, rules.proceduralReply, cal, rules),
    earliest(accepted, firstRequest, x.proceduralRepliedAt, ended),
  );

  if (p.kind === 'state_compensation') {
    add(
      'compensation_materials',
      dueAfter(received, rules.compensationMaterials, cal, rules),
      earliest(firstRequest, accepted, ended),
    );
  }
  if (p.kind === 'judicial_assistance') {
    add(
      'assistance_missing',
      dueAfter(received, rules.assistanceMissing, cal, rules),
      earliest(firstRequest, accepted, ended),
    );
  }

  const open = p.materialsRequests.find((r) => r.suppliedAt === null);
  const lastRequest = p.materialsRequests[p.materialsRequests.length - 1];
  if (open || (lastRequest && !accepted)) {
    const r = open ?? lastRequest;
    add('materials_supply', endOfDay(dayOf(r.dueDate)), r.suppliedAt, 'petitioner');
  }

  if (accepted) {
    const result = dueAfter(received, rules.result, cal, rules);
    add('result', result, answered);
    add('handling', handlingDue(p, accepted, cal, rules), answered);
    if (p.kind === 'state_compensation') {
      add(
        'compensation_decision',
        dueAfter(accepted, rules.compensationDecision, cal, rules),
        answered,
      );
    }
    if (!answered && now.getTime() > result.getTime()) {
      // Monthly progress after the 3 months: due a month after the later of the 3-month mark
      // and the last progress reply.
      const lastProgress = [...p.replies].reverse().find((r) => r.type === 'progress')?.at;
      const from = lastProgress && lastProgress > result ? lastProgress : result;
      add('progress', dueAfter(from, rules.progressEvery, cal, rules), null);
    }
  }
  return out.sort((a, b) => a.due.getTime() - b.due.getTime());
}

/**
 * 条例 art. 34: 60 days from acceptance, extended once by the days a leader approved (at most
 * 30), counted on from the end of the original period.
 */
export function handlingDue(
  p: Petition,
  accepted: Date,
  cal: WorkCalendar,
  rules: DeadlineRules = DEFAULT_RULES,
): Date {
  const original = dueAfter(accepted, rules.handling, cal, rules);
  const granted = (p.extensions ?? []).find((x) => x.decision?.granted);
  if (!granted) return original;
  return dueAfter(original, { amount: granted.days, unit: 'calendar_days' }, cal, rules);
}

/** The staff's next open deadline (the earliest not met), or null. */
export function nextStaffDeadline(deadlines: readonly Deadline[]): Deadline | null {
  return deadlines.find((d) => d.party === 'staff' && d.metAt === null) ?? null;
}
