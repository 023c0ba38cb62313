import { words as splitWords } from "../model/identifierWords.js";
import type { SecretNameKind } from "./detect.js";
import { NameMemo } from "../model/nameMemo.js";

const wordsMemo = new NameMemo(splitWords);

/** Split an identifier, property, header or env name into lower-case words (memoised: names repeat). */
export function wordsOf(name: string): string[] {
  return wordsMemo.get(name);
}


const PASSWORD_WORDS = new Set(["password", "passwd", "pwd", "pass", "passphrase", "passcode", "pw"]);
const SECRET_WORDS = new Set(["secret", "secrets", "token", "apikey", "credential", "credentials", "authorization", "bearer", "privatekey", "secretkey", "accesskey", "apitoken", "authtoken", "clientsecret", "pat"]);
/** Words that make a `…key` name a secret: apiKey, signingKey, x-api-key, MASTER_KEY. */
const KEY_QUALIFIERS = new Set(["api", "secret", "private", "access", "signing", "sign", "encryption", "encrypt", "master", "auth", "admin", "service", "license", "session", "hmac", "jwt", "webhook", "client", "server", "account", "cookie", "root", "deploy", "subscription", "shared", "crypto", "cipher", "aes", "app", "integration", "management", "rest", "bot"]);
/**
 * Services whose keys are credentials: `algoliaKey`, `DATADOG_KEY`, `sendgrid_key`. (Browser-key
 * services such as Firebase, Google Maps, Mapbox public tokens are deliberately absent.)
 */
const PROVIDERS = new Set([
  "adafruit", "adobe", "airtable", "algolia", "alibaba", "anthropic", "asana", "atlassian", "auth0", "aws", "azure", "beamer", "bitbucket", "bittrex", "brevo",
  "circleci", "clerk", "clickup", "clojars", "cloudflare", "cloudinary", "codecov", "cohere", "coinbase", "confluent", "contentful", "databricks", "datadog",
  "deepgram", "deepl", "deepseek", "digitalocean", "discord", "doppler", "dropbox", "droneci", "duffel", "dynatrace", "easypost", "elevenlabs", "etsy",
  "facebook", "fastly", "finicity", "finnhub", "flickr", "flutterwave", "frameio", "freshbooks", "github", "gitlab", "gitter", "gocardless", "grafana",
  "groq", "harness", "heroku", "honeycomb", "hubspot", "huggingface", "infracost", "intercom", "jfrog", "jira", "kraken", "kucoin", "launchdarkly",
  "linear", "linkedin", "lob", "mailchimp", "mailgun", "mailjet", "mandrill", "mattermost", "messagebird", "mistral", "netlify", "newrelic", "notion",
  "npm", "nytimes", "okta", "openai", "openrouter", "pagerduty", "paypal", "paystack", "perplexity", "pinecone", "plaid", "planetscale", "postmark",
  "postman", "prefect", "pulumi", "pypi", "rapidapi", "razorpay", "readme", "replicate", "resend", "rubygems", "scalingo", "segment",
  "sendbird", "sendgrid", "sendinblue", "sentry", "shippo", "shopify", "sidekiq", "slack", "snyk", "sonar", "sparkpost", "square", "squarespace",
  "stripe", "sumologic", "supabase", "telegram", "telnyx", "travis", "travisci", "trello", "twilio", "twitch", "twitter", "typeform", "vercel", "vonage",
  "yandex", "zendesk", "zoom", "meraki", "looker", "maxmind", "freemius", "privateai", "authress", "settlemint", "intra42", "sumo", "openshift", "kubernetes", "mapquest", "gocardless", "onfido", "checkout", "mollie", "bugsnag", "rollbar", "logdna", "loggly", "papertrail", "splunk", "elastic", "algolia", "meilisearch", "typesense", "mux", "vimeo", "spotify", "dribbble", "instagram", "pinterest", "reddit", "tiktok", "shipengine", "aftership",
]);

/** `…Key` names that are never credentials. */
const NOT_CREDENTIAL_KEYS = new Set(["cache", "storage", "query", "primary", "foreign", "sort", "partition", "idempotency", "dedupe", "dedup", "i18n", "translation", "message", "route", "react", "list", "map", "lookup", "hash", "object", "s3", "bucket", "file", "image", "asset", "local", "session", "state", "store", "redis", "kv", "row", "column", "table", "index", "search", "group", "form", "field", "menu", "nav", "tab", "item", "node", "element", "component", "hot", "short", "access", "keyboard", "shortcut", "hotkey", "public", "site", "publishable", "write", "app", "project", "tracking", "measurement"]);

/** Words that say the value is meant to be public, whatever else the name says. */
const PUBLIC_WORDS = new Set(["public", "publishable", "anon", "site", "sitekey", "pk", "search", "analytics", "example", "placeholder", "sample", "mock", "fake", "dummy", "test"]);

/**
 * Browser analytics SDKs whose project token / write key is shipped to every visitor by design
 * (`mixpanel.init(token)`, Segment's `writeKey`, Amplitude's API key). Their *secrets* still count.
 */
const BROWSER_ANALYTICS = new Set(["mixpanel", "segment", "amplitude", "heap", "hotjar", "fullstory", "logrocket", "posthog", "plausible", "rudderstack", "rudder", "clarity", "june", "pendo"]);

/** A token or key of a browser analytics SDK: public by design. */
export function isBrowserAnalyticsKey(words: readonly string[]): boolean {
  const last = words[words.length - 1];
  return (last === "token" || last === "key" || last === "apikey") && words.some((w) => BROWSER_ANALYTICS.has(w));
}

/** Tokens minted per session or request: a hard-coded one is a fixture, not a leaked credential. */
const PER_REQUEST_WORDS = new Set(["csrf", "xsrf"]);

/** Text containing none of these holds no name that `secretNameKind` accepts: a cheap gate before a pattern. */
export const SECRET_NAME_HINT = new RegExp([...PASSWORD_WORDS, ...SECRET_WORDS, "auth", "key"].join("|"), "i");

const kindMemo = new NameMemo(judgeName);

/** Names repeat (`className`, `href`, `key`): each is judged once (see `judgeName`). */
export function secretNameKind(name: string): SecretNameKind | undefined {
  return kindMemo.get(name);
}

/**
 * Does the name say it holds a secret? The last word decides (`PASSWORD_RESET_PATH` is a path,
 * `tokenExpired` a flag, `apiKeyId` an id), and a "public"/"anon"/"site" word anywhere vetoes.
 */
function judgeName(name: string): SecretNameKind | undefined {
  const words = wordsOf(name);
  if (words.length === 0) return undefined;
  if (words.some((w) => PUBLIC_WORDS.has(w) || PER_REQUEST_WORDS.has(w))) return undefined;
  const last = words[words.length - 1];
  if (isBrowserAnalyticsKey(words)) return undefined;
  if (PASSWORD_WORDS.has(last)) return "password";
  if (SECRET_WORDS.has(last)) return "secret";
  if (last === "auth" && words.length === 1) return "secret";
  if ((last === "key" || last === "keys") && words.slice(0, -1).some((w) => KEY_QUALIFIERS.has(w) || PROVIDERS.has(w))) return "secret";
  // Any other `…Key` (WEATHER_KEY, isbndbKey) may hold a key or a cache/list/storage key name:
  // only an unmistakably random value counts (see looksLikeSecretValue "key").
  if ((last === "key" || last === "keys") && words.length > 1 && !NOT_CREDENTIAL_KEYS.has(words[words.length - 2])) return "key";
  return undefined;
}
