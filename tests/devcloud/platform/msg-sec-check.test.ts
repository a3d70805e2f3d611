// cloud.openapi.security.msgSecCheck (v2) through the real wx-server-sdk and the cloudbase hook.
//
// Expectations come from msgSecCheck's documentation,
// https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/sec-center/sec-check/msgSecCheck.html
// (also https://developers.weixin.qq.com/minigame/dev/api-backend/open-api/sec-check/security.msgSecCheck.html):
// params version=2, openid, scene (1 资料 2 评论 3 论坛 4 社交日志), content "文本字数的上限为 2500 字";
// answer trace_id, result {suggest, label}, detail; errcodes 40003 openid 无效, 40129 场景值错误,
// 44002 传递的参数为空, 47001 传递的参数格式不对. errcode is 0 whatever the verdict (a real answer:
// https://developers.weixin.qq.com/community/personal/oCJUswyegqIQs_KsfE4VW-NBnCiM/question).
// v1: https://developers.weixin.qq.com/miniprogram/en/security/content/security.msgSecCheck-v1.html (87014).

import { type Harness, OPENID, rejection, startHarness } from './harness';

describe('security.msgSecCheck', () => {
  let h: Harness;
  const check = (data: Record<string, unknown>) => h.cloud.openapi.security.msgSecCheck(data);

  beforeEach(() => {
    h = startHarness({ memory: true });
  });
  afterEach(() => h.close());

  it('passes ordinary content (answer converted to camelCase by the SDK)', async () => {
    const res = await check({
      version: 2,
      openid: OPENID,
      scene: 2,
      content: '请问办理国家司法救助需要准备哪些材料？',
    });
    expect(res).toEqual({
      detail: [
        { strategy: 'content_model', errcode: 0, suggest: 'pass', label: 100, prob: 0 },
        { strategy: 'keyword', errcode: 0 },
      ],
      traceId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/),
      result: { suggest: 'pass', label: 100 },
      errMsg: 'openapi.security.msgSecCheck:ok',
      errCode: 0,
    });
  });

  it('flags content for review with the word list label', async () => {
    const res = (await check({
      version: 2,
      openid: OPENID,
      scene: 3,
      content: '关于上访群体的反映',
    })) as Record<string, unknown>;
    expect(res.errCode).toBe(0);
    expect(res.result).toEqual({ suggest: 'review', label: 20001 });
    expect(res.detail).toContainEqual({
      strategy: 'keyword',
      errcode: 0,
      suggest: 'review',
      label: 20001,
      level: 60,
      keyword: '上访群体',
    });
  });

  it('answers risky (errcode still 0), risky winning over review', async () => {
    const res = (await check({
      version: 2,
      openid: OPENID,
      scene: 2,
      content: '上访群体注意：加微信刷单，日赚三百',
    })) as Record<string, unknown>;
    expect(res.errCode).toBe(0);
    expect(res.result).toEqual({ suggest: 'risky', label: 20008 });
    const keywords = (res.detail as { keyword?: string }[]).map((d) => d.keyword).filter(Boolean);
    expect(keywords).toEqual(['加微信刷单', '上访群体']);
  });

  it('checks title and nickname, and signature only in scene 1', async () => {
    const byTitle = (await check({
      version: 2,
      openid: OPENID,
      scene: 3,
      title: '代开发票',
      content: '正文',
    })) as { result: unknown };
    expect(byTitle.result).toEqual({ suggest: 'risky', label: 20006 });
    const signatureScene2 = (await check({
      version: 2,
      openid: OPENID,
      scene: 2,
      content: '正文',
      signature: '去死',
    })) as { result: unknown };
    expect(signatureScene2.result).toEqual({ suggest: 'pass', label: 100 });
    const signatureScene1 = (await check({
      version: 2,
      openid: OPENID,
      scene: 1,
      content: '正文',
      signature: '去死',
    })) as { result: unknown };
    expect(signatureScene1.result).toEqual({ suggest: 'risky', label: 20003 });
  });

  it.each([
    ['no openid', { version: 2, scene: 2, content: '你好' }, 40003, 'invalid openid'],
    [
      'a malformed openid',
      { version: 2, openid: 'abc', scene: 2, content: '你好' },
      40003,
      'invalid openid',
    ],
    ['scene 5', { version: 2, openid: OPENID, scene: 5, content: '你好' }, 40129, 'invalid scene'],
    ['no scene', { version: 2, openid: OPENID, content: '你好' }, 40129, 'invalid scene'],
    [
      'empty content',
      { version: 2, openid: OPENID, scene: 2, content: '' },
      44002,
      'empty post data',
    ],
    [
      'content over 2500 characters',
      { version: 2, openid: OPENID, scene: 2, content: '字'.repeat(2501) },
      47001,
      'data format error',
    ],
  ])('fails with %s', async (_case, data, errCode, errmsg) => {
    const err = await rejection(check(data));
    expect(err.errCode).toBe(errCode);
    expect(String(err.errMsg)).toMatch(
      new RegExp(`^openapi\\.security\\.msgSecCheck:fail ${errmsg} rid: `),
    );
  });

  it('accepts exactly 2500 characters', async () => {
    const res = (await check({
      version: 2,
      openid: OPENID,
      scene: 2,
      content: '字'.repeat(2500),
    })) as Record<string, unknown>;
    expect(res.errCode).toBe(0);
  });

  it('answers 87014 for risky content in v1 (no version)', async () => {
    const err = await rejection(check({ content: '代开发票，量大从优' }));
    expect(err.errCode).toBe(87014);
    await expect(check({ content: '你好' })).resolves.toMatchObject({ errCode: 0 });
  });

  it('answers -604101 without the permission', async () => {
    h.caller.fn = 'petition';
    const err = await rejection(check({ version: 2, openid: OPENID, scene: 2, content: '你好' }));
    expect(err.errCode).toBe(-604101);
  });
});
