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
import { uploadAs } from '../../devcloud/uploads';
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

/** The deputy and supervisor the liaison screens bind (liaisonMember). */
const LIAISON_DEPUTY = 'o-liaison-a11y-deputy';
const LIAISON_SUPERVISOR = 'o-liaison-a11y-supervisor';

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
  // Case binding and the procedure query (issue #6): identities of their own, so nothing else moves.
  {
    name: '律师身份认证（case）：填写',
    as: 'o-case-demo-lawyer',
    path: () => '/citizen/lawyer/index',
    shows: '#f-certificateNumber',
  },
  {
    name: '律师身份认证（case）：显示字段错误',
    as: 'o-case-demo-lawyer',
    path: () => '/citizen/lawyer/index',
    shows: '#error-certificateNumber',
    prepare: async (p) => {
      await p.type(/^姓名/, '周律师');
      await p.type(/^执业证号/, '1110120151');
      await p.tap('提交认证申请');
      await p.subscribe('reject');
    },
  },
  {
    name: '律师身份认证（case）：待审核',
    as: 'o-case-demo-lawyer-pending',
    path: () => '/citizen/lawyer/index',
    shows: '#pending-hint',
    readOnly: true,
    prepare: async (p) => {
      const me = 'o-case-demo-lawyer-pending';
      await caseDemoCall(p, 'cases', 'lawyer.verify', me, {
        name: '周律师',
        certificateNumber: '11101201510012345',
        firm: '北京市朝阳律师事务所',
        certificateImage: await caseDemoUpload(p, me, 'cert.jpg'),
        procuratorateId: '110105',
      });
      await p.launch('/citizen/lawyer/index');
    },
  },
  {
    name: '我的案件（case）：没有记录',
    as: 'o-case-demo-empty',
    path: () => '/citizen/case-bindings/index',
    shows: '#empty-state',
  },
  {
    name: '我的案件（case）：待审核与已通过',
    as: 'o-case-demo-list',
    path: () => '/citizen/case-bindings/index',
    shows: '[role="link"]',
    prepare: async (p) => {
      await caseDemoBind(p, 'o-case-demo-list', false);
      await caseDemoBind(p, 'o-case-demo-list', true);
      await p.launch('/citizen/case-bindings/index');
    },
  },
  {
    name: '申请绑定案件（case）：未填写实名信息',
    as: 'o-case-demo-noprofile',
    path: () => '/citizen/case-bind/index',
    shows: '#open-profile',
  },
  {
    name: '申请绑定案件（case）：显示字段错误',
    as: 'o-case-demo-bind',
    path: () => '/citizen/case-bind/index',
    // No proof uploaded: the proofs' message under them.
    shows: '#error-proofs',
    prepare: async (p) => {
      await caseDemoCall(p, 'account', 'profile.save', 'o-case-demo-bind', {
        name: '陈晓',
        idNumber: '11010519491231002X',
        mobile: '13800138000',
      });
      await p.launch('/citizen/case-bind/index');
      await p.type(/^案件编号/, '京朝检刑诉受〔2024〕110105999999号');
      await p.tap('提交申请');
      await p.subscribe('reject');
      await p.tap('提交');
    },
  },
  {
    name: '案件程序性信息（case）：七项信息',
    as: 'o-case-demo-bound',
    path: () => '/citizen/case-procedure/index',
    shows: '#fields',
    prepare: async (p) => {
      const caseId = await caseDemoBind(p, 'o-case-demo-bound', true);
      await p.launch(`/citizen/case-procedure/index?id=${caseId}`);
    },
  },
  {
    name: '案件程序性信息（case）：未找到',
    as: 'o-case-demo-empty',
    path: () => '/citizen/case-procedure/index?id=cs-missing',
    shows: '#notfound-state',
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
  // ---- 案件管理 (casework): case-management staff's cases and reviews ----
  {
    name: '案件管理（casework）：列表',
    as: 'o-staff-110105-ag',
    path: () => '/casework/cases/index',
    shows: '#summary',
    prepare: async (p) => {
      await caseworkCase(p);
      await p.launch('/casework/cases/index');
    },
  },
  {
    name: '登记案件（casework）：显示字段错误',
    as: 'o-staff-110105-ag',
    path: () => '/casework/case-edit/index',
    shows: '#error-caseNumber',
    prepare: async (p) => {
      await p.tap('登记案件');
    },
  },
  {
    name: '编辑案件（casework）：当事人、强制措施和进程记录',
    as: 'o-staff-110105-ag',
    path: () => '/casework/case-edit/index',
    shows: '#timeline',
    prepare: async (p) => {
      const { id } = await caseworkCase(p);
      await p.launch(`/casework/case-edit/index?id=${id}`);
    },
  },
  {
    name: '批量导入（casework）：说明和选择文件',
    as: 'o-staff-110105-ag',
    path: () => '/casework/case-import/index',
    shows: '#columns',
  },
  {
    name: '审核（casework）：绑定申请列表',
    as: 'o-staff-110105-ag',
    path: () => '/casework/reviews/index',
    shows: '#tab-binding',
  },
  {
    name: '审核申请（casework）：绑定申请和证明材料',
    as: 'o-staff-110105-ag',
    path: () => '/casework/review/index',
    shows: '#approve',
    prepare: async (p) => {
      const { caseNumber } = await caseworkCase(p);
      const citizen = `o-casework-${Date.now().toString(36)}-${(caseworkSeq += 1)}`;
      await caseworkCall(
        p,
        'account',
        'profile.save',
        { name: '张三', idNumber: '11010519491231002X', mobile: '13800138000' },
        citizen,
      );
      const proof = await uploadAs(
        p.cloud,
        citizen,
        `bindings/${citizen}/id.png`,
        new Uint8Array(Buffer.from(CASEWORK_PNG, 'base64')),
      );
      const { id } = await caseworkCall<{ id: string }>(
        p,
        'cases',
        'binding.request',
        { caseNumber, role: 'party', partyName: '张三', proofs: [proof] },
        citizen,
      );
      await p.launch(`/casework/review/index?kind=binding&id=${id}`);
    },
  },
  // ---- end of 案件管理 (casework) ----
  // ---- 信息发布与文书公开 (publish): the public pages as nobody, the staff pages as case managers ----
  {
    name: '重要案件信息（publish）：列表',
    as: 'o-publish-demo-nobody',
    path: () => '/public/announcements/index',
    shows: '#summary',
    prepare: async (p) => {
      await publishDemoAnnouncement(p);
      await p.launch('/public/announcements/index');
    },
  },
  {
    name: '重要案件信息（publish）：详情',
    as: 'o-publish-demo-nobody',
    path: () => '/public/announcement/index?id=an-missing',
    shows: '#body',
    readOnly: true,
    prepare: async (p) => {
      await p.launch(`/public/announcement/index?id=${await publishDemoAnnouncement(p)}`);
    },
  },
  {
    name: '法律文书公开（publish）：搜索结果',
    as: 'o-publish-demo-nobody',
    path: () => '/public/documents/index',
    shows: '#summary',
    prepare: async (p) => {
      await publishDemoDocument(p, true);
      await p.launch('/public/documents/index');
      await p.type(/^关键词/, '交通肇事');
      await p.tap('搜索');
    },
  },
  {
    name: '法律文书（publish）：脱敏后的文书',
    as: 'o-publish-demo-nobody',
    path: () => '/public/document/index?id=ld-missing',
    shows: '#doc-text',
    readOnly: true,
    prepare: async (p) => {
      await p.launch(`/public/document/index?id=${await publishDemoDocument(p, true)}`);
    },
  },
  {
    name: '信息发布（publish）：列表',
    as: 'o-staff-110105-ag',
    path: () => '/casework/announcements/index',
    shows: '#draft',
  },
  {
    name: '重要案件信息编辑（publish）：显示字段错误',
    as: 'o-staff-110105-ag',
    path: () => '/casework/announcement-edit/index',
    shows: '#error-title',
    prepare: async (p) => {
      await p.tap('保存草稿');
    },
  },
  {
    name: '文书公开（publish）：列表',
    as: 'o-staff-110105-ag',
    path: () => '/casework/documents/index',
    shows: '#create',
  },
  {
    name: '编辑文书（publish）：显示字段错误',
    as: 'o-staff-110105-ag',
    path: () => '/casework/document-edit/index',
    shows: '#error-caseId',
    prepare: async (p) => {
      await p.tap('保存并查看脱敏结果');
    },
  },
  {
    name: '文书审核（publish）：原文与脱敏结果对照',
    as: 'o-staff-110105-ag2',
    path: () => '/casework/document-review/index?id=ld-missing',
    shows: '#compare',
    prepare: async (p) => {
      const id = await publishDemoDocument(p, false);
      await p.launch(`/casework/document-review/index?id=${id}`);
    },
  },
  {
    name: '文书审核（publish）：不予公开',
    as: 'o-staff-110105-ag2',
    path: () => '/casework/document-review/index?id=ld-missing',
    shows: '#unpublishable',
    prepare: async (p) => {
      const id = await publishDemoDocument(p, false, { privacy: true });
      await p.launch(`/casework/document-review/index?id=${id}`);
    },
  },
  // ---- end of 信息发布与文书公开 (publish) ----
  // ---- 预约 (appointment): lawyers' requests, video receptions, slots and the staff inbox ----
  {
    name: '预约（appointment）：律师选择案件、事项和时段，显示字段错误',
    as: 'o-appt-demo-book',
    path: () => '/citizen/appointment-book/index',
    shows: '#error-slot',
    prepare: async (p) => {
      await apptDemoLawyer(p, 'o-appt-demo-book');
      await p.launch('/citizen/appointment-book/index');
      await p.waitForData('slotsState', 'ready');
      await p.tap('提交预约');
      await p.subscribe('reject');
      await p.tap('提交');
    },
  },
  {
    name: '预约（appointment）：视频接访未填写实名信息',
    as: 'o-appt-demo-noprofile',
    path: () => '/citizen/appointment-book/index?type=video_reception',
    shows: '#open-profile',
  },
  {
    name: '预约（appointment）：没有可以预约的案件',
    as: 'o-appt-demo-nocase',
    path: () => '/citizen/appointment-book/index',
    shows: '#open-bind',
  },
  {
    name: '我的预约（appointment）：待确认',
    as: 'o-appt-demo-mine',
    path: () => '/citizen/appointments/index',
    shows: '#summary',
    prepare: async (p) => {
      await apptDemoBooked(p, 'o-appt-demo-mine');
      await p.launch('/citizen/appointments/index');
    },
  },
  {
    name: '预约详情（appointment）：可取消',
    as: 'o-appt-demo-detail',
    path: () => '/citizen/appointment-detail/index',
    shows: '#cancel',
    prepare: async (p) => {
      const id = await apptDemoBooked(p, 'o-appt-demo-detail');
      await p.launch(`/citizen/appointment-detail/index?id=${id}`);
    },
  },
  {
    name: '预约时段（appointment）：时段和字段错误',
    as: 'o-staff-110105-ag',
    path: () => '/casework/slots/index',
    shows: '#error-periods-1-capacity',
    prepare: async (p) => {
      await p.tap('添加时段');
      await p.tap('添加时段');
      await p.type(/^第2个时段名额/, '0');
      await p.tap('保存时段');
    },
  },
  {
    name: '预约办理（appointment）：待确认列表',
    as: 'o-staff-110105-ag',
    path: () => '/casework/appointments/index',
    shows: '#summary',
    prepare: async (p) => {
      await apptDemoBooked(p, 'o-appt-demo-inbox');
      await p.launch('/casework/appointments/index');
    },
  },
  {
    name: '办理预约（appointment）：同意与不同意',
    as: 'o-staff-110105-ag',
    path: () => '/casework/appointment/index',
    shows: '#confirm',
    prepare: async (p) => {
      const id = await apptDemoBooked(p, 'o-appt-demo-decide');
      await p.launch(`/casework/appointment/index?id=${id}`);
    },
  },
  // ---- end of 预约 (appointment) ----
  // ---- 法律法规查询 (laws): public pages, opened by someone the functions do not know ----
  {
    name: '法律法规查询（laws）：目录',
    as: 'o-laws-demo-nobody',
    path: () => '/public/laws/index',
    shows: '#catalogue-title',
  },
  {
    name: '法律法规查询（laws）：查询结果',
    as: 'o-laws-demo-nobody',
    path: () => '/public/laws/index',
    shows: '#summary',
    prepare: async (p) => {
      await p.type(/^关键词/, '国家赔偿 请求时效');
      await p.tap('搜索');
    },
  },
  {
    name: '法律法规目录（laws）：刑法，展开一章',
    as: 'o-laws-demo-nobody',
    path: () => '/public/law/index?law=criminal-law',
    shows: '.p-public-law-index--article-link',
    prepare: async (p) => {
      await p.tap(/^第五章 侵犯财产罪/);
    },
  },
  {
    name: '法律条文（laws）：刑法第二百六十四条',
    as: 'o-laws-demo-nobody',
    path: () => '/public/article/index?law=criminal-law&article=264',
    shows: '#article-body',
  },
  {
    name: '法律条文（laws）：未找到',
    as: 'o-laws-demo-nobody',
    path: () => '/public/article/index?law=no-such-law&article=264',
    shows: '#notfound-state',
  },
  // ---- end of 法律法规查询 (laws) ----
  // ---- 检务公开 (openness): the directory for anyone, the entry's upkeep for the administrator ----
  {
    name: '检察院名录（openness）：列表',
    as: 'o-openness-demo-nobody',
    path: () => '/public/directory/index',
    shows: '#summary',
  },
  {
    name: '检察院名录（openness）：没有找到',
    as: 'o-openness-demo-nobody',
    path: () => '/public/directory/index',
    shows: '#empty-state',
    prepare: async (p) => {
      await p.type(/^搜索检察院/, '没有这个检察院');
      await p.tap('搜索');
    },
  },
  {
    name: '检察院信息（openness）：朝阳区，电话、地图和信访指南',
    as: 'o-openness-demo-nobody',
    path: () => '/public/unit/index?id=110105',
    shows: '#guide-procedure',
  },
  {
    name: '检察院信息（openness）：未找到',
    as: 'o-openness-demo-nobody',
    path: () => '/public/unit/index?id=999999',
    shows: '#notfound-state',
  },
  {
    name: '本院信息维护（openness）：管理员',
    as: DEMO.admin,
    path: () => '/staff/unit-edit/index',
    shows: '#save',
  },
  {
    name: '本院信息维护（openness）：字段错误',
    as: DEMO.admin,
    path: () => '/staff/unit-edit/index',
    shows: '#error-phone',
    prepare: async (p) => {
      await p.type(/^联系电话/, '12345abc');
      await p.tap('保存本院信息');
    },
  },
  {
    name: '本院信息维护（openness）：拒绝登记员',
    as: DEMO.registrar,
    path: () => '/staff/unit-edit/index',
    shows: '#forbidden-state',
  },
  {
    name: '网上阅卷排除案由（cases）：管理员',
    as: DEMO.admin,
    path: () => '/staff/disclosure-settings/index',
    shows: '#add-cause',
  },
  {
    name: '网上阅卷排除案由（cases）：字段错误',
    as: DEMO.admin,
    path: () => '/staff/disclosure-settings/index',
    shows: '#error-draft',
    prepare: async (p) => {
      await p.type(/^添加案由/, '毒');
      await p.tap('添加');
    },
  },
  {
    name: '网上阅卷排除案由（cases）：非管理员无权',
    as: DEMO.handler,
    path: () => '/staff/disclosure-settings/index',
    shows: '#forbidden-state',
    readOnly: true,
  },
  // ---- end of 检务公开 (openness) ----
  // ---- 法律咨询 (consult) ----
  {
    name: '法律咨询（consult）：空白表单',
    as: DEMO.citizen,
    path: () => '/citizen/consult-ask/index',
    shows: '#topic-picker',
  },
  {
    name: '法律咨询（consult）：字段错误',
    as: DEMO.citizen,
    path: () => '/citizen/consult-ask/index',
    shows: '#error-text',
    prepare: async (p) => {
      await p.tap('提交咨询');
      await p.subscribe('reject');
    },
  },
  {
    name: '我的咨询（consult）：空列表',
    as: 'o-consult-demo-nobody',
    path: () => '/citizen/consult-mine/index',
    shows: '#empty-state',
  },
  {
    name: '咨询详情（consult）：未找到',
    as: DEMO.citizen,
    path: () => '/citizen/consult-detail/index?id=cs000000000000000000000000000000',
    shows: '#notfound-state',
    readOnly: true,
  },
  {
    name: '法律咨询办理（consult）：没有咨询',
    as: DEMO.handler,
    path: () => '/staff/consult-inbox/index',
    shows: '#empty-state',
  },
  {
    name: '法律咨询办理（consult）：群众无权查看',
    as: DEMO.citizen,
    path: () => '/staff/consult-inbox/index',
    shows: '#forbidden-state',
    readOnly: true,
  },
  {
    name: '答复法律咨询（consult）：未找到',
    as: DEMO.handler,
    path: () => '/staff/consult-reply/index?id=cs000000000000000000000000000000',
    shows: '#notfound-state',
    readOnly: true,
  },
  {
    name: '常见问题（consult）',
    as: 'o-consult-demo-nobody',
    path: () => '/public/faq/index',
    shows: '#faq-q',
  },
  // ---- end of 法律咨询 (consult) ----
  // ---- 代表委员与人民监督员 (liaison) ----
  {
    name: '代表委员（liaison）：未绑定',
    as: 'o-liaison-a11y-nobody',
    path: () => '/liaison/home/index',
    shows: '#bind-form',
  },
  {
    name: '代表委员（liaison）：邀请码错误',
    as: 'o-liaison-a11y-nobody',
    path: () => '/liaison/home/index',
    shows: '#error-code',
    prepare: async (p) => {
      await p.type(/^邀请码/, 'ABCDEFGH');
      await p.type(/^姓名/, '张三');
      await p.tap('绑定身份');
    },
  },
  {
    name: '代表委员（liaison）：已绑定与我提交的事项',
    as: LIAISON_DEPUTY,
    path: () => '/liaison/home/index',
    shows: '#list-footer',
    prepare: async (p) => {
      await liaisonOpinion(p, 'handling');
      await p.launch('/liaison/home/index', { as: LIAISON_DEPUTY });
    },
  },
  {
    name: '提交意见建议（liaison）：字段错误',
    as: LIAISON_DEPUTY,
    path: () => '/liaison/submit/index',
    shows: '#error-title',
    prepare: async (p) => {
      await liaisonMember(p, LIAISON_DEPUTY, 'deputy');
      await p.launch('/liaison/submit/index', { as: LIAISON_DEPUTY });
      await p.waitForData('state', 'form');
      await p.tap('提交');
      await p.subscribe('reject');
      await p.tap('提交');
    },
  },
  {
    name: '提交案件监督申诉（liaison）：空白表单',
    as: LIAISON_SUPERVISOR,
    path: () => '/liaison/submit/index',
    shows: '#field-caseNumber',
    prepare: async (p) => {
      await liaisonMember(p, LIAISON_SUPERVISOR, 'supervisor');
      await p.launch('/liaison/submit/index', { as: LIAISON_SUPERVISOR });
    },
  },
  {
    name: '事项详情（liaison）：线下答复',
    as: LIAISON_DEPUTY,
    path: () => '/liaison/detail/index',
    shows: '#reply',
    prepare: async (p) => {
      const id = await liaisonOpinion(p, 'replied');
      await p.launch(`/liaison/detail/index?id=${id}`, { as: LIAISON_DEPUTY });
    },
    readOnly: true,
  },
  {
    name: '事项详情（liaison）：未找到',
    as: 'o-liaison-a11y-nobody',
    path: () => '/liaison/detail/index?id=lz000000000000000000000000000000',
    shows: '#missing-state',
    readOnly: true,
  },
  {
    name: '代表委员与监督员事项（liaison）：待分办',
    as: DEMO.registrar,
    path: () => '/staff/liaison-inbox/index',
    shows: '#list-footer',
    prepare: async (p) => {
      await liaisonOpinion(p, 'submitted');
      await p.launch('/staff/liaison-inbox/index', { as: DEMO.registrar });
    },
  },
  {
    name: '代表委员与监督员事项（liaison）：群众无权查看',
    as: DEMO.citizen,
    path: () => '/staff/liaison-inbox/index',
    shows: '#forbidden-state',
    readOnly: true,
  },
  {
    name: '事项办理（liaison）：分办与认定复杂件',
    as: DEMO.leader,
    path: () => '/staff/liaison-item/index',
    shows: '#complex-form',
    prepare: async (p) => {
      const id = await liaisonOpinion(p, 'submitted');
      await p.launch(`/staff/liaison-item/index?id=${id}`, { as: DEMO.leader });
    },
  },
  {
    name: '事项办理（liaison）：线下答复表单',
    as: DEMO.handler,
    path: () => '/staff/liaison-item/index',
    shows: '#field-repliedOn',
    prepare: async (p) => {
      const id = await liaisonOpinion(p, 'handling');
      await p.launch(`/staff/liaison-item/index?id=${id}`, { as: DEMO.handler });
      await p.pick(/^答复方式/, '电话答复');
    },
  },
  {
    name: '代表委员邀请码（liaison）：签发后',
    as: DEMO.admin,
    path: () => '/staff/invitations/index',
    shows: '#issued',
    prepare: async (p) => {
      await p.type(/^姓名/, '周建民');
      await p.pick(/^身份/, '政协委员');
      await p.tap('签发邀请码');
    },
  },
  {
    name: '代表委员邀请码（liaison）：非管理员无权',
    as: DEMO.handler,
    path: () => '/staff/invitations/index',
    shows: '#forbidden-state',
    readOnly: true,
  },
  // ---- end of 代表委员与人民监督员 (liaison) ----
];

