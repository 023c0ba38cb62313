import { test } from "node:test";
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import assert from "node:assert/strict";
import { planMoveToEnv, parseEnv, envValue, ignoresDotEnv } from "../src/secrets/envFile.js";
import { deriveEnvName } from "../src/secrets/envName.js";
import { maskSecret } from "../src/secrets/mask.js";
import { secretNameKind, wordsOf } from "../src/secrets/names.js";
import { isPlaceholder, looksLikeSecretValue, isCredentialJwt, isIdentifierLike, entropy } from "../src/secrets/detect.js";
import { publicPrefixOf, secretEnvWhat } from "../src/secrets/publicEnv.js";

test("wordsOf splits every naming style", () => {
  assert.deepEqual(wordsOf("STRIPE_SECRET_KEY"), ["stripe", "secret", "key"]);
  assert.deepEqual(wordsOf("openAIApiKey"), ["open", "ai", "api", "key"]);
  assert.deepEqual(wordsOf("x-relay-api-key"), ["x", "relay", "api", "key"]);
  assert.deepEqual(wordsOf("auth.password.label"), ["auth", "password", "label"]);
});

test("secretNameKind: the last word decides, public words veto", () => {
  const cases: Array<[string, string | undefined]> = [
    ["password", "password"], ["DB_PASSWORD", "password"], ["pass", "password"], ["smtpPwd", "password"],
    ["apiKey", "secret"], ["x-api-key", "secret"], ["clientSecret", "secret"], ["Authorization", "secret"], ["GITHUB_TOKEN", "secret"],
    ["signingKey", "secret"], ["datadogKey", "secret"], ["secretAccessKey", "secret"], ["credentials", "secret"], ["auth", "secret"],
    ["PASSWORD_RESET_PATH", undefined], ["passwordResetSent", undefined], ["tokenExpired", undefined], ["apiKeyId", undefined],
    ["publishableKey", undefined], ["SUPABASE_ANON_KEY", undefined], ["siteKey", undefined], ["key", undefined], ["cacheKey", undefined],
    ["queryKey", undefined], ["mapboxKey", "key"], ["WEATHER_KEY", "key"], ["idempotencyKey", undefined], ["tokenUrl", undefined], ["secretName", undefined], ["authDomain", undefined],
    ["PUBLIC_KEY", undefined], ["testPassword", undefined], ["i18nKey", undefined], ["primaryKey", undefined],
  ];
  for (const [name, kind] of cases) assert.equal(secretNameKind(name), kind, name);
  // Judged once per name: asked again, in another order, past the memo's clearing size, the same.
  for (const [name, kind] of [...cases].reverse()) assert.equal(secretNameKind(name), kind, `${name}, again`);
  for (let i = 0; i < 10_050; i++) secretNameKind(`filler${i}Key`);
  for (const [name, kind] of cases) assert.equal(secretNameKind(name), kind, `${name}, after the memo filled`);
});

test("looksLikeSecretValue: real values yes, names, prose, paths and placeholders no", () => {
  const yes: Array<[string, "secret" | "password"]> = [
    ["9f86d081884c7d659a2feaa0c55ad015", "secret"], ["Bearer R5iRpV3uP0VqfOCaGk0X3RK4NCkX", "secret"], ["3f2b8c1e-9a4d-4e7f-b2c6-5d8e1a9f0c3b", "secret"],
    ["Harbor-Maple4821!", "password"], ["hunter2hunter2", "password"], ["a1b2c3d4e5f6g7h8", "secret"], ["k3Y9x2Lm5Qp8", "secret"],
  ];
  const no: Array<[string, "secret" | "password"]> = [
    ["", "secret"], ["changeme", "password"], ["your-api-key-here", "secret"], ["<token>", "secret"], ["${TOKEN}", "secret"], ["xxxxxxxxxxxxxxxx", "secret"],
    ["session_token", "secret"], ["auth.password.label", "secret"], ["X-Auth-Token", "secret"], ["platformAuthDOMGetToken", "secret"],
    ["/account/reset-password", "password"], ["https://oauth2.googleapis.com/token", "secret"], ["Your session expired", "secret"],
    ["password", "password"], ["Password1", "password"], ["secret", "secret"], ["$2b$12$abcdefghijklmnopqrstuv", "password"], ["RSASSA-PKCS1-V1_5", "secret"],
    ["pk_live_51abcdefghijklmnopqrstuvwxyz", "secret"], ["data:image/png;base64,iVBORw0KGgo", "secret"], ["STRIPE_SECRET_KEY", "secret"],
    ["2024-01-01T00:00:00Z", "secret"], ["avatar.png", "secret"], ["short", "password"], ["Bearer ", "secret"], ["••••••••", "password"],
  ];
  for (const [v, k] of yes) assert.equal(looksLikeSecretValue(v, k), true, v);
  for (const [v, k] of no) assert.equal(looksLikeSecretValue(v, k), false, v);
});

