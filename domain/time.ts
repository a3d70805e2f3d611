// Time is always Asia/Shanghai (UTC+8), whatever the runtime's zone; `now` is always passed in.
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);

export const CHINA_OFFSET_MINUTES = 480;

export function inChina(d: Date | string | number) {
  return dayjs(d).utc().utcOffset(CHINA_OFFSET_MINUTES);
}

/** `2019年10月1日 15:01`, the form subscription-message `time` fields take. */
export function formatMessageTime(d: Date): string {
  return inChina(d).format('YYYY年M月D日 HH:mm');
}

/** `2024-03-05 09:30`, how pages show a moment. */
export function formatDateTime(d: Date | string): string {
  return inChina(d).format('YYYY-MM-DD HH:mm');
}
