import { test } from "node:test";
import assert from "node:assert/strict";
import rule from "../src/rules/public-env-secret.js";
import { analyzeTextFile } from "../src/engine/linter.js";
import { applyEdits } from "../src/engine/applyEdits.js";
import { DEFAULT_CONFIG } from "../src/engine/config.js";
import { ruleTester, run } from "./ruleTester.js";
import { ex, applyWorkspaceFix } from "./secretFixtures.js";
import { PUBLIC_PREFIXES, publicPrefixOf } from "../src/secrets/publicEnv.js";

ruleTester(rule, {
  valid: [
    "const pk = process.env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY;",
    "const url = import.meta.env.VITE_SUPABASE_URL;",
    "const anon = import.meta.env.VITE_SUPABASE_ANON_KEY;",
    "Sentry.init({ dsn: import.meta.env.VITE_SENTRY_DSN });",
    "const site = process.env.NEXT_PUBLIC_HCAPTCHA_SITE_KEY;",
    "const site = process.env.NEXT_PUBLIC_RECAPTCHA_SITE_KEY;",
    "const k = process.env.NEXT_PUBLIC_FIREBASE_API_KEY;",
    "const k = process.env.NEXT_PUBLIC_GOOGLE_MAPS_API_KEY;",
    "const t = process.env.NEXT_PUBLIC_MAPBOX_ACCESS_TOKEN;",
    "const id = process.env.NEXT_PUBLIC_GOOGLE_CLIENT_ID;",
    "const id = process.env.NEXT_PUBLIC_GITHUB_CLIENT_ID;",
    "const k = process.env.NEXT_PUBLIC_POSTHOG_KEY;",
    "const k = process.env.REACT_APP_VAPID_PUBLIC_KEY;",
    "const k = process.env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY;",
    "const base = import.meta.env.VITE_API_BASE_URL;",
    "const s = process.env.STRIPE_SECRET_KEY;",
    "const s = process.env.ADMIN_PASSWORD;",
    "const s = process.env.SUPABASE_SERVICE_ROLE_KEY;",
    "const s = import.meta.env.MODE;",
    "const s = config.NEXT_PUBLIC_ADMIN_PASSWORD;",
    "const s = env.VITE_SECRET;",
    "const { NEXT_PUBLIC_API_URL } = process.env;",
    { code: "const s = process.env.NEXT_PUBLIC_DEMO_PASSWORD;", config: { secretsAllow: [/^NEXT_PUBLIC_DEMO_/] } },
    "const s = process.env.NEXT_PUBLIC_PASSWORD_MIN_LENGTH;",
    "const env = loadEnv();\nconst t = env.VITE_ADMIN_TOKEN;",
    'import { PUBLIC_SUPABASE_ANON_KEY } from "$env/static/public";',
    'import { STRIPE_SECRET_KEY } from "$env/static/private";',
    "const s = process.env.NEXT_PUBLIC_SECRETARY_NAME;",
    "const s = process.env.NEXT_PUBLIC_TOKEN_REFRESH_INTERVAL;",
    { code: "const s = process.env.NEXT_PUBLIC_API_KEY;", files: { ".env": "NEXT_PUBLIC_API_KEY=AIzaSyPublicBrowserKeyThatIsRestricted12\n" } },
  ],
  invalid: [
    {
      code: "setUnlocked(pin === process.env.NEXT_PUBLIC_KITCHEN_ADMIN_PASSWORD);",
      errors: [{ line: 1, column: 33, endColumn: 67, message: /^NEXT_PUBLIC_KITCHEN_ADMIN_PASSWORD is inlined into the browser bundle \(NEXT_PUBLIC_ variables are public\), so every visitor can read this password\. Keep it server-only: rename it to KITCHEN_ADMIN_PASSWORD/ }],
      output: "setUnlocked(pin === process.env.KITCHEN_ADMIN_PASSWORD);",
    },
    {
      code: "export const ADMIN_API_TOKEN = import.meta.env.VITE_ADMIN_API_TOKEN as string;",
      errors: [{ column: 48, message: "so every visitor can read this admin token" }],
      output: "export const ADMIN_API_TOKEN = import.meta.env.ADMIN_API_TOKEN as string;",
    },
    { code: "const k = process.env.NEXT_PUBLIC_SUPABASE_SERVICE_ROLE_KEY;", errors: [{ message: "service-role key" }], output: "const k = process.env.SUPABASE_SERVICE_ROLE_KEY;" },
    { code: "const k = process.env.REACT_APP_API_SECRET;", errors: [{ message: "REACT_APP_ variables are public" }] },
    { code: "const k = process.env.EXPO_PUBLIC_STRIPE_SECRET_KEY;", errors: [{ message: "secret" }] },
    { code: "const k = process.env.GATSBY_PRIVATE_KEY;", errors: [{ message: "private key" }] },
    { code: "const k = import.meta.env.PUBLIC_DATABASE_URL;", errors: [{ message: "connection string" }] },
    { code: "const k = import.meta.env.VITE_OPENAI_API_KEY;", errors: [{ message: "Openai API key" }] },
    { code: "const k = import.meta.env.VITE_GITHUB_TOKEN;", errors: [{ message: "Github token" }] },
    { code: "const k = process.env.NEXT_PUBLIC_JWT_SIGNING_KEY;", errors: [{ message: "signing key" }] },
    { code: "const k = process.env.NEXT_PUBLIC_DB_PASSWD;", errors: [{ message: "password" }] },
    { code: 'const k = process.env["NEXT_PUBLIC_CLIENT_SECRET"];', errors: [{ column: 23 }], output: 'const k = process.env["CLIENT_SECRET"];' },
    { code: "const { VITE_ADMIN_PASSWORD, VITE_API_URL } = import.meta.env;", errors: [{ column: 9 }] },
    { code: "const env = import.meta.env;\nconst t = env.VITE_ADMIN_TOKEN;", errors: [{ line: 2, column: 15 }], output: "const env = import.meta.env;\nconst t = env.ADMIN_TOKEN;" },
    { code: 'import { PUBLIC_STRIPE_SECRET_KEY } from "$env/static/public";', errors: [{ column: 10, message: "PUBLIC_ variables are public" }], output: null },
    { code: "const a = process.env.NEXT_PUBLIC_AWS_SECRET_ACCESS_KEY;\nconst b = process.env.NEXT_PUBLIC_AWS_SECRET_ACCESS_KEY;", errors: [{ line: 1 }, { line: 2 }] },
    {
      name: "a public variable whose .env value is a known credential",
      code: "const k = process.env.NEXT_PUBLIC_TRANSLATE_KEY;",
      files: { ".env.local": `NEXT_PUBLIC_TRANSLATE_KEY=${ex("openai-project-key")}\n` },
      errors: [{ message: "so every visitor can read this OpenAI API key" }],
    },
  ],
});

