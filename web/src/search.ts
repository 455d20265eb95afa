/** Search as people type it: any case, "е" for "ё", every word somewhere in the text. */
export const normalize = (text: string) => text.toLowerCase().replace(/ё/g, 'е');

/** The query's words (normalized); an empty query has none and matches everything. */
export const queryWords = (query: string) => normalize(query).split(/\s+/).filter(Boolean);

/** `text` is already normalized (built once per list); the words come from queryWords. */
export const matchesAll = (text: string, words: string[]) => words.every((word) => text.includes(word));
