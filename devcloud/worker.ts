// A function instance: loads one built bundle with the real wx-server-sdk, serves one invocation at a time.
import { parentPort, workerData } from 'node:worker_threads';
import { installCloudbaseHook } from './hooks/cloudbase';
import { installDatabaseHook } from './hooks/database';
import type { HostToWorker, WorkerData, WorkerToHost } from './runtime/protocol';

const port = parentPort;
if (!port) throw new Error('devcloud worker must run in a worker thread');
const { entry, baseEnv } = workerData as WorkerData;

const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
let nextRid = 1;
const send = (m: WorkerToHost) => port.postMessage(m);

function rpc(kind: 'db' | 'platform', data: unknown, api?: string): Promise<unknown> {
  const rid = nextRid++;
  return new Promise((resolve, reject) => {
    pending.set(rid, { resolve, reject });
    send({ t: 'rpc', rid, kind, api, data });
  });
}

Object.assign(process.env, baseEnv);
// Requests below the SDK's public API go to the host; the SDK itself is the real one.
installDatabaseHook((api, data) => rpc('db', data, api));
installCloudbaseHook((req) => rpc('platform', req) as never);

const CONTEXT_KEYS = ['WX_OPENID', 'WX_APPID', 'WX_UNIONID', 'WX_CLIENTIP', 'TCB_SOURCE'];

let main: (event: unknown, context: unknown) => Promise<unknown>;
try {
  const mod = require(entry) as { main?: typeof main };
  if (typeof mod.main !== 'function') throw new Error(`${entry} does not export main`);
  main = mod.main;
  send({ t: 'ready' });
} catch (e) {
  send({ t: 'load-error', error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
}

port.on('message', async (m: HostToWorker) => {
  if (m.t === 'reply') {
    const p = pending.get(m.rid);
    pending.delete(m.rid);
    if (!p) return;
    if (m.ok) p.resolve(m.value);
    else p.reject(new Error(m.error ?? 'devcloud host error'));
    return;
  }
  for (const k of CONTEXT_KEYS) delete process.env[k];
  Object.assign(process.env, m.env);
  try {
    const result = await main(m.event, m.context);
    send({ t: 'done', id: m.id, ok: true, json: JSON.stringify(result ?? null) });
  } catch (e) {
    const err = e instanceof Error ? e : new Error(typeof e === 'string' ? e : JSON.stringify(e));
    send({
      t: 'done',
      id: m.id,
      ok: false,
      error: { name: err.name, message: err.message, stack: err.stack },
    });
  }
});
