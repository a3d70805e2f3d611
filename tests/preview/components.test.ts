// The preview's built-in components and wx APIs behave as in WeChat, checked on a small fixture mini
// program (tests/preview/fixture) that uses each of them: WXML through wcc (import, wxs, templates,
// a custom component with a slot), scoped WXSS and rpx, lifecycles, navigation, form fields, pickers,
// prompts, uploads.
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO, PREVIEW_DIR, buildFixturePreview, openPreview, type Preview } from './browser';

const FIXTURE = join(__dirname, 'fixture');
// Template ids devcloud knows (config/templates.json): 意见建议回复通知, 信访办理进度通知.
const T1 = 'Kxe4isZUL7wGkFZQ3FKnlbevuQunq1usqgPIvXoc392';
const T2 = 'HIEX-TO4HbfI7HtMGecQu4fvwk56Z-yfputUhh-xGJG';

// WeChat's wcc runs on x86-64 only: elsewhere nothing is built (suggestion.test.ts checks that).
const canBuild = existsSync(join(PREVIEW_DIR, 'index.html'));

(canBuild ? describe : () => undefined)('The preview runtime on a fixture mini program', () => {
  let dir: string;
  let p: Preview;

  interface Widgets {
    lifecycle: string[];
    loadSubscribe: string;
    name: string;
    nameEvents: string[];
    digits: string;
    note: string;
    fruitIndex: number;
    colIndex: number[];
    columnEvents: string[];
    date: string;
    submitted: Record<string, unknown> | null;
    resets: number;
    switchValue: boolean | null;
    pets: string[];
    size: string;
    phoneCode: string;
    disabledTaps: number;
    fileID: string;
    cloudImageLoaded: boolean;
    subscribeResult: string;
    imageSize: string;
    lower: number;
    hits: string[];
    refreshes: number;
    reachBottom: number;
  }
  const data = () => p.data<Widgets>();
  const css = (selector: string, prop: string) =>
    p
      .current()
      .locator(selector)
      .first()
      .evaluate((el, k) => getComputedStyle(el).getPropertyValue(k), prop);

  beforeAll(async () => {
    dir = buildFixturePreview(join(FIXTURE, 'miniprogram'), join(__dirname, '..', '..', 'config'));
    p = await openPreview({ previewDir: dir, as: DEMO.citizen });
  }, 30_000);

  afterAll(async () => {
    await p?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('When a page loads, then its lifecycles run in WeChat order and a prompt outside a tap is refused', async () => {
    const d = await data();
    expect(d.lifecycle).toEqual([
      'attached',
      'onLoad:{}',
      'onShow',
      'pageShow',
      'ready',
      'onReady',
    ]);
    expect(d.loadSubscribe).toBe(
      'requestSubscribeMessage:fail can only be invoked by user TAP gesture.',
    );
    expect(await p.title()).toBe('组件');
  });

  test('When a page renders, then templates, wxs, scoped WXSS, app.wxss, tag selectors and rpx work', async () => {
    expect(await p.current().locator('#scoped').innerText()).toBe('HI!');
    expect(await p.text()).toContain('tpl=42');
    expect(await css('#scoped', 'width')).toBe('50px'); // page wxss after app.wxss
    expect(await css('#scoped', 'padding-left')).toBe('5.25px'); // 10.5rpx at 375px
    expect(await css('#scoped', 'margin-top')).toBe('-2px');
    expect(await css('#scoped', 'color')).toBe('rgb(1, 2, 3)'); // `view.tagged`
    expect(await css('#styled', 'width')).toBe('75px'); // inline 150rpx
    expect(await css('#styled', 'margin-left')).toBe('-1.25px');
    expect(await p.current().locator('#hidden').isVisible()).toBe(false);
    // `page {}` styles the page's host element.
    const host = p.current().locator('.mp-page-body > *').first();
    expect(await host.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(
      'rgb(238, 238, 238)',
    );
  });

  test('When a custom component renders, then its own WXSS applies, app.wxss does not, and its event reaches the page', async () => {
    const badge = p.current().getByRole('button', { name: '徽标 3' });
    expect(await badge.evaluate((el) => getComputedStyle(el).color)).toBe('rgb(200, 0, 0)');
    expect(await badge.innerText()).toBe('3槽');
    await p.tap(badge);
    expect((await data()).hits).toEqual(['3']);
  });

  test('When rich-text, icon and images render, then unsafe markup is dropped and local files load', async () => {
    const rich = p.current().locator('#rich');
    expect(await rich.innerText()).toBe('你好世界');
    expect(await rich.locator('p').getAttribute('class')).toMatch(/--para$/);
    expect(await rich.locator('script').count()).toBe(0);
    expect(
      await p.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
    ).toBeUndefined();
    expect(await p.current().locator('#icon svg').count()).toBe(1);
    await p.page.waitForFunction(() =>
      Array.from(document.querySelectorAll('#viewport wx-image img')).every(
        (i) => (i as HTMLImageElement).naturalWidth === 20,
      ),
    );
    expect((await data()).imageSize).toBe('20x10');
    expect(await p.current().getByRole('img', { name: '绿点' }).count()).toBe(1);
  });

  test('When the person types, then input events, maxlength, returned values, number filtering, blur and confirm behave as in WeChat', async () => {
    await p.type('姓名', 'abcdefg', { slow: true });
    const name = p.current().getByLabel('姓名', { exact: true });
    expect(await name.inputValue()).toBe('ABCDE'); // maxlength 5, the handler's return value shown
    // Each keystroke's value carries what the handler returned before: a, Ab, ABc, ABCd, ABCDe.
    expect((await data()).name).toBe('ABCDe');
    await name.press('Enter');
    await p.idle();
    expect((await data()).nameEvents).toEqual(['confirm:ABCDE', 'blur:ABCDE']);
    await p.type('数字', 'a1b2c3', { slow: true });
    expect((await data()).digits).toBe('123');
    await p.type('备注', '一二三四五六七八九十十一');
    expect((await data()).note).toBe('一二三四五六七八九十');
  });

  test('When pickers are used, then selector, multiSelector (with columnchange) and date answer change', async () => {
    await p.pick('水果', '香蕉');
    expect((await data()).fruitIndex).toBe(1);
    await p.pick('地区', '上海', '浦东');
    const d = await data();
    expect(d.colIndex).toEqual([1, 1]);
    expect(d.columnEvents).toEqual(['0:1', '1:1']);
    await p.pick('日期', '2024-05-06');
    expect((await data()).date).toBe('2024-05-06');
    // Cancelling changes nothing.
    await p.tap('水果');
    await p.tap('取消');
    expect((await data()).fruitIndex).toBe(1);
  });

  test('When a form is filled and submitted, then every named field is in the submit event, and reset clears it', async () => {
    await p.type('表单姓名', '李四');
    await p.tap('同意');
    expect((await data()).switchValue).toBe(true);
    await p.tap('猫'); // the label toggles its checkbox
    expect((await data()).pets).toEqual(['cat', 'dog']);
    await p.tap('大号');
    expect((await data()).size).toBe('l');
    await p.tap('提交表单');
    expect((await data()).submitted).toEqual({
      who: '李四',
      agree: true,
      pets: ['cat', 'dog'],
      size: 'l',
      level: 30,
    });
    await p.tap('重置');
    expect((await data()).resets).toBe(1);
    expect(await p.current().getByLabel('表单姓名').inputValue()).toBe('');
    expect(
      await p.current().getByRole('switch', { name: '同意' }).getAttribute('aria-checked'),
    ).toBe('false');
  });

  test('When a disabled button is tapped, then bindtap still fires (as in WeChat) and it reads as disabled', async () => {
    const button = p.current().getByRole('button', { name: '禁用按钮' });
    expect(await button.getAttribute('aria-disabled')).toBe('true');
    await p.tap(button, { force: true });
    expect((await data()).disabledTaps).toBe(1);
  });

  test('When the phone-number button is tapped, then privacy consent comes first and the page gets a devcloud code', async () => {
    await p.tap('手机号');
    await p.privacy('agree');
    await p.page.locator('#layers').getByLabel('微信绑定的手机号码').fill('13900001111');
    await p.tap('允许');
    expect((await data()).phoneCode).toMatch(/^[A-Za-z0-9_-]{8,}$/);
  });

  test('When an image is chosen and uploaded, then the file is in cloud storage under the person and shows by its fileID', async () => {
    const chooser = p.page.waitForEvent('filechooser');
    await p.current().getByRole('button', { name: '选图上传' }).click();
    await (
      await chooser
    ).setFiles({
      name: 'dot.svg',
      mimeType: 'image/svg+xml',
      buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"/>'),
    });
    await p.page.waitForFunction(
      () =>
        (
          window as unknown as { __preview: { page(): { data: { cloudImageLoaded?: boolean } } } }
        ).__preview.page().data.cloudImageLoaded === true,
    );
    const { fileID } = await data();
    expect(fileID).toMatch(/^cloud:\/\/devcloud\..+\/fixture\/\d+\.svg$/);
    expect(p.cloud.platform.fileInfo(fileID)).toMatchObject({ openid: DEMO.citizen });
  });

  test('When the subscription prompt is answered per template, then WeChat reports each and devcloud counts the accepted one', async () => {
    await p.tap('订阅');
    await p.subscribe({ 意见建议回复通知: 'accept', 信访办理进度通知: 'reject' });
    expect(JSON.parse((await data()).subscribeResult)).toEqual({
      errMsg: 'requestSubscribeMessage:ok',
      [T1]: 'accept',
      [T2]: 'reject',
    });
    expect(p.cloud.platform.quota(DEMO.citizen, T1)).toBe(1);
    expect(p.cloud.platform.quota(DEMO.citizen, T2)).toBe(0);
    // A modal's confirm counts as the tap: the prompt may follow it.
    await p.tap('先确认再订阅');
    expect((await p.modal()).title).toBe('订阅提醒');
    await p.tap('确定');
    await p.subscribe('accept');
    expect(p.cloud.platform.quota(DEMO.citizen, T1)).toBe(2);
  });

  test('When the page scrolls, then scroll-view and the page report reaching the bottom, and pull-down refresh runs', async () => {
    const before = await data();
    await p.current().evaluate((el) => el.scrollTo(0, 0));
    await p
      .current()
      .locator('#scroller')
      .evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await p.current().evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await p.page.waitForTimeout(100);
    await p.idle();
    const after = await data();
    expect(after.lower).toBe(before.lower + 1);
    expect(after.reachBottom).toBe(before.reachBottom + 1);
    await p.page.locator('#tool-refresh').click();
    await p.idle();
    expect((await data()).refreshes).toBe(before.refreshes + 1);
  });

  test('When navigating, then query strings reach onLoad and properties, the stack and tab bar behave as in WeChat', async () => {
    await p.tap('去第二页');
    expect(await p.title()).toBe('第二页 7');
    expect(await p.text()).toContain('x=7 word=%E4%BD%A0'); // Number property; values as written
    expect(
      await p.page.evaluate(() =>
        (window as unknown as { __preview: { stack(): string[] } }).__preview.stack(),
      ),
    ).toEqual(['pages/widgets/index', 'pages/second/index']);
    expect(await p.page.locator('#tabbar').isVisible()).toBe(false);
    await p.tap('重定向');
    expect(await p.text()).toContain('x=9');
    await p.back();
    expect(await p.title()).toBe('组件');
    expect((await data()).lifecycle.slice(-4)).toEqual([
      'onHide',
      'pageHide',
      'onShow',
      'pageShow',
    ]);

    await p.tap('去第二页');
    await p.tap('去标签页');
    expect(await p.title()).toBe('标签页');
    expect(await p.current().locator('#stored').innerText()).toBe('1'); // storage, and getApp()
    await p.tap('组件');
    expect(await p.title()).toBe('组件');
    await p.tap('第二个标签');
    expect(await p.current().locator('#shows').innerText()).toBe('2'); // tab pages stay alive
  });

  test('When the person is someone else, then storage and privacy consent are theirs alone', async () => {
    const keys = await p.page.evaluate(() =>
      Object.keys(localStorage).filter((k) => k.startsWith('mp:')),
    );
    expect(keys).toEqual(
      expect.arrayContaining([
        `mp:${DEMO.citizen}:storage:who`,
        `mp:${DEMO.citizen}:privacy:agreed`,
      ]),
    );
    await p.as(DEMO.otherCitizen);
    await p.tap('手机号');
    // A new person is asked again.
    await p.privacy('reject');
    expect((await data()).phoneCode).toBe(
      'getPhoneNumber:fail privacy permission is not authorized',
    );
    expect(await p.errors()).toEqual([]);
  });
});
