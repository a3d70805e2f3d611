// The real-name profile (account: profile.get / profile.save), run as the built bundle on devcloud:
// the response, the stored document (never the ID number in clear), the audit log, who may read it,
// each bad field, and the mobile exchanged from WeChat's phone-number button.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EJSON } from 'bson';
import { data, DEMO, openTestCloud, type TestCloud } from '../helpers/cloud';

const ID = '11010519491231002X';
const OTHER_ID = '440304199001011233';
/** The digits a reader could recognise: the birth date and sequence code, and the whole number. */
const CLEAR_FRAGMENTS = ['19491231', '1101051949', '19491231002', ID, ID.toLowerCase()];

let t: TestCloud;
let seq = 0;

/** A fresh person for each test, so tests do not share profiles. */
function person() {
  seq += 1;
  return `o-profile-${seq}-${Date.now().toString(36)}`;
}

function valid(overrides: Record<string, unknown> = {}) {
  return { name: '张三', idNumber: ID, mobile: '13800138000', ...overrides };
}

async function save(openid: string, input: Record<string, unknown> = valid()) {
  return t.call('account', 'profile.save', input, openid);
}

async function stored(openid: string) {
  return (await t.find('profiles', { _id: openid }))[0];
}

beforeAll(async () => {
  t = await openTestCloud();
});
afterAll(async () => {
  await t.close();
});

describe('save and get', () => {
  test('When a citizen saves their profile, then profile.get gives it back to them with the ID number in full', async () => {
    const me = person();
    const saved = data(await save(me));
    expect(saved.profile).toEqual({
      name: '张三',
      idNumber: ID,
      idNumberMasked: '110***********002X',
      mobile: '13800138000',
      mobileMasked: '138****8000',
      mobileVerified: false,
      updatedAt: expect.any(String),
    });
    const read = data(await t.call('account', 'profile.get', {}, me));
    expect(read.profile).toEqual(saved.profile);

    const audit = await t.find('audit', { entity: 'profile', entityId: me });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'create', by: { openid: me, staffId: null } });
  });

  test('When nothing was saved yet, then profile.get answers null', async () => {
    expect(data(await t.call('account', 'profile.get', {}, person()))).toEqual({ profile: null });
  });

  test('When the check character is typed as a lowercase x, then it is stored and shown as X', async () => {
    const me = person();
    data(await save(me, valid({ idNumber: ID.toLowerCase() })));
    expect(data(await t.call('account', 'profile.get', {}, me)).profile?.idNumber).toBe(ID);
  });

  test('When a citizen saves again, then the profile is updated in place and the audit says update', async () => {
    const me = person();
    const first = data(await save(me));
    const second = data(
      await save(me, valid({ name: '阿依古丽•买买提', idNumber: OTHER_ID, mobile: '13900139000' })),
    );
    expect(second.profile).toMatchObject({
      name: '阿依古丽·买买提',
      idNumber: OTHER_ID,
      mobile: '13900139000',
    });
    expect(await t.find('profiles', { _id: me })).toHaveLength(1);
    const doc = await stored(me);
    expect(new Date(doc.createdAt as string).toISOString()).toBe(first.profile.updatedAt);
    const audit = await t.find('audit', { entity: 'profile', entityId: me });
    expect(audit.map((a) => a.action).sort()).toEqual(['create', 'update']);
  });
});

