// The prompts WeChat itself shows on a mini program's behalf: the privacy authorization (and the
// privacy guide), the subscription-message prompt and the phone-number prompt. What the person
// decides is remembered per identity, as WeChat remembers it per account.
import { mpConfig } from './config';
import { gesture } from './gesture';
import { openid, userKey } from './session';
import { h, openLayer } from './ui';

/** APIs WeChat guards with the privacy authorization (__usePrivacyCheck__). */
export const PRIVACY_APIS = new Set([
  'setClipboardData',
  'getClipboardData',
  'chooseMedia',
  'chooseImage',
  'chooseVideo',
  'chooseMessageFile',
  'saveImageToPhotosAlbum',
  'saveVideoToPhotosAlbum',
  'getLocation',
  'chooseLocation',
  'chooseAddress',
  'getPhoneNumber',
  'getRealtimePhoneNumber',
  'chooseAvatar',
  'getWeRunData',
  'getUserProfile',
  'startRecord',
  'chooseInvoiceTitle',
]);

function appLine() {
  const name = mpConfig().appName;
  return h(
    'div',
    { class: 'prompt-app' },
    h('span', { class: 'prompt-logo', 'aria-hidden': 'true', text: name.slice(0, 2) }),
    h('span', { text: name }),
  );
}

function contractName(): string {
  return mpConfig().privacy.name ?? '《小程序隐私保护指引》';
}

// ---------- the privacy guide ----------

