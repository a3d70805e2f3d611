// Public services must suit older people and people using screen readers. Every page of app.json,
// opened in the preview as the people who use it and in the states that matter (empty and filled
// lists, a form with its field errors, the submitted result, a detail with its reply, a staff page
// refused to a citizen), is checked with axe-core, for a label on every control, and at WeChat's
// large font (text 1.5×) for text cut off, overlapping or reaching past the screen.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  auditControls,
  axeViolations,
  axeViolationsOfShell,
  describeViolations,
  layoutProblems,
} from './audit';
import { DEMO, PREVIEW_DIR, openPreview, type Preview } from './browser';
import { createDemoData, DEMO_PETITIONER, type DemoData } from './demo-data';

// The preview needs WeChat's wcc (x86-64 only); suggestion.test.ts checks it is built where it can be.
const built = existsSync(join(PREVIEW_DIR, 'index.html'));

/** A page in one state: who opens it, where, what proves the state is shown, and how to get there. */
interface Screen {
  name: string;
  as: string;
  path: (d: DemoData) => string;
  /** A selector that is visible once the page shows this state. */
  shows: string;
  prepare?: (p: Preview, d: DemoData) => Promise<void>;
  /** The state has nothing to act on (it only reads). */
  readOnly?: boolean;
}

const MISSING_ID = 'sg00000000000000000000000000000000';

