// A fixed-window counter per caller and purpose, for actions that could be used to guess secrets.
import { _, db } from './cloud';
import { Failure } from './failure';

export async function rateLimit(purpose: string, who: string | null, perMinute: number, now: Date) {
  const minute = Math.floor(now.getTime() / 60_000);
  const id = `${purpose}-${(who ?? 'anonymous').replace(/[^A-Za-z0-9_-]/g, '')}-${minute}`;
  const res = await db
    .collection('rate_limits')
    .doc(id)
    .update({ data: { count: _.inc(1) } });
  let count = 1;
  if (res.stats.updated === 0) {
    await db
      .collection('rate_limits')
      .doc(id)
      .set({ data: { count: 1, expiresAt: new Date((minute + 2) * 60_000) } });
  } else {
    const doc = (await db.collection<{ count: number }>('rate_limits').doc(id).get()).data;
    count = doc?.count ?? 1;
  }
  if (count > perMinute) throw new Failure('RATE_LIMITED', '操作过于频繁，请稍后再试');
}

/** Deletes counters of windows that have ended; the scheduler runs it. */
export async function purgeExpiredRateLimits(now: Date): Promise<number> {
  const res = await db
    .collection('rate_limits')
    .where({ expiresAt: _.lt(now) })
    .remove();
  return res.stats.removed;
}
