/** Turns zod issues into the API's `details` (one per field at fault), in the caller's language. */
import type * as z from 'zod/mini';
// Each locale by its own path: `z.locales.en()` would keep all ~50 of zod's locales in the bundle.
import en from 'zod/v4/locales/en.js';
import ru from 'zod/v4/locales/ru.js';
import type { Locale } from '../domain/catalog/schema';
import { DomainError, type ErrorDetail } from '../domain/errors';
import { t } from '../domain/i18n';

const errorMaps = { en: en().localeError, ru: ru().localeError };

export interface ParseOptions {
  locale: Locale;
  /** Keys the server owns: reported as such rather than as merely unknown. */
  serverOwned?: readonly string[];
  /** Prefix for detail paths (e.g. `query`). */
  prefix?: string;
}

export function parseWith<T extends z.ZodMiniType>(schema: T, value: unknown, options: ParseOptions): z.output<T> {
  if (value === undefined || value === null || typeof value !== 'object' || Array.isArray(value))
    throw new DomainError('validation_failed', t(options.locale, 'bodyNotObject'), [
      { path: options.prefix ?? '(body)', message: t(options.locale, 'bodyNotObject') },
    ]);
  const result = schema.safeParse(value, { error: errorMaps[options.locale] });
  if (result.success) return result.data;
  const details = result.error.issues.flatMap((issue) => toDetails(issue, options));
  throw new DomainError('validation_failed', t(options.locale, 'invalidInput'), details);
}

function toDetails(issue: z.core.$ZodIssue, options: ParseOptions): ErrorDetail[] {
  const join = (path: PropertyKey[]) => [options.prefix, ...path.map(String)].filter(Boolean).join('.');
  if (issue.code === 'unrecognized_keys')
    return issue.keys.map((key) => ({
      path: join([...issue.path, key]),
      message: t(options.locale, options.serverOwned?.includes(key) ? 'serverOwned' : 'unknownField'),
    }));
  return [{ path: join(issue.path) || '(body)', message: issue.message }];
}