// ---- 信息发布与文书公开 (publish): who the screens above act as, and their data ----
const PUBLISH_AG = 'o-staff-110105-ag';
const PUBLISH_AG2 = 'o-staff-110105-ag2';
let publishSeq = 0;

async function publishCall<T>(
  p: Preview,
  fn: string,
  action: string,
  input: object,
  openid: string,
) {
  const result = (await p.cloud.invoke(fn, { action, input }, { openid })).result as
    { ok: true; data: T } | { ok: false; error: unknown };
  if (!result.ok) throw new Error(`${action}: ${JSON.stringify(result.error)}`);
  return result.data;
}

/** An item of important case information drafted by one case manager and published by the other. */
async function publishDemoAnnouncement(p: Preview): Promise<string> {
  const v = await publishCall<{ id: string; version: number }>(
    p,
    'publish',
    'announcement.save',
    {
      title: '朝阳区检察院依法提起公诉一起交通肇事案',
      body: '近日，北京市朝阳区人民检察院对一起交通肇事逃逸案依法提起公诉，检察机关提醒驾驶人遵守交通法规。',
    },
    PUBLISH_AG,
  );
  await publishCall(
    p,
    'publish',
    'announcement.approve',
    { id: v.id, version: v.version },
    PUBLISH_AG2,
  );
  return v.id;
}

