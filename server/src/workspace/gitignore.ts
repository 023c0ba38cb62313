import { minimatch } from "minimatch";

/** One pattern line of a `.gitignore`, compiled. */
interface IgnoreRule {
  negate: boolean;
  dirOnly: boolean;
  matcher: InstanceType<typeof minimatch.Minimatch>;
  /** `matcher.match`, answered without it where the pattern's literal text decides (see quickTest). */
  test: (subject: string) => boolean;
  /** Unanchored patterns (no slash but a trailing one) match the name at any depth. */
  basenameOnly: boolean;
}

/** The rules of one `.gitignore`, which apply to paths below the folder that holds it. */
export interface IgnoreFile {
  /** Folder of the `.gitignore`, relative to the walk root ("" for the root), forward slashes. */
  base: string;
  rules: IgnoreRule[];
}

/**
 * Compile a `.gitignore` with git's common semantics: `#` comments, `!` negation, `\#`/`\!`
 * escapes, trailing spaces dropped, `dir/` matches folders only, a slash at the start or in the
 * middle anchors the pattern to the file's folder, otherwise it matches a name at any depth, and
 * `**` spans folders.
 */
export function parseGitignore(text: string, base: string): IgnoreFile {
  const rules: IgnoreRule[] = [];
  for (const raw of text.split(/\r?\n/)) {
    // Trailing spaces are ignored unless escaped with a backslash.
    let line = raw.replace(/(?<!\\)\s+$/, "");
    if (line === "" || line.startsWith("#")) continue;
    let negate = false;
    if (line.startsWith("!")) {
      negate = true;
      line = line.slice(1);
    } else if (line.startsWith("\\!") || line.startsWith("\\#")) {
      line = line.slice(1);
    }
    let dirOnly = false;
    if (line.endsWith("/")) {
      dirOnly = true;
      line = line.replace(/\/+$/, "");
    }
    if (line === "") continue;
    const anchored = line.includes("/");
    if (line.startsWith("/")) line = line.slice(1);
    // A pattern with a slash is relative to the .gitignore's folder; `a/**` style tails and
    // `**/a` heads are plain minimatch globstars.
    const matcher = new minimatch.Minimatch(line, { dot: true, nonegate: true, nocomment: true });
    rules.push({ negate, dirOnly, matcher, test: quickTest(line, matcher), basenameOnly: !anchored });
  }
  return { base, rules };
}

/**
 * Whether a path is ignored by the stack of `.gitignore` files that apply to it (outermost
 * first). The last matching pattern wins, and a deeper file's patterns come after its parents'.
 * Callers prune ignored folders, so (as in git) nothing can be re-included below an ignored folder.
 */
export function isGitIgnored(stack: readonly IgnoreFile[], relPath: string, isDir: boolean): boolean {
  let ignored = false;
  // Indexed loops: a warm scan's walk asks this for every name before the JIT has optimised it,
  // and unoptimised, a for-of allocates an iterator result per step (2 MB for a monorepo).
  for (let f = 0; f < stack.length; f++) {
    const file = stack[f];
    let local: string;
    if (file.base === "") local = relPath;
    else if (relPath.startsWith(file.base) && relPath.charCodeAt(file.base.length) === 47 /* / */) local = relPath.slice(file.base.length + 1);
    else continue;
    const name = local.slice(local.lastIndexOf("/") + 1);
    const rules = file.rules;
    for (let r = 0; r < rules.length; r++) {
      const rule = rules[r];
      if (rule.dirOnly && !isDir) continue;
      // Only a rule that would flip the current answer needs matching.
      if (rule.negate === ignored) {
        if (rule.test(rule.basenameOnly ? name : local)) ignored = !rule.negate;
      }
    }
  }
  return ignored;
}

/**
 * A walk asks every rule about every name (over 100,000 matches for a monorepo of 4,000 files),
 * and most rules are a plain name (`node_modules`, `.env`) or a glob with a literal head and tail
 * (`*.pem`, `.env*.local`). A pattern without glob syntax matches exactly its own text; one whose
 * only syntax is `*`, `?` and `[…]` cannot match a subject that does not start with the text
 * before its first such character and end with the text after its last (without the slash a `**`
 * may swallow): only those subjects go to minimatch. Anything else (braces, extglobs, escapes,
 * `.`/`..`/empty segments minimatch rewrites) always does.
 */
function quickTest(pattern: string, matcher: InstanceType<typeof minimatch.Minimatch>): (subject: string) => boolean {
  const match = (subject: string) => matcher.match(subject);
  if (/[{}()!+@\\#]/.test(pattern) || pattern.split("/").some((seg) => seg === "" || seg === "." || seg === "..")) return match;
  const first = pattern.search(/[*?[\]]/);
  if (first < 0) return (subject) => subject === pattern;
  const last = Math.max(pattern.lastIndexOf("*"), pattern.lastIndexOf("?"), pattern.lastIndexOf("["), pattern.lastIndexOf("]"));
  const head = pattern.slice(0, first).replace(/\/$/, "");
  const tail = pattern.slice(last + 1).replace(/^\//, "");
  return (subject) => subject.startsWith(head) && subject.endsWith(tail) && matcher.match(subject);
}