/** wx.openPrivacyContract: the guide, full screen, closed with 返回. */
export function openPrivacyContract(): Promise<void> {
  return new Promise((resolve) => {
    const guide = mpConfig().privacy;
    const close = h('button', { type: 'button', class: 'sheet-action', text: '返回' });
    const layer = openLayer({
      modal: true,
      kind: 'privacy-contract',
      mask: 'none',
      onEscape: () => done(),
    });
    const done = () => layer.close();
    close.addEventListener('click', done);
    const titleId = `contract-title-${Date.now()}`;
    layer.el.append(
      h(
        'div',
        { class: 'contract', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': titleId },
        h(
          'div',
          { class: 'contract-head' },
          close,
          h('h2', { id: titleId, text: contractName() }),
          h('span'),
        ),
        h(
          'div',
          { class: 'contract-body', tabindex: '0', role: 'document' },
          guide.summary ? h('p', { text: guide.summary }) : null,
          ...(guide.sections ?? []).flatMap((s) => [
            h('h3', { text: s.title }),
            h('p', { text: s.text }),
          ]),
          guide.updated ? h('p', { text: `更新日期：${guide.updated}` }) : null,
        ),
      ),
    );
    requestAnimationFrame(() => close.focus());
    resolve();
  });
}

// ---------- privacy authorization ----------

type PrivacyResolve = (result: {
  event: 'agree' | 'disagree' | 'exposureAuthorization';
  buttonId?: string;
}) => void;
type PrivacyListener = (resolve: PrivacyResolve, eventInfo: { referrer: string }) => void;

let privacyListener: PrivacyListener | null = null;
let asking: Promise<boolean> | null = null;
let pendingAgree: ((agreed: boolean) => void) | null = null;

export function privacyAgreed(): boolean {
  return localStorage.getItem(userKey('privacy', 'agreed')) === '1';
}

function setPrivacyAgreed(agreed: boolean) {
  if (agreed) localStorage.setItem(userKey('privacy', 'agreed'), '1');
}

export function onNeedPrivacyAuthorization(listener: PrivacyListener) {
  privacyListener = listener;
}

/** `<button open-type="agreePrivacyAuthorization">` tapped: agrees to the pending request. */
export function agreePrivacyByButton() {
  setPrivacyAgreed(true);
  const pending = pendingAgree;
  pendingAgree = null;
  pending?.(true);
}

function officialPrompt(): Promise<boolean> {
  return new Promise((resolve) => {
    const finish = (agreed: boolean) => {
      layer.close();
      resolve(agreed);
    };
    const layer = openLayer({ modal: true, kind: 'privacy', onEscape: () => finish(false) });
    const titleId = `privacy-title-${Date.now()}`;
    const link = h('button', { type: 'button', class: 'prompt-link', text: contractName() });
    link.addEventListener('click', () => void openPrivacyContract());
    const reject = h('button', { type: 'button', class: 'prompt-button', text: '拒绝' });
    const agree = h('button', { type: 'button', class: 'prompt-button primary', text: '同意' });
    reject.addEventListener('click', () => finish(false));
    agree.addEventListener('click', () => finish(true));
    layer.el.append(
      h(
        'div',
        { class: 'prompt', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': titleId },
        appLine(),
        h('h2', { class: 'prompt-title', id: titleId, text: '用户隐私保护提示' }),
        h(
          'p',
          { class: 'prompt-text' },
          '在你使用本服务前，请仔细阅读',
          link,
          '。如你同意该指引，请点击“同意”开始使用本服务。',
        ),
        h('div', { class: 'prompt-buttons' }, reject, agree),
      ),
    );
    requestAnimationFrame(() => agree.focus());
  });
}

/**
 * Resolves once the person has agreed to the privacy guide (asking now if needed, through the page's
 * onNeedPrivacyAuthorization listener or WeChat's own prompt); rejects with errno 104 otherwise.
 */
export function ensurePrivacy(api: string): Promise<void> {
  if (privacyAgreed()) return Promise.resolve();
  if (!asking) {
    asking = new Promise<boolean>((resolve) => {
      if (privacyListener) {
        pendingAgree = resolve;
        const listener = privacyListener;
        listener(
          (result) => {
            if (result.event === 'agree') {
              setPrivacyAgreed(true);
              pendingAgree = null;
              resolve(true);
            } else if (result.event === 'disagree') {
              pendingAgree = null;
              resolve(false);
            }
          },
          { referrer: api },
        );
      } else {
        void officialPrompt().then((agreed) => {
          setPrivacyAgreed(agreed);
          resolve(agreed);
        });
      }
    }).finally(() => {
      asking = null;
    });
  }
  return asking.then((agreed) => {
    if (!agreed) {
      throw { errno: 104, errMsg: `${api}:fail privacy permission is not authorized` };
    }
  });
}

// ---------- subscription messages ----------

export type SubscribeDecision = 'accept' | 'reject';

/**
 * The subscription prompt: each known template with a switch (on by default), 允许 / 取消, and
 * “总是保持以上选择，不再询问”. Resolves with each template's decision, or null if not shown.
 */
export function subscribePrompt(tmplIds: string[]): Promise<Record<string, SubscribeDecision>> {
  const templates = mpConfig().templates;
  const alwaysKey = (id: string) => userKey('subscribe-always', id);
  // Templates the person told WeChat to stop asking about answer at once.
  const remembered = tmplIds.map((id) => localStorage.getItem(alwaysKey(id)));
  if (remembered.every((r) => r === 'accept' || r === 'reject')) {
    return Promise.resolve(
      Object.fromEntries(tmplIds.map((id, i) => [id, remembered[i] as SubscribeDecision])),
    );
  }
  return new Promise((resolve) => {
    const on = new Map(tmplIds.map((id) => [id, true]));
    const always = h('input', { type: 'checkbox', id: `subscribe-always-${Date.now()}` });
    const finish = (allowed: boolean) => {
      layer.close();
      const result = Object.fromEntries(
        tmplIds.map((id) => [id, allowed && on.get(id) ? 'accept' : 'reject'] as const),
      );
      if (always.checked) {
        for (const [id, decision] of Object.entries(result))
          localStorage.setItem(alwaysKey(id), decision);
      }
      gesture(() => resolve(result));
    };
    const layer = openLayer({ modal: true, kind: 'subscribe', onEscape: () => finish(false) });
    const titleId = `subscribe-title-${Date.now()}`;
    const items = tmplIds.map((id) => {
      const title = templates[id]?.title ?? id;
      const toggle = h('button', {
        type: 'button',
        class: 'prompt-switch',
        role: 'switch',
        'aria-checked': 'true',
        'aria-label': title,
      });
      toggle.addEventListener('click', () => {
        const next = !on.get(id);
        on.set(id, next);
        toggle.setAttribute('aria-checked', String(next));
      });
      return h('li', { class: 'prompt-item' }, h('span', { text: title }), toggle);
    });
    const cancel = h('button', { type: 'button', class: 'prompt-button', text: '取消' });
    const allow = h('button', { type: 'button', class: 'prompt-button primary', text: '允许' });
    cancel.addEventListener('click', () => finish(false));
    allow.addEventListener('click', () => finish(true));
    layer.el.append(
      h(
        'div',
        { class: 'prompt', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': titleId },
        appLine(),
        h('h2', { class: 'prompt-title', id: titleId, text: `发送${tmplIds.length}条以下消息` }),
        h('ul', { class: 'prompt-list' }, ...items),
        h('label', { class: 'prompt-check', for: always.id }, always, '总是保持以上选择，不再询问'),
        h('div', { class: 'prompt-buttons' }, cancel, allow),
      ),
    );
    requestAnimationFrame(() => allow.focus());
  });
}

/** What the prompt reports to WeChat (devcloud): each accept adds one send of that template. */
export async function reportSubscription(results: Record<string, string>) {
  const res = await fetch('/_devcloud/subscribe', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ openid: openid(), results }),
  });
  if (!res.ok) throw new Error(`subscribe: HTTP ${res.status}`);
}