const SCREENS: Screen[] = [
  {
    name: '服务大厅（群众）',
    as: DEMO.citizen,
    path: () => '/pages/index/index',
    shows: '.p-pages-index-index--grid',
  },
  {
    name: '服务大厅（工作人员入口）',
    as: DEMO.handler,
    path: () => '/pages/index/index',
    shows: '#staff-entry',
  },
  { name: '我的（群众）', as: DEMO.citizen, path: () => '/pages/me/index', shows: '#link-mine' },
  {
    name: '我的（工作人员）',
    as: DEMO.handler,
    path: () => '/pages/me/index',
    shows: '#link-inbox',
  },
  {
    name: '意见建议箱：空白表单',
    as: DEMO.citizen,
    path: () => '/citizen/suggestion-submit/index',
    shows: '#unit-picker',
  },
  {
    name: '意见建议箱：显示字段错误',
    as: DEMO.citizen,
    path: () => '/citizen/suggestion-submit/index',
    shows: '#error-content',
    prepare: async (p) => {
      await p.type(/^意见建议内容/, '太短');
      await p.tap('提交意见建议');
      await p.subscribe('reject');
    },
  },
  {
    name: '意见建议箱：提交成功',
    as: DEMO.citizen,
    path: () => '/citizen/suggestion-submit/index',
    shows: '#query-code',
    prepare: async (p) => {
      await p.pick(/^受理检察院/, '北京市人民检察院', '北京市朝阳区人民检察院');
      await p.pick(/^建议类别/, '队伍建设');
      await p.type(/^意见建议内容/, '建议定期公布检察开放日的时间和报名方式，方便群众参加。');
      await p.tap('提交意见建议');
      await p.subscribe('accept');
    },
  },
  {
    name: '我的意见建议：没有记录',
    as: DEMO.otherCitizen,
    path: () => '/citizen/suggestion-mine/index',
    shows: '#empty-state',
  },
  {
    name: '我的意见建议：列表',
    as: DEMO.citizen,
    path: () => '/citizen/suggestion-mine/index',
    shows: '#summary',
  },
  {
    name: '意见建议详情：等待回复',
    as: DEMO.citizen,
    path: (d) => `/citizen/suggestion-detail/index?id=${d.pending.id}`,
    shows: '#waiting',
  },
  {
    name: '意见建议详情：已回复',
    as: DEMO.citizen,
    path: (d) => `/citizen/suggestion-detail/index?id=${d.replied.id}`,
    shows: '#reply',
  },
  {
    name: '意见建议详情：未找到',
    as: DEMO.citizen,
    path: () => `/citizen/suggestion-detail/index?id=${MISSING_ID}`,
    shows: '#notfound-state',
  },
  {
    name: '信访：选择类别',
    as: DEMO.lawyer,
    path: () => '/citizen/petition-submit/index',
    shows: '#kinds',
  },
  {
    name: '信访：国家赔偿表单',
    as: DEMO.lawyer,
    path: () => '/citizen/petition-submit/index?kind=state_compensation',
    shows: '#f-compensation-victim-name',
  },
  {
    name: '信访：未填写实名信息',
    as: DEMO.otherCitizen,
    path: () => '/citizen/petition-submit/index?kind=other',
    shows: '#noprofile-state',
  },
  {
    name: '信访：显示字段错误',
    as: DEMO.lawyer,
    path: () => '/citizen/petition-submit/index?kind=criminal_appeal',
    shows: '#error-f-decision-title',
    prepare: async (p) => {
      await p.tap('提交信访');
      await p.subscribe('reject');
    },
  },
  {
    name: '我的信访：没有记录',
    as: DEMO.otherCitizen,
    path: () => '/citizen/petition-mine/index',
    shows: '#empty-state',
  },
  {
    name: '我的信访：列表',
    as: DEMO.lawyer,
    path: () => '/citizen/petition-mine/index',
    shows: '#summary',
  },
  {
    name: '信访详情：已答复，可评价和申请复查',
    as: DEMO.lawyer,
    path: (d) => `/citizen/petition-detail/index?id=${citizenPetitionId(d, 'answered')}`,
    shows: '#rate',
  },
  {
    name: '信访详情：待补充材料',
    as: DEMO.lawyer,
    path: (d) => `/citizen/petition-detail/index?id=${citizenPetitionId(d, 'materials')}`,
    shows: '#supply',
  },
  {
    name: '意见建议查询：空白',
    as: DEMO.citizen,
    path: () => '/citizen/suggestion-query/index',
    shows: '#query',
  },
  {
    name: '意见建议查询：查询码有误',
    as: DEMO.citizen,
    path: () => '/citizen/suggestion-query/index',
    shows: '#error-queryCode',
    prepare: async (p) => {
      await p.type(/^查询码/, 'ABC');
      await p.tap('查询');
    },
  },
  {
    name: '意见建议查询：结果与回复',
    as: DEMO.citizen,
    path: (d) => `/citizen/suggestion-query/index?code=${d.replied.queryCode}`,
    shows: '#reply',
  },
  {
    name: '意见建议办理：没有意见建议',
    as: 'o-staff-110000-handler',
    path: () => '/staff/suggestion-inbox/index',
    shows: '#empty-state',
  },
  {
    name: '意见建议办理：列表',
    as: DEMO.handler,
    path: () => '/staff/suggestion-inbox/index',
    shows: '#summary',
  },
  {
    name: '意见建议办理：群众无权查看',
    as: DEMO.citizen,
    path: () => '/staff/suggestion-inbox/index',
    shows: '#forbidden-state',
  },
  {
    name: '回复意见建议：答复表单',
    as: DEMO.handler,
    path: (d) => `/staff/suggestion-reply/index?id=${d.pending.id}`,
    shows: '#reply-input',
  },
  {
    name: '回复意见建议：需人工审核',
    as: DEMO.handler,
    path: (d) => `/staff/suggestion-reply/index?id=${d.review.id}`,
    shows: '#review-flag',
  },
  {
    name: '回复意见建议：答复有误',
    as: DEMO.handler,
    path: (d) => `/staff/suggestion-reply/index?id=${d.pending.id}`,
    shows: '#error-content',
    prepare: async (p) => {
      await p.type(/^答复内容/, '好');
      await p.tap('提交答复');
      await p.tap('确认回复');
    },
  },
  {
    name: '回复意见建议：已回复',
    as: DEMO.handler,
    path: (d) => `/staff/suggestion-reply/index?id=${d.replied.id}`,
    shows: '#reply',
    readOnly: true,
  },
  {
    name: '回复意见建议：登记员只能查看',
    as: DEMO.registrar,
    path: (d) => `/staff/suggestion-reply/index?id=${d.pending.id}`,
    shows: '#no-reply-role',
    readOnly: true,
  },
  {
    name: '回复意见建议：群众无权查看',
    as: DEMO.citizen,
    path: (d) => `/staff/suggestion-reply/index?id=${d.pending.id}`,
    shows: '#forbidden-state',
    readOnly: true,
  },
  {
    name: '实名信息：填写',
    as: DEMO.otherCitizen,
    path: () => '/citizen/profile/index',
    shows: '#use-wechat-phone',
  },
  {
    name: '实名信息：显示字段错误',
    as: DEMO.otherCitizen,
    path: () => '/citizen/profile/index',
    shows: '#error-idNumber',
    prepare: async (p) => {
      await p.type(/^姓名/, '张');
      await p.type(/^身份证号码/, '110105194912310021');
      await p.tap('保存实名信息');
    },
  },
  {
    name: '实名信息：已保存',
    as: DEMO.citizen,
    path: () => '/citizen/profile/index',
    shows: '#toggle-id',
    prepare: async (p) => {
      await p.type(/^姓名/, '阿依古丽·买买提');
      await p.type(/^身份证号码/, '11010519491231002X');
      await p.type(/^手机号码/, '13800138000');
      await p.tap('保存实名信息');
      await p.tap('显示完整身份证号码');
    },
  },
  {
    name: '信访办理：列表',
    as: DEMO.registrar,
    path: () => '/staff/petition-inbox/index',
    shows: '#summary',
  },
  {
    name: '信访办理：群众无权查看',
    as: DEMO.citizen,
    path: () => '/staff/petition-inbox/index',
    shows: '#forbidden-state',
  },
  {
    name: '信访详情：待登记',
    as: DEMO.registrar,
    path: (d) => `/staff/petition-detail/index?id=${petitionId(d, 'submitted')}`,
    shows: '#act-register',
  },
  {
    name: '信访详情：答复内容有误',
    as: DEMO.handler,
    path: (d) => `/staff/petition-detail/index?id=${petitionId(d, 'assigned')}`,
    shows: '#error-text',
    prepare: async (p) => {
      await p.tap('程序性答复');
      await p.type(/^答复内容/, '请联系被反映人李四，电话13912345678，协商解决。');
      await p.tap('提交程序性答复');
    },
  },
  {
    name: '登记来信来访：显示字段错误',
    as: DEMO.registrar,
    path: () => '/staff/petition-file/index',
    shows: '#error-channel',
    prepare: async (p) => {
      await p.pick(/^信访类别/, '控告');
      await p.tap('登记信访');
    },
  },
  {
    name: '信访分流设置：管理员',
    as: DEMO.admin,
    path: () => '/staff/routing/index',
    shows: '#save',
  },
  {
    name: '节假日日历（calendar）：最高人民检察院管理员编辑',
    as: 'o-staff-100000-admin',
    path: () => '/staff/calendar/index',
    shows: '#add-holiday',
  },
  {
    name: '归档卷宗：已归档的信访',
    as: DEMO.registrar,
    path: (d) => `/staff/petition-dossier/index?id=${petitionId(d, 'submitted')}`,
    shows: '#dossier',
    // A petition of its own, filed, refused and archived, so the other screens' petitions stay.
    prepare: async (p) => {
      const step = async (action: string, input: object, openid: string) =>
        (
          (await p.cloud.invoke('petition', { action, input }, { openid })).result as {
            data: { id: string };
          }
        ).data;
      const { id } = await step(
        'submit',
        {
          kind: 'other',
          procuratorateId: '110105',
          request: '请求督促物业公司公开维修基金的使用情况',
          facts: '2025年5月起，小区物业多次拒绝公开维修基金使用情况，反映后至今没有结果。',
          reasons: '物业公司的做法侵害了业主的合法权益。',
          address: '北京市朝阳区建国路88号',
          contact: '13800138000',
          clientToken: `dossier-${Date.now().toString(36)}`,
        },
        DEMO_PETITIONER,
      );
      await step('register', { id, departmentId: '110105-ks' }, DEMO.registrar);
      const explanation = '经审查，您的诉求不明确，请补充具体请求后重新提出。';
      await step('refuse', { id, ground: 2, explanation }, DEMO.registrar);
      await step('archive', { id }, DEMO.registrar);
      await p.launch(`/staff/petition-dossier/index?id=${id}`);
    },
  },
  {
    name: '信访统计：审批领导',
    as: DEMO.leader,
    path: () => '/staff/petition-stats/index',
    shows: '#summary',
  },
  {
    name: '利益关系申报（interests）：承办人',
    as: DEMO.handler,
    path: () => '/staff/interests/index',
    shows: '#relative-0-name',
    prepare: async (p) => {
      await p.tap('添加亲属或利害关系人');
      await p.tap('添加单位');
    },
  },
];