const envRun = (text: string, fileName = "/w/.env.local") =>
  analyzeTextFile({ fileName, text, relPath: fileName.replace("/w/", ""), kind: "env" }, { rules: [rule], config: DEFAULT_CONFIG }).findings;

test(".env files: public-prefixed secret names are flagged on the key", () => {
  const text = [
    "# Local development values",
    "DATABASE_URL=postgres://app:pw@localhost/app",
    "STRIPE_SECRET_KEY=sk_test_abc",
    "NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY=pk_live_abc",
    "NEXT_PUBLIC_HCAPTCHA_SITE_KEY=10000000-ffff-ffff-ffff-000000000001",
    "NEXT_PUBLIC_KITCHEN_ADMIN_PASSWORD=Harbor-Maple123!",
    "export NEXT_PUBLIC_TRANSLATE_API_SECRET=abc123",
    "VITE_API_BASE_URL=https://api.example.com/v1",
    "VITE_SENTRY_DSN=https://abc@o1.ingest.sentry.io/1",
    `VITE_PAYMENTS=${ex("stripe-secret-key")}`,
    "# NEXT_PUBLIC_OLD_SECRET=commented out",
  ].join("\n");
  const findings = envRun(text);
  assert.deepEqual(findings.map((f) => [f.line, f.column]), [[6, 1], [7, 8], [10, 1]]);
  assert.match(findings[0].message, /^NEXT_PUBLIC_KITCHEN_ADMIN_PASSWORD is inlined into the browser bundle/);
  assert.match(findings[2].message, /Stripe secret key/);
  for (const f of findings) assert.ok(!f.message.includes(ex("stripe-secret-key")), "no value in messages");
  const fixed = applyEdits(text, findings[0].fixes[0].edits).text;
  assert.ok(fixed.includes("\nKITCHEN_ADMIN_PASSWORD=Harbor-Maple123!\n"));
});

