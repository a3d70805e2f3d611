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
        key: 'affairs-notices',
        name: '检务公告',
        desc: '各检察院发布的检务公告',
        url: '/public/announcements/index?category=notice',
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
      {
        key: 'deputy-suggestion',
        name: '代表委员意见建议',
        desc: '人大代表、政协委员专用',
        url: '/liaison/home/index',
      },
      {
        key: 'supervisor-case',
        name: '人民监督员监督案件',
        desc: '人民监督员专用',
        url: '/liaison/home/index',
      },
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

// ---------- Deep links ----------
// The 12309 official account's menu, a QR code or a message opens the mini program at a service with
// `pages/index/index?service=<key>`: the hall loads and opens that service's page on top of itself
// (so 返回 comes back to the hall), whoever the person is. A service not built yet, or a key nobody
// knows, leaves the person on the hall with a notice. The link's other parameters (`law`, `article`,
// `id` …) reach the service's page, after the ones its url already carries.

/** The page a service deep link opens (the hall), as the official account's menu writes it. */
export const SERVICE_LINK_PAGE = 'pages/index/index';

const HOTLINE_HINT = '如需帮助，可拨打12309检察服务热线。';

/** What a deep link asks of the hall: open a page, or tell the person why nothing opens. */
export type ServiceLink = { url: string } | { notice: { title: string; content: string } };

/** A query value as WeChat hands it to onLoad: still percent-encoded when it came from a link. */
function decodeParam(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** What a service opens now: its page, or the notice that it is not open yet. */
function openService(service: Service): ServiceLink {
  if (service.url) return { url: service.url };
  return {
    notice: {
      title: '即将开放',
      content: `「${service.name}」即将开放，敬请期待。${HOTLINE_HINT}`,
    },
  };
}

/**
 * The hall's answer to the query it was opened with (`service=<key>` and any other parameters);
 * null when the query names no service, so the hall simply shows itself. The service's own query
 * wins over a parameter of the same name (a link to 控告 cannot make it another kind).
 */
export function serviceLink(query: Record<string, string | undefined>): ServiceLink | null {
  const key = decodeParam(query.service ?? '').trim();
  if (!key) return null;
  const service = findService(key);
  if (!service) {
    return {
      notice: {
        title: '未找到该服务',
        content: `链接所指的服务不存在或已调整，请在服务大厅中选择所需服务。${HOTLINE_HINT}`,
      },
    };
  }
  const link = openService(service);
  if (!('url' in link)) return link;
  const [path, own = ''] = link.url.split('?');
  const ownKeys = new Set(
    own
      .split('&')
      .filter(Boolean)
      .map((pair) => decodeParam(pair.split('=')[0])),
  );
  const extra = Object.entries(query)
    .map(([name, value]) => [decodeParam(name), value] as const)
    .filter(([name, value]) => name !== 'service' && value !== undefined && !ownKeys.has(name))
    .map(
      ([name, value]) =>
        `${encodeURIComponent(name)}=${encodeURIComponent(decodeParam(value as string))}`,
    );
  const params = [own, ...extra].filter(Boolean).join('&');
  return { url: params ? `${path}?${params}` : path };
}

/** What a tap on a service in the hall opens: its page, or the notice that it opens soon. */
export function serviceTap(key: string): ServiceLink | null {
  const service = findService(key);
  return service ? openService(service) : null;
}

/** One deep link: the service, the path to configure (menu, QR code) and the page it opens. */
export interface ServiceDeepLink {
  key: string;
  name: string;
  group: string;
  /** `pages/index/index?service=<key>`, as the official account's menu takes it (no leading /). */
  path: string;
  /** The page it lands on; absent while the service shows 即将开放. */
  url?: string;
}

/** Every service's deep link, in the hall's order (the README's table is made from this). */
export function serviceDeepLinks(): ServiceDeepLink[] {
  return SERVICE_GROUPS.flatMap((group) =>
    group.services.map((s) => ({
      key: s.key,
      name: s.name,
      group: group.title,
      path: `${SERVICE_LINK_PAGE}?service=${encodeURIComponent(s.key)}`,
      ...(s.url ? { url: s.url } : {}),
    })),
  );
}
