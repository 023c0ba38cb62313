import { test } from "node:test";
import assert from "node:assert/strict";
import { buildChecklist, stepStatus } from "../src/checklist/model.js";
import type { ChecklistFinding, WorkspaceFacts } from "../src/checklist/types.js";
import { gitignoreIgnores } from "../src/checklist/detect.js";

/** An in-memory workspace: file path → content. */
function facts(files: Record<string, string>, opts: { tracked?: string[]; findings?: ChecklistFinding[] } = {}): WorkspaceFacts {
  const paths = Object.keys(files);
  const pkgs = paths.filter((p) => p.endsWith("package.json")).map((p) => JSON.parse(files[p]));
  const deps = new Set<string>(pkgs.flatMap((j) => [...Object.keys(j.dependencies ?? {}), ...Object.keys(j.devDependencies ?? {})]));
  return {
    sourceFiles: paths.filter((p) => /\.(m|c)?(t|j)sx?$/.test(p)),
    exists: (p) => p in files || paths.some((f) => f.startsWith(p + "/")),
    listDir: (dir) => [...new Set(paths.filter((f) => dir === "" || f.startsWith(dir + "/")).map((f) => (dir === "" ? f : f.slice(dir.length + 1)).split("/")[0]))],
    readFile: (p) => files[p],
    dependencies: deps,
    packageDirs: paths.filter((p) => p.endsWith("package.json")).map((p) => (p.includes("/") ? p.slice(0, p.lastIndexOf("/")) : "")),
    scripts: files["package.json"] ? JSON.parse(files["package.json"]).scripts ?? {} : {},
    gitTracked: opts.tracked ? (p) => opts.tracked!.includes(p) : undefined,
    findings: opts.findings ?? [],
  };
}

const pkg = (deps: string[], scripts: Record<string, string> = {}) => JSON.stringify({ dependencies: Object.fromEntries(deps.map((d) => [d, "1.0.0"])), scripts });
const item = (c: ReturnType<typeof buildChecklist>, id: string) => c.steps.flatMap((s) => s.items).find((i) => i.id === id);
const step = (c: ReturnType<typeof buildChecklist>, id: string) => c.steps.find((s) => s.id === id)!;

test("gitignore semantics for .env", () => {
  assert.equal(gitignoreIgnores(".env\n", ".env"), true);
  assert.equal(gitignoreIgnores(".env*\n!.env.example\n", ".env.local"), true);
  assert.equal(gitignoreIgnores(".env*\n!.env.example\n", ".env.example"), false);
  assert.equal(gitignoreIgnores("/.env.local\n", ".env"), false);
  assert.equal(gitignoreIgnores("**/.env\n", ".env"), true);
  assert.equal(gitignoreIgnores("*.local\n.env\n", ".env.local"), true);
  assert.equal(gitignoreIgnores("# .env\nnode_modules\n", ".env"), false);
});

test("secrets: env ignored, not tracked, example present → pass", () => {
  const c = buildChecklist(facts({ "package.json": pkg(["dotenv"]), ".env": "A=1", ".env.example": "A=", ".gitignore": ".env*\n!.env.example", "src/a.ts": "" }, { tracked: [] }));
  assert.equal(item(c, "secrets.env-ignored")?.status, "pass");
  assert.equal(item(c, "secrets.env-not-tracked")?.status, "pass");
  assert.equal(item(c, "secrets.env-example")?.status, "pass");
  assert.equal(step(c, "secrets").status, "pass");
});

test("secrets: .env committed and not ignored → fail; no example → warn", () => {
  const c = buildChecklist(facts({ "package.json": pkg(["dotenv"]), ".env": "A=1", ".gitignore": "node_modules", "src/a.ts": "" }, { tracked: [".env"] }));
  assert.equal(item(c, "secrets.env-ignored")?.status, "fail");
  assert.equal(item(c, "secrets.env-not-tracked")?.status, "fail");
  assert.match(item(c, "secrets.env-not-tracked")!.evidence, /git rm --cached/);
  assert.equal(item(c, "secrets.env-example")?.status, "warn");
  assert.equal(step(c, "secrets").status, "fail");
});

test("secrets: without git the tracked check is left out, not guessed", () => {
  const c = buildChecklist(facts({ "package.json": pkg(["dotenv"]), ".env": "A=1", ".gitignore": ".env\n.env.local", "src/a.ts": "" }));
  assert.equal(item(c, "secrets.env-not-tracked"), undefined);
});

