// openness (检务公开, #7): the public directory of procuratorates and the petition guide
// 信访工作条例 art. 18 requires every organ to publish. Collection `directory`, one document per
// procuratorate (_id = its id), kept by that procuratorate's administrator (audited); a guide
// section it has not written is generated from the national rules, and marked so.
import { contract } from '../../typings';
import type { ProcuratorateView } from '../../typings/org';
import {
  GUIDE_SECTION_NAMES,
  GUIDE_SECTIONS,
  PROCURATORATE_LEVEL_NAMES,
  type DirectoryEntryView,
  type DirectoryListItem,
  type GuideSection,
} from '../../typings/openness';
import { defineFunction, type Handler } from '../_shared/action';
import { appendAudit, auditEntry } from '../_shared/audit';
import { db } from '../_shared/cloud';
import { Failure } from '../_shared/failure';
import {
  getProcuratorate,
  procuratorateView,
  readAll,
  type ProcuratorateDoc,
} from '../_shared/org';
import { withRetries } from '../_shared/transaction';

type Defs = typeof contract.openness;
const DIRECTORY = 'directory';

export interface DirectoryDoc {
  _id: string;
  procuratorateId: string;
  address: string | null;
  phone: string | null;
  hours: string | null;
  location: { latitude: number; longitude: number } | null;
  guide: Partial<Record<GuideSection, string>>;
  updatedAt: Date | null;
  updatedBy: string | null;
}

/** The guide as the national rules have it, for a procuratorate that wrote none of its own. */
function defaultGuide(
  unit: ProcuratorateView,
  entry: DirectoryDoc | null,
): Record<GuideSection, string> {
  const address = entry?.address ? `（${entry.address}）` : '';
  const hours = entry?.hours ? `，接待时间：${entry.hours}` : '';
  const phone = entry?.phone ? `或${unit.name}电话${entry.phone}` : '';
  return {
    channels: [
      `网上信访：通过本小程序“在线信访”、12309中国检察网提出，可选择${unit.name}。`,
      `来信：写明信访事项，寄至${unit.name}${address}。`,
      `来访：到${unit.name}信访接待场所当面反映${hours}。`,
      `电话咨询：12309检察服务热线${phone}。`,
    ].join('\n'),
    materials: [
      '信访人一般应当采用书面形式提出信访事项，载明姓名（名称）、住址和请求、事实、理由（《信访工作条例》第十九条）。',
      '请一并提供本人身份证件，与所反映问题有关的法律文书、证据材料；委托他人代为提出的，提供授权委托书。',
      '信访人应当对所提供材料内容的真实性负责。',
    ].join('\n'),
    procedure: [
      '收到信访后7日内告知是否受理及去向（程序性回复），3个月内告知办理结果或办理进展。',
      '受理的信访事项，一般自受理之日起60日内办结；情况复杂的，可延长不超过30日，并告知延期理由（《信访工作条例》第三十四条）。',
      '对处理意见不服的，可以自收到书面答复之日起30日内请求上一级机关复查；对复查意见不服的，可以自收到之日起30日内请求复核（第三十五条、第三十六条）。',
    ].join('\n'),
    progress: [
      '在本小程序“我的—我的信访”中查看办理进展和答复；',
      `凭受理回执编号拨打12309检察服务热线${phone}查询。`,
    ].join('\n'),
  };
}

async function loadEntry(id: string): Promise<DirectoryDoc | null> {
  return (await db.collection<DirectoryDoc>(DIRECTORY).doc(id).get()).data;
}

const dateText = (d: Date | string | null | undefined): string | null =>
  d ? new Date(d).toISOString() : null;

function listItem(unit: ProcuratorateView, entry: DirectoryDoc | null): DirectoryListItem {
  return {
    id: unit.id,
    name: unit.name,
    level: unit.level,
    levelName: PROCURATORATE_LEVEL_NAMES[unit.level],
    address: entry?.address ?? null,
    phone: entry?.phone ?? null,
    hours: entry?.hours ?? null,
  };
}

