// The demo of case information disclosure (#6), created through the functions like the rest of
// the demo: two cases of 110105 kept by its case managers, 陈晓 bound to one as the victim and
// 黄律师 verified and bound to the other as defender with a file reading booked, appointment slots
// for the coming working days, and, published by two case managers, one item of important case
// information, one 检务公告 (procuratorial affairs announcement) of 110105 and one redacted
// non-prosecution decision anyone can find.
import type { DevCloud } from './index';
import { uploadAs } from './uploads';

type Envelope<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

const AG = 'o-staff-110105-ag';
const AG2 = 'o-staff-110105-ag2';
const CITIZEN = 'o-citizen-1';
const LAWYER = 'o-lawyer-1';

export interface DisclosureDemo {
  cases: { id: string; caseNumber: string }[];
  bindings: number;
  slots: number;
  appointmentId: string;
  announcementId: string;
  /** The 检务公告 of 110105 (an announcement of category `notice`). */
  noticeId: string;
  documentId: string;
}

/** Calls an action as `openid` and answers its data; a failure stops the demo with its error. */
export async function call<T>(
  cloud: DevCloud,
  fn: string,
  action: string,
  input: Record<string, unknown>,
  openid: string,
): Promise<T> {
  const out = await cloud.invoke(fn, { action, input }, { openid });
  const result = out.result as Envelope<T>;
  if (!result.ok) {
    throw new Error(`demo: ${fn}.${action} as ${openid}: ${JSON.stringify(result.error)}`);
  }
  return result.data;
}

/** The next `n` working days (Monday to Friday) after `now`, as `YYYY-MM-DD` in UTC+8. */
function nextWeekdays(now: Date, n: number): string[] {
  const days: string[] = [];
  for (let d = 1; days.length < n && d < 30; d++) {
    const day = new Date(now.getTime() + 8 * 3600_000 + d * 86400_000);
    if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6) days.push(day.toISOString().slice(0, 10));
  }
  return days;
}

const NON_PROSECUTION = `北京市朝阳区人民检察院
不起诉决定书
京朝检刑不诉〔2026〕1号

被不起诉人赵强，男，1994年6月出生，身份证号码110105199406123317，户籍地北京市朝阳区劲松街道农光里12号楼3单元402室，联系电话13522223333。

本案由北京市公安局朝阳分局侦查终结，以被不起诉人赵强涉嫌盗窃罪，于2026年10月12日移送本院审查起诉。

经本院依法审查查明：2026年8月3日，被不起诉人赵强在朝阳区某商场内趁被害人孙丽不备，窃取其手机一部，经鉴定价值人民币二千三百元。案发后，赵强主动退赔被害人孙丽全部损失，孙丽对其表示谅解。

本院认为，赵强实施了《中华人民共和国刑法》第二百六十四条规定的行为，但犯罪情节轻微，具有坦白、退赔等情节，根据《中华人民共和国刑法》第三十七条的规定，不需要判处刑罚。依据《中华人民共和国刑事诉讼法》第一百七十七条第二款的规定，决定对赵强不起诉。

被害人如不服本决定，可以自收到本决定书后七日以内向北京市人民检察院申诉，请求提起公诉；也可以不经申诉，直接向北京市朝阳区人民法院提起自诉。

北京市朝阳区人民检察院
2026年11月20日`;

