// The audit log's hash chain: each entity's entries (a petition, a suggestion, a profile …) are
// numbered 1, 2, 3 … and each entry's hash covers the previous entry's hash and the entry itself,
// so altering, deleting or reordering entries breaks the chain; the entity's head (its last number
// and hash, kept apart) shows a deleted last entry too. Pure: the functions append, the command
// line verifies (`npm run cloud -- audit verify`).
import { createHash } from 'node:crypto';

/** The hash before an entity's first entry. */
export const GENESIS = '0'.repeat(64);

/** JSON with object keys sorted and dates as ISO strings: the same entry always hashes the same. */
export function canonical(value: unknown): string {
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export interface ChainedFields {
  seq: number;
  prev: string;
  hash: string;
}

/** The hash of an entry (everything but `hash` itself, `_id` and the store's `_openid`). */
export function entryHash(entry: Record<string, unknown>): string {
  const { hash: _h, _id: _i, _openid: _o, ...rest } = entry;
  return createHash('sha256').update(canonical(rest)).digest('hex');
}

/** The fields that chain `entry` after the entity's head (null: its first entry). */
export function chain<T extends Record<string, unknown>>(
  entry: T,
  head: { seq: number; hash: string } | null,
): T & ChainedFields {
  const linked = { ...entry, seq: (head?.seq ?? 0) + 1, prev: head?.hash ?? GENESIS };
  return { ...linked, hash: entryHash(linked) };
}

export interface ChainProblem {
  entity: string;
  entityId: string;
  seq: number | null;
  problem: string;
}

/**
 * Checks every chain: entries grouped by entity, in `seq` order, must be numbered 1..n without
 * gaps, each `prev` the previous `hash`, each `hash` its own content's; the head must be the last.
 */
export function verifyChains(
  entries: readonly (Record<string, unknown> & { entity: string; entityId: string })[],
  heads: readonly { entity: string; entityId: string; seq: number; hash: string }[],
): ChainProblem[] {
  const problems: ChainProblem[] = [];
  const groups = new Map<string, (typeof entries)[number][]>();
  for (const e of entries) {
    const key = `${e.entity}\u0000${e.entityId}`;
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  const headOf = new Map(heads.map((h) => [`${h.entity}\u0000${h.entityId}`, h]));
  for (const [key, list] of groups) {
    const [entity, entityId] = key.split('\u0000');
    list.sort((a, b) => Number(a.seq) - Number(b.seq));
    let prev = GENESIS;
    list.forEach((e, i) => {
      const seq = Number(e.seq);
      const at = (problem: string) => problems.push({ entity, entityId, seq, problem });
      if (seq !== i + 1) at(`expected entry ${i + 1}, found ${seq} (an entry is missing or moved)`);
      if (e.prev !== prev) at('does not follow the entry before it');
      if (e.hash !== entryHash(e)) at('its content was changed');
      prev = String(e.hash);
    });
    const head = headOf.get(key);
    const last = list[list.length - 1];
    if (!head) problems.push({ entity, entityId, seq: null, problem: 'no head for this chain' });
    else if (head.seq !== Number(last.seq) || head.hash !== last.hash) {
      problems.push({
        entity,
        entityId,
        seq: head.seq,
        problem: `the head is entry ${head.seq}, the log ends at ${String(last.seq)} (entries after it were deleted)`,
      });
    }
    headOf.delete(key);
  }
  for (const head of headOf.values()) {
    problems.push({
      entity: head.entity,
      entityId: head.entityId,
      seq: head.seq,
      problem: 'the head has no entries (all were deleted)',
    });
  }
  return problems;
}
