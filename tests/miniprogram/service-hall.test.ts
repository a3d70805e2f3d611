// 服务大厅 and 我的: every service listed, the unbuilt ones marked, the staff entry only for staff.
import { SERVICE_GROUPS } from '../../miniprogram/services';
import { DEMO, Harness } from './harness';

jest.setTimeout(60_000);

let h: Harness;
let hall: string;
let me: string;

beforeAll(async () => {
  h = await Harness.start();
  hall = h.load('pages/index/index');
  me = h.load('pages/me/index');
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => h.reset());

const ALL_SERVICES = [
  '控告',
  '刑事申诉',
  '民事申诉',
  '行政申诉',
  '国家赔偿',
  '国家司法救助',
  '公益诉讼线索',
  '检察人员违法违纪举报',
  '其他信访',
  '视频接访',
  '法律咨询',
  '法律法规查询',
  '检察院名录',
  '案件程序性信息查询',
  '辩护与代理预约',
  '重要案件信息',
  '检务公告',
  '法律文书公开',
  '代表委员意见建议',
  '人民监督员监督案件',
  '意见建议箱',
  '意见建议查询',
];

describe('service hall', () => {
  test('When anyone opens the hall, then every 12309 service is listed under its group', async () => {
    const page = await h.open(hall);
    expect(page.texts('.section-title')).toEqual(['检察服务', '案件信息公开', '接受外部监督']);
    expect(page.texts('.tile-name')).toEqual(ALL_SERVICES);
  });

  test('When the hall is shown, then every service is open: none says 即将开放', async () => {
    const page = await h.open(hall);
    expect(page.texts('.tile-name')).toEqual(ALL_SERVICES);
    expect(page.texts('.tile-soon .tile-name')).toEqual([]);
    expect(page.count('.tag-soon')).toBe(0);
  });

  test('When 代表委员意见建议 or 人民监督员监督案件 is tapped, then the deputies’ and supervisors’ page opens', async () => {
    const page = await h.open(hall);
    await page.tap('.service', page.texts('.tile-name').indexOf('代表委员意见建议'));
    await page.tap('.service', page.texts('.tile-name').indexOf('人民监督员监督案件'));
    expect(h.recorded.navigations.map((n) => n.url)).toEqual([
      '/liaison/home/index',
      '/liaison/home/index',
    ]);
    expect(h.recorded.modals).toEqual([]);
  });

  test('When a petition service is tapped, then the petition form of that kind opens', async () => {
    const page = await h.open(hall);
    await page.tap('.service', page.texts('.tile-name').indexOf('国家赔偿'));
    await page.tap('.service', page.texts('.tile-name').indexOf('检察人员违法违纪举报'));
    expect(h.recorded.navigations.map((n) => n.url)).toEqual([
      '/citizen/petition-submit/index?kind=state_compensation',
      '/citizen/petition-submit/index?kind=staff_misconduct',
    ]);
  });

  test('When the suggestion box is tapped, then the submit page opens', async () => {
    const page = await h.open(hall);
    await page.tap('.service', page.texts('.tile-name').indexOf('意见建议箱'));
    expect(h.recorded.navigations).toEqual([
      { kind: 'navigateTo', url: '/citizen/suggestion-submit/index' },
    ]);
  });

  test('When legal consultation is tapped, then the consult-ask page opens (consult)', async () => {
    const page = await h.open(hall);
    await page.tap('.service', page.texts('.tile-name').indexOf('法律咨询'));
    expect(h.recorded.navigations).toEqual([
      { kind: 'navigateTo', url: '/citizen/consult-ask/index' },
    ]);
  });

  test('When 检务公告 is tapped, then the public list of procuratorial affairs announcements opens', async () => {
    const page = await h.as(null).open(hall);
    await page.tap('.service', page.texts('.tile-name').indexOf('检务公告'));
    expect(h.recorded.navigations).toEqual([
      { kind: 'navigateTo', url: '/public/announcements/index?category=notice' },
    ]);
  });

  test('When 检察院名录 is tapped, then the directory of procuratorates opens (openness)', async () => {
    const page = await h.open(hall);
    await page.tap('.service', page.texts('.tile-name').indexOf('检察院名录'));
    expect(h.recorded.navigations).toEqual([
      { kind: 'navigateTo', url: '/public/directory/index' },
    ]);
  });

  test('When a citizen opens the hall, then there is no staff entry', async () => {
    const page = await h.as(DEMO.citizen).open(hall);
    expect(page.has('#staff-entry')).toBe(false);
  });

  test('When someone the mini program cannot identify opens the hall, then there is no staff entry', async () => {
    const page = await h.as(null).open(hall);
    expect(page.has('#staff-entry')).toBe(false);
    expect(page.count('.service')).toBe(ALL_SERVICES.length);
  });

  test('When a staff member opens the hall, then the staff entry shows their unit and leads to the inbox', async () => {
    const page = await h.as(DEMO.handler).open(hall);
    expect(page.text('#staff-entry')).toContain('工作人员入口');
    expect(page.text('#staff-entry')).toContain('北京市朝阳区人民检察院 · 承办人');
    await page.tap('#staff-entry');
    expect(h.recorded.navigations).toEqual([
      { kind: 'navigateTo', url: '/staff/suggestion-inbox/index' },
    ]);
  });

  test('When the service list is data, then every open service names a page declared in app.json', () => {
    const app = require('../../miniprogram/app.json') as {
      pages: string[];
      subPackages: { root: string; pages: string[] }[];
    };
    const declared = new Set([
      ...app.pages,
      ...app.subPackages.flatMap((p) => p.pages.map((page) => `${p.root}/${page}`)),
    ]);
    const urls = SERVICE_GROUPS.flatMap((g) => g.services)
      .filter((s) => s.url)
      .map((s) => (s.url as string).replace(/^\/|\?.*$/g, ''));
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) expect(declared).toContain(url);
  });
});

