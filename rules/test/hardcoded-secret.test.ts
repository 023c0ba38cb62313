import { test } from "node:test";
import assert from "node:assert/strict";
import rule from "../src/rules/hardcoded-secret.js";
import { ruleTester, run, type InvalidCase, type ValidCase } from "./ruleTester.js";
import { ex, rand, HEX, ALNUM, applyWorkspaceFix } from "./secretFixtures.js";

const STRIPE = ex("stripe-secret-key");
const STRIPE_TEST = ex("stripe-test-secret-key");
const GHP = ex("github-pat");
const OPENAI = ex("openai-api-key");
const AWS_ID = ex("aws-access-key-id");
const SLACK_HOOK = ex("slack-webhook-url");
const PEM = ex("pem-private-key").replace(/\n/g, "\\n");
const JWT = ex("jwt");
const GOOGLE = ex("google-api-key");
const SENDGRID = ex("sendgrid-api-key");
const HEX64 = rand(HEX, 64, 11);
const HEX32 = rand(HEX, 32, 12);
const TOKEN48 = rand(ALNUM, 48, 13);
const AWS_SECRET = rand(ALNUM + "/+", 40, 14);
const UUID = "3f2b8c1e-9a4d-4e7f-b2c6-5d8e1a9f0c3b";
const b64url = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
const jwtOf = (payload: object) => `${b64url({ alg: "HS256", typ: "JWT" })}.${b64url(payload)}.${rand(ALNUM, 43, 15)}`;
const ANON_JWT = jwtOf({ iss: "supabase", ref: "abcdefghijklmnopqrst", role: "anon", iat: 1700000000, exp: 2000000000 });
const SERVICE_JWT = jwtOf({ iss: "supabase", ref: "abcdefghijklmnopqrst", role: "service_role", iat: 1700000000, exp: 2000000000 });
const PK_LIVE = "pk_live_51" + rand(ALNUM, 97, 16);
const DB_PW = rand(ALNUM, 22, 17);

const client = (code: string): ValidCase => ({ code, filename: "/workspace/src/components/Pay.tsx" });

