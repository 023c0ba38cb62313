import { test } from "node:test";
import assert from "node:assert/strict";
import { analyzeSource } from "../src/engine/linter.js";
import { DEFAULT_CONFIG } from "../src/engine/config.js";
import type { Rule } from "../src/engine/types.js";
import unvalidatedInput from "../src/rules/unvalidated-input.js";
import missingAuth from "../src/rules/missing-auth.js";
import sqlInjection from "../src/rules/sql-injection.js";
import errorDetailsLeak from "../src/rules/error-details-leak.js";
import missingRateLimit from "../src/rules/missing-rate-limit.js";
import unboundedUpload from "../src/rules/unbounded-upload.js";
import { wellRunApp } from "./fixtures/wellRunApp.js";

const rules: Rule[] = [unvalidatedInput, missingAuth, sqlInjection, errorDetailsLeak, missingRateLimit, unboundedUpload];

function analyze(files: Record<string, string>, rel: string) {
  const project = rel.split("/")[0];
  const deps = new Set(Object.keys(JSON.parse(files[`${project}/package.json`] ?? "{}").dependencies ?? {}));
  return analyzeSource(
    { fileName: `/repo/${rel}`, text: files[rel], relPath: rel },
    { rules, config: DEFAULT_CONFIG, workspace: { root: "/repo", readFile: (r) => files[r], dependencies: deps } },
  );
}

for (const rel of Object.keys(wellRunApp).filter((f) => /\.[jt]sx?$/.test(f))) {
  test(`well-run app: no route findings in ${rel}`, () => {
    const r = analyze(wellRunApp, rel);
    assert.deepEqual(r.ruleFailures, []);
    assert.deepEqual(r.findings.map((f) => `${f.ruleId} ${f.line}:${f.column} ${f.message}`), []);
  });
}

// The same app with its guards removed: the rules must notice, so the quiet result above means something.
test("well-run app: removing the guards brings the findings back", () => {
  const broken = { ...wellRunApp };
  broken["api/src/routes/orders.routes.ts"] = broken["api/src/routes/orders.routes.ts"].replace('router.post("/", validate(NewOrder), orders.create);', 'router.post("/", orders.create);');
  broken["api/src/app.ts"] = broken["api/src/app.ts"].replace('app.use("/orders", requireAuth, ordersRoutes);', 'app.use("/orders", ordersRoutes);');
  const ids = analyze(broken, "api/src/controllers/orders.controller.ts").findings.map((f) => `${f.ruleId}:${f.line}`);
  assert.ok(ids.includes("unvalidated-input:11"), ids.join(", "));
  assert.ok(ids.some((i) => i.startsWith("missing-auth:")), ids.join(", "));
  broken["web/app/api/projects/[id]/route.ts"] = broken["web/app/api/projects/[id]/route.ts"].replace('console.error("project update failed", error);\n    return NextResponse.json({ error: "Could not update the project" }', 'return NextResponse.json({ error: String(error) }');
  broken["api/src/app.ts"] = broken["api/src/app.ts"].replace("app.use(rateLimit({ windowMs: 15 * 60 * 1000, limit: 300 }));", "");
  const limits = analyze(broken, "api/src/routes/auth.routes.ts").findings.map((f) => `${f.ruleId}:${f.line}`);
  assert.deepEqual(limits, ["missing-rate-limit:9", "missing-rate-limit:10"]);
  // the controller's body is validated by the chain found in the routes file
  assert.deepEqual(analyze(broken, "api/src/controllers/auth.controller.ts").findings.map((f) => f.ruleId), []);
  const leak = analyze(broken, "web/app/api/projects/[id]/route.ts").findings.map((f) => f.ruleId);
  assert.deepEqual(leak, ["error-details-leak"]);
});
