// The page around the phone: who you are (devcloud's demo identities), page tools, the subscription
// messages the current identity received (tapping one opens its page, as WeChat's 服务通知 does) and
// the errors page scripts threw.
import { mpConfig } from './config';
import * as router from './router';
import {
  clearUserData,
  loadIdentities,
  openid,
  switchIdentity,
  userKey,
  type Identity,
} from './session';
import { h } from './ui';
import { shellElement } from './dom';

const $ = shellElement;

const AUDIENCES: Record<string, string> = {
  citizen: '群众',
  lawyer: '律师',
  deputy: '人大代表、政协委员',
  supervisor: '人民监督员',
  staff: '检察院工作人员',
};

interface SentMessage {
  id: number;
  templateId: string;
  page: string | null;
  data: Record<string, { value: string }>;
  sentAt: string;
}

export async function installIdentities() {
  const select = $('identity') as HTMLSelectElement;
  const identities = await loadIdentities();
  const me = openid();
  const groups = new Map<string, Identity[]>();
  for (const id of identities) groups.set(id.audience, [...(groups.get(id.audience) ?? []), id]);
  if (!identities.some((i) => i.openid === me)) {
    groups.set('other', [{ openid: me, audience: 'other', label: me }]);
  }
  select.replaceChildren(
    ...[...groups.entries()].map(([audience, list]) =>
      h(
        'optgroup',
        { label: AUDIENCES[audience] ?? '其他' },
        ...list.map((i) =>
          h('option', { value: i.openid, text: i.label, selected: i.openid === me }),
        ),
      ),
    ),
  );
  const current = identities.find((i) => i.openid === me);
  $('identity-hint').textContent = current ? `openid：${me}` : `openid：${me}（不在演示身份中）`;
  select.addEventListener('change', () => switchIdentity(select.value));
}

export function installTools() {
  const refresh = $('tool-refresh') as HTMLButtonElement;
  refresh.addEventListener('click', () => {
    try {
      router.startPullDownRefresh();
    } catch (e) {
      reportError('下拉刷新', e);
    }
  });
  $('tool-relaunch').addEventListener('click', () => switchIdentity(openid()));
  $('tool-reset').addEventListener('click', () => {
    clearUserData();
    switchIdentity(openid());
  });
  updatePageInfo();
}

/** After every navigation: the tools that apply to the page, and where we are. */
export function updatePageInfo() {
  const top = router.currentPage();
  ($('tool-refresh') as HTMLButtonElement).disabled = !router.canPullDown();
  if (!top) return;
  const query = Object.entries(top.query)
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  $('page-path').textContent =
    `当前页面：/${top.route}${query ? `?${query}` : ''}（页面栈 ${router.pageStack().length} 层）`;
}

// ---------- messages ----------

let lastIds = '';

function seen(): Set<number> {
  try {
    return new Set(JSON.parse(localStorage.getItem(userKey('outbox-seen')) ?? '[]') as number[]);
  } catch {
    return new Set();
  }
}

function markSeen(ids: number[]) {
  localStorage.setItem(userKey('outbox-seen'), JSON.stringify([...new Set([...seen(), ...ids])]));
}

function timeText(iso: string): string {
  const d = new Date(Date.parse(iso) + 8 * 3600 * 1000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

function renderMessages(messages: SentMessage[]) {
  const list = $('messages');
  const read = seen();
  const templates = mpConfig().templates;
  const unread = messages.filter((m) => !read.has(m.id));
  const badge = $('messages-badge');
  badge.hidden = unread.length === 0;
  badge.textContent = String(unread.length);
  badge.setAttribute('aria-label', `${unread.length}条未读`);
  if (messages.length === 0) {
    list.replaceChildren(h('li', { class: 'messages-empty', text: '暂无服务通知' }));
    return;
  }
  list.replaceChildren(
    ...messages
      .slice()
      .reverse()
      .map((m) => {
        const t = templates[m.templateId];
        const title = t?.title ?? m.templateId;
        const fields = Object.entries(m.data ?? {}).map(([key, v]) => ({
          name: t?.fields[key] ?? key,
          value: v?.value ?? '',
        }));
        const rows = fields.map((f) =>
          h('div', { class: 'message-row' }, h('dt', { text: f.name }), h('dd', { text: f.value })),
        );
        // The label says all the message shows, in its order (label in name, WCAG 2.5.3).
        const label = [
          read.has(m.id) ? '' : '未读',
          title,
          timeText(m.sentAt),
          ...fields.map((f) => `${f.name} ${f.value}`),
          m.page ? '进入小程序查看' : '',
        ];
        const button = h(
          'button',
          {
            type: 'button',
            class: `message${read.has(m.id) ? '' : ' unread'}`,
            'aria-label': label.filter(Boolean).join('，'),
          },
          h('div', { class: 'message-title', text: title }),
          h('div', { class: 'message-time', text: timeText(m.sentAt) }),
          h('dl', { style: 'margin:0' }, ...rows),
          m.page ? h('div', { class: 'message-link', text: '进入小程序查看 ›' }) : null,
        );
        button.dataset.messageId = String(m.id);
        button.addEventListener('click', () => {
          markSeen([m.id]);
          renderMessages(messages);
          if (m.page) {
            try {
              router.reLaunch(`/${m.page.replace(/^\//, '')}`);
            } catch (e) {
              reportError('打开服务通知', e);
            }
          }
        });
        return h('li', {}, button);
      }),
  );
}

export async function refreshMessages() {
  try {
    const res = await fetch(`/_devcloud/outbox?touser=${encodeURIComponent(openid())}`);
    if (!res.ok) return;
    const messages = (await res.json()) as SentMessage[];
    const ids = messages.map((m) => m.id).join(',');
    if (ids === lastIds) return;
    const before = lastIds ? lastIds.split(',').length : null;
    lastIds = ids;
    renderMessages(messages);
    if (before !== null && messages.length > before) {
      $('messages-live').textContent = `收到${messages.length - before}条新的服务通知`;
    }
  } catch {
    // devcloud stopped: try again on the next tick
  }
}

let refreshTimer: ReturnType<typeof setTimeout> | undefined;

/** Refreshes the messages soon (after a cloud call, debounced). */
export function refreshMessagesSoon() {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => void refreshMessages(), 300);
}

export function installMessages() {
  renderMessages([]);
  void refreshMessages();
  setInterval(() => void refreshMessages(), 3000);
}

// ---------- errors ----------

export function reportError(where: string, e: unknown) {
  console.error(`[preview] ${where}`, e);
  const message =
    e instanceof Error ? e.message : typeof e === 'object' ? JSON.stringify(e) : String(e);
  $('errors-section').hidden = false;
  $('errors').append(h('li', { text: `${where}：${message}` }));
}
