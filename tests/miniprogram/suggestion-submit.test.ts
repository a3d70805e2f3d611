// 意见建议箱: typing → tap submit → the query code, the record stored, the notification asked for.
import { DEMO, Harness, type PageHandle } from './harness';
import { REPLIED_TEMPLATE, RISKY_WORD, newCitizen } from './builders';

jest.setTimeout(60_000);

const DRAFT_KEY = 'draft:suggestion-submit';
const CONTENT = '建议在检察服务大厅增设老年人休息区和老花镜，方便老年群众办事。';

let h: Harness;
let submitPage: string;
let minePage: string;

beforeAll(async () => {
  h = await Harness.start();
  submitPage = h.load('citizen/suggestion-submit/index');
  minePage = h.load('citizen/suggestion-mine/index');
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => h.reset());

/** Chooses a procuratorate in the two-column picker, as a person would. */
async function chooseUnit(page: PageHandle, id: string) {
  const groups = page.data.unitGroups as { units: { id: string }[] }[];
  const i = groups.findIndex((g) => g.units.some((u) => u.id === id));
  const j = groups[i].units.findIndex((u) => u.id === id);
  await page.change('#unit-picker', [i, j]);
}

async function fillValid(page: PageHandle, content = CONTENT) {
  await chooseUnit(page, DEMO.unit);
  await page.change('#topic-picker', 2); // 服务群众
  await page.input('#content', content);
  await page.input('#contact-name', '陈晓');
  await page.input('#contact-phone', '13800138000');
}

const submitCalls = () => h.recorded.calls.filter((c) => c.action === 'suggestion.submit');

async function mine(openid: string) {
  return h.data('supervision', 'suggestion.mine', { page: 1, pageSize: 50 }, openid);
}

describe('submitting', () => {
  test('When a citizen submits a valid suggestion, then they see the query code and it is listed under my suggestions', async () => {
    const citizen = newCitizen();
    const page = await h.as(citizen).open(submitPage);
    await fillValid(page);
    expect(page.text('#content-count')).toBe(`已输入${CONTENT.length}/1000字`);

    await page.tap('#submit');

    const code = page.text('#query-code');
    expect(code).toMatch(/^[A-Z2-9]{10}$/);
    expect(page.text('#result')).toContain('提交成功');
    expect(page.text('#notify-text')).toContain('将通过微信服务通知提醒您');

    // Stored, and read back through the public actions.
    const list = await mine(citizen);
    expect(list.total).toBe(1);
    const stored = await h.data('supervision', 'suggestion.get', { id: list.items[0].id }, citizen);
    expect(stored).toMatchObject({
      queryCode: code,
      procuratorateId: DEMO.unit,
      procuratorateName: DEMO.unitName,
      topic: '服务群众',
      content: CONTENT,
      contact: { name: '陈晓', phone: '13800138000' },
      notify: true,
      status: 'pending',
    });

    // The notification prompt was asked from the tap, for the reply template.
    expect(h.recorded.subscribeRequests).toEqual([
      { openid: citizen, tmplIds: [REPLIED_TEMPLATE], inTap: true },
    ]);
    expect(h.cloud.platform.quota(citizen, REPLIED_TEMPLATE)).toBe(1);

    // Filed: the draft is gone.
    expect(h.storage.has(DRAFT_KEY)).toBe(false);

    // The code can be copied, and the list opened — where it is shown.
    await page.tap('#copy-code');
    expect(h.recorded.clipboard).toEqual([code]);
    await page.tap('#open-mine');
    expect(h.recorded.navigations).toEqual([
      { kind: 'navigateTo', url: '/citizen/suggestion-mine/index' },
    ]);
    const listPage = await h.open(minePage);
    expect(listPage.count('.suggestion')).toBe(1);
    expect(listPage.text('.suggestion')).toContain('服务群众');
    expect(listPage.text('.suggestion')).toContain('待回复');
  });

  test('When notification is switched off, then no prompt is shown and the suggestion asks for none', async () => {
    const citizen = newCitizen();
    const page = await h.as(citizen).open(submitPage);
    await fillValid(page);
    await page.change('#notify', false);
    await page.tap('#submit');

    expect(page.text('#query-code')).toMatch(/^[A-Z2-9]{10}$/);
    expect(h.recorded.subscribeRequests).toEqual([]);
    const [item] = (await mine(citizen)).items;
    expect(await h.data('supervision', 'suggestion.get', { id: item.id }, citizen)).toMatchObject({
      notify: false,
    });
  });

  test('When the citizen declines the notification prompt, then it is filed without notification and the page says how to follow it', async () => {
    const citizen = newCitizen();
    h.subscribeDecision = 'reject';
    const page = await h.as(citizen).open(submitPage);
    await fillValid(page);
    await page.tap('#submit');

    expect(page.text('#query-code')).toMatch(/^[A-Z2-9]{10}$/);
    expect(page.text('#notify-text')).toContain('您未允许接收微信通知');
    expect(h.recorded.subscribeRequests).toHaveLength(1);
    const [item] = (await mine(citizen)).items;
    expect(await h.data('supervision', 'suggestion.get', { id: item.id }, citizen)).toMatchObject({
      notify: false,
    });
  });

  test('When each field is wrong, then each shows its message under the field and nothing is stored', async () => {
    const citizen = newCitizen();
    const page = await h.as(citizen).open(submitPage);
    await page.input('#content', '太短了');
    await page.input('#contact-name', '名'.repeat(21));
    await page.input('#contact-phone', '12345');
    await page.tap('#submit');

    expect(page.text('#error-procuratorateId')).toBe('请选择检察院');
    expect(page.text('#error-topic')).toBe('请选择建议类别');
    expect(page.text('#error-content')).toBe('意见建议内容至少10个字');
    expect(page.text('#error-contactName')).toBe('联系人姓名不能超过20个字');
    expect(page.text('#error-contactPhone')).toBe('联系电话应为11位手机号码');
    expect(h.recorded.toasts.map((t) => t.title)).toEqual(['请按提示修改后再提交']);
    expect(page.has('#result')).toBe(false);
    expect((await mine(citizen)).total).toBe(0);

    // Correcting a field takes its message away.
    await page.input('#content', CONTENT);
    expect(page.has('#error-content')).toBe(false);
    expect(page.has('#error-topic')).toBe(true);
  });

  test('When the content check refuses the content, then its message shows under the content and nothing is stored', async () => {
    const citizen = newCitizen();
    const page = await h.as(citizen).open(submitPage);
    await fillValid(page, `有人在检察院门口发传单说可以${RISKY_WORD}，请查处。`);
    await page.tap('#submit');

    expect(page.text('#error-content')).toBe('内容含有违规信息，请修改后再提交');
    expect(page.has('#result')).toBe(false);
    expect((await mine(citizen)).total).toBe(0);
    expect(h.storage.has(DRAFT_KEY)).toBe(true);
  });

  test('When the submit button is tapped twice at once, then the suggestion is filed once', async () => {
    const citizen = newCitizen();
    const page = await h.as(citizen).open(submitPage);
    await fillValid(page);

    const button = page.comp.querySelector('#submit');
    button?.dispatchEvent('tap');
    button?.dispatchEvent('tap');
    await h.idle();

    expect(submitCalls()).toHaveLength(1);
    expect(h.recorded.subscribeRequests).toHaveLength(1);
    expect((await mine(citizen)).total).toBe(1);
    expect(page.text('#query-code')).toMatch(/^[A-Z2-9]{10}$/);
  });

  test('When the first answer was lost and the person taps again, then the suggestion filed the first time is answered', async () => {
    const citizen = newCitizen();
    const page = await h.as(citizen).open(submitPage);
    await fillValid(page);
    // The first request reached the function but its answer never came back to the phone.
    const first = await h.data(
      'supervision',
      'suggestion.submit',
      {
        procuratorateId: DEMO.unit,
        topic: '服务群众',
        content: CONTENT,
        notify: false,
        clientToken: page.data.clientToken,
      },
      citizen,
    );

    await page.tap('#submit');

    expect(page.text('#result')).toContain('该意见建议已提交，无需重复提交');
    expect(page.text('#query-code')).toBe(first.queryCode);
    expect((await mine(citizen)).total).toBe(1);
  });
});

describe('drafts', () => {
  test('When the person leaves the page and comes back, then what they typed is still there', async () => {
    const citizen = newCitizen();
    const first = await h.as(citizen).open(submitPage);
    await fillValid(first);
    await first.change('#notify', false);
    const token = first.data.clientToken;
    first.close();

    const again = await h.open(submitPage);
    expect(again.data).toMatchObject({
      procuratorateId: DEMO.unit,
      procuratorateName: DEMO.unitName,
      topic: '服务群众',
      content: CONTENT,
      contactName: '陈晓',
      contactPhone: '13800138000',
      notify: false,
      clientToken: token,
    });
    expect(again.text('#content-count')).toBe(`已输入${CONTENT.length}/1000字`);
    expect(again.text('#field-procuratorate')).toContain(DEMO.unitName);
    expect(again.text('#field-topic')).toContain('服务群众');
  });

  test('When submitting fails for lack of network, then the typing survives and a later retry files it once', async () => {
    const citizen = newCitizen();
    const first = await h.as(citizen).open(submitPage);
    await fillValid(first);
    h.networkDown = true;
    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    await first.tap('#submit');
    expect(logged).toHaveBeenCalled();
    logged.mockRestore();

    expect(h.recorded.toasts.map((t) => t.title)).toEqual(['网络异常，请检查网络后重试']);
    expect(first.has('#result')).toBe(false);
    expect(first.data.submitting).toBe(false);
    expect(first.data.content).toBe(CONTENT);
    first.close();

    // Back later, with network: the draft is restored and one tap files it.
    h.networkDown = false;
    const again = await h.open(submitPage);
    expect(again.data.content).toBe(CONTENT);
    await again.tap('#submit');
    expect(again.text('#query-code')).toMatch(/^[A-Z2-9]{10}$/);
    expect((await mine(citizen)).total).toBe(1);
    // Asked once, on the first tap; the retry did not ask again.
    expect(h.recorded.subscribeRequests).toHaveLength(1);
    expect(h.storage.has(DRAFT_KEY)).toBe(false);
  });

  test('When a suggestion has been filed, then the next form starts empty with a new token', async () => {
    const citizen = newCitizen();
    const page = await h.as(citizen).open(submitPage);
    await fillValid(page);
    const token = page.data.clientToken;
    await page.tap('#submit');
    await page.tap('#write-another');

    expect(page.data).toMatchObject({ content: '', topic: '', procuratorateId: '', result: null });
    expect(page.data.clientToken).not.toBe(token);
  });

  test('When the page is opened again after a suggestion was filed, then the second suggestion is filed too, not taken for a retry', async () => {
    const citizen = newCitizen();
    const first = await h.as(citizen).open(submitPage);
    await fillValid(first);
    await first.tap('#submit');
    const firstId = (first.data.result as { id: string }).id;
    first.close();

    const second = await h.as(citizen).open(submitPage);
    expect(second.data.clientToken).not.toBe(first.data.clientToken);
    await fillValid(second, `${CONTENT}另外，建议增设无障碍通道。`);
    await second.tap('#submit');
    const result = second.data.result as { id: string; duplicate: boolean };
    expect(result.duplicate).toBe(false);
    expect(result.id).not.toBe(firstId);
    expect((await mine(citizen)).total).toBe(2);
  });
});