// ---------- phone number ----------

/**
 * The phone-number prompt of `<button open-type="getPhoneNumber">`: the person types the number
 * WeChat would hold for them; devcloud issues the code the page sends to its function. Resolves with
 * the code, or null when the person declines.
 */
export function phoneNumberPrompt(realtime: boolean): Promise<string | null> {
  return new Promise((resolve) => {
    const key = userKey('phone', 'number');
    const input = h('input', {
      class: 'prompt-input',
      type: 'tel',
      inputmode: 'numeric',
      maxlength: '11',
      value: localStorage.getItem(key) ?? '13800138000',
      'aria-label': '微信绑定的手机号码',
    });
    const finish = async (allowed: boolean) => {
      if (!allowed) {
        layer.close();
        resolve(null);
        return;
      }
      const phone = input.value.trim();
      if (!/^1\d{10}$/.test(phone)) {
        input.setAttribute('aria-invalid', 'true');
        input.focus();
        return;
      }
      localStorage.setItem(key, phone);
      layer.close();
      try {
        const res = await fetch('/_devcloud/phone-code', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ openid: openid(), phone }),
        });
        const body = (await res.json()) as { code?: string };
        resolve(body.code ?? null);
      } catch {
        resolve(null);
      }
    };
    const layer = openLayer({ modal: true, kind: 'phone', onEscape: () => void finish(false) });
    const titleId = `phone-title-${Date.now()}`;
    const deny = h('button', { type: 'button', class: 'prompt-button', text: '不允许' });
    const allow = h('button', { type: 'button', class: 'prompt-button primary', text: '允许' });
    deny.addEventListener('click', () => void finish(false));
    allow.addEventListener('click', () => void finish(true));
    layer.el.append(
      h(
        'div',
        { class: 'prompt', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': titleId },
        appLine(),
        h('h2', {
          class: 'prompt-title',
          id: titleId,
          text: realtime ? '申请获取并验证你的手机号' : '申请获取你的手机号',
        }),
        h('p', {
          class: 'prompt-text',
          text: '预览：填写微信绑定的手机号，devcloud 会据此签发手机号授权码。',
        }),
        input,
        h('div', { class: 'prompt-buttons' }, deny, allow),
      ),
    );
    requestAnimationFrame(() => allow.focus());
  });
}
