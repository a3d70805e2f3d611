// How stored cases, lawyers' verifications and bindings are shown: to staff, to the lawyer or
// requester, and to a person bound to a case (the seven fields only). Never an ID number in clear.
import { isSensitive } from '../../domain/cases/record';
import {
  BINDING_ROLE_NAMES,
  PARTY_ROLE_NAMES,
  REVIEW_STATUS_NAMES,
  type BindingStaffView,
  type BindingView,
  type CaseListItem,
  type CaseProcedureView,
  type CaseStaffView,
  type CaseStageView,
  type LawyerStaffView,
  type LawyerView,
} from '../../typings/cases';
import type { BindingDoc, CaseDoc, CaseMeasure, CaseParty, LawyerDoc } from './store';

function timeline(doc: CaseDoc): CaseStageView[] {
  return doc.timeline.map((s) => ({ at: s.at.toISOString(), stage: s.stage, note: s.note }));
}

function measure(m: CaseMeasure) {
  return { partyName: m.partyName, measure: m.measure, from: m.from, to: m.to };
}

function party(p: CaseParty): CaseStaffView['parties'][number] {
  return {
    name: p.name,
    role: p.role,
    recidivist: p.recidivist,
    ...(p.age !== null ? { age: p.age } : {}),
    ...(p.sentenceMonths !== null ? { sentenceMonths: p.sentenceMonths } : {}),
  };
}

export function caseStaffView(
  doc: CaseDoc,
  procuratorateName: string,
  bindings: { pending: number; approved: number },
): CaseStaffView {
  return {
    id: doc._id,
    caseNumber: doc.caseNumber,
    procuratorateId: doc.procuratorateId,
    procuratorateName,
    cause: doc.cause,
    acceptedOn: doc.acceptedOn,
    timeLimit: doc.timeLimit,
    handlingUnit: doc.handlingUnit,
    stage: doc.stage,
    result: doc.result,
    measures: doc.measures.map(measure),
    timeline: timeline(doc),
    updatedAt: doc.updatedAt.toISOString(),
    parties: doc.parties.map(party),
    flags: { ...doc.flags },
    version: doc.version,
    bindings,
  };
}

export function caseListItem(doc: CaseDoc): CaseListItem {
  return {
    id: doc._id,
    caseNumber: doc.caseNumber,
    cause: doc.cause,
    stage: doc.stage,
    acceptedOn: doc.acceptedOn,
    timeLimit: doc.timeLimit,
    updatedAt: doc.updatedAt.toISOString(),
    sensitive: isSensitive(doc.flags),
  };
}

/**
 * The seven fields and the timeline for a person bound by `binding` (approved). A citizen (party,
 * legal representative, close relative) sees the compulsory measures of their party only; a
 * defender or agent sees them all.
 */
export function procedureView(
  doc: CaseDoc,
  binding: BindingDoc,
  procuratorateName: string,
): CaseProcedureView {
  const lawyer = binding.requester.lawyer;
  return {
    id: doc._id,
    caseNumber: doc.caseNumber,
    procuratorateName,
    cause: doc.cause,
    acceptedOn: doc.acceptedOn,
    timeLimit: doc.timeLimit,
    handlingUnit: doc.handlingUnit,
    stage: doc.stage,
    result: doc.result,
    measures: doc.measures.filter((m) => lawyer || m.partyName === binding.partyName).map(measure),
    timeline: timeline(doc),
    updatedAt: doc.updatedAt.toISOString(),
    boundAs: {
      role: binding.role,
      roleName: BINDING_ROLE_NAMES[binding.role],
      partyName: binding.partyName,
    },
  };
}

export function lawyerView(doc: LawyerDoc): LawyerView {
  return {
    name: doc.name,
    certificateNumber: doc.certificateNumber,
    firm: doc.firm,
    status: doc.status,
    statusName: REVIEW_STATUS_NAMES[doc.status],
    reason: doc.reason,
    submittedAt: doc.submittedAt.toISOString(),
    reviewedAt: doc.reviewedAt ? doc.reviewedAt.toISOString() : null,
  };
}

export function lawyerStaffView(doc: LawyerDoc, imageUrl: string | null): LawyerStaffView {
  return {
    ...lawyerView(doc),
    id: doc._id,
    openid: doc.openid,
    procuratorateId: doc.procuratorateId,
    certificateImageUrl: imageUrl,
  };
}

/** The requester's view: the case's id only once approved (the procedure query's key). */
export function bindingView(doc: BindingDoc, procuratorateName: string): BindingView {
  return {
    id: doc._id,
    caseId: doc.status === 'approved' ? doc.caseId : null,
    caseNumber: doc.caseNumber,
    procuratorateName,
    role: doc.role,
    roleName: BINDING_ROLE_NAMES[doc.role],
    partyName: doc.partyName,
    status: doc.status,
    statusName: REVIEW_STATUS_NAMES[doc.status],
    reason: doc.reason,
    requestedAt: doc.requestedAt.toISOString(),
    reviewedAt: doc.reviewedAt ? doc.reviewedAt.toISOString() : null,
  };
}

export function bindingStaffView(
  doc: BindingDoc,
  procuratorateName: string,
  caseDoc: CaseDoc | null,
  lawyer: LawyerDoc | null,
  proofUrls: (string | null)[],
): BindingStaffView {
  return {
    ...bindingView(doc, procuratorateName),
    caseId: doc.caseId,
    requester: {
      name: doc.requester.name,
      idNumberMasked: doc.requester.idNumberMasked,
      lawyer: doc.requester.lawyer && lawyer ? lawyerView(lawyer) : null,
    },
    proofs: proofUrls,
    caseParties: (caseDoc?.parties ?? []).map((p) => ({
      name: p.name,
      role: p.role,
      roleName: PARTY_ROLE_NAMES[p.role],
    })),
  };
}
