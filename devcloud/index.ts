// devcloud: the local cloud. Runs the built function bundles on the real wx-server-sdk, with the
// database, openapi, storage and caller context emulated below the SDK's public API.
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { EJSON } from 'bson';
import { loadCollectionSpecs, Store } from './db';
import { loadTemplates, loadWordlist, Platform, type PlatformRequest } from './platform';
import { setInterval, clearInterval } from 'node:timers';
import { cronMatches, parseCron } from './runtime/cron';
import { discoverFunctions, type FunctionInfo } from './runtime/functions';
import { FunctionPool, InvokeError, type Caller, type InvokeOutcome } from './runtime/pool';
import type { RpcMessage } from './runtime/protocol';

export { InvokeError, type Caller, type InvokeOutcome };

export const ENV_ID = 'devcloud';

export interface DevCloudOptions {
  /** Where the data lives (DEVCLOUD_DIR); created when missing. */
  dir: string;
  /** The repository root: build/cloudfunctions, database/ and config/ are found below it. */
  root?: string;
  /** Where the built functions are (default: <root>/build/cloudfunctions). */
  functionsDir?: string;
  /** Instances per function at most (CloudBase scales out; one instance serves one call at a time). */
  maxInstances?: number;
  /** Base URL the gateway serves temporary file links from. */
  publicBaseUrl?: string;
  now?: () => Date;
}

