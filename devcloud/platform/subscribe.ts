// subscribeMessage.send and the one-time subscription quotas behind it.
//
// WeChat: https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html
// (errcodes 40003 / 40037 / 43101 / 47003 / 41030) and the subscription overview
// https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/subscribe-message-overview.html
// (a one-time template allows one message per accept of wx.requestSubscribeMessage).

import type Database from 'better-sqlite3';
import type { PlatformCaller } from './protocol';
import { checkValue } from './subscribe-rules';
import { type TemplateRegistry, templateById } from './templates';
import { type WechatJson, fail, ok } from './wechat';

/** A result of wx.requestSubscribeMessage for one template id. */
export type SubscribeDecision = 'accept' | 'acceptWithAudio' | 'reject' | 'ban' | 'filter';

export interface SentMessage {
  id: number;
  touser: string;
  templateId: string;
  /** The registry key of the template (e.g. `petitionProgress`). */
  templateKey: string | null;
  page: string | null;
  /** `{ thing1: { value: '…' }, … }` as sent. */
  data: Record<string, { value: string }>;
  miniprogramState: string | null;
  lang: string | null;
  /** The cloud function that sent it. */
  fn: string;
  /** ISO 8601. */
  sentAt: string;
}

export interface MessageFilter {
  touser?: string;
  templateId?: string;
}

interface SentMessageRow {
  id: number;
  touser: string;
  template_id: string;
  template_key: string | null;
  page: string | null;
  data: string;
  miniprogram_state: string | null;
  lang: string | null;
  fn: string;
  sent_at: number;
}

const MINIPROGRAM_STATES = ['developer', 'trial', 'formal'];
const LANGS = ['zh_CN', 'en_US', 'zh_HK', 'zh_TW'];

const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

export interface SubscriptionOptions {
  db: Database.Database;
  templates: TemplateRegistry;
  now: () => Date;
  openidPattern: RegExp;
  /** The mini program's pages (app.json); when given, a `page` outside them answers 41030. */
  pages?: readonly string[];
}

export class SubscriptionService {
  private readonly db: Database.Database;

  constructor(private readonly opts: SubscriptionOptions) {
    this.db = opts.db;
  }

  /** Feeds the results of a page's wx.requestSubscribeMessage: each accept adds one send. */
  grant(openid: string, results: Record<string, SubscribeDecision>): void {
    const at = this.opts.now().getTime();
    const decide = this.db.prepare(
      'INSERT INTO subscription_decision (openid, template_id, result, at) VALUES (?, ?, ?, ?)',
    );
    const add = this.db.prepare(
      `INSERT INTO subscription_quota (openid, template_id, remaining, updated_at) VALUES (?, ?, 1, ?)
       ON CONFLICT (openid, template_id) DO UPDATE SET remaining = remaining + 1, updated_at = excluded.updated_at`,
    );
    this.db.transaction(() => {
      for (const [templateId, result] of Object.entries(results)) {
        if (!templateById(this.opts.templates, templateId)) {
          throw new Error(`grantSubscription: unknown template id ${templateId}`);
        }
        decide.run(openid, templateId, result, at);
        if (result === 'accept' || result === 'acceptWithAudio') add.run(openid, templateId, at);
      }
    })();
  }

  /** Sends left for this user and template. */
  quota(openid: string, templateId: string): number {
    const row = this.db
      .prepare<[string, string], { remaining: number }>(
        'SELECT remaining FROM subscription_quota WHERE openid = ? AND template_id = ?',
      )
      .get(openid, templateId);
    return row?.remaining ?? 0;
  }

  messages(filter: MessageFilter = {}): SentMessage[] {
    const where: string[] = [];
    const params: string[] = [];
    if (filter.touser !== undefined) {
      where.push('touser = ?');
      params.push(filter.touser);
    }
    if (filter.templateId !== undefined) {
      where.push('template_id = ?');
      params.push(filter.templateId);
    }
    const sql = `SELECT * FROM sent_message ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id`;
    return this.db
      .prepare<string[], SentMessageRow>(sql)
      .all(...params)
      .map((r) => ({
        id: r.id,
        touser: r.touser,
        templateId: r.template_id,
        templateKey: r.template_key,
        page: r.page,
        data: JSON.parse(r.data) as Record<string, { value: string }>,
        miniprogramState: r.miniprogram_state,
        lang: r.lang,
        fn: r.fn,
        sentAt: new Date(r.sent_at).toISOString(),
      }));
  }

  /** subscribeMessage.send, with the parameters as WeChat receives them (snake_case). */
  send(params: Record<string, unknown>, caller: PlatformCaller): WechatJson {
    const now = this.opts.now();
    const { touser, template_id: templateId, page, data } = params;
    const miniprogramState = params.miniprogram_state;
    const lang = params.lang;

    if (typeof touser !== 'string' || !this.opts.openidPattern.test(touser)) {
      return fail(40003, 'invalid openid', now);
    }
    const template =
      typeof templateId === 'string' ? templateById(this.opts.templates, templateId) : undefined;
    if (!template || typeof templateId !== 'string') {
      return fail(40037, 'invalid template_id', now);
    }
    if (!isRecord(data)) return fail(47003, 'argument invalid! data is empty', now);

    const sent: Record<string, { value: string }> = {};
    for (const key of Object.keys(data)) {
      if (!(key in template.fields))
        return fail(47003, `argument invalid! data.${key} invalid`, now);
    }
    for (const [key, field] of Object.entries(template.fields)) {
      const entry = data[key];
      const raw = isRecord(entry) ? entry.value : undefined;
      if (raw === undefined || raw === null || raw === '') {
        return fail(47003, `argument invalid! data.${key}.value is empty`, now);
      }
      const value = typeof raw === 'number' && Number.isFinite(raw) ? String(raw) : raw;
      if (typeof value !== 'string' || !checkValue(field.type, value)) {
        return fail(47003, `argument invalid! data.${key}.value invalid`, now);
      }
      sent[key] = { value };
    }
    if (page !== undefined && page !== '') {
      if (typeof page !== 'string') return fail(47003, 'argument invalid! page invalid', now);
      const path = page.split('?')[0].replace(/^\//, '');
      if (this.opts.pages && !this.opts.pages.includes(path)) {
        return fail(41030, 'invalid page', now);
      }
    }
    if (miniprogramState !== undefined && !MINIPROGRAM_STATES.includes(String(miniprogramState))) {
      return fail(47003, 'argument invalid! miniprogram_state invalid', now);
    }
    if (lang !== undefined && !LANGS.includes(String(lang))) {
      return fail(47003, 'argument invalid! lang invalid', now);
    }

    const templateKey =
      Object.entries(this.opts.templates).find(([, t]) => t.id === templateId)?.[0] ?? null;
    const consume = this.db.prepare(
      `UPDATE subscription_quota SET remaining = remaining - 1, updated_at = ?
       WHERE openid = ? AND template_id = ? AND remaining > 0`,
    );
    const record = this.db.prepare(
      `INSERT INTO sent_message (touser, template_id, template_key, page, data, miniprogram_state, lang, fn, sent_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const delivered = this.db.transaction((): boolean => {
      if (consume.run(now.getTime(), touser, templateId).changes === 0) return false;
      record.run(
        touser,
        templateId,
        templateKey,
        typeof page === 'string' && page !== '' ? page : null,
        JSON.stringify(sent),
        typeof miniprogramState === 'string' ? miniprogramState : null,
        typeof lang === 'string' ? lang : null,
        caller.fn,
        now.getTime(),
      );
      return true;
    })();
    if (!delivered) return fail(43101, 'user refuse to accept the msg', now);
    return ok();
  }
}
