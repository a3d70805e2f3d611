// What the petitioner sees of their petitions: the list item and the detail with its timeline.
import {
  allowedEvents,
  reviewDeadline,
  type Actor,
  type Decision,
  type Petition,
} from '../../domain/petition/machine';
import { litigationSuggestion } from '../../domain/petition/routing';
import {
  PETITION_KIND_NAMES,
  PETITION_STATUS_NAMES,
  REFUSAL_GROUND_TEXTS,
  type DeadlineView,
  type DecisionView,
  type PetitionInboxItem,
  type PetitionListItem,
  type PetitionStaffView,
  type PetitionView,
} from '../../typings/petition';
import { toPetition, type PetitionDoc } from './store';
import type { WorkCalendar } from '../../domain/deadlines/calendar';
import { nextStaffDeadline, type Deadline } from '../../domain/deadlines/engine';
import { dayOf as dayOfChina } from '../../domain/deadlines/calendar';
import { deadlinesOfDoc, receiptMarks } from './due';

const EXCERPT_LENGTH = 40;

function excerpt(text: string): string {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim());
  return chars.length > EXCERPT_LENGTH ? chars.slice(0, EXCERPT_LENGTH).join('') + '…' : text;
}

/** The state a petition's answer-related fields are read from (an archived one keeps them). */
function answered(p: Petition) {
  return 'answer' in p ? p : null;
}

export function listItem(doc: PetitionDoc, unitName: string): PetitionListItem {
  return {
    id: doc._id,
    receiptNumber: doc.receiptNumber,
    kind: doc.kind,
    kindName: PETITION_KIND_NAMES[doc.kind],
    procuratorateName: unitName,
    excerpt: excerpt(doc.form.request),
    status: doc.status,
    statusName: PETITION_STATUS_NAMES[doc.status],
    submittedAt: doc.submittedAt.toISOString(),
    updatedAt: doc.updatedAt.toISOString(),
  };
}

/** The petitioner's view; `openid` is theirs (what they may do next depends on who asks). */
export function petitionerView(
  doc: PetitionDoc,
  unitName: string,
  openid: string,
  now: Date,
  cal: WorkCalendar,
): PetitionView {
  const p = toPetition(doc);
  const next = nextStaffDeadline(deadlinesOfDoc(doc, now, cal));
  const can = allowedEvents(p, { type: 'citizen', openid }, now);
  const a = answered(p);
  const lastRequest = p.materialsRequests[p.materialsRequests.length - 1];
  const lastRecusal = (p.recusals ?? []).at(-1) ?? null;
  return {
    id: p.id,
    receiptNumber: p.receiptNumber,
    kind: p.kind,
    kindName: PETITION_KIND_NAMES[p.kind],
    procuratorateId: p.procuratorateId,
    procuratorateName: unitName,
    status: p.status,
    statusName: PETITION_STATUS_NAMES[p.status],
    submittedAt: p.submittedAt.toISOString(),
    form: doc.form,
    // Requests among staff (an extension asked, one refused) stay off the petitioner's timeline.
    timeline: timelineOf(p.steps.filter((s) => !s.internal)),
    replies: p.replies.map((r) => ({
      type: r.type,
      method: r.method,
      text: r.text,
      attachments: r.attachments,
      at: r.at.toISOString(),
      by: unitName,
    })),
    refusal:
      'refusal' in p
        ? {
            ground: p.refusal.ground,
            groundText: REFUSAL_GROUND_TEXTS[p.refusal.ground],
            explanation: p.refusal.explanation,
          }
        : null,
    materialsRequest:
      p.status === 'materials_requested' && lastRequest
        ? { items: lastRequest.items, dueDate: lastRequest.dueDate.toISOString() }
        : null,
    transfer:
      'transfer' in p
        ? {
            toName:
              p.transfer.to.type === 'legal_procedure'
                ? p.transfer.to.procedure
                : p.transfer.to.name,
            reason: p.transfer.reason,
          }
        : null,
    answer: a ? { result: a.answer.result, answeredAt: a.answer.answeredAt.toISOString() } : null,
    rating:
      a && a.rating
        ? {
            satisfaction: a.rating.satisfaction,
            comment: a.rating.comment,
            ratedAt: a.rating.ratedAt.toISOString(),
          }
        : null,
    reviewDeadline:
      a && a.review === null && can.includes('REQUEST_REVIEW')
        ? reviewDeadline(a.answer.answeredAt).toISOString()
        : null,
    reviewPetitionId: a?.review?.reviewPetitionId ?? null,
    replyExpectedBy: next ? next.due.toISOString() : null,
    extension: grantedExtension(p),
    recusal: lastRecusal
      ? {
          reason: lastRecusal.reason,
          requestedAt: lastRecusal.requestedAt.toISOString(),
          decision: lastRecusal.decision
            ? {
                granted: lastRecusal.decision.granted,
                note: lastRecusal.decision.note,
                at: lastRecusal.decision.at.toISOString(),
              }
            : null,
        }
      : null,
    can: {
      withdraw: can.includes('WITHDRAW'),
      supplyMaterials: can.includes('SUPPLY_MATERIALS'),
      rate: can.includes('RATE'),
      requestReview: can.includes('REQUEST_REVIEW'),
      requestRecusal: can.includes('REQUEST_RECUSAL'),
    },
  };
}

