// zod building blocks whose messages are Chinese and name the field, so a citizen can act on them.
import { z } from 'zod';

const MOBILE = /^1[3-9]\d{9}$/;

/** Required text, trimmed, with its length limits in the messages; empty says "请填写…". */
export function text(label: string, opts: { min?: number; max: number }) {
  const min = opts.min ?? 1;
  return z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, { message: `请填写${label}`, abort: true })
    .min(min, `${label}至少${min}个字`)
    .max(opts.max, `${label}不能超过${opts.max}个字`);
}

/** Optional text: absent, or an empty string after trimming, means not given. */
export function optionalText(label: string, max: number) {
  return z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z
      .string({ error: `${label}应为文字` })
      .trim()
      .max(max, `${label}不能超过${max}个字`)
      .optional(),
  );
}

export function mobile(label = '手机号码') {
  return z
    .string({ error: `请填写${label}` })
    .trim()
    .regex(MOBILE, `${label}应为11位手机号码`);
}

export function optionalMobile(label = '手机号码') {
  return z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    mobile(label).optional(),
  );
}

export function oneOf<const T extends readonly [string, ...string[]]>(label: string, values: T) {
  return z.enum(values, { error: `请选择${label}` });
}

/** An id the person picks (a procuratorate, a department): missing means not yet chosen. */
export function picked(label: string) {
  return z
    .string({ error: `请选择${label}` })
    .min(1, `请选择${label}`)
    .max(64, `${label}格式不正确`)
    .regex(/^[A-Za-z0-9_-]+$/, `${label}格式不正确`);
}

export function id(label: string) {
  return z
    .string({ error: `缺少${label}` })
    .min(1, `缺少${label}`)
    .max(64, `${label}格式不正确`)
    .regex(/^[A-Za-z0-9_-]+$/, `${label}格式不正确`);
}

export function flag(label: string) {
  return z.boolean({ error: `请选择是否${label}` });
}

/**
 * Generated once per form by the page: a second tap (or a retry after a timeout) with the same
 * token files nothing new.
 */
export const clientToken = z
  .string({ error: '缺少提交标识' })
  .regex(/^[A-Za-z0-9-]{8,64}$/, '提交标识格式不正确');

/** Page numbers start at 1; page sizes are capped so one call never reads much. */
export const pagination = {
  page: z.number({ error: '页码应为数字' }).int('页码应为整数').min(1, '页码从1开始').default(1),
  pageSize: z
    .number({ error: '每页条数应为数字' })
    .int('每页条数应为整数')
    .min(1, '每页至少1条')
    .max(50, '每页最多50条')
    .default(20),
};

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** How the message to a record's filer stands, as staff views show it (null: none written yet). */
export type NoticeState = 'not_requested' | 'pending' | 'sent' | 'no_quota' | 'failed' | null;