test("secrets in a monorepo: env files and examples in package folders count; nested .gitignore files apply", () => {
  const base = { "package.json": pkg([]), "apps/web/package.json": pkg(["next"]), "apps/web/app/page.tsx": "" };
  // The example lives next to the app that reads it.
  let c = buildChecklist(facts({ ...base, "apps/web/.env.example": "A=", ".gitignore": ".env*\n!.env.example\n" }));
  assert.equal(item(c, "secrets.env-example")?.status, "pass");
  assert.match(item(c, "secrets.env-example")!.evidence, /apps\/web\/\.env\.example/);
  // An unanchored pattern at the root covers .env files at any depth …
  c = buildChecklist(facts({ ...base, "apps/web/.env.local": "A=1", ".gitignore": ".env*\n" }));
  assert.equal(item(c, "secrets.env-ignored")?.status, "pass");
  // … an anchored one only at the root …
  c = buildChecklist(facts({ ...base, "apps/web/.env.local": "A=1", ".gitignore": "/.env*\n" }));
  assert.equal(item(c, "secrets.env-ignored")?.status, "fail");
  assert.match(item(c, "secrets.env-ignored")!.evidence, /apps\/web\/\.env\.local/);
  // … and the app's own .gitignore counts.
  c = buildChecklist(facts({ ...base, "apps/web/.env.local": "A=1", ".gitignore": "/.env*\n", "apps/web/.gitignore": ".env*.local\n" }));
  assert.equal(item(c, "secrets.env-ignored")?.status, "pass");
  // A committed .env in a package folder is found too.
  c = buildChecklist(facts({ ...base, "apps/web/.env": "A=1", ".gitignore": ".env\n" }, { tracked: ["apps/web/.env"] }));
  assert.equal(item(c, "secrets.env-not-tracked")?.status, "fail");
  assert.match(item(c, "secrets.env-not-tracked")!.evidence, /apps\/web\/\.env/);
});

test("deployment: a Dockerfile next to a package's package.json counts; a stray one elsewhere does not", () => {
  const base = { "package.json": pkg([]), "apps/api/package.json": pkg(["express"]), "apps/api/src/index.ts": "" };
  assert.equal(item(buildChecklist(facts({ ...base, "apps/api/Dockerfile": "FROM node" })), "deployment.platform")?.status, "pass");
  assert.equal(item(buildChecklist(facts({ ...base, "docs/examples/Dockerfile": "FROM node" })), "deployment.platform")?.status, "manual");
});

test("monitoring: generic names (status, ping) count only where routes live", () => {
  const base = { "package.json": pkg(["express", "react"]) };
  assert.equal(item(buildChecklist(facts({ ...base, "src/components/status.tsx": "export const Status = () => null;" })), "monitoring.health")?.status, "warn");
  assert.equal(item(buildChecklist(facts({ ...base, "src/routes/status.ts": "" })), "monitoring.health")?.status, "pass");
  assert.equal(item(buildChecklist(facts({ ...base, "app/api/ping/route.ts": "" })), "monitoring.health")?.status, "pass");
  assert.equal(item(buildChecklist(facts({ ...base, "src/healthz.ts": "" })), "monitoring.health")?.status, "pass");
});

test("secrets: a hardcoded-secret finding fails the step even when files are fine", () => {
  const c = buildChecklist(
    facts({ "package.json": pkg(["dotenv"]), ".env.example": "", ".gitignore": ".env*", "src/a.ts": "" }, { findings: [{ rule: "hardcoded-secret", file: "src/a.ts", line: 3, message: "m", severity: "error" }] }),
  );
  assert.equal(step(c, "secrets").status, "fail");
  assert.deepEqual(step(c, "secrets").findings, [{ rule: "hardcoded-secret", file: "src/a.ts", line: 3, message: "m" }]);
});

test("migrations: n/a without a database; fail with a database and no migrations; pass with prisma/migrations", () => {
  assert.equal(step(buildChecklist(facts({ "package.json": pkg(["react"]), "src/a.tsx": "" })), "migrations").status, "n/a");
  const none = buildChecklist(facts({ "package.json": pkg(["pg"]), "src/db.ts": "" }));
  assert.equal(item(none, "migrations.system")?.status, "fail");
  const prisma = buildChecklist(facts({ "package.json": pkg(["@prisma/client"]), "prisma/migrations/001_init/migration.sql": "", "src/db.ts": "" }));
  assert.equal(item(prisma, "migrations.system")?.status, "pass");
  const knex = buildChecklist(facts({ "package.json": pkg(["knex", "pg"]), "src/db/migrations/20240101_users.ts": "", "src/db.ts": "" }));
  assert.equal(item(knex, "migrations.system")?.status, "pass");
  const script = buildChecklist(facts({ "package.json": pkg(["drizzle-orm"], { "db:migrate": "drizzle-kit migrate" }), "src/db.ts": "" }));
  assert.equal(item(script, "migrations.system")?.status, "pass");
  const mongo = buildChecklist(facts({ "package.json": pkg(["mongoose"]), "src/db.ts": "" }));
  assert.equal(item(mongo, "migrations.system")?.status, "manual");
});

