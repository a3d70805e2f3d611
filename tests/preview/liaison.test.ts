// A deputy's opinion end to end in the browser preview (#7), through what people tap and type: the
// administrator of 北京市朝阳区人民检察院 (赵丽) issues an invitation code on 代表委员邀请码; the deputy
// arrives by the official account's deep link (`?service=deputy-suggestion`), binds with the code
// and their name, and submits an opinion (with the reply notification accepted); the registrar
// (李明) assigns it to 张华 from 代表委员与监督员事项; 张华 replies online; the deputy gets the
// message, opens it and reads the reply, the due date met.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PREVIEW_DIR, openPreview, type Preview } from './browser';

const built = existsSync(join(PREVIEW_DIR, 'index.html'));

const ADMIN = 'o-staff-110105-admin';
const REGISTRAR = 'o-staff-110105-registrar';
const HANDLER = 'o-staff-110105-handler';
/** A deputy no binding knows yet. */
const DEPUTY = `o-preview-deputy-${Date.now() % 100_000}`;
const NAME = '秦立新';
const TITLE = '关于在社区设立检察联络点的建议';
const REPLY = '感谢您的建议。我院已在辖区三个街道设立检察联络点，定期安排检察官接待群众。';

(built ? describe : () => undefined)('A deputy’s opinion in the browser preview', () => {
  let p: Preview;
  let code = '';

  beforeAll(async () => {
    p = await openPreview({ as: ADMIN });
  }, 30_000);
  afterAll(async () => {
    await p?.close();
  });
  afterEach(async () => {
    expect(await p.errors()).toEqual([]);
  });

  test('When the administrator issues a code for a named deputy, then it is shown once and listed as 待使用', async () => {
    await p.launch('/pages/me/index', { as: ADMIN });
    await p.tap('代表委员邀请码');
    await p.waitForText('签发邀请码');
    await p.type(/^姓名/, NAME);
    await p.pick(/^身份/, '人大代表');
    await p.tap('签发邀请码');
    await p.waitForText(`已为人大代表 ${NAME}签发邀请码`);
    code = ((await p.data()) as { issued: { code: string } }).issued.code;
    expect(code).toMatch(/^[A-Z0-9]{8}$/);
    expect(await p.text()).toContain(code);
    expect(await p.text()).toContain('待使用');
    await p.shot('preview-liaison-invitation');
  }, 60_000);

  test('When the deputy opens the deep link, binds with the code and submits an opinion, then it is filed', async () => {
    await p.launch('/pages/index/index?service=deputy-suggestion', { as: DEPUTY });
    await p.waitForText('请输入检察院发给您的邀请码');
    expect((await p.route()).route).toBe('liaison/home/index');
    await p.type(/^邀请码/, code.toLowerCase());
    await p.type(/^姓名/, NAME);
    await p.tap('绑定身份');
    await p.waitForText(`${NAME} · 人大代表`);
    await p.waitForText('您还没有提交过事项');

    await p.tap('提交意见建议');
    await p.waitForData('state', 'form');
    expect(await p.text()).toContain('北京市朝阳区人民检察院');
    await p.type(/^主题/, TITLE);
    await p.type(
      /^内容/,
      '建议在各街道设立检察联络点，方便群众就近反映问题，并定期邀请人大代表参与接待，听取基层意见。',
    );
    await p.tap('提交');
    await p.subscribe('accept');
    const confirm = await p.modal();
    expect(confirm.title).toBe('确定提交意见建议？');
    expect(confirm.content).toContain('三个月内答复');
    await p.tap('提交');
    await p.waitForText('提交成功');
    await p.tap('查看本条事项');
    await p.waitForText('待分办');
    const text = await p.text();
    expect(text).toContain(TITLE);
    expect(text).toContain('答复期限');
    await p.shot('preview-liaison-submitted');
  }, 60_000);

  test('When the registrar assigns it to 张华 and 张华 replies online, then the deputy is notified and reads the reply', async () => {
    await p.launch('/pages/me/index', { as: REGISTRAR });
    await p.tap('代表委员与监督员事项');
    await p.waitForText(TITLE);
    await p.tap(new RegExp(`^${TITLE}，`));
    await p.waitForText(`人大代表 ${NAME}`);
    await p.pick(/^承办人/, '张华（控告申诉检察部）');
    await p.tap('分办');
    expect((await p.modal()).title).toBe('确定分办？');
    await p.tap('确定');
    await p.waitForText('张华（控告申诉检察部）');
    expect(await p.text()).toContain('办理中');

    await p.launch('/pages/me/index', { as: HANDLER });
    await p.tap('代表委员与监督员事项');
    await p.tap(/^办理中/);
    await p.tap(new RegExp(`^${TITLE}，`));
    await p.waitForText('发送答复');
    await p.type(/^答复内容/, REPLY);
    await p.tap('发送答复');
    expect((await p.modal()).title).toBe('确定发送答复？');
    await p.tap('确定');
    await p.waitForText('已通知提交人');
    await p.shot('preview-liaison-staff-replied');

    await p.launch('/pages/me/index', { as: DEPUTY });
    expect((await p.messages())[0]).toContain('意见建议回复通知');
    await p.openMessage(0);
    await p.waitForText(REPLY);
    expect((await p.route()).route).toBe('liaison/detail/index');
    const text = await p.text();
    expect(text).toContain('已答复');
    expect(text).toContain('北京市朝阳区人民检察院的答复');
    expect(text).toContain('网上答复');
    expect(text).toContain('按期完成');
    await p.shot('preview-liaison-deputy-reply');
  }, 90_000);
});