function timelineOf(steps: Petition['steps']): PetitionView['timeline'] {
  return steps.map((s) => ({
    at: s.at.toISOString(),
    status: s.status,
    statusName: PETITION_STATUS_NAMES[s.status],
    note: s.note,
  }));
}

function grantedExtension(p: Petition): PetitionView['extension'] {
  const x = (p.extensions ?? []).find((e) => e.decision?.granted);
  return x && x.decision
    ? { days: x.days, reason: x.reason, grantedAt: x.decision.at.toISOString() }
    : null;
}

function decisionView(d: Decision | null, names: ReadonlyMap<string, string>): DecisionView | null {
  return d
    ? { granted: d.granted, byName: names.get(d.by) ?? '', at: d.at.toISOString(), note: d.note }
    : null;
}

/** The staff ids a staff view names (who asked for an extension, who decided). */
export function staffIdsNamed(doc: PetitionDoc): string[] {
  const ids = new Set<string>();
  for (const x of doc.extensions ?? []) {
    ids.add(x.requestedBy);
    if (x.decision) ids.add(x.decision.by);
  }
  for (const r of doc.recusals ?? []) if (r.decision) ids.add(r.decision.by);
  return [...ids];
}

export function inboxItem(
  doc: PetitionDoc,
  unitName: string,
  departmentName: string | null,
  now: Date,
  cal: WorkCalendar,
): PetitionInboxItem {
  const due = receiptMarks(doc, cal);
  const next = nextStaffDeadline(deadlinesOfDoc(doc, now, cal));
  return {
    ...listItem(doc, unitName),
    channel: doc.channel,
    departmentName,
    handlerName: 'handler' in doc ? doc.handler.name : null,
    contentFlag: doc.contentFlag,
    proceduralReplyDue: due.proceduralReply.toISOString(),
    resultDue: due.result.toISOString(),
    overdue: next?.state === 'overdue',
    nextDue: next ? { name: next.name, due: next.due.toISOString(), state: next.state } : null,
  };
}

/**
 * What staff of the procuratorate see: the petitioner's contact details (the ID number still
 * masked), routing, handler, deadlines, the content flag and what they may do now.
 */