test("migrations: a schema-sync finding makes the step warn even with migrations", () => {
  const c = buildChecklist(facts({ "package.json": pkg(["@prisma/client"]), "prisma/migrations/x/migration.sql": "", "src/db.ts": "" }, { findings: [{ rule: "schema-sync", file: "package.json", line: 5, message: "m", severity: "warning" }] }));
  assert.equal(step(c, "migrations").status, "warn");
});

test("auth: password login without a reset flow warns; with one passes; hosted auth is manual", () => {
  assert.equal(item(buildChecklist(facts({ "package.json": pkg(["bcryptjs"]), "src/routes/auth.ts": "" })), "auth.password-reset")?.status, "warn");
  assert.equal(item(buildChecklist(facts({ "package.json": pkg(["bcryptjs"]), "src/routes/auth.ts": "", "app/forgot-password/page.tsx": "" })), "auth.password-reset")?.status, "pass");
  assert.equal(item(buildChecklist(facts({ "package.json": pkg(["@clerk/nextjs"]), "app/page.tsx": "" })), "auth.password-reset")?.status, "manual");
});

test("manual items can be ticked", () => {
  const f = facts({ "package.json": pkg(["@clerk/nextjs"]), "app/page.tsx": "" });
  assert.equal(item(buildChecklist(f, { manualTicks: new Set(["auth.password-reset"]) }), "auth.password-reset")?.status, "pass");
});

test("validation: library present / absent", () => {
  assert.equal(item(buildChecklist(facts({ "package.json": pkg(["zod"]), "src/a.ts": "" })), "validation.library")?.status, "pass");
  assert.equal(item(buildChecklist(facts({ "package.json": pkg(["express"]), "src/a.ts": "" })), "validation.library")?.status, "warn");
});

test("errors: logger initialised / only a dependency / absent; error boundary", () => {
  assert.equal(item(buildChecklist(facts({ "package.json": pkg(["pino"]), "src/lib/logger.ts": "export const logger = pino({ level: 'info' });" })), "errors.logger")?.status, "pass");
  assert.equal(item(buildChecklist(facts({ "package.json": pkg(["@sentry/nextjs"]), "sentry.server.config.ts": "Sentry.init({ dsn })" })), "errors.logger")?.status, "pass");
  assert.equal(item(buildChecklist(facts({ "package.json": pkg(["winston"]), "src/a.ts": "" })), "errors.logger")?.status, "warn");
  assert.equal(item(buildChecklist(facts({ "package.json": pkg([]), "src/a.ts": "" })), "errors.logger")?.status, "warn");
  assert.equal(item(buildChecklist(facts({ "package.json": pkg(["next"]), "app/error.tsx": "", "app/page.tsx": "" })), "errors.boundary")?.status, "pass");
  assert.equal(item(buildChecklist(facts({ "package.json": pkg(["react"]), "src/App.tsx": "" })), "errors.boundary")?.status, "warn");
  assert.equal(item(buildChecklist(facts({ "package.json": pkg(["express"]), "src/a.ts": "" })), "errors.boundary"), undefined);
});

test("deployment: CI that runs tests, scripts, platform config", () => {
  const good = buildChecklist(facts({ "package.json": pkg(["express"], { build: "tsc", start: "node dist" }), ".github/workflows/ci.yml": "run: npm test", Dockerfile: "FROM node", "src/a.ts": "" }));
  assert.equal(step(good, "deployment").status, "pass");
  const noTests = buildChecklist(facts({ "package.json": pkg(["express"], { build: "tsc" }), ".github/workflows/deploy.yml": "run: npm run deploy", "src/a.ts": "" }));
  assert.equal(item(noTests, "deployment.ci")?.status, "warn");
  assert.match(item(noTests, "deployment.scripts")!.evidence, /no start script/);
  assert.equal(item(noTests, "deployment.platform")?.status, "manual");
});

