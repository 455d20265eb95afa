/**
 * Fulfilling teams: every service is handled by one of them. Members are the directory people whose
 * `teams` include the team id (all with the `agent` role); `leadId` is a member.
 */
import type { CatalogInput } from '../functions/domain/catalog/schema';

export const teams: CatalogInput['teams'] = [
  {
    id: 'hr',
    name: { en: 'HR Service', ru: 'Служба персонала' },
    leadId: 'tatiana.vasilieva',
    email: 'hr@example.com',
  },
  {
    id: 'finance',
    name: { en: 'Accounting', ru: 'Бухгалтерия' },
    leadId: 'irina.pavlova',
    email: 'accounting@example.com',
  },
  {
    id: 'legal',
    name: { en: 'Legal', ru: 'Юридическая служба' },
    leadId: 'mikhail.egorov',
    email: 'legal@example.com',
  },
  {
    id: 'it',
    name: { en: 'IT Service Desk', ru: 'Служба ИТ-поддержки' },
    leadId: 'roman.zaitsev',
    email: 'servicedesk@example.com',
  },
  {
    id: 'procurement',
    name: { en: 'Procurement', ru: 'Отдел закупок' },
    leadId: 'victoria.nikolaeva',
    email: 'procurement@example.com',
  },
  {
    id: 'office',
    name: { en: 'Office Administration', ru: 'Административно-хозяйственная служба' },
    leadId: 'galina.stepanova',
    email: 'office@example.com',
  },
];
