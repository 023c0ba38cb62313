import ts = require("typescript");
import type { Fix, Rule, RuleContext } from "../engine/types.js";
import { findFormat, jwtClaims, looksLikeSecretValue, stripAuthScheme, type FormatHit, type SecretNameKind } from "../secrets/detect.js";
import { maskHit, maskSecret } from "../secrets/mask.js";
import { SECRET_NAME_HINT, secretNameKind, wordsOf } from "../secrets/names.js";
import { deriveEnvName } from "../secrets/envName.js";
import { planMoveToEnv } from "../secrets/envFile.js";
import { isNonValueLiteral, sinkOf, type Sink } from "../secrets/sink.js";
import { clientBundler, isTestFile } from "../secrets/fileRole.js";
// TypeScript's exports are getters on an object too large for fast properties: read once.
const { SyntaxKind, isAwaitExpression, isBinaryExpression, isCallExpression, isIdentifier, isJsxAttribute, isNoSubstitutionTemplateLiteral, isObjectLiteralExpression, isParenthesizedExpression, isPropertyAssignment, isPropertyDeclaration, isStringLiteral, isVariableDeclaration } = ts;

type Literal = ts.StringLiteral | ts.NoSubstitutionTemplateLiteral;

/** A string value in the code: one literal, or literals joined with `+` (PEM keys split per line). */
interface StringValue {
  node: ts.Expression;
  text: string;
  literal?: Literal;
}

/** What was found in one literal. Offsets are into the literal's value. */
interface Finding {
  description: string;
  masked: string;
  /** The value to move to .env. */
  start: number;
  end: number;
  providerEnvName?: string;
}

const FIREBASE_SIBLINGS = new Set(["authDomain", "projectId", "storageBucket", "messagingSenderId", "appId", "measurementId", "databaseURL"]);
/** The Maps JavaScript and Embed APIs load in the page, so the key in their URL is a browser key. */
const MAPS_BROWSER_URL = /maps\.googleapis\.com\/maps\/(?:api\/js|embed)|google\.com\/maps\/embed/;
/** Words in a name that say a Google API key is a browser key by design (Firebase web config, Maps JS). */
const BROWSER_KEY_WORDS = new Set(["firebase", "maps", "map", "places", "browser", "public", "recaptcha"]);
/** Formats that are fixtures more often than not in test files. */
const TEST_TOLERATED = new Set(["jwt", "jwt-base64", "stripe-test-secret-key"]);

function inFirebaseConfig(lit: ts.Node): boolean {
  const prop = lit.parent;
  if (!prop || !isPropertyAssignment(prop) || !isObjectLiteralExpression(prop.parent)) return false;
  return prop.parent.properties.some((p) => p.name && isIdentifier(p.name) && FIREBASE_SIBLINGS.has(p.name.text));
}

/**
 * The key given to `algoliasearch()` for a search client: search-only keys are meant for the
 * browser. Said by the variable that holds the client (`searchClient`) or an InstantSearch import.
 */
function algoliaSearchOnly(ctx: RuleContext, lit: ts.Node): boolean {
  if (ctx.index.importsFrom((m) => /instantsearch/.test(m))) return true;
  let n: ts.Node | undefined = lit.parent;
  while (n && (isCallExpression(n) || isAwaitExpression(n) || isParenthesizedExpression(n))) n = n.parent;
  return !!n && isVariableDeclaration(n) && isIdentifier(n.name) && wordsOf(n.name.text).includes("search");
}

function allowed(ctx: RuleContext, value: string, sink: Sink | undefined): boolean {
  const allow = ctx.config.secretsAllow;
  return allow.length > 0 && allow.some((re) => re.test(value) || (sink !== undefined && re.test(sink.name)));
}

/** Names whose words say "meant to be public": a value under them is not a leak. */
function publicName(name: string | undefined): boolean {
  if (!name) return false;
  return wordsOf(name).some((w) => w === "public" || w === "publishable" || w === "anon" || w === "pk");
}

