/** The pieces every API schema is made of, and the OpenAPI description helper. */
import * as z from 'zod/mini';

/** A description for /openapi.json (classic zod's `.describe()`). */
export const describe = <T extends z.ZodMiniType>(schema: T, description: string): T => {
  z.globalRegistry.add(schema, { description });
  return schema;
};

export const text = (max: number) => z.string().check(z.maxLength(max));
export const nonEmptyText = (max: number) => z.string().check(z.minLength(1), z.maxLength(max));
export const time = describe(z.iso.datetime({ offset: false }), 'ISO 8601 UTC');
/** A time with what it means (a schema of its own: describing `time` would re-describe every use). */
export const timeOf = (meaning: string) => describe(z.iso.datetime({ offset: false }), `ISO 8601 UTC: ${meaning}`);

export const day = z.iso.date();
