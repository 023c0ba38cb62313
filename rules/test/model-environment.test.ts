import { test } from "node:test";
import assert from "node:assert/strict";
import ts = require("typescript");
import { analyzeSource } from "../src/engine/linter.js";
import type { Rule } from "../src/engine/types.js";
import { onlyOutsideProduction, truthyInProduction } from "../src/model/environment.js";
import { objectShape } from "../src/model/values.js";

/** Evaluates `probe(<expr>)` calls of a snippet with the environment model. */
function probe(code: string): Array<boolean | undefined | string> {
  const out: Array<boolean | undefined | string> = [];
  const rule: Rule = {
    meta: { id: "probe", steps: ["structure"], severity: "info", description: "probe", fixable: false },
    create(ctx) {
      return {
        onEnd: () => {
          for (const call of ctx.index.calls) {
            if (!ts.isIdentifier(call.expression)) continue;
            if (call.expression.text === "probe") out.push(truthyInProduction(ctx, call.arguments[0]));
            if (call.expression.text === "guarded") out.push(onlyOutsideProduction(ctx, call) ? "dev-only" : "runs");
            if (call.expression.text === "shape") {
              const s = objectShape(ctx, call.arguments[0]);
              out.push(s ? `${[...s.props.keys()].join(",")}${s.complete ? "" : " (incomplete)"}` : "unknown");
            }
          }
        },
      };
    },
  };
  analyzeSource({ fileName: "a.ts", text: code }, { rules: [rule] });
  return out;
}

test("truthyInProduction reads NODE_ENV comparisons, flags and constants", () => {
  assert.deepEqual(
    probe(
      [
        "probe(true); probe(false);",
        'probe(process.env.NODE_ENV === "production"); probe(process.env.NODE_ENV !== "production");',
        'probe(process.env.NODE_ENV === "development"); probe(process.env.NODE_ENV !== "development");',
        'probe("production" === process.env["NODE_ENV"]);',
        'const isProd = process.env.NODE_ENV === "production"; probe(isProd); probe(!isProd);',
        "probe(isDev); probe(config.isProduction); probe(import.meta.env.PROD); probe(import.meta.env.DEV);",
        'probe(process.env.DB_SYNC === "true"); probe(req.secure); probe(isProd && flag); probe(!isProd || flag);',
        'probe(app.get("env") === "production");',
      ].join("\n"),
    ),
    [true, false, true, false, false, true, true, true, false, false, true, true, false, undefined, undefined, undefined, undefined, true],
  );
});

test("onlyOutsideProduction sees if-guards, early returns and per-environment config keys", () => {
  assert.deepEqual(
    probe(
      [
        'if (process.env.NODE_ENV !== "production") { guarded(); }',
        'if (process.env.NODE_ENV === "production") { guarded(); } else { guarded(); }',
        'function f() { if (process.env.NODE_ENV === "production") return; guarded(); }',
        'isDev && guarded();',
        "guarded();",
        "const config = { development: { x: guarded() }, production: { x: guarded() } };",
      ].join("\n"),
    ),
    ["dev-only", "runs", "dev-only", "dev-only", "dev-only", "runs", "dev-only", "runs"],
  );
});

test("objectShape follows same-file constants and spreads, and says when it cannot", () => {
  assert.deepEqual(
    probe(
      [
        "const base = { a: 1 };",
        "shape({ ...base, b: 2 });",
        "shape(base);",
        "shape({ ...imported, c });",
        "shape(fromElsewhere);",
      ].join("\n"),
    ),
    ["a,b", "a", "c (incomplete)", "unknown"],
  );
});
