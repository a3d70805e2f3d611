// The deadline engine with fixed clocks: holidays and adjusted working days of 2026, month ends,
// working-day rules, and each deadline's state as a petition moves.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addMonths, dayOf, WorkCalendar, type YearCalendar } from '../../domain/deadlines/calendar';
import {
  DEFAULT_RULES,
  deadlinesOf,
  dueAfter,
  nextStaffDeadline,
  type Deadline,
} from '../../domain/deadlines/engine';
import { transition, type Petition } from '../../domain/petition/machine';
import { buildPetition, DAY, HOUR, sampleEvent } from './petition-builders';

const years = JSON.parse(
  readFileSync(join(__dirname, '..', '..', 'database', 'seed', 'calendar.json'), 'utf8'),
) as YearCalendar[];
const cal = new WorkCalendar(years);

/** A moment in China: `2026-09-24 10:00` → that instant. */
const cn = (s: string) => new Date(`${s.replace(' ', 'T')}:00+08:00`);
/** The China day and time a due moment ends at. */
const shown = (d: Date) =>
  `${dayOf(d)} ${new Date(d.getTime() + 8 * HOUR).toISOString().slice(11, 19)}`;

describe('the 2026 calendar', () => {
  test.each([
    ['2026-10-01', false, 'National Day'],
    ['2026-10-08', true, 'a Thursday after the holiday'],
    ['2026-10-10', true, 'a Saturday worked in exchange (调休)'],
    ['2026-02-14', true, 'the Saturday before the Spring Festival, worked'],
    ['2026-02-23', false, 'the last day of the Spring Festival, a Monday'],
    ['2026-12-05', false, 'an ordinary Saturday'],
    ['2026-12-07', true, 'an ordinary Monday'],
  ])('%s is a working day: %s (%s)', (day, working) => {
    expect(cal.isWorkingDay(day)).toBe(working);
  });

  test('2026 is official, 2027 provisional (statutory days until the notice), 2028 not held', () => {
    expect(cal.yearOf('2026-01-01')?.status).toBe('official');
    expect(cal.yearOf('2027-01-01')?.status).toBe('provisional');
    expect(cal.covers('2028-01-03')).toBe(false);
  });
});

describe('counting a period', () => {
  const rules = DEFAULT_RULES;
  test.each([
    // 7 calendar days from a receipt the day before the National Day: the 7th day (10-01) is a
    // holiday, and so is the week after; the period ends on the first working day, 10-08.
    ['2026-09-24 10:00', { amount: 7, unit: 'calendar_days' }, '2026-10-08 23:59:59'],
    // The 7th day is a Sunday: moved to Monday.
    ['2026-11-29 09:00', { amount: 7, unit: 'calendar_days' }, '2026-12-07 23:59:59'],
    // The day of receipt does not count, late at night or not.
    ['2026-11-30 23:30', { amount: 7, unit: 'calendar_days' }, '2026-12-07 23:59:59'],
    // Month ends: 3 months from 11-30 is 02-28 (2027 has no 02-30), a Sunday → 03-01.
    ['2026-11-30 10:00', { amount: 3, unit: 'months' }, '2027-03-01 23:59:59'],
    // 1 month from 01-31 is 02-28, a Saturday worked in exchange in 2026: it stays.
    ['2026-01-31 10:00', { amount: 1, unit: 'months' }, '2026-02-28 23:59:59'],
    // 5 working days across the Spring Festival: 02-13, 02-14 (worked), then 02-24, 25, 26.
    ['2026-02-12 16:00', { amount: 5, unit: 'working_days' }, '2026-02-26 23:59:59'],
    // 5 working days across the National Day: 10-08, 10-09, 10-10 (worked), 10-12, 10-13.
    ['2026-09-30 16:00', { amount: 5, unit: 'working_days' }, '2026-10-13 23:59:59'],
  ] as const)('from %s, %o ends %s', (from, span, end) => {
    expect(shown(dueAfter(cn(from), span, cal, rules))).toBe(end);
  });

  test('Without moving over rest days, the period ends on its own last day', () => {
    const due = dueAfter(cn('2026-11-29 09:00'), { amount: 7, unit: 'calendar_days' }, cal, {
      ...DEFAULT_RULES,
      extendOverRestDays: false,
    });
    expect(shown(due)).toBe('2026-12-06 23:59:59');
  });

  test('Months clamp to the last day of a shorter month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-08-31', 1)).toBe('2026-09-30');
  });
});

