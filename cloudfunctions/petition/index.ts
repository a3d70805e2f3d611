// petition: the procuratorial petition service (信访) — the citizen's submit and follow-up, and the
// staff's inbox and handling.
import { contract } from '../../typings';
import { defineFunction } from '../_shared/action';
import { get, mine } from './follow';
import { decideExtension, decideRecusal, requestExtension } from './decisions';
import { rate, requestRecusal, requestReview, supplyMaterials, withdraw } from './followup';
import {
  accept,
  answer,
  archive,
  assign,
  close,
  inbox,
  proceduralReply,
  progressReply,
  refuse,
  register,
  requestMaterials,
  transfer,
} from './handling';
import { dossier } from './dossier';
import { calendarGet, calendarSet } from './calendar';
import { files } from './files';
import { fileOffline } from './offline';
import { routingGet, routingSet } from './routing';
import { submit } from './submit';
import { stats } from './stats';

export const main = defineFunction('petition', contract.petition, {
  submit,
  mine,
  get,
  inbox,
  register,
  accept,
  refuse,
  requestMaterials,
  transfer,
  assign,
  proceduralReply,
  progressReply,
  answer,
  close,
  archive,
  fileOffline,
  files,
  'routing.get': routingGet,
  'routing.set': routingSet,
  'calendar.get': calendarGet,
  'calendar.set': calendarSet,
  requestExtension,
  decideExtension,
  decideRecusal,
  requestRecusal,
  withdraw,
  supplyMaterials,
  rate,
  stats,
  dossier,
  requestReview,
});