/** An indictment saved for a new case of 朝阳 (flags as given), published when `publish`. */
async function publishDemoDocument(
  p: Preview,
  publish: boolean,
  flags: Record<string, boolean> = {},
): Promise<string> {
  publishSeq += 1;
  const serial = String((Date.now() % 900000) + publishSeq * 7)
    .padStart(6, '0')
    .slice(-6);
  const c = await publishCall<{ id: string }>(
    p,
    'cases',
    'case.save',
    {
      caseNumber: `京朝检刑诉受〔2023〕110105${serial}号`,
      cause: '交通肇事罪',
      acceptedOn: '2024-06-01',
      timeLimit: '2024-07-15',
      handlingUnit: '第一检察部 李检察官办案组',
      stage: '审查起诉',
      parties: [
        { name: '张三丰', role: 'defendant', age: 38, sentenceMonths: 18 },
        { name: '李小红', role: 'victim', age: 29 },
      ],
      measures: [],
      flags,
    },
    PUBLISH_AG,
  );
  const d = await publishCall<{ id: string; version: number }>(
    p,
    'publish',
    'document.save',
    {
      caseId: c.id,
      type: 'indictment',
      title: '东三环交通肇事逃逸案起诉书',
      text:
        '北京市朝阳区人民检察院\n起诉书\n被告人张三丰，男，1985年3月2日出生，身份证号码110105198503021234，联系电话13912345678。\n' +
        '2024年5月，被告人张三丰驾驶机动车在朝阳区东三环路将被害人李小红撞伤后逃逸，构成交通肇事罪。王某某目睹了经过。',
    },
    PUBLISH_AG,
  );
  if (publish) {
    await publishCall(
      p,
      'publish',
      'document.approve',
      { id: d.id, version: d.version },
      PUBLISH_AG2,
    );
  }
  return d.id;
}
// ---- end of 信息发布与文书公开 (publish) ----

