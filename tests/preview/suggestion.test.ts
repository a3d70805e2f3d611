// The preview shows the product itself: a citizen files a suggestion through the real pages in a
// browser, a handler of the procuratorate answers it, and the citizen sees the reply and WeChat's
// notification. Everything goes through what a person taps and types.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO, PREVIEW_DIR, openPreview, type Preview } from './browser';

// The preview needs WeChat's wcc (x86-64 only); elsewhere the build skips it and says why.
const built = existsSync(join(PREVIEW_DIR, 'index.html'));

test('When the build runs on x86-64, then the preview is built', () => {
  expect(built || process.arch !== 'x64').toBe(true);
});

(built ? describe : () => undefined)('The browser preview', () => {
  let p: Preview;
  const content = '建议在检察服务大厅增加老年人休息区和饮水设施，方便群众等候。';
  const reply = '感谢您的建议，我院已在服务大厅增设休息区和饮水机。';

  beforeAll(async () => {
    p = await openPreview({ as: DEMO.citizen });
  }, 30_000);

  afterAll(async () => {
    await p?.close();
  });

  afterEach(async () => {
    expect(await p.errors()).toEqual([]);
  });

  test('When a citizen opens the preview, then the service hall shows every service in a phone frame', async () => {
    expect(await p.title()).toBe('12309检察服务');
    const tiles = p.current().locator('[role="button"][aria-label]');
    expect(await tiles.count()).toBeGreaterThanOrEqual(20);
    for (const name of ['控告', '刑事申诉', '意见建议箱', '意见建议查询', '法律法规查询']) {
      await expect(
        p
          .current()
          .getByRole('button', { name: new RegExp(`^${name}`) })
          .count(),
      ).resolves.toBe(1);
    }
    // No staff entry for a citizen; the tab bar shows both tabs with their icons.
    expect(await p.text()).not.toContain('工作人员入口');
    const tabs = p.page.locator('#tabbar [role="tab"]');
    expect(await tabs.allInnerTexts()).toEqual(['服务大厅', '我的']);
    expect(await p.page.locator('#tabbar img').count()).toBe(2);
    const box = await p.page.locator('#screen').boundingBox();
    expect(box?.width).toBe(375);
    await p.shot('preview-hall');
  });

  test('When a citizen fills in the suggestion box and submits, then the query code is shown', async () => {
    await p.tap('意见建议箱');
    expect(await p.title()).toBe('意见建议箱');
    await p.waitForData('unitsState', 'ready');
    await p.pick(/^受理检察院/, '北京市人民检察院', '北京市朝阳区人民检察院');
    await p.pick(/^建议类别/, '服务群众');
    await p.type(/^意见建议内容/, content);
    await p.type(/^联系人姓名/, '陈晓');
    await p.type(/^联系电话/, '13800138000');
    expect(await p.text()).toContain(`已输入${content.length}/1000字`);
    const filled = await p.data<{ procuratorateId: string; topic: string; notify: boolean }>();
    expect(filled).toMatchObject({ procuratorateId: '110105', topic: '服务群众', notify: true });

    await p.tap('提交意见建议');
    await p.subscribe('accept');
    await p.waitForText('提交成功');
    const code = (await p.current().locator('#query-code').innerText()).trim();
    expect(code).toMatch(/^[A-Z0-9]{10}$/);
    expect(await p.text()).toContain('检察院回复后，将通过微信服务通知提醒您。');
    await p.shot('preview-submitted');
  }, 30_000);

  test('When the handler opens the staff entry and replies, then the reply is filed after confirming', async () => {
    await p.as(DEMO.handler);
    await p.tap(/^工作人员入口/);
    expect(await p.title()).toBe('意见建议办理');
    await p.tap(/^服务群众，待回复/);
    expect(await p.title()).toBe('回复意见建议');
    expect(await p.text()).toContain(content);
    await p.type(/^答复内容/, reply);
    await p.tap('提交答复');
    expect(await p.modal()).toEqual({
      title: '确认回复',
      content: '回复提交后不能修改或撤回，并将通知提交人（如其已订阅）。确定提交吗？',
    });
    await p.tap('确认回复');
    await p.waitForText(reply);
    expect(await p.text()).toContain('已回复');
    expect(await p.text()).toContain('已通知');
  }, 30_000);

  test('When the citizen comes back, then the reply and its notification are there, and the message opens the detail', async () => {
    await p.as(DEMO.citizen);
    expect(await p.messages()).toEqual(['意见建议回复通知']);
    await p.tap('我的');
    await p.tap('我的意见建议');
    await p.tap(/^服务群众，已回复/);
    expect(await p.title()).toBe('意见建议详情');
    expect(await p.text()).toContain(reply);

    await p.tap('服务大厅');
    await p.openMessage(0);
    expect((await p.route()).route).toBe('citizen/suggestion-detail/index');
    expect(await p.title()).toBe('意见建议详情');
    await p.waitForText(reply);
    // Opened from a notification: the only page, with WeChat's home button.
    expect(await p.page.locator('#nav-home').isVisible()).toBe(true);
    await p.shot('preview-reply-detail');
  }, 30_000);
});
