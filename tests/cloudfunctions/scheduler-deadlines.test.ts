// The scheduler's deadline sweep on devcloud: a petition whose procedural reply falls due within 3
// days reminds whoever must act (the registrars before it is assigned, then its handler); an
// overdue one is escalated to the procuratorate's leaders; running the timer again, or twice at
// once, alerts nobody twice; the staff view lists the alerts.
import type { PetitionStaffView } from '../../typings/petition';
import { citizenWithProfile, submitPetition } from '../helpers/petition';
import { data, DEMO, openTestCloud, type TestCloud } from '../helpers/cloud';

let t: TestCloud;
const DAY = 24 * 3600_000;

beforeAll(async () => {
  t = await openTestCloud();
}, 60_000);

afterAll(async () => {
  await t.close();
});

/** Moves a stored petition's receipt (and its stored next due date) back `days` days. */
function age(id: string, days: number) {
  t.patchRaw('petitions', id, (doc) => {
    for (const key of ['submittedAt', 'dueAt']) {
      const v = doc[key] as { $date: string };
      doc[key] = { $date: new Date(Date.parse(v.$date) - days * DAY).toISOString() };
    }
  });
}

async function alertsFor(id: string) {
  return t.find('deadline_alerts', { petitionId: id });
}

async function toldAbout(id: string) {
  const entries = await t.find('outbox', { 'ref.id': id, template: 'petitionProgress' });
  return entries
    .filter((e) => String(e.touser).startsWith('o-staff-'))
    .map((e) => `${String(e.touser)}:${(e.data as { phrase2: { value: string } }).phrase2.value}`)
    .filter((line) => /:(即将到期|已超期)$/.test(line))
    .sort();
}

test('When a petition’s procedural reply is overdue, then the leaders are told once, however often the timer runs', async () => {
  const me = await citizenWithProfile(t, 'sweep');
  const id = await submitPetition(t, me);
  age(id, 10);
  const now = new Date();

  const first = await t.cloud.fireTimer('scheduler', now);
  expect(first.result).toMatchObject({ ok: true, data: { deadlines: { escalated: 1 } } });
  expect(await toldAbout(id)).toEqual([
    'o-staff-110105-leader:已超期',
    'o-staff-110105-registrar:已超期',
  ]);
  const [alert] = await alertsFor(id);
  expect(alert).toMatchObject({ level: 'overdue', deadline: 'procedural_reply' });
  const audit = await t.find('audit', { entityId: id, action: 'escalate' });
  expect(audit).toHaveLength(1);

  await t.cloud.fireTimer('scheduler', new Date(now.getTime() + 5 * 60_000));
  await Promise.all([
    t.cloud.fireTimer('scheduler', new Date(now.getTime() + 10 * 60_000)),
    t.cloud.fireTimer('scheduler', new Date(now.getTime() + 10 * 60_000)),
  ]);
  expect(await alertsFor(id)).toHaveLength(1);
  expect(await toldAbout(id)).toHaveLength(2);

  const view = data(await t.call('petition', 'get', { id }, DEMO.registrar)) as PetitionStaffView;
  expect(view.deadlines[0]).toMatchObject({ key: 'procedural_reply', state: 'overdue' });
  expect(view.alerts).toEqual([
    expect.objectContaining({ level: 'overdue', deadlineName: '程序性答复', told: 2 }),
  ]);
});

test('When an assigned petition’s handling falls due within 3 days, then its handler is reminded, and nobody else', async () => {
  const me = await citizenWithProfile(t, 'sweep');
  const id = await submitPetition(t, me);
  data(await t.call('petition', 'register', { id, departmentId: '110105-ks' }, DEMO.registrar));
  data(await t.call('petition', 'accept', { id }, DEMO.registrar));
  data(await t.call('petition', 'assign', { id, staffId: 'st-110105-handler' }, DEMO.leader));
  // The 60 days of handling run from acceptance; move everything 58 days back.
  const raw = t.cloud.store.raw;
  const doc = JSON.parse(
    raw.prepare('SELECT doc FROM "coll_petitions" WHERE _id = ?').pluck().get(id) as string,
  ) as Record<string, unknown>;
  const back = (v: unknown) => ({
    $date: new Date(Date.parse((v as { $date: string }).$date) - 58 * DAY).toISOString(),
  });
  for (const k of ['submittedAt', 'registeredAt', 'acceptedAt', 'assignedAt', 'dueAt']) {
    doc[k] = back(doc[k]);
  }
  raw.prepare('UPDATE "coll_petitions" SET doc = ? WHERE _id = ?').run(JSON.stringify(doc), id);

  const out = await t.cloud.fireTimer('scheduler', new Date());
  expect(out.result).toMatchObject({ ok: true });
  expect(await toldAbout(id)).toEqual(['o-staff-110105-handler:即将到期']);
  const [alert] = await alertsFor(id);
  expect(alert).toMatchObject({
    level: 'due_soon',
    deadline: 'handling',
    to: ['st-110105-handler'],
  });
});

test('When nothing is due within 3 days, then the sweep alerts nothing', async () => {
  const me = await citizenWithProfile(t, 'sweep');
  const id = await submitPetition(t, me);
  await t.cloud.fireTimer('scheduler', new Date());
  expect(await alertsFor(id)).toEqual([]);
  expect(await toldAbout(id)).toEqual([]);
});
