import { test } from "node:test";
import assert from "node:assert/strict";
import rule from "../src/rules/hardcoded-secret.js";
import { run } from "./ruleTester.js";
import { ex, rand, HEX, ALNUM } from "./secretFixtures.js";

// Config text and command lines written inside JS/TS literals (test fixtures, shell snippets,
// generated files, docs strings): the secret sits in another language's syntax. And the other
// side: app code full of long random-looking values that are not credentials.

const TOKEN = rand(ALNUM, 32, 41);
const LOWER = rand("abcdefghijklmnopqrstuvwxyz0123456789", 30, 42);
const HEXKEY = rand(HEX, 40, 43);

/** The finding must cover the secret, and only one finding per snippet. */
function expectFound(code: string, secret: string, what: string): void {
  const findings = run(rule, { code });
  assert.equal(findings.length, 1, `${what}: ${findings.length} findings`);
  const at = code.indexOf(secret);
  const f = findings[0];
  const lineStart = code.lastIndexOf("\n", at) + 1;
  assert.equal(f.line, code.slice(0, at).split("\n").length, `${what}: line`);
  assert.ok(f.column - 1 <= at - lineStart, `${what}: the finding starts after the secret`);
  assert.ok(!f.message.includes(secret), `${what}: the message shows the secret`);
}

const literal = (text: string) => `const sample = ${JSON.stringify(text)};\n`;
const template = (text: string) => `const config = \`${text.replace(/\\/g, "\\\\").replace(/`/g, "\\`")}\`;\n`;

const syntaxes: Array<[string, (s: string) => string]> = [
  ["Makefile ::=", (s) => `PAYMENTS_TOKEN ::= "${s}"`],
  ["Makefile :::=", (s) => `PAYMENTS_TOKEN :::= "${s}"`],
  ["Makefile ?=", (s) => `PAYMENTS_TOKEN ?= "${s}"`],
  ["PHP .=", (s) => `$paymentsToken .= "${s}"`],
  ["PHP ??=", (s) => `$paymentsToken ??= "${s}"`],
  ["Java setProperty", (s) => `System.setProperty("PAYMENTS_TOKEN", "${s}")`],
  ["INI inside JSON with an escaped newline", (s) => `{"config.ini": "PAYMENTS_TOKEN=${s}\\nBACKUP_ENABLED=true"}`],
  ["XML element on its own lines", (s) => `<paymentsToken>\n    ${s}\n</paymentsToken>`],
  ["Go short assignment", (s) => `paymentsToken := "${s}"`],
  ["logstash =>", (s) => `  "paymentsToken" => "${s}"`],
  ["curl Api-Token scheme", (s) => `curl -H "Authorization: Api-Token ${s}" https://api.example.io/v1/jobs`],
];

for (const [name, make] of syntaxes) {
  for (const secret of [TOKEN, LOWER, HEXKEY]) {
    test(`config text in a literal: ${name} (${secret.length} chars) is found`, () => {
      expectFound(literal(make(secret)), secret, `literal ${name}`);
      expectFound(template(make(secret)), secret, `template ${name}`);
    });
  }
}

test("curl --user passwords in a command line", () => {
  const pw = rand(ALNUM, 18, 53);
  for (const line of [
    `curl --user m.okafor:${pw} https://api.acme.io/me`,
    `curl -s -u 'deploy:${pw}' https://api.acme.io/me`,
    `curl --user "ci-bot:${pw}" -X POST https://api.acme.io/builds`,
    `curl -u ":${pw}" https://search.internal:9200`,
  ]) expectFound(literal(line), pw, line);
});

test("Slack tokens of the older and config kinds in config text", () => {
  for (const id of ["slack-config-refresh-token", "slack-workspace-token", "sidekiq-enterprise-credentials"]) {
    const value = ex(id);
    const secret = id === "sidekiq-enterprise-credentials" ? value.slice(value.indexOf("=") + 1) : value;
    expectFound(literal(`NOTIFY_SETTINGS=${value}`), secret, id);
  }
  const bot = `xoxb-${rand("0123456789", 12, 44)}-${rand(ALNUM, 24, 45)}`;
  expectFound(literal(`"bot_token": "${bot}"`), bot, "legacy bot token");
  const hook = `hooks.slack.com/services/T${rand("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 8, 46)}/B${rand("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 8, 47)}/${rand(ALNUM, 24, 48)}`;
  expectFound(`const webhook = "${hook}";\n`, hook.slice(0, 10), "Slack webhook without a scheme");
  const sidekiq = `${rand(HEX, 8, 49)}:${rand(HEX, 8, 50)}`;
  expectFound(literal(`BUNDLE_ENTERPRISE__CONTRIBSYS__COM_token: "${sidekiq}"`), sidekiq, "Sidekiq credentials under a longer name");
});

