import { test } from "node:test";
import assert from "node:assert/strict";
import { FORMATS } from "../src/secrets/formats.js";
import { candidateFormats, findFormat } from "../src/secrets/detect.js";
import { maskHit } from "../src/secrets/mask.js";

test("the catalogue covers at least 150 credential formats with unique ids", () => {
  assert.ok(FORMATS.length >= 150, `only ${FORMATS.length} formats`);
  assert.equal(new Set(FORMATS.map((f) => f.id)).size, FORMATS.length);
  for (const f of FORMATS) {
    assert.ok(f.keywords.every((k) => k === k.toLowerCase() && k.length >= 2), `${f.id}: keywords must be lower-case, 2+ chars`);
    assert.match(f.envName, /^[A-Z][A-Z0-9_]*$/, `${f.id}: envName`);
  }
});

/** The example with its random part replaced by one repeated character: format-shaped, obviously fake. */
function placeholderOf(example: string, keyword: string | undefined): string {
  const at = keyword ? example.toLowerCase().indexOf(keyword) : 0;
  const keep = keyword ? [at, at + keyword.length] : [0, 0];
  const fake = (s: string) => s.replace(/[A-Za-z0-9]/g, (ch) => (/[0-9]/.test(ch) ? "0" : "x"));
  return fake(example.slice(0, keep[0])) + example.slice(keep[0], keep[1]) + fake(example.slice(keep[1]));
}

for (const f of FORMATS) {
  test(`format ${f.id}: its example is detected, attributed and masked`, () => {
    const hit = findFormat(f.example);
    assert.ok(hit, "not detected");
    assert.equal(hit.format.id, f.id);
    const secret = f.example.slice(hit.secretStart, hit.secretEnd);
    const masked = maskHit(f.example, hit);
    assert.ok(!masked.includes(secret), "the mask shows the whole secret");
    // Past the part the mask shows on purpose (provider prefix, URL origin, key header), no run of
    // 8 characters of the secret survives masking.
    const wholeMatch = f.example.slice(hit.start, hit.end);
    let shown = 0;
    while (shown < masked.length && masked[shown] === wholeMatch[shown]) shown++;
    const endMarker = wholeMatch.lastIndexOf("-----END");
    const hidden = f.example.slice(Math.max(hit.start + shown, hit.secretStart), endMarker > 0 ? hit.start + endMarker : hit.secretEnd - 4);
    for (let i = 0; i + 8 <= hidden.length; i += 4) assert.ok(!masked.includes(hidden.slice(i, i + 8)), `mask leaks "${hidden.slice(i, i + 8)}"`);
    // Embedded in config text or after an auth scheme it is still found.
    assert.equal(findFormat(`SECRET_VALUE=${f.example}\nOTHER=1`)?.format.id, f.id, "in a KEY=value line");
  });
  test(`format ${f.id}: a placeholder of the same shape is not a secret`, () => {
    const kw = f.keywords.find((k) => f.example.toLowerCase().includes(k));
    const fake = placeholderOf(f.example, kw);
    const hit = findFormat(fake);
    assert.equal(hit, undefined, `"${fake.slice(0, 50)}…" was taken for ${hit?.format.id}`);
  });
}

test("the prefilter only proposes formats whose keyword occurs", () => {
  assert.deepEqual(candidateFormats("hello there"), []);
  assert.ok(candidateFormats("token ghp_abc").some((f) => f.id === "github-pat"));
  assert.ok(!candidateFormats("token ghp_abc").some((f) => f.id === "stripe-secret-key"));
});

test("the prefilter finds every keyword: anywhere, at the end, in any ASCII case", () => {
  for (const f of FORMATS) {
    for (const k of f.keywords) {
      for (const v of [`${k}`, `say ${k} then`, `ends with ${k}`, `UP ${k.toUpperCase()} UP`]) {
        assert.ok(candidateFormats(v).includes(f), `${f.id}: keyword "${k}" in "${v}"`);
      }
    }
  }
});

test("a format without keywords runs only on values as long as its shortest match, holding its anchor", () => {
  for (const f of FORMATS.filter((x) => x.keywords.length === 0)) {
    assert.ok(f.minLength !== undefined && f.minLength >= 20, `${f.id}: needs minLength (it would run on every string)`);
    assert.ok(f.example.length >= f.minLength, `${f.id}: example shorter than minLength`);
    assert.ok(f.anchor, `${f.id}: needs an anchor (it would run on every long string)`);
    // The anchor's class is matched by a table of ASCII characters: it must match nothing else.
    for (let c = 128; c < 0x10000; c++) assert.ok(!f.anchor.chars.test(String.fromCharCode(c)), `${f.id}: anchor class matches U+${c.toString(16)}`);
    assert.equal(f.anchor.chars.flags, "", `${f.id}: anchor class without flags`);
  }
  const ids = (v: string) => candidateFormats(v).map((f) => f.id);
  const discord = `M${"a1".repeat(12)}.bcdefg.${"x1y2z3".repeat(6)}`;
  const mailgun = `${"0a".repeat(16)}-0123abcd-0123abcd`;
  assert.ok(ids(discord).includes("discord-bot-token") && ids(`${mailgun} and more text`).includes("mailgun-private-key"));
  assert.ok(!ids(mailgun.slice(0, 49)).includes("mailgun-private-key"), "shorter than minLength");
  assert.ok(!ids(discord.slice(0, 58)).includes("discord-bot-token"), "shorter than minLength");
  // Long values without the anchor after a long enough run (a class list, a sentence) skip both.
  const long = "flex items-center justify-between rounded-md border px-4 py-2. text-sm font-medium";
  assert.deepEqual(ids(long), []);
  assert.ok(!ids(`key ${"0a".repeat(15)}0-${"a".repeat(40)}`).includes("mailgun-private-key"), "31 hex characters before the dash");
  assert.ok(!ids(`a ${"aB".repeat(11)}c.${"d".repeat(50)}`).includes("discord-bot-token"), "23 characters before the dot");
  assert.ok(ids(`${"aB".repeat(12)}.${"d".repeat(50)}`).includes("discord-bot-token"), "24 characters before the dot");
  // Neither pattern can match fewer characters than that.
  assert.equal(findFormat("M" + "a".repeat(22) + "b.cdefgh." + "x1y2z3".repeat(5))?.format.id, undefined);
});

test("shapes that only look like tokens are not secrets", () => {
  const quiet = [
    "API-RESPONSETIMEOUTEXCEEDED",
    "YCombinatorStartupSchoolApplicationForm",
    "ciolocalizationstringsthatarelongxyz",
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
    "https://user@github.com/acme/web.git",
    "https://o123.ingest.sentry.io/api/456/envelope/?sentry_key=0123456789abcdef0123456789abcdef",
    "postgres://app:${DB_PASSWORD}@db:5432/app",
    "postgres://postgres:postgres@localhost:5432/app",
    "mysql://root:password@127.0.0.1:3306/test",
    "redis://:changeme@redis:6379",
    "-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----",
    "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo\n-----END PUBLIC KEY-----",
    "sk_live_xxxxxxxxxxxxxxxxxxxxxxxx",
    "sk_test_1234567890abcdefghijklmn".replace(/[a-z]/g, "x"),
    "ghp_000000000000000000000000000000000000",
    "AKIAXXXXXXXXXXXXXXXX",
    "xoxb-your-token-here",
  ];
  for (const v of quiet) assert.equal(findFormat(v)?.format.id, undefined, v);
});
