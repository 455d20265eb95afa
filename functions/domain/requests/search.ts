/** Free-text search over lists: every word of the query appears in one of the texts of a request. */

/** Case and ё/е do not matter; a leading # of a request code ("#K7Q2M9") is not part of it. */
const normalize = (text: string) => text.toLocaleLowerCase('ru-RU').replaceAll('ё', 'е');

/** The query's words, or none for an empty query (which matches everything). */
export const searchWords = (query: string): string[] =>
  normalize(query)
    .split(/[\s#]+/)
    .filter((word) => word.length > 0);

export function matchesWords(words: readonly string[], texts: readonly (string | null | undefined)[]): boolean {
  const haystack = normalize(texts.filter(Boolean).join('\n'));
  return words.every((word) => haystack.includes(word));
}
