// Runs miniprogram-ci 2.1.42 without the network.
//
// - Project construction needs a private key (any string) and calls `attr()` for the account's
//   attributes; we pass a dummy key and an `attr` override, so nothing is fetched.
// - Every HTTP request miniprogram-ci makes goes through its own `request` wrapper, which honours
//   `ci.proxy(url)`. We point that proxy at a local "black hole" server that records what was asked
//   for and closes the socket at once, so a request fails in milliseconds even where DNS resolves
//   but traffic is dropped (otherwise `getCompiledResult` asks servicewechat.com for the upload
//   file-extension white list and would wait for the TCP timeout).
// - Each step is also time-boxed.
// - miniprogram-ci prints progress and errors with console.*; we capture those lines.
// - The code analyser (the engine behind `analyseCode` / `checkCodeQuality`) starts a chokidar
//   watcher that those two functions never close, which keeps the process alive; we construct the
//   Analyzer ourselves and destroy it.
import { createServer } from 'node:net';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const DUMMY_PRIVATE_KEY = 'offline-check-no-key';

/** What `project.attr()` would fetch for a plain mini program, so it is never fetched. */
export const OFFLINE_ATTR = Object.freeze({
  platform: false,
  appType: 0,
  isGameTourist: false,
  setting: {},
  gameApp: false,
  released: false,
});

/** Rejects after `ms` with a message naming the step (the step itself is not cancelled). */
export function withTimeout(promise, ms, label) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${label} did not finish within ${Math.round(ms / 1000)} s`)),
      ms,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * A local server that accepts a proxy connection, records the request line
 * (`CONNECT host:443` or `GET http://host/...`) and closes the socket.
 */
async function startBlackHole() {
  const attempts = [];
  const sockets = new Set();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
    socket.once('data', (chunk) => {
      const line = chunk.toString('latin1').split('\r\n', 1)[0];
      const [, target = '?'] = line.split(' ');
      let host = target;
      try {
        if (/^https?:\/\//.test(target)) host = new URL(target).host;
      } catch {
        // keep the raw target
      }
      attempts.push(host);
      socket.destroy();
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    attempts,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug'];

/**
 * Opens an offline miniprogram-ci session: loads the package with console output captured, points
 * its proxy at the black hole. Call `close()` when done (restores the console, closes the server).
 */
export async function openOfflineCi() {
  const output = [];
  const saved = {};
  for (const m of CONSOLE_METHODS) {
    saved[m] = console[m];
    console[m] = (...args) => {
      output.push(
        args
          .map((a) => (typeof a === 'string' ? a : a instanceof Error ? a.message : String(a)))
          .join(' '),
      );
    };
  }
  let hole;
  try {
    hole = await startBlackHole();
    const ci = require('miniprogram-ci');
    ci.proxy(hole.url);
    const { Analyzer } = require('miniprogram-ci/dist/common/code-analyse');
    return {
      ci,
      Analyzer,
      output,
      networkAttempts: hole.attempts,
      newProject: (projectPath, appid) =>
        new ci.Project({
          appid,
          type: 'miniProgram',
          projectPath,
          privateKey: DUMMY_PRIVATE_KEY,
          attr: async () => ({ ...OFFLINE_ATTR, setting: {} }),
        }),
      close: async () => {
        for (const m of CONSOLE_METHODS) console[m] = saved[m];
        await hole.close();
      },
    };
  } catch (error) {
    for (const m of CONSOLE_METHODS) console[m] = saved[m];
    if (hole) await hole.close();
    throw error;
  }
}

/**
 * Runs the code analyser over a directory of compiled output and returns its per-file listing and
 * the dependencies it could not resolve (wxml imports, components, wxss imports, js requires).
 */
export async function analyseCompiled(Analyzer, root) {
  const failures = [];
  const analyzer = new Analyzer({
    root,
    type: 'miniprogram',
    plugins: [
      {
        name: 'check-miniprogram',
        onDepResolveFailed(dep, error) {
          failures.push({
            kind: 'resolve',
            from: dep?.originModule?.path ?? '?',
            request: dep?.request ?? '?',
            message: String(error?.message ?? error),
          });
        },
        onModuleBuildFailed(module, _dep, error) {
          failures.push({
            kind: 'build',
            from: module?.path ?? '?',
            request: '',
            message: String(error?.message ?? error),
          });
        },
      },
    ],
  });
  try {
    await analyzer.analyse();
    return { serialized: analyzer.serialize(), failures };
  } finally {
    analyzer.destroy();
  }
}
