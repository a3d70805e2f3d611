// What the petitioner sees of their petitions: the list item and the detail with its timeline.
import {
  allowedEvents,
  reviewDeadline,
  type Actor,
  type Petition,
} from '../../domain/petition/machine';
import { litigationSuggestion } from '../../domain/petition/routing';
import {
  PETITION_KIND_NAMES,
  PETITION_STATUS_NAMES,
  REFUSAL_GROUND_TEXTS,
  type DeadlineView,
  type PetitionInboxItem,
  type PetitionListItem,
  type PetitionStaffView,
  type PetitionView,
} from '../../typings/petition';
import { toPetition, type PetitionDoc } from './store';
import type { WorkCalendar } from '../../domain/deadlines/calendar';
import { nextStaffDeadline, type Deadline } from '../../domain/deadlines/engine';
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
    timeline: p.steps.map((s) => ({
      at: s.at.toISOString(),
      status: s.status,
      statusName: PETITION_STATUS_NAMES[s.status],
      note: s.note,
    })),
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
    can: {
      withdraw: can.includes('WITHDRAW'),
      supplyMaterials: can.includes('SUPPLY_MATERIALS'),
      rate: can.includes('RATE'),
      requestReview: can.includes('REQUEST_REVIEW'),
    },
  };
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
  assignees: { staffId: string; name: string }[] = [],
  alerts: PetitionStaffView['alerts'] = [],
): PetitionStaffView {
  const base = petitionerView(doc, unitName, doc.petitionerOpenid ?? '', now, cal);
  const due = receiptMarks(doc, cal);
  const litigation = litigationSuggestion(doc.kind);
  return {
    ...base,
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
      duplicateOf: null,
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