describe('storage', () => {
  test('When a profile is stored, then no part of the ID number is in the document, the audit log or the database file', async () => {
    const me = person();
    data(await save(me));
    const doc = await stored(me);
    expect(Object.keys(doc).sort()).toEqual(
      [
        '_id',
        'openid',
        'name',
        'idCipher',
        'idHash',
        'mobile',
        'mobileVerified',
        'createdAt',
        'updatedAt',
      ].sort(),
    );
    expect(doc.idCipher).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(doc.idHash).toMatch(/^[0-9a-f]{64}$/);
    const raw = JSON.stringify(doc) + JSON.stringify(await t.find('audit', { entityId: me }));
    for (const fragment of CLEAR_FRAGMENTS) expect(raw).not.toContain(fragment);

    const files = ['db.sqlite', 'db.sqlite-wal'].map((f) => join(t.dir, f)).filter(existsSync);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const bytes = readFileSync(file);
      for (const fragment of CLEAR_FRAGMENTS) expect(bytes.includes(fragment)).toBe(false);
    }
  });

  test('When two people save the same ID number, then their idHash is equal and their ciphers differ', async () => {
    const a = person();
    const b = person();
    const c = person();
    data(await save(a));
    data(await save(b, valid({ name: '李四', idNumber: ID.toLowerCase() })));
    data(await save(c, valid({ idNumber: OTHER_ID })));
    const [da, db, dc] = await Promise.all([stored(a), stored(b), stored(c)]);
    expect(da.idHash).toBe(db.idHash);
    expect(da.idCipher).not.toBe(db.idCipher);
    expect(dc.idHash).not.toBe(da.idHash);
    // The index on idHash finds every profile with the number.
    const same = await t.find('profiles', { idHash: da.idHash });
    expect(same.map((d) => d._id)).toEqual(expect.arrayContaining([a, b]));
    expect(same.map((d) => d._id)).not.toContain(c);
  });

  test('When a cipher is copied into another person’s profile, then it does not open there', async () => {
    const owner = person();
    const thief = person();
    data(await save(owner));
    data(await save(thief, valid({ idNumber: OTHER_ID })));
    const { idCipher } = await stored(owner);
    // A database writer (the console, a leaked key of the database) swaps the sealed numbers.
    await t.cloud.store.handle('database.modifyDocument', {
      collectionName: 'profiles',
      queryType: 'DOC',
      query: EJSON.stringify({ _id: thief }, { relaxed: false }),
      data: EJSON.stringify({ idCipher }, { relaxed: false }),
      multi: false,
      merge: true,
    });
    expect((await stored(thief)).idCipher).toBe(idCipher);
    const res = await t.call('account', 'profile.get', {}, thief);
    expect(res).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});

describe('who may read', () => {
  test('When another citizen asks, then profile.get gives only their own profile, never the first one’s', async () => {
    const me = person();
    data(await save(me));
    const other = data(await t.call('account', 'profile.get', {}, DEMO.otherCitizen));
    expect(JSON.stringify(other)).not.toContain(ID);
    const staff = data(await t.call('account', 'profile.get', {}, DEMO.handler));
    expect(JSON.stringify(staff)).not.toContain(ID);
  });

  test('When profile.get is given someone else’s id, then it is refused as an unsupported field', async () => {
    const me = person();
    data(await save(me));
    const res = await t.call('account', 'profile.get', { openid: me }, DEMO.otherCitizen);
    expect(res).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', issues: [{ path: 'openid', message: '不支持的字段：openid' }] },
    });
  });

  test('When nobody is identified, then both actions are UNAUTHENTICATED', async () => {
    expect(await t.call('account', 'profile.get', {}, undefined)).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    expect(await t.call('account', 'profile.save', valid(), undefined)).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
  });
});

