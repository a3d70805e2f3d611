// Cases as case-management staff keep them, run as the built `cases` bundle on devcloud:
// case.save (register, update, version, the case number's unit code and uniqueness, the record's
// rules), case.import (CSV and JSON, all or nothing with each bad row named), case.list, case.get,
// and the progress messages a change of stage or result sends to approved bindings only.
import { uploadAs as uploadFileAs } from '../../devcloud/uploads';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { citizenWithProfile, uploadAs } from '../helpers/petition';
import { boundTo } from '../helpers/cases';
import { data, DEMO, openTestCloud, type TestCloud } from '../helpers/cloud';

const root = join(__dirname, '..', '..');
const templates = JSON.parse(readFileSync(join(root, 'config', 'templates.json'), 'utf8'));
const PROGRESS = templates.caseProgress.id as string;

const AG = 'o-staff-110105-ag';
const AG2 = 'o-staff-110105-ag2';
const AG_HAIDIAN = 'o-staff-110108-ag';
const OTHER_ROLES = [DEMO.registrar, DEMO.handler, DEMO.leader, DEMO.admin];

let t: TestCloud;
let seq = 0;

beforeAll(async () => {
  t = await openTestCloud();
});
afterAll(async () => {
  await t.close();
});

/** A fresh case number of 110105 (京朝), written with the given brackets. */
function number(unit = '110105', brackets: [string, string] = ['〔', '〕']): string {
  seq += 1;
  const s = String(seq + Math.floor(Math.random() * 1000) * 1000).padStart(6, '0');
  return `京朝检刑诉受${brackets[0]}2024${brackets[1]}${unit}${s}号`;
}

function normalised(n: string) {
  return n.replace(/[[(（【]/, '〔').replace(/[\])）】]/, '〕');
}

function caseInput(extra: Record<string, unknown> = {}) {
  return {
    caseNumber: number(),
    cause: '盗窃罪',
    acceptedOn: '2024-03-01',
    timeLimit: '2024-04-15',
    handlingUnit: '第一检察部 王检察官办案组',
    stage: '审查起诉',
    parties: [
      { name: '张三', role: 'suspect', age: 35 },
      { name: '李四', role: 'victim' },
    ],
    measures: [
      { partyName: '张三', measure: '取保候审', from: '2024-03-01', to: '2025-02-28' },
      { partyName: '李四', measure: '其他措施', from: '2024-03-02' },
    ],
    flags: {},
    ...extra,
  };
}

async function register(extra: Record<string, unknown> = {}) {
  return data(await t.call('cases', 'case.save', caseInput(extra), AG));
}

async function auditOf(id: string) {
  const entries = await t.find('audit', { entity: 'case', entityId: id });
  return entries.sort((a, b) => Number(a.seq) - Number(b.seq)).map((e) => String(e.action));
}

/** A file uploaded by `openid` (the case manager AG unless told) as the import page does. */
async function upload(name: string, content: string | Uint8Array, openid = AG): Promise<string> {
  return uploadFileAs(t.cloud, openid, `imports/${Date.now()}-${name}`, content);
}

async function casesOf(unit: string) {
  return t.find('cases', { procuratorateId: unit });
}

/** A citizen with an approved binding to the case as the party 张三. */
async function boundCitizen(caseNumber: string, approve = true): Promise<string> {
  const me = await citizenWithProfile(t, 'cases-bound');
  await boundTo(t.cloud, me, caseNumber, { review: approve ? 'approve' : { reason: '材料不全' } });
  return me;
}

