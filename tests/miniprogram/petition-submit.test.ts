// 信访 (citizen): one form per kind filled on the real page → tap submit → the receipt number, the
// petition stored with that kind's own fields, files uploaded to storage, drafts kept.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO, Harness, type PageHandle } from './harness';
import { citizenWithProfile, newCitizen } from './builders';

jest.setTimeout(60_000);

const PROGRESS_TEMPLATE: string = JSON.parse(
  readFileSync(join(__dirname, '..', '..', 'config', 'templates.json'), 'utf8'),
).petitionProgress.id;
const MOBILE = '13800138000';
const draftKey = (kind: string) => `draft:petition-submit:${kind}`;

let h: Harness;
let submitPage: string;
let detailPage: string;

beforeAll(async () => {
  h = await Harness.start();
  submitPage = h.load('citizen/petition-submit/index');
  detailPage = h.load('citizen/petition-detail/index');
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => h.reset());

/** A new citizen with a saved real-name profile; acts as them from now on. */
async function citizen(): Promise<string> {
  const openid = await citizenWithProfile(h, 'p');
  h.as(openid);
  return openid;
}

async function chooseUnit(page: PageHandle, id: string) {
  const groups = page.data.unitGroups as { units: { id: string }[] }[];
  const i = groups.findIndex((g) => g.units.some((u) => u.id === id));
  const j = groups[i].units.findIndex((u) => u.id === id);
  await page.change('#unit-picker', [i, j]);
}

async function fillCommon(page: PageHandle) {
  await chooseUnit(page, DEMO.unit);
  await page.input('#f-request', '请求依法处理并给予答复');
  await page.input('#f-facts', '2025年5月，我的合法权益受到侵害，多次反映没有结果。');
  await page.input('#f-reasons', '相关机关未依法履行职责。');
  await page.input('#f-address', '北京市朝阳区建国路88号');
}

async function mine(openid: string) {
  return h.data('petition', 'mine', { page: 1, pageSize: 50 }, openid);
}

async function filedView(openid: string) {
  const list = await mine(openid);
  expect(list.total).toBe(1);
  return h.data('petition', 'get', { id: list.items[0].id }, openid);
}

describe('one form per kind', () => {
  test('When a citizen files a state compensation claim for a relative, then the victim, relationship and amount are stored and shown on the detail', async () => {
    const me = await citizen();
    const page = await h.open(submitPage, { kind: 'state_compensation' });
    expect(page.text('#kind-name')).toBe('国家赔偿');
    expect(page.text('#petitioner')).toContain('陈晓');
    // The contact number comes from the profile.
    expect(page.data.values.contact).toBe(MOBILE);
    await fillCommon(page);
    await page.input('#f-compensation-victim-name', '陈大明');
    await page.change('#f-compensation-victim-sex', 0);
    await page.input('#f-compensation-victim-age', '56');
    await page.input('#f-compensation-victim-employer', '无');
    await page.input('#f-compensation-victim-domicile', '北京市朝阳区建国路88号');
    expect(page.has('#f-compensation-relationship')).toBe(false);
    await page.change('#f-compensation-claimantIsVictim', 1); // 否
    await page.input('#f-compensation-relationship', '子女');
    await page.input('#f-compensation-amount', '12000.5');
    await page.input('#f-compensation-specificRequest', '赔偿被错误羁押期间的损失');
    await page.change('#f-compensation-applicationDate', '2026-03-01');

    await page.tap('#submit');

    expect(page.text('#result')).toContain('提交成功');
    expect(page.text('#receipt-number')).toMatch(/^110105-\d{4}-\d{6}$/);
    expect(h.recorded.subscribeRequests).toEqual([
      { openid: me, tmplIds: [PROGRESS_TEMPLATE], inTap: true },
    ]);
    const view = await filedView(me);
    expect(view).toMatchObject({
      kind: 'state_compensation',
      receiptNumber: page.text('#receipt-number'),
      form: {
        contact: MOBILE,
        compensation: {
          victim: {
            type: 'person',
            name: '陈大明',
            sex: 'male',
            age: 56,
            employer: '无',
            domicile: '北京市朝阳区建国路88号',
          },
          claimantIsVictim: false,
          relationship: '子女',
          amount: 12000.5,
          specificRequest: '赔偿被错误羁押期间的损失',
          applicationDate: '2026-03-01',
        },
      },
    });
    expect(h.storage.has(draftKey('state_compensation'))).toBe(false);

    await page.tap('#open-detail');
    expect(h.recorded.navigations.at(-1)?.url).toBe(`/citizen/petition-detail/index?id=${view.id}`);
    const detail = await h.open(detailPage, { id: view.id });
    expect(detail.text('#kind')).toBe('国家赔偿');
    expect(detail.text('#receipt-number')).toBe(view.receiptNumber);
    expect(detail.text('#content')).toContain('陈大明');
    expect(detail.text('#content')).toContain('受害人的子女');
    expect(detail.text('#content')).toContain('12000.5元');
  });

  test('When a citizen applies for judicial assistance with aid already received, then harm, hardship and each item received are stored and shown', async () => {
    const me = await citizen();
    const page = await h.open(submitPage, { kind: 'judicial_assistance' });
    await fillCommon(page);
    await page.input('#f-assistance-harm', '因被告人伤害致残，丧失劳动能力，医疗费用高昂。');
    await page.input('#f-assistance-hardship', '家中无其他收入来源，两个孩子正在上学，生活困难。');
    await page.tap('#add-received');
    await page.tap('#add-received');
    await page.input('#f-assistance-received-0-amount', '3000');
    await page.input('#f-assistance-received-0-source', '被告人赔偿');
    await page.input('#f-assistance-received-1-amount', '500');
    await page.input('#f-assistance-received-1-source', '社区临时救助');
    await page.tap('#submit');

    expect(page.text('#receipt-number')).toMatch(/^110105-/);
    const view = await filedView(me);
    expect(view.form).toMatchObject({
      kind: 'judicial_assistance',
      assistance: {
        harm: '因被告人伤害致残，丧失劳动能力，医疗费用高昂。',
        hardship: '家中无其他收入来源，两个孩子正在上学，生活困难。',
        received: [
          { amount: 3000, source: '被告人赔偿' },
          { amount: 500, source: '社区临时救助' },
        ],
      },
    });
    const detail = await h.open(detailPage, { id: view.id });
    expect(detail.text('#content')).toContain('被告人赔偿 3000元；社区临时救助 500元');
  });

  test('When a citizen files a criminal appeal for a relative, then the decision appealed and the proxy are stored and shown', async () => {
    const me = await citizen();
    const page = await h.open(submitPage, { kind: 'criminal_appeal' });
    await fillCommon(page);
    await page.change('#f-proxy', 1); // 代他人信访
    await page.input('#f-onBehalfOf-name', '陈大明');
    await page.change('#f-onBehalfOf-relationship', 0); // 近亲属
    await page.input('#f-decision-title', '刑事判决书');
    await page.input('#f-decision-number', '（2024）京0105刑初123号');
    await page.change('#f-decision-date', '2024-11-20');
    await page.input('#f-decision-organ', '北京市朝阳区人民法院');
    await page.tap('#submit');

    expect(page.text('#receipt-number')).toMatch(/^110105-/);
    const view = await filedView(me);
    expect(view.form).toMatchObject({
      kind: 'criminal_appeal',
      onBehalfOf: { name: '陈大明', relationship: 'close_relative' },
      decision: {
        title: '刑事判决书',
        number: '（2024）京0105刑初123号',
        date: '2024-11-20',
        organ: '北京市朝阳区人民法院',
      },
    });
    const detail = await h.open(detailPage, { id: view.id });
    expect(detail.text('#proxy')).toBe('代陈大明信访（近亲属）');
    expect(detail.text('#content')).toContain('（2024）京0105刑初123号');
    expect(detail.text('#content')).toContain('北京市朝阳区人民法院');
  });

  test('When no kind is given, then the kinds are offered first and the chosen one’s form opens', async () => {
    await citizen();
    const page = await h.open(submitPage);
    expect(page.count('.kind')).toBe(9);
    await page.tap('#kind-staff_misconduct');
    expect(page.text('#kind-name')).toBe('检察人员违法违纪举报');
    expect(page.has('#f-staff-name')).toBe(true);
    expect(page.has('#f-decision-title')).toBe(false);
  });
});

describe('errors', () => {
  test('When a field of the kind is wrong, then its message shows under that field and nothing is filed', async () => {
    const me = await citizen();
    const page = await h.open(submitPage, { kind: 'criminal_appeal' });
    await fillCommon(page);
    await page.input('#f-decision-title', '刑事判决书');
    await page.change('#f-decision-date', '2024-11-20');
    await page.input('#f-decision-organ', '法'); // too short
    await page.input('#f-request', '短'); // too short
    await page.tap('#submit');

    expect(page.text('#error-f-decision-number')).toBe('请填写原处理决定文书编号');
    expect(page.text('#error-f-decision-organ')).toBe('作出决定的机关至少2个字');
    expect(page.text('#error-f-request')).toBe('诉求至少5个字');
    expect(page.has('#result')).toBe(false);
    expect((await mine(me)).total).toBe(0);
    // Corrected, the error under the field goes away.
    await page.input('#f-decision-number', '（2024）京0105刑初123号');
    expect(page.has('#error-f-decision-number')).toBe(false);
  });

  test('When the content check refuses a text, then its message shows under that field', async () => {
    const wordlist = JSON.parse(
      readFileSync(join(__dirname, '..', '..', 'devcloud', 'wordlist.json'), 'utf8'),
    ) as { risky: Record<string, number> };
    const risky = Object.keys(wordlist.risky)[0];
    const me = await citizen();
    const page = await h.open(submitPage, { kind: 'other' });
    await fillCommon(page);
    await page.input('#f-facts', `2025年5月发生的事情，涉及${risky}，至今没有处理。`);
    await page.tap('#submit');
    expect(page.text('#error-f-facts')).toBe('内容含有违规信息，请修改后再提交');
    expect((await mine(me)).total).toBe(0);
  });

  test('When the citizen has no real-name profile, then the page explains and leads to the profile page', async () => {
    h.as(newCitizen('np'));
    const page = await h.open(submitPage, { kind: 'accusation' });
    expect(page.text('#noprofile-state')).toContain('请先填写实名信息');
    expect(page.has('#submit')).toBe(false);
    await page.tap('#open-profile');
    expect(h.recorded.navigations).toEqual([{ kind: 'navigateTo', url: '/citizen/profile/index' }]);
    // Saved there, and back: the form shows.
    await h.data('account', 'profile.save', {
      name: '刘芳',
      idNumber: '11010519491231002X',
      mobile: MOBILE,
    });
    await page.lifecycle('onShow');
    expect(page.has('#submit')).toBe(true);
    expect(page.text('#petitioner')).toContain('刘芳');
  });
});

describe('attachments', () => {
  test('When photos and a PDF are added, then each is uploaded to storage, listed, and filed with the petition', async () => {
    const me = await citizen();
    const page = await h.open(submitPage, { kind: 'other' });
    await fillCommon(page);
    h.nextMedia = [h.tempFile('a.jpg', { size: 2048 }), h.tempFile('b.png', { size: 1024 })];
    await page.tap('#add-images');
    h.nextMessageFiles = [h.tempFile('判决书.pdf', Buffer.from('%PDF-1.4 judgement'))];
    await page.tap('#add-pdf');

    expect(h.recorded.choices).toEqual([
      { api: 'chooseMedia', count: 9 },
      { api: 'chooseMessageFile', count: 7, extension: ['pdf'] },
    ]);
    expect(page.count('.attachment')).toBe(3);
    expect(page.texts('.attachment-name')).toEqual(['图片1.jpg', '图片2.png', '判决书.pdf']);
    expect(page.text('.attachment')).toContain('已上传');
    const token = page.data.clientToken as string;
    const key = await h.uploadKey();
    // The page asked for the upload key once, for all three files.
    expect(h.recorded.calls.filter((c) => c.action === 'whoami')).toHaveLength(1);
    // Each upload starts once its key is known, so they may reach storage in any order.
    expect(h.recorded.uploads.map((u) => u.cloudPath).sort()).toEqual([
      `petitions/${key}/${token}/1.jpg`,
      `petitions/${key}/${token}/2.png`,
      `petitions/${key}/${token}/3.pdf`,
    ]);
    // Removing one leaves the others.
    await page.tap('.remove-file', 1);
    expect(page.texts('.attachment-name')).toEqual(['图片1.jpg', '判决书.pdf']);

    await page.tap('#submit');
    expect(page.text('#receipt-number')).toMatch(/^110105-/);
    const view = await filedView(me);
    const stored = await h.data('petition', 'files', { id: view.id }, me);
    expect(stored.files.map((f) => [f.name, f.source])).toEqual([
      ['1.jpg', 'petition'],
      ['3.pdf', 'petition'],
    ]);
    expect(stored.files.every((f) => f.url)).toBe(true);
  });

  test('When a file is over 10 MB or a tenth file is added, then it is refused with a message and nothing more is uploaded', async () => {
    await citizen();
    const page = await h.open(submitPage, { kind: 'other' });
    h.nextMessageFiles = [h.tempFile('太大.pdf', { size: 10 * 1024 * 1024 + 1 })];
    await page.tap('#add-pdf');
    expect(h.recorded.modals.at(-1)?.content).toContain('“太大.pdf”超过10MB');
    expect(page.count('.attachment')).toBe(0);
    expect(h.recorded.uploads).toEqual([]);

    h.nextMedia = Array.from({ length: 9 }, (_, i) => h.tempFile(`p${i}.jpg`, { size: 100 }));
    await page.tap('#add-images');
    expect(page.count('.attachment')).toBe(9);
    expect(page.text('#attachment-count')).toBe('已添加9/9个');

    h.nextMedia = [h.tempFile('tenth.jpg', { size: 100 })];
    await page.tap('#add-images');
    expect(h.recorded.toasts.at(-1)?.title).toBe('最多上传9个附件，请先删除不需要的附件');
    expect(page.count('.attachment')).toBe(9);
    expect(h.recorded.uploads).toHaveLength(9);
  });

  test('When an upload fails, then it says so, submitting waits, and a retry uploads it', async () => {
    await citizen();
    const page = await h.open(submitPage, { kind: 'other' });
    await fillCommon(page);
    h.uploadDown = true;
    h.nextMedia = [h.tempFile('a.jpg', { size: 100 })];
    const warned = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    await page.tap('#add-images');
    warned.mockRestore();
    expect(page.text('.attachment')).toContain('上传失败');
    await page.tap('#submit');
    expect(page.text('#error-attachments')).toContain('有附件上传失败');
    expect(h.recorded.calls.filter((c) => c.action === 'submit')).toEqual([]);

    h.uploadDown = false;
    await page.tap('.retry-file');
    expect(page.text('.attachment')).toContain('已上传');
    await page.tap('#submit');
    expect(page.text('#receipt-number')).toMatch(/^110105-/);
  });
});

describe('filing once, and drafts', () => {
  test('When the submit button is tapped twice at once, then the petition is filed once', async () => {
    const me = await citizen();
    const page = await h.open(submitPage, { kind: 'other' });
    await fillCommon(page);
    const button = page.comp.querySelector('#submit');
    button?.dispatchEvent('tap');
    button?.dispatchEvent('tap');
    await h.idle();

    expect(h.recorded.calls.filter((c) => c.action === 'submit')).toHaveLength(1);
    expect((await mine(me)).total).toBe(1);
    expect(page.text('#receipt-number')).toMatch(/^110105-/);
  });

  test('When the person leaves the page and comes back, then what they typed and uploaded is still there', async () => {
    await citizen();
    const first = await h.open(submitPage, { kind: 'criminal_appeal' });
    await fillCommon(first);
    await first.input('#f-decision-title', '刑事判决书');
    h.nextMedia = [h.tempFile('a.jpg', { size: 100 })];
    await first.tap('#add-images');
    const token = first.data.clientToken;
    first.close();

    const again = await h.open(submitPage, { kind: 'criminal_appeal' });
    expect(again.data.clientToken).toBe(token);
    expect(again.data.procuratorateId).toBe(DEMO.unit);
    expect(again.text('#field-procuratorate')).toContain(DEMO.unitName);
    expect(again.data.values).toMatchObject({
      request: '请求依法处理并给予答复',
      decision_title: '刑事判决书',
    });
    expect(again.texts('.attachment-name')).toEqual(['图片1.jpg']);
    // Another kind has its own (empty) draft.
    const other = await h.open(submitPage, { kind: 'accusation' });
    expect(other.data.values.request).toBeUndefined();
  });

  test('When submitting fails for lack of network, then the typing survives and a later retry files it once', async () => {
    const me = await citizen();
    const first = await h.open(submitPage, { kind: 'other' });
    await fillCommon(first);
    h.networkDown = true;
    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    await first.tap('#submit');
    logged.mockRestore();
    expect(h.recorded.toasts.map((t) => t.title)).toEqual(['网络异常，请检查网络后重试']);
    expect(first.has('#result')).toBe(false);
    first.close();

    h.networkDown = false;
    const again = await h.open(submitPage, { kind: 'other' });
    expect(again.data.values.facts).toBe('2025年5月，我的合法权益受到侵害，多次反映没有结果。');
    await again.tap('#submit');
    expect(again.text('#receipt-number')).toMatch(/^110105-/);
    expect((await mine(me)).total).toBe(1);
    expect(h.storage.has(draftKey('other'))).toBe(false);
  });
});