// ---- 案件管理 (casework): the case manager the screens above act as, and their data ----
const CASEWORK_AG = 'o-staff-110105-ag';
/** A one-pixel PNG: the proof the binding request uploads. */
const CASEWORK_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
let caseworkSeq = 0;

async function caseworkCall<T>(
  p: Preview,
  fn: string,
  action: string,
  input: object,
  openid: string,
): Promise<T> {
  const result = (await p.cloud.invoke(fn, { action, input }, { openid })).result as
    { ok: true; data: T } | { ok: false; error: unknown };
  if (!result.ok) throw new Error(`${action}: ${JSON.stringify(result.error)}`);
  return result.data;
}

/** A case of 朝阳 with two parties, a measure and a flag, registered by the case manager. */
async function caseworkCase(p: Preview): Promise<{ id: string; caseNumber: string }> {
  caseworkSeq += 1;
  const serial = String((Date.now() % 900000) + caseworkSeq)
    .padStart(6, '0')
    .slice(-6);
  return caseworkCall(
    p,
    'cases',
    'case.save',
    {
      caseNumber: `京朝检刑诉受〔2025〕110105${serial}号`,
      cause: '故意伤害罪',
      acceptedOn: '2025-05-01',
      timeLimit: '2025-06-15',
      handlingUnit: '第一检察部 李检察官办案组',
      stage: '审查起诉',
      parties: [
        { name: '张三', role: 'suspect', age: 30 },
        { name: '李四', role: 'victim' },
      ],
      measures: [{ partyName: '张三', measure: '取保候审', from: '2025-05-01' }],
      flags: { privacy: true },
    },
    CASEWORK_AG,
  );
}
// ---- end of 案件管理 (casework) ----

