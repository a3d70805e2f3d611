// The working-day calendar: weekends, public holidays and adjusted working days (调休), kept as
// data per year because the State Council sets them anew every year. Days are `YYYY-MM-DD` in
// Asia/Shanghai. A day of a year the calendar does not hold counts by weekday alone, and the
// calendar says so (`covers`), so a page can warn that a date may move.
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import { inChina } from '../time';

dayjs.extend(utc);

export interface YearCalendar {
  year: number;
  /** Days off that would otherwise be working days (法定节假日 and 调休 days off). */
  holidays: string[];
  /** Weekend days that are working days (调休上班). */
  workdays: string[];
  /** `official`: the State Council's notice; `provisional`: statutory days only, until it is out. */
  status: 'official' | 'provisional';
  /** Where the dates come from. */
  source: string;
}

/** The day (in China) a moment falls on. */
export function dayOf(d: Date): string {
  return inChina(d).format('YYYY-MM-DD');
}

export function addDays(day: string, n: number): string {
  return dayjs.utc(day).add(n, 'day').format('YYYY-MM-DD');
}

/** The same day of the month `n` months later, or the month's last day when it has none (1-31 → 2-28). */
export function addMonths(day: string, n: number): string {
  return dayjs.utc(day).add(n, 'month').format('YYYY-MM-DD');
}

/** The last moment of `day` in China (23:59:59.999 UTC+8). */
export function endOfDay(day: string): Date {
  return new Date(dayjs.utc(day).valueOf() + 24 * 3600_000 - 8 * 3600_000 - 1);
}

export class WorkCalendar {
  private readonly holidays = new Set<string>();
  private readonly workdays = new Set<string>();
  private readonly years = new Map<number, YearCalendar>();

  constructor(years: readonly YearCalendar[]) {
    for (const y of years) {
      this.years.set(y.year, y);
      for (const d of y.holidays) this.holidays.add(d);
      for (const d of y.workdays) this.workdays.add(d);
    }
  }

  /** Whether the calendar holds the year of `day` (otherwise only weekends count). */
  covers(day: string): boolean {
    return this.years.has(Number(day.slice(0, 4)));
  }

  yearOf(day: string): YearCalendar | undefined {
    return this.years.get(Number(day.slice(0, 4)));
  }

  isWorkingDay(day: string): boolean {
    if (this.holidays.has(day)) return false;
    if (this.workdays.has(day)) return true;
    const weekday = dayjs.utc(day).day();
    return weekday !== 0 && weekday !== 6;
  }

  /** `day` itself when it is a working day, else the first working day after it. */
  nextWorkingDay(day: string): string {
    let d = day;
    // A year has at most a few weeks off in a row; 60 bounds any calendar data.
    for (let i = 0; i < 60 && !this.isWorkingDay(d); i++) d = addDays(d, 1);
    return d;
  }

  /** The `n`th working day after `day` (not counting `day`). */
  addWorkingDays(day: string, n: number): string {
    let d = day;
    for (let left = n; left > 0;) {
      d = addDays(d, 1);
      if (this.isWorkingDay(d)) left--;
    }
    return d;
  }
}
