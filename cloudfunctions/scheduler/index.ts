// scheduler: runs on a timer trigger (config.json), never for a user. It sweeps petition
// deadlines (reminders when due soon, escalation to leaders when overdue; cloudfunctions/petition/
// sweep.ts) and the reply deadlines of deputies' and supervisors' items (liaison/sweep.ts), retries the notifications whose sending failed for a passing reason and drops
// expired rate-limit counters.
import { cloud } from '../_shared/cloud';
import { sweepLiaison } from '../liaison/sweep';
import { dispatchDue } from '../_shared/outbox';
import { purgeExpiredRateLimits } from '../_shared/rate-limit';
import { recomputeDue } from '../petition/calendar';
import { sweepDeadlines } from '../petition/sweep';

interface TimerEvent {
  Type?: string;
  TriggerName?: string;
  /** The trigger's scheduled time (SCF's timer event), so a late run still acts as of then. */
  Time?: string;
}

/** How long one run spends recomputing due dates after a calendar change (the rest next run). */
const RECOMPUTE_BUDGET_MS = 10_000;

export async function main(event: TimerEvent) {
  // Timer invocations carry no OPENID; anything from the mini program does, and is refused.
  const { OPENID } = cloud.getWXContext();
  if (OPENID || event?.Type !== 'Timer') {
    return { ok: false, error: { code: 'FORBIDDEN', message: '仅限定时任务调用' } };
  }
  const scheduled = event.Time ? new Date(event.Time) : new Date();
  const now = Number.isNaN(scheduled.getTime()) ? new Date() : scheduled;
  // After a calendar change, due dates first: the sweep then reads the new ones.
  const recomputed = await recomputeDue(now, RECOMPUTE_BUDGET_MS);
  const deadlines = await sweepDeadlines(now);
  const liaison = await sweepLiaison(now);
  const sent = await dispatchDue(now);
  const purged = await purgeExpiredRateLimits(now);
  return {
    ok: true,
    data: {
      trigger: event.TriggerName ?? null,
      recomputed,
      deadlines,
      liaison,
      notificationsSent: sent,
      rateLimitsPurged: purged,
    },
  };
}
