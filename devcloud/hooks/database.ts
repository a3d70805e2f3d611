// The transport hook for wx-server-sdk 4.0.2's database.
//
// @cloudbase/database 1.4.3 sends every database request through
// `TcbDBApiHttpRequester.prototype.send(api, data, opts)` of @cloudbase/node-sdk 3.17.2 (the exact
// version wx-server-sdk pins): `database.getDocument`, `insertDocument`, `modifyDocument`,
// `removeDocument`, `calculateDocument`, `aggregateDocuments`, `addCollection`, and the
// transaction requests. The original `send` posts `{ ...data, action: api }` to the CloudBase
// HTTP service and, when the answer carries a `code`, throws it as a TcbError through node-sdk's
// `processReturn`. The hook replaces `send` with one that asks `handler(api, data)` instead and
// treats its answer exactly as the original treats the service's.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const EXPECTED_WX_SERVER_SDK_VERSION = '4.0.2';
export const EXPECTED_NODE_SDK_VERSION = '3.17.2';

export type DatabaseHandler = (api: string, data: unknown) => Promise<unknown>;

type Send = (this: unknown, api: string, data: unknown, opts?: unknown) => Promise<unknown>;

interface HookPoint {
  prototype: { send: Send };
  processReturn: (result: Record<string, unknown>) => unknown;
}

// `require` as Node types it (the mini program typings declare a global `Require` without
// `resolve`). It stays this module's own `require`, so under jest it resolves in the same module
// registry as the SDK the test loads.
const nodeRequire = require as unknown as NodeJS.Require;

const hookError = (what: string): Error =>
  new Error(
    `devcloud database hook: ${what}. The hook is written for wx-server-sdk ` +
      `${EXPECTED_WX_SERVER_SDK_VERSION} with @cloudbase/node-sdk ${EXPECTED_NODE_SDK_VERSION}; ` +
      'pin wx-server-sdk exactly or update devcloud/hooks/database.ts.',
  );

function readVersion(dir: string): string {
  return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string })
    .version;
}

/** Finds `TcbDBApiHttpRequester.prototype` in the node-sdk wx-server-sdk loads; throws if anything moved. */
function locate(): HookPoint {
  const wxServerSdkDir = dirname(nodeRequire.resolve('wx-server-sdk'));
  const wxVersion = readVersion(wxServerSdkDir);
  if (wxVersion !== EXPECTED_WX_SERVER_SDK_VERSION) {
    throw hookError(`found wx-server-sdk ${wxVersion} at ${wxServerSdkDir}`);
  }
  const nodeSdkDir = dirname(
    nodeRequire.resolve('@cloudbase/node-sdk/package.json', { paths: [wxServerSdkDir] }),
  );
  const nodeSdkVersion = readVersion(nodeSdkDir);
  if (nodeSdkVersion !== EXPECTED_NODE_SDK_VERSION) {
    throw hookError(`wx-server-sdk loads @cloudbase/node-sdk ${nodeSdkVersion} from ${nodeSdkDir}`);
  }
  const requesterFile = join(nodeSdkDir, 'dist', 'utils', 'tcbdbapirequester.js');
  let mod: { TcbDBApiHttpRequester?: { prototype?: { send?: unknown } } };
  try {
    mod = nodeRequire(requesterFile) as typeof mod;
  } catch (e) {
    throw hookError(`cannot load ${requesterFile}: ${(e as Error).message}`);
  }
  const proto = mod.TcbDBApiHttpRequester?.prototype;
  if (!proto) throw hookError(`${requesterFile} no longer exports TcbDBApiHttpRequester`);
  if (typeof proto.send !== 'function') {
    throw hookError('TcbDBApiHttpRequester.prototype.send is missing');
  }
  const utils = nodeRequire(join(nodeSdkDir, 'dist', 'utils', 'utils.js')) as {
    processReturn?: unknown;
  };
  if (typeof utils.processReturn !== 'function') {
    throw hookError('@cloudbase/node-sdk/dist/utils/utils.js no longer exports processReturn');
  }
  return {
    prototype: proto as HookPoint['prototype'],
    processReturn: utils.processReturn as HookPoint['processReturn'],
  };
}

let installed: { prototype: { send: Send }; original: Send } | undefined;

/**
 * Sends every database request of wx-server-sdk to `handler(api, data)`. The handler answers what
 * the CloudBase HTTP service answers: `{ data, requestId }`, or `{ code, message }` for an error
 * (thrown to the SDK as a TcbError, as the real transport does). Installing again replaces the
 * handler.
 */
export function installDatabaseHook(handler: DatabaseHandler): void {
  const point = locate();
  if (!installed || installed.prototype !== point.prototype) {
    installed = { prototype: point.prototype, original: point.prototype.send };
  }
  const { processReturn } = point;
  point.prototype.send = async function send(api: string, data: unknown): Promise<unknown> {
    const result = await handler(api, data);
    if (result && typeof result === 'object' && (result as { code?: unknown }).code) {
      return processReturn(result as Record<string, unknown>);
    }
    return result;
  };
}

/** Puts the original `send` back. */
export function uninstallDatabaseHook(): void {
  if (!installed) return;
  installed.prototype.send = installed.original;
  installed = undefined;
}
