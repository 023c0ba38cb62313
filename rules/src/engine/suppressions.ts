/** Parsed suppression comments of one file. `"*"` in a set means every rule. */
export interface Suppressions {
  file: Set<string>;
  /** 0-based line → rule ids suppressed on that line. */
  lines: Map<number, Set<string>>;
}

export const NEXT_LINE = "shipshape-ignore-next-line";
export const FILE = "shipshape-ignore-file";
const MARK = "shipshape-ignore";

/**
 * Find `// shipshape-ignore-next-line rule[, rule] -- reason` and `// shipshape-ignore-file rule`
 * (also in block comments, so `{/* … *\/}` works in JSX). One indexOf scan, and none at all when
 * the file holds no marker — the common case.
 */
export function parseSuppressions(text: string, lineStarts: readonly number[]): Suppressions {
  const result: Suppressions = { file: new Set(), lines: new Map() };
  let at = text.indexOf(MARK);
  while (at !== -1) {
    const line = lineOf(lineStarts, at);
    const lineStart = lineStarts[line];
    const before = text.slice(lineStart, at);
    // `#` comments: .env files take the same markers.
    if (before.includes("//") || before.includes("/*") || before.trimStart().startsWith("#")) {
      const isBlock = before.lastIndexOf("/*") > before.lastIndexOf("//");
      const lineEnd = line + 1 < lineStarts.length ? lineStarts[line + 1] : text.length;
      let rest = text.slice(at, lineEnd);
      let commentEndLine = line;
      if (isBlock) {
        const close = text.indexOf("*/", at);
        if (close !== -1) {
          commentEndLine = lineOf(lineStarts, close);
          rest = text.slice(at, close);
        }
      }
      const m = /^shipshape-ignore-(next-line|file)\b([^\n]*)/.exec(rest);
      if (m) {
        const rules = parseRuleList(m[2]);
        if (m[1] === "file") for (const r of rules) result.file.add(r);
        else {
          const target = commentEndLine + 1;
          let set = result.lines.get(target);
          if (!set) result.lines.set(target, (set = new Set()));
          for (const r of rules) set.add(r);
        }
      }
    }
    at = text.indexOf(MARK, at + MARK.length);
  }
  return result;
}

function parseRuleList(tail: string): string[] {
  const beforeReason = tail.split("--")[0].replace(/\*\/.*$/, "").trim();
  const ids = beforeReason.split(/[\s,]+/).filter((s) => /^[a-z][a-z0-9-]*$/.test(s));
  return ids.length ? ids : ["*"];
}

export function isSuppressed(s: Suppressions, ruleId: string, line0: number): boolean {
  if (s.file.has("*") || s.file.has(ruleId)) return true;
  const set = s.lines.get(line0);
  return !!set && (set.has("*") || set.has(ruleId));
}

/** Binary search: 0-based line containing `pos`. */
export function lineOf(lineStarts: readonly number[], pos: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid] <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}
