/**
 * Seeded generator of hostile inputs for the engine and the language server: truncated and
 * mutated copies of the test-workspace sources, every prefix of a file (typing from scratch),
 * pathological nesting, huge and binary content, encodings and line endings, and JSX/TS in the
 * "wrong" extension. The same seed always yields the same cases, so a failure can be replayed.
 */
import fs from "node:fs";
import path from "node:path";

export interface FuzzCase {
  /** What produced it: used to group figures and to replay a failure. */
  kind: string;
  fileName: string;
  text: string;
}

/** Mulberry32: tiny, fast, and good enough to pick mutations. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const repoRoot = path.resolve(__dirname, "../../../..");

/** The analysable files of test-workspace, in a stable order, plus a few shapes it lacks. */
export function corpus(): { fileName: string; text: string }[] {
  const root = path.join(repoRoot, "test-workspace");
  const out: { fileName: string; text: string }[] = [];
  const walk = (dir: string) => {
    for (const name of fs.readdirSync(dir).sort()) {
      const abs = path.join(dir, name);
      if (fs.statSync(abs).isDirectory()) walk(abs);
      else if (/\.(tsx?|jsx?|mjs|cjs)$/.test(name) || name === "package.json" || name.startsWith(".env")) {
        out.push({ fileName: path.relative(root, abs).split(path.sep).join("/"), text: fs.readFileSync(abs, "utf8") });
      }
    }
  };
  walk(root);
  out.push({ fileName: "extra/handlers.ts", text: EXTRA });
  return out;
}

const EXTRA = `import express from "express";
import jwt from "jsonwebtoken";
const app = express();
app.post("/login", async (req, res) => {
  try {
    const token = jwt.sign({ id: req.body.id }, process.env.JWT_SECRET!);
    res.cookie("session", token);
    const r = await fetch(\`https://api.example.com/\${req.query.id}\`);
    res.json(await r.json());
  } catch (e) {}
});
export default function Page() {
  const [saving, setSaving] = useState(false);
  return <form onSubmit={async () => { await fetch("/api", { method: "POST" }); }}><button disabled={saving}>Go</button></form>;
}
`;

/** Fragments a person (or a bad paste) puts into code, weighted towards what confuses parsers. */
const TOKENS = [
  "{", "}", "(", ")", "[", "]", "<", ">", "</", "/>", "<div>", "</div>", "<>", "</>", "`", "${", "'", '"', "/*", "*/", "//",
  "=>", "async ", "await ", "try {", "} catch (e) {}", ".catch(() => {})", "fetch(", "res.cookie(", "jwt.sign(", "export ",
  "function ", "class ", "interface X {", "as any", "<T,>", "?.", "??", "...", "#", "@decorator ", "\\", "\n", "\r\n", "\r",
  "\u2028", "\u0000", "\uFEFF", "\uD800", "\uDFFF", "\u{1F680}", "é", "\t", " ", ";", ",", "=", "0x", "1e999", "/re/g", "'use client';",
  "// shipshape-ignore-next-line empty-catch", "// shipshape-ignore-file", "sk_live_", "process.env.", "import(", "require(",
];

type Text = string;

function mutateOnce(text: Text, r: () => number): Text {
  const at = Math.floor(r() * (text.length + 1));
  const len = Math.floor(r() * Math.min(64, text.length - at + 1));
  switch (Math.floor(r() * 6)) {
    case 0: // delete a span
      return text.slice(0, at) + text.slice(at + len);
    case 1: // insert a token
      return text.slice(0, at) + TOKENS[Math.floor(r() * TOKENS.length)] + text.slice(at);
    case 2: // duplicate a span
      return text.slice(0, at + len) + text.slice(at, at + len) + text.slice(at + len);
    case 3: { // move a span elsewhere
      const span = text.slice(at, at + len);
      const rest = text.slice(0, at) + text.slice(at + len);
      const to = Math.floor(r() * (rest.length + 1));
      return rest.slice(0, to) + span + rest.slice(to);
    }
    case 4: // replace one character with a random code unit (lone surrogates included)
      return text.slice(0, at) + String.fromCharCode(Math.floor(r() * 0x10000)) + text.slice(at + 1);
    default: // truncate
      return r() < 0.5 ? text.slice(0, at) : text.slice(at);
  }
}

const SOURCE_EXTS = [".ts", ".tsx", ".js", ".jsx", ".mjs", ".cts"];

/** Random mutations and truncations of the corpus; with 1/8 chance the extension is swapped too. */
export function* mutatedCases(seed: number, count: number): Generator<FuzzCase> {
  const r = rng(seed);
  const files = corpus();
  for (let i = 0; i < count; i++) {
    const f = files[Math.floor(r() * files.length)];
    let text = f.text;
    const n = 1 + Math.floor(r() * 8);
    for (let k = 0; k < n; k++) text = mutateOnce(text, r);
    let fileName = f.fileName;
    if (r() < 0.125 && /\.[cm]?[jt]sx?$/.test(fileName)) fileName = fileName.replace(/\.[cm]?[jt]sx?$/, SOURCE_EXTS[Math.floor(r() * SOURCE_EXTS.length)]);
    yield { kind: "mutated", fileName, text };
  }
}

