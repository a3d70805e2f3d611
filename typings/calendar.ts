// The working-day calendar's administration: public holidays and adjusted working days (调休) per
// year, as the State Council's notice sets them; kept by the administrators of the Supreme
// People's Procuratorate because every procuratorate counts working days by it.
import { z } from 'zod';
import { action, output } from './contract';
import { oneOf, text } from './fields';

export const CALENDAR_STATUSES = ['official', 'provisional'] as const;
export const CALENDAR_STATUS_NAMES: Record<(typeof CALENDAR_STATUSES)[number], string> = {
  official: '已按国务院通知确定',
  provisional: '暂按法定节日，待通知发布',
};
export const CALENDAR_LIMITS = { yearMin: 2020, yearMax: 2100, daysMax: 60 } as const;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function days(label: string) {
  return z
    .array(
      z.string({ error: `${label}格式不正确` }).regex(DAY, `${label}应为YYYY-MM-DD格式的日期`),
      {
        error: `${label}格式不正确`,
      },
    )
    .max(CALENDAR_LIMITS.daysMax, `${label}最多${CALENDAR_LIMITS.daysMax}天`);
}

export const calendarSetInput = z
  .object({
    year: z
      .number({ error: '请选择年份' })
      .int('年份格式不正确')
      .min(
        CALENDAR_LIMITS.yearMin,
        `年份应在${CALENDAR_LIMITS.yearMin}至${CALENDAR_LIMITS.yearMax}之间`,
      )
      .max(
        CALENDAR_LIMITS.yearMax,
        `年份应在${CALENDAR_LIMITS.yearMin}至${CALENDAR_LIMITS.yearMax}之间`,
      ),
    holidays: days('放假日期'),
    workdays: days('调休上班日期'),
    status: oneOf('日历状态', CALENDAR_STATUSES),
    source: text('依据', { min: 4, max: 200 }),
  })
  .strict();

export interface CalendarYearView {
  year: number;
  holidays: string[];
  workdays: string[];
  status: (typeof CALENDAR_STATUSES)[number];
  statusName: string;
  source: string;
  updatedAt: string | null;
  updatedByName: string | null;
}

export interface CalendarView {
  years: CalendarYearView[];
  /** Whether the caller may change it (an administrator of the Supreme People's Procuratorate). */
  editable: boolean;
  /** Open petitions' due dates recomputed after the last change: done, or how far. */
  recompute: { done: boolean; updated: number; checked: number } | null;
}

export const calendarActions = {
  'calendar.get': action({
    summary:
      'Staff: the working-day calendar by year (holidays, adjusted working days, status, source)',
    input: z.object({}).strict(),
    output: output<CalendarView>(),
    audience: ['registrar', 'handler', 'leader', 'admin'],
    errors: ['UNAUTHENTICATED', 'FORBIDDEN'],
  }),
  'calendar.set': action({
    summary:
      "An administrator of the Supreme People's Procuratorate sets one year's calendar (audited); open petitions' due dates are recomputed in pages",
    input: calendarSetInput,
    output: output<CalendarView>(),
    audience: ['admin'],
    errors: ['BAD_REQUEST', 'UNAUTHENTICATED', 'FORBIDDEN'],
  }),
} as const;
