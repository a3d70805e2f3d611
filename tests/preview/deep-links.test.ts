// Service deep links end to end in the browser preview, as someone the functions know nothing of (no
// profile, no staff record): the mini program launched at `pages/index/index?service=<key>`, as the
// 12309 official account's menu opens it, lands on the service's page with the hall beneath it, so
// 返回 comes back to the hall; an unknown one leaves the hall with a notice.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PREVIEW_DIR, openPreview, type Preview } from './browser';

const built = existsSync(join(PREVIEW_DIR, 'index.html'));

/** Nobody: an OPENID no demo identity, profile or staff record has. */
const NOBODY = 'o-deep-link-nobody';

const HALL = 'pages/index/index';

(built ? describe : () => undefined)('Service deep links in the browser preview', () => {
  let p: Preview;

  beforeAll(async () => {
    p = await openPreview({ as: NOBODY });
  }, 30_000);
  afterAll(async () => {
    await p?.close();
  });

  const stack = () =>
    p.page.evaluate(() =>
      (window as unknown as { __preview: { stack(): string[] } }).__preview.stack(),
    );

  test('When nobody opens the link to 法律法规查询, then the laws library opens above the hall, and 返回 comes back to the hall', async () => {
    await p.launch(`/${HALL}?service=law-search`, { as: NOBODY });
    expect((await p.route()).route).toBe('public/laws/index');
    expect(await stack()).toEqual([HALL, 'public/laws/index']);
    await p.waitForData('catalogueState', 'ready');
    expect(await p.title()).toBe('法律法规查询');
    await p.shot('preview-deep-link-laws');

    await p.back();
    expect((await p.route()).route).toBe(HALL);
    expect(await stack()).toEqual([HALL]);
    await p.waitForText('法律文书公开');
    expect(await p.errors()).toEqual([]);
  }, 60_000);

  test('When nobody opens the link to 法律文书公开, then the public documents page opens above the hall', async () => {
    await p.launch(`/${HALL}?service=legal-documents`, { as: NOBODY });
    expect((await p.route()).route).toBe('public/documents/index');
    expect(await stack()).toEqual([HALL, 'public/documents/index']);
    await p.back();
    expect((await p.route()).route).toBe(HALL);
    expect(await p.errors()).toEqual([]);
  }, 60_000);

  test('When a link carries a law, then it reaches the page the service opens', async () => {
    await p.launch(`/${HALL}?service=law-search&law=criminal-law`, { as: NOBODY });
    expect(await p.route()).toEqual({
      route: 'public/laws/index',
      query: { law: 'criminal-law' },
    });
    expect(await p.errors()).toEqual([]);
  }, 60_000);

  test('When the link names a service the hall does not know, then the hall stays and says so', async () => {
    await p.launch(`/${HALL}?service=no-such-service`, { as: NOBODY });
    const unknown = await p.modal();
    expect(unknown.title).toBe('未找到该服务');
    expect(unknown.content).toContain('12309');
    await p.tap('知道了');
    expect(await stack()).toEqual([HALL]);
    expect(await p.errors()).toEqual([]);
  }, 60_000);
});
