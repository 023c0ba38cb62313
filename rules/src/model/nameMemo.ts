/**
 * A memo keyed by names (identifiers, properties, headers): names repeat across a file and a
 * workspace, and judging one costs more than a lookup.
 *
 * Only names shorter than 13 characters are kept. TypeScript takes an identifier's text as a
 * substring of the file's, and V8 makes a substring of 13 characters or more a slice that keeps
 * the whole text alive: in the language server a memo of long names held on to every version of
 * an edited document that introduced one (a test drops 150 texts of 1 MB and checks the heap).
 * Shorter substrings are copies, and they are the names that repeat most.
 */
export class NameMemo<V> {
  private readonly kept = new Map<string, V>();

  constructor(
    private readonly compute: (name: string) => V,
    private readonly maxEntries = 10_000,
  ) {}

  get(name: string): V {
    if (name.length >= 13) return this.compute(name);
    let value = this.kept.get(name);
    if (value === undefined && !this.kept.has(name)) {
      if (this.kept.size >= this.maxEntries) this.kept.clear();
      value = this.compute(name);
      this.kept.set(name, value);
    }
    return value as V;
  }
}
