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
  /** Petitions for the staff pages of 信访办理 (createStaffPetitions). */
  petitions: DemoPetitions;
  /** The petitioner's own petitions for the citizen pages of 信访 (createCitizenPetitions). */
  citizenPetitions: CitizenDemoPetitions;
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
  const petitions = await createStaffPetitions(cloud);
  const citizenPetitions = await createCitizenPetitions(cloud);
  return { replied, pending, review, replyText, petitions, citizenPetitions };
}

// ---------------------------------------------------------------------------------------------
// Petitions for the staff pages (信访办理): filed by a petitioner of their own, so the citizen
// pages' demo identities keep their own records.

export const DEMO_PETITIONER = 'o-petition-demo-1';

export interface DemoPetitions {
  /** Filed, waiting for the registrar to register it. */
  submitted: string;
  /** Registered, accepted and assigned to the 控告申诉检察部 handler (张华). */
  assigned: string;
}

/** Files two petitions to the demo procuratorate and moves one to its handler, as staff would. */
export async function createStaffPetitions(cloud: DevCloud): Promise<DemoPetitions> {
  await call(
    cloud,
    'account',
    'profile.save',
    { name: '陈晓', idNumber: '11010519491231002X', mobile: '13800138000' },
    DEMO_PETITIONER,
  );
  const form = (request: string) => ({
    kind: 'other',
    procuratorateId: UNIT,
    request,
    facts: '2025年5月起，小区物业多次拒绝公开维修基金使用情况，向有关部门反映后至今没有结果。',
    reasons: '物业公司的做法侵害了业主的合法权益。',
    address: '北京市朝阳区建国路88号',
    contact: '13800138000',
    clientToken: token(),
  });
  const file = async (request: string) =>
    (await call<{ id: string }>(cloud, 'petition', 'submit', form(request), DEMO_PETITIONER)).id;
  const submitted = await file('请求督促物业公司公开维修基金的使用情况');
  const assigned = await file('请求依法查处物业公司挪用维修基金的行为');
  const registrar = 'o-staff-110105-registrar';
  await call(cloud, 'petition', 'register', { id: assigned, departmentId: '110105-ks' }, registrar);
  await call(cloud, 'petition', 'accept', { id: assigned }, registrar);
  await call(
    cloud,
    'petition',
    'assign',
    { id: assigned, staffId: 'st-110105-handler' },
    'o-staff-110105-leader',
  );
  return { submitted, assigned };
}

// ---------------------------------------------------------------------------------------------
// Petitions for the citizen pages (信访, 我的信访, 信访详情): filed by the demo lawyer, who has no
// profile in the seed, so the demo citizens' profile screens stay as they are.

export const CITIZEN_PETITIONER = 'o-lawyer-1';

export interface CitizenDemoPetitions {
  /** Answered: the replies and the answer, with the rating and review forms. */
  answered: string;
  /** Registered, with materials requested. */
  materials: string;
}

/** Files two petitions as CITIZEN_PETITIONER; staff answer one and ask for materials on the other. */
export async function createCitizenPetitions(cloud: DevCloud): Promise<CitizenDemoPetitions> {
  await call(
    cloud,
    'account',
    'profile.save',
    { name: '黄明', idNumber: '11010519491231002X', mobile: '13800138000' },
    CITIZEN_PETITIONER,
  );
  const step = (action: string, input: Record<string, unknown>, by: string) =>
    call(cloud, 'petition', action, input, by);
  const file = async (kind: string, extra: Record<string, unknown> = {}) =>
    (
      await call<{ id: string }>(
        cloud,
        'petition',
        'submit',
        {
          kind,
          procuratorateId: UNIT,
          request: '请求依法处理邻居违法搭建并侵占公共通道的问题',
          facts: '2025年5月起，邻居在楼道违法搭建，堵塞消防通道，多次反映未解决。',
          reasons: '违法搭建危及公共安全，有关部门未依法履行职责。',
          address: '北京市朝阳区建国路88号',
          contact: '13800138000',
          clientToken: token(),
          ...extra,
        },
        CITIZEN_PETITIONER,
      )
    ).id;
  const registrar = 'o-staff-110105-registrar';
  const handler = 'o-staff-110105-handler';
  const answered = await file('other');
  await step('register', { id: answered, departmentId: '110105-ks' }, registrar);
  await step('accept', { id: answered }, registrar);
  await step('assign', { id: answered, staffId: 'st-110105-handler' }, 'o-staff-110105-leader');
  await step(
    'proceduralReply',
    { id: answered, method: 'online', text: '您的信访已收到，本院已受理并正在依法办理。' },
    handler,
  );
  await step(
    'answer',
    {
      id: answered,
      method: 'written',
      text: '经调查核实，街道已责令拆除违法搭建，消防通道已恢复畅通，特此答复。',
      result: '已责成有关部门依法处理',
    },
    handler,
  );
  const materials = await file('criminal_appeal', {
    decision: {
      title: '刑事判决书',
      number: '（2024）京0105刑初123号',
      date: '2024-11-20',
      organ: '北京市朝阳区人民法院',
    },
  });
  await step('register', { id: materials, departmentId: '110105-ks' }, registrar);
  await step(
    'requestMaterials',
    { id: materials, items: ['原判决书复印件', '申诉人身份证复印件'], dueDate: '2099-12-31' },
    registrar,
  );
  return { answered, materials };
}
