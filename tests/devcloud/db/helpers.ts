// The conformance suite's fixture: a Store on a temporary SQLite file behind the REAL
// wx-server-sdk, through the database transport hook installed in-process.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installDatabaseHook, uninstallDatabaseHook } from '../../../devcloud/hooks/database';
import { Store, type StoreOptions } from '../../../devcloud/db';

/* eslint-disable @typescript-eslint/no-explicit-any */
export type Sdk = any;

export interface Fixture {
  store: Store;
  cloud: Sdk;
  db: Sdk;
  _: Sdk;
  $: Sdk;
  dir: string;
  /** Every request the SDK sent, in order. */
  requests: { api: string; data: any }[];
  close(): void;
}

/** Opens a store with the given collections and connects the real SDK to it. */
export function openFixture(options: Partial<StoreOptions> = {}): Fixture {
  const dir = mkdtempSync(join(tmpdir(), 'devcloud-db-'));
  const store = new Store({ file: join(dir, 'db.sqlite'), ...options });
  const requests: { api: string; data: any }[] = [];
  installDatabaseHook((api, data) => {
    requests.push({ api, data });
    return store.handle(api, data);
  });
  process.env.TENCENTCLOUD_SECRETID ??= 'devcloud-test-id';
  process.env.TENCENTCLOUD_SECRETKEY ??= 'devcloud-test-key';
  process.env.TCB_ENV ??= 'test';
  process.env.SILENCE = 'true';
  const cloud = require('wx-server-sdk') as Sdk;
  cloud.init({ env: 'test' });
  const db = cloud.database();
  return {
    store,
    cloud,
    db,
    _: db.command,
    $: db.command.aggregate,
    dir,
    requests,
    close() {
      uninstallDatabaseHook();
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The rejection of a promise (fails when it resolves). */
export async function rejection(p: Promise<unknown>): Promise<any> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected the call to fail, it succeeded');
}
