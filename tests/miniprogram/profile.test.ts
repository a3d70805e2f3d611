// 实名信息: fill and save → the profile shown with the ID number masked (the owner may show it);
// the function's issues under each field; the mobile from WeChat's phone-number button.
import { newCitizen } from './builders';
import { Harness, type PageHandle } from './harness';

jest.setTimeout(60_000);

const ID = '11010519491231002X';
const MASKED = '110***********002X';

let h: Harness;
let profilePage: string;
let mePage: string;

beforeAll(async () => {
  h = await Harness.start();
  profilePage = h.load('citizen/profile/index');
  mePage = h.load('pages/me/index');
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => h.reset());

async function fill(page: PageHandle, values: { name?: string; id?: string; mobile?: string }) {
  if (values.name !== undefined) await page.input('#name', values.name);
  if (values.id !== undefined) await page.input('#id-number', values.id);
  if (values.mobile !== undefined) await page.input('#mobile', values.mobile);
}

/** What `<button open-type="getPhoneNumber">` gives the page after the person allows it. */
async function pressPhoneButton(page: PageHandle, detail: Record<string, unknown>) {
  const button = page.comp.querySelector('#use-wechat-phone');
  if (!button) throw new Error('no phone-number button');
  button.dispatchEvent('getphonenumber', { detail });
  await h.idle();
}

const saves = () => h.recorded.calls.filter((c) => c.action === 'profile.save');

describe('first visit', () => {
  test('When someone without a profile opens the page, then the form is shown with why the data is collected', async () => {
    const page = await h.as(newCitizen()).open(profilePage);
    expect(page.has('#name')).toBe(true);
    expect(page.has('#id-number')).toBe(true);
    expect(page.has('#mobile')).toBe(true);
    expect(page.text('#use-wechat-phone')).toBe('使用微信手机号');
    expect(page.has('#cancel')).toBe(false);
    expect(page.text('#purpose')).toContain('个人信息保护法');
    expect(page.text('#purpose')).toContain('办理信访');
  });

  test('When a citizen fills the form and saves, then the profile is shown with the ID number masked and a success toast', async () => {
    const citizen = newCitizen();
    const page = await h.as(citizen).open(profilePage);
    await fill(page, { name: '张三', id: ID.toLowerCase(), mobile: '13800138000' });
    await page.tap('#save');

    expect(h.recorded.toasts).toEqual([{ title: '保存成功', icon: 'success' }]);
    expect(page.text('#profile-name')).toBe('张三');
    expect(page.text('#profile-id')).toBe(MASKED);
    expect(page.text('#profile-mobile')).toBe('138****8000');
    expect(page.has('#mobile-verified')).toBe(false);
    expect(page.has('#name')).toBe(false);

    // Stored, and read back through the public action.
    const stored = await h.data('account', 'profile.get', {}, citizen);
    expect(stored.profile).toMatchObject({ name: '张三', idNumber: ID, mobile: '13800138000' });
  });
});

describe('a saved profile', () => {
  async function withProfile() {
    const citizen = newCitizen();
    await h.data(
      'account',
      'profile.save',
      { name: '李四', idNumber: ID, mobile: '13900139000' },
      citizen,
    );
    return h.as(citizen).open(profilePage);
  }

  test('When the owner taps 显示, then the whole ID number shows, and 隐藏 masks it again', async () => {
    const page = await withProfile();
    expect(page.text('#profile-id')).toBe(MASKED);
    expect(page.text('#toggle-id')).toBe('显示');
    await page.tap('#toggle-id');
    expect(page.text('#profile-id')).toBe(ID);
    expect(page.text('#toggle-id')).toBe('隐藏');
    await page.tap('#toggle-id');
    expect(page.text('#profile-id')).toBe(MASKED);
  });

  test('When the page is left with the number shown, then it is masked again on return', async () => {
    const page = await withProfile();
    await page.tap('#toggle-id');
    await page.lifecycle('onHide');
    expect(page.text('#profile-id')).toBe(MASKED);
  });

  test('When the owner edits and saves, then the form starts from the saved values and the change is shown', async () => {
    const page = await withProfile();
    await page.tap('#edit');
    expect(page.data).toMatchObject({ name: '李四', idNumber: ID, mobile: '13900139000' });
    await fill(page, { name: '李四光' });
    await page.tap('#save');
    expect(page.text('#profile-name')).toBe('李四光');
  });

  test('When the owner cancels an edit, then the saved profile is shown unchanged and nothing is saved', async () => {
    const page = await withProfile();
    await page.tap('#edit');
    await fill(page, { name: '王五' });
    await page.tap('#cancel');
    expect(page.text('#profile-name')).toBe('李四');
    expect(saves()).toEqual([]);
  });
});

describe('errors', () => {
  test('When every field is wrong, then each message is shown under its own field and nothing is saved', async () => {
    const citizen = newCitizen();
    const page = await h.as(citizen).open(profilePage);
    await fill(page, { name: '张', id: '110105194912310021', mobile: '12345' });
    await page.tap('#save');

    expect(page.text('#field-name .field-error')).toBe('姓名至少2个字');
    expect(page.text('#field-id .field-error')).toBe('身份证号码校验位不正确，请核对');
    expect(page.text('#field-mobile .field-error')).toBe('手机号码应为11位手机号码');
    expect(h.recorded.toasts).toEqual([{ title: '请按提示修改后再保存', icon: 'none' }]);
    expect(page.data.saving).toBe(false);
    expect((await h.data('account', 'profile.get', {}, citizen)).profile).toBeNull();
  });

  test('When the birth date inside the number is impossible, then the field says so', async () => {
    const page = await h.as(newCitizen()).open(profilePage);
    await fill(page, { name: '张三', id: '110105199902300015', mobile: '13800138000' });
    await page.tap('#save');
    expect(page.text('#error-idNumber')).toBe('身份证号码中的出生日期无效');
    expect(page.has('#error-name')).toBe(false);
  });

  test('When a field with an error is corrected, then its error goes away', async () => {
    const page = await h.as(newCitizen()).open(profilePage);
    await fill(page, { name: '张三', id: '1101', mobile: '13800138000' });
    await page.tap('#save');
    expect(page.text('#error-idNumber')).toBe('身份证号码长度不对，应为18位');
    await fill(page, { id: ID });
    expect(page.has('#error-idNumber')).toBe(false);
  });

  test('When the network is down, then the form keeps what was typed and says so', async () => {
    const page = await h.as(newCitizen()).open(profilePage);
    await fill(page, { name: '张三', id: ID, mobile: '13800138000' });
    h.networkDown = true;
    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    await page.tap('#save');
    logged.mockRestore();
    expect(h.recorded.toasts.map((t) => t.title)).toEqual(['网络异常，请检查网络后重试']);
    expect(page.data).toMatchObject({ name: '张三', idNumber: ID, saving: false });
  });
});

describe('mobile from WeChat', () => {
  test('When the person uses the WeChat phone button and saves, then the code is sent and the verified number is stored', async () => {
    const citizen = newCitizen();
    const page = await h.as(citizen).open(profilePage);
    await fill(page, { name: '张三', id: ID });
    const code = h.cloud.platform.issuePhoneCode(citizen, '13800138000');
    await pressPhoneButton(page, { code, errMsg: 'getPhoneNumber:ok' });
    expect(page.has('#mobile')).toBe(false);
    expect(page.text('#wechat-phone')).toContain('微信绑定的手机号码');

    await page.tap('#save');
    expect(saves()[0].input).toEqual({ name: '张三', idNumber: ID, phoneCode: code });
    expect(page.text('#profile-mobile')).toBe('138****8000');
    expect(page.text('#mobile-verified')).toBe('微信已验证');
  });

  test('When the person declines the phone prompt, then the typed field stays and a hint says to type it', async () => {
    const page = await h.as(newCitizen()).open(profilePage);
    await pressPhoneButton(page, { errMsg: 'getPhoneNumber:fail user deny' });
    expect(page.has('#mobile')).toBe(true);
    expect(h.recorded.toasts.map((t) => t.title)).toEqual(['未获取到微信手机号，您可以手动填写']);
  });

  test('When the code is refused, then the error is shown under the mobile and the typed field comes back', async () => {
    const citizen = newCitizen();
    const page = await h.as(citizen).open(profilePage);
    await fill(page, { name: '张三', id: ID });
    const code = h.cloud.platform.issuePhoneCode(citizen, '13800138000');
    await h.data(
      'account',
      'profile.save',
      { name: '张三', idNumber: ID, phoneCode: code },
      citizen,
    );
    await pressPhoneButton(page, { code });
    await page.tap('#save');
    expect(page.text('#error-mobile')).toBe('微信手机号授权已失效，请重新点击“使用微信手机号”');
    expect(page.has('#mobile')).toBe(true);
  });

  test('When the person switches back to typing, then the typed number is sent', async () => {
    const page = await h.as(newCitizen()).open(profilePage);
    await pressPhoneButton(page, { code: 'unused' });
    await page.tap('#type-mobile');
    await fill(page, { name: '张三', id: ID, mobile: '13700137000' });
    await page.tap('#save');
    expect(saves()[0].input).toEqual({ name: '张三', idNumber: ID, mobile: '13700137000' });
  });
});

describe('我的', () => {
  test('When a citizen opens 我的, then 实名信息 leads to this page', async () => {
    const page = await h.as(newCitizen()).open(mePage);
    expect(page.text('#link-profile .cell-body')).toBe('实名信息');
    await page.tap('#link-profile');
    expect(h.recorded.navigations).toEqual([{ kind: 'navigateTo', url: '/citizen/profile/index' }]);
  });
});