/** Names that identify the provider of an unprefixed secret: better messages and env names. */
const NAME_HINTS: Array<{ words: string[]; description: string; envName: string }> = [
  { words: ["secret", "access", "key"], description: "AWS secret access key", envName: "AWS_SECRET_ACCESS_KEY" },
  { words: ["aws", "secret"], description: "AWS secret access key", envName: "AWS_SECRET_ACCESS_KEY" },
  { words: ["twilio", "token"], description: "Twilio auth token", envName: "TWILIO_AUTH_TOKEN" },
  { words: ["datadog", "key"], description: "Datadog API key", envName: "DATADOG_API_KEY" },
  { words: ["algolia", "key"], description: "Algolia API key", envName: "ALGOLIA_API_KEY" },
];

function describeGeneric(kind: SecretNameKind, sink: Sink): { description: string; envName?: string } {
  const words = wordsOf(sink.name);
  const hint = NAME_HINTS.find((h) => h.words.every((w) => words.includes(w)));
  if (hint) return hint;
  return { description: kind === "password" ? `password in ${sink.name}` : kind === "key" ? `key in ${sink.name}` : `secret in ${sink.name}` };
}

let embeddedRe: RegExp | undefined;

/** Secrets found in "KEY=value" lines or JSON text inside a longer literal. */
function embeddedAssignment(value: string): { start: number; end: number; kind: SecretNameKind; name: string } | undefined {
  if (value.length < 20 || !/[=:>,]/.test(value)) return undefined;
  // name = value, name: value, name := value (also Makefile ::= and :::=), name => value,
  // $name .= value, name ?= value, "name": "value", $name = …, --name=…, with an optional type
  // (`var name string = …`) or auth scheme (`Authorization: Bearer …`); <name>value</name> (also
  // on lines of their own); <add key="name" value="…" />; setProperty("NAME", "value"). The value
  // may end at an escaped newline: config text inside JSON (`"A_TOKEN=…\nB=…"`).
  const V = "([A-Za-z0-9+/=._~!@#$%^*-]{8,})";
  const re = embeddedRe ??= new RegExp(
    [
      `(?:^|\\s)key\\s*=\\s*["']([A-Za-z_][\\w.:-]*)["']\\s+value\\s*=\\s*["']${V}["']`,
      `(?:^|[\\s{,;&?($-])["']?([A-Za-z_][A-Za-z0-9_.-]{2,})["']?(?:[ \\t]+[A-Za-z_][\\w[\\]]*)?[ \\t]*(?::{1,3}=|=>|\\?\\??=|\\.=|\\|\\|=|[=:])[ \\t]*["'\`]?(?:(?:Bearer|Basic|Token|token|Api-Token|Api-Key|ApiKey|Bot)[ \\t]+)?${V}(?=$|[\\s"'\`,;}&)\\]<\\\\])`,
      `<([A-Za-z_][\\w.-]*)>\\s*${V}\\s*<\\/\\5>`,
      `["']([A-Za-z_][\\w.-]{2,})["'][ \\t]*,[ \\t]*["']${V}["']`,
    ].join("|"),
    "g",
  );
  const basic = curlUserPassword(value);
  if (basic) return basic;
  // Every name secretNameKind accepts ends in one of these words: without one, no match can count,
  // and the pattern stops at each `hover:bg-…` of a long class list before it finds that out.
  if (!SECRET_NAME_HINT.test(value)) return undefined;
  re.lastIndex = 0;
  for (let m = re.exec(value); m; m = re.exec(value)) {
    // "csrf-token": the "-" before "token" is part of a longer name, not a --flag.
    if (value[m.index] === "-" && /[A-Za-z0-9]/.test(value[m.index - 1] ?? "")) {
      re.lastIndex = m.index + 1;
      continue;
    }
    const name = m[1] ?? m[3] ?? m[5] ?? m[7];
    const secret = m[2] ?? m[4] ?? m[6] ?? m[8];
    const kind = secretNameKind(name);
    if (!kind || !looksLikeSecretValue(secret, kind, name)) {
      // "export NAME=…", "String name = …": the first word was a keyword or type; retry after it.
      re.lastIndex = m.index + m[0].indexOf(name) + name.length;
      continue;
    }
    const start = m.index + m[0].lastIndexOf(secret);
    return { start, end: start + secret.length, kind, name };
  }
  return undefined;
}

