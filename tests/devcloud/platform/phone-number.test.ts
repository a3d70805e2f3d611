// cloud.openapi.phonenumber.getPhoneNumber through the real wx-server-sdk and the cloudbase hook.
//
// Expectations come from getPhoneNumber's documentation,
// https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/user-info/phone-number/getPhoneNumber.html
// (also https://developers.weixin.qq.com/minigame/dev/api-backend/open-api/phonenumber/phonenumber.getPhoneNumber.html):
// "每个 code 只能使用一次，code 的有效期为 5min"; phone_info { phoneNumber (国外手机号会有区号),
// purePhoneNumber, countryCode (string), watermark { timestamp, appid } }; errcode 40029 code 无效.

import { APPID, type Harness, OPENID, rejection, startHarness } from './harness';

describe('phonenumber.getPhoneNumber', () => {
  let h: Harness;
  const getPhoneNumber = (data: Record<string, unknown>) =>
    h.cloud.openapi.phonenumber.getPhoneNumber(data);

  beforeEach(() => {
    h = startHarness();
  });
  afterEach(() => h.close());

  it('exchanges a code issued by the phone button for the number, once', async () => {
    const issuedAt = h.clock.now();
    const code = h.platform.issuePhoneCode(OPENID, '13800138000');
    expect(code).toMatch(/^[0-9a-f]{64}$/);
    h.clock.advance(60_000);

    const res = await getPhoneNumber({ code });
    expect(res).toEqual({
      phoneInfo: {
        phoneNumber: '13800138000',
        purePhoneNumber: '13800138000',
        countryCode: '86',
        watermark: { timestamp: Math.floor(issuedAt.getTime() / 1000), appid: APPID },
      },
      errMsg: 'openapi.phonenumber.getPhoneNumber:ok',
      errCode: 0,
    });

    const again = await rejection(getPhoneNumber({ code }));
    expect(again.errCode).toBe(40029);
    expect(again.errMsg).toMatch(/^openapi\.phonenumber\.getPhoneNumber:fail invalid code rid: /);
  });

  it('keeps the area code in phoneNumber for a foreign number', async () => {
    const code = h.platform.issuePhoneCode(OPENID, '91234567', '852');
    const res = (await getPhoneNumber({ code })) as { phoneInfo: Record<string, unknown> };
    expect(res.phoneInfo).toMatchObject({
      phoneNumber: '+852 91234567',
      purePhoneNumber: '91234567',
      countryCode: '852',
    });
  });

  it('answers 40029 after 5 minutes', async () => {
    const code = h.platform.issuePhoneCode(OPENID, '13800138000');
    h.clock.advance(5 * 60_000 + 1);
    const err = await rejection(getPhoneNumber({ code }));
    expect(err.errCode).toBe(40029);
  });

  it('is still valid at exactly 5 minutes', async () => {
    const code = h.platform.issuePhoneCode(OPENID, '13800138000');
    h.clock.advance(5 * 60_000);
    await expect(getPhoneNumber({ code })).resolves.toMatchObject({ errCode: 0 });
  });

  it.each([
    ['an unknown code', { code: 'f'.repeat(64) }],
    ['an empty code', { code: '' }],
    ['no code', {}],
  ])('answers 40029 for %s', async (_case, data) => {
    const err = await rejection(getPhoneNumber(data));
    expect(err.errCode).toBe(40029);
  });

  it('answers -604101 when config.json does not list phonenumber.getPhoneNumber', async () => {
    const code = h.platform.issuePhoneCode(OPENID, '13800138000');
    h.caller.fn = 'profile';
    const err = await rejection(getPhoneNumber({ code }));
    expect(err.errCode).toBe(-604101);
    // The refused call did not use the code up.
    h.caller.fn = 'notify';
    await expect(getPhoneNumber({ code })).resolves.toMatchObject({ errCode: 0 });
  });

  it('refuses to issue a code for something that is not a phone number', () => {
    expect(() => h.platform.issuePhoneCode(OPENID, 'call me')).toThrow(/not a phone number/);
  });
});