/** A citizen demo petition's id; the page list check passes a demo without them. */
function citizenPetitionId(d: DemoData, which: keyof DemoData['citizenPetitions']): string {
  return (d as Partial<DemoData>).citizenPetitions?.[which] ?? 'missing';
}

/** A demo petition's id; the page list check passes a demo without petitions. */
function petitionId(d: DemoData, which: keyof DemoData['petitions']): string {
  return (d as Partial<DemoData>).petitions?.[which] ?? 'missing';
}

/** Opens the screen afresh and brings it to its state; fails when the state does not show. */
async function show(p: Preview, d: DemoData, screen: Screen, fontScale: number): Promise<void> {
  // A clean phone: no draft or subscription choice left by the screen before.
  await p.page.evaluate(() => localStorage.clear());
  await p.launch(screen.path(d), { as: screen.as, fontScale });
  await screen.prepare?.(p, d);
  await p.current().locator(screen.shows).first().waitFor({ state: 'visible', timeout: 5000 });
  expect(await p.errors()).toEqual([]);
}

(built ? describe : () => undefined)('Accessibility of every page', () => {
  test('Every page of app.json is checked', () => {
    const app = require('../../miniprogram/app.json') as {
      pages: string[];
      subPackages: { root: string; pages: string[] }[];
    };
    const pages = [
      ...app.pages,
      ...app.subPackages.flatMap((s) => s.pages.map((page) => `${s.root}/${page}`)),
    ];
    const demo = {
      pending: { id: 'x' },
      replied: { id: 'x', queryCode: 'x' },
      review: { id: 'x' },
    };
    const checked = new Set(SCREENS.map((s) => s.path(demo as DemoData).replace(/^\/|\?.*$/g, '')));
    expect(pages.filter((page) => !checked.has(page))).toEqual([]);
  });

  describe('at the normal font size', () => {
    let p: Preview;
    let d: DemoData;

    beforeAll(async () => {
      p = await openPreview({ as: DEMO.citizen });
      d = await createDemoData(p.cloud, DEMO);
    }, 30_000);

    afterAll(async () => {
      await p?.close();
    });

    test.each(SCREENS.map((s) => [s.name, s] as const))(
      'When %s is shown, then axe finds no serious or critical violation and every control is labelled with what it shows',
      async (_name, screen) => {
        await show(p, d, screen, 1);
        expect(describeViolations(await axeViolations(p.page))).toEqual([]);
        const { controls, problems } = await auditControls(p.page);
        expect(problems).toEqual([]);
        // The audit did look: what has controls shows some.
        if (!screen.readOnly) expect(controls.length).toBeGreaterThan(0);
      },
      20_000,
    );

    test('When the whole preview is checked, then the shell around the phone passes axe too', async () => {
      await p.launch('/pages/index/index', { as: DEMO.citizen });
      expect(describeViolations(await axeViolationsOfShell(p.page))).toEqual([]);
    });
  });

  describe('at the large font (1.5×)', () => {
    let p: Preview;
    let d: DemoData;

    beforeAll(async () => {
      p = await openPreview({ as: DEMO.citizen, fontScale: 1.5 });
      d = await createDemoData(p.cloud, DEMO);
    }, 30_000);

    afterAll(async () => {
      await p?.close();
    });

    test('When the font setting is 1.5, then page text is 1.5 times as large and WeChat’s bars keep theirs', async () => {
      await p.launch('/pages/me/index', { as: DEMO.citizen, fontScale: 1.5 });
      const size = (selector: string) =>
        p.page
          .locator(selector)
          .first()
          .evaluate((el) => getComputedStyle(el).fontSize);
      // page { font-size: 34rpx } is 17px on a 375px-wide phone.
      expect(await size('#viewport p-pages-me-index')).toBe('25.5px');
      expect(await size('#nav-title')).toBe('17px');
      expect(await p.page.evaluate(() => wx.getSystemInfoSync().fontSizeSetting)).toBe(24);
    });

    test('When text is squeezed, covered or too wide, or a label leaves out what it shows, then the audits say so', async () => {
      await p.launch('/pages/me/index', { as: DEMO.citizen, fontScale: 1.5 });
      await p.current().evaluate((page) => {
        const fixture = document.createElement('div');
        fixture.id = 'audit-fixture';
        fixture.innerHTML = [
          '<div style="height:10px;overflow:hidden">这段文字放不下</div>',
          '<div><span>上面的字</span><span style="position:relative;left:-30px">盖住了</span></div>',
          '<div style="width:600px">太宽了</div>',
          '<div role="button" tabindex="0" aria-label="提交">保存草稿</div>',
          '<div role="button" tabindex="0"></div>',
        ].join('');
        page.append(fixture);
      });
      const layout = await layoutProblems(p.page);
      expect(layout).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^cut off: div “这段文字放不下”/),
          expect.stringMatching(/^overlap: “上面的字” .* and “盖住了”/),
          expect.stringMatching(/^horizontal scroll: /),
          expect.stringMatching(/^past the screen: div spans/),
        ]),
      );
      const { problems } = await auditControls(p.page);
      expect(problems).toEqual([
        expect.stringMatching(/^button “提交” .*: the name leaves out the visible text “保存草稿”/),
        expect.stringMatching(/^button “” .*: no accessible name/),
      ]);
    });

    test.each(SCREENS.map((s) => [s.name, s] as const))(
      'When %s is shown, then no text is cut off or overlaps and nothing reaches past the screen',
      async (_name, screen) => {
        await show(p, d, screen, 1.5);
        expect(await layoutProblems(p.page)).toEqual([]);
        expect(describeViolations(await axeViolations(p.page))).toEqual([]);
      },
      20_000,
    );
  });
});
