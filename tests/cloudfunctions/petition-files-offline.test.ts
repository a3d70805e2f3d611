// petition's files and offline channels, run as the built bundle on devcloud: attachments must be
// uploaded images or PDF; only the petitioner and the staff handling a petition get links to its
// files; registrars file letter, hotline and visit petitions with the channel recorded, and the
// petitioner follows them online once a WeChat-verified profile proves who they are.
import { idCheckChar } from '../../domain/identity';
import type { PetitionStaffView } from '../../typings/petition';
import {
  buildPetition,
  citizenWithProfile,
  citizenWithVerifiedPhone,
  submitPetition,
  uploadAs,
} from '../helpers/petition';
import { data, DEMO, openTestCloud, type TestCloud } from '../helpers/cloud';

let t: TestCloud;

beforeAll(async () => {
  t = await openTestCloud();
}, 60_000);

afterAll(async () => {
  await t.close();
});

/** A valid resident ID number born on 1980-01-01 with sequence `seq` (3 digits). */
function idNumber(seq: string): string {
  const first17 = `11010519800101${seq}`;
  return first17 + idCheckChar(first17);
}

/** `get` as staff answers the staff view. */
async function staffView(id: string, as: string = DEMO.registrar): Promise<PetitionStaffView> {
  return data(await t.call('petition', 'get', { id }, as)) as PetitionStaffView;
}

