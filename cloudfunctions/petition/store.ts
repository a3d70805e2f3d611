// How a petition is stored (the domain's Petition plus what only the shell keeps) and read back.
import type { Petition } from '../../domain/petition/machine';
import type { PetitionForm } from '../../typings/petition';
import { db } from '../_shared/cloud';
import type { ContentFlag } from '../_shared/content';

/** The domain's union without `id`, state by state (a plain Omit would merge the states). */
type Stored<T> = T extends unknown ? Omit<T, 'id'> : never;

/** The petitioner as the profile stood at submit: never the ID number in clear. */
export interface PetitionerSnapshot {
  name: string;
  idNumberMasked: string;
  mobileMasked: string;
  /** The profile's keyed hash of the ID number, to find the same person's other petitions. */
  idHash: string;
}

export type PetitionDoc = Stored<Petition> & {
  _id: string;
  /** The form as filed, without the clientToken. */
  form: Omit<PetitionForm, 'clientToken'>;
  petitioner: PetitionerSnapshot;
  contentFlag: ContentFlag;
  receipt: { year: number; sequence: number };
  /** Incremented by every change, for the optimistic checks of later actions. */
  version: number;
  /** The next due date still to meet (due.ts), null once finished: the inbox's due filters. */
  dueAt: Date | null;
  /** Set on a petition filed by a transfer to this procuratorate (转办) or a review request (复查). */
  linkedFrom?: LinkedFrom;
};

export interface LinkedFrom {
  type: 'transfer' | 'review';
  petitionId: string;
  receiptNumber: string;
  procuratorateId: string;
  reason: string;
}

/** One per procuratorate and year (`<procuratorateId>-<year>`): the last receipt sequence given. */
export interface CounterDoc {
  _id: string;
  procuratorateId: string;
  year: number;
  sequence: number;
  updatedAt: Date;
}

export const PETITIONS = 'petitions';
export const COUNTERS = 'counters';
export const petitions = () => db.collection<PetitionDoc>(PETITIONS);

export async function loadPetition(id: string): Promise<PetitionDoc | null> {
  return (await petitions().doc(id).get()).data;
}

/** The stored document of the domain's next state: the shell's fields kept, the version bumped. */
export function toDoc(before: PetitionDoc, next: Petition): PetitionDoc {
  const { id: _id, ...fields } = next;
  const shell = {
    form: before.form,
    petitioner: before.petitioner,
    contentFlag: before.contentFlag,
    receipt: before.receipt,
    version: before.version + 1,
    ...(before.linkedFrom ? { linkedFrom: before.linkedFrom } : {}),
  };
  // `dueAt` needs the working-day calendar: the caller sets it (due.ts `nextDue`).
  return { ...fields, ...shell, _id: before._id, dueAt: null } as PetitionDoc;
}

export function counterId(procuratorateId: string, year: number): string {
  return `${procuratorateId}-${year}`;
}

/** The domain's petition of a stored document. */
export function toPetition(doc: PetitionDoc): Petition {
  const {
    _id,
    form: _form,
    petitioner: _p,
    contentFlag: _c,
    receipt: _r,
    version: _v,
    linkedFrom: _l,
    dueAt: _d,
    ...rest
  } = doc;
  return { ...rest, id: _id } as Petition;
}
