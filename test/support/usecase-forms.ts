/** The demo catalog's services and valid forms for them, as the use-case tests submit them. */
import type { Service } from '../../functions/domain/catalog/schema';
import { catalog } from '../../functions/usecases/catalog';

export function serviceById(id: string): Service {
  const service = catalog.service(id);
  if (!service) throw new Error(`No service ${id} in the demo catalog`);
  return service;
}

/** The amount above which a stage of `service` applies (its `when: { field, gt }`), as the catalog says. */
export function stageThreshold(service: Service, stageId: string): number {
  const when = service.approvals.find((s) => s.id === stageId)?.when;
  if (!when || !('gt' in when) || typeof when.gt !== 'number') throw new Error(`${stageId} has no amount threshold`);
  return when.gt;
}

/** A purchase of `amount` RUB, needed a month after `now`. */
export const purchaseForm = (amount: number, now: Date) => ({
  item: 'Laptops for the sales team',
  quantity: 2,
  amount: { amount, currency: 'RUB' },
  neededBy: new Date(now.getTime() + 30 * 86_400_000).toISOString().slice(0, 10),
  justification: 'The old ones are out of warranty',
});

/** An employment certificate: no approval stage, so it goes straight into the HR queue. */
export const CERTIFICATE_FORM = { purpose: 'bank', copies: 1, language: 'en', delivery: 'email' };
