// Petition benchmark: submits per second on devcloud (built bundles in worker threads, the real
// wx-server-sdk, SQLite), sequentially and with concurrent callers racing for one receipt counter;
// and the staff inbox (`inbox`, as the 110105 leader) at 1,000 and 1,000,000 petitions in the
// procuratorate. The inbox's petitions are copies of real ones (one `submit`, then `register`,
// through devcloud) bulk-inserted into the collection's SQLite table in one transaction, with the
// indexes of database/petitions.json in place.
//
//   npm run build && node bench/petition.mjs
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const require = createRequire(import.meta.url);

const CITIZENS = 10;
const SEQUENTIAL = 200;
const CONCURRENT = 400;
const CONCURRENCY = 20;

// The inbox: petitions in the leader's procuratorate, plus a tenth as many elsewhere. Its counts
// per status come from the tallies kept in the transition transaction (petition_tallies), so
// neither the page nor the counts walk the procuratorate's petitions.
const INBOX_SIZES = [1_000, 1_000_000];
const INBOX_UNIT = '110105';
const INBOX_LEADER = 'o-staff-110105-leader';
const INBOX_WARMUP = 3;
const INBOX_CALLS = 30;
const SUBMIT_CALLS = 30;
/** A case stops taking timed calls after this long (at least 3 are taken). */
const INBOX_BUDGET_MS = 25_000;

function form(i, procuratorateId) {
  return {
    kind: 'other',
    procuratorateId,
    request: '请求依法处理我反映的问题',
    facts: '2025年5月，我在本市某区与他人发生纠纷，有关部门处理不当，至今未予纠正。',
    reasons: '原处理认定事实不清，证据不足。',
    address: '北京市朝阳区建国路88号',
    contact: '13800138000',
    clientToken: `bench-${procuratorateId}-${i}-${Date.now().toString(36)}`,
  };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};
const fmt = (n) => Math.round(n).toLocaleString('en-US');

async function profile(cloud, openid) {
  const out = await cloud.invoke(
    'account',
    {
      action: 'profile.save',
      input: { name: '张三', idNumber: '11010519491231002X', mobile: '13800138000' },
    },
    { openid },
  );
  if (!out.result?.ok) throw new Error(`profile.save: ${JSON.stringify(out.result)}`);
}

/**
 * The stored text (relaxed EJSON, parsed as plain JSON) of a real petition of INBOX_UNIT, as
 * submitted and as registered: one `submit` and one `register` through devcloud.
 */
async function inboxTemplates(cloud) {
  const openid = 'o-bench-inbox-citizen';
  await profile(cloud, openid);
  const sub = await cloud.invoke(
    'petition',
    { action: 'submit', input: form(0, INBOX_UNIT) },
    { openid },
  );
  if (!sub.result?.ok) throw new Error(`petition.submit: ${JSON.stringify(sub.result)}`);
  const read = (id) =>
    JSON.parse(
      cloud.store.raw.prepare('SELECT doc FROM "coll_petitions" WHERE _id = ?').pluck().get(id),
    );
  const submitted = read(sub.result.data.id);
  const reg = await cloud.invoke(
    'petition',
    {
      action: 'register',
      input: {
        id: submitted._id,
        departmentId: submitted.departmentId,
        version: submitted.version,
      },
    },
    { openid: `o-staff-${INBOX_UNIT}-registrar` },
  );
  if (!reg.result?.ok) throw new Error(`petition.register: ${JSON.stringify(reg.result)}`);
  return { submitted, registered: read(submitted._id) };
}

