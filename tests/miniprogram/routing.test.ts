// 信访分流设置 (staff/routing): the administrator changes which department receives a kind, after a
// confirmation, and later petitions go there; a cancelled confirmation saves nothing; a department
// gone meanwhile is refused under its row; registrars see the table read-only; handlers and
// citizens are refused by the function. Every call runs the real `petition` function on devcloud.
import type { PetitionSubmitInput } from '../../typings/petition';
import { buildPetition } from '../helpers/petition';
import { citizenWithProfile } from './builders';
import { DEMO, Harness, type PageHandle } from './harness';

jest.setTimeout(120_000);

const ADMIN = 'o-staff-110105-admin';
const KINDS = [
  'accusation',
  'criminal_appeal',
  'civil_appeal',
  'administrative_appeal',
  'state_compensation',
  'judicial_assistance',
  'public_interest_clue',
  'staff_misconduct',
  'other',
];

let h: Harness;
let routingPage: string;
let mePage: string;

beforeAll(async () => {
  h = await Harness.start();
  routingPage = h.load('staff/routing/index');
  mePage = h.load('pages/me/index');
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => h.reset());

interface Row {
  kind: string;
  departmentId: string | null;
  departmentName: string;
  isDefault: boolean;
  changed: boolean;
  error: string;
}

const rows = (page: PageHandle) => page.data.rows as Row[];
const row = (page: PageHandle, kind: string) => rows(page).find((r) => r.kind === kind) as Row;

/** Picks the department named `name` in the row of `kind`, as the picker does. */
async function pick(page: PageHandle, kind: string, name: string) {
  const index = (page.data.departments as { name: string }[]).findIndex((d) => d.name === name);
  expect(index).toBeGreaterThanOrEqual(0);
  await page.change(`#picker-${kind}`, index);
}

function saveCalls() {
  return h.recorded.calls.filter((c) => c.action === 'routing.set');
}

describe('我的', () => {
  test('When an administrator, a registrar or a leader opens 我的, then 信访分流设置 is offered; handlers and citizens do not see it', async () => {
    for (const who of [ADMIN, DEMO.registrar, DEMO.leader]) {
      const page = await h.as(who).open(mePage);
      expect(page.text('#link-routing')).toContain('信访分流设置');
      page.close();
    }
    const page = await h.as(ADMIN).open(mePage);
    await page.tap('#link-routing');
    expect(h.recorded.navigations).toEqual([{ kind: 'navigateTo', url: '/staff/routing/index' }]);
    for (const who of [DEMO.handler, DEMO.citizen]) {
      const other = await h.as(who).open(mePage);
      expect(other.has('#link-routing')).toBe(false);
      other.close();
    }
  });
});

describe('who sees what', () => {
  test('When a registrar opens it, then the table is shown read-only with a note, and there is nothing to save', async () => {
    const page = await h.as(DEMO.registrar).open(routingPage);
    expect(page.data.state).toBe('ready');
    expect(page.text('#unit-name')).toBe(DEMO.unitName);
    expect(rows(page).map((r) => r.kind)).toEqual(KINDS);
    expect(page.count('.route')).toBe(9);
    expect(page.text('#read-only-note')).toContain('仅本院管理员可以修改');
    expect(page.has('#save')).toBe(false);
    expect(page.has('picker')).toBe(false);
    expect(page.text('#department-civil_appeal')).toBe('民事检察部');
    expect(page.count('.default-mark')).toBe(9);
  });

  test('When a handler or a citizen opens it, then the function refuses and the page says who may see it', async () => {
    for (const who of [DEMO.handler, DEMO.citizen]) {
      const page = await h.as(who).open(routingPage);
      expect(page.data.state).toBe('forbidden');
      expect(page.text('#forbidden-state .state-title')).toBe('仅限本院管理员和登记、审批人员查看');
      expect(page.has('#routes')).toBe(false);
      expect(h.recorded.calls.some((c) => c.action === 'routing.get' && c.openid === who)).toBe(
        true,
      );
      page.close();
    }
  });
});

describe('the administrator', () => {
  test('When the administrator changes a kind but cancels the confirmation, then nothing is saved', async () => {
    const page = await h.as(ADMIN).open(routingPage);
    await pick(page, 'other', '民事检察部');
    expect(row(page, 'other')).toMatchObject({ departmentId: '110105-ms', changed: true });
    h.modalAnswer = 'cancel';
    await page.tap('#save');
    expect(h.recorded.modals).toHaveLength(1);
    expect(saveCalls()).toEqual([]);
    expect(page.data.saving).toBe(false);
    expect(page.data.dirty).toBe(true);
    const view = await h.data('petition', 'routing.get', {}, ADMIN);
    expect(view.routes.every((r) => r.isDefault)).toBe(true);
    expect(view.updatedAt).toBeNull();
  });

  test('When the administrator sends 其他信访 to 民事检察部 and confirms, then it is saved, and a later petition goes there', async () => {
    const page = await h.as(ADMIN).open(routingPage);
    expect(page.text('#unit-name')).toBe(DEMO.unitName);
    expect(page.count('.route')).toBe(9);
    expect(rows(page).every((r) => r.isDefault)).toBe(true);
    expect(page.count('.default-mark')).toBe(9);
    expect(page.has('#read-only-note')).toBe(false);
    expect(row(page, 'other').departmentName).toBe('控告申诉检察部');
    expect(page.text('#row-other .department')).toBe('控告申诉检察部');
    // nothing changed yet: the button is disabled, and tapping it asks nothing
    expect(page.data.dirty).toBe(false);
    await page.tap('#save');
    expect(h.recorded.modals).toEqual([]);

    // picking the saved department again is no change
    await pick(page, 'other', '控告申诉检察部');
    expect(page.data.dirty).toBe(false);
    await pick(page, 'other', '民事检察部');
    expect(page.data.dirty).toBe(true);
    expect(page.text('#row-other .department')).toBe('民事检察部');
    expect(page.has('#row-other .changed-mark')).toBe(true);
    expect(page.has('#row-other .default-mark')).toBe(false);

    await page.tap('#save');
    expect(h.recorded.modals).toHaveLength(1);
    expect(h.recorded.modals[0]).toMatchObject({ title: '确认保存分流设置', showCancel: true });
    expect(h.recorded.modals[0].content).toContain('其他信访：民事检察部');
    expect(h.recorded.modals[0].content).toContain('新收到的信访将分流到新的承办部门');
    expect(saveCalls()).toHaveLength(1);
    expect(h.recorded.toasts.map((t) => t.title)).toEqual(['分流设置已保存']);
    expect(page.data.dirty).toBe(false);
    expect(row(page, 'other')).toMatchObject({
      departmentId: '110105-ms',
      departmentName: '民事检察部',
      isDefault: false,
      changed: false,
    });
    expect(page.has('#row-other .default-mark')).toBe(false);
    expect(page.text('#updated-at')).toMatch(/^最近修改：\d{4}-\d\d-\d\d \d\d:\d\d$/);

    // read back through the function: saved, and no longer the default
    const view = await h.data('petition', 'routing.get', {}, DEMO.registrar);
    expect(view.routes.find((r) => r.kind === 'other')).toMatchObject({
      departmentId: '110105-ms',
      isDefault: false,
    });
    const again = await h.as(ADMIN).open(routingPage);
    expect(row(again, 'other')).toMatchObject({ departmentId: '110105-ms', isDefault: false });

    // a citizen's petition of kind other, filed afterwards, is routed to 民事检察部
    const citizen = await citizenWithProfile(h, 'r', '张三');
    const input = buildPetition({ kind: 'other' }) as unknown as PetitionSubmitInput;
    const { id } = await h.data('petition', 'submit', input, citizen);
    const seen = (await h.data('petition', 'get', { id }, DEMO.registrar)) as unknown as {
      departmentId: string | null;
    };
    expect(seen.departmentId).toBe('110105-ms');
  });

  test('When a department picked is gone by the time of saving, then the function’s error shows under its row', async () => {
    const page = await h.as(ADMIN).open(routingPage);
    await pick(page, 'accusation', '办公室');
    // the department is dissolved meanwhile (restored afterwards)
    const raw = h.cloud.store.raw;
    const doc = raw
      .prepare('SELECT doc FROM "coll_departments" WHERE _id = ?')
      .pluck()
      .get('110105-bgs') as string;
    raw.prepare('DELETE FROM "coll_departments" WHERE _id = ?').run('110105-bgs');
    try {
      await page.tap('#save');
      expect(saveCalls()).toHaveLength(1);
      expect(page.text('#error-accusation')).toBe('所选部门不属于本院，请重新选择');
      expect(page.has('#row-accusation.field-invalid')).toBe(true);
      expect(h.recorded.toasts).toEqual([]);
      expect(page.data.dirty).toBe(true);
      // picking another department clears the error
      await pick(page, 'accusation', '控告申诉检察部');
      expect(page.has('#error-accusation')).toBe(false);
    } finally {
      raw.prepare('INSERT INTO "coll_departments" (_id, doc) VALUES (?, ?)').run('110105-bgs', doc);
    }
  });
});
