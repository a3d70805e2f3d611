// liaison: NPC deputies, CPPCC members and people's supervisors — invitations that bind their
// WeChat identity, their opinions and suggestions or case supervision complaints, and the staff
// work on them (assign with recusal, complex marking, online or recorded offline replies).
import { contract } from '../../typings';
import { defineFunction } from '../_shared/action';
import { invitationHandlers } from './invitations';
import { itemHandlers } from './items';

export const main = defineFunction('liaison', contract.liaison, {
  ...invitationHandlers,
  ...itemHandlers,
});