const valid: (ValidCase | string)[] = [
  // placeholders and empty values
  `const stripe = new Stripe(process.env.STRIPE_SECRET_KEY ?? "");`,
  `export const JWT_SECRET = process.env.JWT_SECRET ?? "changeme";`,
  `export const JWT_SECRET = process.env.JWT_SECRET || "dev-secret-change-me";`,
  `const config = { apiKey: "your-api-key-here" };`,
  `const config = { apiKey: "<YOUR_API_KEY>" };`,
  `const config = { apiKey: "xxxxxxxxxxxxxxxxxxxxxxxx" };`,
  `const config = { token: "TODO" };`,
  `const config = { secret: "********" };`,
  `const password = "••••••••";`,
  "const headers = { Authorization: `Bearer ${token}` };",
  `const headers = { Authorization: "Bearer " + token };`,
  `const token = header.startsWith("Bearer ") ? header.slice(7) : undefined;`,
  `const apiKey = "sk_live_xxxxxxxxxxxxxxxxxxxxxxxxxxxx";`,
  `const key = "sk_test_123";`,
  `const STRIPE_SECRET_KEY = "sk_live_...";`,
  `const dsn = "postgres://user:password@localhost:5432/app";`,
  `const dsn = "postgres://postgres:postgres@localhost:5432/dev";`,
  `const url = "mongodb://root:example@mongo:27017";`,
  `const url = "redis://default:\${REDIS_PASSWORD}@cache.internal:6379";`,
  `const url = "postgres://app:<password>@db.internal:5432/app";`,
  `const url = "https://user:pass@example.com/path";`,
  `const PEM = "-----BEGIN PRIVATE KEY-----\\n...\\n-----END PRIVATE KEY-----";`,
  `const PEM = "-----BEGIN RSA PRIVATE KEY-----\\n<your key here>\\n-----END RSA PRIVATE KEY-----";`,
  // env references
  `const key = process.env.OPENAI_API_KEY;`,
  `const key = import.meta.env.VITE_SUPABASE_ANON_KEY;`,
  `const headers = { "x-relay-api-key": process.env.RELAY_API_KEY ?? "" };`,
  `const expected = Buffer.from(process.env.ADMIN_PASSWORD ?? "");`,
  `const ok = pin === process.env.NEXT_PUBLIC_KITCHEN_ADMIN_PASSWORD;`,
  // public by design
  `export const STRIPE_PUBLISHABLE_KEY = "${PK_LIVE}";`,
  `const stripe = loadStripe("${PK_LIVE}");`,
  `const supabase = createClient("https://abc.supabase.co", "${ANON_JWT}");`,
  `const SUPABASE_ANON_KEY = "${ANON_JWT}";`,
  `const firebaseConfig = { apiKey: "${GOOGLE}", authDomain: "shop.firebaseapp.com", projectId: "shop" };`,
  `const MAPS_API_KEY = "${GOOGLE}";`,
  `const RECAPTCHA_SITE_KEY = "6Lc${rand(ALNUM, 37, 3)}";`,
  `const mapboxToken = "pk.${b64url({ u: "acme", a: "clabc" })}.${rand(ALNUM, 22, 4)}";`,
  `const price = { apiKey: "price_1${rand(ALNUM, 23, 5)}" };`,
  `const client = { clientId: "123456789012-${rand("abcdefghijklmnopqrstuvwxyz0123456789", 32, 6)}.apps.googleusercontent.com" };`,
  `Sentry.init({ dsn: "https://${HEX32}@o123456.ingest.sentry.io/1234567" });`,
  `const PUBLIC_KEY = "-----BEGIN PUBLIC KEY-----\\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA${rand(ALNUM, 80, 8)}\\n-----END PUBLIC KEY-----";`,
  `const TWILIO_ACCOUNT_SID = "AC${HEX32}";`,
  // hashes, ids, colours, images under names that are not secret
  `export const APP_VERSION_SHA = "${rand(HEX, 40, 9)}";`,
  `export const BRANCH_ID = "${UUID}";`,
  `const checksum = "${HEX64}";`,
  `const integrity = "sha384-${rand(ALNUM, 64, 10)}";`,
  `const theme = { primary: "#1d4ed8", secondary: "#f59e0b", accent: "rgb(12, 34, 56)" };`,
  `const PLACEHOLDER = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAoAAAAKCAYAAACNMs+9AAAA${rand(ALNUM + "+/", 180, 18)}AAAAASUVORK5CYII=";`,
  `const passwordHash = "$2b$12$${rand(ALNUM + "./", 53, 19)}";`,
  `const adminPassword = "$2b$12$${rand(ALNUM + "./", 53, 20)}";`,
  `const WALLET = "0x${rand(HEX, 40, 21)}";`,
  // names that only look secret
  `export const PASSWORD_RESET_PATH = "/account/reset-password";`,
  `const MESSAGES = { passwordResetSent: "We sent the member a link to reset their password." };`,
  `const MESSAGES = { tokenExpired: "Your session token expired. Please sign in again." };`,
  `const TOKEN_HEADER = "x-relay-api-token";`,
  `const SESSION_COOKIE_NAME = "session_token";`,
  `const apiKeyHeader = "X-Api-Key";`,
  `const tokenUrl = "https://oauth2.googleapis.com/token";`,
  `const secretName = "prod/db/password";`,
  `const tokenType = "Bearer";`,
  `const PASSWORD_MIN_LENGTH = "12";`,
  `const secret = "auth.password.label";`,
  `const token = "accessToken";`,
  `const apiKey = "STRIPE_SECRET_KEY";`,
  `const passwordPolicy = "Passw0rd-Rules!2024";`,
  `if (field === "password") validate();`,
  `if (password === "") return;`,
  // types, imports, i18n, forms, schemas, keys
  `type Secret = "sk_live_${rand(ALNUM, 30, 22)}";`,
  `import { secret } from "./secret-store";`,
  `const k = require("@acme/token-utils");`,
  `t("auth.password.label");`,
  `const schema = z.object({ email: z.string().email(), password: z.string().min(10).max(128) });`,
  { code: `const f = <input type="password" name="password" placeholder="••••" autoComplete="current-password" />;`, filename: "/workspace/src/Login.tsx" },
  { code: `const f = <input type="password" placeholder="Enter your password" />;`, filename: "/workspace/src/Login.tsx" },
  `const headers = { "x-api-key": apiKey };`,
  `const o = { "${rand(HEX, 40, 23)}": true };`,
  `const map = { token: "Token", secret: "Secret" };`,
  `const html = "<p>Your API token is shown once.</p>";`,
  `const css = "background: url(/img/secret-garden.png) no-repeat";`,
  // tests: fixtures and fakes
  { code: `it("signs", () => { const token = "${JWT}"; expect(verify(token)).toBe(true); });`, filename: "/workspace/src/auth.test.ts" },
  { code: `const password = "Sup3r-Secret-Test1!";\nawait login(user, password);`, filename: "/workspace/tests/login.spec.ts" },
  { code: `const stripe = new Stripe("${STRIPE_TEST}");`, filename: "/workspace/src/__tests__/billing.ts" },
  { code: `expect(mask("${HEX64}")).toBe("9f…");`, filename: "/workspace/src/mask.test.ts" },
  // config
  { code: `const key = "${STRIPE_TEST}";`, config: { secretsAllow: [/^sk_test_/] } },
  { code: `const DEMO_TOKEN = "${TOKEN48}";`, config: { secretsAllow: [/^DEMO_/] } },
  // text that contains no credential
  `const readme = "Set API_KEY=your-key in .env and PASSWORD=changeme";`,
  `const json = '{"token": "", "password": null}';`,
  `const u = "https://api.github.com/repos/acme/web/issues";`,
  `const u = "https://user@host.example.org/repo.git";`,
  `const csp = "script-src 'self' 'sha256-B2yPHKaXnvFWtRChIbabYmUBFZdVfKKXHbWtWidDVF8=' 'nonce-r4nd0mN0nc3V4lu3'";`,
  `const EMAIL_RE = "^[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\\.[a-zA-Z]{2,}$";`,
  `const passwordPattern = "(?=.*[a-z])(?=.*[A-Z])(?=.*\\d).{12,}";`,
  `const ACCESS_TOKEN_COOKIE = "__Host-access-token";`,
  `const storageKey = "sb-abcdefghijklmnopqrst-auth-token";`,
  `const AUTH_TOKEN_TTL = "15m";`,
  `const IV = "000102030405060708090a0b0c0d0e0f";`,
  `const user = { passwordHash: "$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG" };`,
  `const headers = { "X-Request-Id": "req_7f3a9b2c4d5e6f708192a3b4", "Content-Type": "application/json" };`,
  `const webpack = { output: { filename: "[name].[contenthash:8].js" } };`,
  `const clerkKey = process.env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY ?? "pk_test_Y2xlcmsuZXhhbXBsZS5jb20k";`,
  `const avatar = "https://www.gravatar.com/avatar/205e460b479e2e5b48aec07710c08d50?s=200";`,
  `const s3 = "https://acme.s3.amazonaws.com/a/3f2b8c1e9a4d4e7fb2c65d8e1a9f0c3b.png?X-Amz-Algorithm=AWS4-HMAC-SHA256";`,
  `const sampleOutput = "sk_live_****************************4242";`,
  `const columns = [{ key: "apiKey", label: "API key" }, { key: "token", label: "Token" }];`,
  `const secret = crypto.randomBytes(32).toString("hex");`,
  `signer.signature = signer.key.sign(signer.md, "RSASSA-PKCS1-V1_5");`,
  `const t = { PlatformAuthDOMGetToken: "platformAuthDOMGetToken" };`,
  `const snippet = "var credential = (Credential)Marshal.PtrToStructure(pointer, typeof(Credential));";`,
  "const url = `postgres://${user}:${password}@${host}:5432/app`;",
  "const url = `https://${process.env.API_HOST}/v1/orders?limit=${limit}`;",
  "const auth = `Bearer ${token}`;",
  `const WEATHER_KEY = "${HEX32}";`,
  `const client = new postmark.ServerClient(process.env.POSTMARK_SERVER_TOKEN!);`,
  `const TENANT_ID = "${UUID}";`,
  `const requestId = "${UUID}";`,
  `const o = { etag: "${HEX64}" };`,
  `gtag("config", "G-${rand("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 10, 37)}");`,
  `const xml = '<add key="LogLevel" value="Information" />';`,
  `const doc = "Set <code>apiKey</code> in the dashboard: Settings → API keys";`,
  `const secret = process.env.SESSION_SECRET ?? "local-dev-secret-123";`,
  `const JWT_SECRET = process.env.JWT_SECRET || "super-secret-jwt-key-change-in-production";`,
  `const secret = process.env.NODE_ENV === "test" ? "test-secret" : process.env.SECRET;`,
  `const flags = { flagKey: "new-checkout-flow-2024" };`,
  `const mockToken = "${TOKEN48}";`,
  `const label = "Your API key: " + "shown once";`,
  `const url = "https://api.github.com" + "/repos/acme/web";`,
  `const creds = { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" };`,
  `const pairs = [["Content-Type", "application/json"], ["Accept-Language", "en-US,en;q=0.9"]];`,
  `if (["admin", "owner", "staff"].includes(user.role)) allow();`,
  `const ROLES = new Set(["${rand(ALNUM, 30, 36)}"]);`,
  `export const de = { password: "Passwort", token: "Zugangstoken", apiKey: "Schlüsselverwaltungsdienst", secret: "Geheimnisvolles" };`,
  `export const es = { password: "Contraseña", confirmPassword: "Confirmar contraseña" };`,
  `analytics.load({ writeKey: "${TOKEN48}" });`,
  `const pusher = new Pusher({ key: "${rand(HEX, 20, 31)}", cluster: "eu" });`,
  `const PUSHER_KEY = "${rand(HEX, 20, 32)}";`,
  `const ALGOLIA_SEARCH_KEY = "${HEX32}";`,
  `const RECAPTCHA_SITE_KEY = "6Lc${rand(ALNUM, 37, 33)}";`,
  `const recaptchaKey = "6Lc${rand(ALNUM, 37, 34)}";`,
  `const cacheKey = "orders:${TOKEN48}";`,
  `const idempotencyKey = "${TOKEN48}";`,
  `const tokenRegex = "^[A-Za-z0-9-_]+\\.[A-Za-z0-9-_]+\\.[A-Za-z0-9-_]*$";`,
];

