// The archive dossier page (归档卷宗) in miniprogram-simulate against devcloud: the staff detail page
// of an archived petition offers it; the page lays the dossier out as a document in its eight
// sections with the hash at the foot; a petition not archived, someone who may not see it, and a
// failed load each get their own state.
import {
  DOSSIER_DEADLINE_OUTCOME_NAMES,
  type PetitionDossierView,
} from '../../typings/petition-dossier';
import type { PetitionSubmitInput } from '../../typings/petition';
import { buildPetition } from '../helpers/petition';
import { citizenWithProfile } from './builders';
import { DEMO, Harness, type PageHandle } from './harness';

jest.setTimeout(120_000);

let h: Harness;
let dossierPage: string;
let detailPage: string;

beforeAll(async () => {
  h = await Harness.start();
  dossierPage = h.load('staff/petition-dossier/index');
  detailPage = h.load('staff/petition-detail/index');
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => h.reset());

const HANDLER_ID = 'st-110105-handler';
const DAY = 24 * 3600_000;

async function file(openid: string): Promise<string> {
  const input = buildPetition() as unknown as PetitionSubmitInput;
  return (await h.data('petition', 'submit', input, openid)).id;
}

/** Registered and refused by the registrar: archivable at once. */
async function refused(openid: string): Promise<string> {
  const id = await file(openid);
  await h.data('petition', 'register', { id, departmentId: '110105-ks' }, DEMO.registrar);
  await h.data(
    'petition',
    'refuse',
    { id, ground: 2, explanation: '经审查，您的诉求不明确，请补充具体请求后重新提出。' },
    DEMO.registrar,
  );
  return id;
}

/** Moves every moment of a stored petition `days` days back (past the review window). */
function age(id: string, days: number) {
  const raw = h.cloud.store.raw;
  const text = raw.prepare('SELECT doc FROM "coll_petitions" WHERE _id = ?').pluck().get(id);
  const shifted = JSON.parse(text as string, (_key, value: unknown) =>
    value && typeof value === 'object' && typeof (value as { $date?: unknown }).$date === 'string'
      ? {
          $date: new Date(
            Date.parse((value as { $date: string }).$date) - days * DAY,
          ).toISOString(),
        }
      : value,
  ) as unknown;
  raw.prepare('UPDATE "coll_petitions" SET doc = ? WHERE _id = ?').run(JSON.stringify(shifted), id);
}

/** Answered and closed by the handler, then aged 40 days so it may be archived. */
async function closedLongAgo(openid: string): Promise<string> {
  const id = await file(openid);
  await h.data('petition', 'register', { id, departmentId: '110105-ks' }, DEMO.registrar);
  await h.data('petition', 'accept', { id }, DEMO.registrar);
  await h.data('petition', 'assign', { id, staffId: HANDLER_ID }, DEMO.leader);
  await h.data(
    'petition',
    'proceduralReply',
    { id, method: 'online', text: '您的信访已由本院受理，正在办理。' },
    DEMO.handler,
  );
  await h.data(
    'petition',
    'answer',
    {
      id,
      method: 'written',
      text: '经调查核实，相关部门已依法作出处理。',
      result: '已督促相关部门依法处理',
    },
    DEMO.handler,
  );
  await h.data('petition', 'close', { id }, DEMO.handler);
  age(id, 40);
  return id;
}

async function open(id: string, as: string = DEMO.registrar): Promise<PageHandle> {
  return h.as(as).open(dossierPage, { id });
}

describe('the staff detail page', () => {
  test('When a petition is archived, then its detail page offers 查看归档卷宗, which opens the dossier', async () => {
    const me = await citizenWithProfile(h, 'dossier', '张三');
    const id = await refused(me);
    const page = await h.as(DEMO.registrar).open(detailPage, { id });
    expect(page.has('#open-dossier')).toBe(false);

    // Archiving from the page itself shows the button at once.
    await page.tap('#act-archive');
    expect(page.text('#status')).toBe('已归档');
    expect(page.text('#open-dossier')).toBe('查看归档卷宗');
    await page.tap('#open-dossier');
    expect(h.recorded.navigations).toEqual([
      { kind: 'navigateTo', url: `/staff/petition-dossier/index?id=${id}` },
    ]);
  });
});

describe('the dossier page', () => {
  let closed: string;
  let owner: string;
  let stored: PetitionDossierView;

  beforeAll(async () => {
    owner = await citizenWithProfile(h, 'dossier', '张三');
    closed = await closedLongAgo(owner);
    await h.data('petition', 'archive', { id: closed }, DEMO.registrar);
    stored = await h.data('petition', 'dossier', { id: closed }, DEMO.leader);
  });

  test('When the registrar opens an archived petition’s dossier, then it reads as a document in its eight sections with the hash at the foot', async () => {
    const page = await open(closed);
    expect(page.text('#doc-title')).toBe('信访事项归档卷宗');
    expect(page.text('#doc-number')).toBe(stored.receiptNumber);
    expect(page.texts('.doc-section-title')).toEqual([
      '一、基本信息',
      '二、信访人',
      '三、诉求与事实',
      '四、办理过程',
      '五、答复',
      '六、期限执行情况',
      '七、附件清单',
      '八、审计摘录',
    ]);
    expect(page.text('#basics')).toContain('北京市朝阳区人民检察院');
    expect(page.text('#basics')).toContain('控告申诉检察部');
    expect(page.text('#basics')).toContain('已办结');
    expect(page.text('#petitioner')).toContain('张三');
    expect(page.text('#petitioner')).toContain('110***********002X');
    expect(page.text('#petitioner')).toContain(stored.petitioner.mobileMasked);
    expect(page.text('#petitioner')).not.toContain('19491231');
    expect(page.text('#form')).toContain('请求依法处理邻里纠纷中的违法行为');
    expect(page.texts('#timeline .doc-step-status')).toEqual(
      stored.timeline.map((s) => s.statusName),
    );
    expect(page.text('#outcome')).toContain('已督促相关部门依法处理');
    expect(page.count('#replies .reply')).toBe(2);
    expect(page.text('#replies')).toContain('经调查核实，相关部门已依法作出处理。');
    expect(page.texts('.deadline-outcome')).toEqual(
      stored.deadlines.map((d) => DOSSIER_DEADLINE_OUTCOME_NAMES[d.outcome]),
    );
    expect(page.texts('.deadline-outcome').length).toBeGreaterThan(0);
    expect(page.text('#no-files')).toBe('无');
    expect(page.count('.doc-audit')).toBe(stored.audit.length);
    expect(page.texts('.doc-audit-action')[0]).toBe('提交信访');
    expect(page.texts('.doc-audit-action').at(-1)).toBe('归档');
    expect(page.text('#dossier-hash')).toBe(stored.hash);
    expect(page.has('#not-intact')).toBe(false);
  });

  test('When the page’s outcome names are compared with the contract’s, then each is the same', async () => {
    const page = await open(closed);
    const shown = page.data.dossier.deadlines as { outcomeName: string }[];
    expect(shown.map((d) => d.outcomeName)).toEqual(
      stored.deadlines.map((d) => DOSSIER_DEADLINE_OUTCOME_NAMES[d.outcome]),
    );
  });

  test('When 复制卷宗校验码 is tapped, then the hash is copied', async () => {
    const page = await open(closed);
    await page.tap('#copy-hash');
    expect(h.recorded.clipboard).toEqual([stored.hash]);
  });

  test('When a handler of its department opens it, then the dossier shows too', async () => {
    const page = await open(closed, DEMO.handler);
    expect(page.text('#doc-number')).toBe(stored.receiptNumber);
  });

  test('When its petitioner or staff of another procuratorate opens it, then the page says it is not found', async () => {
    const petition = await h.data('petition', 'get', { id: closed }, DEMO.registrar);
    expect(petition.status).toBe('archived');
    for (const as of [owner, DEMO.otherUnitHandler]) {
      const page = await open(closed, as);
      expect(page.has('#notfound-state')).toBe(true);
      expect(page.has('#dossier')).toBe(false);
    }
  });

  test('When the petition is not archived yet, then the page says so', async () => {
    const me = await citizenWithProfile(h, 'dossier', '张三');
    const id = await refused(me);
    const page = await open(id);
    expect(page.text('#notarchived-state')).toContain('该信访尚未归档');
  });

  test('When the network fails, then the page offers to reload, and reloading shows the dossier', async () => {
    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    h.networkDown = true;
    const page = await open(closed);
    expect(page.has('#error-state')).toBe(true);
    h.networkDown = false;
    await page.tap('#retry');
    expect(page.text('#doc-number')).toBe(stored.receiptNumber);
    expect(logged).toHaveBeenCalled();
    logged.mockRestore();
  });

  test('When no id is given, then the page says it is not found', async () => {
    const page = await h.as(DEMO.registrar).open(dossierPage, {});
    expect(page.has('#notfound-state')).toBe(true);
  });
});
