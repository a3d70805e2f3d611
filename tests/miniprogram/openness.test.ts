// 检务公开 (public/directory, public/unit, staff/unit-edit): anyone browses and searches the
// directory without logging in, opens a procuratorate, calls it and sees it on a map, and reads its
// petition guide with the national defaults marked; the administrator edits their procuratorate's
// entry (a bad telephone named under its field, nothing saved) and the public page shows the change;
// others are refused. A procuratorate's page shows its latest 检务公告 (the `publish` function's
// notices), or says it has none. Every call runs the real functions on devcloud.
import { DIRECTORY_LIMITS, GUIDE_SECTION_NAMES } from '../../typings/openness';
import { DEMO, Harness } from './harness';

jest.setTimeout(120_000);

const ADMIN = 'o-staff-110105-admin';
const AG = 'o-staff-110105-ag'; // 周婷, case manager of 110105
const AG2 = 'o-staff-110105-ag2'; // 吴敏, case manager of 110105

let h: Harness;
let directoryPage: string;
let unitPage: string;
let editPage: string;
let mePage: string;
let noticesPage: string;
let locations: { latitude: number; longitude: number; name?: string }[] = [];

beforeAll(async () => {
  h = await Harness.start();
  directoryPage = h.load('public/directory/index');
  unitPage = h.load('public/unit/index');
  editPage = h.load('staff/unit-edit/index');
  mePage = h.load('pages/me/index');
  noticesPage = h.load('public/announcements/index');
  // The harness has no map; record what the page asks wx.openLocation for.
  const wxApi = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
  wxApi.openLocation = (options: {
    latitude: number;
    longitude: number;
    name?: string;
    success?: (res: unknown) => void;
  }) => {
    locations.push({
      latitude: options.latitude,
      longitude: options.longitude,
      name: options.name,
    });
    options.success?.({});
  };
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => {
  h.reset();
  locations = [];
});

test('When someone not logged in opens the directory and searches 朝阳, then the procuratorate is listed with its address and opens its page', async () => {
  h.as(null);
  const page = await h.open(directoryPage);
  expect(page.data.queryMax).toBe(DIRECTORY_LIMITS.qMax);
  expect(page.count('.unit')).toBeGreaterThanOrEqual(11);
  expect(page.texts('.unit-name')[0]).toBe('最高人民检察院');

  await page.input('#search-input', '朝阳');
  await page.tap('#search');
  expect(page.texts('.unit-name')).toEqual(['北京市朝阳区人民检察院']);
  expect(page.text('.unit-address')).toBe('地址：北京市朝阳区朝阳北路100号');
  expect(page.text('.unit-phone')).toBe('电话：010-65000000');

  await page.tap('.unit');
  expect(h.recorded.navigations).toEqual([
    { kind: 'navigateTo', url: '/public/unit/index?id=110105' },
  ]);
  expect(h.recorded.calls.every((c) => c.openid === null)).toBe(true);
});

test('When a level is picked, then only procuratorates of that level are listed', async () => {
  h.as(null);
  const page = await h.open(directoryPage);
  const index = (page.data.levels as { key: string }[]).findIndex((l) => l.key === 'provincial');
  await page.change('#level-picker', index);
  expect(page.texts('.unit-name')).toContain('北京市人民检察院');
  expect(page.texts('.unit-name')).not.toContain('北京市朝阳区人民检察院');
});

test('When a procuratorate is opened, then its telephone is called, its map is shown, and the guide marks the national defaults', async () => {
  h.as(null);
  const page = await h.open(unitPage, { id: '110105' });
  expect(page.text('#unit-name')).toBe('北京市朝阳区人民检察院');
  expect(page.text('#unit-address')).toContain('北京市朝阳区朝阳北路100号');
  expect(page.texts('.guide-title')).toEqual([
    '信访渠道',
    '需提交的材料',
    '办理程序与期限',
    '查询办理进展的方式',
  ]);
  expect(page.has('#default-note')).toBe(true);
  expect(page.has('#guide-materials .default-mark')).toBe(false);
  expect(page.has('#guide-procedure .default-mark')).toBe(true);
  expect(page.text('#guide-procedure .guide-text')).toContain('60日内办结');

  await page.tap('#call');
  expect(h.recorded.phoneCalls).toEqual(['010-65000000']);
  await page.tap('#map');
  expect(locations).toEqual([
    { latitude: 39.9219, longitude: 116.4436, name: '北京市朝阳区人民检察院' },
  ]);

  await page.tap('#petition');
  expect(h.recorded.navigations).toEqual([{ kind: 'switchTab', url: '/pages/index/index' }]);
});

test('When a procuratorate has published nothing, then there is no call or map button and every section is the national default', async () => {
  h.as(null);
  const page = await h.open(unitPage, { id: '110108' });
  expect(page.text('#unit-phone')).toContain('暂未公布');
  expect(page.has('#call')).toBe(false);
  expect(page.has('#map')).toBe(false);
  expect(page.count('.default-mark')).toBe(4);
});

test('When an unknown procuratorate is opened, then the page says so', async () => {
  h.as(null);
  const page = await h.open(unitPage, { id: '999999' });
  expect(page.has('#notfound-state')).toBe(true);
});

test('When a registrar opens 本院信息维护, then it is refused, and 我的 shows the link only to the administrator', async () => {
  h.as(DEMO.registrar);
  const refused = await h.open(editPage);
  expect(refused.has('#forbidden-state')).toBe(true);
  const registrarMe = await h.open(mePage);
  expect(registrarMe.has('#link-unit-edit')).toBe(false);

  h.as(ADMIN);
  const adminMe = await h.open(mePage);
  await adminMe.tap('#link-unit-edit');
  expect(h.recorded.navigations).toEqual([{ kind: 'navigateTo', url: '/staff/unit-edit/index' }]);
});

test('When the administrator edits the entry, then a bad telephone is named with nothing saved, and once fixed the public page shows the change', async () => {
  h.as(ADMIN);
  const page = await h.open(editPage);
  expect(page.text('#unit-name')).toBe('北京市朝阳区人民检察院');
  expect(page.data.phone).toBe('010-65000000');
  // The limits the page states MIRROR the contract's.
  expect(page.data.limits).toEqual(DIRECTORY_LIMITS);
  expect(page.data.guide.map((g: { title: string }) => g.title)).toEqual(
    Object.values(GUIDE_SECTION_NAMES),
  );
  // The seeded materials are the procuratorate's own; the others are empty (defaults).
  expect(page.data.guide.map((g: { text: string }) => !!g.text)).toEqual([
    false,
    true,
    false,
    false,
  ]);

  await page.input('#input-phone', '12345abc');
  await page.tap('#save');
  expect(page.text('#error-phone')).toContain('联系电话');
  expect(
    await h.cloud.invoke('openness', { action: 'directory.get', input: { id: '110105' } }, {}),
  ).toMatchObject({ result: { data: { phone: '010-65000000' } } });

  await page.input('#input-latitude', '39.93');
  await page.input('#input-longitude', '');
  await page.input('#input-phone', '010-65001111');
  await page.tap('#save');
  expect(page.text('#error-longitude')).toBe('请同时填写纬度和经度');

  await page.input('#input-longitude', '116.45');
  await page.input('#input-hours', '每周一至周五 9:00—17:00');
  await page.input('#guide-procedure', '本院收到信访后7日内告知是否受理。');
  await page.tap('#save');
  expect(page.has('.field-error')).toBe(false);
  expect(h.recorded.toasts.map((t) => t.title)).toContain('本院信息已保存');
  expect(page.text('#updated-at')).toContain('最近修改');

  h.as(null);
  const pub = await h.open(unitPage, { id: '110105' });
  expect(pub.text('#unit-phone')).toContain('010-65001111');
  expect(pub.text('#unit-hours')).toContain('每周一至周五 9:00—17:00');
  expect(pub.text('#guide-procedure .guide-text')).toBe('本院收到信访后7日内告知是否受理。');
  expect(pub.has('#guide-procedure .default-mark')).toBe(false);
  await pub.tap('#call');
  await pub.tap('#map');
  expect(h.recorded.phoneCalls).toEqual(['010-65001111']);
  expect(locations[0]).toMatchObject({ latitude: 39.93, longitude: 116.45 });
});

/** Publishes an announcement of 110105: drafted by 周婷, approved by 吴敏. */
async function publishAs110105(input: { category?: 'notice' | 'case_info'; title: string }) {
  const d = await h.data(
    'publish',
    'announcement.save',
    {
      ...input,
      body: `${input.title}。本院检察服务中心现就有关事项公告如下，请来访群众相互转告并予以支持。`,
    },
    AG,
  );
  return h.data('publish', 'announcement.approve', { id: d.id, version: d.version }, AG2);
}

test('When a procuratorate has published no 检务公告, then its page says so, with nothing to see all of', async () => {
  h.as(null);
  const page = await h.open(unitPage, { id: '110108' });
  expect(page.text('#notices-empty')).toBe('本院暂未发布检务公告。');
  expect(page.has('.notice-row')).toBe(false);
  expect(page.has('#all-notices')).toBe(false);
});

test('When a procuratorate has published 检务公告, then its page shows the latest three (not its case information), each opening, and 查看全部 lists them all', async () => {
  const published: string[] = [];
  for (const title of [
    '关于检察开放日活动安排的公告',
    '关于春节期间来访接待安排的公告',
    '关于启用新的来访登记系统的公告',
    '关于调整来访接待时间的公告',
  ]) {
    published.push((await publishAs110105({ category: 'notice', title })).id);
  }
  await publishAs110105({ title: '朝阳区检察院依法对一起盗窃案提起公诉' });

  h.as(null);
  const page = await h.open(unitPage, { id: '110105' });
  expect(page.has('#notices-empty')).toBe(false);
  expect(page.texts('.notice-title')).toEqual([
    '关于调整来访接待时间的公告',
    '关于启用新的来访登记系统的公告',
    '关于春节期间来访接待安排的公告',
  ]);
  expect(page.text('.notice-date')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  await page.tap('.notice-row');
  await page.tap('#all-notices');
  expect(h.recorded.navigations).toEqual([
    { kind: 'navigateTo', url: `/public/announcement/index?id=${published[3]}` },
    {
      kind: 'navigateTo',
      url: '/public/announcements/index?category=notice&procuratorateId=110105',
    },
  ]);
  expect(h.recorded.calls.every((c) => c.openid === null)).toBe(true);

  // 查看全部: every notice of 110105, the procuratorate named in the filter.
  const all = await h.open(noticesPage, { category: 'notice', procuratorateId: '110105' });
  expect(all.texts('.announcement-title')).toHaveLength(4);
  expect(all.texts('.announcement-title')).not.toContain('朝阳区检察院依法对一起盗窃案提起公诉');
  expect(all.text('#unit-filter')).toBe('北京市朝阳区人民检察院');
  expect(all.data.categoryName).toBe('检务公告');
});
