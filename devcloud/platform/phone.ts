// phonenumber.getPhoneNumber and the codes devcloud's phone button issues.
//
// WeChat: https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/user-info/phone-number/getPhoneNumber.html
// — "每个 code 只能使用一次，code 的有效期为 5min"; answer `phone_info { phoneNumber (with the area
// code for foreign numbers), purePhoneNumber, countryCode (string), watermark { timestamp, appid } }`;
// errcode 40029 for an invalid code.

import type Database from 'better-sqlite3';
import { token } from './ids';
import type { PlatformCaller } from './protocol';
import { type WechatJson, fail, ok } from './wechat';

export const PHONE_CODE_TTL_MS = 5 * 60 * 1000;

interface PhoneCodeRow {
  code: string;
  openid: string;
  phone: string;
  country_code: string;
  issued_at: number;
  used_at: number | null;
}

export interface PhoneOptions {
  db: Database.Database;
  now: () => Date;
}

export class PhoneService {
  constructor(private readonly opts: PhoneOptions) {}

  /**
   * What `<button open-type="getPhoneNumber">` gives the page in devcloud: a code for this user's
   * phone. `phone` is the number without the area code (e.g. `13800138000`).
   */
  issueCode(openid: string, phone: string, countryCode = '86'): string {
    const pure = phone.replace(/[\s-]/g, '');
    if (!/^\d{5,15}$/.test(pure)) throw new Error(`issuePhoneCode: not a phone number: ${phone}`);
    if (!/^\d{1,4}$/.test(countryCode)) {
      throw new Error(`issuePhoneCode: not a country code: ${countryCode}`);
    }
    const code = token(32);
    this.opts.db
      .prepare(
        'INSERT INTO phone_code (code, openid, phone, country_code, issued_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(code, openid, pure, countryCode, this.opts.now().getTime());
    return code;
  }

  getPhoneNumber(params: Record<string, unknown>, caller: PlatformCaller): WechatJson {
    const now = this.opts.now();
    const { code } = params;
    if (typeof code !== 'string' || code === '') return fail(40029, 'invalid code', now);
    const db = this.opts.db;
    const redeemed = db.transaction((): PhoneCodeRow | null => {
      const row = db
        .prepare<[string], PhoneCodeRow>('SELECT * FROM phone_code WHERE code = ?')
        .get(code);
      if (!row || row.used_at !== null) return null;
      if (now.getTime() - row.issued_at > PHONE_CODE_TTL_MS) return null;
      db.prepare('UPDATE phone_code SET used_at = ? WHERE code = ?').run(now.getTime(), code);
      return row;
    })();
    if (!redeemed) return fail(40029, 'invalid code', now);
    const { phone, country_code: countryCode, issued_at: issuedAt } = redeemed;
    return ok({
      phone_info: {
        phoneNumber: countryCode === '86' ? phone : `+${countryCode} ${phone}`,
        purePhoneNumber: phone,
        countryCode,
        watermark: { timestamp: Math.floor(issuedAt / 1000), appid: caller.appid },
      },
    });
  }
}