function col(code: string, needle: string): number {
  return code.split("\n").find((l) => l.includes(needle))!.indexOf(needle) + 1;
}
function lineOf(code: string, needle: string): number {
  return code.split("\n").findIndex((l) => l.includes(needle)) + 1;
}
/** An invalid case whose single finding starts at `needle`. */
function at(code: string, needle: string, message: string | RegExp, extra: Partial<InvalidCase> = {}): InvalidCase {
  return { code, errors: [{ line: lineOf(code, needle), column: col(code, needle), message }], ...extra };
}

const invalid: InvalidCase[] = [
  // provider formats in plain literals
  at(`const GITHUB_TOKEN = "${GHP}";`, GHP, /^Hardcoded GitHub personal access token \(ghp_…[A-Za-z0-9]{4}\)\. Move it to an environment variable\.$/),
  at(`export const stripe = new Stripe(process.env.STRIPE_SECRET_KEY ?? "${STRIPE_TEST}", {\n  apiVersion: "2024-06-20",\n});`, STRIPE_TEST, "Stripe test-mode secret key (sk_test_…"),
  at(`const s = new Stripe("${STRIPE}");`, STRIPE, "Hardcoded Stripe secret key (sk_live_…"),
  at(`const openAiKey = "${OPENAI}";`, OPENAI, "OpenAI API key"),
  at(`const creds = { accessKeyId: "${AWS_ID}", region: "eu-west-1" };`, AWS_ID, "AWS access key ID (AKIA…"),
  at(`const SLACK_OPS_WEBHOOK = "${SLACK_HOOK}";`, SLACK_HOOK, "Slack incoming webhook URL (https://hooks.slack.com/…"),
  at(`const WATCH_SIGNING_KEY = "${PEM}";`, '"-----BEGIN', "private key (PKCS#8) (-----BEGIN PRIVATE KEY-----…)"),
  at(`sgMail.setApiKey("${SENDGRID}");`, SENDGRID, "SendGrid API key"),
  at(`const gemini = new GoogleGenerativeAI("${GOOGLE}");`, GOOGLE, "Google API key (AIza…"),
  at(`const k = \`${ex("anthropic-api-key")}\`;`, ex("anthropic-api-key"), "Anthropic API key"),
  at(`const supabase = createClient(url, "${SERVICE_JWT}");`, SERVICE_JWT, "Supabase service-role key"),
  at(`const ADMIN_TOKEN = "${JWT}";`, JWT, "JSON Web Token (eyJ…"),
  at(`const t = "${ex("jwt-base64")}";`, ex("jwt-base64"), "base64-encoded JSON Web Token"),
  at(`bot.login("${ex("discord-bot-token")}");`, ex("discord-bot-token"), "Discord bot token"),
  at(`const hook = "${ex("discord-webhook-url")}";`, ex("discord-webhook-url"), "Discord webhook URL"),
  at(`const t = "${ex("npm-access-token")}";`, ex("npm-access-token"), "npm access token (npm_…"),
  at(`const t = "${ex("gitlab-pat")}";`, ex("gitlab-pat"), "GitLab personal access token"),
  at(`const t = "${ex("slack-bot-token")}";`, ex("slack-bot-token"), "Slack bot token (xoxb-…"),
  at(`const wh = "${ex("stripe-webhook-secret")}";`, ex("stripe-webhook-secret"), "Stripe webhook signing secret (whsec_…"),
  at(`const mg = "${ex("mailgun-api-key")}";`, ex("mailgun-api-key"), "Mailgun API key"),
  at(`const hf = "${ex("huggingface-token")}";`, ex("huggingface-token"), "Hugging Face access token"),
  at(`const bot = new Telegraf("${ex("telegram-bot-token")}");`, ex("telegram-bot-token"), "Telegram bot token"),
  at(`const r = new Resend("${ex("resend-api-key")}");`, ex("resend-api-key"), "Resend API key"),
  at(`const client = twilio(sid, "${ex("twilio-api-key")}");`, ex("twilio-api-key"), "Twilio API key"),
  at(`const map = "${ex("mapbox-secret-token")}";`, ex("mapbox-secret-token"), "Mapbox secret token"),
  at(`const o = new Octokit({ auth: "${ex("github-fine-grained-pat")}" });`, ex("github-fine-grained-pat"), "GitHub fine-grained"),
  // URLs with a password: only the password is masked
  at(`export const pool = new Pool({\n  connectionString: process.env.DATABASE_URL ?? "postgresql://prod_rw:${DB_PW}@orders-prod.cabc123def45.us-east-1.rds.amazonaws.com:5432/orders",\n});`, "postgresql://", /PostgreSQL connection string with a password \(postgresql:\/\/prod_rw:…@orders-prod\.cabc123def45\.us-east-1\.rds\.amazonaws\.com:5432\/orders\)/),
  at(`export const redis = new Redis(process.env.REDIS_URL || "rediss://default:${DB_PW}@eu1-sharp-fox-31244.upstash.io:6379");`, "rediss://", "Redis URL with a password (rediss://default:…@eu1-sharp-fox-31244.upstash.io:6379)"),
  at(`await mongoose.connect("mongodb+srv://svc_api:${DB_PW}@cluster0.ab1cd.mongodb.net/orders?retryWrites=true");`, "mongodb+srv://", "MongoDB connection string"),
  at(`const es = new Client({ node: "https://elastic:${DB_PW}@search.es.us-east-1.aws.found.io:9243" });`, "https://elastic", "URL with an inline password (https://elastic:…@"),
  at(`const dev = "postgres://postgres:${DB_PW}@localhost:5432/app";`, "postgres://", "PostgreSQL connection string"),
  // secrets inside longer strings
  at(`const headers = { Authorization: "Bearer ${GHP}" };`, GHP, "GitHub personal access token"),
  at(`const env = "NODE_ENV=production\\nSTRIPE_SECRET_KEY=${STRIPE}\\n";`, '"NODE_ENV', "Stripe secret key"),
  at(`const cfg = '{"region":"us-east-1","apiToken":"${TOKEN48}"}';`, TOKEN48, "secret in apiToken"),
  // name-based: assigned, defaulted, passed, compared
  at(`export const metadataProviders = {\n  isbndb: {\n    baseUrl: "https://api2.isbndb.com",\n    apiKey: "${TOKEN48}",\n  },\n};`, TOKEN48, /^Hardcoded secret in apiKey \([A-Za-z0-9]{4}…[A-Za-z0-9]{4}\)\. Move it to an environment variable\.$/),
  at(`app.use(cookieSession({ name: "fit_prefs", secret: "${HEX64}", maxAge: 1000 }));`, HEX64, "secret in secret"),
  at(`export const TWILIO_AUTH_TOKEN = "${HEX32}";`, HEX32, "Twilio auth token"),
  at(`const AWS_SECRET_ACCESS_KEY = "${AWS_SECRET}";`, AWS_SECRET, "AWS secret access key"),
  at(`if (request.headers["x-relay-api-key"] === "${HEX64}") return;`, HEX64, "secret in x-relay-api-key"),
  at(`if (req.get("x-api-key") !== "${HEX32}") return res.sendStatus(401);`, HEX32, "secret in x-api-key"),
  at(`await axios.post(url, body, { auth: { username: "api", password: "${ex("mailgun-api-key")}" } });`, ex("mailgun-api-key"), "Mailgun API key"),
  at(`const transport = nodemailer.createTransport({ auth: { user: "noreply@shop.io", pass: "Harbor-Maple4821!" } });`, "Harbor-Maple4821!", "password in pass (…821!)"),
  at(`const ADMIN_PASSWORD = "Quartz-Willow77#";`, "Quartz-Willow77#", "password in ADMIN_PASSWORD"),
  at(`headers.set("x-api-key", "${TOKEN48}");`, TOKEN48, "secret in x-api-key"),
  at(`res.setHeader("Authorization", "Basic ${Buffer.from("api:" + TOKEN48).toString("base64")}");`, Buffer.from("api:" + TOKEN48).toString("base64"), "secret in Authorization"),
  at(`const token = jwt.sign(payload, "${HEX64}", { expiresIn: "1h" });`, HEX64, "secret in jwtSecret"),
  at(`const signingKey = new TextEncoder().encode("${TOKEN48}");`, TOKEN48, "secret in signingKey"),
  at(`const secret = new TextEncoder().encode(process.env.SESSION_SECRET ?? "${HEX64}");`, HEX64, "secret in SESSION_SECRET"),
  at(`function connect(apiToken = "${TOKEN48}") {}`, TOKEN48, "secret in apiToken"),
  at(`class Mailer { private apiKey = "${TOKEN48}"; }`, TOKEN48, "secret in apiKey"),
  at(`config.clientSecret = "${TOKEN48}";`, TOKEN48, "secret in clientSecret"),
  at(`const POSTMARK_SERVER_TOKEN = "${UUID}";`, UUID, "secret in POSTMARK_SERVER_TOKEN"),
  at(`const DATADOG_API_KEY = "${HEX32}";`, HEX32, "Datadog API key (ccd6…c3a1)"),
  at(`const index = algoliasearch("ABCD1234EF", "${HEX32}");`, HEX32, "Algolia API key"),
  at(`const sql = new Sequelize("shop", "root", "Xk29!mQp#4Lw", { host: "db.internal", dialect: "mysql" });`, "Xk29!mQp#4Lw", "password in databasePassword"),
  at(`const s3 = new S3Client({ credentials: { accessKeyId: process.env.AWS_ACCESS_KEY_ID!, secretAccessKey: "${AWS_SECRET}" } });`, AWS_SECRET, "AWS secret access key"),
  at(`axios.defaults.headers.common["Authorization"] = "Token ${rand(HEX, 40, 30)}";`, rand(HEX, 40, 30), "secret in Authorization"),
  at(`const db = { host: "db.prod.internal", user: "app", password: "kP9#mW2$vL5nQ8" };`, "kP9#mW2$vL5nQ8", "password in password (…5nQ8)"),
  at(`process.env.OPENAI_API_KEY = "${ex("openai-project-key")}";`, ex("openai-project-key"), "OpenAI API key"),
  at(`const keys = { API_KEYS: ["${TOKEN48}"] };`, TOKEN48, "secret in API_KEYS"),
  at(`const auth = { password: isProd ? "${"Cinder-Raven903%"}" : "dev" };`, "Cinder-Raven903%", "password in password"),
  { code: `const el = <Chat apiKey="${TOKEN48}" />;`, filename: "/workspace/src/chat.tsx", errors: [{ message: "secret in apiKey" }] },
  // template literals with substitutions
  at("const db = `postgres://app:" + DB_PW + "@${host}:5432/app`;", "`postgres", "URL with an inline password (postgres://app:…@…)"),
  at("const url = `https://api.telegram.org/bot" + ex("telegram-bot-token") + "/sendMessage?chat_id=${chat}`;", "`https", "Telegram bot token"),
  // express-basic-auth users map to passwords; unusual key names need a clearly random value
  at(`app.use(basicAuth({ users: { admin: "Meadow-Falcon2290!" }, challenge: true }));`, "Meadow-Falcon2290!", "password in password"),
  at(`const WEATHER_KEY = "${TOKEN48}";`, TOKEN48, "key in WEATHER_KEY"),
  at(`const RECAPTCHA_SECRET_KEY = "6Lc${rand(ALNUM, 37, 35)}";`, "6Lc", "secret in RECAPTCHA_SECRET_KEY"),
  at(`await fetch(url, { headers: [["X-Api-Key", "${TOKEN48}"]] });`, TOKEN48, "secret in X-Api-Key"),
  at(`if (!["${HEX32}"].includes(req.headers["x-api-key"] as string)) return res.status(401).end();`, HEX32, "secret in x-api-key"),
  at(`const VALID_API_KEYS = new Set(["${TOKEN48}"]);`, TOKEN48, "secret in VALID_API_KEYS"),
  at(`const ok = timingSafeEqual(Buffer.from(provided), Buffer.from("${HEX64}"));`, HEX64, "secret in expectedSecret"),
  at(`const client = new postmark.ServerClient("${UUID}");`, UUID, "secret in postmarkServerToken"),
  at(`app.use(session({ secret: "${HEX64}", resave: false, saveUninitialized: false }));`, HEX64, "secret in secret"),
  // embedded config text
  at(`const envFile = "DB_HOST=db.internal\\nDB_PASSWORD=Timber-Orchid55!\\n";`, '"DB_HOST', "password in DB_PASSWORD"),
  at(`const xml = '<appSettings><add key="PaymentApiKey" value="${TOKEN48}" /></appSettings>';`, TOKEN48, "secret in PaymentApiKey"),
  at(`const xml = "<config><clientSecret>${TOKEN48}</clientSecret></config>";`, TOKEN48, "secret in clientSecret"),
  at(`const sh = "export STRIPE_WEBHOOK_TOKEN=${HEX32}";`, HEX32, "secret in STRIPE_WEBHOOK_TOKEN"),
  at(`const go = 'var adafruitToken string = "${TOKEN48}"';`, TOKEN48, "secret in adafruitToken"),
  at(`const curl = "curl -H 'Authorization: Bearer ${TOKEN48}' https://api.acme.io";`, TOKEN48, "secret in Authorization"),
  { code: `const tenants = { "${STRIPE}": "acme" };`, errors: [{ message: "Stripe secret key" }], output: null },
  at(
    `const PRIVATE_KEY =\n  "-----BEGIN RSA PRIVATE KEY-----\\n" +\n  "MIIEpAIBAAKCAQEA${rand(ALNUM, 48, 40)}\\n" +\n  "${rand(ALNUM, 64, 41)}\\n" +\n  "-----END RSA PRIVATE KEY-----\\n";`,
    '"-----BEGIN', "RSA private key",
  ),
  at(`const key = "sk_live_" + "${STRIPE.slice(8)}";`, '"sk_live_', "Stripe secret key"),
  at(`const API_KEY = "8pEB0gXdukRIAfaKe001o94XztkQMqqumkDd90BwIkPuxeL8";`, "8pEB", "secret in API_KEY"),
  at(`const AWS_SECRET_ACCESS_KEY = "/+92I74o3aA2VkjcMZnFO8EgeL019W7rcJ2Todoc";`, "/+92", "AWS secret access key"),
  // test files still get provider formats that are live credentials
  { code: `const stripe = new Stripe("${STRIPE}");`, filename: "/workspace/src/billing.test.ts", errors: [{ message: "Stripe secret key" }] },
  // one finding per literal, two literals → two findings
  { code: `const a = "${GHP}";\nconst b = "${OPENAI}";`, errors: [{ line: 1 }, { line: 2 }] },
  // client code: the message says it cannot stay in the browser
  { ...client(`"use client";\nconst key = "${OPENAI}";`), errors: [{ line: 2, message: "in browser code: anyone can read it from the bundle. Move the code that needs it to the server" }] },
];