// ---- 预约 (appointment): the people the screens above act as, and their data ----
const APPT_DEMO_AG = 'o-staff-110105-ag';
let apptDemoSeq = 0;

async function apptDemoCall<T = { id: string }>(
  p: Preview,
  fn: string,
  action: string,
  openid: string,
  input: object,
): Promise<T> {
  const out = (await p.cloud.invoke(fn, { action, input }, { openid })).result as {
    ok: boolean;
    data: T;
    error?: unknown;
  };
  if (!out.ok) throw new Error(`${fn}.${action}: ${JSON.stringify(out.error)}`);
  return out.data;
}

async function apptDemoUpload(p: Preview, openid: string, name: string): Promise<string> {
  return uploadAs(p.cloud, openid, `appt-demo/${openid}/${name}`);
}

/**
 * `openid` as a lawyer verified by case management and bound (approved) as defender to a new case
 * of 110105, and two file-reading periods three days on. Answers the binding's and a slot's ids.
 */
async function apptDemoLawyer(
  p: Preview,
  openid: string,
): Promise<{ bindingId: string; slotId: string }> {
  apptDemoSeq += 1;
  const serial = String((Date.now() * 10 + apptDemoSeq) % 1000000).padStart(6, '0');
  await apptDemoCall(p, 'cases', 'lawyer.verify', openid, {
    name: '黄律师',
    certificateNumber: `1110120231${String(apptDemoSeq).padStart(7, '0')}`,
    firm: '北京市东城律师事务所',
    certificateImage: await apptDemoUpload(p, openid, 'cert.jpg'),
    procuratorateId: '110105',
  });
  await apptDemoCall(p, 'cases', 'lawyer.review', APPT_DEMO_AG, { id: openid, approve: true });
  const c = await apptDemoCall<{ caseNumber: string }>(p, 'cases', 'case.save', APPT_DEMO_AG, {
    caseNumber: `京朝检刑诉受〔2023〕110105${serial}号`,
    cause: '盗窃罪',
    acceptedOn: '2023-05-01',
    timeLimit: '2023-06-15',
    handlingUnit: '第一检察部 李检察官办案组',
    stage: '审查起诉',
    parties: [{ name: '张三', role: 'suspect', age: 30 }],
    measures: [],
    flags: {},
  });
  const b = await apptDemoCall(p, 'cases', 'binding.request', openid, {
    caseNumber: c.caseNumber,
    role: 'defender',
    partyName: '张三',
    proofs: [await apptDemoUpload(p, openid, 'poa.jpg')],
  });
  await apptDemoCall(p, 'cases', 'binding.review', APPT_DEMO_AG, { id: b.id, approve: true });
  const day = new Date(Date.now() + 8 * 3600_000 + 3 * 86_400_000).toISOString().slice(0, 10);
  const { slots } = await apptDemoCall<{ slots: { id: string }[] }>(
    p,
    'cases',
    'slots.set',
    APPT_DEMO_AG,
    {
      type: 'file_reading',
      day,
      periods: [
        { start: '09:00', end: '10:00', capacity: 20 },
        { start: '14:00', end: '15:00', capacity: 20 },
      ],
    },
  );
  return { bindingId: b.id, slotId: slots[0].id };
}

