// Timer trigger cron: 7 fields (second … year), UTC+8, day and weekday OR-ed when both are set.
// https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/guide/functions/triggers.md
import { cronMatches, parseCron } from '../../devcloud/runtime/cron';

/** A moment given as Beijing wall-clock time. */
const beijing = (iso: string) => new Date(`${iso}+08:00`);

test.each([
  ['0 */5 * * * * *', '2026-11-29T10:05:00', true],
  ['0 */5 * * * * *', '2026-11-29T10:06:00', false],
  ['0 */5 * * * * *', '2026-11-29T10:05:01', false],
  ['0 0 2 1 * * *', '2026-12-01T02:00:00', true],
  ['0 0 2 1 * * *', '2026-12-01T10:00:00', false],
  ['0 30 9 * * MON-FRI *', '2026-11-30T09:30:00', true],
  ['0 30 9 * * MON-FRI *', '2026-11-29T09:30:00', false],
  ['0 0 8 1 * 0 *', '2026-11-29T08:00:00', true],
  ['0 0 8 1,15 * * 2026', '2026-12-15T08:00:00', true],
  ['0 0 8 1,15 * * 2027', '2026-12-15T08:00:00', false],
])('cron %s at %s (Beijing) fires: %s', (spec, at, expected) => {
  expect(cronMatches(parseCron(spec), beijing(at))).toBe(expected);
});

test.each(['* * * * *', '61 * * * * * *', '0 0 25 * * * *', '0 0 0 0 * * *', '0 */0 * * * * *'])(
  'cron %s is refused',
  (spec) => {
    expect(() => parseCron(spec)).toThrow();
  },
);
