// The scheduler on its timer: notifications that failed for a passing reason are retried with
// backoff and sent at most once; nobody but the timer may run it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { data, DEMO, openTestCloud, type TestCloud } from '../helpers/cloud';

const templates = JSON.parse(
  readFileSync(join(__dirname, '..', '..', 'config', 'templates.json'), 'utf8'),
);
const REPLIED_TEMPLATE: string = templates.suggestionReplied.id;

let t: TestCloud;
beforeAll(async () => {
  t = await openTestCloud();
});
afterAll(async () => {
  await t.close();
});

async function repliedWhileWeChatIsBusy(openid: string) {
  const { id } = data(
    await t.call(
      'supervision',
      'suggestion.submit',
      {
        procuratorateId: DEMO.unit,
        topic: '其他',
        content: '建议在检察服务中心增设无障碍通道。',
        notify: true,
        clientToken: `sched-${openid}`,
      },
      openid,
    ),
  );
  await t.cloud.grantSubscription(openid, { [REPLIED_TEMPLATE]: 'accept' });
  t.cloud.platform.failNext('subscribeMessage.send', -1, 'system error');
  const replied = data(
    await t.call('supervision', 'suggestion.reply', { id, content: '已安排增设。' }, DEMO.handler),
  );
  return { id, replied };
}

test('When sending fails for a passing reason, then the timer retries after the backoff and sends once', async () => {
  const openid = 'o-sched-citizen-1';
  const { id, replied } = await repliedWhileWeChatIsBusy(openid);
  expect(replied.notification).toBe('pending');
  const [queued] = await t.find('outbox', { 'ref.id': id });
  expect(queued).toMatchObject({ status: 'pending', attempts: 1 });
  expect(t.cloud.platform.messages({ touser: openid })).toHaveLength(0);

  const due = new Date((queued.nextAttemptAt as Date).getTime());
  const early = await t.cloud.fireTimer('scheduler', new Date(due.getTime() - 1000));
  expect(early.result).toMatchObject({ ok: true, data: { notificationsSent: 0 } });

  const onTime = await t.cloud.fireTimer('scheduler', due);
  expect(onTime.result).toMatchObject({ ok: true, data: { notificationsSent: 1 } });
  const again = await t.cloud.fireTimer('scheduler', new Date(due.getTime() + 3_600_000));
  expect(again.result).toMatchObject({ ok: true, data: { notificationsSent: 0 } });

  expect(t.cloud.platform.messages({ touser: openid })).toHaveLength(1);
  const [sent] = await t.find('outbox', { 'ref.id': id });
  expect(sent).toMatchObject({ status: 'sent', attempts: 2 });
  const staffView = data(await t.call('supervision', 'suggestion.get', { id }, DEMO.handler));
  expect(staffView).toMatchObject({ notification: 'sent' });
});

test('When two timer runs overlap, then each notification is still sent once', async () => {
  const openid = 'o-sched-citizen-2';
  const { id } = await repliedWhileWeChatIsBusy(openid);
  const [queued] = await t.find('outbox', { 'ref.id': id });
  const due = queued.nextAttemptAt as Date;
  await Promise.all([t.cloud.fireTimer('scheduler', due), t.cloud.fireTimer('scheduler', due)]);
  expect(t.cloud.platform.messages({ touser: openid })).toHaveLength(1);
});

test('When the mini program calls the scheduler, then it is refused', async () => {
  const out = await t.cloud.invoke('scheduler', { Type: 'Timer' }, { openid: DEMO.citizen });
  expect(out.result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
});

test('When rate-limit windows have ended, then the timer removes their counters', async () => {
  await t.call('supervision', 'suggestion.query', { queryCode: 'ABCDEFGH23' }, 'o-sched-q');
  expect((await t.find('rate_limits')).length).toBeGreaterThan(0);
  const later = new Date(Date.now() + 10 * 60_000);
  const out = await t.cloud.fireTimer('scheduler', later);
  expect(out.result).toMatchObject({ ok: true, data: { rateLimitsPurged: expect.any(Number) } });
  expect(await t.find('rate_limits')).toEqual([]);
});
