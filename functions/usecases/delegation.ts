/** Setting and clearing my delegation: who decides my approvals, and when. */
import type { Locale } from '../domain/catalog/schema';
import { validationFailed } from '../domain/errors';
import { t } from '../domain/i18n';
import type { Principal } from '../domain/requests/model';
import { deleteDelegation, putDelegation, type Delegation } from '../adapters/store/absences';
import { clock } from '../adapters/clock';
import { catalog } from './catalog';

export async function setDelegation(principal: Principal, input: Delegation, locale: Locale) {
  if (!catalog.person(input.delegateId))
    throw validationFailed(t(locale, 'invalidInput'), [{ path: 'delegateId', message: t(locale, 'delegateUnknown') }]);
  if (input.delegateId === principal.id)
    throw validationFailed(t(locale, 'invalidInput'), [{ path: 'delegateId', message: t(locale, 'delegateSelf') }]);
  if (input.until < input.from || input.until < clock.todayUtc())
    throw validationFailed(t(locale, 'invalidInput'), [{ path: 'until', message: t(locale, 'delegationDates') }]);
  await putDelegation(principal.id, input);
  return input;
}

export const clearDelegation = (principal: Principal) => deleteDelegation(principal.id);
