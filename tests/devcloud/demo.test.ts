// The demo activity `npm start` creates on a new data folder: petitions in most states at 110105,
// filed and moved through the real functions, and suggestions; and nothing more on a restart.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DevCloud } from '../../devcloud';
import { DEMO_PEOPLE, describeDemo, seedWithDemo, storeIsEmpty } from '../../devcloud/demo';
import type { DemoSummary } from '../../devcloud/demo';
import type { PetitionInbox, PetitionListItem } from '../../typings/petition';
import type { Page } from '../../typings/fields';

jest.setTimeout(30_000);

type Envelope<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

let dir: string;
let cloud: DevCloud;
let demo: DemoSummary | null;

async function call<T>(fn: string, action: string, input: object, openid: string): Promise<T> {
  const result = (await cloud.invoke(fn, { action, input }, { openid })).result as Envelope<T>;
  if (!result.ok) throw new Error(`${action} as ${openid}: ${JSON.stringify(result.error)}`);
  return result.data;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'devcloud-demo-'));
  cloud = DevCloud.open({ dir });
  expect(storeIsEmpty(cloud)).toBe(true);
  ({ demo } = await seedWithDemo(cloud));
});

afterAll(async () => {
  await cloud.close();
  rmSync(dir, { recursive: true, force: true });
});

test('the registrar of 110105 sees every demo petition, in several statuses', async () => {
  expect(demo).not.toBeNull();
  const inbox = await call<PetitionInbox>(
    'petition',
    'inbox',
    { pageSize: 50 },
    DEMO_PEOPLE.registrar,
  );
  expect(inbox.total).toBe(demo!.petitions.length);
  expect(inbox.total).toBeGreaterThanOrEqual(8);
  expect(new Set(inbox.items.map((i) => i.kind)).size).toBeGreaterThanOrEqual(6);
  expect(inbox.items.some((i) => i.channel === 'letter')).toBe(true);
  const statuses = [
    'submitted',
    'registered',
    'materials_requested',
    'accepted',
    'assigned',
    'procedural_replied',
    'answered',
    'refused',
  ] as const;
  for (const status of statuses) expect(inbox.counts[status]).toBeGreaterThanOrEqual(1);
  // The summary says what the functions say.
  for (const p of demo!.petitions) {
    expect(inbox.items.find((i) => i.id === p.id)?.status).toBe(p.status);
  }
  expect(describeDemo(demo!)).toContain(`${inbox.total} petitions at 110105`);
});

test('handlers see theirs: assigned to them, or their department', async () => {
  const mine = await call<PetitionInbox>(
    'petition',
    'inbox',
    { assignedToMe: true },
    DEMO_PEOPLE.handler,
  );
  expect(mine.total).toBeGreaterThanOrEqual(1);
  const civil = await call<PetitionInbox>('petition', 'inbox', {}, 'o-staff-110105-ms-handler');
  expect(civil.items.map((i) => i.kind)).toContain('civil_appeal');
});

test("citizens' own petitions; one demo citizen has no profile yet", async () => {
  const chen = await call<Page<PetitionListItem>>('petition', 'mine', {}, DEMO_PEOPLE.citizen);
  expect(chen.total).toBe(demo!.petitions.filter((p) => p.filedBy === DEMO_PEOPLE.citizen).length);
  expect(chen.total).toBeGreaterThanOrEqual(3);
  const lawyer = await call<Page<PetitionListItem>>('petition', 'mine', {}, DEMO_PEOPLE.lawyer);
  expect(lawyer.total).toBeGreaterThanOrEqual(3);

  const none = await call<{ profile: unknown }>(
    'account',
    'profile.get',
    {},
    DEMO_PEOPLE.citizenWithoutProfile,
  );
  expect(none.profile).toBeNull();
  expect(demo!.withoutProfile).toBe(DEMO_PEOPLE.citizenWithoutProfile);
});

test('the suggestion inbox has pending and replied suggestions; the writer got the reply', async () => {
  const inbox = await call<{ total: number; counts: Record<'pending' | 'replied', number> }>(
    'supervision',
    'suggestion.inbox',
    {},
    DEMO_PEOPLE.handler,
  );
  expect(inbox.total).toBeGreaterThanOrEqual(2);
  expect(inbox.counts.pending).toBeGreaterThanOrEqual(1);
  expect(inbox.counts.replied).toBeGreaterThanOrEqual(1);
  expect(cloud.platform.messages({ touser: DEMO_PEOPLE.citizenWithoutProfile })).toHaveLength(1);
});

test('a restart on the same data folder creates no demo data again', async () => {
  const before = await call<PetitionInbox>('petition', 'inbox', {}, DEMO_PEOPLE.registrar);
  await cloud.close();
  cloud = DevCloud.open({ dir });
  expect(storeIsEmpty(cloud)).toBe(false);
  const again = await seedWithDemo(cloud);
  expect(again.demo).toBeNull();
  expect(again.identities.length).toBeGreaterThan(0);
  const after = await call<PetitionInbox>('petition', 'inbox', {}, DEMO_PEOPLE.registrar);
  expect(after.total).toBe(before.total);
  expect(after.counts).toEqual(before.counts);
});

