// The opinions-and-suggestions box (意见建议箱): submit, follow, query by code, staff inbox and reply.
import { createHash, randomBytes } from 'node:crypto';
import { decideReply, excerpt, queryCodeFrom } from '../../domain/suggestion';
import { formatMessageTime } from '../../domain/time';
import type {
  SuggestionListItem,
  SuggestionPublicView,
  SuggestionStaffView,
  SuggestionStatus,
  SuggestionTopic,
  SuggestionView,
} from '../../typings/supervision';
import type { Handler, Handlers } from '../_shared/action';
import { auditEntry } from '../_shared/audit';
import { _, db } from '../_shared/cloud';
import { changeAndTell, fileOnce } from '../_shared/change';
import { checkContent, type ContentFlag } from '../_shared/content';
import { Failure, notFound } from '../_shared/failure';
import { ownPage, statusInbox, unitName } from '../_shared/inbox';
import { getProcuratorate } from '../_shared/org';
import { noticeState } from '../_shared/outbox';
import { rateLimit } from '../_shared/rate-limit';
import { hasRole, type StaffDoc } from '../_shared/staff';
import type { supervision } from '../../typings/supervision';

export interface SuggestionDoc {
  _id: string;
  openid: string;
  procuratorateId: string;
  topic: SuggestionTopic;
  content: string;
  contact: { name?: string; phone?: string } | null;
  notify: boolean;
  queryCode: string;
  status: SuggestionStatus;
  contentFlag: ContentFlag;
  createdAt: Date;
  updatedAt: Date;
  reply: { content: string; repliedAt: Date; staffId: string } | null;
}

const COLLECTION = 'suggestions';
const suggestions = () => db.collection<SuggestionDoc>(COLLECTION);
type Defs = typeof supervision;

/** The same form submitted twice (a double tap, a retry after a timeout) maps to the same id. */
function idFor(openid: string, clientToken: string) {
  return 'sg' + createHash('sha256').update(`${openid}\n${clientToken}`).digest('hex').slice(0, 30);
}

async function load(id: string): Promise<SuggestionDoc | null> {
  return (await suggestions().doc(id).get()).data;
}

function replyView(doc: SuggestionDoc, unit: string) {
  return doc.reply
    ? { content: doc.reply.content, repliedAt: doc.reply.repliedAt.toISOString(), by: unit }
    : null;
}

function view(doc: SuggestionDoc, unit: string): SuggestionView {
  return {
    id: doc._id,
    queryCode: doc.queryCode,
    procuratorateId: doc.procuratorateId,
    procuratorateName: unit,
    topic: doc.topic,
    content: doc.content,
    contact: doc.contact,
    notify: doc.notify,
    status: doc.status,
    createdAt: doc.createdAt.toISOString(),
    reply: replyView(doc, unit),
  };
}

async function staffView(doc: SuggestionDoc, unit: string): Promise<SuggestionStaffView> {
  return {
    ...view(doc, unit),
    contentFlag: doc.contentFlag,
    notification: await noticeState(doc.notify, { entity: 'suggestion', id: doc._id }, doc.openid),
  };
}

function listItem(doc: SuggestionDoc, unit: string): SuggestionListItem {
  return {
    id: doc._id,
    procuratorateName: unit,
    topic: doc.topic,
    excerpt: excerpt(doc.content),
    status: doc.status,
    createdAt: doc.createdAt.toISOString(),
    repliedAt: doc.reply ? doc.reply.repliedAt.toISOString() : null,
  };
}

/** Staff may handle a suggestion only when it is addressed to their own procuratorate. */
function handles(staff: StaffDoc | null, doc: SuggestionDoc) {
  return (
    !!staff &&
    staff.procuratorateId === doc.procuratorateId &&
    hasRole(staff, 'registrar', 'handler', 'leader')
  );
}