/** `openid` as a bound lawyer with a file reading booked; answers the appointment's id. */
async function apptDemoBooked(p: Preview, openid: string): Promise<string> {
  const { bindingId, slotId } = await apptDemoLawyer(p, openid);
  const a = await apptDemoCall(p, 'cases', 'book', openid, {
    slotId,
    bindingId,
    note: '申请查阅本案全部案卷材料',
    clientToken: `appt-demo-${openid}-${Date.now().toString(36)}`,
  });
  return a.id;
}
// ---- end of 预约 (appointment) ----

/** Calls an action as `openid` for a case screen's setup; answers its data. */
async function caseDemoCall<T = { id: string }>(
  p: Preview,
  fn: string,
  action: string,
  openid: string,
  input: object,
): Promise<T> {
  const out = (await p.cloud.invoke(fn, { action, input }, { openid })).result as {
    ok: boolean;
    data: T;
    error?: unknown;
  };
  if (!out.ok) throw new Error(`${fn}.${action}: ${JSON.stringify(out.error)}`);
  return out.data;
}

// ---- 代表委员与人民监督员 (liaison) setup ----

/** Binds `openid` as a deputy or supervisor by an invitation of 110105's administrator, once. */
async function liaisonMember(p: Preview, openid: string, role: 'deputy' | 'supervisor') {
  const me = await caseDemoCall<{ member: unknown }>(p, 'liaison', 'member.me', openid, {});
  if (me.member) return;
  const name = role === 'deputy' ? '林建国' : '何静';
  const { code } = await caseDemoCall<{ code: string }>(
    p,
    'liaison',
    'invitation.issue',
    DEMO.admin,
    { name, role },
  );
  await caseDemoCall(p, 'liaison', 'invitation.redeem', openid, { code, name });
}