export async function createDisclosureDemo(cloud: DevCloud): Promise<DisclosureDemo> {
  const now = cloud.options.now ? cloud.options.now() : new Date();

  // Two cases, registered by 周婷 of the case-management department.
  const theft = await call<{ id: string; caseNumber: string; version: number }>(
    cloud,
    'cases',
    'case.save',
    {
      caseNumber: '京朝检刑诉受〔2026〕110105000101号',
      cause: '盗窃罪',
      acceptedOn: '2026-10-12',
      timeLimit: '2026-11-26',
      handlingUnit: '第一检察部 王检察官办案组',
      stage: '审查起诉',
      result: '2026年11月20日作出不起诉决定',
      parties: [
        { name: '赵强', role: 'suspect', age: 32, sentenceMonths: 0 },
        { name: '孙丽', role: 'victim', age: 41 },
      ],
      measures: [{ partyName: '赵强', measure: '取保候审', from: '2026-08-05', to: '2027-08-04' }],
      flags: {},
    },
    AG,
  );
  const assault = await call<{ id: string; caseNumber: string }>(
    cloud,
    'cases',
    'case.save',
    {
      caseNumber: '京朝检刑诉受(2026)110105000102号',
      cause: '故意伤害罪',
      acceptedOn: '2026-11-02',
      timeLimit: '2026-12-16',
      handlingUnit: '第一检察部 李检察官办案组',
      stage: '审查起诉',
      parties: [
        { name: '周建', role: 'suspect', age: 28 },
        { name: '陈晓', role: 'victim', age: 40 },
      ],
      measures: [{ partyName: '周建', measure: '刑事拘留', from: '2026-10-20', to: '2026-10-30' }],
      flags: {},
    },
    AG,
  );

  // 陈晓 asks to follow the assault case as its victim; 吴敏 approves.
  const proof = await uploadAs(cloud, CITIZEN, `bindings/${CITIZEN}/demo-id.jpg`);
  const mine = await call<{ id: string }>(
    cloud,
    'cases',
    'binding.request',
    { caseNumber: assault.caseNumber, role: 'party', partyName: '陈晓', proofs: [proof] },
    CITIZEN,
  );
  await call(cloud, 'cases', 'binding.review', { id: mine.id, approve: true }, AG2);

  // 黄律师 is verified as a lawyer and bound to the theft case as 赵强's defender.
  const certificate = await uploadAs(cloud, LAWYER, `lawyers/${LAWYER}/demo-cert.jpg`);
  await call(
    cloud,
    'cases',
    'lawyer.verify',
    {
      name: '黄志远',
      certificateNumber: '11101200910123456',
      firm: '北京市某某律师事务所',
      certificateImage: certificate,
      procuratorateId: '110105',
    },
    LAWYER,
  );
  const verifications = await call<{ items: { id: string }[] }>(
    cloud,
    'cases',
    'review.inbox',
    { kind: 'lawyer' },
    AG,
  );
  for (const v of verifications.items) {
    await call(cloud, 'cases', 'lawyer.review', { id: v.id, approve: true }, AG);
  }
  const letter = await uploadAs(cloud, LAWYER, `bindings/${LAWYER}/demo-attorney.pdf`);
  const defence = await call<{ id: string }>(
    cloud,
    'cases',
    'binding.request',
    { caseNumber: theft.caseNumber, role: 'defender', partyName: '赵强', proofs: [letter] },
    LAWYER,
  );
  await call(cloud, 'cases', 'binding.review', { id: defence.id, approve: true }, AG);

  // Slots for the next three working days; the lawyer books a file reading.
  let slots = 0;
  const days = nextWeekdays(now, 3);
  for (const day of days) {
    for (const type of ['file_reading', 'meeting', 'video_reception']) {
      const set = await call<{ slots: unknown[] }>(
        cloud,
        'cases',
        'slots.set',
        {
          type,
          day,
          periods: [
            { start: '09:00', end: '11:30', capacity: 3 },
            { start: '14:00', end: '17:00', capacity: 3 },
          ],
        },
        AG,
      );
      slots += set.slots.length;
    }
  }
  const open = await call<{ slots: { id: string }[] }>(
    cloud,
    'cases',
    'slots.list',
    { procuratorateId: '110105', type: 'file_reading' },
    LAWYER,
  );
  const booked = await call<{ id: string }>(
    cloud,
    'cases',
    'book',
    {
      slotId: open.slots[0].id,
      bindingId: defence.id,
      note: '申请查阅、摘抄、复制本案案卷材料',
      clientToken: 'demo-book-file-reading-01',
    },
    LAWYER,
  );

  // Published by two case managers: important case information, and the redacted decision.
  const draft = await call<{ id: string; version: number }>(
    cloud,
    'publish',
    'announcement.save',
    {
      title: '朝阳区检察院依法对一起轻微盗窃案作出不起诉决定',
      body: '近日，北京市朝阳区人民检察院对一起盗窃案依法作出不起诉决定。犯罪嫌疑人赵某在商场内窃取他人手机一部，案发后主动退赔并取得被害人谅解。检察机关综合考虑其犯罪情节轻微、认罪认罚等情节，依法作出不起诉决定，并对其进行了训诫教育。',
      caseNumber: theft.caseNumber,
    },
    AG,
  );
  await call(
    cloud,
    'publish',
    'announcement.approve',
    { id: draft.id, version: draft.version },
    AG2,
  );
  const notice = await call<{ id: string; version: number }>(
    cloud,
    'publish',
    'announcement.save',
    {
      category: 'notice',
      title: '关于调整来访接待时间的公告',
      body:
        '为进一步方便群众来访，自2027年1月1日起，北京市朝阳区人民检察院检察服务中心来访接待时间调整为：' +
        '每周一至周五上午9:00至12:00、下午13:30至17:30，法定节假日除外。' +
        '来访群众请携带本人居民身份证等有效证件，按照工作人员引导有序登记。' +
        '行动不便的群众可提前拨打12309检察服务热线预约，也可通过12309中国检察网或本小程序在线反映诉求。\n' +
        '特此公告。\n' +
        '北京市朝阳区人民检察院\n' +
        '2026年12月15日',
    },
    AG,
  );
  await call(
    cloud,
    'publish',
    'announcement.approve',
    { id: notice.id, version: notice.version },
    AG2,
  );
  const doc = await call<{ id: string; version: number }>(
    cloud,
    'publish',
    'document.save',
    {
      caseId: theft.id,
      type: 'non_prosecution',
      title: '赵某盗窃案不起诉决定书',
      text: NON_PROSECUTION,
    },
    AG,
  );
  await call(cloud, 'publish', 'document.approve', { id: doc.id, version: doc.version }, AG2);

  return {
    cases: [
      { id: theft.id, caseNumber: theft.caseNumber },
      { id: assault.id, caseNumber: assault.caseNumber },
    ],
    bindings: 2,
    slots,
    appointmentId: booked.id,
    announcementId: draft.id,
    noticeId: notice.id,
    documentId: doc.id,
  };
}
