// The openness function (检务公开, #7): the public directory of procuratorates — address, reception
// hours, telephone, location — and the petition guide 信访工作条例 art. 18 requires every organ to
// publish ("网络信访渠道、通信地址、咨询投诉电话、信访接待的时间和地点、查询信访事项处理进展以及结果
// 的方式 … 信访事项的处理程序"). Each procuratorate's administrator keeps their own entry; anyone
// reads it without logging in.
import { z } from 'zod';
import { action, output } from './contract';
import { id, optionalText, pagination, type Page } from './fields';
import type { ProcuratorateLevel } from './org';

export const DIRECTORY_LIMITS = {
  addressMax: 200,
  hoursMax: 200,
  guideSectionMax: 2000,
  qMax: 50,
} as const;

/** The guide sections, in the order the page shows them. */
export const GUIDE_SECTIONS = ['channels', 'materials', 'procedure', 'progress'] as const;
export type GuideSection = (typeof GUIDE_SECTIONS)[number];
export const GUIDE_SECTION_NAMES: Record<GuideSection, string> = {
  channels: '信访渠道',
  materials: '需提交的材料',
  procedure: '办理程序与期限',
  progress: '查询办理进展的方式',
};

export const PROCURATORATE_LEVEL_NAMES: Record<ProcuratorateLevel, string> = {
  supreme: '最高人民检察院',
  provincial: '省级人民检察院',
  city: '市级人民检察院',
  district: '基层人民检察院',
};

/** A landline (区号-号码, optionally -分机), a mobile, or a service number such as 12309. */
const PHONE = /^(?:0\d{2,3}-?\d{7,8}(?:-\d{1,6})?|1[3-9]\d{9}|\d{5})$/;

const phone = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
  z
    .string({ error: '联系电话应为文字' })
    .trim()
    .transform((v) => v.replace(/\s+/g, ''))
    .pipe(z.string().regex(PHONE, '联系电话应为固定电话（如010-12345678）或11位手机号码'))
    .optional(),
);

const coordinate = (label: string, min: number, max: number) =>
  z
    .number({ error: `${label}应为数字` })
    .refine((v) => Number.isFinite(v), `${label}应为数字`)
    .refine((v) => v >= min && v <= max, `${label}应在${min}到${max}之间`);

export const directorySaveInput = z
  .object({
    /** The procuratorate being saved: only the administrator's own is accepted. */
    id: id('检察院编号'),
    address: optionalText('地址', DIRECTORY_LIMITS.addressMax),
    phone,
    hours: optionalText('接待时间', DIRECTORY_LIMITS.hoursMax),
    /** Both or neither: a map needs the two. */
    location: z
      .object({
        latitude: coordinate('纬度', -90, 90),
        longitude: coordinate('经度', -180, 180),
      })
      .strict()
      .nullable()
      .optional(),
    guide: z
      .object(
        Object.fromEntries(
          GUIDE_SECTIONS.map((s) => [
            s,
            optionalText(GUIDE_SECTION_NAMES[s], DIRECTORY_LIMITS.guideSectionMax),
          ]),
        ) as Record<GuideSection, ReturnType<typeof optionalText>>,
      )
      .strict()
      .partial()
      .default({}),
  })
  .strict();

export type DirectorySaveInput = z.input<typeof directorySaveInput>;

export interface DirectoryListItem {
  id: string;
  name: string;
  level: ProcuratorateLevel;
  levelName: string;
  address: string | null;
  phone: string | null;
  hours: string | null;
}

export interface GuideSectionView {
  key: GuideSection;
  title: string;
  text: string;
  /** Nothing written by the procuratorate: the text is generated from the national rules. */
  isDefault: boolean;
}

export interface DirectoryEntryView extends DirectoryListItem {
  parentId: string | null;
  parentName: string | null;
  location: { latitude: number; longitude: number } | null;
  guide: GuideSectionView[];
  updatedAt: string | null;
}

export const openness = {
  'directory.list': action({
    summary:
      'Anyone: the procuratorates with address, telephone and reception hours, searched by name or address, by level',
    input: z
      .object({
        q: optionalText('关键词', DIRECTORY_LIMITS.qMax),
        level: z
          .enum(['supreme', 'provincial', 'city', 'district'], { error: '级别不正确' })
          .optional(),
        ...pagination,
      })
      .strict(),
    output: output<Page<DirectoryListItem>>(),
    audience: ['public'],
    errors: ['BAD_REQUEST'],
  }),
  'directory.get': action({
    summary:
      "Anyone: one procuratorate's profile and its petition guide (条例 art. 18), national defaults where it wrote none",
    input: z.object({ id: id('检察院编号') }).strict(),
    output: output<DirectoryEntryView>(),
    audience: ['public'],
    errors: ['BAD_REQUEST', 'NOT_FOUND'],
  }),
  'directory.save': action({
    summary:
      "Administrator: saves their own procuratorate's address, telephone, reception hours, location and petition guide (audited)",
    input: directorySaveInput,
    output: output<DirectoryEntryView>(),
    audience: ['admin'],
    errors: ['BAD_REQUEST', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND'],
  }),
} as const;
