// CloudBase timer triggers: 7-field cron (second minute hour day month weekday year), in UTC+8.
// https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/guide/functions/triggers.md

const FIELDS = [
  { name: 'second', min: 0, max: 59 },
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12 },
  { name: 'weekday', min: 0, max: 6 },
  { name: 'year', min: 1970, max: 2199 },
] as const;

const NAMES: Record<string, number> = {
  SUN: 0,
  MON: 1,
  TUE: 2,
  WED: 3,
  THU: 4,
  FRI: 5,
  SAT: 6,
  JAN: 1,
  FEB: 2,
  MAR: 3,
  APR: 4,
  MAY: 5,
  JUN: 6,
  JUL: 7,
  AUG: 8,
  SEP: 9,
  OCT: 10,
  NOV: 11,
  DEC: 12,
};

export interface Cron {
  fields: Set<number>[];
  /** Whether day and weekday were both restricted: then either may match (they are OR-ed). */
  dayOrWeekday: boolean;
  source: string;
}

function value(text: string, field: (typeof FIELDS)[number], spec: string): number {
  const n = NAMES[text.toUpperCase()] ?? Number(text);
  if (!Number.isInteger(n) || n < field.min || n > field.max) {
    throw new Error(
      `cron "${spec}": ${field.name} value ${text} is out of ${field.min}-${field.max}`,
    );
  }
  return n;
}

export function parseCron(spec: string): Cron {
  const parts = spec.trim().split(/\s+/);
  if (parts.length !== 7) throw new Error(`cron "${spec}" must have 7 fields (second to year)`);
  const fields = parts.map((part, i) => {
    const field = FIELDS[i];
    const set = new Set<number>();
    for (const item of part.split(',')) {
      const [range, stepText] = item.split('/');
      const step = stepText === undefined ? 1 : Number(stepText);
      if (!Number.isInteger(step) || step < 1)
        throw new Error(`cron "${spec}": bad step in ${item}`);
      let from: number;
      let to: number;
      if (range === '*' || range === '?') [from, to] = [field.min, field.max];
      else if (range.includes('-')) {
        const [a, b] = range.split('-');
        [from, to] = [value(a, field, spec), value(b, field, spec)];
      } else {
        from = value(range, field, spec);
        to = stepText === undefined ? from : field.max;
      }
      for (let n = from; n <= to; n += step) set.add(n);
    }
    return set;
  });
  const restricted = (i: number) => !['*', '?'].includes(parts[i]);
  return { fields, dayOrWeekday: restricted(3) && restricted(5), source: spec };
}

/** Whether the cron fires in the second that contains `at` (UTC+8 wall clock). */
export function cronMatches(cron: Cron, at: Date): boolean {
  const t = new Date(at.getTime() + 8 * 3600_000);
  const [s, mi, h, d, mo, wd, y] = cron.fields;
  const dayOk = d.has(t.getUTCDate());
  const weekdayOk = wd.has(t.getUTCDay());
  return (
    s.has(t.getUTCSeconds()) &&
    mi.has(t.getUTCMinutes()) &&
    h.has(t.getUTCHours()) &&
    mo.has(t.getUTCMonth() + 1) &&
    y.has(t.getUTCFullYear()) &&
    (cron.dayOrWeekday ? dayOk || weekdayOk : dayOk && weekdayOk)
  );
}
