// supervision: external supervision — for now the public opinions-and-suggestions box.
import { contract } from '../../typings';
import { defineFunction } from '../_shared/action';
import { suggestionHandlers } from './suggestion';

export const main = defineFunction('supervision', contract.supervision, {
  ...suggestionHandlers,
});
