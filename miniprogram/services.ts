// Every 12309 service, grouped as the platform groups them. A service opens when it gets a `url`;
// the rest show "即将开放". Later work flips a service on by giving it its page here.

export interface Service {
  key: string;
  name: string;
  /** One line saying what it is for, in the citizen's words. */
  desc: string;
  /** The page it opens; absent while the service is not built yet. */
  url?: string;
}

export interface ServiceGroup {
  key: string;
  title: string;
  services: Service[];
}

export const SERVICE_GROUPS: ServiceGroup[] = [
  {
    key: 'procuratorial',
    title: '检察服务',
    services: [
      {
        key: 'accusation',
        name: '控告',
        desc: '控告犯罪行为或违法行为',
        url: '/citizen/petition-submit/index?kind=accusation',
      },
      {
        key: 'criminal-appeal',
        name: '刑事申诉',
        desc: '对刑事处理决定不服',
        url: '/citizen/petition-submit/index?kind=criminal_appeal',
      },
      {
        key: 'civil-appeal',
        name: '民事申诉',
        desc: '申请民事诉讼监督',
        url: '/citizen/petition-submit/index?kind=civil_appeal',
      },
      {
        key: 'administrative-appeal',
        name: '行政申诉',
        desc: '申请行政诉讼监督',
        url: '/citizen/petition-submit/index?kind=administrative_appeal',
      },
      {
        key: 'state-compensation',
        name: '国家赔偿',
        desc: '申请刑事赔偿等',
        url: '/citizen/petition-submit/index?kind=state_compensation',
      },
      {
        key: 'judicial-assistance',
        name: '国家司法救助',
        desc: '因案件遭受损害生活困难',
        url: '/citizen/petition-submit/index?kind=judicial_assistance',
      },
      {
        key: 'public-interest-clue',
        name: '公益诉讼线索',
        desc: '反映损害公益的线索',
        url: '/citizen/petition-submit/index?kind=public_interest_clue',
      },
      {
        key: 'staff-report',
        name: '检察人员违法违纪举报',
        desc: '举报检察人员违法违纪',
        url: '/citizen/petition-submit/index?kind=staff_misconduct',
      },
      {
        key: 'other-petition',
        name: '其他信访',
        desc: '其他向检察机关反映的事项',
        url: '/citizen/petition-submit/index?kind=other',
      },
      {
        key: 'video-reception',
        name: '视频接访',
        desc: '预约与检察官视频面谈',
        url: '/citizen/appointment-book/index?type=video_reception',
      },
      {
        key: 'legal-consultation',
        name: '法律咨询',
        desc: '在线咨询法律问题',
        url: '/citizen/consult-ask/index',
      },
      {
        key: 'law-search',
        name: '法律法规查询',
        desc: '查阅法律法规条文',
        url: '/public/laws/index',
      },
      {
        key: 'procuratorate-directory',
        name: '检察院名录',
        desc: '检务公开：地址、电话、接待时间和信访指南',
        url: '/public/directory/index',
      },
    ],
  },
  {
    key: 'disclosure',
    title: '案件信息公开',
    services: [
      {
        key: 'case-procedure',
        name: '案件程序性信息查询',
        desc: '当事人查询案件办理进程',
        url: '/citizen/case-bindings/index',
      },
      {
        key: 'lawyer-appointment',
        name: '辩护与代理预约',
        desc: '律师预约阅卷、会见等',
        url: '/citizen/appointment-book/index',
      },
      {
        key: 'important-cases',
        name: '重要案件信息',
        desc: '重要案件的办理信息',
        url: '/public/announcements/index',
      },
      {
        key: 'legal-documents',
        name: '法律文书公开',
        desc: '公开的起诉书、不起诉决定书等',
        url: '/public/documents/index',
      },
    ],
  },
  {
    key: 'supervision',
    title: '接受外部监督',
    services: [
      { key: 'deputy-suggestion', name: '代表委员意见建议', desc: '人大代表、政协委员专用' },
      { key: 'supervisor-case', name: '人民监督员监督案件', desc: '人民监督员专用' },
      {
        key: 'suggestion-box',
        name: '意见建议箱',
        desc: '对检察工作提出意见建议',
        url: '/citizen/suggestion-submit/index',
      },
      {
        key: 'suggestion-query',
        name: '意见建议查询',
        desc: '凭查询码查看办理情况',
        url: '/citizen/suggestion-query/index',
      },
    ],
  },
];

/** The service with this key, wherever it is grouped. */
export function findService(key: string): Service | undefined {
  for (const group of SERVICE_GROUPS) {
    const found = group.services.find((s) => s.key === key);
    if (found) return found;
  }
  return undefined;
}