let liaisonSeq = 0;

/** An opinion of the deputy to 110105, submitted, assigned to 张华, or answered by letter. */
async function liaisonOpinion(
  p: Preview,
  step: 'submitted' | 'handling' | 'replied',
): Promise<string> {
  await liaisonMember(p, LIAISON_DEPUTY, 'deputy');
  liaisonSeq += 1;
  const { id } = await caseDemoCall(p, 'liaison', 'opinion.submit', LIAISON_DEPUTY, {
    procuratorateId: '110105',
    title: '关于加强校园周边治安的建议',
    content:
      '近期多名家长反映学校周边存在欺凌和敲诈现象，建议会同公安、教育部门开展专项治理，并在学校开展法治宣传。',
    notify: false,
    clientToken: `a11y-liaison-${Date.now()}-${liaisonSeq}`,
  });
  if (step !== 'submitted') {
    await caseDemoCall(p, 'liaison', 'assign', DEMO.registrar, {
      id,
      handlerId: 'st-110105-handler',
    });
  }
  if (step === 'replied') {
    await caseDemoCall(p, 'liaison', 'reply', DEMO.handler, {
      id,
      method: 'letter',
      content: '我院已书面函复：已会同有关部门制定校园周边专项治理方案，下学期开展法治进校园巡讲。',
      repliedOn: new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10),
    });
  }
  return id;
}