describe('bad input', () => {
  test.each([
    ['name', { name: '张' }, '姓名至少2个字'],
    ['name', { name: '张'.repeat(31) }, '姓名不能超过30个字'],
    ['name', { name: '张3' }, '姓名只能包含汉字、字母和间隔号“·”'],
    ['name', { name: '·张三' }, '姓名只能包含汉字、字母和间隔号“·”'],
    ['name', { name: undefined }, '请填写姓名'],
    ['idNumber', { idNumber: '' }, '请填写身份证号码'],
    ['idNumber', { idNumber: '11010519491231002' }, '身份证号码长度不对，应为18位'],
    ['idNumber', { idNumber: '110105194912310021' }, '身份证号码校验位不正确，请核对'],
    ['idNumber', { idNumber: '110105199902300015' }, '身份证号码中的出生日期无效'],
    ['idNumber', { idNumber: '110105209901010012' }, '身份证号码中的出生日期无效'],
    ['idNumber', { idNumber: 11010519491231 }, '请填写身份证号码'],
    ['mobile', { mobile: '12345' }, '手机号码应为11位手机号码'],
    ['mobile', { mobile: '' }, '请填写手机号码，或使用微信手机号'],
    ['phoneCode', { mobile: undefined, phoneCode: '' }, '微信手机号授权无效，请重新获取'],
    ['extra', { extra: 1 }, '不支持的字段：extra'],
  ])(
    'When %s is bad (%j), then the answer is BAD_REQUEST with the message at its path and nothing is written',
    async (path, overrides, message) => {
      const me = person();
      const input: Record<string, unknown> = valid(overrides);
      for (const [k, v] of Object.entries(overrides)) if (v === undefined) delete input[k];
      const res = await save(me, input);
      expect(res.ok).toBe(false);
      if (res.ok) return;
      expect(res.error.code).toBe('BAD_REQUEST');
      expect(res.error.issues).toContainEqual({ path, message });
      expect(await t.find('profiles', { _id: me })).toHaveLength(0);
      expect(await t.find('audit', { entityId: me })).toHaveLength(0);
    },
  );

  test('When a bad save follows a good one, then the stored profile is unchanged', async () => {
    const me = person();
    data(await save(me));
    const before = await stored(me);
    const res = await save(me, valid({ name: '王五', idNumber: '110105194912310021' }));
    expect(res).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await stored(me)).toEqual(before);
  });
});

describe('mobile from WeChat’s phone-number button', () => {
  test('When the page sends the button’s code, then the function exchanges it and stores that number as verified', async () => {
    const me = person();
    const code = t.cloud.platform.issuePhoneCode(me, '13800138000');
    const res = data(await save(me, valid({ mobile: undefined, phoneCode: code })));
    expect(res.profile).toMatchObject({ mobile: '13800138000', mobileVerified: true });
    expect(await stored(me)).toMatchObject({ mobile: '13800138000', mobileVerified: true });
  });

  test('When both a typed mobile and a code are sent, then the number WeChat verified wins', async () => {
    const me = person();
    const code = t.cloud.platform.issuePhoneCode(me, '13700137000');
    const res = data(await save(me, valid({ mobile: '13900139000', phoneCode: code })));
    expect(res.profile).toMatchObject({ mobile: '13700137000', mobileVerified: true });
  });

  test('When a used code is sent again, then it is BAD_REQUEST at phoneCode and nothing changes', async () => {
    const me = person();
    const code = t.cloud.platform.issuePhoneCode(me, '13800138000');
    data(await save(me, valid({ mobile: undefined, phoneCode: code })));
    const before = await stored(me);
    const res = await save(me, valid({ name: '李四', mobile: undefined, phoneCode: code }));
    expect(res).toMatchObject({
      ok: false,
      error: {
        code: 'BAD_REQUEST',
        issues: [
          { path: 'phoneCode', message: '微信手机号授权已失效，请重新点击“使用微信手机号”' },
        ],
      },
    });
    expect(await stored(me)).toEqual(before);
  });

  test('When the verified number is typed back unchanged, then it stays verified; a different one is not', async () => {
    const me = person();
    const code = t.cloud.platform.issuePhoneCode(me, '13800138000');
    data(await save(me, valid({ mobile: undefined, phoneCode: code })));
    const same = data(await save(me, valid({ name: '张三丰', mobile: '13800138000' })));
    expect(same.profile).toMatchObject({ name: '张三丰', mobileVerified: true });
    const changed = data(await save(me, valid({ mobile: '13900139000' })));
    expect(changed.profile).toMatchObject({ mobile: '13900139000', mobileVerified: false });
  });

  test('When the WeChat number is not a mainland mobile, then it is BAD_REQUEST at phoneCode', async () => {
    const me = person();
    const code = t.cloud.platform.issuePhoneCode(me, '91234567', '852');
    const res = await save(me, valid({ mobile: undefined, phoneCode: code }));
    expect(res).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', issues: [{ path: 'phoneCode' }] },
    });
    expect(await t.find('profiles', { _id: me })).toHaveLength(0);
  });
});

