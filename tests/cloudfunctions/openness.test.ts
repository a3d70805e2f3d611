// 检务公开 (openness), run as the built bundle on devcloud: anyone browses the directory and a
// procuratorate's petition guide without logging in; sections nobody wrote come from the national
// rules; only a procuratorate's own administrator saves its entry, audited; bad input is named.
import { data, DEMO, openTestCloud, type TestCloud } from '../helpers/cloud';

let t: TestCloud;

beforeAll(async () => {
  t = await openTestCloud();
}, 60_000);

afterAll(async () => {
  await t.close();
});

const OTHER_ADMIN = 'o-staff-110000-admin';

const entry = (overrides: Record<string, unknown> = {}) => ({
  id: '110105',
  address: '北京市朝阳区测试路1号',
  phone: '010-85550000',
  hours: '工作日 9:00—17:00',
  location: { latitude: 39.92, longitude: 116.44 },
  guide: { channels: '来访请到一楼接待大厅。', progress: '' },
  ...overrides,
});

test('Without any identity, the directory lists the procuratorates, searched by name and by level', async () => {
  const all = data(await t.call('openness', 'directory.list', {}));
  expect(all.total).toBeGreaterThanOrEqual(11);
  expect(all.items[0]).toMatchObject({ id: '100000', name: '最高人民检察院', level: 'supreme' });
  expect(all.items.find((i) => i.id === '110105')).toMatchObject({
    address: '北京市朝阳区朝阳北路100号',
    phone: '010-65000000',
  });

  const found = data(await t.call('openness', 'directory.list', { q: '朝阳' }));
  expect(found.items.map((i) => i.id)).toEqual(['110105']);

  const districts = data(await t.call('openness', 'directory.list', { level: 'district' }));
  expect(districts.items.every((i) => i.level === 'district')).toBe(true);
  expect(districts.items.length).toBeGreaterThan(0);

  const bad = await t.call('openness', 'directory.list', { level: 'county' });
  expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
});

test('Without any identity, a procuratorate with nothing written shows the four guide sections from the national rules, marked as defaults', async () => {
  const unit = data(await t.call('openness', 'directory.get', { id: '110108' }));
  expect(unit).toMatchObject({
    id: '110108',
    name: '北京市海淀区人民检察院',
    parentName: '北京市人民检察院',
    address: null,
    phone: null,
    location: null,
    updatedAt: null,
  });
  expect(unit.guide.map((s) => [s.title, s.isDefault])).toEqual([
    ['信访渠道', true],
    ['需提交的材料', true],
    ['办理程序与期限', true],
    ['查询办理进展的方式', true],
  ]);
  expect(unit.guide[2].text).toContain('60日内办结');
  expect(unit.guide[0].text).toContain('12309');

  const seeded = data(await t.call('openness', 'directory.get', { id: '110105' }));
  expect(seeded.guide.find((s) => s.key === 'materials')?.isDefault).toBe(false);
  expect(seeded.guide.find((s) => s.key === 'channels')?.text).toContain(
    '北京市朝阳区朝阳北路100号',
  );

  const missing = await t.call('openness', 'directory.get', { id: '999999' });
  expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
});

test('When the administrator saves their procuratorate, then the public sees it and the change is audited', async () => {
  const saved = data(await t.call('openness', 'directory.save', entry(), DEMO.admin));
  expect(saved).toMatchObject({
    address: '北京市朝阳区测试路1号',
    phone: '010-85550000',
    location: { latitude: 39.92, longitude: 116.44 },
  });
  const seen = data(await t.call('openness', 'directory.get', { id: '110105' }));
  expect(seen.guide.map((s) => [s.key, s.isDefault])).toEqual([
    ['channels', false],
    ['materials', true],
    ['procedure', true],
    ['progress', true],
  ]);
  expect(seen.guide[0].text).toBe('来访请到一楼接待大厅。');
  expect(seen.updatedAt).not.toBeNull();

  const audits = await t.find('audit', { entity: 'directory', entityId: '110105' });
  expect(audits).toHaveLength(1);
  expect(audits[0]).toMatchObject({
    action: 'save',
    by: { staffId: 'st-110105-admin' },
    detail: {
      changed: expect.arrayContaining(['address', 'phone', 'location', 'guide']),
      to: { address: '北京市朝阳区测试路1号' },
    },
  });
});

test('When another procuratorate’s administrator saves this one, then FORBIDDEN and nothing changes', async () => {
  const before = await t.find('directory', { _id: '110105' });
  const res = await t.call(
    'openness',
    'directory.save',
    entry({ address: '别的地址' }),
    OTHER_ADMIN,
  );
  expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  expect(await t.find('directory', { _id: '110105' })).toEqual(before);
  // Their own they may keep.
  const own = data(
    await t.call(
      'openness',
      'directory.save',
      entry({ id: '110000', location: null }),
      OTHER_ADMIN,
    ),
  );
  expect(own).toMatchObject({ id: '110000', address: '北京市朝阳区测试路1号', location: null });
});

test.each([
  ['a registrar', 'FORBIDDEN', DEMO.registrar],
  ['a citizen', 'FORBIDDEN', DEMO.citizen],
  ['nobody', 'UNAUTHENTICATED', undefined],
])('When %s saves, then %s and nothing is written', async (_who, code, openid) => {
  const before = await t.find('directory');
  const res = await t.call('openness', 'directory.save', entry({ address: '改' }), openid);
  expect(res).toMatchObject({ ok: false, error: { code } });
  expect(await t.find('directory')).toEqual(before);
});

test.each([
  ['a telephone that is no number', { phone: '12345' + 'abc' }, 'phone'],
  ['a telephone too short', { phone: '010-123' }, 'phone'],
  ['a latitude past 90', { location: { latitude: 95, longitude: 116 } }, 'location.latitude'],
  ['a longitude past 180', { location: { latitude: 39, longitude: 181 } }, 'location.longitude'],
  ['a guide section too long', { guide: { procedure: '字'.repeat(2001) } }, 'guide.procedure'],
])(
  'When %s is saved, then BAD_REQUEST names the field and nothing is written',
  async (_what, o, path) => {
    const before = await t.find('directory');
    const audits = await t.find('audit', { entity: 'directory' });
    const res = await t.call('openness', 'directory.save', entry(o), DEMO.admin);
    expect(res).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    if (!res.ok) expect(res.error.issues?.map((i) => i.path)).toContain(path);
    expect(await t.find('directory')).toEqual(before);
    expect(await t.find('audit', { entity: 'directory' })).toEqual(audits);
  },
);

test('A mobile number is accepted as the telephone', async () => {
  const saved = data(
    await t.call('openness', 'directory.save', entry({ phone: '139 0013 9000' }), DEMO.admin),
  );
  expect(saved.phone).toBe('13900139000');
});
