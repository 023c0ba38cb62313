import { wordsOf } from "./names.js";

/** Names too generic to stand alone as an environment variable: they get a provider or owner prefix. */
const GENERIC = new Set([
  "key", "api key", "apikey", "token", "secret", "password", "pass", "pwd", "passwd", "auth", "authorization",
  "access token", "secret key", "private key", "client secret", "connection string", "url", "uri", "dsn",
  "value", "credentials", "credential", "bearer", "auth token", "api token", "api secret", "signing secret",
  "webhook secret", "secret access key", "access key", "access key id", "host", "connection", "db url",
  "database url", "database", "endpoint", "webhook", "webhook url",
]);
/** Owner names that add nothing: `config.apiKey` is just API_KEY. */
const BLAND_OWNERS = new Set(["config", "configuration", "options", "opts", "settings", "headers", "header", "auth", "default", "defaults", "env", "environment", "params", "credentials", "creds", "init", "client", "props", "data", "body", "payload", "request", "req", "res", "this", "module", "exports", "process", "secrets", "keys", "tokens", "prod", "production", "dev", "development", "app", "server", "cfg", "conf", "common", "defaults"]);

export function screamingSnake(words: string[]): string {
  const name = words.join("_").toUpperCase().replace(/[^A-Z0-9_]/g, "").replace(/_+/g, "_").replace(/^_|_$/g, "");
  return /^[0-9]/.test(name) ? `_${name}` : name;
}

/**
 * The environment variable a "Move to .env" fix proposes. The name the literal flows into wins
 * when it says what the value is (`GITHUB_TOKEN`, `watchSigningKey`); a generic one (`apiKey`,
 * `password`) takes its owner (`isbndb.apiKey` → ISBNDB_API_KEY) or the provider's usual name
 * (`STRIPE_SECRET_KEY`).
 */
export function deriveEnvName(sink: string | undefined, owner: string | undefined, providerDefault: string | undefined): string {
  let words = sink ? wordsOf(sink) : [];
  // Header names: "x-relay-api-key" → RELAY_API_KEY.
  if (words[0] === "x" && words.length > 1) words = words.slice(1);
  const generic = words.length === 0 || GENERIC.has(words.join(" "));
  if (!generic) return screamingSnake(words);
  const ownerWords = owner ? wordsOf(owner).filter((w) => !BLAND_OWNERS.has(w)) : [];
  if (ownerWords.length > 0 && words.length > 0) return screamingSnake([...ownerWords, ...words]);
  if (providerDefault) return providerDefault;
  // An Authorization header holds an API token.
  if (words.join(" ") === "authorization" || words.join(" ") === "bearer") return "API_TOKEN";
  return words.length > 0 ? screamingSnake(words) : "SECRET";
}
