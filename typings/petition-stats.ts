// Petition statistics for leaders (issue #5): per procuratorate and department, what was received
// in a range of months, how many procedural replies came within 7 days and answers within 3
// months, and what is overdue now, beside the national figures.
import { z } from 'zod';
import { picked } from './fields';
import type { PetitionKind } from './petition';

/** The longest range of months one call covers. */
export const STATS_MAX_MONTHS = 24;

const MONTH = /^(\d{4})-(\d{2})$/;

/** A month `YYYY-MM` (China time). */
function month(label: string) {
  return z
    .string({ error: `请选择${label}` })
    .trim()
    .regex(MONTH, `${label}应为“年-月”格式`)
    .refine((v) => {
      const m = Number(v.slice(5, 7));
      return m >= 1 && m <= 12;
    }, `${label}不是有效月份`);
}

/** Months since year 0 of a `YYYY-MM` (for counting a range). */
export function monthNumber(v: string): number {
  return Number(v.slice(0, 4)) * 12 + Number(v.slice(5, 7)) - 1;
}

export const petitionStatsInput = z
  .object({
    /** The first month counted (by the day each petition was received, China time). */
    from: month('起始月份'),
    /** The last month counted, inclusive. */
    to: month('截止月份'),
    /** One department of the caller's procuratorate; absent for the whole procuratorate. */
    departmentId: picked('承办部门').optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    const months = monthNumber(v.to) - monthNumber(v.from) + 1;
    if (months < 1) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: '截止月份不能早于起始月份' });
    } else if (months > STATS_MAX_MONTHS) {
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: `统计期间最多${STATS_MAX_MONTHS}个月，请缩短期间`,
      });
    }
  });

export type PetitionStatsInput = z.input<typeof petitionStatsInput>;

/**
 * The figures of one row (or of the whole), over the petitions received in the period.
 *
 * - `proceduralDueCount`: petitions whose 7-day procedural reply has fallen due by now or has been
 *   given (a reply given early counts at once; one still open and not yet due does not count yet).
 *   `proceduralOnTime`: of those, replied on or before its due moment. `proceduralRate` is their
 *   ratio (0…1), null when nothing counts yet.
 * - `resultDueCount` / `resultOnTime` / `resultRate`: the same for the 3-month result, over the
 *   petitions that owe one (a refused, transferred or withdrawn petition owes none).
 * - `overdueNow`: of these petitions, those with a staff deadline past now.
 */
export interface PetitionStatsFigures {
  received: number;
  proceduralDueCount: number;
  proceduralOnTime: number;
  proceduralRate: number | null;
  resultDueCount: number;
  resultOnTime: number;
  resultRate: number | null;
  overdueNow: number;
}

export interface PetitionStatsKindRow extends PetitionStatsFigures {
  kind: PetitionKind;
  kindName: string;
}

export interface PetitionStatsMonthRow extends PetitionStatsFigures {
  /** `YYYY-MM`. */
  month: string;
}

export interface PetitionStatsDepartmentRow extends PetitionStatsFigures {
  /** Null for petitions with no department yet. */
  departmentId: string | null;
  departmentName: string;
}

/** The figures published nationally, shown beside the procuratorate's own. */
export interface PetitionStatsNational {
  year: number;
  received: number;
  proceduralRate: number;
  resultRate: number;
  source: string;
}

/** SPP, 2023 (DOMAIN.md "Time limits"). */
export const NATIONAL_PETITION_FIGURES: PetitionStatsNational = {
  year: 2023,
  received: 886_000,
  proceduralRate: 0.998,
  resultRate: 0.973,
  source:
    '最高人民检察院公布的2023年全国检察机关信访工作情况：全年收到群众信访88.6万件，7日内程序性回复率99.8%，3个月内办理过程或结果答复率97.3%',
};

export interface PetitionStats {
  procuratorateId: string;
  procuratorateName: string;
  /** The department asked for, or null for the whole procuratorate. */
  departmentId: string | null;
  departmentName: string | null;
  from: string;
  to: string;
  /** When the figures were computed (ISO 8601): rates and overdue counts move with time. */
  asOf: string;
  /**
   * The period's figures; `overdueNow` here counts every petition of the scope overdue now,
   * whenever received, and `overdueInPeriod` those of them received in the period.
   */
  totals: PetitionStatsFigures & { overdueInPeriod: number };
  /** Kinds with petitions in the period, in the order of PETITION_KINDS. */
  byKind: PetitionStatsKindRow[];
  /** Every month of the period, oldest first, zeros included. */
  byMonth: PetitionStatsMonthRow[];
  /** Departments with petitions in the period (no department last). */
  byDepartment: PetitionStatsDepartmentRow[];
  /** The caller's procuratorate's departments, for the picker. */
  departments: { id: string; name: string }[];
  national: PetitionStatsNational;
}
