// Builders for petitions in any state, made by walking the machine itself, and the actors of tests.
import {
  receive,
  transition,
  type Actor,
  type Petition,
  type PetitionEvent,
  type PetitionEventType,
  type PetitionOf,
} from '../../domain/petition/machine';
import type { PetitionKind, PetitionStatus } from '../../typings/petition';

export const UNIT = '110105';
export const DEPT = '110105-ks';
export const T0 = new Date('2026-03-02T02:00:00Z');
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export const citizen: Actor = { type: 'citizen', openid: 'o-citizen-1' };
export const otherCitizen: Actor = { type: 'citizen', openid: 'o-citizen-2' };
const staff = (staffId: string, roles: Extract<Actor, { type: 'staff' }>['roles'], unit = UNIT) =>
  ({
    type: 'staff',
    staffId,
    procuratorateId: unit,
    departmentId: `${unit}-ks`,
    roles,
  }) as const satisfies Actor;
export const registrar = staff('s-registrar', ['registrar']);
export const leader = staff('s-leader', ['leader']);
export const handler = staff('s-handler', ['handler']);
export const otherHandler = staff('s-handler-2', ['handler']);
export const admin = staff('s-admin', ['admin']);
export const otherUnitLeader = staff('s-leader-hd', ['leader'], '110108');

export const HANDLER = { staffId: 's-handler', name: '李承办', departmentId: DEPT };

/** A valid event of each type, sent by someone allowed to send it. */
export function sampleEvent(type: PetitionEventType, now: Date = T0): PetitionEvent {
  const reply = { method: 'online' as const, text: '您的信访事项已收到，正在依法办理。' };
  switch (type) {
    case 'REGISTER':
      return { type, by: registrar, departmentId: DEPT };
    case 'ACCEPT':
      return { type, by: registrar };
    case 'REFUSE':
      return { type, by: registrar, ground: 2, explanation: '来信未写明具体诉求，无法受理。' };
    case 'REQUEST_MATERIALS':
      return {
        type,
        by: registrar,
        items: ['原处理决定书复印件', '身份证明'],
        dueDate: new Date(now.getTime() + 15 * DAY),
      };
    case 'SUPPLY_MATERIALS':
      return { type, by: citizen, attachments: ['cloud://env/supply/1.pdf'] };
    case 'TRANSFER':
      return {
        type,
        by: registrar,
        to: { type: 'procuratorate', procuratorateId: '110108', name: '北京市海淀区人民检察院' },
        reason: '事项发生在海淀区，属地管理。',
      };
    case 'ASSIGN':
      return { type, by: leader, handler: HANDLER };
    case 'PROCEDURAL_REPLY':
      return { type, by: handler, reply };
    case 'PROGRESS_REPLY':
      return { type, by: handler, reply: { ...reply, text: '正在调取相关案卷材料审查。' } };
    case 'ANSWER':
      return {
        type,
        by: handler,
        result: '经审查，原处理决定并无不当，维持原决定。',
        reply: { method: 'written', text: '经审查，原处理决定认定事实清楚，维持原决定。' },
      };
    case 'CLOSE':
      return { type, by: handler };
    case 'ARCHIVE':
      return { type, by: registrar };
    case 'WITHDRAW':
      return { type, by: citizen, reason: '问题已自行解决' };
    case 'RATE':
      return { type, by: citizen, satisfaction: 'satisfied' };
    case 'REQUEST_REVIEW':
      return {
        type,
        by: citizen,
        reason: '对答复意见不服，认为原决定认定事实错误。',
        reviewPetitionId: 'review-1',
      };
    case 'REQUEST_EXTENSION':
      return { type, by: handler, days: 20, reason: '案情复杂，需调取外地案卷材料' };
    case 'DECIDE_EXTENSION':
      return { type, by: leader, grant: true };
    case 'REQUEST_RECUSAL':
      return { type, by: citizen, reason: '承办人与被控告人系同学关系，可能影响公正处理。' };
    case 'DECIDE_RECUSAL':
      return {
        type,
        by: leader,
        grant: true,
        handler: { staffId: 's-handler-2', name: '王承办', departmentId: DEPT },
      };
  }
}

/** The events that bring a new petition to each state. */
const PATHS: Record<PetitionStatus, PetitionEventType[]> = {
  submitted: [],
  registered: ['REGISTER'],
  materials_requested: ['REGISTER', 'REQUEST_MATERIALS'],
  accepted: ['REGISTER', 'ACCEPT'],
  refused: ['REGISTER', 'REFUSE'],
  transferred: ['REGISTER', 'TRANSFER'],
  assigned: ['REGISTER', 'ACCEPT', 'ASSIGN'],
  procedural_replied: ['REGISTER', 'ACCEPT', 'ASSIGN', 'PROCEDURAL_REPLY'],
  in_progress: ['REGISTER', 'ACCEPT', 'ASSIGN', 'PROCEDURAL_REPLY', 'PROGRESS_REPLY'],
  answered: ['REGISTER', 'ACCEPT', 'ASSIGN', 'PROCEDURAL_REPLY', 'ANSWER'],
  closed: ['REGISTER', 'ACCEPT', 'ASSIGN', 'PROCEDURAL_REPLY', 'ANSWER', 'CLOSE'],
  withdrawn: ['WITHDRAW'],
  archived: ['REGISTER', 'REFUSE', 'ARCHIVE'],
};

export interface BuildOptions {
  kind?: PetitionKind;
  petitionerOpenid?: string | null;
  /** When the petition was submitted; each later step is one hour after the previous. */
  at?: Date;
}

/** A petition in the given state, built through the machine (so it is a state the machine makes). */
export function buildPetition<S extends PetitionStatus>(
  status: S,
  options: BuildOptions = {},
): PetitionOf<S> {
  const start = options.at ?? T0;
  let { petition: p }: { petition: Petition } = receive(
    {
      id: 'p-1',
      receiptNumber: '110105-2026-000001',
      kind: options.kind ?? 'criminal_appeal',
      channel: 'online',
      procuratorateId: UNIT,
      petitionerOpenid:
        options.petitionerOpenid === undefined ? 'o-citizen-1' : options.petitionerOpenid,
      attachments: [],
      by: citizen,
    },
    start,
  );
  PATHS[status].forEach((type, i) => {
    const at = new Date(start.getTime() + (i + 1) * HOUR);
    const step = transition(p, sampleEvent(type, at), at);
    if (!step.ok) throw new Error(`builder: ${type} from ${p.status}: ${step.message}`);
    p = step.next;
  });
  if (p.status !== status) throw new Error(`builder reached ${p.status}, not ${status}`);
  return p as PetitionOf<S>;
}

/** The moment after the builder's last step, for the next event. */
export function after(p: Petition): Date {
  return new Date(p.updatedAt.getTime() + HOUR);
}
