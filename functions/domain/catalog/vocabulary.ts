/**
 * The catalog's fixed words: languages, categories and roles. Apart from schema.ts so that code
 * needing only these (the claims reader of every handler) does not load the catalog's zod schemas.
 */
export const LOCALES = ['en', 'ru'] as const;
export type Locale = (typeof LOCALES)[number];

export const CATEGORIES = ['hr', 'finance', 'legal', 'it', 'procurement', 'admin'] as const;
export type Category = (typeof CATEGORIES)[number];

export const ROLES = ['employee', 'agent', 'approver', 'admin'] as const;
export type Role = (typeof ROLES)[number];