describe('case.save', () => {
  test('When staff register a case written with [] brackets, then it is stored normalised with a first timeline entry, version 1 and an audit entry', async () => {
    const raw = number('110105', ['[', ']']);
    const v = await register({ caseNumber: raw, progressNote: '已受理' });
    expect(v).toMatchObject({
      caseNumber: normalised(raw),
      procuratorateId: '110105',
      procuratorateName: '北京市朝阳区人民检察院',
      cause: '盗窃罪',
      stage: '审查起诉',
      result: null,
      version: 1,
      bindings: { pending: 0, approved: 0 },
      flags: {
        juvenile: false,
        stateSecret: false,
        commercialSecret: false,
        privacy: false,
        sensitiveKind: null,
      },
    });
    expect(v.parties[0]).toEqual({ name: '张三', role: 'suspect', age: 35, recidivist: false });
    expect(v.measures[1]).toEqual({
      partyName: '李四',
      measure: '其他措施',
      from: '2024-03-02',
      to: null,
    });
    expect(v.timeline).toEqual([{ at: expect.any(String), stage: '审查起诉', note: '已受理' }]);
    const [stored] = await t.find('cases', { _id: v.id });
    expect(stored).toMatchObject({
      caseNumber: normalised(raw),
      version: 1,
      createdBy: 'st-110105-ag',
    });
    expect(await auditOf(v.id)).toEqual(['create']);
  });

  test.each([
    [
      'a case number of another procuratorate',
      { caseNumber: '京海检刑诉受〔2024〕110108000001号' },
      'caseNumber',
      '案件编号中的单位代码110108不是本院的代码110105',
    ],
    [
      'text that is not a case number',
      { caseNumber: '这不是一个案件编号而是文字' },
      'caseNumber',
      '案件编号格式不正确',
    ],
    [
      'a time limit before acceptance',
      { timeLimit: '2024-02-01' },
      'timeLimit',
      '办案期限不能早于受理时间',
    ],
    [
      'a day that does not exist',
      { acceptedOn: '2023-02-30' },
      'acceptedOn',
      '受理时间不是有效的日期',
    ],
    [
      'a party named twice in one role',
      {
        parties: [
          { name: '张三', role: 'suspect' },
          { name: '张三', role: 'suspect' },
        ],
        measures: [],
      },
      'parties.1.name',
      '重复',
    ],
    [
      'a measure of someone who is not a party',
      { measures: [{ partyName: '王五', measure: '拘留', from: '2024-03-01' }] },
      'measures.0.partyName',
      '不是本案当事人',
    ],
    ['no party at all', { parties: [], measures: [] }, 'parties', '请至少填写一名当事人'],
    [
      'an unknown party role',
      { parties: [{ name: '张三', role: 'boss' }], measures: [] },
      'parties.0.role',
      '请选择诉讼地位',
    ],
  ])(
    'When staff save %s, then BAD_REQUEST names %s and nothing is written',
    async (_what, extra, path, message) => {
      const before = (await casesOf('110105')).length;
      const res = await t.call('cases', 'case.save', caseInput(extra), AG);
      expect(res.ok).toBe(false);
      if (res.ok) return;
      expect(res.error.code).toBe('BAD_REQUEST');
      const issue = res.error.issues?.find((i) => i.path === path);
      expect(issue?.message).toContain(message);
      expect((await casesOf('110105')).length).toBe(before);
    },
  );

  test('When a case number is registered again (another bracket style), then BAD_REQUEST 该案件编号已登记 at caseNumber', async () => {
    const raw = number('110105', ['(', ')']);
    await register({ caseNumber: raw });
    const res = await t.call('cases', 'case.save', caseInput({ caseNumber: normalised(raw) }), AG2);
    expect(res).toEqual({
      ok: false,
      error: {
        code: 'BAD_REQUEST',
        message: '该案件编号已登记',
        issues: [{ path: 'caseNumber', message: '该案件编号已登记' }],
      },
    });
    expect(await t.find('cases', { caseNumber: normalised(raw) })).toHaveLength(1);
  });

  test('When two staff register the same new number at the same moment, then exactly one is stored and the other is told the number is taken (the unique index)', async () => {
    const raw = number();
    const input = caseInput({ caseNumber: raw });
    // Warm several instances first, so the saves run side by side and pass the check before it.
    await Promise.all(Array.from({ length: 8 }, () => t.call('cases', 'case.list', {}, AG)));
    const results = await Promise.all(
      Array.from({ length: 8 }, (_x, i) => t.call('cases', 'case.save', input, i % 2 ? AG : AG2)),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const r of results.filter((x) => !x.ok)) {
      expect(r).toMatchObject({
        ok: false,
        error: {
          code: 'BAD_REQUEST',
          issues: [{ path: 'caseNumber', message: '该案件编号已登记' }],
        },
      });
    }
    expect(await t.find('cases', { caseNumber: raw })).toHaveLength(1);
  });

  test('When staff update a case with its version, then it is saved as version 2; a stale version answers CONFLICT and changes nothing', async () => {
    const v = await register();
    const updated = data(
      await t.call(
        'cases',
        'case.save',
        {
          ...caseInput({ caseNumber: v.caseNumber, handlingUnit: '第二检察部' }),
          id: v.id,
          version: 1,
        },
        AG2,
      ),
    );
    expect(updated).toMatchObject({ id: v.id, handlingUnit: '第二检察部', version: 2 });
    // Neither the stage nor the result changed: no timeline entry.
    expect(updated.timeline).toHaveLength(1);

    const stale = await t.call(
      'cases',
      'case.save',
      { ...caseInput({ caseNumber: v.caseNumber, cause: '诈骗罪' }), id: v.id, version: 1 },
      AG,
    );
    expect(stale).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: '该案件已被他人修改，请刷新后重试' },
    });
    const [stored] = await t.find('cases', { _id: v.id });
    expect(stored).toMatchObject({ cause: '盗窃罪', handlingUnit: '第二检察部', version: 2 });
    expect(await auditOf(v.id)).toEqual(['create', 'update']);

    const noVersion = await t.call(
      'cases',
      'case.save',
      { ...caseInput({ caseNumber: v.caseNumber }), id: v.id },
      AG,
    );
    expect(noVersion).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', issues: [{ path: 'version' }] },
    });
  });

  test('When staff of another procuratorate update or read a case, then NOT_FOUND and nothing changes', async () => {
    const v = await register();
    const res = await t.call(
      'cases',
      'case.save',
      { ...caseInput({ caseNumber: '京海检刑诉受〔2024〕110108000777号' }), id: v.id, version: 1 },
      AG_HAIDIAN,
    );
    expect(res).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await t.call('cases', 'case.get', { id: v.id }, AG_HAIDIAN)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: '未找到该案件，请核对案件编号' },
    });
    const [stored] = await t.find('cases', { _id: v.id });
    expect(stored).toMatchObject({ version: 1 });
  });

  test.each(OTHER_ROLES)(
    'When %s (not case management) calls any case-management action, then FORBIDDEN',
    async (openid) => {
      const v = await register();
      const calls: [string, Record<string, unknown>][] = [
        ['case.save', caseInput()],
        ['case.save', { ...caseInput({ caseNumber: v.caseNumber }), id: v.id, version: 1 }],
        ['case.import', { fileID: 'cloud://env.bucket/imports/a.csv' }],
        ['case.list', {}],
        ['case.get', { id: v.id }],
        ['review.inbox', { kind: 'binding' }],
        ['review.inbox', { kind: 'lawyer' }],
        ['binding.review', { id: 'bdx', approve: true }],
        ['lawyer.review', { id: 'o-x', approve: true }],
      ];
      for (const [action, input] of calls) {
        const res = await t.call('cases', action as 'case.get', input, openid);
        expect({ action, res }).toMatchObject({
          action,
          res: { ok: false, error: { code: 'FORBIDDEN', message: '仅限检察院工作人员使用' } },
        });
      }
      const [stored] = await t.find('cases', { _id: v.id });
      expect(stored).toMatchObject({ version: 1 });
    },
  );
});

