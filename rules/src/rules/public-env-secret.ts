import ts = require("typescript");
import type { Edit, Fix, Rule, RuleContext, TextRuleContext } from "../engine/types.js";
import { parseEnv } from "../secrets/envFile.js";
import { findFormat } from "../secrets/detect.js";
import { publicEnvMessage, publicPrefixOf, secretEnvWhat } from "../secrets/publicEnv.js";
import { envVarOf } from "../secrets/sink.js";
// TypeScript's exports are getters on an object too large for fast properties: read once.
const { isIdentifier, isMetaProperty, isObjectBindingPattern, isPropertyAccessExpression, isStringLiteralLike } = ts;

function isEnvObject(e: ts.Expression): boolean {
  return isPropertyAccessExpression(e) && e.name.text === "env" && ((isIdentifier(e.expression) && e.expression.text === "process") || isMetaProperty(e.expression));
}

/** Root env files a rename also updates, so code and configuration keep agreeing. */
const ENV_FILES = [".env", ".env.local", ".env.development", ".env.development.local", ".env.production", ".env.production.local", ".env.example"];

/** The value of a variable in the workspace's env files (first one that defines it). */
function envValueOf(ctx: RuleContext, name: string): string | undefined {
  const ws = ctx.workspace;
  if (!ws) return undefined;
  for (const file of ENV_FILES) {
    const text = ws.readFile(file);
    if (!text || !text.includes(name)) continue;
    const entry = parseEnv(text).find((e) => e.key === name);
    if (entry && entry.value) return entry.value;
  }
  return undefined;
}

/** Why a public variable is a leak: its name, or the credential its value holds. */
function leakOf(name: string, value: string | undefined): { prefix: string; rest: string; what: string } | undefined {
  const parts = publicPrefixOf(name);
  if (!parts) return undefined;
  const byName = secretEnvWhat(parts.rest);
  if (byName) return { ...parts, what: byName };
  if (value) {
    const hit = findFormat(value);
    // Google browser keys (Firebase web config, Maps JS) are meant to be public, restricted by referrer.
    if (hit && hit.start === 0 && hit.format.id !== "google-api-key") return { ...parts, what: hit.format.description };
  }
  return undefined;
}

function renameEdits(ctx: RuleContext, from: string, to: string): Edit[] {
  const ws = ctx.workspace;
  if (!ws) return [];
  const edits: Edit[] = [];
  for (const file of ENV_FILES) {
    const text = ws.readFile(file);
    if (!text || !text.includes(from)) continue;
    const entries = parseEnv(text);
    if (entries.some((e) => e.key === to)) continue;
    for (const e of entries) if (e.key === from) edits.push({ file, start: e.keyStart, end: e.keyEnd, newText: to });
  }
  return edits;
}

function renameFix(rest: string, edits: Edit[]): Fix {
  return { title: `Rename to a server-only variable (${rest})`, safe: false, preferred: true, edits };
}

const rule: Rule = {
  meta: {
    id: "public-env-secret",
    steps: ["secrets"],
    severity: "error",
    description: "A secret in an environment variable that the bundler ships to the browser (NEXT_PUBLIC_, VITE_, REACT_APP_ …).",
    fixable: true,
    files: ["source", "env"],
  },
  create(ctx) {
    const seen = new Set<number>();
    const check = (nameNode: ts.Node, name: string, withFix = true) => {
      if (seen.has(nameNode.pos) || ctx.config.secretsAllow.some((re) => re.test(name))) return;
      const leak = leakOf(name, undefined) ?? (publicPrefixOf(name) ? leakOf(name, envValueOf(ctx, name)) : undefined);
      if (!leak) return;
      seen.add(nameNode.pos);
      const start = nameNode.getStart(ctx.sourceFile);
      const end = nameNode.getEnd();
      const own: Edit = isStringLiteralLike(nameNode)
        ? { start: start + 1, end: end - 1, newText: leak.rest }
        : { start, end, newText: leak.rest };
      ctx.report({ start, end, message: publicEnvMessage(name, leak.prefix, leak.rest, leak.what), fixes: withFix ? [renameFix(leak.rest, [own, ...renameEdits(ctx, name, leak.rest)])] : [] });
    };
    return {
      onEnd() {
        // process.env["NEXT_PUBLIC_X"]
        for (const node of ctx.index.elementAccesses) {
          if (isStringLiteralLike(node.argumentExpression) && envVarOf(node)) check(node.argumentExpression, node.argumentExpression.text);
        }
        // `const env = import.meta.env; env.VITE_X` reads the same object.
        const aliases = new Set<string>();
        for (const decl of ctx.index.variableDeclarations) {
          if (isIdentifier(decl.name) && decl.initializer && isEnvObject(decl.initializer)) aliases.add(decl.name.text);
        }
        for (const pa of ctx.index.propertyAccesses) {
          if (!publicPrefixOf(pa.name.text)) continue;
          if (envVarOf(pa) || (isIdentifier(pa.expression) && aliases.has(pa.expression.text))) check(pa.name, pa.name.text);
        }
        // SvelteKit: import { PUBLIC_X } from "$env/static/public".
        for (const b of ctx.index.imports) {
          // No rename fix: the import must also move to $env/static/private, in server code.
          if (b.module === "$env/static/public" && publicPrefixOf(b.imported)) check(b.node, b.imported, false);
        }
        for (const decl of ctx.index.variableDeclarations) {
          // const { NEXT_PUBLIC_X } = process.env
          if (!isObjectBindingPattern(decl.name) || !decl.initializer) continue;
          const init = decl.initializer;
          if (!isEnvObject(init)) continue;
          for (const el of decl.name.elements) {
            const key = el.propertyName ?? el.name;
            if (isIdentifier(key)) check(key, key.text);
          }
        }
      },
    };
  },
  checkText(ctx: TextRuleContext) {
    for (const entry of parseEnv(ctx.text)) {
      const leak = leakOf(entry.key, entry.value);
      if (!leak) continue;
      if (ctx.config.secretsAllow.some((re) => re.test(entry.key) || (entry.value !== "" && re.test(entry.value)))) continue;
      ctx.report({
        start: entry.keyStart,
        end: entry.keyEnd,
        message: publicEnvMessage(entry.key, leak.prefix, leak.rest, leak.what),
        fixes: [renameFix(leak.rest, [{ start: entry.keyStart, end: entry.keyEnd, newText: leak.rest }])],
      });
    }
  },
};

export default rule;