test("secrets made of digits only, when long enough to be no id", () => {
  const digits = rand("0123456789", 32, 51);
  expectFound(`export const DISCORD_CLIENT_SECRET = "${digits}";\n`, digits, "32 digits under a secret name");
  expectFound(literal(`discord_token: "${digits}"`), digits, "32 digits in YAML text");
  // A snowflake id or an order number under a token-ish name is not one.
  assert.deepEqual(run(rule, { code: `const deviceToken = "${rand("0123456789", 19, 52)}";` }), []);
  assert.deepEqual(run(rule, { code: `const ORDER_TOKEN = "000000000000000000000000000001";` }), []);
});

// ---- realistic negatives ----------------------------------------------------------------------
const SHA1 = rand(HEX, 40, 61);
const SHA512 = Buffer.from(rand(ALNUM, 64, 62)).toString("base64");
const UUID = "9b2f4c1e-7d3a-4e8b-a6c5-2f1d0e9b8a7c";
const PNG = "iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAYAAAAf8/9hAAAA" + rand(ALNUM + "+/", 120, 63);

const quiet: Array<[string, string]> = [
  ["lockfile integrity in JSON text", `const lock = \`{"node_modules/react": {"version": "18.3.1", "resolved": "https://registry.npmjs.org/react/-/react-18.3.1.tgz", "integrity": "sha512-${SHA512}"}}\`;`],
  ["integrity attribute", `const script = { src: "https://cdn.jsdelivr.net/npm/chart.js@4.4.1", integrity: "sha384-${SHA512.slice(0, 64)}", crossOrigin: "anonymous" };`],
  ["git SHA of a release", `export const BUILD = { commit: "${SHA1}", branch: "main" };`],
  ["git SHA in a deploy line", `const log = "deployed commit=${SHA1} to production";`],
  ["UUID ids in fixtures", `const order = { id: "${UUID}", customerId: "0f8fad5b-d9cb-469f-a165-70867728950e" };`],
  ["UUID under a key name", `const IDEMPOTENCY_KEY = "${UUID}";`],
  ["base64 PNG placeholder", `const blurDataURL = "data:image/png;base64,${PNG}";`],
  ["CSS with hashed class names", `const css = ".btn_primary__a8F3kQ9zLm2x { color: #1f2937; background: url(/img/bg.7f3a9c2e1b4d.png) }";`],
  ["CSS module class map", `const styles = { container: "Home_container__d2Kf8QmX7vLp3nZ", token: "Home_token__Xk3mQ9pL2vRt7sWa" };`],
  ["i18n keys", `t("checkout.payment.errors.invalidCardNumber"); t("auth.resetPassword.tokenExpiredMessage");`],
  ["i18n key under a token name", `const TOKEN_EXPIRED = "errors.session.token_expired_please_sign_in_again";`],
  ["GA4 measurement id", `gtag("config", "G-8XK2M9QZ4T");`],
  ["Segment write key under a public name", `const analytics = AnalyticsBrowser.load({ writeKey: "${rand(ALNUM, 32, 64)}" });`],
  ["Stripe publishable key", `const stripe = loadStripe("pk_live_51${rand(ALNUM, 60, 65)}");`],
  ["Stripe publishable key under a key name", `export const STRIPE_KEY = "pk_test_51${rand(ALNUM, 60, 66)}";`],
  ["Sentry DSN (public by design)", `Sentry.init({ dsn: "https://${rand(HEX, 32, 67)}@o450123.ingest.sentry.io/5512345" });`],
  ["Sentry DSN under a DSN name", `const SENTRY_DSN = "https://${rand(HEX, 32, 68)}@o450123.ingest.us.sentry.io/4506012345678912";`],
  ["Firebase web config", `const firebaseConfig = { apiKey: "AIzaSy${rand(ALNUM + "-_", 33, 69)}", authDomain: "shop-prod.firebaseapp.com", projectId: "shop-prod", appId: "1:123456789012:web:${rand(HEX, 22, 70)}" };`],
  ["Algolia search-only key", `const searchClient = algoliasearch("LATENCY7Q2", "${rand(HEX, 32, 71)}"); // search-only`],
  ["Algolia search key under a search name", `const ALGOLIA_SEARCH_KEY = "${rand(HEX, 32, 72)}";`],
  ["Mapbox public token", `mapboxgl.accessToken = "pk.eyJ1IjoiYWNtZSIsImEiOiJjbHgxMjM0NTYwMDAwMnFxbzB4eDZ2d2t4In0.${rand(ALNUM + "-_", 22, 73)}";`],
  ["reCAPTCHA site key", `<ReCAPTCHA sitekey="6Lc${rand(ALNUM + "-_", 37, 74)}" />`],
  ["Google OAuth client id", `const clientId = "812345678901-${rand("abcdefghijklmnopqrstuvwxyz0123456789", 32, 75)}.apps.googleusercontent.com";`],
  ["Supabase anon key in the browser", `const supabase = createClient("https://abcd.supabase.co", process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY!);`],
  ["PostHog project key", `posthog.init("phc_${rand(ALNUM, 43, 76)}", { api_host: "https://eu.i.posthog.com" });`],
  ["hash of a password in a seed", `const users = [{ email: "a@acme.io", passwordHash: "$2b$12$${rand(ALNUM + "./", 53, 77)}" }];`],
  ["ETag / cache key", `res.setHeader("ETag", "W/\\"${rand(HEX, 40, 78)}\\"");`],
  ["content hash of an asset", `const manifest = { "main.js": "main.${rand(HEX, 20, 79)}.js", "vendor.js": "vendor.${rand(HEX, 20, 80)}.js" };`],
  ["Ethereum address", `const TREASURY = "0x${rand(HEX, 40, 81)}";`],
  ["public key PEM", `const PUBLIC_KEY = "-----BEGIN PUBLIC KEY-----\\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA${rand(ALNUM, 40, 82)}\\n-----END PUBLIC KEY-----";`],
  ["ssh public key", `const deployKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${rand(ALNUM, 43, 83)} deploy@ci";`],
  ["env example text", `const example = "STRIPE_SECRET_KEY=sk_live_your_key_here\\nDATABASE_URL=postgres://user:password@localhost:5432/app";`],
  ["Makefile with variables", `const mk = "API_TOKEN ?= $(shell cat .token)\\nDEPLOY_KEY := \${DEPLOY_KEY}";`],
  ["curl with a variable", `const cmd = "curl -u $USER:$API_TOKEN https://api.acme.io/v1/me";`],
  ["curl with a slot", `const cmd = "curl -u <user:password> https://api.acme.io/v1/me";`],
  ["CSRF token in a test page", `const html = '<meta name="csrf-token" content="${Buffer.from(rand(ALNUM, 48, 84)).toString("base64")}">';`],
  ["typed-in placeholder token", `const ci = "SONAR_TOKEN=1234567890abcdef1234567890abcdef12345678";`],
  ["alphabet placeholder key", `const demo = { apiKey: "AIzaSyB0-ABCDEFGHIJKLMNOPQRSTUVWXYZ_q1w" };`],
  ["letter runs in a sample token", `const doc = "token := ghp_Q3rT9bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";`],
  ["asset URL that contains a token-like prefix", `const icon = "https://cdn.acme.io/img/favicon.ico-${rand(HEX, 32, 85)}.png";`],
  ["Next.js build id", `const BUILD_ID = "${rand(ALNUM + "-_", 21, 86)}";`],
  ["webpack chunk map", `const chunks = {"app": "${rand(HEX, 20, 87)}", "vendors": "${rand(HEX, 20, 88)}"};`],
];

for (const [name, code] of quiet) {
  test(`stays quiet on ${name}`, () => {
    const findings = run(rule, { code, filename: "/workspace/src/lib/app.tsx" });
    assert.deepEqual(findings.map((f) => f.message), []);
  });
}

test("at least 30 realistic negatives", () => assert.ok(quiet.length >= 30));

test("the typed-in samples above are quiet because they are typed, not because of their shape", () => {
  // Same shapes with the sequence or the run scrambled are found.
  assert.equal(run(rule, { code: `const demo = { apiKey: "AIzaSyB0-AKCFDHGJBEILNMPORQTSVUXWZY_q1w" };` }).length, 1);
  assert.equal(run(rule, { code: `const doc = "token := ghp_Q3rT9${rand(ALNUM, 31, 54)}";` }).length, 1);
});