export function staffView(
  doc: PetitionDoc,
  unitName: string,
  departmentName: string | null,
  actor: Actor,
  now: Date,
  cal: WorkCalendar,
  assignees: PetitionStaffView['assignees'] = [],
  alerts: PetitionStaffView['alerts'] = [],
  names: ReadonlyMap<string, string> = new Map(),
): PetitionStaffView {
  const base = petitionerView(doc, unitName, doc.petitionerOpenid ?? '', now, cal);
  const due = receiptMarks(doc, cal);
  const litigation = litigationSuggestion(doc.kind);
  return {
    ...base,
    timeline: timelineOf(doc.steps),
    channel: doc.channel,
    petitioner: {
      name: doc.petitioner.name,
      idNumberMasked: doc.petitioner.idNumberMasked,
      mobile: doc.form.contact,
    },
    departmentId: doc.departmentId,
    departmentName,
    handler: 'handler' in doc ? { staffId: doc.handler.staffId, name: doc.handler.name } : null,
    contentFlag: doc.contentFlag,
    suggestions: {
      litigation: litigation.litigation ? litigation.procedure : null,
      ...suggestionsView(doc),
    },
    due: {
      proceduralReply: due.proceduralReply.toISOString(),
      result: due.result.toISOString(),
    },
    deadlines: deadlinesOfDoc(doc, now, cal).map(deadlineView),
    alerts,
    version: doc.version,
    allowedEvents: allowedEvents(toPetition(doc), actor, now),
    assignees,
    linkedFrom: doc.linkedFrom
      ? {
          type: doc.linkedFrom.type,
          petitionId: doc.linkedFrom.petitionId,
          receiptNumber: doc.linkedFrom.receiptNumber,
        }
      : null,
    extensions: (doc.extensions ?? []).map((x) => ({
      days: x.days,
      reason: x.reason,
      requestedByName: names.get(x.requestedBy) ?? '',
      requestedAt: x.requestedAt.toISOString(),
      decision: decisionView(x.decision, names),
    })),
    recusals: (doc.recusals ?? []).map((r) => ({
      handlerName: r.handlerName,
      reason: r.reason,
      requestedAt: r.requestedAt.toISOString(),
      decision: decisionView(r.decision, names),
    })),
  };
}

/** The China day of a moment, as the explanation writes it: 2026年11月29日. */
function chineseDay(d: Date): string {
  const [y, m, day] = dayOfChina(d).split('-').map(Number);
  return `${y}年${m}月${day}日`;
}

function suggestionsView(doc: PetitionDoc): Omit<PetitionStaffView['suggestions'], 'litigation'> {
  const duplicates = (doc.suggest?.duplicates ?? []).map((d) => ({
    petitionId: d.petitionId,
    receiptNumber: d.receiptNumber,
    statusName: PETITION_STATUS_NAMES[d.status],
    submittedAt: d.submittedAt.toISOString(),
    similarity: d.similarity,
    reasons: d.reasons,
    answeredAt: d.answeredAt ? d.answeredAt.toISOString() : null,
  }));
  const answered = (doc.suggest?.duplicates ?? []).find((d) => d.answeredAt);
  const pending = (doc.suggest?.duplicates ?? []).find((d) => !d.answeredAt);
  const explanation = answered?.answeredAt
    ? `您反映的事项与受理编号${answered.receiptNumber}的信访事项相同，本院已于${chineseDay(answered.answeredAt)}答复。您未提出新的事实和理由，根据《信访工作条例》的规定，不再重复受理。如对答复意见不服，可以依法申请复查。`
    : pending
      ? `您反映的事项与受理编号${pending.receiptNumber}的信访事项相同，该事项正在办理中，本院将在办结后一并答复，本次来信不再重复受理。`
      : null;
  const abuse = doc.suggest?.abuse ?? null;
  return {
    duplicates,
    abuse: abuse ? { reason: abuse.reason, words: abuse.words.map((w) => w.word) } : null,
    explanation,
  };
}

function deadlineView(d: Deadline): DeadlineView {
  return {
    key: d.key,
    name: d.name,
    party: d.party,
    due: d.due.toISOString(),
    metAt: d.metAt ? d.metAt.toISOString() : null,
    state: d.state,
    uncertain: d.uncertain,
  };
}
