// Bundle the extension client, the language server and the CLI into dist/.
// The client bundle must not contain TypeScript: activation stays fast, and the analysis
// (with TypeScript) loads only when the server process starts.
import * as esbuild from "esbuild";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const root = import.meta.dirname;
const production = process.argv.includes("--production");
const entries = [
  { in: "client/src/extension.ts", out: "client", external: ["vscode"] },
  { in: "server/src/main.ts", out: "server", external: [], ascii: true },
  // The CLI is a small loader (dist/cli.js) that compiles the bundle through V8's code cache,
  // as the body of CommonJS's module function, which the bundle holds already (see boot.ts).
  { in: "server/src/cli/main.ts", out: "cli-bundle", external: [], ascii: true, wrap: true },
  { in: "server/src/cli/boot.ts", out: "cli", external: [] },
];

const started = Date.now();
for (const e of entries) {
  if (!fs.existsSync(path.join(root, e.in))) continue;
  await esbuild.build({
    entryPoints: [path.join(root, e.in)],
    outfile: path.join(root, "dist", `${e.out}.js`),
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    external: e.external,
    // No source maps in the package: they would carry local paths (see .vscodeignore).
    sourcemap: production ? false : "linked",
    minify: production,
    logLevel: "warning",
    legalComments: "none",
    ...(e.wrap ? { banner: { js: "(function (exports, require, module, __filename, __dirname) {" }, footer: { js: "})" } } : {}),
  });
  if (e.ascii) asciiOnly(path.join(root, "dist", `${e.out}.js`));
  if (e.wrap) markBuild(path.join(root, "dist", `${e.out}.js`));
}

/**
 * esbuild escapes non-ASCII text in strings but leaves it in regular expression literals and
 * comments. One such character makes V8 hold the whole 10 MB source as a two-byte string: 10 MB
 * more in the language server and in every CLI thread. A \u escape means the same in a regex, a string or a comment.
 */
function asciiOnly(file) {
  const text = fs.readFileSync(file, "utf8");
  const ascii = text.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  if (ascii !== text) fs.writeFileSync(file, ascii);
}

/**
 * The CLI's loader names its code-cache file after the bundle's content (server/src/cli/boot.ts).
 * Hashing 10 MB cost every run some 6 ms: the build does it once and ends the bundle with the
 * digest of everything before it, in the comment the loader looks for.
 */
function markBuild(file) {
  const bytes = fs.readFileSync(file);
  const sep = bytes.at(-1) === 0x0a ? "" : "\n";
  fs.appendFileSync(file, `${sep}//# shipshape-sha1=${createHash("sha1").update(bytes).update(sep).digest("hex")}\n`);
}
console.log(`esbuild: bundled ${entries.filter((e) => fs.existsSync(path.join(root, e.in))).map((e) => `dist/${e.out}.js`).join(", ") || "nothing yet"} in ${Date.now() - started} ms`);
