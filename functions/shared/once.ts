/**
 * A value built on its first use. The AWS SDK clients read their settings (endpoint, region,
 * credentials source) when they are built, so they are built when first called, never at import.
 */
export function once<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}
