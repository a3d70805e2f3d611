// Service deep links: the 12309 official account's menu (or a QR code, or a message) opens the mini
// program at `pages/index/index?service=<key>`, and the hall opens that service's page on top of
// itself, logged in or not. Every service of SERVICE_GROUPS is covered by iterating over it, so a
// service added later is tested without touching this file.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  SERVICE_GROUPS,
  SERVICE_LINK_PAGE,
  serviceDeepLinks,
  serviceLink,
} from '../../miniprogram/services';
import { DEMO, Harness } from './harness';

jest.setTimeout(60_000);

/** An OPENID devcloud knows nothing of: no profile, no staff record. */
const NOBODY = 'o-deep-link-nobody';

const SERVICES = SERVICE_GROUPS.flatMap((g) => g.services);
const OPEN = SERVICES.filter((s) => s.url);

let h: Harness;
let hall: string;

beforeAll(async () => {
  h = await Harness.start();
  hall = h.load(SERVICE_LINK_PAGE);
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => h.reset());

describe('service deep links in the hall', () => {
  test('When the hall opens at ?service=<key> for each open service, then exactly that service’s page opens above the hall', async () => {
    expect(OPEN.length).toBeGreaterThan(0);
    for (const service of OPEN) {
      h.reset();
      h.as(NOBODY);
      await h.open(hall, { service: service.key });
      expect({ key: service.key, navigations: h.recorded.navigations }).toEqual({
        key: service.key,
        navigations: [{ kind: 'navigateTo', url: service.url }],
      });
      expect({ key: service.key, modals: h.recorded.modals }).toEqual({
        key: service.key,
        modals: [],
      });
    }
  });

  test('When the service list is data, then every deep link’s target is a page declared in app.json', () => {
    const app = JSON.parse(
      readFileSync(join(__dirname, '..', '..', 'miniprogram', 'app.json'), 'utf8'),
    ) as { pages: string[]; subPackages: { root: string; pages: string[] }[] };
    const declared = new Set([
      ...app.pages,
      ...app.subPackages.flatMap((p) => p.pages.map((page) => `${p.root}/${page}`)),
    ]);
    expect(declared).toContain(SERVICE_LINK_PAGE);
    for (const link of serviceDeepLinks()) {
      expect(link.path).toBe(`pages/index/index?service=${link.key}`);
      if (!link.url) continue;
      const page = link.url.replace(/^\/|\?.*$/g, '');
      expect(declared.has(page) ? page : `${link.key}: ${page} is not in app.json`).toBe(page);
    }
  });

  test('When a deep link carries other parameters, then they reach the service’s page after its own query, URL-encoded', async () => {
    h.as(NOBODY);
    await h.open(hall, { service: 'law-search', law: 'criminal-law', q: '盗窃 罪' });
    await h.open(hall, { service: 'accusation', id: 'P-1&x=2' });
    expect(h.recorded.navigations).toEqual([
      {
        kind: 'navigateTo',
        url: `/public/laws/index?law=criminal-law&q=${encodeURIComponent('盗窃 罪')}`,
      },
      {
        kind: 'navigateTo',
        url: `/citizen/petition-submit/index?kind=accusation&id=${encodeURIComponent('P-1&x=2')}`,
      },
    ]);
  });

  test('When the link’s values arrive still percent-encoded (as WeChat hands them to onLoad), then they are encoded once, not twice', () => {
    const q = encodeURIComponent('国家赔偿 时效');
    expect(serviceLink({ service: 'law-search', q })).toEqual({ url: `/public/laws/index?q=${q}` });
    expect(serviceLink({ service: 'legal-documents', id: 'a%2Fb' })).toEqual({
      url: '/public/documents/index?id=a%2Fb',
    });
  });

  test('When a link repeats a parameter the service’s url already sets, then the service’s own value wins', () => {
    expect(serviceLink({ service: 'accusation', kind: 'other', article: '264' })).toEqual({
      url: '/citizen/petition-submit/index?kind=accusation&article=264',
    });
    expect(serviceLink({ service: 'video-reception', type: 'lawyer' })).toEqual({
      url: '/citizen/appointment-book/index?type=video_reception',
    });
  });

  test('When the hall opens without a service, then it only shows itself', async () => {
    await h.open(hall);
    await h.open(hall, { service: '' });
    expect(h.recorded.navigations).toEqual([]);
    expect(h.recorded.modals).toEqual([]);
    expect(serviceLink({})).toBeNull();
  });

  test('When a deep link names no service the hall knows, then the hall stays and says 未找到该服务 with the hotline', async () => {
    h.as(NOBODY);
    const page = await h.open(hall, { service: 'no-such-service', id: '1' });
    expect(h.recorded.navigations).toEqual([]);
    expect(h.recorded.modals).toEqual([
      expect.objectContaining({
        title: '未找到该服务',
        content: expect.stringContaining('12309检察服务热线'),
        showCancel: false,
      }),
    ]);
    expect(page.count('.service')).toBe(SERVICES.length);
  });

  test('When nobody is identified (no OPENID) or whoami cannot be reached, then the service still opens', async () => {
    h.as(null);
    await h.open(hall, { service: 'legal-documents' });
    h.networkDown = true;
    await h.open(hall, { service: 'law-search' });
    expect(h.recorded.navigations).toEqual([
      { kind: 'navigateTo', url: '/public/documents/index' },
      { kind: 'navigateTo', url: '/public/laws/index' },
    ]);
  });

  test('When someone with no profile follows a link, then the service opens before whoami answers, and the hall shows no staff entry', async () => {
    h.as(NOBODY);
    const callsAtNavigation: number[] = [];
    const wxApi = (globalThis as unknown as { wx: { navigateTo: (o: unknown) => unknown } }).wx;
    const navigateTo = wxApi.navigateTo;
    wxApi.navigateTo = (o) => {
      // whoami has not been answered yet: the hall asked nothing before opening the service.
      callsAtNavigation.push(h.recorded.calls.length);
      return navigateTo(o);
    };
    try {
      const page = await h.open(hall, { service: 'suggestion-box' });
      expect(callsAtNavigation).toEqual([0]);
      expect(h.recorded.calls.map((c) => `${c.name}.${c.action}`)).toEqual(['account.whoami']);
      expect(h.recorded.navigations).toEqual([
        { kind: 'navigateTo', url: '/citizen/suggestion-submit/index' },
      ]);
      expect(page.has('#staff-entry')).toBe(false);
    } finally {
      wxApi.navigateTo = navigateTo;
    }
  });

  test('When a staff member follows a link, then the service opens and the hall beneath still gets the staff entry', async () => {
    const page = await h.as(DEMO.handler).open(hall, { service: 'procuratorate-directory' });
    expect(h.recorded.navigations).toEqual([
      { kind: 'navigateTo', url: '/public/directory/index' },
    ]);
    expect(page.text('#staff-entry')).toContain('工作人员入口');
  });

  test('When the hall is already open and a link reLaunches it with a service, then the new hall opens the service', async () => {
    await h.open(hall);
    expect(h.recorded.navigations).toEqual([]);
    // wx.reLaunch (WeChat following a link while the mini program runs) unloads every page and loads
    // the hall afresh with the link's query: a new onLoad.
    await h.open(hall, { service: 'important-cases' });
    expect(h.recorded.navigations).toEqual([
      { kind: 'navigateTo', url: '/public/announcements/index' },
    ]);
  });

  test('When a service tile is tapped, then it opens as its deep link does', async () => {
    const page = await h.open(hall);
    const names = page.texts('.tile-name');
    for (const service of OPEN) await page.tap('.service', names.indexOf(service.name));
    expect(h.recorded.navigations.map((n) => n.url)).toEqual(OPEN.map((s) => s.url));
  });
});

describe('README', () => {
  // The table is made from serviceDeepLinks(); paste it into README.md when a service is added.
  test('README.md lists the deep link (?service=<key>) of every service in SERVICE_GROUPS', () => {
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
    const missing = serviceDeepLinks()
      .filter((link) => !new RegExp(`\\?service=${link.key}(?![\\w-])`).test(readme))
      .map(
        (link) =>
          `| ${link.name} | \`${link.path}\` | ${link.url ? `\`${link.url}\`` : '即将开放'} |`,
      );
    expect(missing).toEqual([]);
  });
});