let curlRe: RegExp | undefined;

/** `curl -u user:password` / `--user 'user:password'` in a command line inside a literal. */
function curlUserPassword(value: string): { start: number; end: number; kind: SecretNameKind; name: string } | undefined {
  if (!value.includes("-u")) return undefined;
  const re = curlRe ??= /(?:^|\s)(?:-u|--user)[ \t]+(\S+)/g;
  re.lastIndex = 0;
  for (let m = re.exec(value); m; m = re.exec(value)) {
    if (/[<>]/.test(m[1])) continue;
    const arg = m[1].replace(/["'{}]/g, "");
    const colon = arg.indexOf(":");
    if (colon === -1) continue;
    // "user:password", or a token alone before the colon (`-u sk_…:`).
    const secret = arg.slice(colon + 1) || arg.slice(0, colon);
    if (!secret || secret.startsWith("$") || !looksLikeSecretValue(secret, "password", "password")) continue;
    const start = value.indexOf(secret, m.index + m[0].length - m[1].length);
    if (start === -1) continue;
    return { start, end: start + secret.length, kind: "password", name: "curl --user" };
  }
  return undefined;
}

function isPropertyKey(lit: Literal): boolean {
  const p = lit.parent;
  return !!p && (isPropertyAssignment(p) || isPropertyDeclaration(p)) && p.name === lit;
}

function analyse(ctx: RuleContext, v: StringValue, testFile: boolean): { found: Finding; sink: Sink | undefined; key?: boolean } | undefined {
  const value = v.text;
  const lit = v.node;
  if (value.length < 6) return undefined;
  // Short values can only be caught by name, and only if they mix in digits or symbols: skip the
  // UI text, class names and keys that make up most literals before looking at the tree.
  if (value.length < 20 && !/[0-9!#$%&*+=?@^~]/.test(value)) return undefined;
  if (v.literal && isNonValueLiteral(v.literal)) {
    // An object key can still be a token (`{ "sk_live_…": "prod" }`): only provider formats count there.
    if (!isPropertyKey(v.literal)) return undefined;
    const hit = findFormat(value);
    if (!hit || (testFile && TEST_TOLERATED.has(hit.format.id)) || allowed(ctx, value, undefined)) return undefined;
    return { found: { description: hit.format.description, masked: maskHit(value, hit), start: hit.start, end: hit.end, providerEnvName: hit.format.envName }, sink: undefined, key: true };
  }
  const sink = sinkOf(lit);
  if (allowed(ctx, value, sink)) return undefined;
  const hit: FormatHit | undefined = findFormat(value);
  if (hit) {
    const id = hit.format.id;
    if (testFile && TEST_TOLERATED.has(id)) return undefined;
    if (hit.format.kind === "jwt" && (publicName(sink?.name) || publicName(sink?.envVar))) return undefined;
    if (id === "google-api-key") {
      const names = [sink?.name, sink?.owner, sink?.envVar].filter((n): n is string => !!n).flatMap(wordsOf);
      if (inFirebaseConfig(lit) || names.some((w) => BROWSER_KEY_WORDS.has(w))) return undefined;
      if (MAPS_BROWSER_URL.test(value)) return undefined;
    }
    let description = hit.format.description;
    if (hit.format.kind === "jwt") {
      // Supabase service-role keys are JWTs whose payload says so.
      const claims = jwtClaims(id === "jwt" ? value.slice(hit.start, hit.end) : Buffer.from(value.slice(hit.start, hit.end), "base64").toString("utf8"));
      if (claims?.role === "service_role") description = "Supabase service-role key";
    }
    return { found: { description, masked: maskHit(value, hit), start: hit.start, end: hit.end, providerEnvName: hit.format.envName }, sink };
  }
  if (testFile) return undefined;
  if (sink) {
    if (sink.name === "algoliaApiKey" && algoliaSearchOnly(ctx, lit)) return undefined;
    // A request header compared with, or set to, a literal is a shared-secret check whatever the
    // `…-key` header is called (`x-cron-key`): a hex value counts there.
    const nameKind = secretNameKind(sink.name);
    const kind = nameKind === "key" && (sink.how === "compared" || sink.how === "header") ? "secret" : nameKind;
    if (kind && !publicName(sink.envVar) && looksLikeSecretValue(value, kind, sink.name)) {
      const { offset } = stripAuthScheme(value.trim());
      const lead = value.length - value.trimStart().length;
      const start = lead + offset;
      const end = value.trimEnd().length;
      const { description, envName } = describeGeneric(kind, sink);
      return { found: { description, masked: maskSecret(value.slice(start, end)), start, end, providerEnvName: envName }, sink };
    }
  }
  const embedded = embeddedAssignment(value);
  if (embedded) {
    const secret = value.slice(embedded.start, embedded.end);
    return {
      found: { description: `${embedded.kind === "password" ? "password" : embedded.kind === "key" ? "key" : "secret"} in ${embedded.name}`, masked: maskSecret(secret), start: embedded.start, end: embedded.end },
      sink: { name: embedded.name, how: "assigned" },
    };
  }
  return undefined;
}

/** The source range of value offsets [start, end) when the literal has no escapes, else the whole literal (or concatenation). */
function sourceRange(ctx: RuleContext, v: StringValue, start: number, end: number): { start: number; end: number } {
  const lit = v.literal;
  if (!lit) return { start: v.node.getStart(ctx.sourceFile), end: v.node.getEnd() };
  const s = lit.getStart(ctx.sourceFile);
  const raw = ctx.text.slice(s + 1, lit.getEnd() - 1);
  if (raw === lit.text) return { start: s + 1 + start, end: s + 1 + end };
  return { start: s, end: lit.getEnd() };
}

function escapeTemplate(s: string): string {
  return s.replace(/\\/g, "\\\\").replace(/`/g, "\\`").replace(/\$\{/g, "\\${").replace(/\r/g, "\\r").replace(/\n/g, "\\n");
}

function moveFix(ctx: RuleContext, v: StringValue, found: Finding, sink: Sink | undefined, bundler: "next" | "vite" | undefined): Fix | undefined {
  const lit = v.node;
  const ws = ctx.workspace;
  if (!ws) return undefined;
  const value = v.text;
  // Whitespace around the secret (a PEM's final newline) moves with it.
  const whole = value.slice(0, found.start).trim() === "" && value.slice(found.end).trim() === "";
  const secret = whole ? value : value.slice(found.start, found.end);
  const wanted = sink?.envVar ?? deriveEnvName(sink?.name, sink?.owner, found.providerEnvName);
  const plan = planMoveToEnv(wanted, secret, (rel) => ws.readFile(rel));
  const ref = bundler === "vite" ? `import.meta.env.${plan.name}` : `process.env.${plan.name}`;
  let start = lit.getStart(ctx.sourceFile);
  let end = lit.getEnd();
  let newText = whole ? ref : `\`${escapeTemplate(value.slice(0, found.start))}\${${ref}}${escapeTemplate(value.slice(found.end))}\``;
  if (whole && sink?.fallbackOf && sink.envVar === plan.name) {
    // `process.env.X ?? "…"` becomes `process.env.X`: the fallback was the leak.
    start = sink.fallbackOf.getStart(ctx.sourceFile);
    end = sink.fallbackOf.getEnd();
  }
  if (lit.parent && isJsxAttribute(lit.parent)) newText = `{${newText}}`;
  const where = bundler ? " (server-only)" : "";
  return { title: `Move to .env as ${plan.name}${where}`, safe: false, preferred: true, sensitive: true, edits: [{ start, end, newText }, ...plan.edits] };
}

/**
 * The literal parts of a template with substitutions: a provider token, or a URL whose password
 * is written before the host is substituted (`postgres://app:S3cret@${host}/db`).
 */
function checkTemplate(ctx: RuleContext, tpl: ts.TemplateExpression, testFile: boolean): void {
  const parts: ts.TemplateLiteralLikeNode[] = [tpl.head, ...tpl.templateSpans.map((s) => s.literal)];
  for (const part of parts) {
    const text = part.text;
    if (text.length < 8) continue;
    const hit = findFormat(text);
    let description: string | undefined;
    let masked = "";
    if (hit && !(testFile && TEST_TOLERATED.has(hit.format.id)) && hit.format.id !== "google-api-key") {
      description = hit.format.description;
      masked = maskHit(text, hit);
    } else if (part === tpl.head && text.endsWith("@")) {
      const m = /([a-z][a-z0-9+.-]*):\/\/([^\s:@/]*):([^\s:@/]{3,})@$/i.exec(text);
      if (m && !testFile && looksLikeSecretValue(m[3], "password") && !allowed(ctx, m[3], undefined)) {
        description = "URL with an inline password";
        masked = `${m[1]}://${m[2]}:…@…`;
      }
    }
    if (!description || allowed(ctx, text, undefined)) continue;
    const start = part.getStart(ctx.sourceFile);
    ctx.report({ start, end: part.getEnd(), message: `Hardcoded ${description} (${masked}). Move it to an environment variable.` });
  }
}

const isPlus = (n: ts.Node | undefined): n is ts.BinaryExpression => !!n && isBinaryExpression(n) && n.operatorToken.kind === SyntaxKind.PlusToken;

/** Leaves of a `+` chain, or undefined when one of them is not a string literal. */
function concatLeaves(e: ts.Expression, out: Literal[]): Literal[] | undefined {
  if (isPlus(e)) return concatLeaves(e.left, out) && concatLeaves(e.right, out);
  if (isStringLiteral(e) || isNoSubstitutionTemplateLiteral(e)) {
    out.push(e);
    return out;
  }
  return undefined;
}

/** Every string value of the file: `+` chains of literals as one value, the other literals alone. */
function stringValues(ctx: RuleContext): StringValue[] {
  const joined = new Set<ts.Node>();
  const values: StringValue[] = [];
  for (const b of ctx.index.binaryExpressions) {
    if (!isPlus(b) || isPlus(b.parent)) continue;
    const leaves = concatLeaves(b, []);
    if (!leaves) continue;
    for (const l of leaves) joined.add(l);
    values.push({ node: b, text: leaves.map((l) => l.text).join("") });
  }
  for (const lit of ctx.index.strings) if (!joined.has(lit)) values.push({ node: lit, text: lit.text, literal: lit });
  return values;
}

const rule: Rule = {
  meta: {
    id: "hardcoded-secret",
    steps: ["secrets"],
    severity: "error",
    description: "A credential (API key, token, private key, password, connection string with a password) written in source.",
    fixable: true,
  },
  create(ctx) {
    return {
      onEnd() {
        const testFile = isTestFile(ctx.relPath);
        let bundler: "next" | "vite" | undefined | null = null;
        for (const v of stringValues(ctx)) {
          const result = analyse(ctx, v, testFile);
          if (!result) continue;
          if (bundler === null) bundler = clientBundler(ctx.relPath, ctx.index, ctx.workspace?.dependencies);
          const { found, sink } = result;
          const range = sourceRange(ctx, v, found.start, found.end);
          // A key cannot become `process.env.X` in place: report it without the Move fix.
          const fix = result.key ? undefined : moveFix(ctx, v, found, sink, bundler);
          const message = bundler
            ? `Hardcoded ${found.description} (${found.masked}) in browser code: anyone can read it from the bundle. Move the code that needs it to the server and read it from an environment variable there.`
            : `Hardcoded ${found.description} (${found.masked}). Move it to an environment variable.`;
          ctx.report({ start: range.start, end: range.end, message, fixes: fix ? [fix] : [] });
        }
        for (const tpl of ctx.index.templates) checkTemplate(ctx, tpl, testFile);
      },
    };
  },
};

export default rule;
