import type { Edit } from "../engine/types.js";

/** One `KEY=value` line of a dotenv file. Offsets are into the file text. */
export interface EnvEntry {
  key: string;
  value: string;
  keyStart: number;
  keyEnd: number;
  line: number;
}

/** Parse dotenv text: `KEY=value`, `export KEY=value`, quoted values, comments. */
export function parseEnv(text: string): EnvEntry[] {
  const out: EnvEntry[] = [];
  const re = /^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*=[ \t]*(.*)$/gm;
  let line = 0;
  let lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    for (let i = text.indexOf("\n", lastIndex); i !== -1 && i < m.index; i = text.indexOf("\n", i + 1)) line++;
    lastIndex = m.index;
    const keyStart = m.index + m[0].indexOf(m[1]);
    out.push({ key: m[1], value: unquote(m[2]), keyStart, keyEnd: keyStart + m[1].length, line });
  }
  return out;
}

function unquote(raw: string): string {
  const v = raw.trim();
  const q = v[0];
  if ((q === '"' || q === "'" || q === "`") && v.indexOf(q, 1) > 0) {
    const inner = v.slice(1, v.indexOf(q, 1));
    return q === '"' ? inner.replace(/\\n/g, "\n").replace(/\\r/g, "\r").replace(/\\"/g, '"') : inner;
  }
  // An unquoted value ends at an inline comment.
  return v.replace(/\s+#.*$/, "");
}

/** Serialise a value for a dotenv file: quoted (with \n escapes) when it needs to be. */
export function envValue(value: string): string {
  if (/^[A-Za-z0-9_./:@%+=,~^?&-]*$/.test(value) && !value.includes("#")) return value;
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\r/g, "\\r").replace(/\n/g, "\\n")}"`;
}

/** Append one line to a file's text (created when missing), keeping the existing bytes. */
function appendLine(file: string, text: string | undefined, line: string): Edit {
  if (text === undefined) return { file, start: 0, end: 0, newText: `${line}\n` };
  const sep = text.length === 0 || text.endsWith("\n") ? "" : text.includes("\r\n") ? "\r\n" : "\n";
  const nl = text.includes("\r\n") ? "\r\n" : "\n";
  return { file, start: text.length, end: text.length, newText: `${sep}${line}${nl}` };
}

export interface MovePlan {
  /** The variable the code should read: NAME, or NAME_2 … when NAME holds another value. */
  name: string;
  edits: Edit[];
}

const ENV = ".env";
const EXAMPLE = ".env.example";
const GITIGNORE = ".gitignore";

/**
 * Edits that put `value` into the workspace's .env under `name` (never overwriting a different
 * value: NAME_2, NAME_3 … instead; reusing NAME when it already holds this value), declare it in
 * .env.example, and make sure git ignores .env.
 */
export function planMoveToEnv(name: string, value: string, readFile: (rel: string) => string | undefined): MovePlan {
  const envText = readFile(ENV);
  const entries = envText === undefined ? [] : parseEnv(envText);
  const existing = new Map(entries.map((e) => [e.key, e.value]));
  let chosen = name;
  for (let n = 2; existing.has(chosen) && existing.get(chosen) !== value; n++) chosen = `${name}_${n}`;
  const edits: Edit[] = [];
  if (!existing.has(chosen)) edits.push(appendLine(ENV, envText, `${chosen}=${envValue(value)}`));
  const exampleText = readFile(EXAMPLE);
  if (exampleText === undefined || !parseEnv(exampleText).some((e) => e.key === chosen)) edits.push(appendLine(EXAMPLE, exampleText, `${chosen}=`));
  const ignoreText = readFile(GITIGNORE);
  if (!ignoresDotEnv(ignoreText)) edits.push(appendLine(GITIGNORE, ignoreText, ".env"));
  return { name: chosen, edits };
}

/** Does a .gitignore ignore the root .env? Handles globs (`.env*`, `*.env`) and a later `!.env`. */
export function ignoresDotEnv(text: string | undefined): boolean {
  if (!text) return false;
  let ignored = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const negated = line.startsWith("!");
    const pat = (negated ? line.slice(1) : line).replace(/^\//, "").replace(/^\*\*\//, "").replace(/\/$/, "");
    if (pat.includes("/")) continue;
    const re = new RegExp("^" + pat.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]*").replace(/\?/g, "[^/]") + "$");
    if (re.test(".env")) ignored = !negated;
  }
  return ignored;
}