test(".env files: quiet on public names, empty files and comments", () => {
  assert.equal(envRun("NEXT_PUBLIC_SUPABASE_ANON_KEY=eyJabc\nVITE_STRIPE_PUBLISHABLE_KEY=pk_test_1\n").length, 0);
  assert.equal(envRun("").length, 0);
  assert.equal(envRun(`VITE_FIREBASE_API_KEY=${ex("google-api-key")}\nNEXT_PUBLIC_MAPS_KEY=${ex("google-api-key")}\n`).length, 0);
  assert.equal(envRun("# NEXT_PUBLIC_SECRET=x\n").length, 0);
  assert.equal(envRun("ADMIN_PASSWORD=x\nJWT_SECRET=y\n").length, 0);
});

test(".env files: # shipshape-ignore-next-line and secrets.allow", () => {
  assert.equal(envRun("# shipshape-ignore-next-line public-env-secret\nNEXT_PUBLIC_DEMO_SECRET=demo\n").length, 0);
  const allowed = analyzeTextFile({ fileName: ".env", text: "NEXT_PUBLIC_DEMO_SECRET=demo\n", kind: "env" }, { rules: [rule], config: { ...DEFAULT_CONFIG, secretsAllow: [/^NEXT_PUBLIC_DEMO_/] } });
  assert.equal(allowed.findings.length, 0);
});

test("code fix renames the key in the workspace's env files too", () => {
  const code = "const p = process.env.NEXT_PUBLIC_ADMIN_PASSWORD;";
  const files = { ".env": "A=1\nNEXT_PUBLIC_ADMIN_PASSWORD=x\n", ".env.example": "NEXT_PUBLIC_ADMIN_PASSWORD=\n", ".env.local": "ADMIN_PASSWORD=already\nNEXT_PUBLIC_ADMIN_PASSWORD=y\n" };
  const findings = run(rule, { code, files });
  assert.equal(findings.length, 1);
  assert.equal(findings[0].fixes[0].title, "Rename to a server-only variable (ADMIN_PASSWORD)");
  const out = applyWorkspaceFix(findings[0], code, files);
  assert.equal(out["<self>"], "const p = process.env.ADMIN_PASSWORD;");
  assert.equal(out[".env"], "A=1\nADMIN_PASSWORD=x\n");
  assert.equal(out[".env.example"], "ADMIN_PASSWORD=\n");
  assert.equal(out[".env.local"], undefined, "a file that already has the server-only name is left alone");
});

test("publicPrefixOf: every prefix starts with a capital letter, the first character it checks", () => {
  for (const prefix of PUBLIC_PREFIXES) {
    assert.match(prefix, /^[A-Z]/, prefix);
    assert.deepEqual(publicPrefixOf(`${prefix}ADMIN_TOKEN`), { prefix, rest: "ADMIN_TOKEN" });
  }
  assert.equal(publicPrefixOf("next_public_admin_token"), undefined);
  assert.equal(publicPrefixOf("_NEXT_PUBLIC_ADMIN_TOKEN"), undefined);
});