describe('the key', () => {
  type Crypto = typeof import('../../cloudfunctions/_shared/crypto');
  /** Runs `use` on the module loaded afresh (as a new function instance loads it) under `key`. */
  function withKey<T>(key: string | undefined, use: (crypto: Crypto) => T): T {
    const saved = process.env.ID_ENCRYPTION_KEY;
    if (key === undefined) delete process.env.ID_ENCRYPTION_KEY;
    else process.env.ID_ENCRYPTION_KEY = key;
    try {
      let mod: Crypto | undefined;
      jest.isolateModules(() => {
        mod = require('../../cloudfunctions/_shared/crypto');
      });
      return use(mod as Crypto);
    } finally {
      if (saved === undefined) delete process.env.ID_ENCRYPTION_KEY;
      else process.env.ID_ENCRYPTION_KEY = saved;
    }
  }
  const PRODUCTION_KEY = Buffer.alloc(32, 7).toString('base64');

  let warn: jest.SpyInstance;
  beforeEach(() => {
    warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => warn.mockRestore());

  test('When ID_ENCRYPTION_KEY is set, then it is used silently, and what it sealed does not open under the development key', () => {
    const sealed = withKey(PRODUCTION_KEY, (c) => {
      const s = c.sealIdNumber(ID, 'o-owner');
      expect(c.openIdNumber(s.idCipher, 'o-owner')).toBe(ID);
      return s;
    });
    expect(warn).not.toHaveBeenCalled();
    withKey(undefined, (c) => {
      expect(() => c.openIdNumber(sealed.idCipher, 'o-owner')).toThrow();
      expect(c.idNumberHash(ID)).not.toBe(sealed.idHash);
    });
  });

  test('When the key is missing, then the development key works and the warning is given once', () => {
    withKey(undefined, (c) => {
      const sealed = c.sealIdNumber(ID, 'o-owner');
      c.sealIdNumber(OTHER_ID, 'o-owner');
      expect(c.openIdNumber(sealed.idCipher, 'o-owner')).toBe(ID);
    });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).toContain('ID_ENCRYPTION_KEY');
  });

  test('When the key is not 32 bytes, then sealing fails instead of falling back to the public key', () => {
    withKey(Buffer.alloc(16, 1).toString('base64'), (c) => {
      expect(() => c.sealIdNumber(ID, 'o-owner')).toThrow(/32 bytes/);
    });
  });

  test('When a sealed number is altered or opened for another owner, then it does not open', () => {
    withKey(PRODUCTION_KEY, (c) => {
      const { idCipher } = c.sealIdNumber(ID, 'o-owner');
      const parts = idCipher.split('.');
      const body = Buffer.from(parts[3], 'base64url');
      body[0] ^= 1;
      const altered = [...parts.slice(0, 3), body.toString('base64url')].join('.');
      expect(() => c.openIdNumber(altered, 'o-owner')).toThrow();
      expect(() => c.openIdNumber(idCipher, 'o-someone-else')).toThrow();
    });
  });
});

describe('whoami', () => {
  test('When callers ask who they are, then each gets an upload folder key of their own, the same on every call, and nobody gets none', async () => {
    const a = data(await t.call('account', 'whoami', {}, DEMO.citizen));
    const again = data(await t.call('account', 'whoami', {}, DEMO.citizen));
    const staff = data(await t.call('account', 'whoami', {}, DEMO.registrar));
    const nobody = data(await t.call('account', 'whoami', {}));
    expect(a).toMatchObject({ openid: DEMO.citizen, staff: null });
    expect(a.uploadKey).toMatch(/^[0-9a-f]{20}$/);
    expect(again.uploadKey).toBe(a.uploadKey);
    expect(staff.uploadKey).toMatch(/^[0-9a-f]{20}$/);
    expect(staff.uploadKey).not.toBe(a.uploadKey);
    // A keyed hash of the OPENID, which paths therefore never show.
    expect(a.uploadKey).not.toContain(DEMO.citizen);
    expect(nobody).toEqual({ openid: null, uploadKey: null, staff: null });
  });
});