async function view(unitDoc: ProcuratorateDoc): Promise<DirectoryEntryView> {
  const unit = procuratorateView(unitDoc);
  const [entry, parent] = await Promise.all([
    loadEntry(unit.id),
    unit.parentId ? getProcuratorate(unit.parentId) : Promise.resolve(null),
  ]);
  const defaults = defaultGuide(unit, entry);
  return {
    ...listItem(unit, entry),
    parentId: unit.parentId,
    parentName: parent?.name ?? null,
    location: entry?.location ?? null,
    guide: GUIDE_SECTIONS.map((key) => {
      const own = entry?.guide?.[key];
      return {
        key,
        title: GUIDE_SECTION_NAMES[key],
        text: own || defaults[key],
        isDefault: !own,
      };
    }),
    updatedAt: dateText(entry?.updatedAt),
  };
}

const LEVEL_ORDER = ['supreme', 'provincial', 'city', 'district'];

const list: Handler<Defs['directory.list']> = async ({ input }) => {
  const [units, entries] = await Promise.all([
    readAll<ProcuratorateDoc>('procuratorates', '_id'),
    readAll<DirectoryDoc>(DIRECTORY, '_id'),
  ]);
  const byId = new Map(entries.map((e) => [e._id, e]));
  const q = input.q?.toLowerCase();
  const matched = units
    .map(procuratorateView)
    .filter((u) => !input.level || u.level === input.level)
    .map((u) => listItem(u, byId.get(u.id) ?? null))
    .filter(
      (item) =>
        !q || [item.name, item.address ?? '', item.id].some((s) => s.toLowerCase().includes(q)),
    )
    .sort(
      (a, b) =>
        LEVEL_ORDER.indexOf(a.level) - LEVEL_ORDER.indexOf(b.level) || a.id.localeCompare(b.id),
    );
  const start = (input.page - 1) * input.pageSize;
  return {
    items: matched.slice(start, start + input.pageSize),
    total: matched.length,
    page: input.page,
    pageSize: input.pageSize,
  };
};

const get: Handler<Defs['directory.get']> = async ({ input }) => {
  const unit = await getProcuratorate(input.id);
  if (!unit) throw new Failure('NOT_FOUND', '未找到该检察院');
  return view(unit);
};

const save: Handler<Defs['directory.save']> = async ({ input, ctx }) => {
  const own = ctx.staff.procuratorateId;
  if (input.id !== own) throw new Failure('FORBIDDEN', '只能维护本院的检务公开信息');
  const unit = await getProcuratorate(own);
  if (!unit) throw new Failure('NOT_FOUND', '未找到该检察院');
  const guide: Partial<Record<GuideSection, string>> = {};
  for (const key of GUIDE_SECTIONS) {
    const text = input.guide[key];
    if (typeof text === 'string' && text) guide[key] = text;
  }
  const data: Omit<DirectoryDoc, '_id'> = {
    procuratorateId: own,
    address: input.address ?? null,
    phone: input.phone ?? null,
    hours: input.hours ?? null,
    location: input.location ?? null,
    guide,
    updatedAt: ctx.now,
    updatedBy: ctx.staff._id,
  };
  await withRetries(() =>
    db.runTransaction(async (t) => {
      const before = (await t.collection<DirectoryDoc>(DIRECTORY).doc(own).get()).data;
      await t.collection(DIRECTORY).doc(own).set({ data });
      const changed = (['address', 'phone', 'hours', 'location', 'guide'] as const).filter(
        (k) => JSON.stringify(before?.[k] ?? null) !== JSON.stringify(data[k] ?? null),
      );
      await appendAudit(
        t,
        auditEntry('directory', own, 'save', ctx, {
          changed,
          from: before
            ? {
                address: before.address,
                phone: before.phone,
                hours: before.hours,
                location: before.location,
                guide: before.guide,
              }
            : null,
          to: {
            address: data.address,
            phone: data.phone,
            hours: data.hours,
            location: data.location,
            guide: data.guide,
          },
        }),
      );
    }),
  );
  return view(unit);
};

export const main = defineFunction('openness', contract.openness, {
  'directory.list': list,
  'directory.get': get,
  'directory.save': save,
});