/** Replaces the petitions with n in INBOX_UNIT and n / 10 elsewhere, in one transaction. */
function loadInbox(cloud, templates, n) {
  const seed = (name) => JSON.parse(readFileSync(join(root, 'database', 'seed', name), 'utf8'));
  const departments = seed('departments.json').filter((d) => d.procuratorateId === INBOX_UNIT);
  const others = seed('procuratorates.json')
    .map((p) => p._id)
    .filter((id) => id !== INBOX_UNIT);
  const raw = cloud.store.raw;
  const insert = raw.prepare('INSERT INTO "coll_petitions" (_id, doc) VALUES (?, ?)');
  const start = Date.UTC(2024, 0, 1);
  const total = n + Math.floor(n / 10);
  const date = (ms) => ({ $date: new Date(ms).toISOString() });
  const cacheSize = raw.pragma('cache_size', { simple: true });
  raw.pragma('cache_size = -1000000'); // 1 GB while loading: the indexes' pages stay in memory
  const tallies = new Map();
  raw.transaction(() => {
    raw.exec('DELETE FROM "coll_petitions"');
    for (let i = 0; i < total; i++) {
      // Every 11th elsewhere: n in INBOX_UNIT, n / 10 in the others.
      const procuratorateId = i % 11 === 10 ? others[i % others.length] : INBOX_UNIT;
      // Two in three registered, to one of the procuratorate's departments.
      const registered = i % 3 !== 0;
      const t = registered ? templates.registered : templates.submitted;
      const at = start + i * 30_000;
      const sequence = i + 1;
      const receiptNumber = `${procuratorateId}-2024-${String(sequence).padStart(7, '0')}`;
      const departmentId =
        procuratorateId === INBOX_UNIT
          ? departments[i % departments.length]._id
          : `${procuratorateId}-ks`;
      const steps = t.steps.map((s, k) => ({ ...s, at: date(at + k * 60_000) }));
      const doc = {
        ...t,
        // Each petition its own person, but for three of the bench citizen's own (the duplicate
        // lookup reads the caller's petitions by this hash: a few, at every size).
        petitioner: { ...t.petitioner, idHash: i < 3 ? t.petitioner.idHash : `bench-person-${i}` },
        _id: `ptbench${String(i).padStart(25, '0')}`,
        receiptNumber,
        procuratorateId,
        departmentId,
        petitionerOpenid: `o-bench-citizen-${i % 1000}`,
        submittedAt: date(at),
        updatedAt: steps[steps.length - 1].at,
        steps,
        ...(registered ? { registeredAt: steps[1].at } : {}),
        form: { ...t.form, procuratorateId },
        receipt: { year: 2024, sequence },
        version: t.version + (i % 2),
      };
      insert.run(doc._id, JSON.stringify(doc));
      const key = `${procuratorateId}.${departmentId}.${doc.kind}`;
      const counts = tallies.get(key) ?? {
        procuratorateId,
        departmentId,
        kind: doc.kind,
        counts: {},
      };
      counts.counts[doc.status] = (counts.counts[doc.status] ?? 0) + 1;
      tallies.set(key, counts);
    }
    // What the functions keep in the same transaction as each petition: its status tallies.
    raw.exec('DELETE FROM "coll_petition_tallies"');
    const tally = raw.prepare('INSERT INTO "coll_petition_tallies" (_id, doc) VALUES (?, ?)');
    for (const [_id, t] of tallies) {
      tally.run(_id, JSON.stringify({ _id, ...t, updatedAt: date(Date.now()) }));
    }
  })();
  raw.pragma(`cache_size = ${cacheSize}`);
  return total;
}

/** Median ms of the inbox, without and with a status filter, over INBOX_CALLS calls each. */
async function timeInbox(cloud, input) {
  const call = async () => {
    const t0 = process.hrtime.bigint();
    let out;
    try {
      out = await cloud.invoke(
        'petition',
        { action: 'inbox', input: { page: 1, pageSize: 20, ...input } },
        { openid: INBOX_LEADER },
      );
    } catch (e) {
      // The function's timeout (config.json): the call failed, its time is a lower bound.
      if (/timed out/.test(String(e?.message))) {
        return { ms: Number(process.hrtime.bigint() - t0) / 1e6, timedOut: true };
      }
      throw e;
    }
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (!out.result?.ok) {
      throw new Error(`petition.inbox (${ms.toFixed(0)} ms): ${JSON.stringify(out)}`);
    }
    if (out.result.data.items.length !== 20) {
      throw new Error(`petition.inbox: ${out.result.data.items.length} items, expected 20`);
    }
    return ms;
  };
  for (let i = 0; i < INBOX_WARMUP; i++) await call();
  const times = [];
  const started = Date.now();
  while (
    times.length < INBOX_CALLS &&
    (times.length < 3 || Date.now() - started < INBOX_BUDGET_MS)
  ) {
    times.push(await call());
  }
  return { median: median(times), calls: times.length };
}

