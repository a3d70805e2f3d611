// Builders for the case-disclosure tests (#6) on any devcloud — the functions' tests, the page
// harness, the browser preview: a case as case management registers it, a lawyer's verification,
// and a binding to a case, each made through the cases function as the pages would make them.
import { uploadAs } from '../../devcloud/uploads';
import type { DevCloud } from '../../devcloud';
import type {
  ActionInput,
  ActionName,
  ActionOutput,
  ActionResult,
  FunctionName,
} from '../../typings';

/** Case management (案件管理部, 周婷) of 北京市朝阳区人民检察院, who register cases and review. */
export const CASE_MANAGER = 'o-staff-110105-ag';

/** Calls an action as `openid`, failing the test unless it succeeded; answers its data. */
export async function callOk<F extends FunctionName, A extends ActionName<F>>(
  cloud: DevCloud,
  fn: F,
  action: A,
  input: ActionInput<F, A> | Record<string, unknown>,
  openid: string,
): Promise<ActionOutput<F, A>> {
  const out = await cloud.invoke(fn, { action, input }, { openid });
  const res = out.result as ActionResult<ActionOutput<F, A>>;
  if (!res.ok) throw new Error(`${fn}.${action} as ${openid}: ${JSON.stringify(res.error)}`);
  return res.data;
}

/**
 * What case.save takes for a case of 110105: 故意伤害罪, the suspect 张三 (30, on 取保候审 from
 * 2024-05-01) and the victim 李四; `extra` overrides any field.
 */
export function caseInput(caseNumber: string, extra: Record<string, unknown> = {}) {
  return {
    caseNumber,
    cause: '故意伤害罪',
    acceptedOn: '2024-05-01',
    timeLimit: '2024-06-15',
    handlingUnit: '第一检察部 李检察官办案组',
    stage: '审查起诉',
    parties: [
      { name: '张三', role: 'suspect', age: 30 },
      { name: '李四', role: 'victim' },
    ],
    measures: [{ partyName: '张三', measure: '取保候审', from: '2024-05-01' }],
    flags: {},
    ...extra,
  };
}

/** Registers a case (caseInput) through case.save as case management. */
export function registerCase(
  cloud: DevCloud,
  caseNumber: string,
  extra: Record<string, unknown> = {},
  staff: string = CASE_MANAGER,
) {
  return callOk(cloud, 'cases', 'case.save', caseInput(caseNumber, extra), staff);
}

let made = 0;

export interface LawyerSpec {
  name?: string;
  /** 17 digits; a new one for each lawyer unless given. */
  certificateNumber?: string;
  firm?: string;
  /** The certificate's photo: its file name and content (`cert.jpg`, its path, by default). */
  photo?: { name: string; content: Uint8Array | string };
  /** Case management's answer: approved (the default), refused with this reason, or none yet. */
  review?: 'approve' | { reason: string } | 'none';
}

/**
 * `openid`'s verification as a lawyer (周律师 of 北京市朝阳律师事务所 unless given) sent to 110105
 * through lawyer.verify, and case management's answer through lawyer.review. Answers `openid`.
 */
export async function verifiedLawyer(
  cloud: DevCloud,
  openid: string,
  spec: LawyerSpec = {},
): Promise<string> {
  made += 1;
  const photo = spec.photo ?? { name: 'cert.jpg', content: `lawyers/${openid}/cert.jpg` };
  const certificateImage = await uploadAs(
    cloud,
    openid,
    `lawyers/${openid}/${photo.name}`,
    photo.content,
  );
  const input = {
    name: spec.name ?? '周律师',
    certificateNumber: spec.certificateNumber ?? `1110120151${String(1000000 + made).slice(-7)}`,
    firm: spec.firm ?? '北京市朝阳律师事务所',
    certificateImage,
    procuratorateId: '110105',
  };
  await callOk(cloud, 'cases', 'lawyer.verify', input, openid);
  const review = spec.review ?? 'approve';
  if (review === 'none') return openid;
  const answer =
    review === 'approve'
      ? { id: openid, approve: true }
      : { id: openid, approve: false, reason: review.reason };
  await callOk(cloud, 'cases', 'lawyer.review', answer, CASE_MANAGER);
  return openid;
}

export interface BindingSpec {
  /** 当事人本人 unless given. */
  role?: string;
  /** 张三 unless given. */
  partyName?: string;
  /** The proofs: each file's name and content (`id.jpg`, its path, by default). */
  proofs?: { name: string; content?: Uint8Array | string }[];
  /** Case management's answer: approved (the default), refused with this reason, or none yet. */
  review?: 'approve' | { reason: string } | 'none';
}

/**
 * `openid`'s request to be bound to the case through binding.request, with its proofs uploaded,
 * and case management's answer through binding.review. Answers the binding's id.
 */
export async function boundTo(
  cloud: DevCloud,
  openid: string,
  caseNumber: string,
  spec: BindingSpec = {},
): Promise<string> {
  const proofs: string[] = [];
  for (const p of spec.proofs ?? [{ name: 'id.jpg' }]) {
    const path = `bindings/${openid}/${p.name}`;
    proofs.push(await uploadAs(cloud, openid, path, p.content ?? path));
  }
  const input = {
    caseNumber,
    role: spec.role ?? 'party',
    partyName: spec.partyName ?? '张三',
    proofs,
  };
  const { id } = await callOk(cloud, 'cases', 'binding.request', input, openid);
  const review = spec.review ?? 'approve';
  if (review === 'none') return id;
  const answer =
    review === 'approve' ? { id, approve: true } : { id, approve: false, reason: review.reason };
  await callOk(cloud, 'cases', 'binding.review', answer, CASE_MANAGER);
  return id;
}
