// The devcloud command line: start, call, seed, reset, outbox, subscribe.
import { existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DevCloud, InvokeError } from './index';
import { verifyAudit } from './audit';
import { createDemoActivity, describeDemo, seedWithDemo, storeIsEmpty } from './demo';
import { createGateway, listen } from './gateway';

const USAGE = `usage: npm run cloud -- <command>
  start [--port N]                         seed; on a new data folder also create demo petitions
                                           and suggestions; serve the gateway (PORT, default 8309)
                                           and the browser preview (build/preview) at /
  call <function> '<event json>' [--openid ID]   call a function, print its result as JSON
  seed                                     load reference data, print the demo identities as JSON
  demo                                     on a new data folder: seed and create the demo activity
  audit verify                             check every audit hash chain; exit 1 on a broken one
  reset                                    delete all local data
  outbox [--openid ID]                     list sent subscription messages
  subscribe <openid> <templateId>...       accept one-time subscriptions, as the page prompt does
  trigger <function>                       run a function's timer trigger now
data folder: DEVCLOUD_DIR (default .devcloud)`;

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const value = args[i + 1];
  args.splice(i, 2);
  return value;
}

function dataDir() {
  return resolve(process.env.DEVCLOUD_DIR ?? '.devcloud');
}

function print(value: unknown) {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

async function withCloud<T>(fn: (cloud: DevCloud) => Promise<T>): Promise<T> {
  const cloud = DevCloud.open({ dir: dataDir() });
  try {
    return await fn(cloud);
  } finally {
    await cloud.close();
  }
}

async function start(args: string[]) {
  const port = Number(option(args, '--port') ?? process.env.PORT ?? 8309);
  const host = process.env.HOST ?? '127.0.0.1';
  const cloud = DevCloud.open({ dir: dataDir(), publicBaseUrl: `http://${host}:${port}` });
  const { identities, demo } = await seedWithDemo(cloud);
  await cloud.warm();
  cloud.startTimers((fn, out) => {
    if (out instanceof Error) console.error(`[timer] ${fn} failed: ${out.message}`);
    else console.error(`[timer] ${fn}: ${JSON.stringify(out.result)}`);
  });
  const staticDir = join(cloud.root, 'build', 'preview');
  const hasPreview = existsSync(join(staticDir, 'index.html'));
  const server = createGateway(cloud, undefined, {
    identities,
    ...(hasPreview ? { staticDir } : {}),
  });
  const bound = await listen(server, port, host);
  print({
    gateway: `http://${host}:${bound}`,
    preview: hasPreview ? `http://${host}:${bound}/` : null,
    dataDir: dataDir(),
    functions: cloud.functionNames(),
    identities,
    demo,
  });
  if (demo) console.error(describeDemo(demo));
  console.error(
    `devcloud listening on http://${host}:${bound} — POST /api/<function> with header X-WX-OPENID`,
  );
  console.error(
    hasPreview
      ? `preview: open http://${host}:${bound}/ in a browser (add ?as=<openid> to pick who you are)`
      : 'preview: not built on this machine (npm run build explains why); the gateway serves /api only',
  );
  const stop = async () => {
    server.close();
    await cloud.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function main(argv: string[]) {
  const [command, ...args] = argv;
  switch (command) {
    case 'start':
      return start(args);
    case 'call': {
      const openid = option(args, '--openid');
      const [fn, eventText] = args;
      if (!fn) throw new Error(USAGE);
      let event: unknown = {};
      try {
        event = eventText ? JSON.parse(eventText) : {};
      } catch {
        throw new Error(`the event must be JSON, got: ${eventText}`);
      }
      return withCloud(async (cloud) => {
        try {
          const out = await cloud.invoke(fn, event, { openid, source: 'wx_devtools' });
          print(out.result);
        } catch (e) {
          if (!(e instanceof InvokeError)) throw e;
          print({ errCode: e.errCode, errMsg: e.errMsg });
          process.exitCode = 1;
        }
      });
    }
    case 'seed':
      return withCloud(async (cloud) => print(await cloud.seed()));
    case 'demo':
      return withCloud(async (cloud) => {
        if (!storeIsEmpty(cloud)) {
          throw new Error(
            `${dataDir()} already has data: demo data is created on a new data folder only (npm run cloud -- reset first)`,
          );
        }
        await cloud.seed();
        const demo = await createDemoActivity(cloud);
        print(demo);
        console.error(describeDemo(demo));
      });
    case 'audit': {
      if (args[0] !== 'verify') throw new Error(USAGE);
      return withCloud(async (cloud) => {
        const report = verifyAudit(cloud);
        print(report);
        if (report.problems.length > 0) process.exitCode = 1;
      });
    }
    case 'reset': {
      const dir = dataDir();
      if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
      print({ reset: dir });
      return;
    }
    case 'outbox': {
      const openid = option(args, '--openid');
      return withCloud(async (cloud) =>
        print(cloud.platform.messages(openid ? { touser: openid } : {})),
      );
    }
    case 'subscribe': {
      const [openid, ...templateIds] = args;
      if (!openid || templateIds.length === 0) throw new Error(USAGE);
      return withCloud(async (cloud) => {
        await cloud.grantSubscription(
          openid,
          Object.fromEntries(templateIds.map((t) => [t, 'accept'])),
        );
        print({ openid, accepted: templateIds });
      });
    }
    case 'trigger': {
      const [fn] = args;
      if (!fn) throw new Error(USAGE);
      return withCloud(async (cloud) => print((await cloud.fireTimer(fn)).result));
    }
    default:
      console.error(USAGE);
      process.exitCode = command ? 2 : 0;
  }
}

main(process.argv.slice(2)).catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