ruleTester(rule, { valid, invalid });

test("the full value never appears in a message", () => {
  for (const c of invalid) {
    for (const f of run(rule, c)) {
      for (const secret of [STRIPE, STRIPE_TEST, GHP, OPENAI, HEX64, HEX32, TOKEN48, DB_PW, AWS_SECRET, JWT, SERVICE_JWT]) {
        if (c.code.includes(secret)) assert.ok(!f.message.includes(secret.slice(8, -4)), `message leaks: ${f.message}`);
      }
    }
  }
});

test("positives and tricky negatives are balanced", () => {
  assert.ok(valid.length >= invalid.length, `${valid.length} valid vs ${invalid.length} invalid`);
});

// ---- Move to .env: multi-file fix ---------------------------------------------------------------
const FILE = "/workspace/src/lib/github.ts";
function moveFix(code: string, files: Record<string, string>, filename = FILE) {
  const findings = run(rule, { code, files, filename });
  assert.equal(findings.length, 1);
  assert.equal(findings[0].fixes.length, 1);
  const fix = findings[0].fixes[0];
  assert.equal(fix.safe, false, "moving data between files is never a fix-all fix");
  assert.equal(fix.sensitive, true, "hosts must not serialise edits that carry the secret");
  return { fix, out: applyWorkspaceFix(findings[0], code, files) };
}

