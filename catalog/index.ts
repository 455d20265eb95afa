/**
 * The demo company catalog (Northwind Trading): calendars, org structure, fulfilling teams,
 * 15 services in six categories and the people directory. Validated by `catalogSchema` at load.
 */
import type { CatalogInput } from '../functions/domain/catalog/schema';
import { calendars } from './calendars';
import { departments } from './departments';
import { directory } from './directory';
import { adminServices } from './services/admin';
import { financeServices } from './services/finance';
import { hrServices } from './services/hr';
import { itServices } from './services/it';
import { legalServices } from './services/legal';
import { procurementServices } from './services/procurement';
import { teams } from './teams';

export { calendars, departments, directory, teams };
export { adminServices, financeServices, hrServices, itServices, legalServices, procurementServices };

export const demoCatalog = {
  company: {
    name: { en: 'Northwind Trading', ru: 'Нордвинд Трейдинг' },
    defaultCalendar: 'ru-msk',
    // A stage nobody is found for (no manager, a vacant position) goes to the head of the department,
    // else to the CEO, else to the CFO: never skipped.
    fallbackApprovers: ['department-head', 'role:ceo', 'role:cfo'],
  },
  calendars,
  departments,
  teams,
  services: [
    ...hrServices,
    ...financeServices,
    ...legalServices,
    ...itServices,
    ...procurementServices,
    ...adminServices,
  ],
  directory,
} satisfies CatalogInput;
