// Moments as pages show them: always China time (UTC+8), whatever the phone's own time zone.

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

const pad = (n: number) => (n < 10 ? `0${n}` : `${n}`);

/** `2024-03-05 09:30` for an ISO time; '' when it cannot be read. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  const d = new Date(ms + CHINA_OFFSET_MS);
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
  );
}
