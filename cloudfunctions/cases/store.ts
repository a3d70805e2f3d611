// How the cases function stores what it keeps: cases, lawyers' verifications, bindings of people
// to cases, appointment slots and appointments. One file, so every module (and the publish
// function, which reads cases) agrees on the shapes.
import type {
  AppointmentStatus,
  AppointmentType,
  BindingRole,
  LawyerStatus,
  PartyRole,
  SensitiveKind,
} from '../../typings/cases';
import { db } from '../_shared/cloud';

export const CASES = 'cases';
export const LAWYERS = 'lawyers';
export const BINDINGS = 'case_bindings';
export const SLOTS = 'appointment_slots';
export const APPOINTMENTS = 'appointments';
/** One document per procuratorate (id = its id): causes an administrator excludes from online file reading. */
export const DISCLOSURE_SETTINGS = 'disclosure_settings';

export interface CaseParty {
  name: string;
  role: PartyRole;
  age: number | null;
  sentenceMonths: number | null;
  recidivist: boolean;
}

export interface CaseMeasure {
  partyName: string;
  measure: string;
  /** `YYYY-MM-DD` */
  from: string;
  to: string | null;
}

export interface CaseFlags {
  juvenile: boolean;
  stateSecret: boolean;
  commercialSecret: boolean;
  privacy: boolean;
  sensitiveKind: SensitiveKind | null;
}

export interface CaseStage {
  at: Date;
  stage: string;
  note: string | null;
}

export interface CaseDoc {
  _id: string;
  /** Normalised (domain/cases/case-number.ts), unique. */
  caseNumber: string;
  procuratorateId: string;
  cause: string;
  /** `YYYY-MM-DD` */
  acceptedOn: string;
  timeLimit: string;
  handlingUnit: string;
  stage: string;
  result: string | null;
  parties: CaseParty[];
  measures: CaseMeasure[];
  flags: CaseFlags;
  /** Every stage it went through, oldest first (the procedure query's timeline). */
  timeline: CaseStage[];
  createdAt: Date;
  updatedAt: Date;
  createdBy: string;
  updatedBy: string;
  version: number;
}

/** One per lawyer (document id = OPENID): their certificate and its review. */
export interface LawyerDoc {
  _id: string;
  openid: string;
  name: string;
  certificateNumber: string;
  firm: string;
  certificateImage: string;
  procuratorateId: string;
  status: LawyerStatus;
  reason: string | null;
  submittedAt: Date;
  reviewedAt: Date | null;
  reviewedBy: string | null;
  version: number;
}

export interface BindingDoc {
  _id: string;
  openid: string;
  caseId: string;
  caseNumber: string;
  procuratorateId: string;
  role: BindingRole;
  partyName: string;
  proofs: string[];
  note: string | null;
  /** The requester as their profile (citizen) or verification (lawyer) stood at the request. */
  requester: { name: string; idNumberMasked: string | null; lawyer: boolean };
  status: LawyerStatus;
  reason: string | null;
  requestedAt: Date;
  reviewedAt: Date | null;
  reviewedBy: string | null;
  version: number;
}

export interface SlotDoc {
  _id: string;
  procuratorateId: string;
  type: AppointmentType;
  /** `YYYY-MM-DD`, `HH:mm`, `HH:mm` (China time). */
  day: string;
  start: string;
  end: string;
  capacity: number;
  booked: number;
  /** OPENIDs of the live (booked or confirmed) appointments: one each, kept with `booked`. */
  holders: string[];
  updatedAt: Date;
}

export interface AppointmentDoc {
  _id: string;
  slotId: string;
  procuratorateId: string;
  type: AppointmentType;
  openid: string;
  /** Null for a video reception. */
  bindingId: string | null;
  caseId: string | null;
  caseNumber: string | null;
  day: string;
  start: string;
  end: string;
  note: string;
  requester: { name: string; lawyer: boolean; firm: string | null };
  status: AppointmentStatus;
  reason: string | null;
  /** When staff must answer by (null when no limit applies). */
  answerDue: Date | null;
  /** The inbox's sort key: `answerDue`, or NO_DUE when none applies (so those come last). */
  dueKey: Date;
  createdAt: Date;
  updatedAt: Date;
  decidedBy: string | null;
  version: number;
}

/** `dueKey` of an appointment without a time limit: after every real due date. */
export const NO_DUE = new Date('9999-12-31T00:00:00.000Z');

export interface DisclosureSettingsDoc {
  /** The procuratorate's id. */
  _id: string;
  /** Causes (案由) whose cases are not read online: a case whose cause contains one is excluded. */
  excludedCauses: string[];
  /** 1 after the first save (settings.ts); absent on a document written before versions. */
  version?: number;
  updatedAt?: Date;
  updatedBy?: string;
}

export const cases = () => db.collection<CaseDoc>(CASES);
export const lawyers = () => db.collection<LawyerDoc>(LAWYERS);
export const bindings = () => db.collection<BindingDoc>(BINDINGS);
export const slots = () => db.collection<SlotDoc>(SLOTS);
export const appointments = () => db.collection<AppointmentDoc>(APPOINTMENTS);
export const disclosureSettings = () => db.collection<DisclosureSettingsDoc>(DISCLOSURE_SETTINGS);
