// The content check (security.msgSecCheck v2): risky text is refused, "review" is kept and flagged.
import { cloud } from './cloud';
import { Failure } from './failure';

export type ContentFlag = 'pass' | 'review';

/** Scene 3 (论坛) suits public messages; the caller must have used the mini program recently. */
export async function checkContent(
  openid: string,
  content: string,
  field: string,
): Promise<ContentFlag> {
  return (await checkContentLabelled(openid, content, field)).flag;
}

/** The check with the service's label (e.g. 20003 abuse), for suggestions to staff. */
export async function checkContentLabelled(
  openid: string,
  content: string,
  field: string,
): Promise<{ flag: ContentFlag; label: number | null }> {
  let suggest: string;
  let label: number | null;
  try {
    const res = await cloud.openapi.security.msgSecCheck({
      version: 2,
      openid,
      scene: 3,
      content: content.slice(0, 2500),
    });
    suggest = res?.result?.suggest ?? 'review';
    const raw = Number(res?.result?.label);
    label = Number.isFinite(raw) ? raw : null;
  } catch (e) {
    // Nothing a citizen wrote is lost because the check is unavailable: staff review it instead.
    console.error('msgSecCheck unavailable, flagging for review:', e);
    return { flag: 'review', label: null };
  }
  if (suggest === 'risky') {
    throw new Failure('CONTENT_REJECTED', '内容含有违规信息，请修改后再提交', [
      { path: field, message: '内容含有违规信息，请修改后再提交' },
    ]);
  }
  return { flag: suggest === 'pass' ? 'pass' : 'review', label };
}