test("monitoring: health route by path or by registration; uptime is always manual", () => {
  assert.equal(item(buildChecklist(facts({ "package.json": pkg(["next"]), "app/api/health/route.ts": "" })), "monitoring.health")?.status, "pass");
  assert.equal(item(buildChecklist(facts({ "package.json": pkg(["express"]), "src/app.ts": 'app.get("/healthz", (req, res) => res.send("ok"))' })), "monitoring.health")?.status, "pass");
  const none = buildChecklist(facts({ "package.json": pkg(["express"]), "src/app.ts": "" }));
  assert.equal(item(none, "monitoring.health")?.status, "warn");
  assert.equal(item(none, "monitoring.uptime")?.status, "manual");
});

test("security: helmet or headers config; rate-limit findings", () => {
  assert.equal(item(buildChecklist(facts({ "package.json": pkg(["express", "helmet"]), "src/app.ts": "" })), "security.headers")?.status, "pass");
  assert.equal(item(buildChecklist(facts({ "package.json": pkg(["next"]), "next.config.js": "headers: [{ key: 'X-Frame-Options', value: 'DENY' }]", "app/page.tsx": "" })), "security.headers")?.status, "pass");
  assert.equal(item(buildChecklist(facts({ "package.json": pkg(["express"]), "src/app.ts": "" })), "security.headers")?.status, "warn");
  const rl = buildChecklist(facts({ "package.json": pkg(["express"]), "src/app.ts": "" }, { findings: [{ rule: "missing-rate-limit", file: "src/app.ts", line: 1, message: "m", severity: "info" }] }));
  assert.equal(item(rl, "security.rate-limit")?.status, "warn");
});

test("loading: n/a without React; warn with findings; pass when clean", () => {
  assert.equal(step(buildChecklist(facts({ "package.json": pkg(["express"]), "src/a.ts": "" })), "loading").status, "n/a");
  assert.equal(step(buildChecklist(facts({ "package.json": pkg(["react"]), "src/A.tsx": "" })), "loading").status, "pass");
  const f = buildChecklist(facts({ "package.json": pkg(["react"]), "src/A.tsx": "" }, { findings: [{ rule: "missing-loading-state", file: "src/A.tsx", line: 9, message: "m", severity: "warning" }] }));
  assert.equal(step(f, "loading").status, "warn");
});

test("score counts passed steps among applicable ones; JSON shape is the contract", () => {
  const c = buildChecklist(facts({ "package.json": pkg(["express"]), "src/a.ts": "" }));
  assert.equal(c.steps.length, 10);
  assert.deepEqual(c.steps.map((s) => s.id), ["structure", "secrets", "migrations", "auth", "validation", "errors", "deployment", "monitoring", "security", "loading"]);
  assert.equal(c.score.total, c.steps.filter((s) => s.status !== "n/a").length);
  assert.equal(c.score.passed, c.steps.filter((s) => s.status === "pass").length);
  for (const s of c.steps) {
    assert.deepEqual(Object.keys(s).sort(), ["findings", "id", "items", "status", "title"]);
    for (const i of s.items) assert.deepEqual(Object.keys(i).sort(), ["evidence", "id", "status", "title"]);
  }
});

test("step status precedence", () => {
  const i = (status: "pass" | "warn" | "fail" | "manual") => ({ id: "x", title: "x", status, evidence: "" });
  assert.equal(stepStatus([], [], false), "n/a");
  assert.equal(stepStatus([i("pass"), i("manual")], [], true), "manual");
  assert.equal(stepStatus([i("pass"), i("warn"), i("manual")], [], true), "warn");
  assert.equal(stepStatus([i("pass")], [{ rule: "r", file: "f", line: 1, message: "m", severity: "error" }], true), "fail");
  assert.equal(stepStatus([i("pass")], [], true), "pass");
});

import { checklistHtml, checklistMarkdown, checklistSummary } from "../src/checklist/report.js";

test("reports: markdown, html (escaped) and summary carry score, steps and findings", () => {
  const c = buildChecklist(facts({ "package.json": pkg(["react"]), "src/A.tsx": "" }, { findings: [{ rule: "missing-loading-state", file: "src/A.tsx", line: 9, message: "The <Save> button…", severity: "warning" }] }));
  const md = checklistMarkdown(c);
  assert.match(md, new RegExp(`^# Production readiness: ${c.score.passed}/${c.score.total}`));
  assert.match(md, /`src\/A.tsx:9` \*\*missing-loading-state\*\*/);
  const html = checklistHtml(c);
  assert.ok(html.includes("The &lt;Save&gt; button"));
  assert.ok(!html.includes("<Save>"));
  assert.ok(!/<script/i.test(html));
  assert.match(checklistSummary(c), /Readiness \d+\/\d+\n/);
  assert.match(checklistSummary(c), /Loading states — 1 finding/);
});