/** Every prefix of a file, as if typed from scratch: `step` characters per case. */
export function* prefixCases(fileName: string, text: string, step = 1): Generator<FuzzCase> {
  for (let n = 0; n <= text.length; n += step) yield { kind: "prefix", fileName, text: text.slice(0, n) };
}

/** Nesting `depth` levels deep in the shapes parsers recurse on, and the long chains they do not. */
export function deepCases(depth: number): FuzzCase[] {
  const rep = (s: string) => s.repeat(depth);
  return [
    { kind: "deep", fileName: "deep/arrays.ts", text: `export const x = ${rep("[")}1${rep("]")};\n` },
    { kind: "deep", fileName: "deep/parens.ts", text: `export const x = ${rep("(")}1${rep(")")};\n` },
    { kind: "deep", fileName: "deep/objects.js", text: `export const x = ${rep("{a:")}1${rep("}")};\n` },
    { kind: "deep", fileName: "deep/blocks.ts", text: `function f() {${rep("{")}${rep("}")}}\n` },
    { kind: "deep", fileName: "deep/tries.ts", text: `${rep("try {")}x();${rep("} catch (e) {}")}\n` },
    { kind: "deep", fileName: "deep/arrows.ts", text: `export const f = ${rep("() => ")}1;\n` },
    { kind: "deep", fileName: "deep/ternary.ts", text: `export const x = ${rep("a ? b : ")}c;\n` },
    { kind: "deep", fileName: "deep/jsx.tsx", text: `export const X = () => ${rep("<div>")}x${rep("</div>")};\n` },
    { kind: "deep", fileName: "deep/unclosed.ts", text: `${rep("(")}\n` },
    // Chains parse iteratively but still make a tree `depth` levels deep.
    { kind: "chain", fileName: "chain/concat.js", text: `export const s = ${Array.from({ length: depth }, (_, i) => `"s${i}"`).join(" + ")};\n` },
    { kind: "chain", fileName: "chain/member.ts", text: `export const v = a${rep(".b")};\n` },
    { kind: "chain", fileName: "chain/calls.ts", text: `export const v = fetch("/x")${rep(".then((r) => r)")};\n` },
    { kind: "chain", fileName: "chain/elseif.ts", text: `export function f(a: number) {\n  if (a === -1) {}${Array.from({ length: depth }, (_, i) => ` else if (a === ${i}) {}`).join("")}\n}\n` },
    { kind: "chain", fileName: "chain/template.ts", text: `export const t = \`${rep("${a}b")}\`;\n` },
  ];
}

/** Big, binary, badly encoded, BOM/CRLF and wrong-extension content. */
export function oddCases(seed: number): FuzzCase[] {
  const r = rng(seed);
  const files = corpus().filter((f) => /\.[cm]?[jt]sx?$/.test(f.fileName));
  const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => Math.floor(r() * 256)));
  const out: FuzzCase[] = [];
  // A 5 MB minified bundle on one line: must be skipped before parsing.
  const unit = files.map((f) => f.text.replace(/\s*\n\s*/g, ";")).join(";");
  out.push({ kind: "huge", fileName: "dist/bundle.min.js", text: unit.repeat(Math.ceil((5 << 20) / unit.length)).slice(0, 5 << 20) });
  // Just under the size limit, a string literal of almost a megabyte, and one just over.
  out.push({ kind: "huge", fileName: "big/string.ts", text: `export const s = "${"a".repeat(1000 * 1000)}";\n` });
  out.push({ kind: "huge", fileName: "big/template.ts", text: `export const s = \`${"b\\n".repeat(300 * 1000)}\${x}\`;\n` });
  out.push({ kind: "huge", fileName: "big/many-strings.js", text: Array.from({ length: 40_000 }, (_, i) => `x${i} = "v${i}";`).join("\n") });
  for (let i = 0; i < 8; i++) {
    out.push({ kind: "binary", fileName: `bin/random${i}.js`, text: bytes(4096 + i * 1000).toString("utf8") });
    // Latin-1 / Windows-1252 bytes read as UTF-8: replacement characters everywhere.
    out.push({ kind: "encoding", fileName: `enc/latin1-${i}.ts`, text: Buffer.from(files[i % files.length].text.replace(/e/g, "é"), "latin1").toString("utf8") });
  }
  out.push({ kind: "encoding", fileName: "enc/utf16.ts", text: Buffer.from(files[0].text, "utf16le").toString("utf8") });
  for (const f of files) {
    out.push({ kind: "bom-crlf", fileName: f.fileName, text: "\uFEFF" + f.text.replace(/\n/g, "\r\n") });
    out.push({ kind: "cr", fileName: f.fileName, text: f.text.replace(/\n/g, "\r") });
    // JSX in .ts (parsed as TS: type assertions and comparisons) and TS in .js.
    if (/\.[jt]sx$/.test(f.fileName)) out.push({ kind: "jsx-in-ts", fileName: f.fileName.replace(/\.[jt]sx$/, ".ts"), text: f.text });
    if (/\.tsx?$/.test(f.fileName)) out.push({ kind: "ts-in-js", fileName: f.fileName.replace(/\.tsx?$/, f.fileName.endsWith("x") ? ".jsx" : ".js"), text: f.text });
  }
  return out;
}
