/**
 * Opaque list cursors: the DynamoDB LastEvaluatedKey, base64url-encoded. A cursor is accepted only
 * for the partition it was issued for, so a forged one cannot read another list.
 */
import { InvalidCursorError } from '../../ports';

export { InvalidCursorError };

type Key = Record<string, string>;

export const encodeCursor = (key: Record<string, unknown> | undefined): string | null =>
  key ? Buffer.from(JSON.stringify(key)).toString('base64url') : null;

function parse(cursor: string): unknown {
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch (error) {
    throw new InvalidCursorError({ cause: error });
  }
}

export function decodeCursor(
  cursor: string | undefined,
  expected: { attribute: string; value: string; keys: readonly string[] },
): Key | undefined {
  if (cursor === undefined) return undefined;
  const key = parse(cursor);
  if (!key || typeof key !== 'object' || Array.isArray(key)) throw new InvalidCursorError();
  const entries = Object.entries(key);
  const wellFormed =
    entries.length === expected.keys.length &&
    entries.every(
      ([name, value]) =>
        expected.keys.includes(name) && typeof value === 'string' && value.length > 0 && value.length < 512,
    );
  if (!wellFormed || (key as Key)[expected.attribute] !== expected.value) throw new InvalidCursorError();
  return key as Key;
}
