// What the gateway adds for the preview: a static folder at /, the demo identities, and client
// uploads and temporary links to cloud storage. It stays generic: any folder, any file.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DevCloud } from '../../devcloud';
import { createGateway, listen } from '../../devcloud/gateway';

describe('The gateway serving a preview', () => {
  let dir: string;
  let site: string;
  let cloud: DevCloud;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'devcloud-gw-static-'));
    site = mkdtempSync(join(tmpdir(), 'gw-site-'));
    mkdirSync(join(site, 'mp', 'images'), { recursive: true });
    writeFileSync(join(site, 'index.html'), '<!doctype html><title>t</title>');
    writeFileSync(join(site, 'app.js'), 'window.x = 1;');
    writeFileSync(join(site, 'shell.css'), 'body{}');
    writeFileSync(join(site, 'mp', 'images', 'a.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    cloud = DevCloud.open({ dir });
    await cloud.seed();
    server = createGateway(cloud, undefined, { staticDir: site });
    base = `http://127.0.0.1:${await listen(server, 0)}`;
  });

  afterAll(async () => {
    await new Promise((r) => server.close(r));
    await cloud.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(site, { recursive: true, force: true });
  });

  test('When files are asked for, then they come with their content type, / is index.html, and nothing outside the folder', async () => {
    const index = await fetch(`${base}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await index.text()).toContain('<title>t</title>');
    const types = await Promise.all(
      ['/app.js', '/shell.css', '/mp/images/a.png'].map(async (p) =>
        (await fetch(base + p)).headers.get('content-type'),
      ),
    );
    expect(types).toEqual([
      'text/javascript; charset=utf-8',
      'text/css; charset=utf-8',
      'image/png',
    ]);
    expect((await fetch(`${base}/missing.js`)).status).toBe(404);
    expect((await fetch(`${base}/..%2F..%2Fetc%2Fpasswd`)).status).toBe(404);
    // The API keeps its routes.
    expect((await fetch(`${base}/api/nope`, { method: 'POST', body: '{}' })).status).toBe(502);
  });

  test('When a file is asked for again with its ETag, then the answer is 304', async () => {
    const first = await fetch(`${base}/app.js`);
    const etag = first.headers.get('etag') ?? '';
    expect(first.headers.get('cache-control')).toBe('no-cache');
    const again = await fetch(`${base}/app.js`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });

  test('When the demo identities are asked for, then the seeded ones come back', async () => {
    const list = (await (await fetch(`${base}/_devcloud/identities`)).json()) as {
      openid: string;
    }[];
    expect(list.map((i) => i.openid)).toEqual(
      expect.arrayContaining(['o-citizen-1', 'o-staff-110105-handler']),
    );
  });

  test('When a client uploads a file, then it is stored under the caller and a temporary link serves it', async () => {
    const up = await fetch(`${base}/_devcloud/upload?cloudPath=${encodeURIComponent('a/b.txt')}`, {
      method: 'POST',
      headers: { 'x-wx-openid': 'o-citizen-1', 'content-type': 'text/plain' },
      body: 'hello',
    });
    expect(up.status).toBe(200);
    const { fileID } = (await up.json()) as { fileID: string };
    expect(fileID).toBe(cloud.platform.fileIdOf('a/b.txt'));
    expect(cloud.platform.fileInfo(fileID)).toMatchObject({ openid: 'o-citizen-1', size: 5 });

    const links = (await (
      await fetch(`${base}/_devcloud/temp-url`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ fileList: [fileID] }),
      })
    ).json()) as { fileList: { tempFileURL: string }[] };
    const path = new URL(links.fileList[0].tempFileURL).pathname;
    expect(await (await fetch(base + path)).text()).toBe('hello');

    const bad = await fetch(`${base}/_devcloud/upload?cloudPath=${encodeURIComponent('/abs')}`, {
      method: 'POST',
      body: 'x',
    });
    expect(bad.status).toBe(400);
  });
});
