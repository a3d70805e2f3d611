// `npm run cloud -- audit verify`: checks every audit hash chain in the store (domain/audit-chain.ts)
// against the chain heads, reading the collections' stored documents directly.
import { EJSON } from 'bson';
import { verifyChains, type ChainProblem } from '../domain/audit-chain';
import type { DevCloud } from './index';

type Row = Record<string, unknown> & { entity: string; entityId: string };

function readAll(cloud: DevCloud, collection: string): Row[] {
  const table = `coll_${collection}`;
  const exists = cloud.store.raw
    .prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`)
    .get(table);
  if (!exists) return [];
  return (cloud.store.raw.prepare(`SELECT doc FROM "${table}"`).pluck().all() as string[]).map(
    (text) => EJSON.parse(text, { relaxed: true }) as Row,
  );
}

export interface AuditReport {
  entries: number;
  chains: number;
  problems: ChainProblem[];
}

export function verifyAudit(cloud: DevCloud): AuditReport {
  const entries = readAll(cloud, 'audit');
  const heads = readAll(cloud, 'audit_heads') as unknown as {
    entity: string;
    entityId: string;
    seq: number;
    hash: string;
  }[];
  return { entries: entries.length, chains: heads.length, problems: verifyChains(entries, heads) };
}
