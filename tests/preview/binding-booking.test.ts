// Binding to a case and booking an appointment in the browser preview, through what people tap and
// type: a citizen with a real-name profile asks to be bound to a case as 当事人本人 with a photo of
// their ID card, case management (周婷) approves it on the review page, and the citizen opens the
// case's procedure information; then a lawyer bound to a case as defender books a meeting with the
// prosecutor on the booking page, case management confirms it from 预约办理, and the lawyer sees
// 已确认 in 我的预约 and in the detail the message opens.
//
// The case, the slots, and the lawyer's verification and binding are made through the functions
// (their pages are driven in tests/miniprogram/case-binding.test.ts and appointments.test.ts).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { boundTo, registerCase as register, verifiedLawyer } from '../helpers/cases';
import { DEMO, PREVIEW_DIR, openPreview, type Preview } from './browser';

const built = existsSync(join(PREVIEW_DIR, 'index.html'));

const AG = 'o-staff-110105-ag'; // 周婷, case management of 北京市朝阳区人民检察院
const CITIZEN = DEMO.citizen; // 陈晓
const LAWYER = DEMO.lawyer; // 黄律师

/** The smallest valid PNG (1×1), as the photo of an ID card. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

type Envelope<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

/** `YYYY-MM-DD`, `n` days after today in China time. */
function chinaDay(n: number): string {
  const d = new Date(Date.now() + 8 * 3600_000);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

(built ? describe : () => undefined)('Binding and booking in the browser preview', () => {
  let p: Preview;
  const serial = String(Date.now() % 1_000_000).padStart(6, '0');
  const partyCase = `京朝检刑诉受〔2025〕110105${serial}号`;
  const lawyerCase = `京朝检刑诉受〔2025〕110105${String((Number(serial) + 1) % 1_000_000).padStart(6, '0')}号`;
  const day = chinaDay(2);

  async function call<T = Record<string, unknown>>(
    fn: string,
    action: string,
    input: Record<string, unknown>,
    openid: string,
  ): Promise<T> {
    const out = await p.cloud.invoke(fn, { action, input }, { openid });
    const res = out.result as Envelope<T>;
    if (!res.ok) throw new Error(`${fn}.${action} as ${openid}: ${JSON.stringify(res.error)}`);
    return res.data;
  }

  function registerCase(caseNumber: string, party: string) {
    return register(p.cloud, caseNumber, {
      acceptedOn: '2025-05-01',
      timeLimit: '2025-06-15',
      parties: [
        { name: '张三', role: 'suspect', age: 30 },
        { name: party, role: 'victim' },
      ],
      measures: [{ partyName: '张三', measure: '取保候审', from: '2025-05-01' }],
    });
  }

  /** Waits until the toast of the last step has gone, so a screenshot shows the page beneath. */
  async function toastGone() {
    await p.page
      .locator('#layers [data-preview-layer="toast"]')
      .waitFor({ state: 'detached', timeout: 5000 })
      .catch(() => undefined);
  }

  beforeAll(async () => {
    p = await openPreview({ as: CITIZEN });
    // The citizen's real-name profile, and the two cases case management registered.
    await call(
      'account',
      'profile.save',
      { name: '陈晓', idNumber: '11010519491231002X', mobile: '13800138000' },
      CITIZEN,
    );
    await registerCase(partyCase, '陈晓');
    await registerCase(lawyerCase, '李四');
    // The lawyer: verified by case management and bound to the second case as 张三's defender.
    await verifiedLawyer(p.cloud, LAWYER, {
      name: '黄律师',
      certificateNumber: '11101201510099999',
      firm: '北京市东城律师事务所',
      photo: { name: 'cert.png', content: PNG },
    });
    const proofs = [{ name: 'poa.png', content: PNG }];
    await boundTo(p.cloud, LAWYER, lawyerCase, { role: 'defender', proofs });
    // Case management offers two meeting periods the day after tomorrow.
    await call(
      'cases',
      'slots.set',
      {
        type: 'meeting',
        day,
        periods: [
          { start: '09:00', end: '10:00', capacity: 2 },
          { start: '14:00', end: '15:00', capacity: 2 },
        ],
      },
      AG,
    );
  }, 60_000);

  afterAll(async () => {
    await p?.close();
  });

  afterEach(async () => {
    expect(await p.errors()).toEqual([]);
  });

  test('When a citizen asks to be bound to a case as the party with a photo of the ID card, then the request is pending', async () => {
    await p.launch('/pages/me/index', { as: CITIZEN });
    await p.tap('我的案件');
    await p.waitForText('您还没有绑定案件');
    await p.tap('申请查询案件');
    await p.waitForData('state', 'form');
    await p.type(/^案件编号/, partyCase);
    await p.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await p.idle();
    await p.page.waitForTimeout(200);
    expect(await p.text()).toContain('当事人本人申请的，姓名取自您的实名信息。');

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
    await (await chooser).setFiles({ name: 'id-card.png', mimeType: 'image/png', buffer: PNG });
    await p.waitForText('已上传');

    await p.tap('提交申请');
    await p.subscribe('accept');
    const confirm = await p.modal();
    expect(confirm.title).toBe('确定提交绑定申请？');
    await p.tap('提交');
    await p.waitForText('申请已提交');
    const text = await p.text();
    expect(text).toContain(partyCase);
    expect(text).toContain('当事人本人（当事人 陈晓）');
    expect(text).toContain('待审核');
  }, 60_000);

  test('When case management approves it on the review page, then the citizen opens the case’s procedure information', async () => {
    await p.as(AG);
    await p.tap('我的');
    await p.tap(/^审核$/);
    await p.tap(new RegExp(`^${partyCase.replace(/[〔〕]/g, '.')}`));
    await p.waitForText('证明材料');
    expect(await p.text()).toContain('当事人本人');
    await p.tap('通过');
    expect((await p.modal()).title).toBe('确认通过');
    await p.tap('确认通过');
    await p.waitForText('申请人已收到通知');

    await p.as(CITIZEN);
    await p.tap('我的');
    await p.tap('我的案件');
    await p.waitForText('已通过');
    await p.tap(new RegExp(`^${partyCase.replace(/[〔〕]/g, '.')}`));
    await p.waitForText('程序性信息');
    expect((await p.route()).route).toBe('citizen/case-procedure/index');
    const text = await p.text();
    for (const shown of [
      '以当事人本人身份查询（陈晓）',
      '故意伤害罪',
      '审查起诉',
      '第一检察部 李检察官办案组',
    ]) {
      expect(text).toContain(shown);
    }
    await p.shot('preview-binding-procedure');
  }, 60_000);

  test('When a bound lawyer books a meeting on the booking page, then it awaits confirmation', async () => {
    await p.launch('/pages/me/index', { as: LAWYER });
    await p.tap('我的案件');
    await p.waitForText(lawyerCase);
    await p.tap(`辩护与代理预约，案件${lawyerCase}`);
    await p.waitForData('state', 'form');
    expect((await p.route()).route).toBe('citizen/appointment-book/index');
    await p.pick(/^预约事项/, '约见检察官');
    await p.waitForData('slotsState', 'ready');
    await p.tap(/14:00-15:00，余2个$/);
    await p.waitForText('已选择');
    await p.shot('preview-booking-form');
    await p.type(/^预约事由/, '约见承办检察官，当面提交辩护意见');
    await p.tap('提交预约');
    await p.subscribe('accept');
    const confirm = await p.modal();
    expect(confirm.title).toBe('确定提交预约？');
    expect(confirm.content).toContain('约见检察官');
    await p.tap('提交');
    await p.waitForText('预约已提交');
    const text = await p.text();
    expect(text).toContain(lawyerCase);
    expect(text).toContain('14:00-15:00');
    expect(text).toContain('待确认');
    await p.shot('preview-booking-submitted');
  }, 60_000);

  test('When case management confirms it from 预约办理, then the lawyer sees 已确认', async () => {
    await p.as(AG);
    await p.tap('我的');
    await p.tap('预约办理');
    await p.waitForText('黄律师（北京市东城律师事务所）');
    await p.tap(/^约见检察官，待确认/);
    await p.waitForText('约见承办检察官，当面提交辩护意见');
    expect((await p.route()).route).toBe('casework/appointment/index');
    await p.tap('同意');
    expect((await p.modal()).title).toBe('确认同意');
    await p.tap('确认同意');
    await p.waitForText('预约人已收到通知');
    await toastGone();
    await p.shot('preview-booking-confirmed-staff');

    await p.as(LAWYER);
    // The answer came as a message (allowed in the booking tap): it opens the detail.
    const messages = await p.messages();
    expect(messages[0]).toBe('预约结果通知');
    await p.openMessage(0);
    expect((await p.route()).route).toBe('citizen/appointment-detail/index');
    await p.waitForText('已确认');
    expect(await p.text()).toContain('检察院已确认，请按预约时间办理。');
    await p.tap('我的预约');
    await p.waitForText('共1项预约');
    expect(await p.text()).toMatch(/约见检察官 已确认/);
    await p.shot('preview-booking-confirmed-lawyer');
  }, 60_000);
});