describe('progress messages', () => {
  test('When the stage changes, then the timeline grows and only approved bindings get caseProgress; a result change tells them again; other edits tell nobody', async () => {
    const v = await register();
    const approved = await boundCitizen(v.caseNumber, true);
    const refused = await boundCitizen(v.caseNumber, false);
    const pending = await citizenWithProfile(t, 'cases-pending');
    const proof = await uploadAs(t, pending, `bindings/${pending}/id.jpg`);
    data(
      await t.call(
        'cases',
        'binding.request',
        { caseNumber: v.caseNumber, role: 'close_relative', partyName: '张三', proofs: [proof] },
        pending,
      ),
    );
    for (const who of [approved, refused, pending]) {
      await t.cloud.grantSubscription(who, { [PROGRESS]: 'accept' });
    }
    const current = data(await t.call('cases', 'case.get', { id: v.id }, AG));
    expect(current.bindings).toEqual({ pending: 1, approved: 1 });

    const moved = data(
      await t.call(
        'cases',
        'case.save',
        {
          ...caseInput({ caseNumber: v.caseNumber, stage: '提起公诉' }),
          id: v.id,
          version: current.version,
          progressNote: '本院已向法院提起公诉',
        },
        AG,
      ),
    );
    expect(moved.timeline.map((s) => [s.stage, s.note])).toEqual([
      ['审查起诉', null],
      ['提起公诉', '本院已向法院提起公诉'],
    ]);
    const outbox = await t.find('outbox', { 'ref.entity': 'case', 'ref.id': v.id });
    expect(outbox.map((o) => o.touser)).toEqual([approved]);
    expect(outbox[0]).toMatchObject({ template: 'caseProgress', status: 'sent' });
    const sent = t.cloud.platform.messages({ touser: approved, templateId: PROGRESS });
    expect(sent).toHaveLength(1);
    expect(sent[0].data).toMatchObject({
      thing1: { value: '盗窃罪' },
      phrase2: { value: '提起公诉' },
      thing4: { value: '本院已向法院提起公诉' },
    });
    expect(t.cloud.platform.messages({ touser: refused, templateId: PROGRESS })).toHaveLength(0);
    expect(t.cloud.platform.messages({ touser: pending, templateId: PROGRESS })).toHaveLength(0);

    // The result: told with a default note.
    await t.cloud.grantSubscription(approved, { [PROGRESS]: 'accept' });
    const judged = data(
      await t.call(
        'cases',
        'case.save',
        {
          ...caseInput({ caseNumber: v.caseNumber, stage: '提起公诉', result: '已提起公诉' }),
          id: v.id,
          version: moved.version,
        },
        AG,
      ),
    );
    expect(judged.timeline).toHaveLength(3);
    const second = t.cloud.platform.messages({ touser: approved, templateId: PROGRESS });
    expect(second).toHaveLength(2);
    expect(second[1].data).toMatchObject({
      phrase2: { value: '已有结果' },
      thing4: { value: '处理结果：已提起公诉' },
    });

    // Another field only: no message, no timeline entry.
    const edited = data(
      await t.call(
        'cases',
        'case.save',
        {
          ...caseInput({
            caseNumber: v.caseNumber,
            stage: '提起公诉',
            result: '已提起公诉',
            handlingUnit: '第三检察部',
          }),
          id: v.id,
          version: judged.version,
        },
        AG,
      ),
    );
    expect(edited.timeline).toHaveLength(3);
    expect(await t.find('outbox', { 'ref.entity': 'case', 'ref.id': v.id })).toHaveLength(2);
    expect(await auditOf(v.id)).toEqual(['create', 'update', 'update', 'update']);
  });

  test('When the stage of a juvenile case changes, then nobody is sent its cause or stage', async () => {
    const v = await register();
    const approved = await boundCitizen(v.caseNumber, true);
    await t.cloud.grantSubscription(approved, { [PROGRESS]: 'accept' });
    data(
      await t.call(
        'cases',
        'case.save',
        {
          ...caseInput({ caseNumber: v.caseNumber, stage: '提起公诉', flags: { juvenile: true } }),
          id: v.id,
          version: 1,
        },
        AG,
      ),
    );
    expect(await t.find('outbox', { 'ref.entity': 'case', 'ref.id': v.id })).toHaveLength(0);
    expect(t.cloud.platform.messages({ touser: approved, templateId: PROGRESS })).toHaveLength(0);
  });
});

