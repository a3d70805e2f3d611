// Notifications: written to the outbox in the same transaction as the change they announce, then
// sent at most once by the dispatcher. 43101 (no subscription left) is final and never retried.
import templates from '../../config/templates.json';
import { fitValue, type FieldType } from '../../domain/notify';
import type { NoticeState } from '../../typings/fields';
import { _, cloud, db, isSdkError } from './cloud';

export type TemplateKey = keyof typeof templates;
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'no_quota' | 'failed';

export interface OutboxDoc {
  _id?: string;
  touser: string;
  template: TemplateKey;
  templateId: string;
  page: string;
  data: Record<string, { value: string }>;
  ref: { entity: string; id: string };
  status: OutboxStatus;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  nextAttemptAt: Date;
  sentAt: Date | null;
}

const MAX_ATTEMPTS = 5;
/** errCodes that will not get better by retrying: a bad openid, template or value, or no permission. */
const FINAL_ERRORS = new Set([40003, 40037, 47003, 41030, -604101]);

/** Builds an outbox entry; values are fitted to their field types here, once. */
export function notification(args: {
  touser: string;
  template: TemplateKey;
  page: string;
  values: Record<string, string>;
  ref: { entity: string; id: string };
  now: Date;
}): OutboxDoc {
  const tpl = templates[args.template] as {
    id: string;
    fields: Record<string, { type: FieldType; title: string }>;
  };
  const data: Record<string, { value: string }> = {};
  for (const [key, spec] of Object.entries(tpl.fields)) {
    const raw = args.values[key];
    if (raw === undefined)
      throw new Error(`template ${String(args.template)} needs a value for ${key}`);
    data[key] = { value: fitValue(spec.type, raw) };
  }
  return {
    touser: args.touser,
    template: args.template,
    templateId: tpl.id,
    page: args.page,
    data,
    ref: args.ref,
    status: 'pending',
    attempts: 0,
    lastError: null,
    createdAt: args.now,
    nextAttemptAt: args.now,
    sentAt: null,
  };
}

function backoffMs(attempts: number) {
  return Math.min(30_000 * 2 ** attempts, 3_600_000);
}

/** Sends one outbox entry if it is still pending; claiming it first makes a second sender a no-op. */
export async function dispatchOne(id: string, now: Date): Promise<OutboxStatus | null> {
  const claim = await db
    .collection('outbox')
    .where({ _id: id, status: 'pending' })
    .update({ data: { status: 'sending', attempts: _.inc(1) } });
  if (claim.stats.updated !== 1) return null;
  const doc = (await db.collection<OutboxDoc>('outbox').doc(id).get()).data;
  if (!doc) return null;

  let status: OutboxStatus;
  let lastError: string | null = null;
  try {
    await cloud.openapi.subscribeMessage.send({
      touser: doc.touser,
      templateId: doc.templateId,
      page: doc.page,
      data: doc.data,
      miniprogramState: 'formal',
      lang: 'zh_CN',
    });
    status = 'sent';
  } catch (e) {
    lastError = isSdkError(e) ? `${e.errCode} ${e.errMsg}` : String(e);
    if (isSdkError(e) && e.errCode === 43101) status = 'no_quota';
    else if ((isSdkError(e) && FINAL_ERRORS.has(e.errCode)) || doc.attempts >= MAX_ATTEMPTS) {
      status = 'failed';
    } else status = 'pending';
    if (status !== 'no_quota') console.error(`outbox ${id}: ${lastError}`);
  }
  await db
    .collection('outbox')
    .doc(id)
    .update({
      data: {
        status,
        lastError,
        sentAt: status === 'sent' ? now : null,
        nextAttemptAt: new Date(now.getTime() + backoffMs(doc.attempts)),
      },
    });
  return status;
}

/** Retries what is due, in pages: used by the scheduler. */
export async function dispatchDue(now: Date, maxPages = 10): Promise<number> {
  let sent = 0;
  for (let page = 0; page < maxPages; page++) {
    const res = await db
      .collection<OutboxDoc>('outbox')
      .where({ status: 'pending', nextAttemptAt: _.lte(now) })
      .orderBy('nextAttemptAt', 'asc')
      .limit(50)
      .get();
    for (const d of res.data) {
      if ((await dispatchOne(d._id as string, now)) === 'sent') sent++;
    }
    if (res.data.length < 50) break;
  }
  return sent;
}

/**
 * The state of the latest message to `touser` about the record `ref` ('not_requested' when they
 * asked for none, null before any was written; one being sent counts as pending). Messages to
 * others about it (staff reminders) do not count.
 */
export async function noticeState(
  notify: boolean,
  ref: { entity: string; id: string },
  touser: string,
): Promise<NoticeState> {
  if (!notify) return 'not_requested';
  const res = await db
    .collection<OutboxDoc>('outbox')
    .where({ 'ref.entity': ref.entity, 'ref.id': ref.id, touser })
    .orderBy('createdAt', 'desc')
    .limit(1)
    .get();
  const status = res.data[0]?.status ?? null;
  return status === 'sending' ? 'pending' : status;
}
