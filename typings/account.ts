// The account function: who the caller is, the directory of procuratorates, and the caller's
// real-name profile (实名信息).
import { z } from 'zod';
import { checkIdNumber } from '../domain/identity';
import { action, output, type StaffRole } from './contract';
import { oneOf, optionalMobile, text } from './fields';
import type { DepartmentView, ProcuratorateView } from './org';

export interface StaffView {
  id: string;
  name: string;
  procuratorateId: string;
  procuratorateName: string;
  departmentId: string;
  departmentName: string;
  roles: StaffRole[];
}

export interface WhoAmI {
  /** Present for every caller the mini program identifies. */
  openid: string | null;
  /**
   * The caller's own folder for uploads: pages store files at `<area>/<uploadKey>/<rest>`, and
   * functions accept on a record only files under the caller's key. Null without an OPENID.
   */
  uploadKey: string | null;
  staff: StaffView | null;
}

/** Who the caller is, and the directory of procuratorates. */
const directory = {
  whoami: action({
    summary: 'The caller as the functions see them: identified or not, and their staff record',
    input: z.object({}).strict(),
    output: output<WhoAmI>(),
    audience: ['public'],
    errors: [],
  }),
  procuratorates: action({
    summary: 'Every procuratorate with its departments, for pickers and the directory',
    input: z.object({}).strict(),
    output: output<{ procuratorates: ProcuratorateView[]; departments: DepartmentView[] }>(),
    audience: ['public'],
    errors: [],
  }),
} as const;

// ---------- The real-name profile (实名信息): kept once, reused by petitions ----------

/** What a profile view shows anyone but its owner (petitions, staff pages): masked numbers only. */
export type { ProfileSummary } from '../domain/identity';

/** Chinese characters or letters, with the middle dot (间隔号) between parts: 阿依古丽·买买提. */
const PERSON_NAME =
  /^[\u3400-\u4dbf\u4e00-\u9fffA-Za-z]+(?:·[\u3400-\u4dbf\u4e00-\u9fffA-Za-z]+)*$/;
/** The middle dots people actually type on phones, all read as 间隔号. */
const MIDDLE_DOTS = /[•・‧∙．.]/g;

export const PROFILE_LIMITS = { nameMin: 2, nameMax: 30 } as const;

export const personName = z.preprocess(
  (v) => (typeof v === 'string' ? v.replace(MIDDLE_DOTS, '·') : v),
  text('姓名', { min: PROFILE_LIMITS.nameMin, max: PROFILE_LIMITS.nameMax }).regex(
    PERSON_NAME,
    '姓名只能包含汉字、字母和间隔号“·”',
  ),
);

/**
 * Validated with GB 11643's rules; the message is the domain's reason. Lowercase x becomes X. The
 * clock is read here because the builder parses before the handler's context exists.
 */
export const residentIdNumber = z
  .string({ error: '请填写身份证号码' })
  .trim()
  .transform((v) => v.toUpperCase())
  .superRefine((v, ctx) => {
    const check = checkIdNumber(v, new Date());
    if (!check.ok) ctx.addIssue({ code: 'custom', message: check.reason });
  });

export interface ProfileView {
  name: string;
  /** In full: this view is only ever sent to the profile's owner. */
  idNumber: string;
  idNumberMasked: string;
  mobile: string;
  mobileMasked: string;
  /** The mobile came from WeChat's phone-number button (verified by WeChat), not typed. */
  mobileVerified: boolean;
  updatedAt: string;
}

export const profile = {
  'profile.get': action({
    summary:
      "The caller's own real-name profile, with the ID number in full; null before the first save",
    input: z.object({}).strict(),
    output: output<{ profile: ProfileView | null }>(),
    audience: ['user'],
    errors: ['UNAUTHENTICATED'],
  }),
  'profile.save': action({
    summary:
      "Creates or updates the caller's real-name profile; the mobile is typed or exchanged from phoneCode",
    input: z
      .object({
        name: personName,
        idNumber: residentIdNumber,
        /** Typed by the person; ignored when `phoneCode` is given. */
        mobile: optionalMobile('手机号码'),
        /** `e.detail.code` of `<button open-type="getPhoneNumber">`: single use, valid 5 minutes. */
        phoneCode: z
          .string({ error: '微信手机号授权无效，请重新获取' })
          .trim()
          .min(1, '微信手机号授权无效，请重新获取')
          .max(128, '微信手机号授权无效，请重新获取')
          .optional(),
      })
      .strict()
      .superRefine((v, ctx) => {
        if (!v.mobile && !v.phoneCode) {
          ctx.addIssue({
            code: 'custom',
            path: ['mobile'],
            message: '请填写手机号码，或使用微信手机号',
          });
        }
      }),
    output: output<{ profile: ProfileView }>(),
    audience: ['user'],
    errors: ['BAD_REQUEST', 'UNAUTHENTICATED', 'PRECONDITION_FAILED'],
  }),
} as const;

// ---------- Staff interests (利益申报), for recusal (回避) ----------

export const INTEREST_RELATIONS = [
  'spouse',
  'parent',
  'child',
  'sibling',
  'other_relative',
  'associate',
] as const;
export type InterestRelation = (typeof INTEREST_RELATIONS)[number];
export const INTEREST_RELATION_NAMES: Record<InterestRelation, string> = {
  spouse: '配偶',
  parent: '父母',
  child: '子女',
  sibling: '兄弟姐妹',
  other_relative: '其他近亲属',
  associate: '其他利害关系人',
};
export const INTERESTS_LIMITS = { relativesMax: 50, organisationsMax: 20 } as const;

export const staffInterestsSaveInput = z
  .object({
    relatives: z
      .array(
        z
          .object({
            name: personName,
            relation: oneOf('与本人的关系', INTEREST_RELATIONS),
            /** Absent: unknown, or kept as declared before for the same name and relation. */
            idNumber: residentIdNumber.optional(),
          })
          .strict(),
        { error: '亲属和利害关系人格式不正确' },
      )
      .max(INTERESTS_LIMITS.relativesMax, `亲属和利害关系人最多${INTERESTS_LIMITS.relativesMax}人`),
    organisations: z
      .array(text('利害关系单位', { min: 2, max: 100 }), { error: '利害关系单位格式不正确' })
      .max(
        INTERESTS_LIMITS.organisationsMax,
        `利害关系单位最多${INTERESTS_LIMITS.organisationsMax}个`,
      ),
  })
  .strict();

export interface StaffInterestsView {
  relatives: {
    name: string;
    relation: InterestRelation;
    relationName: string;
    idNumberMasked: string | null;
  }[];
  organisations: string[];
  updatedAt: string | null;
}

export const interests = {
  'interests.get': action({
    summary: "The caller's own declared interests (relatives, associates, organisations)",
    input: z.object({}).strict(),
    output: output<StaffInterestsView>(),
    audience: ['registrar', 'handler', 'leader', 'admin'],
    errors: ['UNAUTHENTICATED', 'FORBIDDEN'],
  }),
  'interests.save': action({
    summary:
      'Staff declare their interests; assignment and recusal decisions check petitions against them (audited)',
    input: staffInterestsSaveInput,
    output: output<StaffInterestsView>(),
    audience: ['registrar', 'handler', 'leader', 'admin'],
    errors: ['BAD_REQUEST', 'UNAUTHENTICATED', 'FORBIDDEN'],
  }),
} as const;

export const account = { ...directory, ...profile, ...interests } as const;
