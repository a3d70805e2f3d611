// Keeping the promise (#5) in the browser preview, through what people tap and type: a petition
// whose procedural reply is overdue is escalated (督办) by the scheduler's timer, and the leader
// finds it with the 已超期 filter and reads the escalation and the missed deadline on its detail;
// the leader's 信访统计 sets the 7-day and 3-month rates beside the national figures and marks the
// month that fell below; the citizen asks for the handler's recusal, the leader grants it with a
// new handler, who asks for 20 more days, which the leader approves and the citizen is told of;
// and the same matter filed again in other words is suggested to the registrar as a repeat, whose
// drafted explanation fills the refusal form on ground 3.
//
// The petitions the story starts from are filed, registered, accepted and assigned through the
// functions (the pages of those steps are driven in petition.test.ts); the repeat is filed through
// the submit page.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO, PREVIEW_DIR, openPreview, type Preview } from './browser';

const built = existsSync(join(PREVIEW_DIR, 'index.html'));

const DAY = 24 * 3600_000;
const UNIT = '110105';
/** The second handler of the demo unit's 控告申诉检察部 (陈静), who takes over on recusal. */
const HANDLER2 = 'o-staff-110105-handler2';
const MOBILE = '13800138000';
/** The statistics page's class prefix (the preview scopes each page's classes). */
const STATS = 'p-staff-petition-stats-index--';

type Envelope<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

