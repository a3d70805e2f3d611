// Following a petition (citizen): filed on the page, handled by staff through the function, then
// read, rated, reviewed, withdrawn and supplied with materials on the detail page; 我的信访 lists it.
// Consent to a progress message is asked on the page while the petition is open, and a later staff
// step then sends the message (devcloud counts the one-time quota and keeps what was sent).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EJSON } from 'bson';
import { DEMO, Harness, type PageHandle } from './harness';
import { formatTime } from '../../miniprogram/utils/time';
import { citizenWithProfile, newCitizen } from './builders';

jest.setTimeout(60_000);

const PROGRESS_TEMPLATE: string = JSON.parse(
  readFileSync(join(__dirname, '..', '..', 'config', 'templates.json'), 'utf8'),
).petitionProgress.id;
const SUBSCRIBED = '检察院办理有新进展时，将通过服务通知告诉您';

let h: Harness;
let submitPage: string;
let detailPage: string;
let minePage: string;
let mePage: string;

beforeAll(async () => {
  h = await Harness.start();
  submitPage = h.load('citizen/petition-submit/index');
  detailPage = h.load('citizen/petition-detail/index');
  minePage = h.load('citizen/petition-mine/index');
  mePage = h.load('pages/me/index');
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => h.reset());

async function citizen(): Promise<string> {
  const openid = await citizenWithProfile(h, 'f');
  h.as(openid);
  return openid;
}

/** Files an "other" petition by tapping through the form; answers its id. */
async function fileOnPage(): Promise<string> {
  const page = await h.open(submitPage, { kind: 'other' });
  const groups = page.data.unitGroups as { units: { id: string }[] }[];
  const i = groups.findIndex((g) => g.units.some((u) => u.id === DEMO.unit));
  await page.change('#unit-picker', [i, groups[i].units.findIndex((u) => u.id === DEMO.unit)]);
  await page.input('#f-request', '请求依法处理邻里纠纷中的违法行为');
  await page.input('#f-facts', '2025年5月，我与邻居发生纠纷，多次反映未得到处理。');
  await page.input('#f-reasons', '相关部门未依法履行职责。');
  await page.input('#f-address', '北京市朝阳区建国路88号');
  await page.tap('#submit');
  const receipt = page.text('#receipt-number');
  expect(receipt).toMatch(/^110105-/);
  await page.tap('#open-detail');
  const url = h.recorded.navigations.at(-1)?.url ?? '';
  const id = /id=(.+)$/.exec(url)?.[1] ?? '';
  expect(id).not.toBe('');
  page.close();
  return id;
}

/** A staff step through the function, as the staff pages would. */
async function staff(action: string, input: Record<string, unknown>, openid: string) {
  return h.data('petition', action as 'accept', input as { id: string }, openid);
}

async function handleToAnswer(id: string) {
  const reply = { method: 'online', text: '您的信访已收到，本院正在依法办理。' };
  await staff('register', { id, departmentId: '110105-ks' }, DEMO.registrar);
  await staff('accept', { id }, DEMO.registrar);
  await staff('assign', { id, staffId: 'st-110105-handler' }, DEMO.leader);
  await staff('proceduralReply', { id, ...reply }, DEMO.handler);
  await staff(
    'answer',
    {
      id,
      method: 'written',
      text: '经调查核实，相关部门已依法作出处理，特此答复。',
      result: '已责成相关部门依法处理',
    },
    DEMO.handler,
  );
}

async function openDetail(id: string): Promise<PageHandle> {
  return h.open(detailPage, { id });
}

/** The outbox entries of one petition, oldest first, as stored. */
async function outbox(id: string): Promise<Record<string, unknown>[]> {
  const res = (await h.cloud.store.handle('database.getDocument', {
    collectionName: 'outbox',
    queryType: 'WHERE',
    query: EJSON.stringify({ 'ref.entity': 'petition', 'ref.id': id }, { relaxed: false }),
    offset: 0,
    limit: 100,
  })) as { data?: { list: string[] } };
  return (res.data?.list ?? [])
    .map((d) => EJSON.parse(d, { relaxed: true }) as Record<string, unknown>)
    .sort(
      (a, b) =>
        new Date(a.createdAt as string).getTime() - new Date(b.createdAt as string).getTime(),
    );
}

/** The status phrase of each progress message `openid` was sent. */
function sentPhrases(openid: string): string[] {
  return h.cloud.platform
    .messages({ touser: openid, templateId: PROGRESS_TEMPLATE })
    .map((m) => m.data.phrase2.value);
}

const quota = (openid: string) => h.cloud.platform.quota(openid, PROGRESS_TEMPLATE);
const prompt = (openid: string) => ({ openid, tmplIds: [PROGRESS_TEMPLATE], inTap: true });

describe('the whole story', () => {
  test('When staff register, accept, assign, reply and answer, then the citizen sees every step and the answer, rates it once and asks for review', async () => {
    const me = await citizen();
    const id = await fileOnPage();

    let page = await openDetail(id);
    expect(page.text('#status')).toBe('已提交待登记');
    // The procedural reply's due date, as the function's deadline engine gives it.
    const filed = await h.data('petition', 'get', { id }, me);
    expect(filed.replyExpectedBy).not.toBeNull();
    expect(page.text('#reply-expected')).toBe(`${formatTime(filed.replyExpectedBy)} 前`);
    expect(page.text('#reply-expected')).toMatch(/ 23:59 前$/);
    expect(page.has('#withdraw')).toBe(true);
    expect(page.has('#rate')).toBe(false);
    page.close();

    await handleToAnswer(id);

    page = await openDetail(id);
    expect(page.text('#status')).toBe('已答复');
    expect(page.has('#reply-expected')).toBe(false);
    expect(page.text('#answer-result')).toBe('已责成相关部门依法处理');
    expect(page.texts('.step-status')).toEqual([
      '已提交待登记',
      '已登记',
      '已受理',
      '承办中',
      '已程序性答复',
      '已答复',
    ]);
    expect(page.texts('.reply-type')).toEqual(['程序性答复', '答复意见']);
    expect(page.text('.reply')).toContain('网上答复');
    expect(page.text('.reply')).toContain(DEMO.unitName);
    expect(page.texts('.reply-text')[1]).toBe('经调查核实，相关部门已依法作出处理，特此答复。');
    expect(page.has('#withdraw')).toBe(false);
    expect(page.has('#subscribe-next')).toBe(false); // answered: no next step to be told of
    expect(page.has('#rate')).toBe(true);
    expect(page.text('#review-deadline')).toMatch(/\d{4}-\d{2}-\d{2}/);

    // Rating: a choice is required; then once.
    await page.tap('#rate-submit');
    expect(page.text('#error-rate-satisfaction')).toBe('请选择满意程度');
    await page.tap('#satisfaction-dissatisfied');
    await page.input('#rating-comment-input', '处理结果没有解决我的问题');
    await page.tap('#rate-submit');
    expect(page.text('#rating-value')).toBe('不满意');
    expect(page.text('#rating-comment')).toBe('处理结果没有解决我的问题');
    expect(page.has('#rate')).toBe(false);
    expect((await h.data('petition', 'get', { id }, me)).rating).toMatchObject({
      satisfaction: 'dissatisfied',
    });

    // Review: at least ten characters, confirmed first. Each tap that goes on asks for the next
    // progress message inside the tap, and the review is requested even when it is declined.
    const asked = h.recorded.subscribeRequests.length;
    await page.input('#review-reason', '理由太短');
    await page.tap('#review-submit');
    expect(page.text('#error-review-reason')).toBe('申请复查的理由至少10个字');
    expect(h.recorded.modals).toEqual([]);
    expect(h.recorded.subscribeRequests).toHaveLength(asked);
    await page.input('#review-reason', '答复认定的事实与实际情况不符，请求上级检察院复查。');
    h.modalAnswer = 'cancel';
    await page.tap('#review-submit');
    expect(h.recorded.modals.at(-1)?.title).toBe('确定申请复查？');
    expect(page.has('#review-filed')).toBe(false);
    expect(h.recorded.subscribeRequests.slice(asked)).toEqual([prompt(me)]);
    h.modalAnswer = 'confirm';
    h.subscribeDecision = 'reject';
    await page.tap('#review-submit');
    expect(h.recorded.subscribeRequests.slice(asked)).toEqual([prompt(me), prompt(me)]);
    expect(page.has('#review-filed')).toBe(true);
    expect(page.has('#review')).toBe(false);
    const view = await h.data('petition', 'get', { id }, me);
    expect(view.reviewPetitionId).toBeTruthy();
    await page.tap('#open-review');
    expect(h.recorded.navigations.at(-1)?.url).toBe(
      `/citizen/petition-detail/index?id=${view.reviewPetitionId}`,
    );

    // 我的信访 lists both, the review filed one level up.
    const list = await h.open(minePage);
    expect(list.text('#summary')).toBe('共2件');
    expect(list.texts('.petition .status')).toContain('已答复');
    expect(list.text('.petition')).toContain('北京市人民检察院');
    await list.tap('.petition', 1);
    expect(h.recorded.navigations.at(-1)?.url).toBe(`/citizen/petition-detail/index?id=${id}`);
  });
});

describe('withdrawing', () => {
  test('When the citizen withdraws with a reason and confirms, then it is withdrawn and no action is left', async () => {
    const me = await citizen();
    const id = await fileOnPage();
    const page = await openDetail(id);
    await page.input('#withdraw-reason', '已与对方和解');
    await page.tap('#withdraw-submit');
    expect(h.recorded.modals.at(-1)).toMatchObject({ title: '确定撤回信访？', answer: 'confirm' });
    expect(page.text('#status')).toBe('已撤回');
    expect(page.has('#withdraw')).toBe(false);
    expect(page.has('#subscribe-next')).toBe(false);
    expect(page.texts('.step-status').at(-1)).toBe('已撤回');
    expect((await h.data('petition', 'get', { id }, me)).status).toBe('withdrawn');
  });

  test('When the citizen cancels the confirmation, then nothing is withdrawn', async () => {
    const me = await citizen();
    const id = await fileOnPage();
    const page = await openDetail(id);
    h.modalAnswer = 'cancel';
    await page.tap('#withdraw-submit');
    expect(page.text('#status')).toBe('已提交待登记');
    expect(h.recorded.calls.filter((c) => c.action === 'withdraw')).toEqual([]);
    expect((await h.data('petition', 'get', { id }, me)).status).toBe('submitted');
  });
});

describe('supplying materials', () => {
  test('When staff ask for materials, then the citizen sees the list and due date, uploads a file with a note, and it is listed with the petition', async () => {
    const me = await citizen();
    const id = await fileOnPage();
    await staff('register', { id, departmentId: '110105-ks' }, DEMO.registrar);
    await staff(
      'requestMaterials',
      { id, items: ['身份证复印件', '相关判决书'], dueDate: '2099-12-31' },
      DEMO.registrar,
    );

    const page = await openDetail(id);
    h.recorded.subscribeRequests.length = 0; // the one of filing
    expect(page.text('#status')).toBe('待补充材料');
    expect(page.text('#materials-request')).toContain('1. 身份证复印件');
    expect(page.text('#materials-request')).toContain('2. 相关判决书');
    expect(page.text('#materials-due')).toContain('2099-12-31');

    // Neither a file nor a note: the page says what is missing, and asks nothing.
    await page.tap('#supply-submit');
    expect(page.text('#error-supply-attachments')).toBe('请上传补充的材料或填写补充说明');
    expect(h.recorded.subscribeRequests).toEqual([]);

    h.nextMessageFiles = [h.tempFile('判决书.pdf', Buffer.from('%PDF-1.4 judgement'))];
    await page.tap('#add-pdf');
    expect(page.text('.attachment')).toContain('已上传');
    expect(h.recorded.uploads[0].cloudPath).toMatch(
      new RegExp(`^petitions/${await h.uploadKey()}/${id}/materials-`),
    );
    await page.input('#materials-note', '判决书为二审判决');
    const before = quota(me);
    await page.tap('#supply-submit');

    // The tap asked for the next progress message before sending; it was allowed.
    expect(h.recorded.subscribeRequests).toEqual([prompt(me)]);
    expect(quota(me)).toBe(before + 1);
    expect(page.text('#subscribe-result')).toBe(SUBSCRIBED);
    expect(h.recorded.toasts.at(-1)?.title).toBe('补充材料已提交');
    expect(page.has('#supply')).toBe(false);
    expect(page.has('#materials-request')).toBe(false);
    const view = await h.data('petition', 'get', { id }, me);
    expect(view.materialsRequest).toBeNull();
    // The file is listed among the petition's materials and opens as a document.
    expect(page.texts('.file-name')).toEqual(['1.pdf']);
    expect(page.text('.file')).toContain('补充材料');
    await page.tap('.file');
    expect(h.recorded.documents).toHaveLength(1);
    expect(h.recorded.documents[0]).toMatchObject({ fileType: 'pdf' });
    expect(h.recorded.documents[0].content.toString()).toBe('%PDF-1.4 judgement');
  });

  test('When the petition has photos, then tapping one previews all of them', async () => {
    await citizen();
    const page = await h.open(submitPage, { kind: 'other' });
    const groups = page.data.unitGroups as { units: { id: string }[] }[];
    const i = groups.findIndex((g) => g.units.some((u) => u.id === DEMO.unit));
    await page.change('#unit-picker', [i, groups[i].units.findIndex((u) => u.id === DEMO.unit)]);
    await page.input('#f-request', '请求依法处理邻里纠纷中的违法行为');
    await page.input('#f-facts', '2025年5月，我与邻居发生纠纷，多次反映未得到处理。');
    await page.input('#f-reasons', '相关部门未依法履行职责。');
    await page.input('#f-address', '北京市朝阳区建国路88号');
    h.nextMedia = [h.tempFile('a.jpg', { size: 100 }), h.tempFile('b.jpg', { size: 100 })];
    await page.tap('#add-images');
    await page.tap('#submit');
    await page.tap('#open-detail');
    const id = /id=(.+)$/.exec(h.recorded.navigations.at(-1)?.url ?? '')?.[1] ?? '';

    const detail = await openDetail(id);
    expect(detail.count('.file')).toBe(2);
    await detail.tap('.file', 1);
    expect(h.recorded.previews).toHaveLength(1);
    expect(h.recorded.previews[0].urls).toHaveLength(2);
    expect(h.recorded.previews[0].current).toBe(h.recorded.previews[0].urls[1]);
  });
});

describe('the next progress message', () => {
  test('When the citizen taps 提醒我下一步进展 and allows it, then the next staff step sends them a message', async () => {
    const me = await citizen();
    const id = await fileOnPage();
    // The consent given when filing was spent on "received".
    expect(sentPhrases(me)).toEqual(['已收到']);
    expect(quota(me)).toBe(0);

    const page = await openDetail(id);
    expect(page.text('#subscribe-next')).toBe('提醒我下一步进展');
    expect(page.has('#subscribe-result')).toBe(false);
    h.recorded.subscribeRequests.length = 0;
    h.recorded.calls.length = 0;
    await page.tap('#subscribe-next');
    expect(h.recorded.subscribeRequests).toEqual([prompt(me)]);
    expect(page.text('#subscribe-result')).toBe(SUBSCRIBED);
    expect(quota(me)).toBe(1);
    // Nothing else happened on the tap.
    expect(h.recorded.calls).toEqual([]);

    // Registering tells nobody; accepting tells the petitioner, spending the consent.
    await staff('register', { id, departmentId: '110105-ks' }, DEMO.registrar);
    await staff('accept', { id }, DEMO.registrar);
    expect(sentPhrases(me)).toEqual(['已收到', '已受理']);
    expect(quota(me)).toBe(0);
    const [, accepted] = h.cloud.platform.messages({ touser: me });
    expect(accepted).toMatchObject({
      templateId: PROGRESS_TEMPLATE,
      page: `citizen/petition-detail/index?id=${id}`,
    });
    expect((await outbox(id)).map((o) => [o.touser, o.status])).toEqual([
      [me, 'sent'],
      [me, 'sent'],
    ]);

    // Still open: the page offers the next one again.
    page.close();
    const again = await openDetail(id);
    expect(again.text('#status')).toBe('已受理');
    expect(again.has('#subscribe-next')).toBe(true);
  });

  test('When the citizen declines, then the page says progress can still be seen here, and the next step sends nothing', async () => {
    const me = await citizen();
    const id = await fileOnPage();
    const page = await openDetail(id);
    h.subscribeDecision = 'reject';
    await page.tap('#subscribe-next');
    expect(h.recorded.subscribeRequests.at(-1)).toEqual(prompt(me));
    expect(page.text('#subscribe-result')).toContain('您仍可随时打开本页查看办理进度');
    expect(page.text('#subscribe-result')).not.toBe(SUBSCRIBED);
    expect(quota(me)).toBe(0);

    await staff('register', { id, departmentId: '110105-ks' }, DEMO.registrar);
    await staff('accept', { id }, DEMO.registrar);
    expect(sentPhrases(me)).toEqual(['已收到']);
    expect((await outbox(id)).map((o) => o.status)).toEqual(['sent', 'no_quota']);
  });

  test('When staff ask for materials and the citizen supplies them, declining the message, then the materials are still supplied', async () => {
    const me = await citizen();
    const id = await fileOnPage();
    await staff('register', { id, departmentId: '110105-ks' }, DEMO.registrar);
    await staff(
      'requestMaterials',
      { id, items: ['身份证复印件'], dueDate: '2099-12-31' },
      DEMO.registrar,
    );
    const page = await openDetail(id);
    h.recorded.subscribeRequests.length = 0;
    h.subscribeDecision = 'reject';
    await page.input('#materials-note', '身份证复印件已邮寄至贵院');
    await page.tap('#supply-submit');
    expect(h.recorded.subscribeRequests).toEqual([prompt(me)]);
    expect(h.recorded.toasts.at(-1)?.title).toBe('补充材料已提交');
    expect(page.has('#supply')).toBe(false);
    expect(page.has('#subscribe-result')).toBe(false);
    expect((await h.data('petition', 'get', { id }, me)).materialsRequest).toBeNull();
  });
});

describe('lists and links', () => {
  test('When a citizen has filed nothing, then 我的信访 says so and offers to file', async () => {
    await citizen();
    const page = await h.open(minePage);
    expect(page.text('#empty-state')).toContain('您还没有提交过信访');
    await page.tap('#write');
    expect(h.recorded.navigations.at(-1)?.url).toBe('/citizen/petition-submit/index');
  });

  test('When 我的 is opened, then 我的信访 leads to the list', async () => {
    const page = await h.as(DEMO.citizen).open(mePage);
    await page.tap('#link-petitions');
    expect(h.recorded.navigations).toEqual([
      { kind: 'navigateTo', url: '/citizen/petition-mine/index' },
    ]);
  });

  test('When the petition is someone else’s, then the detail says it was not found', async () => {
    await citizen();
    const id = await fileOnPage();
    h.as(newCitizen('x'));
    const page = await openDetail(id);
    expect(page.has('#notfound-state')).toBe(true);
  });
});
