// The scheduler's sweep of deputies' and supervisors' items, as petitions are swept
// (_shared/alerts.ts): an unanswered item whose reply falls due within DUE_SOON_DAYS reminds its
// handler (else the registrars); an overdue one is escalated to the leaders too — once per due
// date and level. Items are selected by their stored `dueAt` with a margin, since a calendar change
// may move a due date by a few days; whether one is due soon or overdue is computed afresh.
import { formatMessageTime } from '../../domain/time';
import { LIAISON_KIND_NAMES } from '../../typings/liaison';
import { DUE_SOON_DAYS } from '../../typings/petition';
import { alertId, alertRecipients, raiseAlert, type AlertLevel } from '../_shared/alerts';
import { _, db } from '../_shared/cloud';
import { DAY_MS, loadCalendar } from '../petition/due';
import { dueOf, ITEMS, type LiaisonDoc } from './items';

const PAGE = 100;
/** How far a calendar change can move a stored due date (a long holiday and its 调休). */
const MARGIN_DAYS = 10;

export async function sweepLiaison(
  now: Date,
  maxPages = 20,
): Promise<{ checked: number; reminded: number; escalated: number }> {
  const cal = await loadCalendar(now.getTime());
  const horizon = new Date(now.getTime() + (DUE_SOON_DAYS + MARGIN_DAYS) * DAY_MS);
  const out = { checked: 0, reminded: 0, escalated: 0 };
  for (let page = 0; page < maxPages; page++) {
    const res = await db
      .collection<LiaisonDoc>(ITEMS)
      .where({ dueAt: _.lt(horizon), status: _.in(['submitted', 'handling']) })
      .orderBy('dueAt', 'asc')
      .orderBy('_id', 'asc')
      .skip(page * PAGE)
      .limit(PAGE)
      .get();
    for (const doc of res.data) {
      out.checked++;
      const due = dueOf(doc, now, cal);
      if (due.state !== 'due_soon' && due.state !== 'overdue') continue;
      const level: AlertLevel = due.state;
      const kindName = LIAISON_KIND_NAMES[doc.kind];
      const raised = await raiseAlert({
        id: alertId(doc._id, 'reply', due.due, level),
        record: {
          itemId: doc._id,
          procuratorateId: doc.procuratorateId,
          deadline: 'liaison_reply',
          deadlineName: `${kindName}答复`,
          due: new Date(due.due),
          level,
        },
        staff: await alertRecipients(doc.procuratorateId, doc.handlerId, level),
        template: 'petitionProgress',
        page: `staff/liaison-item/index?id=${doc._id}`,
        values: {
          character_string1: doc._id,
          phrase2: level === 'overdue' ? '已超期' : '即将到期',
          time3: formatMessageTime(now),
          thing4: `${kindName}答复期限${formatMessageTime(new Date(due.due)).replace(/ .*$/, '')}`,
        },
        ref: { entity: 'liaison', id: doc._id },
        audit: {
          action: level === 'overdue' ? 'escalate' : 'remind',
          detail: { due: new Date(due.due), submitter: doc.submitter.name },
        },
        now,
      });
      if (raised && level === 'due_soon') out.reminded++;
      if (raised && level === 'overdue') out.escalated++;
    }
    if (res.data.length < PAGE) break;
  }
  return out;
}
