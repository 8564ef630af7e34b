// Finding products by what a shopper types into the produce picker: any language the catalog
// has names in, without caring about case or accents ("jalapeno" finds "Jalapeño"), matching
// word beginnings so "gran sm" finds "Granny Smith Apples".

/** Lower case, accents dropped (é -> e, ñ -> n), anything but letters and digits as one space. */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

interface Entry<T> {
  readonly item: T;
  /** Each searchable text of the item, folded and split into words. */
  readonly texts: readonly { readonly folded: string; readonly words: readonly string[] }[];
}

/** Scores one text: all query words must start a word of it; exact words and a matching start rank higher. */
function scoreText(folded: string, words: readonly string[], query: string, tokens: readonly string[]): number {
  let score = 0;
  for (const token of tokens) {
    let best = 0;
    for (const word of words) {
      if (word === token) best = 2;
      else if (best === 0 && word.startsWith(token)) best = 1;
    }
    if (best === 0) return 0;
    score += best;
  }
  if (folded === query) score += 100;
  else if (folded.startsWith(query)) score += 50;
  return score;
}

export class NameIndex<T> {
  readonly #entries: readonly Entry<T>[];

  /** `texts(item)` lists what the item may be found by: names in every language, brand, PLU. */
  constructor(items: readonly T[], texts: (item: T) => readonly string[]) {
    this.#entries = items.map((item) => ({
      item,
      texts: texts(item).map((text) => {
        const folded = foldText(text);
        return { folded, words: folded.split(' ') };
      }),
    }));
  }

  /** The best matches first; equal scores keep catalog order, so results are deterministic. */
  search(query: string, limit: number, accept: (item: T) => boolean = () => true): T[] {
    const folded = foldText(query);
    if (folded === '' || limit <= 0) return [];
    const tokens = folded.split(' ');
    const hits: { item: T; score: number; order: number }[] = [];
    this.#entries.forEach((entry, order) => {
      let score = 0;
      for (const text of entry.texts) score = Math.max(score, scoreText(text.folded, text.words, folded, tokens));
      if (score > 0 && accept(entry.item)) hits.push({ item: entry.item, score, order });
    });
    hits.sort((a, b) => b.score - a.score || a.order - b.order);
    return hits.slice(0, limit).map((hit) => hit.item);
  }
}
