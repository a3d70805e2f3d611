// consultation: legal consultation (法律咨询) — ask, follow, staff inbox and answer — and the public
// FAQ that leaders publish answered questions to, anonymised by staff and the redaction engine.
import { contract } from '../../typings';
import { defineFunction } from '../_shared/action';
import { consultationHandlers } from './consultation';

export const main = defineFunction('consultation', contract.consultation, consultationHandlers);
