// How a petition is stored (the domain's Petition plus what only the shell keeps) and read back.
import type { Petition } from '../../domain/petition/machine';
import type { PetitionForm } from '../../typings/petition';
import { db } from '../_shared/cloud';
import type { ContentFlag } from '../_shared/content';
import type { MatterPrint } from '../../domain/petition/similarity';
import type { FilingSuggestions } from './suggest';

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
  /** The 7-day and 3-month marks (due.ts `marksOf`); absent on petitions stored before them. */
  marks?: PetitionMarks;
  /** Set on a petition filed by a transfer to this procuratorate (转办) or a review request (复查). */
  linkedFrom?: LinkedFrom;
  /** The matter's print (domain/petition/similarity.ts), compared by later filings of the person. */
  print?: MatterPrint;
  /** What the machine suggested at filing (suggest.ts): duplicates, abuse. Staff decide. */
  suggest?: FilingSuggestions;
};

/**
 * When the two national marks fell due and were met (due.ts `marksOf`), so the statistics
 * (stats.ts) compute the 7-day and 3-month rates with the database's aggregation:
 *
 * - `proceduralDue` / `proceduralAt`: the 7-day procedural reply, and when it was met (the first
 *   answer to the petitioner the engine counts: accepted, refused, materials asked for, procedural
 *   reply, transferred; a withdrawal ends it too); null while open.
 * - `resultDue` / `resultAt`: the 3-month result, and when it was answered. `resultDue` is null
 *   when the petition owes no result: it was refused, transferred or withdrawn before an answer.
 *   A petition not yet accepted still owes it (null only once that is settled otherwise).
 */
export interface PetitionMarks {
  proceduralDue: Date;
  proceduralAt: Date | null;
  resultDue: Date | null;
  resultAt: Date | null;
}

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
    ...(before.print ? { print: before.print } : {}),
    ...(before.suggest ? { suggest: before.suggest } : {}),
  };
  // `dueAt` and `marks` need the working-day calendar: the caller sets them (due.ts `nextDue`,
  // `marksOf`).
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
    marks: _m,
    print: _pr,
    suggest: _s,
    ...rest
  } = doc;
  return { ...rest, id: _id } as Petition;
}
