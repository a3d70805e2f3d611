// Worker threads for one function: each serves one invocation at a time; a pool grows to a limit.
import { randomUUID } from 'node:crypto';
import { setTimeout, clearTimeout } from 'node:timers';
import { Worker } from 'node:worker_threads';
import type { FunctionInfo } from './functions';
import type { DoneMessage, RpcMessage, WorkerToHost } from './protocol';

export interface Caller {
  openid?: string;
  appid?: string;
  unionid?: string;
  clientIp?: string;
  /** `wx_client` for the mini program; `wx_devtools`, `wx_trigger` … for other sources. */
  source?: string;
}

/** What the SDK reports for a failed callFunction: a CloudBase error code and message. */
export class InvokeError extends Error {
  constructor(
    readonly errCode: number,
    readonly errMsg: string,
  ) {
    super(errMsg);
    this.name = 'InvokeError';
  }
}

export const FUNCTION_EXECUTE_FAIL = -504002;
export const RESULT_TOO_LARGE = -604001;
const RESULT_LIMIT_BYTES = 1024 * 1024;

export type RpcHandler = (msg: RpcMessage, caller: Caller, fn: string) => Promise<unknown>;

interface Slot {
  worker: Worker;
  ready: Promise<void>;
  busy: boolean;
  caller: Caller | null;
  current: { id: number; resolve: (m: DoneMessage) => void } | null;
}

export interface InvokeOutcome {
  result: unknown;
  requestId: string;
}

export class FunctionPool {
  private slots: Slot[] = [];
  private waiting: (() => void)[] = [];
  private nextId = 1;
  private closed = false;

  constructor(
    readonly fn: FunctionInfo,
    private readonly workerFile: string,
    private readonly baseEnv: Record<string, string>,
    private readonly onRpc: RpcHandler,
    private readonly maxWorkers: number,
  ) {}

  private spawn(): Slot {
    const worker = new Worker(this.workerFile, {
      workerData: {
        entry: this.fn.entry,
        baseEnv: { ...this.baseEnv, SCF_FUNCTIONNAME: this.fn.name },
      },
      stdout: false,
      stderr: false,
    });
    const slot: Slot = {
      worker,
      busy: false,
      caller: null,
      current: null,
      ready: Promise.resolve(),
    };
    slot.ready = new Promise((resolve, reject) => {
      worker.on('message', (m: WorkerToHost) => {
        if (m.t === 'ready') resolve();
        else if (m.t === 'load-error') reject(new InvokeError(FUNCTION_EXECUTE_FAIL, m.error));
        else if (m.t === 'done') {
          const cur = slot.current;
          if (cur && cur.id === m.id) cur.resolve(m);
        } else if (m.t === 'rpc') {
          const caller = slot.caller ?? {};
          this.onRpc(m, caller, this.fn.name).then(
            (value) => worker.postMessage({ t: 'reply', rid: m.rid, ok: true, value }),
            (e: unknown) =>
              worker.postMessage({
                t: 'reply',
                rid: m.rid,
                ok: false,
                error: e instanceof Error ? e.message : String(e),
              }),
          );
        }
      });
      worker.on('error', (e) => {
        reject(e);
        const cur = slot.current;
        if (cur)
          cur.resolve({
            t: 'done',
            id: cur.id,
            ok: false,
            error: { name: e.name, message: e.message, stack: e.stack },
          });
        this.discard(slot);
      });
      worker.on('exit', () => this.discard(slot));
    });
    slot.ready.catch(() => this.discard(slot));
    this.slots.push(slot);
    return slot;
  }

  private discard(slot: Slot) {
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    this.wake();
  }

  private wake() {
    const next = this.waiting.shift();
    if (next) next();
  }

  private async acquire(): Promise<Slot> {
    for (;;) {
      if (this.closed) throw new InvokeError(FUNCTION_EXECUTE_FAIL, 'devcloud is closing');
      const idle = this.slots.find((s) => !s.busy);
      if (idle) {
        idle.busy = true;
        return idle;
      }
      if (this.slots.length < this.maxWorkers) {
        const s = this.spawn();
        s.busy = true;
        return s;
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  private release(slot: Slot) {
    slot.busy = false;
    slot.caller = null;
    slot.current = null;
    this.wake();
  }

  async invoke(event: unknown, caller: Caller, env: string): Promise<InvokeOutcome> {
    const requestId = randomUUID();
    const slot = await this.acquire();
    try {
      await slot.ready;
    } catch (e) {
      this.release(slot);
      throw e instanceof InvokeError ? e : new InvokeError(FUNCTION_EXECUTE_FAIL, String(e));
    }
    const id = this.nextId++;
    slot.caller = caller;
    const timeoutMs = this.fn.config.timeout * 1000;
    let timer: NodeJS.Timeout | undefined;
    const done = await new Promise<DoneMessage | 'timeout'>((resolve) => {
      slot.current = { id, resolve };
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
      slot.worker.postMessage({
        t: 'invoke',
        id,
        event,
        env: contextEnv(caller),
        context: {
          callbackWaitsForEmptyEventLoop: false,
          memory_limit_in_mb: 256,
          time_limit_in_ms: timeoutMs,
          request_id: requestId,
          function_name: this.fn.name,
          function_version: '$LATEST',
          namespace: env,
        },
      });
    });
    clearTimeout(timer);
    if (done === 'timeout') {
      // Like CloudBase, a timed-out instance is not reused: its state may be half-way through.
      this.discard(slot);
      void slot.worker.terminate();
      throw new InvokeError(
        FUNCTION_EXECUTE_FAIL,
        `functions execute fail. RequestID: ${requestId}. Invoking task timed out after ${this.fn.config.timeout} seconds`,
      );
    }
    this.release(slot);
    if (!done.ok) {
      const e = done.error ?? { name: 'Error', message: 'unknown error' };
      throw new InvokeError(
        FUNCTION_EXECUTE_FAIL,
        `functions execute fail. RequestID: ${requestId}. ${e.name}: ${e.message}`,
      );
    }
    const json = done.json ?? 'null';
    if (Buffer.byteLength(json) > RESULT_LIMIT_BYTES) {
      throw new InvokeError(RESULT_TOO_LARGE, 'cloud function result exceeds 1 MB');
    }
    return { result: JSON.parse(json), requestId };
  }

  /** Starts one instance ahead of the first call, so the first caller does not pay the cold start. */
  async warm(): Promise<void> {
    if (this.slots.length === 0) await this.spawn().ready;
  }

  async close() {
    this.closed = true;
    const all = [...this.slots];
    this.slots = [];
    for (const w of this.waiting.splice(0)) w();
    await Promise.all(all.map((s) => s.worker.terminate()));
  }
}

function contextEnv(caller: Caller): Record<string, string> {
  const env: Record<string, string> = {
    WX_APPID: caller.appid ?? 'wxdevcloud00000000',
    TCB_SOURCE: caller.source ?? 'wx_client',
  };
  if (caller.openid) env.WX_OPENID = caller.openid;
  if (caller.unionid) env.WX_UNIONID = caller.unionid;
  if (caller.clientIp) env.WX_CLIENTIP = caller.clientIp;
  return env;
}