test('case information disclosure is there to try: a bound citizen’s procedure, the lawyer’s booking, and what anyone can read', async () => {
  const d = demo!.disclosure;
  const procedure = await call<{ cause: string; boundAs: { roleName: string } }>(
    'cases',
    'procedure',
    { caseId: d.cases[1].id },
    DEMO_PEOPLE.citizen,
  );
  expect(procedure).toMatchObject({ cause: '故意伤害罪', boundAs: { roleName: '当事人本人' } });
  const mine = await call<{ items: { id: string; statusName: string }[] }>(
    'cases',
    'appointments.mine',
    {},
    DEMO_PEOPLE.lawyer,
  );
  expect(mine.items).toEqual([
    expect.objectContaining({ id: d.appointmentId, statusName: '待确认' }),
  ]);
  const inbox = await call<{ total: number }>(
    'cases',
    'appointments.inbox',
    {},
    'o-staff-110105-ag',
  );
  expect(inbox.total).toBe(1);

  // Anyone, even with no identity: the published announcement, and the document found by keyword,
  // masked (the victim's name never shown).
  const announcements = await cloud.invoke(
    'publish',
    { action: 'announcement.list', input: {} },
    {},
  );
  expect(JSON.stringify(announcements.result)).toContain(d.announcementId);
  // The 检务公告 of 110105 is listed among its notices, not among important case information.
  const notices = (
    await cloud.invoke(
      'publish',
      { action: 'announcement.list', input: { category: 'notice', procuratorateId: '110105' } },
      {},
    )
  ).result as Envelope<{ items: { id: string; title: string; categoryName: string }[] }>;
  expect(notices).toMatchObject({
    ok: true,
    data: {
      items: [{ id: d.noticeId, title: '关于调整来访接待时间的公告', categoryName: '检务公告' }],
    },
  });
  const caseInfo = (
    await cloud.invoke(
      'publish',
      { action: 'announcement.list', input: { category: 'case_info' } },
      {},
    )
  ).result as Envelope<{ items: { id: string }[] }>;
  expect(caseInfo.ok && caseInfo.data.items.map((i) => i.id)).toEqual([d.announcementId]);
  const found = (
    await cloud.invoke('publish', { action: 'document.search', input: { q: '盗窃 不起诉' } }, {})
  ).result as Envelope<{ items: { id: string }[] }>;
  expect(found).toMatchObject({ ok: true });
  if (!found.ok) return;
  expect(found.data.items.map((i) => i.id)).toContain(d.documentId);
  const doc = (
    await cloud.invoke('publish', { action: 'document.get', input: { id: d.documentId } }, {})
  ).result as Envelope<{ text: string }>;
  expect(doc.ok).toBe(true);
  if (!doc.ok) return;
  expect(doc.data.text).toContain('被害人孙某');
  expect(doc.data.text).not.toMatch(/孙丽|110105199406123317|13522223333|农光里/);
});

test('deputies and supervisors are there to try: the bound deputy’s opinions, the supervisor’s complaint, the staff inbox and an unused invitation', async () => {
  const l = demo!.liaison;
  const deputy = await call<{ items: { id: string; status: string }[] }>(
    'liaison',
    'mine',
    {},
    'o-deputy-1',
  );
  expect(deputy.items.map((i) => [i.id, i.status]).sort()).toEqual(
    [
      [l.repliedOpinionId, 'replied'],
      [l.waitingOpinionId, 'submitted'],
    ].sort(),
  );
  const complaint = await call<{ status: string; kind: string }>(
    'liaison',
    'get',
    { id: l.complaintId },
    'o-supervisor-1',
  );
  expect(complaint).toMatchObject({ status: 'handling', kind: 'complaint' });
  const inbox = await call<{ counts: Record<string, number> }>(
    'liaison',
    'inbox',
    {},
    DEMO_PEOPLE.registrar,
  );
  expect(inbox.counts).toEqual({ submitted: 1, handling: 1, replied: 1 });
  expect(l.unused.code).toMatch(/^[A-Z0-9]{8}$/);
  const member = await call<{ role: string }>(
    'liaison',
    'invitation.redeem',
    { code: l.unused.code, name: l.unused.name },
    'o-demo-new-member',
  );
  expect(member.role).toBe('member');
});

test('the public FAQ has the demo’s published question, found by a keyword of its answer', async () => {
  const out = await cloud.invoke('consultation', { action: 'faq.list', input: { q: '再审' } }, {});
  const result = out.result as { ok: boolean; data: { items: { id: string }[] } };
  expect(result.ok).toBe(true);
  expect(result.data.items.map((i) => i.id)).toEqual([demo!.faqId]);
});
