import { isBrowserAnalyticsKey, wordsOf } from "./names.js";

/** Prefixes that make a bundler inline a variable into browser code. */
export const PUBLIC_PREFIXES = ["NEXT_PUBLIC_", "VITE_", "REACT_APP_", "EXPO_PUBLIC_", "PUBLIC_", "GATSBY_", "NUXT_PUBLIC_", "VUE_APP_", "STORYBOOK_"] as const;

const SECRET_WORDS = new Set(["secret", "secrets", "private", "password", "passwd", "pwd", "passphrase", "credential", "credentials"]);
/** Last words that make PRIVATE mean a secret: PRIVATE_KEY, SUPABASE_PRIVATE_TOKEN. */
const PRIVATE_HOLDERS = new Set(["key", "keys", "token", "pem", "cert", "jwk", "value"]);
/** Qualifiers that make a TOKEN or KEY secret: an admin token, a service key, a signing key. */
const SECRET_QUALIFIERS = new Set(["admin", "service", "management", "master", "root", "write", "deploy", "personal", "bot", "auth", "refresh", "signing", "encryption", "webhook", "superuser", "internal", "server", "sudo"]);
/** Providers whose API keys and tokens are always server-side credentials. */
const SECRET_PROVIDERS = new Set(["openai", "anthropic", "claude", "groq", "mistral", "cohere", "replicate", "huggingface", "hf", "elevenlabs", "sendgrid", "mailgun", "resend", "postmark", "twilio", "github", "gitlab", "npm", "slack", "discord", "aws", "deepseek", "perplexity", "xai", "gemini", "stripe", "brevo", "mailchimp", "airtable", "notion", "linear", "shopify"]);
/** Words that mark a name as public by design. */
const PUBLIC_WORDS = new Set(["publishable", "anon", "public", "pk"]);
/** Connection strings carry a password. */
const CONNECTION = [["database", "url"], ["db", "url"], ["postgres", "url"], ["mongodb", "uri"], ["mongo", "url"], ["mongo", "uri"], ["redis", "url"], ["connection", "string"], ["database", "uri"]];

/** Last words that make a name describe a setting, not hold a secret: PASSWORD_MIN_LENGTH, RESET_PASSWORD_URL. */
const SETTING_WORDS = new Set(["length", "len", "min", "max", "policy", "path", "route", "page", "enabled", "enable", "disabled", "label", "regex", "pattern", "hint", "rules", "rule", "strength", "expiry", "expires", "ttl", "timeout", "interval", "header", "name", "field", "mode", "endpoint", "url", "uri", "link", "count", "size", "version", "type", "format", "prefix", "id", "flow", "provider", "issuer", "audience", "scope"]);

/** Splits NEXT_PUBLIC_ADMIN_TOKEN into its public prefix and the rest, if it has one. */
export function publicPrefixOf(name: string): { prefix: string; rest: string } | undefined {
  // Every prefix starts with a capital letter; most names asked about (property names) do not.
  const first = name.charCodeAt(0);
  if (!(first >= 65 && first <= 90)) return undefined;
  for (const prefix of PUBLIC_PREFIXES) if (name.startsWith(prefix) && name.length > prefix.length) return { prefix, rest: name.slice(prefix.length) };
  return undefined;
}

/** What the rest of a public env name says it holds, when that is a secret ("password", "admin token"). */
export function secretEnvWhat(rest: string): string | undefined {
  const words = wordsOf(rest);
  if (words.length === 0 || words.some((w) => PUBLIC_WORDS.has(w))) return undefined;
  const last = words[words.length - 1];
  for (const [a, b] of CONNECTION) {
    const i = words.indexOf(a);
    if (i !== -1 && words[i + 1] === b) return "connection string";
  }
  if (SETTING_WORDS.has(last)) return undefined;
  if (words.includes("service") && words.includes("role")) return "service-role key";
  // PRIVATE says secret only about a key or token (PRIVATE_KEY); PRIVATE_BETA is a feature flag.
  const secretWord = words.find((w) => SECRET_WORDS.has(w) && (w !== "private" || PRIVATE_HOLDERS.has(last)));
  if (secretWord) return secretWord === "private" ? (last === "key" ? "private key" : "private value") : secretWord === "pwd" || secretWord === "passwd" ? "password" : secretWord.replace(/s$/, "");
  if (isBrowserAnalyticsKey(words)) return undefined;
  if (last === "token" || last === "key" || last === "keys") {
    const q = words.find((w) => SECRET_QUALIFIERS.has(w));
    if (q) return `${q} ${last === "keys" ? "key" : last}`;
    const provider = words.find((w) => SECRET_PROVIDERS.has(w));
    // A bare Stripe KEY read by browser code is the publishable key (loadStripe needs it); the
    // secret one is named STRIPE_SECRET_KEY and is caught by its SECRET word.
    if (provider === "stripe" && last === "key") return undefined;
    if (provider && !(words.includes("client") && words.includes("id"))) return `${provider === "hf" ? "Hugging Face" : provider[0].toUpperCase() + provider.slice(1)} ${last === "token" ? "token" : "API key"}`;
  }
  return undefined;
}

export function publicEnvMessage(name: string, prefix: string, rest: string, what: string): string {
  return `${name} is inlined into the browser bundle (${prefix} variables are public), so every visitor can read this ${what}. Keep it server-only: rename it to ${rest}, use it only in server code, and rotate the current value.`;
}