test("Move to .env: creates .env, .env.example and .gitignore entries in one fix", () => {
  const code = `const GITHUB_TOKEN = "${GHP}";\n`;
  const { fix, out } = moveFix(code, {});
  assert.equal(fix.title, "Move to .env as GITHUB_TOKEN");
  assert.equal(out["<self>"], "const GITHUB_TOKEN = process.env.GITHUB_TOKEN;\n");
  assert.equal(out[".env"], `GITHUB_TOKEN=${GHP}\n`);
  assert.equal(out[".env.example"], "GITHUB_TOKEN=\n");
  assert.equal(out[".gitignore"], ".env\n");
});

test("Move to .env: keeps an existing .env byte for byte and appends after a missing final newline", () => {
  const code = `const stripe = new Stripe("${STRIPE}");`;
  const files = { ".env": "# local\nDATABASE_URL=postgres://localhost/dev", ".env.example": "DATABASE_URL=\n", ".gitignore": "node_modules\n.env*\n" };
  const { fix, out } = moveFix(code, files);
  assert.equal(fix.title, "Move to .env as STRIPE_SECRET_KEY");
  assert.equal(out["<self>"], "const stripe = new Stripe(process.env.STRIPE_SECRET_KEY);");
  assert.equal(out[".env"], `# local\nDATABASE_URL=postgres://localhost/dev\nSTRIPE_SECRET_KEY=${STRIPE}\n`);
  assert.equal(out[".env.example"], "DATABASE_URL=\nSTRIPE_SECRET_KEY=\n");
  assert.equal(out[".gitignore"], undefined, ".env* already ignores .env");
});