test("placeholders and identifiers", () => {
  for (const v of ["changeme", "CHANGE_ME", "your_api_key", "<YOUR TOKEN>", "{{ secret }}", "%API_KEY%", "$TOKEN", "aaaaaaaa", "TODO", "redacted", "sk-...", "foo-example-bar"]) assert.ok(isPlaceholder(v), v);
  for (const v of ["R5iRpV3uP0VqfOCaGk0X", "Harbor-Maple4821!"]) assert.ok(!isPlaceholder(v), v);
  assert.ok(isIdentifierLike("platformAuthDOMGetToken"));
  assert.ok(isIdentifierLike("accessToken"));
  assert.ok(!isIdentifierLike("hfYtRkqPLmnBvXzWq"));
  assert.ok(entropy("aaaa") === 0 && entropy("abcd") === 2);
});

test("JWTs: Supabase anon keys and the jwt.io sample are not credentials", () => {
  const b = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
  const sig = "Qm9ndXNTaWduYXR1cmVWYWx1ZUZvclRlc3RpbmdPbmx5";
  assert.equal(isCredentialJwt(`${b({ alg: "HS256" })}.${b({ role: "anon" })}.${sig}`), false);
  assert.equal(isCredentialJwt(`${b({ alg: "HS256" })}.${b({ sub: "1234567890", name: "John Doe", iat: 1516239022 })}.${sig}`), false);
  assert.equal(isCredentialJwt(`${b({ alg: "HS256" })}.${b({ role: "service_role" })}.${sig}`), true);
  assert.equal(isCredentialJwt(`${b({ typ: "x" })}.${b({ sub: "1" })}.${sig}`), false, "no alg: not a JWT");
});

test("maskSecret never shows more than prefix + 4 leading + 4 trailing characters", () => {
  assert.equal(maskSecret("sk_live_abcdefghijklmnop9xQz", "sk_live_"), "sk_live_…9xQz");
  assert.equal(maskSecret("R5iRpV3uP0VqfOCaGk0X3RK4NCkX"), "R5iR…NCkX");
  assert.equal(maskSecret("Harbor-Maple4821!"), "…821!");
  assert.equal(maskSecret("hunter22x"), "…2x");
  assert.equal(maskSecret("abc123"), "…");
});

test("deriveEnvName: specific names win, generic ones take owner or provider", () => {
  assert.equal(deriveEnvName("GITHUB_TOKEN", undefined, "GITHUB_TOKEN"), "GITHUB_TOKEN");
  assert.equal(deriveEnvName("watchSigningKey", undefined, "PRIVATE_KEY"), "WATCH_SIGNING_KEY");
  assert.equal(deriveEnvName("apiKey", "isbndb", undefined), "ISBNDB_API_KEY");
  assert.equal(deriveEnvName("apiKey", "config", "OPENAI_API_KEY"), "OPENAI_API_KEY");
  assert.equal(deriveEnvName("x-relay-api-key", undefined, undefined), "RELAY_API_KEY");
  assert.equal(deriveEnvName("password", "db", undefined), "DB_PASSWORD");
  assert.equal(deriveEnvName("Authorization", "headers", undefined), "API_TOKEN");
  assert.equal(deriveEnvName(undefined, undefined, undefined), "SECRET");
  assert.equal(deriveEnvName("connectionString", undefined, "DATABASE_URL"), "DATABASE_URL");
  assert.equal(deriveEnvName("2fa-secret", undefined, undefined), "_2FA_SECRET");
});

test("parseEnv reads keys, quotes, export and comments", () => {
  const text = '# c\nA=1\nexport B="two words" # note\nC=\'x#y\'\nD=plain # comment\n  E = spaced\nnot a line\n';
  assert.deepEqual(parseEnv(text).map((e) => [e.key, e.value, e.line]), [["A", "1", 1], ["B", "two words", 2], ["C", "x#y", 3], ["D", "plain", 4], ["E", "spaced", 5]]);
  const e = parseEnv(text)[1];
  assert.equal(text.slice(e.keyStart, e.keyEnd), "B");
});

