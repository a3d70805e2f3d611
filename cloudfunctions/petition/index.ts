// petition: the procuratorial petition service (信访) — for now the citizen's submit and follow-up.
import { contract } from '../../typings';
import { defineFunction } from '../_shared/action';
import { get, mine } from './follow';
import { submit } from './submit';

export const main = defineFunction('petition', contract.petition, { submit, mine, get });
