/** Company departments (org structure). `headId` is a person in the directory. */
import type { CatalogInput } from '../functions/domain/catalog/schema';

export const departments: CatalogInput['departments'] = [
  { id: 'management', name: { en: 'Management', ru: 'Руководство' }, headId: 'sergey.morozov' },
  { id: 'hr', name: { en: 'Human Resources', ru: 'Управление персоналом' }, headId: 'tatiana.vasilieva' },
  { id: 'finance', name: { en: 'Finance', ru: 'Финансовый департамент' }, headId: 'natalia.orlova' },
  { id: 'legal', name: { en: 'Legal', ru: 'Юридический департамент' }, headId: 'mikhail.egorov' },
  {
    id: 'it',
    name: { en: 'Information Technology', ru: 'Департамент информационных технологий' },
    headId: 'roman.zaitsev',
  },
  { id: 'procurement', name: { en: 'Procurement', ru: 'Отдел закупок' }, headId: 'victoria.nikolaeva' },
  { id: 'office', name: { en: 'Administration', ru: 'Административный отдел' }, headId: 'galina.stepanova' },
  { id: 'sales', name: { en: 'Sales', ru: 'Отдел продаж' }, headId: 'elena.kuznetsova' },
  { id: 'engineering', name: { en: 'Engineering', ru: 'Департамент разработки' }, headId: 'dmitry.volkov' },
];
