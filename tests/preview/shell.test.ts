// The preview's shell around the phone stays itself whatever the page renders: page element ids reach
// the DOM (for `#id` WXSS and tests), and must not be taken for the shell's own elements, neither by
// the runtime (dom.ts) nor by the test driver (browser.ts), which once picked 我的's `#identity` card
// instead of the identity switcher.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO, PREVIEW_DIR, openPreview, type Preview } from './browser';

const built = existsSync(join(PREVIEW_DIR, 'index.html'));

(built ? describe : () => undefined)('The preview shell', () => {
  let p: Preview;

  beforeAll(async () => {
    // 我的 has a card with id="identity", the id of the shell's identity switcher.
    p = await openPreview({ as: DEMO.citizen, path: '/pages/me/index' });
  }, 30_000);

  afterAll(async () => {
    await p?.close();
  });

  test('When the page has an element with the id of a shell element, then the identity switcher still lists and switches identities', async () => {
    const switcher = p.page.locator('select#identity');
    await expect(switcher.locator('option').count()).resolves.toBeGreaterThan(5);
    expect(await p.current().locator('#identity').innerText()).toBe('欢迎使用12309检察服务');

    await p.as(DEMO.handler, '/pages/me/index');
    expect(await switcher.inputValue()).toBe(DEMO.handler);
    expect(await p.current().locator('#identity').innerText()).toBe('张华（工作人员）');
    expect(await p.errors()).toEqual([]);
  });
});