describe('case.list and case.get', () => {
  test('When staff list cases, then only their own procuratorate\u2019s, newest change first, found by number prefix, whole number or cause', async () => {
    const a = await register({ cause: '危险驾驶罪' });
    const b = await register({ cause: '故意伤害罪' });
    data(
      await t.call(
        'cases',
        'case.save',
        caseInput({ caseNumber: '京海检刑诉受〔2024〕110108000123号', cause: '危险驾驶罪' }),
        AG_HAIDIAN,
      ),
    );
    const all = data(await t.call('cases', 'case.list', { pageSize: 50 }, AG));
    expect(all.items.every((i) => i.caseNumber.includes('110105'))).toBe(true);
    expect(all.items.slice(0, 2).map((i) => i.id)).toEqual([b.id, a.id]);
    expect(all.total).toBe((await casesOf('110105')).length);

    const byCause = data(await t.call('cases', 'case.list', { q: '危险驾驶' }, AG));
    expect(byCause.items.map((i) => i.id)).toEqual([a.id]);

    const whole = a.caseNumber.replace('〔', '(').replace('〕', ')');
    const byNumber = data(await t.call('cases', 'case.list', { q: whole }, AG));
    expect(byNumber.items.map((i) => i.id)).toEqual([a.id]);

    const prefix = a.caseNumber.slice(0, a.caseNumber.length - 4).replace('〔', '[');
    const byPrefix = data(await t.call('cases', 'case.list', { q: prefix }, AG));
    expect(byPrefix.items.map((i) => i.id)).toContain(a.id);

    const paged = data(await t.call('cases', 'case.list', { page: 2, pageSize: 1 }, AG));
    expect(paged).toMatchObject({ page: 2, pageSize: 1, total: all.total });
    expect(paged.items.map((i) => i.id)).toEqual([a.id]);
    expect(all.items[0]).toEqual({
      id: b.id,
      caseNumber: b.caseNumber,
      cause: '故意伤害罪',
      stage: '审查起诉',
      acceptedOn: '2024-03-01',
      timeLimit: '2024-04-15',
      updatedAt: expect.any(String),
      sensitive: false,
    });
  });

  test('When staff get a case, then the staff view; an unknown id answers NOT_FOUND', async () => {
    const v = await register({ flags: { privacy: true } });
    const got = data(await t.call('cases', 'case.get', { id: v.id }, AG2));
    expect(got).toEqual(v);
    expect(await t.call('cases', 'case.get', { id: 'cs-nope' }, AG)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    const listed = data(await t.call('cases', 'case.list', { q: v.caseNumber }, AG));
    expect(listed.items[0].sensitive).toBe(true);
  });
});

describe('case.import', () => {
  const HEADER =
    'caseNumber,cause,acceptedOn,timeLimit,handlingUnit,stage,result,parties,measures,flags';

  test('When staff import a CSV of two new cases, then both are registered; importing it again with a new stage updates them and tells approved bindings', async () => {
    const n1 = number('110105', ['[', ']']);
    const n2 = number();
    const csv = [
      HEADER,
      `${n1},盗窃罪,2024-03-01,2024-04-15,第一检察部,审查起诉,,张三:suspect:35;李四:victim,张三:取保候审:2024-03-01:2025-02-28,`,
      `"${n2}","诈骗罪，数额较大",2024-03-05,2024-05-05,第二检察部,审查逮捕,,"王五:suspect:40:36:yes",,juvenile|privacy`,
    ].join('\r\n');
    const res = data(
      await t.call(
        'cases',
        'case.import',
        { fileID: await upload('a.csv', `\uFEFF${csv}\r\n`) },
        AG,
      ),
    );
    expect(res).toEqual({ created: 2, updated: 0 });
    const [first] = await t.find('cases', { caseNumber: normalised(n1) });
    expect(first).toMatchObject({
      cause: '盗窃罪',
      parties: [
        { name: '张三', role: 'suspect', age: 35, sentenceMonths: null, recidivist: false },
        { name: '李四', role: 'victim', age: null },
      ],
      measures: [{ partyName: '张三', measure: '取保候审', from: '2024-03-01', to: '2025-02-28' }],
      version: 1,
    });
    const [second] = await t.find('cases', { caseNumber: n2 });
    expect(second).toMatchObject({
      cause: '诈骗罪，数额较大',
      parties: [{ name: '王五', role: 'suspect', age: 40, sentenceMonths: 36, recidivist: true }],
      flags: { juvenile: true, privacy: true, stateSecret: false },
    });
    expect(await auditOf(String(first._id))).toEqual(['import_create']);

    const approved = await boundCitizen(normalised(n1), true);
    await t.cloud.grantSubscription(approved, { [PROGRESS]: 'accept' });
    const again = [
      HEADER,
      `${normalised(n1)},盗窃罪,2024-03-01,2024-04-15,第一检察部,提起公诉,,张三:suspect:35;李四:victim,,`,
      `${n2},诈骗罪,2024-03-05,2024-05-05,第二检察部,审查逮捕,,王五:suspect,,`,
    ].join('\n');
    const res2 = data(
      await t.call('cases', 'case.import', { fileID: await upload('b.csv', again, AG2) }, AG2),
    );
    expect(res2).toEqual({ created: 0, updated: 2 });
    const [updated] = await t.find('cases', { _id: first._id });
    expect(updated).toMatchObject({ stage: '提起公诉', version: 2, measures: [] });
    expect((updated.timeline as unknown[]).length).toBe(2);
    expect(t.cloud.platform.messages({ touser: approved, templateId: PROGRESS })).toHaveLength(1);
    expect(await auditOf(String(first._id))).toEqual(['import_create', 'import_update']);
  });

  test('When staff import a JSON array, then the cases are registered (measures and flags may be left out)', async () => {
    const n = number();
    const json = JSON.stringify([
      {
        caseNumber: n,
        cause: '非法拘禁罪',
        acceptedOn: '2024-06-01',
        timeLimit: '2024-07-01',
        handlingUnit: '第一检察部',
        stage: '审查逮捕',
        parties: [{ name: '赵六', role: 'suspect' }],
      },
    ]);
    expect(
      data(await t.call('cases', 'case.import', { fileID: await upload('c.json', json) }, AG)),
    ).toEqual({ created: 1, updated: 0 });
    expect(await t.find('cases', { caseNumber: n })).toHaveLength(1);
  });

  test('When any row is bad, then BAD_REQUEST names each at rows.<i>.<field> and nothing is written', async () => {
    const good = number();
    const dup = number();
    const csv = [
      HEADER,
      `${good},盗窃罪,2024-03-01,2024-04-15,第一检察部,审查起诉,,张三:suspect,,`,
      `${dup},盗窃罪,2024-03-01,2024-02-15,第一检察部,审查起诉,,张三:boss,王五:拘留:2024-03-01,`,
      `京海检刑诉受〔2024〕110108000999号,盗窃罪,2024-13-01,2024-04-15,第一检察部,审查起诉,,张三:suspect,,`,
      `${number()},盗窃罪,2024-03-01,2024-04-15,第一检察部,审查起诉,,张三:suspect:abc,,`,
      `${dup},盗窃罪,2024-03-01,2024-04-15,第一检察部,审查起诉,,张三:suspect,,secretive`,
    ].join('\n');
    const before = (await casesOf('110105')).length;
    const res = await t.call('cases', 'case.import', { fileID: await upload('bad.csv', csv) }, AG);
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error.code).toBe('BAD_REQUEST');
    const paths = (res.error.issues ?? []).map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'rows.1.parties.0.role',
        'rows.2.caseNumber',
        'rows.2.acceptedOn',
        'rows.3.parties.0.age',
        'rows.4.flags.secretive',
      ]),
    );
    expect(paths.some((p) => p.startsWith('rows.0'))).toBe(false);
    expect(res.error.issues?.find((i) => i.path === 'rows.2.acceptedOn')?.message).toMatch(
      /^第3条：/,
    );
    expect((await casesOf('110105')).length).toBe(before);
    expect(await t.find('cases', { caseNumber: good })).toHaveLength(0);

    // Rows valid one by one but wrong together or for this procuratorate.
    const csv2 = [
      HEADER,
      `${good},盗窃罪,2024-03-01,2024-02-15,第一检察部,审查起诉,,张三:suspect,王五:拘留:2024-03-01,`,
      `京海检刑诉受〔2024〕110108000999号,盗窃罪,2024-03-01,2024-04-15,第一检察部,审查起诉,,张三:suspect,,`,
      `${good},盗窃罪,2024-03-01,2024-04-15,第一检察部,审查起诉,,张三:suspect,,`,
    ].join('\n');
    const res2 = await t.call(
      'cases',
      'case.import',
      { fileID: await upload('bad2.csv', csv2) },
      AG,
    );
    expect(res2.ok).toBe(false);
    if (res2.ok) return;
    expect((res2.error.issues ?? []).map((i) => i.path)).toEqual([
      'rows.0.timeLimit',
      'rows.0.measures.0.partyName',
      'rows.1.caseNumber',
      'rows.2.caseNumber',
    ]);
    expect(res2.error.issues?.[3].message).toBe('第3条：案件编号与第1条重复');
    expect((await casesOf('110105')).length).toBe(before);
  });

  test('When the file is missing, not UTF-8, unreadable, empty or longer than the limit, then BAD_REQUEST and nothing is written', async () => {
    const before = (await casesOf('110105')).length;
    const expectProblem = async (fileID: string, path: string, message: string | RegExp) => {
      const res = await t.call('cases', 'case.import', { fileID }, AG);
      expect(res.ok).toBe(false);
      if (res.ok) return;
      expect(res.error.code).toBe('BAD_REQUEST');
      expect(res.error.issues?.[0].path).toBe(path);
      expect(res.error.issues?.[0].message).toMatch(message);
    };
    await expectProblem(
      'cloud://env.bucket/imports/none.csv',
      'fileID',
      '导入文件上传未完成或已失效',
    );
    await expectProblem(
      await upload('gbk.csv', new Uint8Array([0xb5, 0xc1, 0xc7, 0xd4])),
      'fileID',
      /UTF-8/,
    );
    await expectProblem(await upload('x.csv', 'caseNumber,foo\n1,2'), 'fileID', /不支持的列：foo/);
    await expectProblem(await upload('y.json', '[{'), 'fileID', /不是有效的JSON/);
    await expectProblem(await upload('z.csv', HEADER + '\n'), 'fileID', '导入文件中没有案件');
    await expectProblem(await upload('p.png', 'x'), 'fileID', /CSV或JSON/);
    // A good file, but another case manager's upload.
    const theirs = await upload(
      'theirs.csv',
      `${HEADER}\n京朝检刑诉受〔2025〕110105900999号,盗窃罪,2025-01-01,2025-02-01,一部,审查起诉,,张三:suspect,,`,
      AG2,
    );
    await expectProblem(theirs, 'fileID', '导入文件不是您本人上传的，请重新上传');
    const many = [HEADER];
    for (let i = 0; i < 201; i++) {
      many.push(
        `京朝检刑诉受〔2025〕110105${String(900000 + i)}号,盗窃罪,2025-01-01,2025-02-01,一部,审查起诉,,张三:suspect,,`,
      );
    }
    await expectProblem(await upload('many.csv', many.join('\n')), 'rows', /一次最多导入200件/);
    expect((await casesOf('110105')).length).toBe(before);
  });
});
