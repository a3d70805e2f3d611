// security.msgSecCheck, answered from the word list.
//
// WeChat (v2): https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/sec-center/sec-check/msgSecCheck.html
// — params version=2, openid, scene 1–4, content ≤2500 characters; errcodes 40003 (openid invalid),
// 40129 (scene invalid), 44002 (empty parameter), 47001 (parameter format wrong); errcode is 0
// whatever the verdict, which is `result.suggest`. The answer's shape (detail entries
// `content_model` with prob, `keyword` with keyword/level, or bare `{strategy:'keyword', errcode:0}`
// without a hit) follows a real answer quoted in
// https://developers.weixin.qq.com/community/personal/oCJUswyegqIQs_KsfE4VW-NBnCiM/question.
// v1 (no version): only content; risky content answers errcode 87014.

import { wechatRequestId } from './ids';
import { type WechatJson, fail, ok } from './wechat';
import { type WordHit, type Wordlist, scanWords } from './wordlist';

export const MSG_SEC_CHECK_MAX_CONTENT = 2500;

export interface SecCheckOptions {
  wordlist: Wordlist;
  now: () => Date;
  openidPattern: RegExp;
}

export class SecCheckService {
  constructor(private readonly opts: SecCheckOptions) {}

  msgSecCheck(params: Record<string, unknown>): WechatJson {
    const now = this.opts.now();
    const { version, openid, scene, content, nickname, title, signature } = params;

    if (version === undefined || version === 1 || version === '1') return this.v1(content, now);
    if (version !== 2 && version !== '2') return fail(47001, 'data format error', now);

    if (typeof openid !== 'string' || openid === '' || !this.opts.openidPattern.test(openid)) {
      return fail(40003, 'invalid openid', now);
    }
    const sceneNumber = Number(scene);
    if (!Number.isInteger(sceneNumber) || sceneNumber < 1 || sceneNumber > 4) {
      return fail(40129, 'invalid scene', now);
    }
    if (content === undefined || content === null || content === '') {
      return fail(44002, 'empty post data', now);
    }
    if (typeof content !== 'string' || Array.from(content).length > MSG_SEC_CHECK_MAX_CONTENT) {
      return fail(47001, 'data format error', now);
    }
    for (const extra of [nickname, title, signature]) {
      if (extra !== undefined && typeof extra !== 'string') {
        return fail(47001, 'data format error', now);
      }
    }

    const texts = [content, nickname, title, sceneNumber === 1 ? signature : undefined].filter(
      (t): t is string => typeof t === 'string',
    );
    const hits = scanWords(this.opts.wordlist, texts);
    const top: WordHit | undefined = hits.length > 0 ? hits[0] : undefined;
    const suggest = top?.suggest ?? 'pass';
    const label = top?.label ?? 100;
    const keywordDetail =
      hits.length === 0
        ? [{ strategy: 'keyword', errcode: 0 }]
        : hits.map((h) => ({
            strategy: 'keyword',
            errcode: 0,
            suggest: h.suggest,
            label: h.label,
            level: h.suggest === 'risky' ? 90 : 60,
            keyword: h.keyword,
          }));
    return ok({
      detail: [
        {
          strategy: 'content_model',
          errcode: 0,
          suggest,
          label,
          prob: suggest === 'pass' ? 0 : 90,
        },
        ...keywordDetail,
      ],
      trace_id: wechatRequestId(now),
      result: { suggest, label },
    });
  }

  /** security.msgSecCheck 1.0 (no version): 87014 for risky content, else ok. */
  private v1(content: unknown, now: Date): WechatJson {
    if (typeof content !== 'string' || content === '') return fail(44002, 'empty post data', now);
    const risky = scanWords(this.opts.wordlist, [content]).some((h) => h.suggest === 'risky');
    return risky ? fail(87014, 'risky content', now) : ok();
  }
}
