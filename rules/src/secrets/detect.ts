import { FORMATS, type SecretFormat } from "./formats.js";

/** A credential format found inside a string value. Offsets are into the value. */
export interface FormatHit {
  format: SecretFormat;
  /** The whole match (a URL, a key block, a token). */
  start: number;
  end: number;
  /** The part that is secret (the password of a URL, else the token itself). */
  secretStart: number;
  secretEnd: number;
}

// ---- keyword prefilter ---------------------------------------------------------------------------
// Keywords indexed by their first two characters: one pass over the value finds every candidate
// format, so the patterns only run on strings that can match them.
const byBigram = new Map<number, Array<{ keyword: string; formats: SecretFormat[] }>>();
const bigram = (s: string, i: number) => (s.charCodeAt(i) << 16) | s.charCodeAt(i + 1);
const alwaysRun: SecretFormat[] = [];
{
  const byKeyword = new Map<string, SecretFormat[]>();
  for (const f of FORMATS) {
    if (f.keywords.length === 0) alwaysRun.push(f);
    for (const k of f.keywords) {
      const list = byKeyword.get(k) ?? [];
      list.push(f);
      byKeyword.set(k, list);
    }
  }
  for (const [keyword, formats] of byKeyword) {
    const key = bigram(keyword, 0);
    const list = byBigram.get(key) ?? [];
    list.push({ keyword, formats });
    byBigram.set(key, list);
  }
}
const compiled = new Map<SecretFormat, RegExp>();
function regexOf(f: SecretFormat): RegExp {
  let re = compiled.get(f);
  if (!re) {
    const src = f.bare ? f.pattern.source : `(?<![A-Za-z0-9+/])(?:${f.pattern.source})(?![A-Za-z0-9])`;
    re = new RegExp(src, f.pattern.flags.replace("g", "") + "g");
    compiled.set(f, re);
  }
  return re;
}
const ORDER = new Map(FORMATS.map((f, i) => [f, i]));

/**
 * Keywords by their first two characters (lower-case ASCII) as a table of slot numbers: most
 * characters of most strings are rejected by one array read, without lower-casing the string or
 * hashing a map key. 0 is "no keyword starts here", n is `SLOTS[n - 1]`.
 */
const SLOT = new Uint16Array(128 * 128);
const SLOTS: Array<Array<{ keyword: string; formats: SecretFormat[] }>> = [];
for (const [key, entries] of byBigram) {
  const a = key >>> 16;
  const b = key & 0xffff;
  if (a < 128 && b < 128) SLOT[a * 128 + b] = SLOTS.push(entries);
}
const lowerAscii = (c: number) => (c >= 65 && c <= 90 ? c + 32 : c);

/** Does the (lower-case ASCII) keyword occur at `i`, ignoring ASCII case? Its first two characters are known to. */
function keywordAt(value: string, i: number, keyword: string): boolean {
  if (i + keyword.length > value.length) return false;
  for (let k = 2; k < keyword.length; k++) if (lowerAscii(value.charCodeAt(i + k)) !== keyword.charCodeAt(k)) return false;
  return true;
}

/**
 * Per bigram slot, the third characters (lower-case ASCII) its keywords go on with, as bits, and
 * whether one of them is the two characters alone: in text most positions that start a bigram of
 * some keyword ("re", "pr", "co") do not go on as one, and one more table read tells.
 */
const THIRD = new Uint32Array((SLOTS.length + 1) * 4);
const PAIR_KEYWORD = new Uint8Array(SLOTS.length + 1);
SLOTS.forEach((entries, i) => {
  for (const { keyword } of entries) {
    if (keyword.length === 2) PAIR_KEYWORD[i + 1] = 1;
    else {
      const c = keyword.charCodeAt(2);
      // Keywords are lower-case ASCII; anything else would never be found, so it may as well pass.
      if (c >= 128) PAIR_KEYWORD[i + 1] = 1;
      else THIRD[(i + 1) * 4 + (c >>> 5)] |= 1 << (c & 31);
    }
  }
});

/** For each keyword-less format, which ASCII characters its anchor's run is made of. */
const ANCHOR_CLASS = new Map<SecretFormat, Uint8Array>();
for (const f of alwaysRun) {
  if (!f.anchor) continue;
  const table = new Uint8Array(128);
  for (let c = 0; c < 128; c++) table[c] = f.anchor.chars.test(String.fromCharCode(c)) ? 1 : 0;
  ANCHOR_CLASS.set(f, table);
}

