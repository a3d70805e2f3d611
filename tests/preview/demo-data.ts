// Representative demo data for looking at the pages (accessibility checks, screenshots): three
// suggestions of one citizen to 北京市朝阳区人民检察院, one replied (the citizen subscribed, so a
// message waits in the shell's panel), one waiting, one the content check flagged for review. Created
// through the functions, as the pages would.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DevCloud } from '../../devcloud';

const ROOT = join(__dirname, '..', '..');
const UNIT = '110105';

export interface DemoSuggestion {
  id: string;
  queryCode: string;
}

export interface DemoData {
  /** The citizen's suggestion the handler replied to (the citizen had subscribed). */
  replied: DemoSuggestion;
  /** The citizen's suggestion still waiting for a reply. */
  pending: DemoSuggestion;
  /** A waiting suggestion whose content the content check flagged for review. */
  review: DemoSuggestion;
  replyText: string;
}

type Envelope<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

async function call<T>(
  cloud: DevCloud,
  fn: string,
  action: string,
  input: Record<string, unknown>,
  openid: string,
): Promise<T> {
  const out = await cloud.invoke(fn, { action, input }, { openid });
  const result = out.result as Envelope<T>;
  if (!result.ok) throw new Error(`${action} as ${openid}: ${JSON.stringify(result.error)}`);
  return result.data;
}

let tokens = 0;
const token = () => `demo-${Date.now().toString(36)}-${(tokens += 1)}`;

/** Submits one suggestion to the demo procuratorate as `openid`. */
export function submitSuggestion(
  cloud: DevCloud,
  openid: string,
  fields: { topic: string; content: string; name?: string; phone?: string; notify?: boolean },
): Promise<DemoSuggestion> {
  return call<DemoSuggestion>(
    cloud,
    'supervision',
    'suggestion.submit',
    {
      procuratorateId: UNIT,
      topic: fields.topic,
      content: fields.content,
      ...(fields.name || fields.phone
        ? { contact: { name: fields.name, phone: fields.phone } }
        : {}),
      notify: fields.notify ?? true,
      clientToken: token(),
    },
    openid,
  );
}

/** Replies to a suggestion as a handler (or leader) of the demo procuratorate. */
export async function replySuggestion(
  cloud: DevCloud,
  openid: string,
  id: string,
  content: string,
): Promise<void> {
  await call(cloud, 'supervision', 'suggestion.reply', { id, content }, openid);
}

/** The suggestions the pages are looked at with; `citizen` subscribes to the reply notification. */
export async function createDemoData(
  cloud: DevCloud,
  who: { citizen: string; handler: string },
): Promise<DemoData> {
  const templates = JSON.parse(readFileSync(join(ROOT, 'config', 'templates.json'), 'utf8')) as {
    suggestionReplied: { id: string };
  };
  await cloud.grantSubscription(who.citizen, { [templates.suggestionReplied.id]: 'accept' });
  const replied = await submitSuggestion(cloud, who.citizen, {
    topic: '服务群众',
    content: '建议在检察服务大厅增加老年人休息区和饮水设施，方便群众等候。',
    name: '陈晓',
    phone: '13800138000',
  });
  const replyText =
    '感谢您的建议，我院已在服务大厅增设休息区和饮水机，并安排专人引导老年群众办事。';
  await replySuggestion(cloud, who.handler, replied.id, replyText);
  const pending = await submitSuggestion(cloud, who.citizen, {
    topic: '检务公开',
    content: '希望在官方网站和小程序上公开更多案件办理流程说明，方便群众了解办理进度和所需材料。',
  });
  const review = await submitSuggestion(cloud, who.citizen, {
    topic: '其他',
    content: '关于集体上访的情况，希望检察院关注并尽快答复，我们已经等待很久了。',
    notify: false,
  });
  return { replied, pending, review, replyText };
}