test("envValue quotes only when needed", () => {
  assert.equal(envValue("sk_live_abc"), "sk_live_abc");
  assert.equal(envValue("postgres://u:p@h:5432/db?ssl=true"), "postgres://u:p@h:5432/db?ssl=true");
  assert.equal(envValue("a b"), '"a b"');
  assert.equal(envValue("x#y"), '"x#y"');
  assert.equal(envValue('-----BEGIN X-----\nAB"C\n'), '"-----BEGIN X-----\\nAB\\"C\\n"');
});

test("ignoresDotEnv understands the usual .gitignore spellings", () => {
  for (const t of [".env", "/.env", ".env*", "*.env", "**/.env", "node_modules\n.env\n", ".env\n!.env.example"]) assert.ok(ignoresDotEnv(t), t);
  for (const t of [undefined, "", ".env.local", ".env.*", "config/.env", ".env\n!.env", "# .env"]) assert.ok(!ignoresDotEnv(t), String(t));
});

test("planMoveToEnv: CRLF files keep CRLF; .env.example with the key already is left alone", () => {
  const files: Record<string, string> = { ".env": "A=1\r\nB=2", ".env.example": "TOKEN=\r\n", ".gitignore": ".env\r\n" };
  const plan = planMoveToEnv("TOKEN", "abc", (f) => files[f]);
  assert.equal(plan.name, "TOKEN");
  assert.deepEqual(plan.edits, [{ file: ".env", start: 8, end: 8, newText: "\r\nTOKEN=abc\r\n" }]);
});

test("public env names: prefixes and what the rest says", () => {
  assert.deepEqual(publicPrefixOf("NEXT_PUBLIC_X"), { prefix: "NEXT_PUBLIC_", rest: "X" });
  assert.equal(publicPrefixOf("NEXT_PUBLIC_"), undefined);
  assert.equal(publicPrefixOf("SECRET"), undefined);
  const cases: Array<[string, string | undefined]> = [
    ["ADMIN_PASSWORD", "password"], ["API_SECRET", "secret"], ["SUPABASE_SERVICE_ROLE_KEY", "service-role key"], ["ADMIN_API_TOKEN", "admin token"],
    ["DATABASE_URL", "connection string"], ["OPENAI_API_KEY", "Openai API key"], ["PRIVATE_KEY", "private key"], ["SIGNING_KEY", "signing key"],
    ["STRIPE_PUBLISHABLE_KEY", undefined], ["SUPABASE_ANON_KEY", undefined], ["HCAPTCHA_SITE_KEY", undefined], ["API_URL", undefined],
    ["SENTRY_DSN", undefined], ["FIREBASE_API_KEY", undefined], ["MAPBOX_ACCESS_TOKEN", undefined], ["GITHUB_CLIENT_ID", undefined], ["VAPID_PUBLIC_KEY", undefined],
  ];
  for (const [rest, what] of cases) assert.equal(secretEnvWhat(rest), what, rest);
});

test("secretNameKind keeps no file text alive through the names it has judged", () => {
  // As TypeScript takes identifiers: substrings of a file's text. 150 texts of 1 MB, each with a
  // long name and a short one, judged and dropped: what stays must be far less than the texts.
  const script = `
    const { secretNameKind } = require(${JSON.stringify(path.join(__dirname, "../src/secrets/names.js"))});
    global.gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 150; i++) {
      const text = "const service" + i + "SecretKey = 1; const p" + i + "Pass = 2;" + "x".repeat(1 << 20) + String(i);
      const long = text.substring(6, text.indexOf(" =", 6));
      const short = text.substring(text.indexOf("p" + i + "Pass"), text.indexOf(" =", text.indexOf("p" + i + "Pass")));
      if (secretNameKind(long) !== "secret" || secretNameKind(short) !== "password") throw new Error("misjudged " + long + " / " + short);
    }
    global.gc();
    console.log(Math.round((process.memoryUsage().heapUsed - before) / 1048576));`;
  const grown = Number(execFileSync(process.execPath, ["--expose-gc", "-e", script], { encoding: "utf8" }).trim());
  assert.ok(grown < 20, `heap grew ${grown} MB over 150 dropped 1 MB texts`);
});
