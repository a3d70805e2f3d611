// The audit log's hash chains on devcloud: the real functions append to them (a petition through
// its steps, a profile, a suggestion), `audit verify` finds them whole, and altering, deleting
// (in the middle or at the end) or reordering entries is each detected and named.
import { verifyAudit } from '../../devcloud/audit';
import { citizenWithProfile, submitPetition } from '../helpers/petition';
import { data, DEMO, openTestCloud, type TestCloud } from '../helpers/cloud';

let t: TestCloud;
let petition: string;

beforeEach(async () => {
  t = await openTestCloud();
  const me = await citizenWithProfile(t, 'audit');
  petition = await submitPetition(t, me);
  data(
    await t.call(
      'petition',
      'register',
      { id: petition, departmentId: '110105-ks' },
      DEMO.registrar,
    ),
  );
  data(await t.call('petition', 'accept', { id: petition }, DEMO.registrar));
  data(
    await t.call('petition', 'assign', { id: petition, staffId: 'st-110105-handler' }, DEMO.leader),
  );
}, 60_000);

afterEach(async () => {
  await t.close();
});

const raw = () => t.cloud.store.raw;
const entryId = (seq: number) => `petition:${petition}:${String(seq).padStart(8, '0')}`;

function rewrite(id: string, change: (doc: Record<string, unknown>) => void) {
  const text = raw()
    .prepare('SELECT doc FROM "coll_audit" WHERE _id = ?')
    .pluck()
    .get(id) as string;
  const doc = JSON.parse(text) as Record<string, unknown>;
  change(doc);
  raw().prepare('UPDATE "coll_audit" SET doc = ? WHERE _id = ?').run(JSON.stringify(doc), id);
}

const problemsOf = () =>
  verifyAudit(t.cloud)
    .problems.filter((p) => p.entityId === petition)
    .map((p) => p.problem);

test('When nothing was touched, then every chain verifies, the petition’s with one entry per step', async () => {
  const report = verifyAudit(t.cloud);
  expect(report.problems).toEqual([]);
  expect(report.chains).toBeGreaterThanOrEqual(2); // the profile's and the petition's
  const steps = await t.find('audit', { entity: 'petition', entityId: petition });
  expect(steps.map((s) => [s.seq, s.action])).toEqual([
    [1, 'SUBMIT'],
    [2, 'REGISTER'],
    [3, 'ACCEPT'],
    [4, 'ASSIGN'],
  ]);
});

test('When an entry’s content is altered, then verify names it', () => {
  rewrite(entryId(2), (doc) => {
    doc.by = { openid: null, staffId: 'st-110105-leader' };
  });
  expect(problemsOf()).toEqual(['its content was changed']);
});

test('When an entry in the middle is deleted, then verify reports the gap', () => {
  raw().prepare('DELETE FROM "coll_audit" WHERE _id = ?').run(entryId(2));
  expect(problemsOf()).toEqual([
    'expected entry 2, found 3 (an entry is missing or moved)',
    'does not follow the entry before it',
    'expected entry 3, found 4 (an entry is missing or moved)',
  ]);
});

test('When the last entry is deleted, then the head shows it', () => {
  raw().prepare('DELETE FROM "coll_audit" WHERE _id = ?').run(entryId(4));
  expect(problemsOf()).toEqual([
    'the head is entry 4, the log ends at 3 (entries after it were deleted)',
  ]);
});

test('When two entries swap places, then verify reports them', () => {
  rewrite(entryId(2), (doc) => {
    doc.seq = 3;
  });
  rewrite(entryId(3), (doc) => {
    doc.seq = 2;
  });
  const problems = problemsOf();
  expect(problems).toContain('does not follow the entry before it');
  expect(problems).toContain('its content was changed');
});

test('When staff open the petitioner’s personal data or files, then each opening is in the chain; the petitioner’s own views are not', async () => {
  const [owner] = (await t.find('petitions', { _id: petition })).map((p) =>
    String(p.petitionerOpenid),
  );
  data(await t.call('petition', 'get', { id: petition }, owner));
  data(await t.call('petition', 'get', { id: petition }, DEMO.handler));
  data(await t.call('petition', 'files', { id: petition }, DEMO.registrar));
  const entries = await t.find('audit', { entity: 'petition', entityId: petition });
  expect(
    entries
      .sort((a, b) => Number(a.seq) - Number(b.seq))
      .slice(4)
      .map((e) => [e.action, (e.by as { staffId: string }).staffId]),
  ).toEqual([
    ['view_personal_data', 'st-110105-handler'],
    ['view_files', 'st-110105-registrar'],
  ]);
  expect(verifyAudit(t.cloud).problems).toEqual([]);
});
