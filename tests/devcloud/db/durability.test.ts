// Durability: a write the SDK acknowledged survives the process being killed (SIGKILL).
//
// https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/database/collection/Collection.add.md:
// add resolves once the record is created. A child process writes through the real SDK and
// prints each acknowledged _id; it is killed mid-way; every printed _id must be there on reopen.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { Store } from '../../../devcloud/db';

const root = join(__dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'devcloud-durability-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CHILD = `
const { Store } = require('./db.js');
const { installDatabaseHook } = require('./hook.js');
const store = new Store({ file: process.argv[2], collections: [{ name: 'log', indexes: [{ name: 'i', keys: [{ name: 'i', direction: '1' }] }] }] });
installDatabaseHook((api, data) => store.handle(api, data));
process.env.TENCENTCLOUD_SECRETID = 'x'; process.env.TENCENTCLOUD_SECRETKEY = 'y'; process.env.TCB_ENV = 'test';
const cloud = require('wx-server-sdk');
cloud.init({ env: 'test' });
const db = cloud.database();
(async () => {
  for (let i = 0; ; i++) {
    const { _id } = await db.collection('log').add({ data: { i, at: new Date(), pad: 'p'.repeat(200) } });
    process.stdout.write(_id + '\\n');
  }
})();
`;

it('keeps every acknowledged write after SIGKILL', async () => {
  for (const [entry, out] of [
    ['devcloud/db/index.ts', 'db.js'],
    ['devcloud/hooks/database.ts', 'hook.js'],
  ]) {
    buildSync({
      entryPoints: [join(root, entry)],
      bundle: true,
      platform: 'node',
      packages: 'external',
      format: 'cjs',
      outfile: join(dir, out),
      logLevel: 'error',
    });
  }
  writeFileSync(join(dir, 'child.js'), CHILD);
  const file = join(dir, 'db.sqlite');
  const child = spawn(process.execPath, [join(dir, 'child.js'), file], {
    env: { ...process.env, NODE_PATH: join(root, 'node_modules'), SILENCE: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const acked: string[] = [];
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.on('exit', (_code, signal) => resolve(signal)),
  );
  await new Promise<void>((resolve, reject) => {
    let buf = '';
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      const lines = buf.split('\n');
      buf = lines.pop() ?? '';
      acked.push(...lines.filter(Boolean));
      if (acked.length >= 500 && !child.killed) {
        child.kill('SIGKILL');
        resolve();
      }
    });
    child.on('exit', () => reject(new Error(`child exited early: ${stderr}`)));
  });
  expect(await exited).toBe('SIGKILL');

  const store = new Store({ file });
  try {
    expect(store.raw.pragma('integrity_check', { simple: true })).toBe('ok');
    const have = new Set(store.raw.prepare('SELECT _id FROM "coll_log"').pluck().all() as string[]);
    const missing = acked.filter((id) => !have.has(id));
    expect(missing).toEqual([]);
    expect(have.size).toBeGreaterThanOrEqual(acked.length);
  } finally {
    store.close();
  }
}, 60_000);