describe('the deadlines of a petition', () => {
  const at = cn('2026-09-24 10:00');
  const byKey = (ds: Deadline[]) => Object.fromEntries(ds.map((d) => [d.key, d]));

  test('When it waits unanswered, the procedural reply goes from on time to due soon to overdue', () => {
    const p = buildPetition('registered', { at });
    const state = (now: string) => byKey(deadlinesOf(p, cn(now), cal)).procedural_reply.state;
    expect(state('2026-09-25 09:00')).toBe('on_time');
    expect(state('2026-10-06 09:00')).toBe('due_soon');
    expect(state('2026-10-08 23:00')).toBe('due_soon');
    expect(state('2026-10-09 00:00')).toBe('overdue');
    expect(shown(byKey(deadlinesOf(p, at, cal)).procedural_reply.due)).toBe('2026-10-08 23:59:59');
    expect(nextStaffDeadline(deadlinesOf(p, at, cal))?.key).toBe('procedural_reply');
  });

  test('When it is accepted, the procedural reply is met and the result (3 months) and handling (60 days) are due', () => {
    const p = buildPetition('accepted', { at });
    const ds = byKey(deadlinesOf(p, cn('2026-09-25 09:00'), cal));
    expect(ds.procedural_reply.state).toBe('met');
    expect(shown(ds.result.due)).toBe('2026-12-24 23:59:59');
    // 60 days from the acceptance (09-24, two hours after receipt) is 11-23, a Monday.
    expect(shown(ds.handling.due)).toBe('2026-11-23 23:59:59');
    expect(nextStaffDeadline(Object.values(ds))?.key).toBe('handling');
  });

  test('When the answer comes late, the deadlines read met late; when in time, met', () => {
    const accepted = buildPetition('procedural_replied', { at });
    const late = new Date(at.getTime() + 70 * DAY);
    const step = transition(accepted, sampleEvent('ANSWER', late), late);
    if (!step.ok) throw new Error(step.message);
    const ds = byKey(deadlinesOf(step.next, late, cal));
    expect(ds.handling.state).toBe('met_late');
    expect(ds.result.state).toBe('met');
    expect(nextStaffDeadline(Object.values(ds))).toBeNull();
  });

  test('When a leader grants a 30-day extension, handling ends 30 days after the original end, moved off rest days; a pending or refused one changes nothing', () => {
    const p = buildPetition('in_progress', { at });
    const asked = new Date(at.getTime() + 40 * DAY);
    const step = (q: Petition, e: Parameters<typeof transition>[1]): Petition => {
      const r = transition(q, e, asked);
      if (!r.ok) throw new Error(r.message);
      return r.next;
    };
    const pending = step(p, { ...sampleEvent('REQUEST_EXTENSION'), days: 30 } as never);
    expect(shown(byKey(deadlinesOf(pending, asked, cal)).handling.due)).toBe('2026-11-23 23:59:59');
    const refused = step(pending, {
      type: 'DECIDE_EXTENSION',
      by: sampleEvent('DECIDE_EXTENSION').by,
      grant: false,
      note: '尚未穷尽办理手段',
    });
    expect(shown(byKey(deadlinesOf(refused, asked, cal)).handling.due)).toBe('2026-11-23 23:59:59');
    const granted = step(pending, sampleEvent('DECIDE_EXTENSION'));
    // 11-23 + 30 days = 12-23, a Wednesday.
    expect(shown(byKey(deadlinesOf(granted, asked, cal)).handling.due)).toBe('2026-12-23 23:59:59');
    // 20 days: 12-13 is a Sunday → Monday 12-14.
    const twenty = step(
      step(p, { ...sampleEvent('REQUEST_EXTENSION'), days: 20 } as never),
      sampleEvent('DECIDE_EXTENSION'),
    );
    expect(shown(byKey(deadlinesOf(twenty, asked, cal)).handling.due)).toBe('2026-12-14 23:59:59');
  });

  test('When it is still unanswered after 3 months, a monthly progress reply falls due', () => {
    const p = buildPetition('procedural_replied', { at });
    const ds = byKey(deadlinesOf(p, cn('2026-12-28 09:00'), cal));
    expect(ds.result.state).toBe('overdue');
    expect(shown(ds.progress.due)).toBe('2027-01-25 23:59:59'); // 01-24 is a Sunday
  });

  test('When it is withdrawn or refused, what was not yet due is dropped, not overdue', () => {
    const withdrawn = buildPetition('withdrawn', { at });
    expect(deadlinesOf(withdrawn, cn('2026-12-28 09:00'), cal)).toEqual([
      expect.objectContaining({ key: 'procedural_reply', state: 'met' }),
    ]);
    const refused = buildPetition('refused', { at });
    const ds = deadlinesOf(refused, cn('2026-12-28 09:00'), cal);
    expect(ds.map((d) => [d.key, d.state])).toEqual([['procedural_reply', 'met']]);
  });

  test('State compensation lists missing materials within 5 days and decides within 2 months of acceptance', () => {
    const p = buildPetition('accepted', { at, kind: 'state_compensation' });
    const ds = byKey(deadlinesOf(p, at, cal));
    expect(ds.compensation_materials.state).toBe('met');
    expect(shown(ds.compensation_decision.due)).toBe('2026-11-24 23:59:59');
    const waiting = byKey(
      deadlinesOf(buildPetition('registered', { at, kind: 'state_compensation' }), at, cal),
    );
    // 09-29 is the 5th day, a Tuesday.
    expect(shown(waiting.compensation_materials.due)).toBe('2026-09-29 23:59:59');
  });

  test('Judicial assistance says what is missing within 5 working days; the petitioner’s materials are due on the date set', () => {
    const p = buildPetition('registered', { at, kind: 'judicial_assistance' });
    const ds = byKey(deadlinesOf(p, at, cal));
    // 09-25 is the Mid-Autumn Festival: 09-28, 09-29, 09-30, then after the National Day 10-08, 10-09.
    expect(shown(ds.assistance_missing.due)).toBe('2026-10-09 23:59:59');
    const asked = buildPetition('materials_requested', { at, kind: 'judicial_assistance' });
    const after = byKey(deadlinesOf(asked, at, cal));
    expect(after.assistance_missing.state).toBe('met');
    expect(after.materials_supply).toMatchObject({ party: 'petitioner', metAt: null });
    // Asking for the materials was the procedural reply; while the petitioner's own deadline
    // runs, the staff have none open.
    expect(after.procedural_reply.state).toBe('met');
    expect(nextStaffDeadline(Object.values(after))).toBeNull();
  });

  test('A due date in a year the calendar does not hold is marked uncertain', () => {
    const p = buildPetition('accepted', { at: cn('2027-10-01 10:00') });
    const ds = byKey(deadlinesOf(p, cn('2027-10-02 10:00'), cal));
    expect(dayOf(ds.result.due)).toBe('2028-01-03'); // 01-01 counted by weekends only → Monday
    expect(ds.result.uncertain).toBe(true);
    expect(ds.handling.uncertain).toBe(false);
  });
});
