// The HTTP gateway: POST /api/<function> with the caller's openid in X-WX-OPENID, on loopback only.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { DevCloud } from './index';
import { InvokeError } from './runtime/pool';

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|localhost)$/;
const BODY_LIMIT = 6 * 1024 * 1024;

export function assertLoopback(host: string) {
  if (!LOOPBACK.test(host)) {
    throw new Error(`devcloud serves only on loopback (127.0.0.1, ::1, localhost), not ${host}`);
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > BODY_LIMIT) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function json(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(text);
}

export type Extra = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;

export function createGateway(cloud: DevCloud, extra?: Extra): Server {
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
      const file = /^\/_files\/([A-Za-z0-9_-]+)$/.exec(url.pathname);
      if (file && req.method === 'GET') {
        const found = cloud.platform.readFileForUrl(file[1]);
        if (!found) return json(res, 404, { error: 'file not found or link expired' });
        res.writeHead(200, { 'content-type': found.contentType ?? 'application/octet-stream' });
        return res.end(found.content);
      }
      if (extra && (await extra(req, res, url))) return;
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
