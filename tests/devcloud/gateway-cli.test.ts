// The ways in: the HTTP gateway on loopback and the command line, both on the built bundles.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DevCloud } from '../../devcloud';
import { assertLoopback, createGateway, listen } from '../../devcloud/gateway';

const run = promisify(execFile);
const root = join(__dirname, '..', '..');
const cli = join(root, 'build', 'devcloud', 'cli.js');

describe('HTTP gateway', () => {
  let dir: string;
  let cloud: DevCloud;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'devcloud-gw-'));
    cloud = DevCloud.open({ dir });
    await cloud.seed();
    server = createGateway(cloud);
    base = `http://127.0.0.1:${await listen(server, 0)}`;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    await cloud.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const post = (path: string, body: unknown, openid?: string) =>
    fetch(base + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(openid ? { 'x-wx-openid': openid } : {}) },
      body: JSON.stringify(body),
    });

  test('When a suggestion is submitted and answered over HTTP, then the caller sees the reply', async () => {
    const submitted = await post(
      '/api/supervision',
      {
        action: 'suggestion.submit',
        input: {
          procuratorateId: '110105',
          topic: '检务公开',
          content: '建议在官网公开更多典型案例，方便群众学习了解。',
          notify: false,
          clientToken: 'http-test-0001',
        },
      },
      'o-citizen-1',
    );
    expect(submitted.status).toBe(200);
    const body = (await submitted.json()) as {
      result: { ok: boolean; data: { id: string } };
      errMsg: string;
    };
    expect(body.errMsg).toBe('cloud.callFunction:ok');
    expect(body.result.ok).toBe(true);

    const replied = await post(
      '/api/supervision',
      {
        action: 'suggestion.reply',
        input: { id: body.result.data.id, content: '感谢建议，我们会逐步公开。' },
      },
      'o-staff-110105-handler',
    );
    expect(((await replied.json()) as { result: { ok: boolean } }).result.ok).toBe(true);

    const seen = await post(
      '/api/supervision',
      { action: 'suggestion.get', input: { id: body.result.data.id } },
      'o-citizen-1',
    );
    const view = (await seen.json()) as { result: { data: { status: string } } };
    expect(view.result.data.status).toBe('replied');
  });

  test('When the body is not JSON or the function is unknown, then the gateway says so', async () => {
    const bad = await fetch(`${base}/api/supervision`, { method: 'POST', body: '{nope' });
    expect(bad.status).toBe(400);
    const missing = await post('/api/nope', {});
    expect(missing.status).toBe(502);
  });

  test('When asked to bind a non-loopback address, then it refuses', () => {
    expect(() => assertLoopback('0.0.0.0')).toThrow(/loopback/);
    expect(() => assertLoopback('192.168.1.5')).toThrow(/loopback/);
    expect(() => assertLoopback('127.0.0.1')).not.toThrow();
  });
});

describe('command line', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'devcloud-cli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const cloud = (...args: string[]) =>
    run(process.execPath, [cli, ...args], { env: { ...process.env, DEVCLOUD_DIR: dir } });

  test('When seeded, then it prints the demo identities as JSON', async () => {
    const { stdout } = await cloud('seed');
    const identities = JSON.parse(stdout) as { openid: string; audience: string }[];
    expect(identities.map((i) => i.audience)).toEqual(
      expect.arrayContaining(['citizen', 'staff', 'lawyer', 'deputy', 'supervisor']),
    );
  });

  test('When a function is called with --openid, then its result is printed as JSON', async () => {
    const { stdout } = await cloud(
      'call',
      'account',
      '{"action":"whoami","input":{}}',
      '--openid',
      'o-staff-110105-leader',
    );
    const result = JSON.parse(stdout) as {
      ok: boolean;
      data: { openid: string; staff: { roles: string[]; procuratorateName: string } };
    };
    expect(result).toMatchObject({
      ok: true,
      data: {
        openid: 'o-staff-110105-leader',
        staff: { roles: ['leader'], procuratorateName: '北京市朝阳区人民检察院' },
      },
    });
  });

  test('When the event is not JSON, then it fails with a clear message', async () => {
    await expect(cloud('call', 'account', '{oops')).rejects.toMatchObject({
      stderr: expect.stringContaining('must be JSON'),
    });
  });

  test('When reset, then the data is gone', async () => {
    await cloud('reset');
    const { stdout } = await cloud('call', 'account', '{"action":"procuratorates","input":{}}');
    expect(
      (JSON.parse(stdout) as { data: { procuratorates: unknown[] } }).data.procuratorates,
    ).toEqual([]);
  });
});
