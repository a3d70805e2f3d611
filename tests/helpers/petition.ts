// Builders for petition tests: a citizen with a saved real-name profile, and a valid petition.
import { uploadAs as uploadFileAs } from '../../devcloud/uploads';
import { data, DEMO, type TestCloud } from './cloud';

export const OWN_MOBILE = '13800138000';
let made = 0;

/** A valid "other" petition to the demo procuratorate; `extra` overrides any field. */
export function buildPetition(extra: Record<string, unknown> = {}) {
  made += 1;
  return {
    kind: 'other',
    procuratorateId: DEMO.unit,
    request: '请求依法处理邻里纠纷中的违法行为',
    facts: '2025年5月，我与邻居发生纠纷，多次反映未得到处理，至今没有结果。',
    reasons: '相关部门未依法履行职责。',
    address: '北京市朝阳区建国路88号',
    contact: OWN_MOBILE,
    clientToken: `petition-${made}-${Date.now().toString(36)}`,
    ...extra,
  };
}

/** Files a petition as `openid` and answers its id. */
export async function submitPetition(
  t: TestCloud,
  openid: string,
  extra: Record<string, unknown> = {},
): Promise<string> {
  return data(await t.call('petition', 'submit', buildPetition(extra), openid)).id;
}

/** A new citizen (unique OPENID starting with `prefix`) who has saved a real-name profile. */
export async function citizenWithProfile(t: TestCloud, prefix: string): Promise<string> {
  made += 1;
  const openid = `o-${prefix}-${made}-${Date.now().toString(36)}`;
  data(
    await t.call(
      'account',
      'profile.save',
      { name: '张三', idNumber: '11010519491231002X', mobile: OWN_MOBILE },
      openid,
    ),
  );
  return openid;
}

/** Uploads a small file as `openid` would with wx.cloud.uploadFile; answers its fileID. */
export async function uploadAs(t: TestCloud, openid: string, cloudPath: string): Promise<string> {
  return uploadFileAs(t.cloud, openid, cloudPath, `content of ${cloudPath}`);
}

/** A citizen whose profile has `mobile` verified by WeChat's phone-number button. */
export async function citizenWithVerifiedPhone(
  t: TestCloud,
  prefix: string,
  idNumber: string,
  mobile: string,
): Promise<string> {
  made += 1;
  const openid = `o-${prefix}-${made}-${Date.now().toString(36)}`;
  const phoneCode = t.cloud.platform.issuePhoneCode(openid, mobile);
  data(await t.call('account', 'profile.save', { name: '王五', idNumber, phoneCode }, openid));
  return openid;
}