const submit: Handler<Defs['suggestion.submit']> = async ({ input, ctx }) => {
  const id = idFor(ctx.openid, input.clientToken);
  const existing = await load(id);
  if (existing) return { id, queryCode: existing.queryCode, duplicate: true };

  const procuratorate = await getProcuratorate(input.procuratorateId);
  if (!procuratorate) {
    throw new Failure('NOT_FOUND', '所选检察院不存在，请重新选择', [
      { path: 'procuratorateId', message: '所选检察院不存在，请重新选择' },
    ]);
  }
  const contentFlag = await checkContent(ctx.openid, input.content, 'content');
  const contact =
    input.contact && (input.contact.name || input.contact.phone)
      ? {
          ...(input.contact.name ? { name: input.contact.name } : {}),
          ...(input.contact.phone ? { phone: input.contact.phone } : {}),
        }
      : null;
  const doc: SuggestionDoc = {
    _id: id,
    openid: ctx.openid,
    procuratorateId: input.procuratorateId,
    topic: input.topic,
    content: input.content,
    contact,
    notify: input.notify,
    queryCode: queryCodeFrom(randomBytes(16)),
    status: 'pending',
    contentFlag,
    createdAt: ctx.now,
    updatedAt: ctx.now,
    reply: null,
  };
  // Two taps racing: the first one filed it, so this one answers with what was filed.
  const filed = await fileOnce({
    collection: COLLECTION,
    doc,
    audit: auditEntry('suggestion', id, 'submit', ctx, { contentFlag }),
  });
  if (filed) return { id, queryCode: filed.queryCode, duplicate: true };
  return { id, queryCode: doc.queryCode, duplicate: false };
};

const mine: Handler<Defs['suggestion.mine']> = async ({ input, ctx }) =>
  ownPage({
    collection: COLLECTION,
    where: { openid: ctx.openid },
    order: 'createdAt',
    input,
    item: listItem,
  });

const get: Handler<Defs['suggestion.get']> = async ({ input, ctx }) => {
  const doc = await load(input.id);
  if (!doc) throw notFound('意见建议');
  const unit = await unitName(doc.procuratorateId);
  if (handles(ctx.staff, doc)) return staffView(doc, unit);
  // Anyone else, including staff of other procuratorates, learns nothing, not even that it exists.
  if (doc.openid !== ctx.openid) throw notFound('意见建议');
  return view(doc, unit);
};

const query: Handler<Defs['suggestion.query']> = async ({ input, ctx }) => {
  await rateLimit('suggestion-query', ctx.openid, 30, ctx.now);
  const res = await suggestions().where({ queryCode: input.queryCode }).limit(1).get();
  const doc = res.data[0];
  if (!doc) throw new Failure('NOT_FOUND', '查询码不正确，未找到对应的意见建议');
  const unit = await unitName(doc.procuratorateId);
  const publicView: SuggestionPublicView = {
    procuratorateName: unit,
    topic: doc.topic,
    status: doc.status,
    createdAt: doc.createdAt.toISOString(),
    reply: replyView(doc, unit),
  };
  return publicView;
};

const inbox: Handler<Defs['suggestion.inbox']> = async ({ input, ctx }) =>
  statusInbox({
    collection: COLLECTION,
    procuratorateId: ctx.staff.procuratorateId,
    statuses: ['pending', 'replied'] as const,
    input,
    item: (d: Parameters<typeof listItem>[0], name: string) => ({
      ...listItem(d, name),
      contentFlag: d.contentFlag,
    }),
  });

const reply: Handler<Defs['suggestion.reply']> = async ({ input, ctx }) => {
  const before = await load(input.id);
  if (!before || !handles(ctx.staff, before)) throw notFound('意见建议');
  const unit = await unitName(before.procuratorateId);
  const after = await changeAndTell<SuggestionDoc>({
    collection: COLLECTION,
    id: input.id,
    ctx,
    entity: 'suggestion',
    action: 'reply',
    what: '意见建议',
    update: (current) => {
      const decision = decideReply(current.status);
      if (!decision.ok) throw new Failure(decision.code, decision.message);
      return {
        status: decision.status,
        updatedAt: ctx.now,
        reply: _.set({ content: input.content, repliedAt: ctx.now, staffId: ctx.staff._id }),
      };
    },
    notice: (current) => ({
      template: 'suggestionReplied',
      page: `citizen/suggestion-detail/index?id=${input.id}`,
      values: {
        thing1: current.topic,
        phrase2: '已回复',
        time3: formatMessageTime(ctx.now),
        thing4: `${unit}已回复您的意见建议`,
      },
    }),
  });
  return staffView(after, unit);
};

export const suggestionHandlers: Pick<
  Handlers<Defs>,
  | 'suggestion.submit'
  | 'suggestion.mine'
  | 'suggestion.get'
  | 'suggestion.query'
  | 'suggestion.inbox'
  | 'suggestion.reply'
> = {
  'suggestion.submit': submit,
  'suggestion.mine': mine,
  'suggestion.get': get,
  'suggestion.query': query,
  'suggestion.inbox': inbox,
  'suggestion.reply': reply,
};
