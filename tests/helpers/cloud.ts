// Opens devcloud on a fresh temp folder, seeded with the demo reference data, for one test file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EJSON } from 'bson';
import { DevCloud, type DevCloudOptions } from '../../devcloud';
import type {
  ActionInput,
  ActionName,
  ActionOutput,
  ActionResult,
  FunctionName,
} from '../../typings';

export interface TestCloud {
  cloud: DevCloud;
  dir: string;
  /** Calls an action as `openid` (or as nobody) and returns the envelope. */
  call<F extends FunctionName, A extends ActionName<F>>(
    fn: F,
    action: A,
    input: ActionInput<F, A> | Record<string, unknown>,
    openid?: string,
  ): Promise<ActionResult<ActionOutput<F, A>>>;
  /** Reads stored documents directly from the store, for asserting what was (not) written. */
  find(collection: string, query?: Record<string, unknown>): Promise<Record<string, unknown>[]>;
  /**
   * Changes a stored document in place, below the SDK (e.g. moves its dates back in time): `patch`
   * gets the document as stored (dates as `{ $date }`) and edits it.
   */
  patchRaw(collection: string, id: string, patch: (doc: Record<string, unknown>) => void): void;
  /**
   * Writes `doc` inside a transaction left open, as another request racing an action would, so
   * that the action meets its lock; `commit()` ends that transaction.
   */
  holdWrite(collection: string, doc: Record<string, unknown>): Promise<{ commit(): Promise<void> }>;
  close(): Promise<void>;
}

export async function openTestCloud(options: Partial<DevCloudOptions> = {}): Promise<TestCloud> {
  const dir = mkdtempSync(join(tmpdir(), 'devcloud-test-'));
  const cloud = DevCloud.open({ dir, ...options });
  await cloud.seed();
  return {
    cloud,
    dir,
    async call(fn, action, input, openid) {
      const out = await cloud.invoke(fn, { action, input }, { openid });
      return out.result as never;
    },
    async find(collection, query = {}) {
      const res = (await cloud.store.handle('database.getDocument', {
        collectionName: collection,
        queryType: 'WHERE',
        query: EJSON.stringify(query, { relaxed: false }),
        offset: 0,
        limit: 100,
      })) as { data?: { list: string[] }; code?: string; message?: string };
      if (!res.data) throw new Error(`find ${collection}: ${res.code} ${res.message}`);
      return res.data.list.map((d) => EJSON.parse(d, { relaxed: true }) as Record<string, unknown>);
    },
    patchRaw(collection, id, patch) {
      const raw = cloud.store.raw;
      const stored = raw
        .prepare(`SELECT doc FROM "coll_${collection}" WHERE _id = ?`)
        .pluck()
        .get(id) as string | undefined;
      if (stored === undefined) throw new Error(`patchRaw: no ${collection} ${id}`);
      const doc = JSON.parse(stored) as Record<string, unknown>;
      patch(doc);
      raw
        .prepare(`UPDATE "coll_${collection}" SET doc = ? WHERE _id = ?`)
        .run(JSON.stringify(doc), id);
    },
    async holdWrite(collection, doc) {
      const store = cloud.store;
      const ok = async (api: string, req: Record<string, unknown>) => {
        const res = (await store.handle(api, req)) as { code?: string; message?: string };
        if (res.code) throw new Error(`${api}: ${res.code} ${res.message}`);
        return res as Record<string, unknown>;
      };
      const { transactionId } = await ok('database.startTransaction', {});
      await ok('database.insertDocument', {
        collectionName: collection,
        data: [EJSON.stringify(doc, { relaxed: false })],
        transactionId,
      });
      return {
        async commit() {
          await ok('database.commitTransaction', { transactionId });
        },
      };
    },
    async close() {
      await cloud.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Unwraps a successful envelope, failing the test with the error otherwise. */
export function data<T>(result: ActionResult<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.data;
}

export const DEMO = {
  citizen: 'o-citizen-1',
  otherCitizen: 'o-citizen-2',
  registrar: 'o-staff-110105-registrar',
  handler: 'o-staff-110105-handler',
  leader: 'o-staff-110105-leader',
  admin: 'o-staff-110105-admin',
  otherUnitHandler: 'o-staff-110108-handler',
  /** 北京市朝阳区人民检察院, where the demo staff above work. */
  unit: '110105',
} as const;
