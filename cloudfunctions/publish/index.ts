// publish: important case information and redacted legal documents, and the public's list, search
// and detail of what was published.
import { contract } from '../../typings';
import { defineFunction } from '../_shared/action';
import { announcementHandlers } from './announcements';
import { documentHandlers } from './documents';

export const main = defineFunction('publish', contract.publish, {
  ...announcementHandlers,
  ...documentHandlers,
});
