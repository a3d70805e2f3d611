// 网上阅卷排除案由 (staff/disclosure-settings): the administrator adds and removes causes, each checked
// on the page as the function checks it, saves after confirming, and a page left open while another
// administrator saved says so and reloads; anyone else is refused and 我的 shows them no link. Every
// call runs the real functions on devcloud.
import { DISCLOSURE_LIMITS } from '../../typings/cases';
import { Harness } from './harness';

jest.setTimeout(120_000);

const ADMIN = 'o-staff-110105-admin';

let h: Harness;
let settingsPage: string;
let mePage: string;

beforeAll(async () => {
  h = await Harness.start();
  settingsPage = h.load('staff/disclosure-settings/index');
  mePage = h.load('pages/me/index');
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => h.reset());

async function stored(): Promise<string[]> {
  return (await h.data('cases', 'disclosure.settings.get', {}, ADMIN)).excludedCauses;
}

test('When a case manager opens 网上阅卷排除案由, then it is refused, and 我的 shows the link only to the administrator', async () => {
  h.as('o-staff-110105-ag');
  const refused = await h.open(settingsPage);
  expect(refused.has('#forbidden-state')).toBe(true);
  const agMe = await h.open(mePage);
  expect(agMe.has('#link-disclosure-settings')).toBe(false);

  h.as(ADMIN);
  const adminMe = await h.open(mePage);
  await adminMe.tap('#link-disclosure-settings');
  expect(h.recorded.navigations).toEqual([
    { kind: 'navigateTo', url: '/staff/disclosure-settings/index' },
  ]);
});

test('When the administrator adds, removes and saves causes, then bad ones are named on the page, saving asks first, and what was saved is shown', async () => {
  h.as(ADMIN);
  const page = await h.open(settingsPage);
  expect(page.text('#unit-name')).toBe('北京市朝阳区人民检察院');
  expect(page.data.limits).toEqual(DISCLOSURE_LIMITS);
  expect(page.text('#empty')).toBe('尚未设置排除的案由');
  expect(page.data.changed).toBe(false);

  await page.tap('#add-cause');
  expect(page.text('#error-draft')).toBe('请填写案由');
  await page.input('#input-cause', '毒');
  await page.tap('#add-cause');
  expect(page.text('#error-draft')).toBe('案由至少2个字');
  for (const cause of ['走私、贩卖毒品', '强奸', '诈骗']) {
    await page.input('#input-cause', cause);
    await page.tap('#add-cause');
  }
  await page.input('#input-cause', ' 强 奸');
  await page.tap('#add-cause');
  expect(page.text('#error-draft')).toBe('案由“强 奸”已在名单中');
  expect(page.texts('.cause')).toEqual(['走私、贩卖毒品', '强奸', '诈骗']);
  expect(page.text('#summary')).toBe(`排除的案由（3/${DISCLOSURE_LIMITS.causesMax}）`);

  await page.tap('.remove', 2);
  expect(page.texts('.cause')).toEqual(['走私、贩卖毒品', '强奸']);

  // Cancelled: nothing is saved.
  h.modalAnswer = 'cancel';
  await page.tap('#save');
  expect(h.recorded.modals.at(-1)).toMatchObject({ title: '确定保存排除案由？' });
  expect(await stored()).toEqual([]);

  h.modalAnswer = 'confirm';
  await page.tap('#save');
  expect(h.recorded.modals.at(-1)?.content).toContain('案由包含这2项之一的案件不再提供网上阅卷');
  expect(h.recorded.toasts.at(-1)?.title).toBe('排除案由已保存');
  expect(await stored()).toEqual(['走私、贩卖毒品', '强奸']);
  expect(page.text('#updated')).toMatch(/^最近修改：.+ · .+$/);
  expect(page.data.changed).toBe(false);

  // Clearing the list again, for the other tests.
  await page.tap('.remove', 0);
  await page.tap('.remove', 0);
  await page.tap('#save');
  expect(h.recorded.modals.at(-1)?.content).toContain('不再按案由排除网上阅卷');
  expect(await stored()).toEqual([]);
});

test('When another administrator saved while the page was open, then saving says so, nothing of the page is saved, and the page shows their list', async () => {
  h.as(ADMIN);
  const page = await h.open(settingsPage);
  const { version } = await h.data('cases', 'disclosure.settings.get', {}, ADMIN);
  await h.data('cases', 'disclosure.settings.save', { excludedCauses: ['贪污'], version }, ADMIN);

  await page.input('#input-cause', '受贿');
  await page.tap('#add-cause');
  await page.tap('#save');
  expect(h.recorded.toasts.at(-1)?.title).toBe('排除案由已被他人修改，请刷新后重新编辑');
  expect(await stored()).toEqual(['贪污']);
  expect(page.texts('.cause')).toEqual(['贪污']);

  const now = await h.data('cases', 'disclosure.settings.get', {}, ADMIN);
  await h.data(
    'cases',
    'disclosure.settings.save',
    { excludedCauses: [], version: now.version },
    ADMIN,
  );
});

test('When the settings cannot be loaded, then an error state offers a retry that loads them', async () => {
  h.networkDown = true;
  const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  h.as(ADMIN);
  const page = await h.open(settingsPage);
  expect(page.has('#error-state')).toBe(true);
  h.networkDown = false;
  await page.tap('#retry');
  expect(page.text('#unit-name')).toBe('北京市朝阳区人民检察院');
  logged.mockRestore();
});