/**
 * Median ms of `submit` by the bench citizen, whose earlier petitions (three, and those filed
 * here) are compared with each new one: the lookup reads them by index id_hash.
 */
async function timeSubmit(cloud, n) {
  const times = [];
  let flagged = 0;
  for (let i = 0; i < INBOX_WARMUP + SUBMIT_CALLS; i++) {
    const t0 = process.hrtime.bigint();
    const out = await cloud.invoke(
      'petition',
      { action: 'submit', input: form(`dup-${n}-${i}`, INBOX_UNIT) },
      { openid: 'o-bench-inbox-citizen' },
    );
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (!out.result?.ok) throw new Error(`petition.submit: ${JSON.stringify(out.result)}`);
    if (i < INBOX_WARMUP) continue;
    times.push(ms);
    const doc = JSON.parse(
      cloud.store.raw
        .prepare('SELECT doc FROM "coll_petitions" WHERE _id = ?')
        .pluck()
        .get(out.result.data.id),
    );
    if ((doc.suggest?.duplicates ?? []).length > 0) flagged++;
  }
  return { median: median(times), calls: times.length, flagged };
}

/** The SQL plans of the inbox's queries for the leader: the page, its tallies, the exclusion. */
function inboxPlans(cloud, EJSON) {
  const leader = JSON.parse(
    cloud.store.raw
      .prepare('SELECT doc FROM "coll_staff" WHERE _id = ?')
      .pluck()
      .get(`st-${INBOX_UNIT}-leader`),
  );
  const base = { procuratorateId: INBOX_UNIT, 'form.staff.name': { $ne: leader.name } };
  const explain = (collectionName, query, order) => {
    const e = cloud.store.explain({
      collectionName,
      query: EJSON.stringify(query),
      ...(order ? { order: EJSON.stringify(order) } : {}),
    });
    return `complete=${e.complete} (${e.plan.join('; ')})`;
  };
  return [
    `list where(base).orderBy(submittedAt desc): ${explain('petitions', base, { submittedAt: -1 })}`,
    `list where(base + status).orderBy(submittedAt desc): ${explain('petitions', { ...base, status: 'registered' }, { submittedAt: -1 })}`,
    `counts: tallies where(procuratorateId): ${explain('petition_tallies', { procuratorateId: INBOX_UNIT }, { _id: 1 })}`,
    `counts: reports accusing the caller: ${explain('petitions', { procuratorateId: INBOX_UNIT, 'form.staff.name': leader.name })}`,
    `submit: the caller's earlier petitions: ${explain('petitions', { 'petitioner.idHash': 'x' }, { submittedAt: -1 })}`,
  ];
}

