// Times the secret detectors next to parsing, over the dev set (materialised) plus generated
// realistic app files. Usage (after `npx tsc -b`):
//   node scripts/bench-secrets.mjs [--files N] [--rounds R] [--devset DIR]
// Secret detection must cost less than parsing: a keyword prefilter keeps the patterns off
// strings that cannot match.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, "..");
const engine = require(path.join(root, "out/rules/src/index.js"));
const detect = require(path.join(root, "out/rules/src/secrets/detect.js"));
const ts = require("typescript");

const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? def : process.argv[i + 1];
};
const generatedCount = Number(arg("files", 400));
const rounds = Number(arg("rounds", 3));
const devsetDir = arg("devset", [path.join(root, "../shared/devset"), path.join(root, "../../shared/devset")].find((d) => fs.existsSync(path.join(d, "materialize.mjs"))));

// ---- corpus ----------------------------------------------------------------------------------------
const corpus = [];
if (devsetDir) {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "shipshape-bench-"));
  fs.rmSync(out, { recursive: true });
  execFileSync(process.execPath, [path.join(devsetDir, "materialize.mjs"), out, "1"], { stdio: "ignore" });
  (function walk(d) {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (engine.fileKindOf(p) === "source") corpus.push({ fileName: p, text: fs.readFileSync(p, "utf8") });
    }
  })(out);
  fs.rmSync(out, { recursive: true, force: true });
}
const devsetFiles = corpus.length;

