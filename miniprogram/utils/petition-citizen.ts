// What the citizen's petition pages need beyond utils/petition-form.ts (shared with the staff
// pages): the names of the choices a petitioner makes, and the page-side limits of files and review.
//
// Pages may only `import type` from typings/, so the values below MIRROR typings/petition.ts
// (PROXY_RELATIONSHIPS, PROXY_RELATIONSHIP_NAMES, SEXES, SEX_NAMES, SATISFACTIONS,
// SATISFACTION_NAMES, the review reason's minimum); tests/miniprogram/mirror.test.ts fails when
// they drift apart.
import type { PetitionKind, ProxyRelationship, Satisfaction, Sex } from '../../typings/petition';
import { PETITION_KINDS } from './petition-form';

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
