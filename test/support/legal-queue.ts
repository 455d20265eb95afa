/**
 * The legal team's queue both queue test files start from (each on a runtime of its own): a Russian
 * and an English NDA (assigned automatically) and a contract review (assigned by hand, so after its
 * manager approves it waits unassigned).
 */
import { expect } from 'vitest';
import type { ApiClient } from './client';

export async function submitTo(
  portal: ApiClient,
  requester: string,
  serviceId: string,
  fields: Record<string, unknown>,
) {
  const response = await portal.as(requester, 'POST', '/requests', { serviceId, fields });
  expect(response.status, response.text).toBe(201);
  await portal.settle();
  return response.body.id as string;
}

export async function seedLegalQueue(portal: ApiClient) {
  const ndaRu = await submitTo(portal, 'ivan.sidorov', 'nda', {
    counterparty: 'ООО «Ромашка»',
    contactEmail: 'legal@romashka.example.com',
    ndaType: 'mutual',
    purpose: 'Переговоры о поставках',
  });
  const ndaEn = await submitTo(portal, 'james.wilson', 'nda', {
    counterparty: 'Acme Ltd',
    contactEmail: 'legal@acme.example.com',
    ndaType: 'one-way',
    purpose: 'A pilot project',
  });
  const contract = await submitTo(portal, 'ivan.sidorov', 'contract-review', {
    counterparty: 'ООО «Вектор»',
    contractType: 'supply',
    value: { amount: 50_000, currency: 'RUB' },
    comments: 'Проект договора: vector-supply.docx',
  });
  return { ndaRu, ndaEn, contract };
}