let seed = 12345;
const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 4294967296);
const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
const chars = (alphabet, n) => Array.from({ length: n }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join("");
const HEX = "0123456789abcdef";
const AN = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const words = ["order", "booking", "member", "invoice", "profile", "catalog", "session", "payment", "cart", "review"];
const component = (i) => `"use client";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import styles from "./${pick(words)}.module.css";

const COLORS = { primary: "#${chars(HEX, 6)}", muted: "#${chars(HEX, 6)}", danger: "rgb(${Math.floor(rnd() * 255)}, 40, 40)" };
const PLACEHOLDER = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAoAAAAKCAYAAACNMs+9AAAA${chars(AN + "+/", 120)}";

export function ${pick(words)[0].toUpperCase()}Panel${i}({ id }: { id: string }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState("");
  const [status, setStatus] = useState<"idle" | "saving" | "error">("idle");
  async function onSubmit() {
    setStatus("saving");
    const res = await fetch(\`/api/${pick(words)}s/\${id}\`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ password }) });
    if (!res.ok) setStatus("error");
  }
  return (
    <form className={styles.form} onSubmit={onSubmit} data-testid="${pick(words)}-form-${chars(HEX, 8)}">
      <label htmlFor="password">{t("auth.password.label")}</label>
      <input id="password" type="password" name="password" value={password} placeholder="••••••••" onChange={(e) => setPassword(e.target.value)} />
      <p className="mt-2 text-sm text-gray-500 dark:text-gray-400">{t("auth.password.hint", { min: 12 })}</p>
      <button type="submit" disabled={status === "saving"} aria-busy={status === "saving"}>{t("common.save")}</button>
    </form>
  );
}
`;
const server = (i) => `import express from "express";
import { z } from "zod";
import jwt from "jsonwebtoken";
import { Pool } from "pg";

const pool = new Pool({ connectionString: process.env.DATABASE_URL ?? "" });
const JWT_SECRET = process.env.JWT_SECRET ?? "changeme";
const BUILD_SHA = "${chars(HEX, 40)}";
const TENANT_ID = "${chars(HEX, 8)}-${chars(HEX, 4)}-4${chars(HEX, 3)}-a${chars(HEX, 3)}-${chars(HEX, 12)}";
const Body = z.object({ email: z.string().email(), password: z.string().min(12), note: z.string().max(${Math.floor(rnd() * 500)}) });

export const router${i} = express.Router();
router${i}.post("/${pick(words)}s", async (req, res) => {
  const body = Body.parse(req.body);
  const token = req.headers.authorization?.startsWith("Bearer ") ? req.headers.authorization.slice(7) : undefined;
  if (!token) return res.status(401).json({ error: "Sign in required" });
  const claims = jwt.verify(token, JWT_SECRET, { algorithms: ["HS256"] });
  const { rows } = await pool.query("SELECT id, name, created_at FROM ${pick(words)}s WHERE owner_id = $1 AND status = $2", [claims.sub, "active"]);
  res.json({ items: rows, tenant: TENANT_ID, build: BUILD_SHA, message: "Your session token is valid for another hour." });
});
`;
const config = (i) => `export default {
  content: ["./src/**/*.{ts,tsx}", "./app/**/*.{ts,tsx}"],
  theme: { extend: { colors: { brand: "#${chars(HEX, 6)}", accent: "#${chars(HEX, 6)}" }, fontFamily: { sans: ["Inter", "system-ui"] } } },
  integrity: "sha384-${chars(AN + "+/", 64)}",
  sentry: { dsn: "https://${chars(HEX, 32)}@o${Math.floor(rnd() * 999999)}.ingest.sentry.io/${Math.floor(rnd() * 9999999)}" },
  i18n: { locales: ["en", "de", "fr"], defaultLocale: "en", keys: ["checkout.card.number", "checkout.card.cvc", "account.password.reset"] },
  ids: [${Array.from({ length: 8 }, () => `"${chars(HEX, 24)}"`).join(", ")}],
  stripePublishableKey: "pk_live_${chars(AN, 99)}",
  secretKey: "${chars(AN, 48)}",
};
`;
for (let i = 0; i < generatedCount; i++) {
  const kind = i % 3;
  corpus.push({ fileName: `/gen/file${i}.${kind === 0 ? "tsx" : "ts"}`, text: (kind === 0 ? component : kind === 1 ? server : config)(i) });
}

// ---- measure ---------------------------------------------------------------------------------------
const secretRules = engine.allRules.filter((r) => r.meta.id === "hardcoded-secret" || r.meta.id === "public-env-secret");
const best = { parse: Infinity, traverse: Infinity, rules: Infinity, detectors: Infinity };
let findings = 0;
let strings = 0;
for (let round = 0; round < rounds; round++) {
  let parse = 0, traverse = 0, rules = 0, detectors = 0;
  findings = 0;
  strings = 0;
  for (const f of corpus) {
    let t = performance.now();
    const sf = engine.parseSource(f.fileName, f.text);
    parse += performance.now() - t;
    t = performance.now();
    engine.analyzeSource({ fileName: f.fileName, text: f.text, sourceFile: sf }, { rules: [] });
    traverse += performance.now() - t;
    const r = engine.analyzeSource({ fileName: f.fileName, text: f.text, sourceFile: sf }, { rules: secretRules, timing: true });
    for (const v of Object.values(r.timings ?? {})) rules += v;
    findings += r.findings.length;
    // The detectors alone, on every string literal of the file.
    const lits = [];
    (function visit(n) {
      if (n.kind === ts.SyntaxKind.StringLiteral || n.kind === ts.SyntaxKind.NoSubstitutionTemplateLiteral) lits.push(n.text);
      ts.forEachChild(n, visit);
    })(sf);
    strings += lits.length;
    t = performance.now();
    for (const s of lits) {
      detect.findFormat(s);
      detect.looksLikeSecretValue(s, "secret");
    }
    detectors += performance.now() - t;
  }
  best.parse = Math.min(best.parse, parse);
  best.traverse = Math.min(best.traverse, traverse);
  best.rules = Math.min(best.rules, rules);
  best.detectors = Math.min(best.detectors, detectors);
}
const bytes = corpus.reduce((n, f) => n + f.text.length, 0);
const ms = (x) => `${x.toFixed(1)} ms`;
console.log(`corpus: ${corpus.length} files (${devsetFiles} dev set, ${corpus.length - devsetFiles} generated), ${(bytes / 1024).toFixed(0)} KiB, ${strings} string literals; best of ${rounds} rounds`);
console.log(`parse (TypeScript)                  ${ms(best.parse)}`);
console.log(`traversal + file index (no rules)   ${ms(best.traverse)}`);
console.log(`secret rules (both, in the engine)  ${ms(best.rules)}   = ${((100 * best.rules) / best.parse).toFixed(1)}% of parse`);
console.log(`detectors alone on every literal    ${ms(best.detectors)}   = ${((100 * best.detectors) / best.parse).toFixed(1)}% of parse`);
console.log(`findings: ${findings}`);
if (process.argv.includes("--list")) for (const f of corpus) for (const x of engine.analyzeSource({ fileName: f.fileName, text: f.text }, { rules: secretRules }).findings) console.log(`${f.fileName}:${x.line} ${x.message.slice(0, 100)}`);
if (best.rules > best.parse) {
  console.error("secret detection is slower than parsing");
  process.exit(1);
}