describe('attachments', () => {
  test('When the files were uploaded, then the petition keeps them and its petitioner gets working links', async () => {
    const me = await citizenWithProfile(t, 'files');
    const a = await uploadAs(t, me, 'petitions/tok-a/1.jpg');
    const b = await uploadAs(t, me, 'petitions/tok-a/2.pdf');
    const id = await submitPetition(t, me, { attachments: [a, b] });

    const out = data(await t.call('petition', 'files', { id }, me));
    expect(out.files.map((f) => [f.name, f.source])).toEqual([
      ['1.jpg', 'petition'],
      ['2.pdf', 'petition'],
    ]);
    for (const f of out.files) {
      expect(f.url).toMatch(/^https?:\/\//);
      const token = /\/_files\/([A-Za-z0-9_-]+)$/.exec(f.url ?? '')?.[1] ?? '';
      const file = t.cloud.platform.readFileForUrl(token);
      expect(Buffer.from(file?.content ?? []).toString()).toMatch(/^content of petitions\/tok-a\//);
    }
    expect(Date.parse(out.expiresAt)).toBeGreaterThan(Date.now());
  });

  test('When a fileID points at nothing in storage, then BAD_REQUEST names that file and nothing is filed', async () => {
    const me = await citizenWithProfile(t, 'files');
    const real = await uploadAs(t, me, 'petitions/tok-b/1.png');
    const form = buildPetition({
      attachments: [real, 'cloud://devcloud.bucket/petitions/x/ghost.jpg'],
    });
    const res = await t.call('petition', 'submit', form, me);
    expect(res).toMatchObject({
      ok: false,
      error: {
        code: 'BAD_REQUEST',
        issues: [{ path: 'attachments.1', message: '附件上传未完成或已失效，请重新上传' }],
      },
    });
    expect(await t.find('petitions', { petitionerOpenid: me })).toEqual([]);
  });

  test('When a citizen attaches a file someone else uploaded, then BAD_REQUEST names it, nothing is filed, and their own files still pass', async () => {
    const owner = await citizenWithProfile(t, 'files-owner');
    const other = await citizenWithProfile(t, 'files-other');
    const theirs = await uploadAs(t, owner, 'petitions/tok-d/1.jpg');
    const mine = await uploadAs(t, other, 'petitions/tok-e/1.jpg');
    // A file the caller uploaded outside their own folder (an old page, a hand-made request).
    const stray = await t.cloud.platform.handle(
      { kind: 'uploadFile', cloudPath: 'petitions/tok-f/1.jpg', content: new Uint8Array(3) },
      { openid: other, appid: '', fn: '' },
    );
    if (stray.kind !== 'uploadFile') throw new Error(JSON.stringify(stray));
    for (const attachments of [[mine, theirs], [stray.fileID]]) {
      const res = await t.call('petition', 'submit', buildPetition({ attachments }), other);
      expect(res).toMatchObject({
        ok: false,
        error: {
          code: 'BAD_REQUEST',
          message: '附件不是您本人上传的文件，请重新上传',
          issues: [
            {
              path: `attachments.${attachments.length - 1}`,
              message: '附件不是您本人上传的文件，请重新上传',
            },
          ],
        },
      });
    }
    expect(await t.find('petitions', { petitionerOpenid: other })).toEqual([]);
    const id = await submitPetition(t, other, { attachments: [mine] });
    expect(data(await t.call('petition', 'files', { id }, other)).files).toHaveLength(1);
  });

  test('When a file is neither an image nor a PDF, then BAD_REQUEST names it', async () => {
    const me = await citizenWithProfile(t, 'files');
    const doc = await uploadAs(t, me, 'petitions/tok-c/notes.docx');
    const res = await t.call('petition', 'submit', buildPetition({ attachments: [doc] }), me);
    expect(res).toMatchObject({
      ok: false,
      error: {
        code: 'BAD_REQUEST',
        issues: [{ path: 'attachments.0', message: '附件只能是图片或PDF文件，请重新选择' }],
      },
    });
  });

  test('When files are asked for, then only the petitioner and staff who may see it get them', async () => {
    const me = await citizenWithProfile(t, 'files');
    const a = await uploadAs(t, me, 'petitions/tok-d/1.jpg');
    const id = await submitPetition(t, me, { attachments: [a] });

    expect(data(await t.call('petition', 'files', { id }, DEMO.registrar)).files).toHaveLength(1);
    const hidden = { ok: false, error: { code: 'NOT_FOUND' } };
    expect(await t.call('petition', 'files', { id }, DEMO.otherCitizen)).toMatchObject(hidden);
    expect(await t.call('petition', 'files', { id }, DEMO.otherUnitHandler)).toMatchObject(hidden);
    // Handlers see it once it is registered to their department, not before.
    expect(await t.call('petition', 'files', { id }, DEMO.handler)).toMatchObject(hidden);
    expect(await t.call('petition', 'files', { id }, DEMO.admin)).toMatchObject(hidden);
    expect(await t.call('petition', 'files', { id })).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
  });

  test('When materials are supplied and a reply carries a file, then both are listed with their source', async () => {
    const me = await citizenWithProfile(t, 'files');
    const id = await submitPetition(t, me);
    const v = await staffView(id);
    data(
      await t.call(
        'petition',
        'register',
        { id, departmentId: v.departmentId ?? '', version: v.version },
        DEMO.registrar,
      ),
    );
    data(
      await t.call(
        'petition',
        'requestMaterials',
        { id, items: ['判决书复印件'], dueDate: '2099-12-31' },
        DEMO.registrar,
      ),
    );
    const ghost = await t.call(
      'petition',
      'supplyMaterials',
      { id, attachments: ['cloud://devcloud.bucket/none.pdf'] },
      me,
    );
    expect(ghost).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', issues: [{ path: 'attachments.0' }] },
    });
    const supplied = await uploadAs(t, me, 'petitions/supply/judgment.pdf');
    data(await t.call('petition', 'supplyMaterials', { id, attachments: [supplied] }, me));
    data(await t.call('petition', 'accept', { id }, DEMO.registrar));
    data(await t.call('petition', 'assign', { id, staffId: 'st-110105-handler' }, DEMO.leader));
    const replyFile = await uploadAs(t, DEMO.handler, 'replies/notice.pdf');
    data(
      await t.call(
        'petition',
        'proceduralReply',
        { id, method: 'online', text: '您的信访已受理，正在办理中。', attachments: [replyFile] },
        DEMO.handler,
      ),
    );
    const out = data(await t.call('petition', 'files', { id }, me));
    expect(out.files.map((f) => [f.name, f.source, f.url !== null])).toEqual([
      ['judgment.pdf', 'materials', true],
      ['notice.pdf', 'reply', true],
    ]);
  });
});

