// The real-name profile (实名信息): kept once per person (document id = OPENID), reused by petitions.
// The ID number is stored sealed (cloudfunctions/_shared/crypto.ts) and returned in full only here,
// to its owner; every other view uses `profileSummary` of domain/identity.ts.
import { isMobile, maskIdNumber, maskMobile } from '../../domain/identity';
import type { ProfileView, profile } from '../../typings/account';
import type { Handlers } from '../_shared/action';
import { appendAudit, auditEntry } from '../_shared/audit';
import { cloud, db, isSdkError } from '../_shared/cloud';
import { openIdNumber, sealIdNumber } from '../_shared/crypto';
import { Failure } from '../_shared/failure';

export interface ProfileDoc {
  /** The owner's OPENID. */
  _id: string;
  openid: string;
  name: string;
  /** AES-256-GCM, bound to the OPENID; never the number in clear. */
  idCipher: string;
  /** HMAC-SHA256 of the ID number, for finding the same person across profiles. */
  idHash: string;
  mobile: string;
  mobileVerified: boolean;
  createdAt: Date;
  updatedAt: Date;
}

const COLLECTION = 'profiles';
const profiles = () => db.collection<ProfileDoc>(COLLECTION);

/** WeChat's answers to a phone-number code the person can act on. */
const PHONE_CODE_INVALID = 40029;
const PHONE_NO_QUOTA = 1400001;

function view(doc: ProfileDoc): ProfileView {
  const idNumber = openIdNumber(doc.idCipher, doc.openid);
  return {
    name: doc.name,
    idNumber,
    idNumberMasked: maskIdNumber(idNumber),
    mobile: doc.mobile,
    mobileMasked: maskMobile(doc.mobile),
    mobileVerified: doc.mobileVerified,
    updatedAt: doc.updatedAt.toISOString(),
  };
}

function phoneCodeFailure(message: string) {
  return new Failure('BAD_REQUEST', message, [{ path: 'phoneCode', message }]);
}

/** Exchanges the phone button's code for the number WeChat has verified for this person. */
async function phoneFromCode(code: string): Promise<string> {
  let info: { purePhoneNumber?: string; countryCode?: string } | undefined;
  try {
    const res = (await cloud.openapi.phonenumber.getPhoneNumber({ code })) as {
      phoneInfo?: typeof info;
      phone_info?: typeof info;
    };
    info = res.phoneInfo ?? res.phone_info;
  } catch (e) {
    if (isSdkError(e) && e.errCode === PHONE_CODE_INVALID) {
      throw phoneCodeFailure('微信手机号授权已失效，请重新点击“使用微信手机号”');
    }
    if (isSdkError(e) && e.errCode === PHONE_NO_QUOTA) {
      throw phoneCodeFailure('暂时无法获取微信手机号，请手动填写手机号码');
    }
    throw e;
  }
  const phone = info?.purePhoneNumber ?? '';
  if (String(info?.countryCode ?? '86') !== '86' || !isMobile(phone)) {
    throw phoneCodeFailure('微信绑定的不是中国大陆手机号码，请手动填写手机号码');
  }
  return phone;
}

type Defs = typeof profile;

export const profileHandlers: Handlers<Defs> = {
  async 'profile.get'({ ctx }) {
    const doc = (await profiles().doc(ctx.openid).get()).data;
    return { profile: doc ? view(doc) : null };
  },

  async 'profile.save'({ input, ctx }) {
    const current = (await profiles().doc(ctx.openid).get()).data;
    let mobile: string;
    let mobileVerified: boolean;
    if (input.phoneCode) {
      mobile = await phoneFromCode(input.phoneCode);
      mobileVerified = true;
    } else {
      mobile = input.mobile as string; // the contract requires one of the two
      // Typing the number WeChat verified before (the form shows it) keeps it verified.
      mobileVerified = !!current?.mobileVerified && current.mobile === mobile;
    }

    const doc: ProfileDoc = {
      _id: ctx.openid,
      openid: ctx.openid,
      name: input.name,
      ...sealIdNumber(input.idNumber, ctx.openid),
      mobile,
      mobileVerified,
      createdAt: current?.createdAt ?? ctx.now,
      updatedAt: ctx.now,
    };
    const { _id, ...fields } = doc;
    await db.runTransaction(async (t) => {
      await t.collection(COLLECTION).doc(_id).set({ data: fields });
      // Which fields, never their values: the audit log is no place for personal data.
      await appendAudit(
        t,
        auditEntry('profile', _id, current ? 'update' : 'create', ctx, {
          mobileVerified,
        }),
      );
    });
    return { profile: view(doc) };
  },
};