/** Does the value hold the format's anchor right after a run of its class long enough (see SecretFormat.anchor)? */
function hasAnchor(value: string, f: SecretFormat): boolean {
  const anchor = f.anchor;
  if (!anchor) return true;
  const table = ANCHOR_CLASS.get(f)!;
  for (let at = value.indexOf(anchor.char, anchor.run); at !== -1; at = value.indexOf(anchor.char, at + 1)) {
    let k = 1;
    while (k <= anchor.run) {
      const c = value.charCodeAt(at - k);
      if (c >= 128 || table[c] === 0) break;
      k++;
    }
    if (k > anchor.run) return true;
  }
  return false;
}

const byOrder = (a: SecretFormat, b: SecretFormat) => ORDER.get(a)! - ORDER.get(b)!;
const NONE: readonly SecretFormat[] = Object.freeze([]);

/**
 * Formats whose keyword occurs in the value, and the keyword-less ones whose length and anchor the
 * value has, in table order. Called for most string literals of a workspace: it allocates nothing
 * for a value that proposes no format, which is nearly every one.
 */
export function candidateFormats(value: string): readonly SecretFormat[] {
  let found: SecretFormat[] | undefined;
  const n = value.length;
  let next = n > 0 ? lowerAscii(value.charCodeAt(0)) : 0;
  for (let i = 0; i + 1 < n; i++) {
    const c = next;
    next = lowerAscii(value.charCodeAt(i + 1));
    // Keywords are lower-case ASCII: a pair outside the table cannot start one.
    if (c >= 128 || next >= 128) continue;
    const slot = SLOT[c * 128 + next];
    if (slot === 0) continue;
    if (PAIR_KEYWORD[slot] === 0) {
      const third = i + 2 < n ? lowerAscii(value.charCodeAt(i + 2)) : 128;
      if (third >= 128 || (THIRD[slot * 4 + (third >>> 5)] & (1 << (third & 31))) === 0) continue;
    }
    for (const e of SLOTS[slot - 1]) {
      if (!keywordAt(value, i, e.keyword)) continue;
      for (const f of e.formats) if (!found) found = [f]; else if (!found.includes(f)) found.push(f);
    }
  }
  for (const f of alwaysRun) if (n >= (f.minLength ?? 0) && !found?.includes(f) && hasAnchor(value, f)) (found ??= []).push(f);
  if (!found) return NONE;
  if (found.length > 1) found.sort(byOrder);
  return found;
}

const DATA_URL = /^\s*data:[a-z]+\/[a-z0-9.+-]+(?:;[a-z0-9=-]+)*;base64,/i;

/** Shortest value worth scanning: the shortest format (Mandrill, Scaleway) is 20+ characters. */
export const MIN_SCAN_LENGTH = 20;

/**
 * The first credential format found in a string value, skipping matches that are placeholders,
 * public JWTs (Supabase anon), key blocks without a body, or URLs whose password is a placeholder
 * or a local development default.
 */
export function findFormat(value: string): FormatHit | undefined {
  if (value.length < MIN_SCAN_LENGTH) return undefined;
  const candidates = candidateFormats(value);
  if (candidates.length === 0) return undefined;
  // Inline images and fonts are base64 blobs in which any short shape can occur by chance.
  if (DATA_URL.test(value)) return undefined;
  for (const format of candidates) {
    const re = regexOf(format);
    re.lastIndex = 0;
    for (let m = re.exec(value); m; m = re.exec(value)) {
      const hit = validate(format, m, value);
      if (hit) return hit;
      if (m[0].length === 0) re.lastIndex++;
    }
  }
  return undefined;
}