describe('assignees', () => {
  test('When a leader may assign it, then the view lists the active handlers of its department only', async () => {
    const me = await citizenWithProfile(t, 'assignees');
    const id = await submitPetition(t, me);
    let v = await staffView(id);
    v = data(
      await t.call(
        'petition',
        'register',
        { id, departmentId: v.departmentId ?? '', version: v.version },
        DEMO.registrar,
      ),
    );
    expect(v.assignees).toEqual([]);
    v = data(await t.call('petition', 'accept', { id }, DEMO.registrar));
    expect(v.assignees).toEqual([]); // the registrar may not assign
    const lead = await staffView(id, DEMO.leader);
    const staff = await t.find('staff', { departmentId: lead.departmentId, active: true });
    const handlers = staff.filter((s) => (s.roles as string[]).includes('handler'));
    expect(handlers.length).toBeGreaterThan(0);
    expect(lead.assignees.map((a) => a.staffId).sort()).toEqual(
      handlers.map((s) => String(s._id)).sort(),
    );
  });
});

describe('fileOffline', () => {
  function offline(extra: Record<string, unknown> = {}, formExtra: Record<string, unknown> = {}) {
    return {
      channel: 'letter',
      petitioner: { name: '赵六', idNumber: idNumber('011'), mobile: '13900139011' },
      form: buildPetition({ contact: '13900139011', ...formExtra }),
      ...extra,
    };
  }

  test('When a registrar files a letter, then it gets a receipt number, channel 来信 and no online petitioner', async () => {
    const input = offline();
    const v = data(await t.call('petition', 'fileOffline', input, DEMO.registrar));
    expect(v).toMatchObject({
      channel: 'letter',
      status: 'submitted',
      petitioner: { name: '赵六', idNumberMasked: expect.stringMatching(/^110\*+0112$/) },
    });
    expect(v.receiptNumber).toMatch(/^110105-\d{4}-\d{6}$/);
    const [stored] = await t.find('petitions', { _id: v.id });
    expect(stored).toMatchObject({ channel: 'letter', petitionerOpenid: null });
    expect(JSON.stringify(stored)).not.toContain(input.petitioner.idNumber);
    const [entry] = await t.find('audit', { entity: 'petition', entityId: v.id });
    expect(entry).toMatchObject({ action: 'SUBMIT', by: { staffId: 'st-110105-registrar' } });
    // Nobody to tell online.
    expect(await t.find('outbox', { 'ref.id': v.id })).toEqual([]);

    const again = data(await t.call('petition', 'fileOffline', input, DEMO.registrar));
    expect(again.id).toBe(v.id);
    expect(await t.find('petitions', { 'petitioner.name': '赵六' })).toHaveLength(1);
  });

  test('When the form names another procuratorate, then BAD_REQUEST at form.procuratorateId', async () => {
    const res = await t.call(
      'petition',
      'fileOffline',
      offline({}, { procuratorateId: '110108' }),
      DEMO.registrar,
    );
    expect(res).toMatchObject({
      ok: false,
      error: {
        code: 'BAD_REQUEST',
        issues: [{ path: 'form.procuratorateId', message: '只能登记本院收到的信访' }],
      },
    });
  });

  test.each([
    ['channel', { channel: 'online' }, '来源渠道'],
    [
      'petitioner.idNumber',
      { petitioner: { name: '赵六', idNumber: '110105198001010110', mobile: '13900139011' } },
      '身份证',
    ],
    [
      'petitioner.mobile',
      { petitioner: { name: '赵六', idNumber: idNumber('012'), mobile: '12345' } },
      '手机号码',
    ],
    [
      'petitioner.name',
      { petitioner: { name: '', idNumber: idNumber('012'), mobile: '13900139011' } },
      '姓名',
    ],
  ])(
    'When %s is bad, then BAD_REQUEST names it and nothing is filed',
    async (path, extra, words) => {
      const before = (await t.find('petitions')).length;
      const res = await t.call('petition', 'fileOffline', offline(extra), DEMO.registrar);
      expect(res.ok).toBe(false);
      if (res.ok) return;
      expect(res.error.code).toBe('BAD_REQUEST');
      const issue = res.error.issues?.find((i) => i.path === path);
      expect(issue?.message).toContain(words);
      expect((await t.find('petitions')).length).toBe(before);
    },
  );

  test.each([
    ['a handler', 'FORBIDDEN', DEMO.handler],
    ['an administrator', 'FORBIDDEN', DEMO.admin],
    ['a citizen', 'FORBIDDEN', DEMO.citizen],
    ['nobody', 'UNAUTHENTICATED', undefined],
  ])('When %s files one, then %s', async (_who, code, openid) => {
    const res = await t.call('petition', 'fileOffline', offline(), openid);
    expect(res).toMatchObject({ ok: false, error: { code } });
  });

  test('When the petitioner later proves who they are with a verified mobile, then it joins their petitions and they are told of later steps', async () => {
    const id17 = idNumber('013');
    const mobile = '13900139013';
    const v = data(
      await t.call(
        'petition',
        'fileOffline',
        offline(
          { channel: 'visit', petitioner: { name: '王五', idNumber: id17, mobile } },
          { contact: mobile },
        ),
        DEMO.registrar,
      ),
    );
    // Someone typing the same ID number with a typed (unverified) mobile gets nothing.
    const impostor = `o-impostor-${Date.now().toString(36)}`;
    data(
      await t.call('account', 'profile.save', { name: '王五', idNumber: id17, mobile }, impostor),
    );
    expect(data(await t.call('petition', 'mine', {}, impostor)).items).toEqual([]);
    expect(await t.call('petition', 'get', { id: v.id }, impostor)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });

    const owner = await citizenWithVerifiedPhone(t, 'offline-owner', id17, mobile);
    const mine = data(await t.call('petition', 'mine', {}, owner));
    expect(mine.items.map((i) => i.id)).toEqual([v.id]);
    const view = data(await t.call('petition', 'get', { id: v.id }, owner));
    expect(view.receiptNumber).toBe(v.receiptNumber);
    const claims = await t.find('audit', { entityId: v.id, action: 'claim' });
    expect(claims).toHaveLength(1);

    const fresh = await staffView(v.id);
    expect(fresh.version).toBe(v.version + 1);
    data(
      await t.call(
        'petition',
        'register',
        { id: v.id, departmentId: fresh.departmentId ?? '', version: fresh.version },
        DEMO.registrar,
      ),
    );
    data(await t.call('petition', 'accept', { id: v.id }, DEMO.registrar));
    const told = await t.find('outbox', { 'ref.id': v.id, touser: owner });
    expect(told.length).toBeGreaterThan(0);
  });

  test('When a verified profile already proves the petitioner at filing, then they are linked and told it was received', async () => {
    const id17 = idNumber('014');
    const mobile = '13900139014';
    const owner = await citizenWithVerifiedPhone(t, 'offline-known', id17, mobile);
    const v = data(
      await t.call(
        'petition',
        'fileOffline',
        offline(
          { channel: 'hotline', petitioner: { name: '王五', idNumber: id17, mobile } },
          { contact: mobile },
        ),
        DEMO.registrar,
      ),
    );
    expect(v.channel).toBe('hotline');
    const [stored] = await t.find('petitions', { _id: v.id });
    expect(stored.petitionerOpenid).toBe(owner);
    const told = await t.find('outbox', { 'ref.id': v.id, touser: owner });
    expect(told).toHaveLength(1);
  });
});
