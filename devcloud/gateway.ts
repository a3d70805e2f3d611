// The HTTP gateway: POST /api/<function> with the caller's openid in X-WX-OPENID, on loopback only.
// It also serves a static folder at / (the browser preview) and the few WeChat-side endpoints a
// client needs (/_devcloud/*): who the demo identities are, the subscription prompt's results, phone
// number codes, client uploads to cloud storage and temporary file links.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import type { DevCloud } from './index';
import { InvokeError } from './runtime/pool';

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|localhost)$/;
const BODY_LIMIT = 6 * 1024 * 1024;
/** What one `wx.cloud.uploadFile` may send through the gateway. */
const UPLOAD_LIMIT = 50 * 1024 * 1024;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.bmp': 'image/bmp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.mp3': 'audio/mpeg',
  '.mp4': 'video/mp4',
  '.wav': 'audio/wav',
};

export interface GatewayOptions {
  /** A folder served at / (GET and HEAD; `index.html` for folders), e.g. build/preview. */
  staticDir?: string;
  /** What GET /_devcloud/identities answers; default: database/seed/_identities.json. */
  identities?: unknown[];
}

export function assertLoopback(host: string) {
  if (!LOOPBACK.test(host)) {
    throw new Error(`devcloud serves only on loopback (127.0.0.1, ::1, localhost), not ${host}`);
  }
}

async function readBytes(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

async function readBody(req: IncomingMessage): Promise<string> {
  return (await readBytes(req, BODY_LIMIT)).toString('utf8');
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' && value ? value : undefined;
}

/** Serves `pathname` from `dir`; false when there is no such file (the caller answers 404). */
function serveStatic(dir: string, pathname: string, req: IncomingMessage, res: ServerResponse) {
  let rel: string;
  try {
    rel = decodeURIComponent(pathname);
  } catch {
    return false;
  }
  const root = normalize(dir);
  let file = normalize(join(root, rel));
  if (file !== root && !file.startsWith(root + sep)) return false;
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  if (!existsSync(file) || !statSync(file).isFile()) return false;
  const stat = statSync(file);
  const etag = `"${stat.size.toString(36)}-${Math.floor(stat.mtimeMs).toString(36)}"`;
  const headers = {
    'content-type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'cache-control': 'no-cache',
    etag,
  };
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers);
    res.end();
    return true;
  }
  res.writeHead(200, { ...headers, 'content-length': stat.size });
  res.end(req.method === 'HEAD' ? undefined : readFileSync(file));
  return true;
}

function defaultIdentities(cloud: DevCloud): unknown[] {
  const file = join(cloud.root, 'database', 'seed', '_identities.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as unknown[]) : [];
}

function json(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(text);
}

export type Extra = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;

export function createGateway(
  cloud: DevCloud,
  extra?: Extra,
  options: GatewayOptions = {},
): Server {
  return createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    try {
      const api = /^\/api\/([A-Za-z0-9_-]+)$/.exec(url.pathname);
      if (api && req.method === 'POST') {
        const text = await readBody(req);
        let event: unknown;
        try {
          event = text ? JSON.parse(text) : {};
        } catch {
          return json(res, 400, { errCode: -501007, errMsg: 'invalid JSON body' });
        }
        const openid = req.headers['x-wx-openid'];
        try {
          const out = await cloud.invoke(api[1], event, {
            openid: typeof openid === 'string' && openid ? openid : undefined,
            clientIp: req.socket.remoteAddress ?? undefined,
          });
          return json(res, 200, {
            result: out.result,
            requestID: out.requestId,
            errMsg: 'cloud.callFunction:ok',
          });
        } catch (e) {
          if (e instanceof InvokeError) {
            return json(res, 502, {
              errCode: e.errCode,
              errMsg: `cloud.callFunction:fail ${e.errCode} ${e.errMsg}`,
            });
          }
          throw e;
        }
      }
      if (url.pathname === '/_devcloud/subscribe' && req.method === 'POST') {
        const { openid, results } = JSON.parse(await readBody(req)) as {
          openid: string;
          results: Record<string, string>;
        };
        await cloud.grantSubscription(openid, results);
        return json(res, 200, { ok: true });
      }
      if (url.pathname === '/_devcloud/outbox' && req.method === 'GET') {
        const touser = url.searchParams.get('touser') ?? undefined;
        return json(res, 200, cloud.platform.messages(touser ? { touser } : {}));
      }
      if (url.pathname === '/_devcloud/phone-code' && req.method === 'POST') {
        const { openid, phone } = JSON.parse(await readBody(req)) as {
          openid: string;
          phone: string;
        };
        return json(res, 200, { code: cloud.platform.issuePhoneCode(openid, phone) });
      }
      if (url.pathname === '/_devcloud/identities' && req.method === 'GET') {
        return json(res, 200, options.identities ?? defaultIdentities(cloud));
      }
      if (url.pathname === '/_devcloud/upload' && req.method === 'POST') {
        // wx.cloud.uploadFile from a client: the body is the file, the caller in X-WX-OPENID.
        const cloudPath = url.searchParams.get('cloudPath') ?? '';
        const content = await readBytes(req, UPLOAD_LIMIT);
        const out = await cloud.platform.handle(
          { kind: 'uploadFile', cloudPath, content: new Uint8Array(content) },
          { openid: header(req, 'x-wx-openid'), appid: '', fn: '' },
        );
        if (out.kind === 'uploadFile') return json(res, 200, { fileID: out.fileID });
        return json(res, 400, {
          errCode: -1,
          errMsg: `cloud.uploadFile:fail ${out.kind === 'error' ? out.message : 'unexpected answer'}`,
        });
      }
      if (url.pathname === '/_devcloud/temp-url' && req.method === 'POST') {
        // wx.cloud.getTempFileURL from a client: { fileList: [fileID | { fileID, maxAge }] }.
        const { fileList } = JSON.parse(await readBody(req)) as {
          fileList: (string | { fileID: string; maxAge?: number })[];
        };
        const items = (fileList ?? []).map((f) =>
          typeof f === 'string' ? { fileID: f, maxAge: 86400 } : { maxAge: 86400, ...f },
        );
        const out = await cloud.platform.handle(
          { kind: 'getTempFileURL', fileList: items },
          { openid: header(req, 'x-wx-openid'), appid: '', fn: '' },
        );
        return json(res, out.kind === 'error' ? 400 : 200, out);
      }
      const file = /^\/_files\/([A-Za-z0-9_-]+)$/.exec(url.pathname);
      if (file && req.method === 'GET') {
        const found = cloud.platform.readFileForUrl(file[1]);
        if (!found) return json(res, 404, { error: 'file not found or link expired' });
        res.writeHead(200, { 'content-type': found.contentType ?? 'application/octet-stream' });
        return res.end(found.content);
      }
      if (extra && (await extra(req, res, url))) return;
      if (
        options.staticDir &&
        (req.method === 'GET' || req.method === 'HEAD') &&
        serveStatic(options.staticDir, url.pathname, req, res)
      ) {
        return;
      }
      json(res, 404, { error: `no route for ${req.method} ${url.pathname}` });
    } catch (e) {
      console.error('gateway error:', e);
      if (!res.headersSent) json(res, 500, { error: 'devcloud gateway error' });
    }
  });
}

export function listen(server: Server, port: number, host = '127.0.0.1'): Promise<number> {
  assertLoopback(host);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const addr = server.address();
      resolve(typeof addr === 'object' && addr ? addr.port : port);
    });
  });
}
