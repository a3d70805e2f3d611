// Routing by kind as data an administrator changes, run as the built bundle on devcloud: the
// national default until set; set only by the procuratorate's administrator, only to its own
// departments, audited; later petitions (submitted, filed offline, transferred in) follow it.
import { PETITION_KINDS, type PetitionStaffView } from '../../typings/petition';
import { buildPetition, citizenWithProfile, submitPetition } from '../helpers/petition';
import { data, DEMO, openTestCloud, type TestCloud } from '../helpers/cloud';

let t: TestCloud;

beforeAll(async () => {
  t = await openTestCloud();
}, 60_000);

afterAll(async () => {
  await t.close();
});

const routes = (overrides: Record<string, string> = {}) => ({
  ...Object.fromEntries(PETITION_KINDS.map((k) => [k, '110105-ks'])),
  ...overrides,
});

async function departmentOf(id: string): Promise<string | null> {
  const [doc] = await t.find('petitions', { _id: id });
  return (doc?.departmentId as string | null) ?? null;
}

test('Before anything is set, every kind follows the national default', async () => {
  const view = data(await t.call('petition', 'routing.get', {}, DEMO.admin));
  expect(view.procuratorateName).toBe('北京市朝阳区人民检察院');
  expect(view.routes.map((r) => [r.kind, r.departmentId, r.isDefault])).toEqual([
    ['accusation', '110105-ks', true],
    ['criminal_appeal', '110105-ks', true],
    ['civil_appeal', '110105-ms', true],
    ['administrative_appeal', '110105-xz', true],
    ['state_compensation', '110105-ks', true],
    ['judicial_assistance', '110105-ks', true],
    ['public_interest_clue', '110105-gy', true],
    ['staff_misconduct', '110105-jwdc', true],
    ['other', '110105-ks', true],
  ]);
  expect(view.departments.map((d) => d.id)).toContain('110105-bgs');
  expect(view.updatedAt).toBeNull();
});

test('When the administrator routes 其他信访 to 民事检察部, then later petitions of that kind go there, and the change is audited', async () => {
  const me = await citizenWithProfile(t, 'routing');
  const before = await submitPetition(t, me);
  expect(await departmentOf(before)).toBe('110105-ks');

  const view = data(
    await t.call('petition', 'routing.set', { routes: routes({ other: '110105-ms' }) }, DEMO.admin),
  );
  expect(view.routes.find((r) => r.kind === 'other')).toMatchObject({
    departmentId: '110105-ms',
    departmentName: '民事检察部',
    isDefault: false,
  });
  // What was already filed stays where it is.
  expect(await departmentOf(before)).toBe('110105-ks');

  const after = await submitPetition(t, me);
  expect(await departmentOf(after)).toBe('110105-ms');
  const letter = data(
    await t.call(
      'petition',
      'fileOffline',
      {
        channel: 'letter',
        petitioner: { name: '赵六', idNumber: '11010519491231002X', mobile: '13900139000' },
        form: buildPetition(),
      },
      DEMO.registrar,
    ),
  ) as PetitionStaffView;
  expect(letter.departmentId).toBe('110105-ms');

  const [entry] = await t.find('audit', { entity: 'routing', entityId: '110105' });
  expect(entry).toMatchObject({
    action: 'set',
    by: { staffId: 'st-110105-admin' },
    detail: { to: expect.objectContaining({ other: '110105-ms' }) },
  });
});

test('When a department of another procuratorate is chosen, then BAD_REQUEST names the kind and nothing changes', async () => {
  const before = await t.find('routing', { _id: '110105' });
  const res = await t.call(
    'petition',
    'routing.set',
    { routes: routes({ civil_appeal: '110108-ms' }) },
    DEMO.admin,
  );
  expect(res).toMatchObject({
    ok: false,
    error: {
      code: 'BAD_REQUEST',
      issues: [{ path: 'routes.civil_appeal', message: '所选部门不属于本院，请重新选择' }],
    },
  });
  expect(await t.find('routing', { _id: '110105' })).toEqual(before);
});

test.each([
  ['a kind is missing', { routes: { other: '110105-ks' } }],
  ['a kind is unknown', { routes: routes({ lawsuit: '110105-ks' }) }],
  ['a department is empty', { routes: routes({ other: '' }) }],
  ['routes is not an object', { routes: 'ks' }],
])('When %s, then BAD_REQUEST and nothing is written', async (_what, input) => {
  const before = await t.find('routing');
  const res = await t.call('petition', 'routing.set', input, DEMO.admin);
  expect(res).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  if (!res.ok) expect(res.error.issues?.[0]?.path).toMatch(/^routes/);
  expect(await t.find('routing')).toEqual(before);
});

test.each([
  ['a registrar', 'FORBIDDEN', DEMO.registrar],
  ['a leader', 'FORBIDDEN', DEMO.leader],
  ['a handler', 'FORBIDDEN', DEMO.handler],
  ['a citizen', 'FORBIDDEN', DEMO.citizen],
  ['nobody', 'UNAUTHENTICATED', undefined],
])('When %s sets routing, then %s', async (_who, code, openid) => {
  const res = await t.call('petition', 'routing.set', { routes: routes() }, openid);
  expect(res).toMatchObject({ ok: false, error: { code } });
});

test.each([
  ['a registrar', true, DEMO.registrar],
  ['a leader', true, DEMO.leader],
  ['an administrator', true, DEMO.admin],
  ['a handler', false, DEMO.handler],
  ['a citizen', false, DEMO.citizen],
])('When %s reads routing, then allowed: %s', async (_who, allowed, openid) => {
  const res = await t.call('petition', 'routing.get', {}, openid);
  expect(res.ok).toBe(allowed);
});
