// Demo activity of deputies and supervisors (#7): the demo 人大代表 (o-deputy-1) and 人民监督员
// (o-supervisor-1) bound by invitations of 110105's administrator, an opinion answered online, one
// waiting to be assigned, a supervision complaint in hand, and an invitation still unused (its
// code printed, to try binding as another identity). All through the real functions.
import type { DevCloud } from './index';
import { call } from './demo-disclosure';

const UNIT = '110105';
const ADMIN = `o-staff-${UNIT}-admin`;
const REGISTRAR = `o-staff-${UNIT}-registrar`;
const HANDLER = `o-staff-${UNIT}-handler`;
export const DEPUTY = 'o-deputy-1';
export const SUPERVISOR = 'o-supervisor-1';

export interface LiaisonDemo {
  /** The opinion answered online, the one waiting, the complaint in hand. */
  repliedOpinionId: string;
  waitingOpinionId: string;
  complaintId: string;
  /** An unused invitation (政协委员 吴桂芳), to bind another identity with. */
  unused: { name: string; code: string };
}

async function bind(cloud: DevCloud, openid: string, name: string, role: string) {
  const { code } = await call<{ code: string }>(
    cloud,
    'liaison',
    'invitation.issue',
    { name, role, validDays: 30 },
    ADMIN,
  );
  await call(cloud, 'liaison', 'invitation.redeem', { code, name }, openid);
}

export async function createLiaisonDemo(cloud: DevCloud, caseNumber: string): Promise<LiaisonDemo> {
  await bind(cloud, DEPUTY, '林建国', 'deputy');
  await bind(cloud, SUPERVISOR, '何静', 'supervisor');
  const unused = await call<{ code: string }>(
    cloud,
    'liaison',
    'invitation.issue',
    { name: '吴桂芳', role: 'member', validDays: 30 },
    ADMIN,
  );

  const opinion = (title: string, content: string, token: string) =>
    call<{ id: string }>(
      cloud,
      'liaison',
      'opinion.submit',
      { procuratorateId: UNIT, title, content, notify: false, clientToken: token },
      DEPUTY,
    );
  const replied = await opinion(
    '关于加强校园周边治安的建议',
    '近期多名家长反映学校周边存在欺凌和敲诈现象，建议检察院会同公安、教育部门开展专项治理，并在学校开展法治宣传。',
    'demo-liaison-opinion-1',
  );
  await call(
    cloud,
    'liaison',
    'assign',
    { id: replied.id, handlerId: `st-${UNIT}-handler` },
    REGISTRAR,
  );
  await call(
    cloud,
    'liaison',
    'reply',
    {
      id: replied.id,
      method: 'online',
      content:
        '感谢您的建议。我院已会同区公安分局、区教委制定校园周边专项治理方案，并将于下学期在辖区中小学开展“法治进校园”巡讲。',
    },
    HANDLER,
  );
  const waiting = await opinion(
    '关于公开听证邀请代表参加的建议',
    '建议检察院在召开不起诉、羁押必要性审查等公开听证时，更多邀请基层人大代表参加，增强司法公开和监督实效。',
    'demo-liaison-opinion-2',
  );
  const complaint = await call<{ id: string }>(
    cloud,
    'liaison',
    'complaint.submit',
    {
      procuratorateId: UNIT,
      caseNumber,
      matter: 'obstruction',
      content:
        '据辩护律师反映，该案在审查起诉阶段申请阅卷后未在规定期限内安排，请依法监督并答复处理情况。',
      notify: false,
      clientToken: 'demo-liaison-complaint-1',
    },
    SUPERVISOR,
  );
  await call(
    cloud,
    'liaison',
    'assign',
    { id: complaint.id, handlerId: `st-${UNIT}-handler` },
    REGISTRAR,
  );
  return {
    repliedOpinionId: replied.id,
    waitingOpinionId: waiting.id,
    complaintId: complaint.id,
    unused: { name: '吴桂芳', code: unused.code },
  };
}