async function benchInbox({ log }) {
  const { DevCloud } = require(join(root, 'build', 'devcloud', 'index.js'));
  const { EJSON } = require('bson');
  const results = {};
  for (const n of INBOX_SIZES) {
    const dir = mkdtempSync(join(tmpdir(), 'devcloud-bench-inbox-'));
    const cloud = DevCloud.open({ dir, root });
    try {
      await cloud.seed();
      const templates = await inboxTemplates(cloud);
      const indexes = cloud.store.raw
        .prepare(
          `SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name LIKE 'idx:petitions:%'`,
        )
        .pluck()
        .get();
      let started = Date.now();
      const total = loadInbox(cloud, templates, n);
      const loadSecs = (Date.now() - started) / 1000;
      const all = await timeInbox(cloud, {});
      const registered = await timeInbox(cloud, { status: 'registered' });
      const submit = await timeSubmit(cloud, n);
      results[n] = { all: all.median, registered: registered.median, submit: submit.median };
      const timeouts = all.timedOut + registered.timedOut;
      log(
        `petition: inbox at ${fmt(n)} petitions: median ${all.median.toFixed(1)} ms, ` +
          `status 'registered' ${registered.median.toFixed(1)} ms (${all.calls}+${registered.calls} calls` +
          `${timeouts ? `, ${timeouts} hit the function timeout: a lower bound` : ''}; ` +
          `${fmt(total)} loaded in ${loadSecs.toFixed(1)} s, ${indexes} indexes)`,
      );
      log(
        `petition: submit with the duplicate lookup at ${fmt(n)} petitions: median ` +
          `${submit.median.toFixed(1)} ms (${submit.calls} calls; ${submit.flagged} flagged as ` +
          `suspected duplicates of the caller's earlier petitions)`,
      );
      if (n === INBOX_SIZES[INBOX_SIZES.length - 1]) {
        for (const line of inboxPlans(cloud, EJSON)) log(`petition: inbox plan: ${line}`);
      }
    } finally {
      await cloud.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const [small, large] = INBOX_SIZES.map((n) => results[n]);
  log(
    `petition: submit ${fmt(INBOX_SIZES[1])} / ${fmt(INBOX_SIZES[0])} median ratio ` +
      `${(large.submit / small.submit).toFixed(2)} (goal: flat, at most 2)`,
  );
  log(
    `petition: inbox ${fmt(INBOX_SIZES[1])} / ${fmt(INBOX_SIZES[0])} median ratio ` +
      `${(large.all / small.all).toFixed(2)}, status 'registered' ` +
      `${(large.registered / small.registered).toFixed(2)} (goal: at most 2)`,
  );
  return results;
}

export async function benchPetition({ log }) {
  const { DevCloud } = require(join(root, 'build', 'devcloud', 'index.js'));
  const dir = mkdtempSync(join(tmpdir(), 'devcloud-bench-petition-'));
  const cloud = DevCloud.open({ dir, root });
  try {
    await cloud.seed();
    const citizens = Array.from({ length: CITIZENS }, (_, i) => `o-bench-citizen-${i}`);
    for (const openid of citizens) {
      const out = await cloud.invoke(
        'account',
        {
          action: 'profile.save',
          input: { name: '张三', idNumber: '11010519491231002X', mobile: '13800138000' },
        },
        { openid },
      );
      if (!out.result?.ok) throw new Error(`profile.save: ${JSON.stringify(out.result)}`);
    }
    const submit = async (i, unit) => {
      const out = await cloud.invoke(
        'petition',
        { action: 'submit', input: form(i, unit) },
        { openid: citizens[i % CITIZENS] },
      );
      if (!out.result?.ok) throw new Error(`petition.submit: ${JSON.stringify(out.result)}`);
    };
    // Warm the workers, as a deployed function stays warm.
    for (let i = 0; i < 5; i++) await submit(i, '110000');

    let started = process.hrtime.bigint();
    for (let i = 0; i < SEQUENTIAL; i++) await submit(i, '110105');
    let secs = Number(process.hrtime.bigint() - started) / 1e9;
    log(`petition.submit, one caller: ${(SEQUENTIAL / secs).toFixed(0)} submits/s (${SEQUENTIAL})`);

    started = process.hrtime.bigint();
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < CONCURRENT) await submit(next++, '110101');
      }),
    );
    secs = Number(process.hrtime.bigint() - started) / 1e9;
    log(
      `petition.submit, ${CONCURRENCY} callers on one counter: ${(CONCURRENT / secs).toFixed(0)} submits/s (${CONCURRENT})`,
    );
  } finally {
    await cloud.close();
    rmSync(dir, { recursive: true, force: true });
  }
  await benchInbox({ log });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await benchPetition({ log: (line) => console.log(line) });
}
