// What the citizen's form pages share around a submission: the real-name profile a form needs
// first, and a refused submission told as the pages tell it (each problem under its field, the
// rest above the submit button, a toast).
import type { ProfileView } from '../../typings/account';
import { call, fieldErrors } from './api';
import { toast } from './ui';

interface FormHost {
  setData(patch: Record<string, unknown>): void;
}

/**
 * The caller's real-name profile; without one the page shows `noprofile` (and a link to the
 * profile page), and on a failed read `error` with the message. Answers null in both cases.
 */
export async function requireProfile(host: FormHost): Promise<ProfileView | null> {
  const res = await call('account', 'profile.get', {});
  if (!res.ok) {
    host.setData({ state: 'error', errorMessage: res.error.message });
    return null;
  }
  if (!res.data.profile) {
    host.setData({ state: 'noprofile', profile: null });
    return null;
  }
  return res.data.profile;
}

export interface Refusal {
  ok: false;
  error: { code: string; message: string; issues?: { path: string; message: string }[] };
}

/**
 * Shows a refused submission: each issue under the field `fieldOf` places it (the first per field,
 * after those given in `errors`), the others above the submit button, with the error's own message
 * there too when no field took one and `messageInForm` says it belongs to the form; a toast and a
 * scroll to the first field in error, or, when nothing is placed and the message is not the
 * form's (network trouble, a busy service), a toast of it — what was typed stays, so a retry is
 * one tap. Ends `submitting`.
 */
export function showSubmitProblems(
  host: FormHost,
  res: Refusal,
  fieldOf: (path: string) => string | null,
  messageInForm: boolean,
  errors: Record<string, string> = {},
): void {
  const unplaced: string[] = [];
  for (const [path, message] of Object.entries(fieldErrors(res))) {
    const field = fieldOf(path);
    if (field && !errors[field]) errors[field] = message;
    else if (!field) unplaced.push(message);
  }
  const placed = Object.keys(errors).length > 0;
  if (!placed && messageInForm) unplaced.push(res.error.message);
  host.setData({ submitting: false, errors, formError: unplaced.join('；') });
  if (placed) {
    toast('请按提示修改后再提交');
    wx.pageScrollTo({ selector: '.field-invalid', duration: 200 });
  } else if (!messageInForm) {
    toast(res.error.message);
  }
}
