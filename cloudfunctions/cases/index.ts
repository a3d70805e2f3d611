// cases: case information disclosure (案件信息公开) — cases kept by the case-management department,
// people bound to a case, the procedure query, lawyers' verification, and appointments.
import { contract } from '../../typings';
import { defineFunction } from '../_shared/action';
import { caseHandlers } from './cases';
import { bindingHandlers } from './bindings';
import { appointmentHandlers } from './appointments';
import { settingsHandlers } from './settings';

export const main = defineFunction('cases', contract.cases, {
  ...caseHandlers,
  ...bindingHandlers,
  ...appointmentHandlers,
  ...settingsHandlers,
});
