/**
 * The number of lines of a text as `SourceFile.getLineStarts()` counts them (line breaks: \n, \r,
 * \r\n, U+2028, U+2029; a break at the very end starts no visible line), exact up to `limit` and
 * merely some number above it beyond. Most files are under any line limit and have no finding,
 * so nothing else needs their line starts: counting `\n`s with `indexOf` costs far less than the
 * array of starts, which TypeScript builds by looking at every character.
 */
export function countLines(text: string, limit: number, lineStarts: () => readonly number[]): number {
  if (text.length === 0) return 0;
  // Other breaks are rare in source: let TypeScript's own scan decide for those texts.
  if (text.includes("\r") || text.includes("\u2028") || text.includes("\u2029")) return visibleLines(text, lineStarts());
  let breaks = 0;
  for (let at = text.indexOf("\n"); at !== -1; at = text.indexOf("\n", at + 1)) {
    // Lines are at least the breaks: past the limit the exact number does not matter here.
    if (++breaks > limit) return breaks;
  }
  return breaks + 1 - (text.charCodeAt(text.length - 1) === 10 ? 1 : 0);
}

/** Lines from a text's line starts: a break at the very end starts no line anyone can see. */
export function visibleLines(text: string, starts: readonly number[]): number {
  return text.length === 0 ? 0 : starts.length - (starts[starts.length - 1] === text.length ? 1 : 0);
}