/** `YYYY年M月` of a moment in China time, as the statistics page names months. */
function monthName(iso: string): string {
  const d = new Date(Date.parse(iso) + 8 * 3600_000);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月`;
}

(built ? describe : () => undefined)('Keeping the promise in the browser preview', () => {
  let p: Preview;
  let tokens = 0;

  async function call<T = Record<string, unknown>>(
    action: string,
    input: Record<string, unknown>,
    openid: string,
  ): Promise<T> {
    const out = await p.cloud.invoke('petition', { action, input }, { openid });
    const res = out.result as Envelope<T>;
    if (!res.ok) throw new Error(`${action} as ${openid}: ${JSON.stringify(res.error)}`);
    return res.data;
  }

  /** Files an "other" petition to the demo unit as the citizen; answers its id and receipt. */
  function file(matter: { request: string; facts: string; reasons: string }) {
    tokens += 1;
    return call<{ id: string; receiptNumber: string }>(
      'submit',
      {
        kind: 'other',
        procuratorateId: UNIT,
        ...matter,
        address: '北京市朝阳区建国路88号',
        contact: MOBILE,
        clientToken: `promise-${tokens}-${Date.now().toString(36)}`,
      },
      DEMO.citizen,
    );
  }

  /** Moves every moment of a stored petition `days` days back, as if all of it happened then. */
  function age(id: string, days: number) {
    const raw = p.cloud.store.raw;
    const text = raw.prepare('SELECT doc FROM "coll_petitions" WHERE _id = ?').pluck().get(id);
    const aged = JSON.parse(text as string, (_key, value: { $date?: unknown } | null) =>
      value && typeof value === 'object' && typeof value.$date === 'string'
        ? { $date: new Date(Date.parse(value.$date) - days * DAY).toISOString() }
        : value,
    ) as unknown;
    raw.prepare('UPDATE "coll_petitions" SET doc = ? WHERE _id = ?').run(JSON.stringify(aged), id);
  }

  /** Waits until the toast of the last step has gone, so a screenshot shows the page beneath. */
  async function toastGone() {
    await p.page.locator('#layers [data-preview-layer="toast"]').waitFor({ state: 'hidden' });
  }

  /** Opens a petition from the staff inbox (我的 → 信访办理), as `openid`. */
  async function openAsStaff(openid: string, receipt: string) {
    await p.as(openid);
    await p.tap('我的');
    await p.tap(/^信访办理/);
    await p.waitForData('state', 'ready');
    await p.tap(new RegExp(`^${receipt}`));
    await p.waitForData('state', 'ready');
    await p.waitForText(receipt);
  }

  /** Opens a petition from the citizen's 我的信访. */
  async function openAsCitizen(receipt: string) {
    await p.as(DEMO.citizen);
    await p.tap('我的');
    await p.tap('我的信访');
    await p.waitForData('state', 'ready');
    await p.tap(new RegExp(`受理编号 ${receipt}`));
    await p.waitForData('state', 'ready');
    await p.waitForText(receipt);
  }

  // The overdue petition (a different matter from the others, so never suggested as their repeat).
  let overdue = { id: '', receiptNumber: '' };
  let overdueSubmittedAt = '';
  // The petition whose handler withdraws and whose period is extended; filed again later.
  const matter = {
    request: '请求依法查处小区物业公司擅自占用公共绿地建设停车场的行为',
    facts:
      '2026年8月起，小区物业公司未经业主同意，砍伐楼间公共绿地的树木，铺设水泥改建为收费停车场，业主多次向街道反映没有结果。',
    reasons: '物业公司擅自改变公共绿地用途，侵害全体业主的共有权益，有关部门未依法处理。',
  };
  let handled = { id: '', receiptNumber: '' };

  beforeAll(async () => {
    p = await openPreview({ as: DEMO.citizen });
    // The real-name profile has its own page and tests; here the citizen already has one.
    const saved = await p.cloud.invoke(
      'account',
      {
        action: 'profile.save',
        input: { name: '张三', idNumber: '11010519491231002X', mobile: MOBILE },
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

  test('When a petition’s procedural reply is overdue and the scheduler runs, then the leader finds it under 已超期 and its detail shows the 督办 and the missed deadline', async () => {
    overdue = await file({
      request: '请求依法处理楼下餐馆油烟和噪声长期扰民的问题',
      facts:
        '2026年9月起，楼下餐馆排放油烟、夜间噪声严重，影响居民休息，向有关部门反映后没有处理。',
      reasons: '餐馆的经营行为违反环境保护规定，有关部门未依法履行监管职责。',
    });
    // Nobody answered it for 20 days: the 7 days of the procedural reply are long past.
    age(overdue.id, 20);
    const fired = await p.cloud.fireTimer('scheduler', new Date());
    expect(fired.result).toMatchObject({ ok: true, data: { deadlines: { escalated: 1 } } });

    await p.as(DEMO.leader);
    await p.tap('我的');
    await p.tap(/^信访办理/);
    await p.waitForData('state', 'ready');
    await p.pick(/^按办理期限筛选/, '已超期');
    await p.waitForData('state', 'ready');
    const inbox = await p.data<{ shown: { receiptNumber: string; overdue: boolean }[] }>();
    expect(inbox.shown).toEqual([
      expect.objectContaining({ receiptNumber: overdue.receiptNumber, overdue: true }),
    ]);
    await p.tap(new RegExp(`^${overdue.receiptNumber}，已超期`));
    await p.waitForData('state', 'ready');
    await p.waitForText('督办');

    const { petition } = await p.data<{
      petition: {
        submittedAtText: string;
        due: { label: string; text: string; overdue: boolean }[];
        alerts: { text: string; overdue: boolean }[];
      };
    }>();
    const procedural = petition.due.find((d) => d.label === '程序性答复期限');
    expect(procedural).toMatchObject({ overdue: true });
    const dueText = procedural?.text ?? '';
    expect(dueText).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    // Told: the registrar (nobody handles it yet) and the leader.
    expect(petition.alerts).toEqual([
      {
        key: '0',
        overdue: true,
        text: expect.stringContaining(`已超期，已督办：程序性答复期限 ${dueText}（通知2人）`),
      },
    ]);
    const shown = await p.text();
    expect(shown).toContain(`程序性答复期限 ${dueText}已超期`);
    expect(shown).toContain(`督办 ${petition.alerts[0]?.text}`);
    overdueSubmittedAt = (
      await call<{ submittedAt: string }>('get', { id: overdue.id }, DEMO.leader)
    ).submittedAt;
    await p.shot('preview-promise-escalated');
  }, 60_000);

  test('When the leader opens 信访统计 from the inbox, then the rates stand beside the national figures and the overdue petition’s month is marked below them', async () => {
    await p.back();
    await p.waitForData('state', 'ready');
    await p.tap('信访统计');
    await p.waitForData('state', 'ready');
    expect(await p.title()).toBe('信访统计');
    const at = (id: string) => p.current().locator(`#${id}`);
    expect(await at('unit-name').innerText()).toBe('北京市朝阳区人民检察院');
    expect(await at('period').innerText()).toContain('收到信访1件');
    // The 7 days came to a head without a reply: 0 of 1, below 99.8%.
    expect(await at('procedural-rate').innerText()).toBe('0%');
    expect(await at('procedural-national').innerText()).toMatch(/^全国\d{4}年：99\.8%$/);
    expect(await at('procedural-below').innerText()).toBe('低于全国');
    // The 3 months have not come to a head for anything yet.
    expect(await at('result-rate').innerText()).toBe('—');
    expect(await at('result-national').innerText()).toMatch(/^全国\d{4}年：97\.3%$/);
    expect(await at('result-below').count()).toBe(0);
    expect(await at('overdue-now').innerText()).toBe('1件');

    const month = p
      .current()
      .locator(`#by-month .${STATS}month-row`)
      .filter({ hasText: monthName(overdueSubmittedAt) });
    expect(await month.count()).toBe(1);
    expect((await month.innerText()).replace(/\s+/g, ' ')).toContain('收到 1件');
    const below = month.locator(`.${STATS}value-below`);
    expect(await below.allInnerTexts()).toEqual(['7日回复 0%（0/1）', '超期 1件']);
    await p
      .current()
      .locator('#summary')
      .evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await p.shot('preview-promise-stats');
    await month.scrollIntoViewIfNeeded();
    await p.shot('preview-promise-stats-month');
  }, 60_000);

  test('When the citizen asks for the handler’s recusal, the leader grants it with a new handler, who asks for 20 more days and the leader approves, then the citizen reads 办理期限已延长20日', async () => {
    handled = await file(matter);
    await call('register', { id: handled.id, departmentId: `${UNIT}-ks` }, DEMO.registrar);
    await call('accept', { id: handled.id }, DEMO.registrar);
    await call('assign', { id: handled.id, staffId: `st-${UNIT}-handler` }, DEMO.leader);

    // The citizen asks that 张华 withdraw.
    await openAsCitizen(handled.receiptNumber);
    const expectedBefore = await p.current().locator('#reply-expected').innerText();
    await p.tap('申请承办人回避');
    await p.type(/^申请回避的理由/, '承办人张华与物业公司负责人系亲属关系，可能影响公正处理。');
    await p.tap('提交回避申请');
    await p.subscribe('reject');
    expect((await p.modal()).title).toBe('确定申请承办人回避？');
    await p.tap('申请回避');
    await p.waitForText('检察院正在审查您的回避申请');

    // The leader grants it: 陈静 handles it from now on.
    await openAsStaff(DEMO.leader, handled.receiptNumber);
    await p.waitForText('信访人申请承办人张华回避');
    await p.pick(/^新的承办人/, '陈静');
    await p.tap('决定回避并更换承办人');
    expect((await p.modal()).title).toBe('确认决定回避');
    await p.tap('确认回避');
    await p.current().locator('#handler', { hasText: '陈静' }).waitFor();
    expect(await p.current().locator('#recusals').innerText()).toContain('决定回避');

    // 陈静 asks for 20 more days.
    await openAsStaff(HANDLER2, handled.receiptNumber);
    await p.pick(/^延长天数/, '20日');
    await p.type(/^延期理由/, '需向住建、城管部门调取物业改建审批材料核实');
    await p.tap('申请延长办理期限');
    await p.waitForText('申请延长办理期限20日');
    expect(await p.current().locator('#extensions').innerText()).toContain('待审批');

    // The leader approves.
    await openAsStaff(DEMO.leader, handled.receiptNumber);
    await p.waitForText('申请延长办理期限20日');
    await p.tap('批准延期');
    expect((await p.modal()).content).toContain('办理期限延长20日');
    await p.tap('确认批准');
    await p.waitForText('已批准');
    await toastGone();
    await p.current().locator('#extensions').scrollIntoViewIfNeeded();
    await p.shot('preview-promise-extension-approved');

    // The citizen is told.
    await openAsCitizen(handled.receiptNumber);
    await p.waitForText('办理期限已延长20日');
    expect(await p.current().locator('#extension-text').innerText()).toBe(
      '办理期限已延长20日，理由：需向住建、城管部门调取物业改建审批材料核实',
    );
    expect(await p.current().locator('#recusal-decision').innerText()).toContain(
      '决定承办人回避，已更换承办人',
    );
    // The answer the citizen is promised moves with the handling period.
    const expectedAfter = await p.current().locator('#reply-expected').innerText();
    const day = (text: string) => Date.parse(`${text.slice(0, 10)}T00:00:00Z`);
    expect(day(expectedAfter) - day(expectedBefore)).toBeGreaterThanOrEqual(20 * DAY);
    await p.current().locator('#recusal').scrollIntoViewIfNeeded();
    await p.shot('preview-promise-extended');
  }, 60_000);

  test('When the citizen files the same matter again in other words, then the registrar sees 疑似重复信访 with the first receipt, and the drafted explanation fills the refusal on ground 3', async () => {
    // Filed through the submit page.
    await p.as(DEMO.citizen);
    await p.tap('服务大厅');
    await p.tap(/^其他信访/);
    await p.waitForText('信访人信息来自您的实名信息');
    await p.waitForData('unitsState', 'ready');
    await p.pick(/^受理检察院/, '北京市人民检察院', '北京市朝阳区人民检察院');
    await p.type(/^诉求/, '要求查处物业公司把小区公共绿地改成收费停车场');
    await p.type(
      /^事实/,
      '物业公司砍掉了楼间公共绿地的树木，铺上水泥改成收费停车场，没有经过业主同意。这是2026年8月开始的，我们多次向街道反映都没有结果。',
    );
    await p.type(
      /^理由/,
      '公共绿地是全体业主共有的，物业公司擅自改变用途，有关部门一直没有依法处理。',
    );
    await p.type(/^住址/, '北京市朝阳区建国路88号');
    await p.tap('提交信访');
    await p.subscribe('reject');
    await p.waitForText('受理编号');
    const again = new RegExp(`${UNIT}-\\d{4}-\\d{6}`).exec(await p.text())?.[0] ?? '';
    expect(again).not.toBe('');
    expect(again).not.toBe(handled.receiptNumber);

    // The registrar is told it may repeat the first, and only that one.
    await openAsStaff(DEMO.registrar, again);
    await p.waitForText('疑似重复信访');
    await p.current().locator('#suggestions').scrollIntoViewIfNeeded();
    await p.shot('preview-promise-duplicate-suggested');
    const suggestions = await p.current().locator('#duplicates').innerText();
    expect(suggestions).toContain(handled.receiptNumber);
    expect(suggestions).toContain('承办中');
    expect(suggestions).not.toContain(overdue.receiptNumber);
    // Refusing comes after registering; then the draft is offered.
    await p.tap('登记');
    await p.pick(/^承办部门/, '控告申诉检察部');
    await p.tap('提交登记');
    await p.waitForText('已登记');
    await p.tap('按第三项情形填写不予受理说明');
    await p.waitForText('不予受理的理由');
    const form = await p.data<{
      active: string;
      groundIndex: number;
      groundOptions: { value: number; name: string }[];
      explanation: string;
    }>();
    expect(form.active).toBe('REFUSE');
    expect(form.groundOptions[form.groundIndex]?.value).toBe(3);
    const ground = p.current().locator('#ground-picker');
    expect(await ground.innerText()).toContain('同一事项已经受理或者正在办理');
    const explanation = await p
      .current()
      .getByLabel(/^不予受理的说明/)
      .inputValue();
    expect(explanation).toBe(form.explanation);
    expect(explanation).toContain(`受理编号${handled.receiptNumber}的信访事项相同`);
    expect(explanation).toContain('正在办理中');
    await toastGone();
    await p.current().locator('#action-form').scrollIntoViewIfNeeded();
    await p.shot('preview-promise-duplicate-refusal');

    // The filled form is one the function takes.
    await p.tap('提交不予受理');
    expect((await p.modal()).title).toBe('确认不予受理');
    await p.tap('确认不予受理');
    await p.waitForText(explanation);
    expect(await p.current().locator('#status').innerText()).toBe('不予受理');
  }, 60_000);
});