test("Move to .env: an existing key with another value is never overwritten (NAME_2)", () => {
  const code = `const GITHUB_TOKEN = "${GHP}";`;
  const files = { ".env": "GITHUB_TOKEN=ghp_other\nGITHUB_TOKEN_2=also_other\n", ".env.example": "GITHUB_TOKEN=\n", ".gitignore": ".env\n" };
  const { fix, out } = moveFix(code, files);
  assert.equal(fix.title, "Move to .env as GITHUB_TOKEN_3");
  assert.equal(out["<self>"], "const GITHUB_TOKEN = process.env.GITHUB_TOKEN_3;");
  assert.equal(out[".env"], `GITHUB_TOKEN=ghp_other\nGITHUB_TOKEN_2=also_other\nGITHUB_TOKEN_3=${GHP}\n`);
  assert.equal(out[".env.example"], "GITHUB_TOKEN=\nGITHUB_TOKEN_3=\n");
});

test("Move to .env: the same value already in .env is reused, nothing appended", () => {
  const code = `const GITHUB_TOKEN = "${GHP}";`;
  const files = { ".env": `GITHUB_TOKEN="${GHP}"\n`, ".env.example": "GITHUB_TOKEN=\n", ".gitignore": "/.env\n" };
  const { fix, out } = moveFix(code, files);
  assert.equal(fix.title, "Move to .env as GITHUB_TOKEN");
  assert.deepEqual(Object.keys(out), ["<self>"]);
  assert.equal(out["<self>"], "const GITHUB_TOKEN = process.env.GITHUB_TOKEN;");
});

