// cloud.openapi.subscribeMessage.send through the real wx-server-sdk and the cloudbase hook.
//
// Expectations come from subscribeMessage.send's documentation,
// https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html
// (also https://developers.weixin.qq.com/minigame/dev/api-backend/open-api/subscribe-message/subscribeMessage.send.html):
// "40003 touser 字段 openid 为空或者不正确; 40037 订阅模板 id 为空不正确; 43101 用户拒绝接受消息;
// 47003 模板参数不准确，可能为空或者不满足规则，errmsg 会提示具体是哪个字段出错; 41030 page 路径不正确",
// with errmsg text as WeChat writes it (`argument invalid! data.phrase16.value invalid rid: …`,
// https://developers.weixin.qq.com/community/develop/doc/000080640a07807e34a2f54c861000).

import { type Harness, OPENID, OTHER_OPENID, rejection, startHarness, templates } from './harness';

const progress = templates.petitionProgress;
const validData = {
  character_string1: { value: 'XF2025-000123' },
  phrase2: { value: '已受理' },
  time3: { value: '2025年3月1日 09:30' },
  thing4: { value: '请留意后续办理进度' },
};

describe('subscribeMessage.send', () => {
  let h: Harness;
  const send = (data: Record<string, unknown>) => h.cloud.openapi.subscribeMessage.send(data);

  beforeEach(() => {
    h = startHarness();
  });
  afterEach(() => h.close());

  // subscribe-message-overview: a one-time template allows one message per accept
  // (https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/subscribe-message-overview.html).
  it('sends once per accept and records the message, then answers 43101', async () => {
    h.platform.grantSubscription(OPENID, { [progress.id]: 'accept' });
    expect(h.platform.quota(OPENID, progress.id)).toBe(1);

    const res = await send({
      touser: OPENID,
      templateId: progress.id,
      page: 'pages/petition/detail?id=p1',
      miniprogramState: 'developer',
      lang: 'zh_CN',
      data: validData,
    });
    expect(res).toEqual({ errMsg: 'openapi.subscribeMessage.send:ok', errCode: 0 });
    expect(h.platform.quota(OPENID, progress.id)).toBe(0);
    expect(h.platform.messages({ touser: OPENID })).toEqual([
      {
        id: 1,
        touser: OPENID,
        templateId: progress.id,
        templateKey: 'petitionProgress',
        page: 'pages/petition/detail?id=p1',
        data: validData,
        miniprogramState: 'developer',
        lang: 'zh_CN',
        fn: 'notify',
        sentAt: h.clock.now().toISOString(),
      },
    ]);

    const err = await rejection(send({ touser: OPENID, templateId: progress.id, data: validData }));
    expect(err.errCode).toBe(43101);
    expect(err.errMsg).toMatch(
      /^openapi\.subscribeMessage\.send:fail user refuse to accept the msg rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/,
    );
    expect(h.platform.messages()).toHaveLength(1);
  });

  it('answers 43101 when the user never accepted, or only rejected, the template', async () => {
    h.platform.grantSubscription(OPENID, { [progress.id]: 'reject' });
    const err = await rejection(send({ touser: OPENID, templateId: progress.id, data: validData }));
    expect(err.errCode).toBe(43101);
  });

  it('counts quotas per user and per template, accumulating accepts', async () => {
    const appointment = templates.appointmentResult;
    h.platform.grantSubscription(OPENID, { [progress.id]: 'accept', [appointment.id]: 'ban' });
    h.platform.grantSubscription(OPENID, { [progress.id]: 'acceptWithAudio' });
    expect(h.platform.quota(OPENID, progress.id)).toBe(2);
    expect(h.platform.quota(OPENID, appointment.id)).toBe(0);
    expect(h.platform.quota(OTHER_OPENID, progress.id)).toBe(0);
    const err = await rejection(
      send({ touser: OTHER_OPENID, templateId: progress.id, data: validData }),
    );
    expect(err.errCode).toBe(43101);
    await send({ touser: OPENID, templateId: progress.id, data: validData });
    await send({ touser: OPENID, templateId: progress.id, data: validData });
    expect(h.platform.messages({ touser: OPENID, templateId: progress.id })).toHaveLength(2);
  });

  it('refuses a grant for a template id that is not in the registry', () => {
    expect(() => h.platform.grantSubscription(OPENID, { nope: 'accept' })).toThrow(
      /unknown template id nope/,
    );
  });

  it('answers 40037 for an unknown template id', async () => {
    h.platform.grantSubscription(OPENID, { [progress.id]: 'accept' });
    const err = await rejection(
      send({ touser: OPENID, templateId: 'x'.repeat(43), data: validData }),
    );
    expect(err.errCode).toBe(40037);
    expect(err.errMsg).toMatch(/^openapi\.subscribeMessage\.send:fail invalid template_id rid: /);
    expect(h.platform.quota(OPENID, progress.id)).toBe(1);
  });

  it.each([
    ['empty', ''],
    ['not an openid', 'user-1'],
    ['missing', undefined],
  ])('answers 40003 when touser is %s', async (_case, touser) => {
    const err = await rejection(send({ touser, templateId: progress.id, data: validData }));
    expect(err.errCode).toBe(40003);
    expect(err.errMsg).toMatch(/^openapi\.subscribeMessage\.send:fail invalid openid rid: /);
  });

  it.each([
    [
      'a value breaking its type (Chinese in character_string)',
      { ...validData, character_string1: { value: '信访2025-1' } },
      'argument invalid! data.character_string1.value invalid',
    ],
    [
      'a phrase longer than 5 characters',
      { ...validData, phrase2: { value: '已经受理完毕了' } },
      'argument invalid! data.phrase2.value invalid',
    ],
    [
      'a thing longer than 20 characters',
      { ...validData, thing4: { value: '请'.repeat(21) } },
      'argument invalid! data.thing4.value invalid',
    ],
    [
      'an empty value',
      { ...validData, time3: { value: '' } },
      'argument invalid! data.time3.value is empty',
    ],
    [
      'a missing field',
      { character_string1: validData.character_string1, phrase2: validData.phrase2 },
      'argument invalid! data.time3.value is empty',
    ],
    [
      'a key that is not in the template',
      { ...validData, thing9: { value: '多余' } },
      'argument invalid! data.thing9 invalid',
    ],
  ])('answers 47003 naming the field for %s', async (_case, data, errmsg) => {
    h.platform.grantSubscription(OPENID, { [progress.id]: 'accept' });
    const err = await rejection(send({ touser: OPENID, templateId: progress.id, data }));
    expect(err.errCode).toBe(47003);
    expect(String(err.errMsg)).toContain(`openapi.subscribeMessage.send:fail ${errmsg} rid: `);
    // A refused message consumes nothing.
    expect(h.platform.quota(OPENID, progress.id)).toBe(1);
    expect(h.platform.messages()).toEqual([]);
  });

  // Cloud call permissions: the function's config.json must list the api, else -604101
  // (https://developers.weixin.qq.com/miniprogram/dev/wxcloud/guide/openapi/openapi.html).
  it('answers -604101 when the calling function lacks the permission', async () => {
    h.platform.grantSubscription(OPENID, { [progress.id]: 'accept' });
    h.caller.fn = 'petition';
    const err = await rejection(send({ touser: OPENID, templateId: progress.id, data: validData }));
    expect(err.errCode).toBe(-604101);
    expect(err.errMsg).toBe('system error: error code: -604101');
    expect(String(err.message)).toContain('function has no permission to call this API');
    expect(h.platform.quota(OPENID, progress.id)).toBe(1);
  });

  it('answers 47003 for an unknown miniprogramState', async () => {
    h.platform.grantSubscription(OPENID, { [progress.id]: 'accept' });
    const err = await rejection(
      send({ touser: OPENID, templateId: progress.id, data: validData, miniprogramState: 'beta' }),
    );
    expect(err.errCode).toBe(47003);
  });
});

describe('subscribeMessage.send with the app pages known', () => {
  // 41030: "page 路径不正确，需要保证在现网版本小程序中存在，与 app.json 保持一致" (sendMessage doc).
  it('answers 41030 for a page that is not in app.json', async () => {
    const h = startHarness({ pages: ['pages/index/index', 'pages/petition/detail'] });
    try {
      h.platform.grantSubscription(OPENID, { [progress.id]: 'accept' });
      const err = await rejection(
        h.cloud.openapi.subscribeMessage.send({
          touser: OPENID,
          templateId: progress.id,
          page: 'pages/nowhere/index',
          data: validData,
        }),
      );
      expect(err.errCode).toBe(41030);
      await h.cloud.openapi.subscribeMessage.send({
        touser: OPENID,
        templateId: progress.id,
        page: '/pages/petition/detail?id=1',
        data: validData,
      });
      expect(h.platform.messages()).toHaveLength(1);
    } finally {
      h.close();
    }
  });
});