/** The repository root: the nearest folder above this file with a package.json (source or build). */
function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'database'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no repository root above ${from}`);
  }
}

export class DevCloud {
  readonly store: Store;
  readonly platform: Platform;
  readonly root: string;
  private functions: Map<string, FunctionInfo>;
  private pools = new Map<string, FunctionPool>();
  private readonly workerFile: string;
  private ticker: NodeJS.Timeout | null = null;

  private constructor(readonly options: DevCloudOptions) {
    this.root = options.root ?? findRoot(__dirname);
    mkdirSync(options.dir, { recursive: true });
    this.functions = discoverFunctions(
      options.functionsDir ?? join(this.root, 'build', 'cloudfunctions'),
    );
    this.workerFile = join(this.root, 'build', 'devcloud', 'worker.js');
    if (!existsSync(this.workerFile)) {
      throw new Error(`${this.workerFile} is missing: run npm run build first`);
    }
    this.store = new Store({
      file: join(options.dir, 'db.sqlite'),
      collections: loadCollectionSpecs(join(this.root, 'database')),
      now: options.now,
    });
    this.platform = new Platform({
      dir: options.dir,
      templates: loadTemplates(join(this.root, 'config', 'templates.json')),
      wordlist: loadWordlist(join(this.root, 'devcloud', 'wordlist.json')),
      now: options.now,
      publicBaseUrl: options.publicBaseUrl,
      functionPermissions: (fn: string) => this.functions.get(fn)?.config.openapi ?? [],
    });
  }

  static open(options: DevCloudOptions): DevCloud {
    return new DevCloud(options);
  }

  functionNames(): string[] {
    return [...this.functions.keys()];
  }

  functionInfo(name: string): FunctionInfo | undefined {
    return this.functions.get(name);
  }

  private pool(name: string): FunctionPool {
    let pool = this.pools.get(name);
    if (!pool) {
      const fn = this.functions.get(name);
      if (!fn) throw new InvokeError(-501000, `FunctionName parameter could not be found: ${name}`);
      pool = new FunctionPool(
        fn,
        this.workerFile,
        {
          TCB_ENV: ENV_ID,
          SCF_NAMESPACE: ENV_ID,
          TENCENTCLOUD_RUNENV: 'SCF',
          TENCENTCLOUD_REGION: 'ap-shanghai',
          TENCENTCLOUD_SECRETID: 'devcloud-secret-id',
          TENCENTCLOUD_SECRETKEY: 'devcloud-secret-key',
          TENCENTCLOUD_SESSIONTOKEN: 'devcloud-session-token',
          WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID,WX_CLIENTIP',
          TZ: 'UTC',
        },
        (msg, caller, fnName) => this.rpc(msg, caller, fnName),
        this.options.maxInstances ?? 4,
      );
      this.pools.set(name, pool);
    }
    return pool;
  }

  private async rpc(msg: RpcMessage, caller: Caller, fn: string): Promise<unknown> {
    if (msg.kind === 'db') return this.store.handle(msg.api ?? '', msg.data);
    const req = msg.data as PlatformRequest;
    if (req.kind === 'callFunction') {
      // A function calling another: the callee sees the same user, as in CloudBase.
      try {
        const out = await this.invoke(req.name, req.data, { ...caller, source: 'wx_server' });
        return { kind: 'callFunction', result: out.result, requestId: out.requestId };
      } catch (e) {
        if (e instanceof InvokeError) {
          return { kind: 'error', code: 'FUNCTIONS_EXECUTE_FAIL', message: e.errMsg };
        }
        throw e;
      }
    }
    return this.platform.handle(req, { openid: caller.openid, appid: caller.appid ?? '', fn });
  }

  /** Calls a function as `wx.cloud.callFunction` would, on behalf of `caller`. */
  async invoke(name: string, event: unknown, caller: Caller = {}): Promise<InvokeOutcome> {
    return this.pool(name).invoke(event, caller, ENV_ID);
  }

  /**
   * Runs a function's timer trigger now, with the event SCF gives timer invocations and no user
   * (OPENID is absent for triggers).
   */
  async fireTimer(name: string, at: Date = this.now()): Promise<InvokeOutcome> {
    const trigger = this.functions.get(name)?.config.triggers[0];
    if (!trigger) throw new InvokeError(-501000, `function ${name} has no timer trigger`);
    const event = { Type: 'Timer', TriggerName: trigger.name, Time: at.toISOString(), Message: '' };
    return this.invoke(name, event, { source: 'wx_trigger' });
  }

  /** Fires every timer trigger when its cron matches (checked each second), as CloudBase does. */
  startTimers(report: (fn: string, outcome: InvokeOutcome | Error) => void = () => undefined) {
    if (this.ticker) return;
    const crons = [...this.functions.values()]
      .filter((f) => f.config.triggers.length > 0)
      .map((f) => ({ name: f.name, cron: parseCron(f.config.triggers[0].config) }));
    const running = new Set<string>();
    let last = Math.floor(this.now().getTime() / 1000);
    this.ticker = setInterval(() => {
      const second = Math.floor(this.now().getTime() / 1000);
      for (let s = last + 1; s <= second; s++) {
        for (const { name, cron } of crons) {
          if (running.has(name) || !cronMatches(cron, new Date(s * 1000))) continue;
          running.add(name);
          this.fireTimer(name, new Date(s * 1000))
            .then(
              (out) => report(name, out),
              (e: Error) => report(name, e),
            )
            .finally(() => running.delete(name));
        }
      }
      last = second;
    }, 250);
    this.ticker.unref();
  }

  private now(): Date {
    return this.options.now ? this.options.now() : new Date();
  }

  /** What the mini program's `wx.requestSubscribeMessage` reports back to WeChat. */
  grantSubscription(openid: string, results: Record<string, string>) {
    return this.platform.grantSubscription(openid, results as never);
  }

  async warm(names = this.functionNames()) {
    await Promise.all(names.map((n) => this.pool(n).warm()));
  }

  /** Loads demo data: every `<seedDir>/<collection>.json` array, upserted by _id. */
  async seed(seedDir = join(this.root, 'database', 'seed')): Promise<unknown[]> {
    for (const file of readdirSync(seedDir).filter(
      (f) => f.endsWith('.json') && !f.startsWith('_'),
    )) {
      const collectionName = file.replace(/\.json$/, '');
      const docs = JSON.parse(readFileSync(join(seedDir, file), 'utf8')) as { _id: string }[];
      for (const doc of docs) {
        const { _id, ...rest } = doc;
        const res = (await this.store.handle('database.modifyDocument', {
          collectionName,
          queryType: 'DOC',
          query: EJSON.stringify({ _id }, { relaxed: false }),
          data: EJSON.stringify(rest, { relaxed: false }),
          multi: false,
          merge: false,
          upsert: true,
        })) as { code?: string; message?: string };
        if (res && res.code)
          throw new Error(`seeding ${collectionName}/${_id}: ${res.code} ${res.message}`);
      }
    }
    const identities = join(seedDir, '_identities.json');
    return existsSync(identities)
      ? (JSON.parse(readFileSync(identities, 'utf8')) as unknown[])
      : [];
  }

  async close() {
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = null;
    await Promise.all([...this.pools.values()].map((p) => p.close()));
    this.pools.clear();
    this.store.close();
    this.platform.close();
  }
}