test("Move to .env: an env fallback collapses to the env read", () => {
  const code = `export const pool = new Pool({ connectionString: process.env.DATABASE_URL ?? "postgres://app:${DB_PW}@db.internal:5432/app" });`;
  const { out } = moveFix(code, { ".gitignore": ".env\n" });
  assert.equal(out["<self>"], "export const pool = new Pool({ connectionString: process.env.DATABASE_URL });");
  assert.equal(out[".env"], `DATABASE_URL=postgres://app:${DB_PW}@db.internal:5432/app\n`);
});

test("Move to .env: names come from the owner and the provider", () => {
  const names = (code: string) => run(rule, { code, files: { ".gitignore": ".env\n" } })[0].fixes[0].title;
  assert.equal(names(`const providers = { isbndb: { apiKey: "${TOKEN48}" } };`), "Move to .env as ISBNDB_API_KEY");
  assert.equal(names(`const config = { apiKey: "${OPENAI}" };`), "Move to .env as OPENAI_API_KEY");
  assert.equal(names(`if (request.headers["x-relay-api-key"] === "${HEX64}") ok();`), "Move to .env as RELAY_API_KEY");
  assert.equal(names(`const openAiKey = "${OPENAI}";`), "Move to .env as OPEN_AI_KEY");
  assert.equal(names(`await mongoose.connect("mongodb+srv://svc:${DB_PW}@cluster0.ab1cd.mongodb.net/app");`), "Move to .env as MONGODB_URI");
});

