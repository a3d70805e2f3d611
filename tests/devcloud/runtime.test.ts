// devcloud's function runtime: per-invocation caller context, warm instances, timeouts, errors.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DevCloud, InvokeError } from '../../devcloud';

let cloud: DevCloud;
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'devcloud-runtime-'));
  cloud = DevCloud.open({
    dir,
    functionsDir: join(__dirname, 'fixtures', 'functions'),
    maxInstances: 4,
  });
});
afterAll(async () => {
  await cloud.close();
  rmSync(dir, { recursive: true, force: true });
});

type Probe = { before: string; after: Record<string, unknown>; warm: number; other?: Probe };

// getWXContext reads WX_CONTEXT_KEYS from process.env (CLOUDBASE.md §1.2); each invocation must see its own.
test('When 200 invocations run at once as 50 different users, then each sees only its own identity', async () => {
  const calls = Array.from({ length: 200 }, (_, i) => {
    const openid = `o-user-${i % 50}`;
    return cloud
      .invoke('probe', { delayMs: (i * 7) % 20 }, { openid })
      .then((out) => ({ openid, result: out.result as Probe }));
  });
  const results = await Promise.all(calls);
  for (const { openid, result } of results) {
    expect(result.before).toBe(openid);
    expect(result.after.OPENID).toBe(openid);
    expect(result.after.ENV).toBe('devcloud');
    expect(result.after.SOURCE).toBe('wx_client');
  }
});

test('When an instance serves again, then its module state is kept (a warm start)', async () => {
  const first = (await cloud.invoke('probe', {}, { openid: 'o-warm' })).result as Probe;
  const second = (await cloud.invoke('probe', {}, { openid: 'o-warm' })).result as Probe;
  expect(second.warm).toBeGreaterThan(first.warm - 1);
  expect(Math.max(first.warm, second.warm)).toBeGreaterThan(1);
});

test('When a function calls another, then the callee sees the same user', async () => {
  const out = (await cloud.invoke('probe', { callOther: true }, { openid: 'o-chain' }))
    .result as Probe;
  expect(out.other?.after.OPENID).toBe('o-chain');
});

test('When a function exceeds its config.json timeout, then the call fails with -504002 and the next call works', async () => {
  const started = Date.now();
  await expect(cloud.invoke('slow', {}, { openid: 'o1' })).rejects.toMatchObject({
    errCode: -504002,
    errMsg: expect.stringContaining('timed out after 1 seconds'),
  });
  expect(Date.now() - started).toBeLessThan(5000);
  await expect(cloud.invoke('probe', {}, { openid: 'o1' })).resolves.toBeDefined();
});

test('When a function throws, then the call fails with -504002 carrying the message', async () => {
  const err = await cloud.invoke('broken', {}, { openid: 'o1' }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(InvokeError);
  expect(err).toMatchObject({ errCode: -504002, errMsg: expect.stringContaining('Error: boom') });
});

test('When the function does not exist, then the call fails', async () => {
  await expect(cloud.invoke('nope', {}, {})).rejects.toMatchObject({ errCode: expect.any(Number) });
});
