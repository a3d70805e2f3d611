// The whole petition story in the browser preview, through what people tap and type: a citizen
// files a petition with a photo, the registrar registers and accepts it, the leader assigns it,
// the handler sends the procedural reply and the answer, and the citizen — told by subscription
// messages at each step — reads the answer, opens the photo and rates it; the handler closes it
// and the registrar archives it and opens its archive dossier.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO, PREVIEW_DIR, openPreview, type Preview } from './browser';

const built = existsSync(join(PREVIEW_DIR, 'index.html'));

/** The smallest valid PNG (1×1), as a photo of the evidence. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

(built ? describe : () => undefined)('A petition in the browser preview', () => {
  let p: Preview;
  let receipt = '';
  const request = '请求依法查处邻居长期占用消防通道的行为';
  const facts = '2025年5月起，邻居在楼道内长期堆放杂物，占用消防通道，多次反映没有结果。';
  const reasons = '占用消防通道危及公共安全，有关部门未依法处理。';
  const answer = '经核查，已督促有关部门依法清理，消防通道已恢复畅通。';

  beforeAll(async () => {
    p = await openPreview({ as: DEMO.citizen });
    // The real-name profile has its own page and tests; here the citizen already has one.
    const saved = await p.cloud.invoke(
      'account',
      {
        action: 'profile.save',
        input: { name: '张三', idNumber: '11010519491231002X', mobile: '13800138000' },
      },
      { openid: DEMO.citizen },
    );
    expect(saved.result).toMatchObject({ ok: true });
  }, 30_000);

  afterAll(async () => {
    await p?.close();
  });

  afterEach(async () => {
    expect(await p.errors()).toEqual([]);
  });

  test('When a citizen fills in a petition with a photo and submits, then a receipt number is shown', async () => {
    await p.launch('/pages/index/index', { as: DEMO.citizen });
    await p.tap(/^其他信访/);
    await p.waitForText('信访人信息来自您的实名信息');
    await p.waitForData('unitsState', 'ready');
    await p.pick(/^受理检察院/, '北京市人民检察院', '北京市朝阳区人民检察院');
    await p.type(/^诉求/, request);
    await p.type(/^事实/, facts);
    await p.type(/^理由/, reasons);
    await p.type(/^住址/, '北京市朝阳区建国路88号');

    const chooser = p.page.waitForEvent('filechooser');
    await p.tap('添加照片');
    // The privacy prompt and the source sheet answer while wx.chooseMedia is still in flight, so
    // they are clicked directly (the helpers wait for the page to be idle first).
    const layers = p.page.locator('#layers');
    await layers
      .locator('[data-preview-layer="privacy"]')
      .getByRole('button', { name: '同意' })
      .click();
    await layers.getByText('从手机相册选择', { exact: true }).click();
    await (await chooser).setFiles({ name: 'evidence.png', mimeType: 'image/png', buffer: PNG });
    await p.waitForText('已上传');

    await p.tap('提交信访');
    await p.subscribe('accept');
    await p.waitForText('受理编号');
    receipt = /110105-\d{4}-\d{6}/.exec(await p.text())?.[0] ?? '';
    expect(receipt).not.toBe('');
    await p.shot('preview-petition-submitted');
    // The detail says by when the procedural reply is due (the deadline engine's date).
    await p.tap('查看本件信访');
    await p.waitForText('预计答复');
    expect(await p.text()).toMatch(/预计答复 \d{4}-\d{2}-\d{2} 23:59 前/);
  }, 60_000);

  test('When the registrar registers and accepts it and the leader assigns it, then each step is saved', async () => {
    await p.as(DEMO.registrar);
    await p.tap('我的');
    await p.tap(/^信访办理/);
    await p.tap(new RegExp(`^${receipt}`));
    await p.waitForText(request);
    expect(await p.text()).toContain('程序性答复期限');
    await p.tap('登记');
    await p.pick(/^承办部门/, '控告申诉检察部');
    await p.tap('提交登记');
    await p.waitForText('已登记');
    await p.tap('受理');
    await p.waitForText('已受理');

    await p.as(DEMO.leader);
    await p.tap('我的');
    await p.tap(/^信访办理/);
    await p.tap(new RegExp(`^${receipt}`));
    await p.tap('分配承办人');
    await p.pick(/^承办人/, '张华');
    await p.tap('提交分配承办人');
    await p.waitForText('承办人');
  }, 60_000);

  test('When the handler replies and answers, then the answer is saved after confirming', async () => {
    await p.as(DEMO.handler);
    await p.tap('我的');
    await p.tap(/^信访办理/);
    await p.tap(new RegExp(`^${receipt}`));
    await p.tap('程序性答复');
    await p.type(/^答复内容/, '您的信访已受理，我院正在依法办理。');
    await p.tap('提交程序性答复');
    await p.waitForText('您的信访已受理，我院正在依法办理。');

    await p.tap('答复办理结果');
    await p.type(/^答复内容/, answer);
    await p.type(/^办理结果/, '已督促依法处理');
    await p.tap('提交答复办理结果');
    const confirm = await p.modal();
    expect(confirm.title).toContain('答复');
    await p.tap('确认答复办理结果');
    await p.waitForText(answer);
    await p.shot('preview-petition-answered-staff');
  }, 60_000);

  test('When the citizen comes back, then the message of receipt opens the detail, which shows the answer and the photo, and the rating is saved', async () => {
    await p.as(DEMO.citizen);
    // One consent, one message (WeChat's one-time subscriptions): "received"; the later steps
    // wait in the outbox for the next consent, and the detail shows them all.
    expect(await p.messages()).toEqual(['信访办理进度通知']);
    await p.openMessage(0);
    expect((await p.route()).route).toBe('citizen/petition-detail/index');
    await p.waitForText(answer);
    expect(await p.text()).toContain(receipt);
    expect(await p.text()).toContain('1.png');

    await p.tap('满意');
    await p.type(/^评价内容/, '办理及时，感谢。');
    await p.tap('提交评价');
    await p.waitForText('办理及时，感谢。');
    await p.shot('preview-petition-rated');
  }, 60_000);

  test('When the handler closes it and, after the review window, the registrar archives it, then the archive dossier opens from the detail', async () => {
    await p.as(DEMO.handler);
    await p.tap('我的');
    await p.tap(/^信访办理/);
    await p.tap(new RegExp(`^${receipt}`));
    await p.tap('办结');
    await p.modal();
    await p.tap('确认办结');
    await p.waitForText('已办结');
    const { id } = (await p.route()).query;

    // The 30 days for a review (复查) pass: every moment of the stored petition moves 40 days back.
    const raw = p.cloud.store.raw;
    const text = raw.prepare('SELECT doc FROM "coll_petitions" WHERE _id = ?').pluck().get(id);
    const aged = JSON.parse(text as string, (_key, value: { $date?: unknown } | null) =>
      value && typeof value === 'object' && typeof value.$date === 'string'
        ? { $date: new Date(Date.parse(value.$date) - 40 * 24 * 3600_000).toISOString() }
        : value,
    ) as unknown;
    raw.prepare('UPDATE "coll_petitions" SET doc = ? WHERE _id = ?').run(JSON.stringify(aged), id);

    await p.as(DEMO.registrar);
    await p.tap('我的');
    await p.tap(/^信访办理/);
    await p.tap(new RegExp(`^${receipt}`));
    await p.tap('归档');
    await p.modal();
    await p.tap('确认归档');
    await p.tap('查看归档卷宗');
    await p.waitForText('信访事项归档卷宗');
    expect((await p.route()).route).toBe('staff/petition-dossier/index');
    const dossier = await p.text();
    for (const shown of [receipt, request, answer, '期限执行情况', '审计摘录', '1.png']) {
      expect(dossier).toContain(shown);
    }
    await p.shot('preview-petition-dossier');
  }, 60_000);
});