describe('我的', () => {
  test('When a citizen opens 我的, then it links to their suggestions and the query, without staff links', async () => {
    const page = await h.as(DEMO.citizen).open(me);
    expect(page.has('#staff-identity')).toBe(false);
    expect(page.has('#link-inbox')).toBe(false);
    await page.tap('#link-mine');
    await page.tap('#link-query');
    expect(h.recorded.navigations.map((n) => n.url)).toEqual([
      '/citizen/suggestion-mine/index',
      '/citizen/suggestion-query/index',
    ]);
  });

  test('When 我的 is opened, then everyone has 我的咨询 and only registrars, handlers and leaders 法律咨询办理 (consult)', async () => {
    const citizen = await h.as(DEMO.citizen).open(me);
    expect(citizen.has('#link-consult-inbox')).toBe(false);
    await citizen.tap('#link-consult-mine');
    const staff = await h.as(DEMO.registrar).open(me);
    await staff.tap('#link-consult-inbox');
    expect(h.recorded.navigations.map((n) => n.url)).toEqual([
      '/citizen/consult-mine/index',
      '/staff/consult-inbox/index',
    ]);
  });

  test('When 我的 is opened, then everyone has 身份绑定与我提交的事项, only registrars, handlers and leaders 代表委员与监督员事项, and only administrators 代表委员邀请码 (liaison)', async () => {
    const citizen = await h.as(DEMO.citizen).open(me);
    expect(citizen.text('#link-liaison')).toContain('身份绑定与我提交的事项');
    expect(citizen.has('#link-liaison-inbox')).toBe(false);
    expect(citizen.has('#link-invitations')).toBe(false);
    await citizen.tap('#link-liaison');

    for (const openid of [DEMO.registrar, DEMO.handler, DEMO.leader]) {
      const staff = await h.as(openid).open(me);
      expect(staff.text('#link-liaison-inbox')).toContain('代表委员与监督员事项');
      expect(staff.has('#link-invitations')).toBe(false);
      expect(staff.has('#link-liaison')).toBe(true);
    }
    const registrar = await h.as(DEMO.registrar).open(me);
    await registrar.tap('#link-liaison-inbox');

    const admin = await h.as('o-staff-110105-admin').open(me);
    expect(admin.text('#link-invitations')).toContain('代表委员邀请码');
    expect(admin.has('#link-liaison-inbox')).toBe(false);
    await admin.tap('#link-invitations');

    expect(h.recorded.navigations.map((n) => n.url)).toEqual([
      '/liaison/home/index',
      '/staff/liaison-inbox/index',
      '/staff/invitations/index',
    ]);
  });

  test('When someone opens 我的, then it shows their user identifier (OPENID) to copy for staff registration', async () => {
    const page = await h.as(DEMO.citizen).open(me);
    expect(page.text('.openid')).toBe(DEMO.citizen);
    await page.tap('#copy-openid');
    expect(h.recorded.clipboard).toEqual([DEMO.citizen]);
  });

  test('When the mini program cannot identify the person, then no identifier is shown', async () => {
    const page = await h.as(null).open(me);
    expect(page.has('#copy-openid')).toBe(false);
  });

  test('When a staff member opens 我的, then it shows who they are and links to the inbox', async () => {
    const page = await h.as(DEMO.leader).open(me);
    expect(page.text('#identity')).toContain('王强');
    expect(page.text('#staff-identity')).toBe('北京市朝阳区人民检察院 · 审批领导');
    await page.tap('#link-inbox');
    expect(h.recorded.navigations).toEqual([
      { kind: 'navigateTo', url: '/staff/suggestion-inbox/index' },
    ]);
  });
});
