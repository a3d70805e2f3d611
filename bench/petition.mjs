// Petition benchmark: submits per second on devcloud (built bundles in worker threads, the real
// wx-server-sdk, SQLite), sequentially and with concurrent callers racing for one receipt counter.
//
//   npm run build && node bench/petition.mjs
import { mkdtempSync, rmSync } from 'node:fs';
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
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await benchPetition({ log: (line) => console.log(line) });
}
