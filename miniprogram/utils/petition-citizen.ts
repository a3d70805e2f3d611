// What the citizen's petition pages need beyond utils/petition-form.ts (shared with the staff
// pages): the names of the choices a petitioner makes, and the page-side limits of files and review.
//
// Pages may only `import type` from typings/, so the values below MIRROR typings/petition.ts
// (PROXY_RELATIONSHIPS, PROXY_RELATIONSHIP_NAMES, SEXES, SEX_NAMES, SATISFACTIONS,
// SATISFACTION_NAMES, the review reason's minimum); tests/miniprogram/mirror.test.ts fails when
// they drift apart.
import type {
  PetitionKind,
  PetitionView,
  ProxyRelationship,
  Satisfaction,
  Sex,
} from '../../typings/petition';
import { COMMON_FIELDS, KIND_FIELDS, PETITION_KINDS, type FormField } from './petition-form';

export const PROXY_RELATIONSHIPS: readonly ProxyRelationship[] = [
  'close_relative',
  'guardian',
  'agent',
  'other',
];
export const PROXY_RELATIONSHIP_NAMES: Record<ProxyRelationship, string> = {
  close_relative: '近亲属',
  guardian: '监护人',
  agent: '委托代理人',
  other: '其他',
};

export const SEXES: readonly Sex[] = ['male', 'female'];
export const SEX_NAMES: Record<Sex, string> = { male: '男', female: '女' };

export const SATISFACTIONS: readonly Satisfaction[] = [
  'satisfied',
  'basically_satisfied',
  'dissatisfied',
];
export const SATISFACTION_NAMES: Record<Satisfaction, string> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  dissatisfied: '不满意',
};

/** The largest file a petitioner may attach (checked on the page; WeChat's own limit is higher). */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

/** The least a review (复查) request must say (typings/petition.ts, `requestReview`). */
export const REVIEW_REASON_MIN = 10;

export function isPetitionKind(value: unknown): value is PetitionKind {
  return typeof value === 'string' && (PETITION_KINDS as readonly string[]).includes(value);
}

function valueAt(form: unknown, path: string): unknown {
  let node = form;
  for (const key of path.split('.')) {
    if (!node || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/**
 * A petition's form as filed, as label/value rows, read with the same description the form is
 * built from (utils/petition-form.ts): the staff detail page and the archive dossier show it.
 */
export function filedFormRows(
  kind: PetitionKind,
  form: PetitionView['form'],
): { label: string; value: string }[] {
  const fields: FormField[] = [...COMMON_FIELDS, ...KIND_FIELDS[kind]];
  const rows: { label: string; value: string }[] = [];
  for (const f of fields) {
    if (f.when && valueAt(form, f.when.id.replace(/_/g, '.')) !== f.when.value) continue;
    const raw = valueAt(form, f.path);
    if (raw === undefined || raw === null || raw === '') continue;
    const value =
      typeof raw === 'boolean'
        ? raw
          ? '是'
          : '否'
        : f.type === 'choice'
          ? (f.options.find((o) => o.value === raw)?.name ?? String(raw))
          : String(raw);
    rows.push({ label: f.label, value });
  }
  const proxy = form.onBehalfOf;
  if (proxy) {
    const relation = PROXY_RELATIONSHIP_NAMES[proxy.relationship] ?? '';
    rows.push({
      label: '代为信访',
      value: `被代理人${proxy.name}（${relation}${proxy.note ? `：${proxy.note}` : ''}）`,
    });
  }
  const received = valueAt(form, 'assistance.received');
  if (Array.isArray(received) && received.length > 0) {
    rows.push({
      label: '已获赔偿或救助',
      value: (received as { amount: number; source: string }[])
        .map((r) => `${r.source} ${r.amount}元`)
        .join('；'),
    });
  }
  return rows;
}
