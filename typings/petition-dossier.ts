// The archive dossier (归档卷宗) of a petition: written once, in the transaction that archives it,
// and read-only from then on. Everything a reader of the file needs without the live record: the
// data as filed, the petitioner as recorded, every reply and materials request, the files, the
// timeline, how each time limit was kept, and the petition's audit log up to the archiving.
import { z } from 'zod';
import { id } from './fields';
import type {
  DeadlineState,
  PetitionChannel,
  PetitionFileSource,
  PetitionForm,
  PetitionKind,
  PetitionStatus,
  RefusalGround,
  ReplyMethod,
  Satisfaction,
} from './petition';

export const petitionDossierInput = z.object({ id: id('信访编号') }).strict();

/**
 * How a time limit was kept, as of the archiving: met by its due date, met after it, or never
 * met (still open when the file was closed).
 */
export type DossierDeadlineOutcome = 'met' | 'met_late' | 'missed';
export const DOSSIER_DEADLINE_OUTCOME_NAMES: Record<DossierDeadlineOutcome, string> = {
  met: '按期完成',
  met_late: '逾期完成',
  missed: '未完成',
};

/** The dossier as stored (`dossiers`, _id = the petition's id); times are ISO 8601 strings. */
export interface PetitionDossier {
  petitionId: string;
  receiptNumber: string;
  kind: PetitionKind;
  kindName: string;
  channel: PetitionChannel;
  channelName: string;
  procuratorateId: string;
  procuratorateName: string;
  departmentId: string | null;
  departmentName: string | null;
  handler: { staffId: string; name: string } | null;
  submittedAt: string;
  /** The state it was archived from (refused, transferred, withdrawn or closed). */
  archivedFrom: PetitionStatus;
  archivedFromName: string;
  /** The petitioner as recorded at filing: never the ID number in clear. */
  petitioner: { name: string; idNumberMasked: string; mobileMasked: string };
  /** The form as filed, without the clientToken. */
  form: Omit<PetitionForm, 'clientToken'>;
  linkedFrom: { type: 'transfer' | 'review'; petitionId: string; receiptNumber: string } | null;
  /** How it ended here. */
  outcome: {
    refusal: {
      ground: RefusalGround;
      groundText: string;
      explanation: string;
      refusedAt: string;
    } | null;
    transfer: { toName: string; reason: string; transferredAt: string } | null;
    withdrawal: { reason: string | null; withdrawnAt: string } | null;
    answer: { result: string; answeredAt: string } | null;
    rating: { satisfaction: Satisfaction; comment: string | null; ratedAt: string } | null;
    review: { reviewPetitionId: string; reason: string; requestedAt: string } | null;
    closedAt: string | null;
  };
  replies: {
    type: 'procedural' | 'progress' | 'answer';
    method: ReplyMethod;
    text: string;
    attachments: string[];
    at: string;
    /** The staff member who replied (the stored record's id). */
    byStaffId: string;
  }[];
  materialsRequests: {
    items: string[];
    dueDate: string;
    requestedAt: string;
    suppliedAt: string | null;
    supplied: string[];
    note: string | null;
  }[];
  /** Every file of the petition: its attachments, the materials supplied, the replies' files. */
  attachments: { fileID: string; name: string; source: PetitionFileSource }[];
  timeline: {
    at: string;
    event: string;
    status: PetitionStatus;
    statusName: string;
    note: string | null;
  }[];
  /** Every time limit that applied, earliest first, as the deadline engine saw it at archiving. */
  deadlines: {
    key: string;
    name: string;
    party: 'staff' | 'petitioner';
    due: string;
    metAt: string | null;
    state: DeadlineState;
    outcome: DossierDeadlineOutcome;
    uncertain: boolean;
  }[];
  /** The petition's audit chain up to and including the archiving, in order. */
  audit: {
    seq: number;
    at: string;
    action: string;
    actor: { type: 'staff' | 'citizen' | 'system'; staffId: string | null; name: string };
    hash: string;
  }[];
  archivedAt: string;
  archivedBy: { staffId: string; name: string };
  /** SHA-256 of the canonical JSON of every field above (domain/audit-chain.ts `canonical`). */
  hash: string;
}

/** What the `dossier` action answers: the dossier, and whether its content still has its hash. */
export interface PetitionDossierView extends PetitionDossier {
  intact: boolean;
}