/** A small image stored as `openid` would upload it; answers its fileID. */
async function caseDemoUpload(p: Preview, openid: string, name: string): Promise<string> {
  return uploadAs(p.cloud, openid, `case-demo/${openid}/${Date.now().toString(36)}-${name}`);
}

let caseDemoSeq = 0;

/**
 * A case of 110105 registered by its case management, and `openid` (given a profile, 陈晓) asking to
 * be bound to it as the party with a proof — approved by case management when `approve`. Answers
 * the case's id.
 */
async function caseDemoBind(p: Preview, openid: string, approve: boolean): Promise<string> {
  const ag = 'o-staff-110105-ag';
  caseDemoSeq += 1;
  const serial = String((Date.now() * 10 + caseDemoSeq) % 1000000).padStart(6, '0');
  await caseDemoCall(p, 'account', 'profile.save', openid, {
    name: '陈晓',
    idNumber: '11010519491231002X',
    mobile: '13800138000',
  });
  const c = await caseDemoCall<{ id: string; caseNumber: string }>(p, 'cases', 'case.save', ag, {
    caseNumber: `京朝检刑诉受〔2024〕110105${serial}号`,
    cause: '故意伤害罪',
    acceptedOn: '2024-05-01',
    timeLimit: '2024-06-15',
    handlingUnit: '第一检察部 李检察官办案组',
    stage: '审查起诉',
    parties: [
      { name: '张三', role: 'suspect', age: 30 },
      { name: '陈晓', role: 'victim' },
    ],
    measures: [{ partyName: '陈晓', measure: '其他措施', from: '2024-05-02', to: '2024-05-20' }],
    flags: {},
  });
  const b = await caseDemoCall(p, 'cases', 'binding.request', openid, {
    caseNumber: c.caseNumber,
    role: 'party',
    partyName: '陈晓',
    proofs: [await caseDemoUpload(p, openid, 'id.jpg')],
  });
  if (approve) await caseDemoCall(p, 'cases', 'binding.review', ag, { id: b.id, approve: true });
  return c.id;
}

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
