import type { Edit } from "./types.js";

/**
 * Apply edits to one text. Edits are applied from the end backwards; an edit that overlaps one
 * already taken is dropped (as ESLint's fix-all does), and the count of dropped edits is returned.
 */
export function applyEdits(text: string, edits: readonly Edit[]): { text: string; skipped: number } {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  let skipped = 0;
  let floor = Infinity;
  for (const e of sorted) {
    if (e.end > floor || e.start < 0 || e.end > text.length || e.start > e.end) {
      skipped++;
      continue;
    }
    out = out.slice(0, e.start) + e.newText + out.slice(e.end);
    floor = e.start;
  }
  return { text: out, skipped };
}

/**
 * Pick fixes that do not overlap each other in this file (first come, first served) and apply
 * their in-file edits. Fixes with edits in other files are left to the caller.
 */
export function applyFixes(text: string, fixes: readonly { edits: readonly Edit[] }[]): { text: string; applied: number; skipped: number } {
  const taken: Array<[number, number]> = [];
  const edits: Edit[] = [];
  let applied = 0;
  let skipped = 0;
  for (const fix of fixes) {
    const own = fix.edits.filter((e) => e.file === undefined);
    if (own.length !== fix.edits.length) { skipped++; continue; }
    const clash = own.some((e) => taken.some(([s, t]) => e.start < t && s < e.end || (e.start === e.end && e.start > s && e.start < t)));
    if (clash) { skipped++; continue; }
    for (const e of own) taken.push([e.start, e.end]);
    edits.push(...own);
    applied++;
  }
  return { text: applyEdits(text, edits).text, applied, skipped };
}