test("Move to .env: a secret inside a longer string keeps the rest in a template", () => {
  const code = `const headers = { Authorization: "Bearer ${GHP}" };`;
  const { out } = moveFix(code, { ".gitignore": ".env\n" });
  assert.equal(out["<self>"], "const headers = { Authorization: `Bearer ${process.env.GITHUB_TOKEN}` };");
  assert.equal(out[".env"], `GITHUB_TOKEN=${GHP}\n`);
});

test("Move to .env: a PEM block is quoted with \\n escapes in .env", () => {
  const code = `const WATCH_SIGNING_KEY = "${PEM}";`;
  const { out } = moveFix(code, { ".gitignore": ".env\n" });
  assert.equal(out["<self>"], "const WATCH_SIGNING_KEY = process.env.WATCH_SIGNING_KEY;");
  assert.ok(out[".env"].startsWith('WATCH_SIGNING_KEY="-----BEGIN PRIVATE KEY-----\\n'));
  assert.equal(out[".env"].split("\n").length, 2, "one line");
});

test("Move to .env: a JSX attribute gets braces", () => {
  const code = `const el = <Chat apiKey="${TOKEN48}" />;`;
  const { out } = moveFix(code, { ".gitignore": ".env\n" }, "/workspace/src/Chat.tsx");
  assert.equal(out["<self>"], "const el = <Chat apiKey={process.env.API_KEY} />;");
});

test("Move to .env: Vite client code reads a non-VITE_ variable (never bundled) and says server-only", () => {
  const code = `const key = "${OPENAI}";\nexport const base = import.meta.env.VITE_API_URL;`;
  const findings = run(rule, { code, files: { ".gitignore": ".env\n" }, filename: "/workspace/src/api/client.ts" });
  assert.equal(findings.length, 1);
  assert.match(findings[0].message, /in browser code/);
  assert.equal(findings[0].fixes[0].title, "Move to .env as OPENAI_API_KEY (server-only)");
  assert.equal(applyWorkspaceFix(findings[0], code, {})["<self>"].split("\n")[0], "const key = import.meta.env.OPENAI_API_KEY;");
});

test("without a workspace there is no Move fix", () => {
  const findings = run(rule, { code: `const GITHUB_TOKEN = "${GHP}";` });
  assert.equal(findings.length, 1);
  // The ruleTester always hands a workspace; analyse bare to check the fallback.
});

test("Move to .env: a key split over concatenated lines moves as one value", () => {
  const body = rand(ALNUM, 64, 42);
  const code = `const PRIVATE_KEY =\n  "-----BEGIN PRIVATE KEY-----\\n" +\n  "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC${body}\\n" +\n  "-----END PRIVATE KEY-----\\n";\n`;
  const { out } = moveFix(code, { ".gitignore": ".env\n" });
  assert.equal(out["<self>"], "const PRIVATE_KEY =\n  process.env.PRIVATE_KEY;\n");
  assert.equal(out[".env"], `PRIVATE_KEY="-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC${body}\\n-----END PRIVATE KEY-----\\n"\n`);
});
