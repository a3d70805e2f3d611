// Case information disclosure (案件信息公开) as the citizen and lawyer pages need it at runtime:
// binding to a case, the lawyer's verification and the procedure query.
//
// Pages may only `import type` from typings/, so the values below MIRROR typings/cases.ts
// (BINDING_ROLES, BINDING_ROLE_NAMES, LAWYER_BINDING_ROLES, BINDING_PROOFS, REVIEW_STATUS_NAMES,
// the limits of a binding's note) and the subscription templates of config/templates.json the
// cases function sends with (`appointmentResult` for review results, `caseProgress` for a case's
// progress); tests/miniprogram/mirror.test.ts fails when they drift apart.
import type { BindingRole, LawyerStatus } from '../../typings/cases';
import { TEMPLATE_IDS } from '../config';

export const BINDING_ROLES: readonly BindingRole[] = [
  'party',
  'legal_representative',
  'close_relative',
  'defender',
  'agent',
];

export const BINDING_ROLE_NAMES: Record<BindingRole, string> = {
  party: '当事人本人',
  legal_representative: '法定代理人',
  close_relative: '近亲属',
  defender: '辩护人',
  agent: '诉讼代理人',
};

/** Roles a verified lawyer binds as; the others are for citizens with a real-name profile. */
export const LAWYER_BINDING_ROLES: readonly BindingRole[] = ['defender', 'agent'];

/** The roles a citizen with a real-name profile binds as. */
export const CITIZEN_BINDING_ROLES: readonly BindingRole[] = BINDING_ROLES.filter(
  (r) => !LAWYER_BINDING_ROLES.includes(r),
);

/** What each role proves (DOMAIN.md), as the page asks for it. */
export const BINDING_PROOFS: Record<BindingRole, string> = {
  party: '本人身份证件',
  legal_representative: '身份证件及户口簿或监护关系证明',
  close_relative: '身份证件及户口簿或结婚证等亲属关系证明',
  defender: '授权委托书或法律援助公函',
  agent: '授权委托书或法律援助公函',
};

export const REVIEW_STATUS_NAMES: Record<LawyerStatus, string> = {
  pending: '待审核',
  approved: '已通过',
  refused: '未通过',
};

/** A binding request's note: at most 200 characters (`binding.request`). */
export const BINDING_NOTE_MAX = 200;

/** The unified case number's shape, as the case-number field shows it (DOMAIN.md). */
export const CASE_NUMBER_EXAMPLE = '京检刑诉受〔2023〕110000000001号';

/**
 * Template ids the cases function sends with: the answer to a binding request or a lawyer's
 * verification, and a bound case's progress (config.ts, the one place template ids live).
 */
export const CASE_TEMPLATE_IDS = {
  appointmentResult: TEMPLATE_IDS.appointmentResult,
  caseProgress: TEMPLATE_IDS.caseProgress,
} as const;

/** The tag colour of a review status: waiting, approved, refused. */
export function reviewTagClass(status: LawyerStatus): string {
  if (status === 'approved') return 'tag-replied';
  if (status === 'refused') return 'tag-review';
  return 'tag-pending';
}

export type SubscribeAnswer = 'accept' | 'reject' | 'fail';

/**
 * Asks for one message of `template`. WeChat shows the prompt only in answer to a tap, so this
 * must run synchronously inside the tap handler, before anything is awaited. Never rejects.
 */
export function askSubscription(template: string): Promise<SubscribeAnswer> {
  return new Promise((resolve) => {
    wx.requestSubscribeMessage({
      tmplIds: [template],
      success: (res) => {
        const answer = (res as unknown as Record<string, string>)[template];
        resolve(answer === 'accept' || answer === 'acceptWithAudio' ? 'accept' : 'reject');
      },
      fail: (err) => {
        console.warn('requestSubscribeMessage failed', err);
        resolve('fail');
      },
    });
  });
}

/** `2024-05-01` → `2024年5月1日`; anything else as it is. */
export function dayText(day: string | null | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day ?? '');
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : (day ?? '');
}

/** MIRRORS DISCLOSURE_LIMITS of typings/cases.ts: the administrator's excluded causes. */
export const DISCLOSURE_LIMITS = { causesMax: 30, causeMin: 2, causeMax: 20 } as const;