function validate(format: SecretFormat, m: RegExpExecArray, value: string): FormatHit | undefined {
  const start = m.index;
  const end = start + m[0].length;
  switch (format.kind ?? "token") {
    case "key-block":
      return keyBlockHasBody(value, end) ? { format, start, end: blockEnd(value, end), secretStart: start, secretEnd: blockEnd(value, end) } : undefined;
    case "jwt": {
      const token = format.id === "jwt-base64" ? decodeBase64Jwt(m[0]) : m[0];
      if (!token || !isCredentialJwt(token)) return undefined;
      return { format, start, end, secretStart: start, secretEnd: end };
    }
    case "url-password": {
      const g = format.group ?? 3;
      const secret = m[g];
      if (secret === undefined) return undefined;
      const secretStart = start + m[0].indexOf(secret, g === 3 ? m[1].length + 3 + m[2].length : 0);
      if (!isRealPassword(secret, m[2], m[4])) return undefined;
      // The match stops at the host; the URL goes on to its port, path and query.
      const urlEnd = g === 3 ? end + (/^[^\s'"`<>]*/.exec(value.slice(end))?.[0].length ?? 0) : end;
      return { format, start, end: urlEnd, secretStart, secretEnd: secretStart + secret.length };
    }
    default: {
      const g = format.group;
      const secret = g ? m[g] : m[0];
      if (secret === undefined) return undefined;
      const secretStart = g ? start + m[0].lastIndexOf(secret) : start;
      if (looksFakeToken(secret, format)) return undefined;
      return { format, start, end, secretStart, secretEnd: secretStart + secret.length };
    }
  }
}

// ---- validators ----------------------------------------------------------------------------------
function keyBlockHasBody(value: string, headerEnd: number): boolean {
  const endMarker = value.indexOf("-----END", headerEnd);
  const body = value.slice(headerEnd, endMarker === -1 ? Math.min(value.length, headerEnd + 4000) : endMarker).replace(/\\[nr]/g, " ");
  if (/\.\.\.|…|<[^>]*>|\$\{|(?:^|[^A-Za-z0-9+/])(?:your|example|redacted|insert|paste)(?:$|[^A-Za-z0-9+/])/i.test(body)) return false;
  const chars = body.replace(/^(?:[A-Za-z-]+:[^\n]*\n)+/m, "").match(/[A-Za-z0-9+/=]/g)?.length ?? 0;
  return chars >= 40 && distinctChars(body) >= 16;
}
function blockEnd(value: string, headerEnd: number): number {
  const m = /-----END [A-Z0-9 ]+-----/.exec(value.slice(headerEnd));
  return m ? headerEnd + m.index + m[0].length : value.length;
}

/** Base64 of a JWT ("eyJ…" → "ZXlK…"); undefined when the decoded text is not one. */
function decodeBase64Jwt(b64: string): string | undefined {
  const text = Buffer.from(b64, "base64").toString("utf8");
  const m = /^eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/.exec(text);
  return m ? m[0] : undefined;
}

/** Claims of a JWT, or undefined when it does not decode to a JSON header with `alg` and a JSON payload. */
export function jwtClaims(token: string): Record<string, unknown> | undefined {
  const [h, p] = token.split(".");
  try {
    const header = JSON.parse(Buffer.from(h, "base64url").toString("utf8"));
    const payload = JSON.parse(Buffer.from(p, "base64url").toString("utf8"));
    if (typeof header !== "object" || header === null || typeof header.alg !== "string") return undefined;
    if (typeof payload !== "object" || payload === null) return undefined;
    return payload as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/**
 * JWTs that are credentials. Public-by-design tokens are not: the Supabase anon key (role "anon"),
 * and the jwt.io sample everyone pastes into docs and tests.
 */
export function isCredentialJwt(token: string): boolean {
  const claims = jwtClaims(token);
  if (!claims) return false;
  if (claims.role === "anon") return false;
  if (claims.sub === "1234567890" && claims.name === "John Doe") return false;
  if (looksFakeToken(token.split(".")[2] ?? "", undefined)) return false;
  return true;
}

const LOCAL_HOST = /^(?:localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\]|host\.docker\.internal|db|database|postgres|postgresql|mysql|mariadb|mongo|mongodb|redis|rabbitmq|cache)$/i;
const DEV_PASSWORDS = new Set(["postgres", "root", "admin", "password", "pass", "secret", "mysql", "redis", "mongo", "guest", "test", "dev", "local", "changeme", "example", "docker", "user", "prisma", "default"]);
const EXAMPLE_HOST = /(?:^|\.)(?:example\.(?:com|org|net)|example|test|invalid|host|hostname|your-?host|domain\.com)$/i;

/**
 * The password of a URL is real unless it is a placeholder, the user name again, a template, or a
 * local development default on a local host (`postgres:postgres@localhost`).
 */
function isRealPassword(password: string, user: string | undefined, host: string | undefined): boolean {
  if (password.length < 3) return false;
  if (/^[$%{<[]|\$\{|\{\{|%[sd(]|^:/.test(password)) return false;
  if (isPlaceholder(password)) return false;
  if (user !== undefined && password.toLowerCase() === user.toLowerCase()) return false;
  if (host && EXAMPLE_HOST.test(host)) return false;
  if (host && LOCAL_HOST.test(host) && (DEV_PASSWORDS.has(password.toLowerCase()) || password.length < 8)) return false;
  return true;
}

/** A token whose random part is obviously not random: repeated characters, "xxxx", placeholders. */
function looksFakeToken(token: string, format: SecretFormat | undefined): boolean {
  let body = token;
  const kw = format?.keywords.find((k) => token.toLowerCase().startsWith(k));
  if (kw) body = token.slice(kw.length);
  if (isPlaceholderToken(body)) return true;
  if (/x{6,}|X{6,}|\*{3,}|0{8,}|(?:1234|abcd){2,}|\.\.\./.test(body)) return true;
  // A long random body drawn from an alphabet with digits has digits; one without is a word or a
  // constant name ("API-RESPONSETIMEOUTEXCEEDED"), unless the format's alphabet is letters only.
  if (format && body.length >= 24 && /^[A-Za-z_-]+$/.test(body) && /0-9|\\d|a-f0-9|A-F0-9/.test(format.pattern.source)) {
    // Mixed-case random letters happen (rarely); one case only, or real words, do not.
    const letters = body.replace(/[_-]/g, "");
    if (letters === letters.toUpperCase() || letters === letters.toLowerCase() || isIdentifierLike(letters)) return true;
  }
  return body.length >= 12 && distinctChars(body) < Math.min(8, Math.floor(body.length / 3));
}

/** Does `s` contain `n` consecutive characters that step up by one code point (a–h, 1–8, C–J)? */
function hasSequence(s: string, n: number): boolean {
  let run = 1;
  for (let i = 1; i < s.length; i++) {
    run = s.charCodeAt(i) === s.charCodeAt(i - 1) + 1 && /[A-Za-z0-9]/.test(s[i]) ? run + 1 : 1;
    if (run >= n) return true;
  }
  return false;
}

// ---- shared value tests --------------------------------------------------------------------------
const PLACEHOLDER_WORDS = /(?:example|changeme|change[_-]me|replace[_-]?me|your[_-]?(?:own[_-]?)?(?:api|secret|key|token|pass|app|client|access|password|stripe|private|db|database|org)|placeholder|dummy|fake|sample|redacted|notreal|not[_-]a[_-]real|insert[_-]|enter[_-]your|put[_-]your|goes[_-]?here|_here\b|-here\b|todo|fixme|foobar|lorem|xxxxx|\*\*\*|•••|\.\.\.|…)/i;
const WEAK_DEFAULTS = new Set(["password", "password1", "password123", "passw0rd", "123456", "12345678", "123456789", "qwerty", "admin", "admin123", "letmein", "secret", "secret123", "supersecret", "changeme", "test", "test123", "testing", "pass", "pass123", "root", "toor", "default", "guest", "demo", "null", "undefined", "none", "true", "false", "string", "token", "apikey", "api_key", "key", "value", "abc123", "mysecret", "my-secret", "my_secret", "s3cr3t"]);

/**
 * Placeholders in a token's random part. Dummy words count only at a word boundary (or at the
 * start), since a long random body contains short words like "todo" or "fake" by chance.
 */
function isPlaceholderToken(body: string): boolean {
  if (/^(.)\1*$/.test(body) || /\$\{|\{\{|<[A-Za-z_ -]+>/.test(body)) return true;
  // Typed, not drawn: a run of one letter ("aaaaaaa") or the alphabet in order ("abcdefgh",
  // "12345678") is next to impossible in a random token. Runs of "A" are zero bits in base64
  // (Dropbox long-lived tokens carry ten of them by design).
  if (body.length >= 16 && (/([B-Za-z])\1{6,}/.test(body) || hasSequence(body, 8))) return true;
  const m = PLACEHOLDER_WORDS.exec(body);
  // Words of 6+ letters ("EXAMPLE", "changeme") do not happen by chance; short ones need a boundary.
  return !!m && (m[0].length >= 6 || m.index === 0 || /[^A-Za-z0-9]/.test(body[m.index - 1]));
}

/** Placeholder values: templates, angle-bracket slots, "your-…-here", dummy words, one repeated character. */
export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  if (v.length === 0) return true;
  if (/^(.)\1*$/.test(v)) return true;
  if (WEAK_DEFAULTS.has(v.toLowerCase())) return true;
  if (v.length >= 16 && hasSequence(v, 8)) return true;
  if (/\$\{[^}]*\}|\{\{[^}]*\}\}|<[A-Za-z_ -]+>|^\[[A-Za-z_ -]+\]$|^%[A-Z_]+%$|^\$[A-Z_][A-Z0-9_]*$|^process\.env\./.test(v)) return true;
  // In a long random value a dummy word can occur by chance ("…IAfaKe…"): require a boundary.
  if (v.length >= 24 && entropy(v) >= 4) return isPlaceholderToken(v);
  return PLACEHOLDER_WORDS.test(v);
}

/** Shannon entropy in bits per character. */
export function entropy(s: string): number {
  if (s.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const c of counts.values()) {
    const p = c / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

export function distinctChars(s: string): number {
  return new Set(s).size;
}

/**
 * camelCase / PascalCase identifiers made of words ("platformAuthDOMGetToken"): every word has a
 * vowel and words average 3+ letters, which random tokens almost never manage.
 */
export function isIdentifierLike(value: string): boolean {
  if (!/^[A-Za-z]+$/.test(value) || !/[a-z]/.test(value)) return false;
  const words = value.match(/[A-Z]{2,}(?=[A-Z][a-z]|$)|[A-Z]?[a-z]+|[A-Z]+/g) ?? [];
  if (words.length < 2) return /^[a-z]+$/.test(value) && /[aeiouy]/.test(value) && value.length <= 20;
  return words.every((w) => /[aeiouyAEIOUY]/.test(w) || (w.length <= 4 && w === w.toUpperCase())) && value.length / words.length >= 3;
}

/**
 * "/account/reset-password", "./keys/dev.pem": a path. A leading "/" alone does not make one:
 * base64 secrets start with "/" too, and their segments are long mixed-case-and-digit runs.
 */
function looksLikePath(value: string): boolean {
  if (!/^\.{0,2}\//.test(value)) return false;
  return value.split("/").every((seg) => !(seg.length >= 16 && /[A-Z]/.test(seg) && /[a-z]/.test(seg) && /[0-9]/.test(seg)));
}

/** What kind of secret a name announces. */
/** "key" is a name like WEATHER_KEY that may or may not hold a credential: it needs a clearly random value. */
export type SecretNameKind = "password" | "secret" | "key";

/**
 * Values that are public by design even under a key-ish name: publishable keys (Stripe, Clerk,
 * Supabase, Langfuse, PostHog, Flutterwave), Mapbox public tokens, reCAPTCHA site keys, Google OAuth
 * client ids, analytics ids, Stripe object ids, wallet addresses, subresource-integrity hashes.
 */
const PUBLIC_VALUE = /^(?:pk_(?:live|test)_|pk\.eyJ|sb_publishable_|pk-lf-|phc_|FLWPUBK|NRJS-|[0-9]+-[a-z0-9]+\.apps\.googleusercontent\.com$|G-[A-Z0-9]{6,}$|UA-\d+-\d+$|GTM-[A-Z0-9]+$|(?:price|prod|plan|cus|sub|acct|evt|pi|cs_test|cs_live|in|ii|txn|ch|po|pm|seti|si)_[A-Za-z0-9]{8,}$|0x[0-9a-fA-F]{40}$|sha(?:256|384|512)-[A-Za-z0-9+/=]{40,}$)/;

export function isPublicValue(value: string, name?: string): boolean {
  if (PUBLIC_VALUE.test(value)) return true;
  // reCAPTCHA keys: the site key is public, the secret key (same shape) is not.
  if (/^6L[A-Za-z0-9_-]{38}$/.test(value)) return !(name && /secret/i.test(name));
  if (/^data:/i.test(value)) return true;
  // A JWT that is not a credential (Supabase anon key, jwt.io sample).
  if (/^eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(value)) return !isCredentialJwt(value);
  return false;
}

/** Authorization scheme words that may precede a credential in a header value. */
const AUTH_SCHEME = /^(?:Bearer|Basic|Token|token|Bot|Digest|ApiKey|Api-Key|Key|DeepL-Auth-Key|SSWS|GenieKey|Splunk|OAuth|JWT)\s+/i;

/** The credential in a value, after an authorization scheme word ("Bearer abc" → "abc"). */
export function stripAuthScheme(value: string): { text: string; offset: number } {
  const m = AUTH_SCHEME.exec(value);
  return m ? { text: value.slice(m[0].length), offset: m[0].length } : { text: value, offset: 0 };
}

/**
 * Does a value that flows into a secret-named place look like a real credential, rather than a
 * label, a path, a key name or a placeholder? `kind` "password" accepts shorter, human-made values.
 */
export function looksLikeSecretValue(raw: string, kind: SecretNameKind, name?: string): boolean {
  const { text: value } = stripAuthScheme(raw.trim());
  if (value.length === 0 || /\s/.test(value)) return false;
  // `Basic <base64 of user:password>`: the password inside decides, as a password.
  if (/^Basic\s/i.test(raw.trim()) && /^[A-Za-z0-9+/]{8,}={0,2}$/.test(value)) {
    const decoded = Buffer.from(value, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon > 0 && /^[\x21-\x7e]+$/.test(decoded)) return looksLikeSecretValue(decoded.slice(colon + 1), "password");
  }
  // Non-ASCII text is a word in some language (a translation), not a key.
  if (/[^\x21-\x7e]/.test(value)) return false;
  if (isPlaceholder(value) || isPublicValue(value, name)) return false;
  // Paths, URLs, file names, MIME types, CSS and selectors are not credentials.
  if (/^(?:#|@|[a-z][a-z0-9+.-]*:\/\/)/i.test(value) || looksLikePath(value)) return false;
  if (/\.(?:png|jpe?g|gif|svg|webp|ico|json|[cm]?[jt]sx?|css|html?|md|txt|pem|key|crt|env|ya?ml|toml)$/i.test(value)) return false;
  if (/^(?:application|text|image|audio|video|multipart)\//.test(value)) return false;
  // Hashes of passwords are not passwords: bcrypt, argon2, scrypt outputs.
  if (/^\$(?:2[abxy]?|argon2(?:id|i|d)|scrypt|pbkdf2[^$]*)\$/.test(value)) return false;
  // Names, not values: snake/kebab/dotted lower-case words, camelCase identifiers, CONSTANT_NAMES.
  if (/^[a-z]+(?:[._:/-][a-z]+)*$/.test(value)) return false;
  // Human-readable phrases with a number tacked on: "local-dev-secret-123", "my_app_key_2024".
  if (/^[a-z]{2,}(?:[-_.][a-z]{2,})+[-_.]?\d{0,4}$/.test(value)) return false;
  if (isIdentifierLike(value)) return false;
  if (/^[A-Z]+(?:_[A-Z]+)+$/.test(value)) return false;
  // CSS-module class names: "Home_token__Xk3mQ9pL", a file, a local class and a content hash.
  if (/^[A-Za-z][A-Za-z0-9-]*_[A-Za-z][A-Za-z0-9-]*__[A-Za-z0-9_-]{5,}$/.test(value)) return false;
  // Algorithm and encoding names: "RSASSA-PKCS1-V1_5", "AES-256-GCM", "HS256".
  if (value.length < 24 && /^(?:RSA|AES|SHA|HMAC|HS\d|RS\d|ES\d|PS\d|ECDSA|ED25519|PKCS|DES|CHACHA|BASE64|UTF)/i.test(value)) return false;
  // Some providers issue secrets of digits only; ids and order numbers stay shorter than 24.
  if (/^\d{24,}$/.test(value)) return kind !== "key" && distinctChars(value) >= 8 && entropy(value) >= 2.8;
  // Numbers, dates, versions.
  if (/^[\d.,:_-]+$/.test(value)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(value)).length;
  if (kind === "key") {
    return /^[A-Za-z0-9_+/=-]{24,}$/.test(value) && /[a-z]/.test(value) && /[A-Z]/.test(value) && (/[0-9]/.test(value) || value.length >= 40) && entropy(value) >= 4.2;
  }
  if (kind === "password") {
    // Real passwords mix in digits or symbols; "Passwort" is a translation.
    if (value.length < 8 || !/[0-9!-/:-@[-`{-~]/.test(value)) return false;
    return classes >= 2 && distinctChars(value) >= 5;
  }
  // Keys and tokens carry digits; long letters-only strings are words and identifiers.
  if (!/[0-9]/.test(value)) return false;
  // Short values (12–15) need letters and digits mixed, like keys and unlike words or headers.
  if (value.length < 12) return false;
  if (value.length < 16 && !(/[0-9]/.test(value) && /[A-Za-z]/.test(value) && distinctChars(value) >= 9)) return false;
  if (distinctChars(value) < 8) return false;
  return entropy(value) >= 3 && classes >= 2;
}
