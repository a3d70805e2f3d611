// What the machine suggests to staff when a petition is filed (grounds 3 and 4; DOMAIN.md): the
// same person's earlier petitions about the same matter (重复信访), and abusive language (辱骂).
// Suggestions only — the registrar decides; nothing is refused by them.
//
// The duplicate lookup reads the same person's petitions by the keyed hash of their ID number
// (index id_hash: petitioner.idHash, submittedAt), newest first and at most LOOKBACK of them, and
// compares the prints stored on them (domain/petition/similarity.ts): its cost depends on how
// many petitions that person filed, never on how many the service holds.
import { suggestAbuse, type AbuseSuggestion } from '../../domain/petition/abuse';
import {
  matterOf,
  printOf,
  suspectDuplicate,
  type MatterPrint,
} from '../../domain/petition/similarity';
import type { PetitionForm, PetitionStatus } from '../../typings/petition';
import { petitions, type PetitionDoc } from './store';

/** How many of the person's latest petitions are compared. */
const LOOKBACK = 50;

/** Earlier petitions that were not handled on their merits here are no ground for ground 3. */
const NOT_COMPARED: readonly PetitionStatus[] = ['refused', 'withdrawn', 'transferred'];
/** States in which the earlier one has its answer: the repeated letter gets an explanation reply. */
const ANSWERED: readonly PetitionStatus[] = ['answered', 'closed'];

export interface DuplicateRef {
  petitionId: string;
  receiptNumber: string;
  status: PetitionStatus;
  submittedAt: Date;
  similarity: number;
  reasons: string[];
  /** The earlier one was answered (or archived after its answer): offer the explanation reply. */
  answeredAt: Date | null;
}

/** Stored on the petition at filing (`suggest`), shown to staff. */
export interface FilingSuggestions {
  duplicates: DuplicateRef[];
  abuse: AbuseSuggestion | null;
}

type Form = Omit<PetitionForm, 'clientToken'>;

/** The print stored on the petition, so later filings compare without re-reading its text. */
export function printOfForm(form: Form, idHash: string): MatterPrint {
  return printOf(matterOf(form, idHash));
}

function answeredAtOf(doc: PetitionDoc): Date | null {
  const answered =
    ANSWERED.includes(doc.status) ||
    (doc.status === 'archived' && (doc as { archivedFrom?: string }).archivedFrom === 'closed');
  return answered ? ((doc as { answer?: { answeredAt: Date } }).answer?.answeredAt ?? null) : null;
}

/** The same person's earlier petitions about the same matter, most similar first. */
export async function findDuplicates(
  form: Form,
  idHash: string,
  exceptId: string,
): Promise<DuplicateRef[]> {
  if (!idHash) return [];
  const res = await petitions()
    .where({ 'petitioner.idHash': idHash })
    .orderBy('submittedAt', 'desc')
    .limit(LOOKBACK)
    .get();
  const matter = { ...matterOf(form, idHash), print: printOfForm(form, idHash) };
  const found: DuplicateRef[] = [];
  for (const doc of res.data) {
    if (doc._id === exceptId || NOT_COMPARED.includes(doc.status)) continue;
    if (doc.status === 'archived' && (doc as { archivedFrom?: string }).archivedFrom !== 'closed') {
      continue;
    }
    const earlier = { ...matterOf(doc.form, idHash), ...(doc.print ? { print: doc.print } : {}) };
    const hit = suspectDuplicate(matter, earlier);
    if (!hit) continue;
    found.push({
      petitionId: doc._id,
      receiptNumber: doc.receiptNumber,
      status: doc.status,
      submittedAt: doc.submittedAt,
      similarity: hit.similarity,
      reasons: hit.reasons,
      answeredAt: answeredAtOf(doc),
    });
  }
  return found.sort((a, b) => b.similarity - a.similarity).slice(0, 5);
}

/** Everything suggested for a filing: duplicates of the same person, and abuse. */
export async function suggestionsFor(
  form: Form,
  idHash: string,
  id: string,
  contentCheckLabels: readonly number[],
): Promise<FilingSuggestions> {
  const m = matterOf(form, idHash);
  return {
    duplicates: await findDuplicates(form, idHash, id),
    abuse: suggestAbuse([m.text, m.respondent ?? ''], contentCheckLabels),
  };
}
