/**
 * The credential formats Shipshape recognises, as data: adding a provider is one entry.
 *
 * Each pattern was written from the provider's documented token shape (prefix, alphabet, length).
 * `keywords` feed the cheap prefilter in detect.ts: a pattern only runs on a string that contains
 * one of them (lower-case). `example` is a format-valid value the tests feed back through the
 * detector; examples are generated at load time from a fixed seed so that no real-looking token
 * sits in this file for other scanners to trip over.
 *
 * Order matters: the first format whose pattern matches wins, so specific shapes come before the
 * broader ones that would also match them.
 */
export type FormatKind =
  /** An opaque token: the whole match is the secret. */
  | "token"
  /** A URL with `user:password@`: only the password is secret. */
  | "url-password"
  /** A URL whose path or query is the secret (webhooks). */
  | "url"
  /** A PEM / key-file block. */
  | "key-block"
  /** A JSON Web Token. */
  | "jwt";

export interface SecretFormat {
  id: string;
  /** Provider and kind, as it reads in a message: "Stripe secret key". */
  description: string;
  /** Without flags. Unless `bare`, detect.ts wraps it in alphanumeric boundaries. */
  pattern: RegExp;
  /** Lower-case substrings, one of which must occur in the value before the pattern runs. */
  keywords: readonly string[];
  /** A value the tests check is detected as this format. */
  example: string;
  /** Environment variable name the "Move to .env" fix proposes when the code gives no better one. */
  envName: string;
  kind?: FormatKind;
  /** The pattern carries its own boundaries (URLs, key blocks). */
  bare?: boolean;
  /** For url-password: which capture group is the password (default 3). */
  group?: number;
  /**
   * The shortest text the pattern can match. Required of a format without keywords: it runs on
   * every string at least this long, so shorter strings (most of them) skip it.
   */
  minLength?: number;
  /**
   * Required of a format without keywords too: a character every match holds right after at least
   * `run` characters of the ASCII class `chars`. Checked (with `indexOf`) before the pattern runs,
   * so a long string without that shape (a class list, a sentence) skips it.
   */
  anchor?: { char: string; run: number; chars: RegExp };
}

// ---- deterministic example material ------------------------------------------------------------
const UP = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const LO = "abcdefghijklmnopqrstuvwxyz";
const DI = "0123456789";
const AN = UP + LO + DI;
const HX = "0123456789abcdef";
const HXU = "0123456789ABCDEF";
const B64 = AN + "+/";
const B64U = AN + "-_";
let state = 0x2f6b7a31;
/** `n` characters from `alphabet`, from a fixed-seed generator (xorshift). */
function r(alphabet: string, n: number): string {
  let s = "";
  for (let i = 0; i < n; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    s += alphabet[(state >>> 0) % alphabet.length];
  }
  return s;
}
const b64url = (s: string) => Buffer.from(s).toString("base64url");
const jwtOf = (payload: object) => `${b64url(JSON.stringify({ alg: "HS256", typ: "JWT" }))}.${b64url(JSON.stringify(payload))}.${r(B64U, 43)}`;
const pemOf = (label: string, body: string) => `-----BEGIN ${label}-----\n${body.match(/.{1,64}/g)!.join("\n")}\n-----END ${label}-----\n`;
const uuid = () => `${r(HX, 8)}-${r(HX, 4)}-4${r(HX, 3)}-a${r(HX, 3)}-${r(HX, 12)}`;
// Pieces that are assembled rather than written out, so this file holds no complete token shape.
const join = (...parts: string[]) => parts.join("");

/**
 * Database and service URLs with `user:password@host`: group 3 is the password. The user may be
 * empty (`redis://:pw@host`), and the password may hold a `#` (people paste them unencoded).
 */
function urlFormat(id: string, description: string, scheme: string, keywords: string[], envName: string, example: string): SecretFormat {
  return {
    id,
    description,
    pattern: new RegExp(`(?<![A-Za-z0-9+.-])(${scheme})://([^\\s:@/?#'"\`<>]{0,128}):([^\\s@/?'"\`<>]{1,256})@([A-Za-z0-9.\\-_\\[\\]]+)`, "i"),
    keywords,
    example,
    envName,
    kind: "url-password",
    bare: true,
    group: 3,
  };
}

function keyBlock(id: string, description: string, label: string, keyword: string, envName: string, body: string): SecretFormat {
  return {
    id,
    description,
    // The body is checked separately (detect.ts) so that "-----BEGIN PRIVATE KEY-----\n...\n" stays quiet.
    pattern: new RegExp(`-----BEGIN ${label}-----`),
    keywords: [keyword],
    example: pemOf(label, body),
    envName,
    kind: "key-block",
    bare: true,
  };
}

export const FORMATS: readonly SecretFormat[] = [
  // ---- private keys ----------------------------------------------------------------------------
  keyBlock("pem-rsa-private-key", "RSA private key", "RSA PRIVATE KEY", "rsa private key", "RSA_PRIVATE_KEY", "MIIEpAIBAAKCAQEA" + r(B64, 600)),
  keyBlock("pem-ec-private-key", "EC private key", "EC PRIVATE KEY", "ec private key", "EC_PRIVATE_KEY", "MHcCAQEEI" + r(B64, 150)),
  keyBlock("pem-dsa-private-key", "DSA private key", "DSA PRIVATE KEY", "dsa private key", "DSA_PRIVATE_KEY", "MIIBuwIBAAKBgQ" + r(B64, 400)),
  keyBlock("openssh-private-key", "OpenSSH private key", "OPENSSH PRIVATE KEY", "openssh private key", "SSH_PRIVATE_KEY", "b3BlbnNzaC1rZXktdjEAAAAA" + r(B64, 300)),
  keyBlock("pem-encrypted-private-key", "encrypted private key", "ENCRYPTED PRIVATE KEY", "encrypted private key", "PRIVATE_KEY", "MIIFHDBOBgkqhkiG9w0BBQ0w" + r(B64, 500)),
  keyBlock("pgp-private-key", "PGP private key block", "PGP PRIVATE KEY BLOCK", "pgp private key", "PGP_PRIVATE_KEY", "lQOYBF" + r(B64, 500)),
  keyBlock("pem-private-key", "private key (PKCS#8)", "PRIVATE KEY", "private key", "PRIVATE_KEY", "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC" + r(B64, 600)),
  {
    id: "putty-private-key", description: "PuTTY private key", pattern: /PuTTY-User-Key-File-[23]: [a-z0-9-]+[\s\S]{0,400}?Private-Lines: \d+/, keywords: ["putty-user-key-file"],
    example: `PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: deploy\nPublic-Lines: 2\n${r(B64, 64)}\n${r(B64, 20)}\nPrivate-Lines: 1\n${r(B64, 44)}\n`, envName: "SSH_PRIVATE_KEY", kind: "key-block", bare: true,
  },
  { id: "age-secret-key", description: "age encryption secret key", pattern: /AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}/, keywords: ["age-secret-key-1"], example: "AGE-SECRET-KEY-1" + r("QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L", 58), envName: "AGE_SECRET_KEY" },
  { id: "nostr-private-key", description: "Nostr private key (nsec)", pattern: /nsec1[02-9ac-hj-np-z]{58}/, keywords: ["nsec1"], example: "nsec1" + r("023456789acdefghjklmnpqrstuvwxyz", 58), envName: "NOSTR_PRIVATE_KEY" },

  // ---- connection strings and URLs with a password -----------------------------------------------
  urlFormat("postgres-url-password", "PostgreSQL connection string with a password", "postgres(?:ql)?(?:\\+[a-z0-9]+)?|cockroachdb|timescaledb", ["postgres", "cockroachdb", "timescaledb"], "DATABASE_URL", `postgres://app:${r(AN, 22)}@db.${r(LO, 20)}.supabase.co:5432/app`),
  urlFormat("mysql-url-password", "MySQL connection string with a password", "mysql[0-9]?(?:\\+[a-z0-9]+)?|mariadb", ["mysql", "mariadb"], "DATABASE_URL", `mysql://root:${r(AN, 18)}@10.0.3.17:3306/shop`),
  urlFormat("mongodb-url-password", "MongoDB connection string with a password", "mongodb(?:\\+srv)?", ["mongodb"], "MONGODB_URI", `mongodb+srv://svc_api:${r(AN, 20)}@cluster0.${r(LO + DI, 5)}.mongodb.net/orders?retryWrites=true&w=majority`),
  urlFormat("redis-url-password", "Redis URL with a password", "rediss?|valkey", ["redis", "valkey"], "REDIS_URL", `rediss://default:${r(AN, 34)}@eu1-${r(LO, 6)}-31244.upstash.io:6379`),
  urlFormat("amqp-url-password", "AMQP (RabbitMQ) URL with a password", "amqps?", ["amqp"], "AMQP_URL", `amqps://${r(LO, 8)}:${r(AN, 32)}@kangaroo.rmq.cloudamqp.com/${r(LO, 8)}`),
  urlFormat("mssql-url-password", "SQL Server connection string with a password", "mssql|sqlserver", ["mssql", "sqlserver"], "DATABASE_URL", `mssql://sa:${r(AN, 16)}@sql.internal:1433/crm`),
  urlFormat("clickhouse-url-password", "ClickHouse URL with a password", "clickhouse(?:\\+https?)?", ["clickhouse"], "CLICKHOUSE_URL", `clickhouse://analytics:${r(AN, 20)}@ch.internal:9000/events`),
  urlFormat("ftp-url-password", "FTP URL with a password", "s?ftps?", ["ftp"], "FTP_URL", `ftp://deploy:${r(AN, 14)}@files.internal/releases`),
  urlFormat("smtp-url-password", "SMTP URL with a password", "smtps?", ["smtp"], "SMTP_URL", `smtps://apikey:${r(B64U, 40)}@smtp.sendgrid.net:465`),
  urlFormat("ldap-url-password", "LDAP URL with a password", "ldaps?", ["ldap"], "LDAP_URL", `ldaps://cn=admin:${r(AN, 16)}@ldap.corp.internal:636`),
  urlFormat("mqtt-url-password", "MQTT URL with a password", "mqtts?|wss?", ["mqtt", "ws"], "MQTT_URL", `mqtts://device:${r(AN, 20)}@broker.hivemq.cloud:8883`),
  urlFormat("cloudinary-url", "Cloudinary URL with an API secret", "cloudinary", ["cloudinary"], "CLOUDINARY_URL", `cloudinary://${r(DI, 15)}:${r(B64U, 27)}@${r(LO, 8)}`),
  urlFormat("http-url-password", "URL with an inline password", "https?|git\\+https?|svn\\+ssh|ssh", ["http", "ssh"], "SERVICE_URL", `https://elastic:${r(AN, 24)}@search-${r(LO, 6)}.es.us-east-1.aws.found.io:9243`),
  { id: "jdbc-url-password", description: "JDBC URL with a password", pattern: /jdbc:[a-z0-9]+:[^\s'"]*?[?;&]password=([^\s&;'"]{3,})/i, keywords: ["jdbc:"], example: `jdbc:postgresql://db.internal:5432/app?user=app&password=${r(AN, 18)}`, envName: "JDBC_URL", bare: true, group: 1, kind: "url-password" },
  { id: "ado-connection-string", description: "database connection string with a password", pattern: /(?:Server|Data Source|Host|Address)\s*=[^;'"]+;[^'"]*?(?:Password|Pwd)\s*=\s*([^;'"\s]{3,})/i, keywords: ["password=", "pwd=", "password =", "pwd ="], example: `Server=tcp:crm-${r(LO, 6)}.database.windows.net,1433;Initial Catalog=crm;User ID=crm_app;Password=${r(AN, 18)};Encrypt=True;`, envName: "DATABASE_CONNECTION_STRING", bare: true, group: 1, kind: "url-password" },

  // ---- cloud providers ---------------------------------------------------------------------------
  { id: "aws-access-key-id", description: "AWS access key ID", pattern: /(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}/, keywords: ["akia", "asia", "abia", "acca", "a3t"], example: "AKIA" + r(UP + "234567", 16), envName: "AWS_ACCESS_KEY_ID" },
  { id: "aws-bedrock-api-key", description: "AWS Bedrock API key", pattern: /ABSK[A-Za-z0-9+/]{109,269}={0,2}/, keywords: ["absk"], example: "ABSK" + r(B64, 132), envName: "AWS_BEARER_TOKEN_BEDROCK" },
  { id: "gcp-service-account", description: "Google Cloud service account key", pattern: /"private_key_id"\s*:\s*"[a-f0-9]{40}"/, keywords: ["private_key_id"], example: `{"type":"service_account","private_key_id":"${r(HX, 40)}"}`, envName: "GOOGLE_APPLICATION_CREDENTIALS_JSON", bare: true },
  { id: "google-oauth-client-secret", description: "Google OAuth client secret", pattern: /GOCSPX-[A-Za-z0-9_-]{28}/, keywords: ["gocspx-"], example: "GOCSPX-" + r(B64U, 28), envName: "GOOGLE_CLIENT_SECRET" },
  { id: "google-oauth-access-token", description: "Google OAuth access token", pattern: /ya29\.[A-Za-z0-9_-]{30,}/, keywords: ["ya29."], example: "ya29." + r(B64U, 120), envName: "GOOGLE_ACCESS_TOKEN" },
  { id: "google-oauth-refresh-token", description: "Google OAuth refresh token", pattern: /1\/\/0[A-Za-z0-9_-]{60,}/, keywords: ["1//0"], example: "1//0" + r(B64U, 98), envName: "GOOGLE_REFRESH_TOKEN" },
  { id: "google-chat-webhook-url", description: "Google Chat webhook URL", pattern: /https:\/\/chat\.googleapis\.com\/v1\/spaces\/[A-Za-z0-9_-]+\/messages\?key=[A-Za-z0-9_-]+&token=[A-Za-z0-9_%=-]{40,}/, keywords: ["chat.googleapis.com"], example: `https://chat.googleapis.com/v1/spaces/AAAA${r(B64U, 7)}/messages?key=${"AIza" + r(B64U, 35)}&token=${r(B64U, 43)}%3D`, envName: "GOOGLE_CHAT_WEBHOOK_URL", kind: "url", bare: true },
  { id: "google-api-key", description: "Google API key", pattern: /AIza[A-Za-z0-9_-]{35}/, keywords: ["aiza"], example: "AIza" + r(B64U, 35), envName: "GOOGLE_API_KEY" },
  { id: "firebase-cloud-messaging-key", description: "Firebase Cloud Messaging server key", pattern: /AAAA[A-Za-z0-9_-]{7}:APA91b[A-Za-z0-9_-]{134}/, keywords: [":apa91b"], example: "AAAA" + r(B64U, 7) + ":APA91b" + r(B64U, 134), envName: "FCM_SERVER_KEY" },
  { id: "azure-storage-account-key", description: "Azure Storage account key", pattern: /AccountKey=[A-Za-z0-9+/]{86}==/, keywords: ["accountkey="], example: `DefaultEndpointsProtocol=https;AccountName=media${r(LO, 6)};AccountKey=${r(B64, 86)}==;EndpointSuffix=core.windows.net`, envName: "AZURE_STORAGE_CONNECTION_STRING", bare: true },
  { id: "azure-shared-access-key", description: "Azure shared access key (Service Bus / Event Hubs)", pattern: /SharedAccessKey=[A-Za-z0-9+/]{43}=/, keywords: ["sharedaccesskey="], example: `Endpoint=sb://orders-${r(LO, 5)}.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${r(B64, 43)}=`, envName: "AZURE_SERVICE_BUS_CONNECTION_STRING", bare: true },
  { id: "azure-ad-client-secret", description: "Azure AD (Entra ID) client secret", pattern: /[A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.-]{31,34}/, keywords: ["q~"], example: r(AN, 3) + "8Q~" + r(AN + "_~.", 34), envName: "AZURE_CLIENT_SECRET" },
  { id: "azure-sas-token", description: "Azure shared access signature", pattern: /[?&]sv=\d{4}-\d{2}-\d{2}&[^\s'"]*?sig=[A-Za-z0-9%+/]{40,}={0,2}/, keywords: ["sig="], example: `https://media${r(LO, 6)}.blob.core.windows.net/uploads?sv=2022-11-02&ss=b&srt=co&sp=rwdlac&se=2026-01-01T00:00:00Z&sig=${r(AN, 44)}%3D`, envName: "AZURE_SAS_TOKEN", bare: true, kind: "url" },
  { id: "digitalocean-pat", description: "DigitalOcean personal access token", pattern: /dop_v1_[a-f0-9]{64}/, keywords: ["dop_v1_"], example: "dop_v1_" + r(HX, 64), envName: "DIGITALOCEAN_TOKEN" },
  { id: "digitalocean-oauth-token", description: "DigitalOcean OAuth token", pattern: /doo_v1_[a-f0-9]{64}/, keywords: ["doo_v1_"], example: "doo_v1_" + r(HX, 64), envName: "DIGITALOCEAN_TOKEN" },
  { id: "digitalocean-refresh-token", description: "DigitalOcean refresh token", pattern: /dor_v1_[a-f0-9]{64}/, keywords: ["dor_v1_"], example: "dor_v1_" + r(HX, 64), envName: "DIGITALOCEAN_REFRESH_TOKEN" },
  { id: "alibaba-access-key-id", description: "Alibaba Cloud AccessKey ID", pattern: /LTAI[A-Za-z0-9]{20}/, keywords: ["ltai"], example: "LTAI" + r(AN, 20), envName: "ALIBABA_CLOUD_ACCESS_KEY_ID" },
  { id: "tencent-secret-id", description: "Tencent Cloud SecretId", pattern: /AKID[A-Za-z0-9]{32}/, keywords: ["akid"], example: "AKID" + r(AN, 32), envName: "TENCENTCLOUD_SECRET_ID" },
  { id: "scaleway-access-key", description: "Scaleway access key", pattern: /SCW[A-Z0-9]{17}/, keywords: ["scw"], example: "SCW" + r(UP + DI, 17), envName: "SCW_ACCESS_KEY" },
  { id: "yandex-api-key", description: "Yandex Cloud API key", pattern: /AQVN[A-Za-z0-9_-]{35,38}/, keywords: ["aqvn"], example: "AQVN" + r(B64U, 36), envName: "YC_API_KEY" },
  { id: "cloudflare-origin-ca-key", description: "Cloudflare Origin CA key", pattern: /v1\.0-[a-f0-9]{24}-[a-f0-9]{146}/, keywords: ["v1.0-"], example: "v1.0-" + r(HX, 24) + "-" + r(HX, 146), envName: "CLOUDFLARE_ORIGIN_CA_KEY" },
  { id: "heroku-api-key", description: "Heroku API key", pattern: /HRKU-AA[A-Za-z0-9_-]{58}/, keywords: ["hrku-"], example: "HRKU-AA" + r(B64U, 58), envName: "HEROKU_API_KEY" },
  { id: "flyio-token", description: "Fly.io access token", pattern: /(?:fm[12][ar]?_[A-Za-z0-9+/]{100,}={0,3}|fo1_[A-Za-z0-9_-]{43})/, keywords: ["fm1", "fm2", "fo1_"], example: "fm2_" + r(B64, 180), envName: "FLY_API_TOKEN" },
  { id: "netlify-pat", description: "Netlify personal access token", pattern: /nfp_[A-Za-z0-9]{36}/, keywords: ["nfp_"], example: "nfp_" + r(AN, 36), envName: "NETLIFY_AUTH_TOKEN" },
  { id: "render-api-key", description: "Render API key", pattern: /rnd_[A-Za-z0-9]{32}/, keywords: ["rnd_"], example: "rnd_" + r(AN, 32), envName: "RENDER_API_KEY" },
  { id: "vercel-token", description: "Vercel access token", pattern: /vc[pkiar]_[A-Za-z0-9]{56}/, keywords: ["vcp_", "vck_", "vci_", "vca_", "vcr_"], example: "vcp_" + r(AN, 56), envName: "VERCEL_TOKEN" },
  { id: "doppler-token", description: "Doppler token", pattern: /dp\.(?:pt|st|sa|ct|scim|audit)\.[A-Za-z0-9]{40,44}/, keywords: ["dp.pt.", "dp.st.", "dp.sa.", "dp.ct.", "dp.scim.", "dp.audit."], example: "dp.st." + r(AN, 43), envName: "DOPPLER_TOKEN" },
  { id: "vault-service-token", description: "HashiCorp Vault token", pattern: /hv[sb]\.[A-Za-z0-9_-]{90,}/, keywords: ["hvs.", "hvb."], example: "hvs." + r(B64U, 95), envName: "VAULT_TOKEN" },
  { id: "terraform-cloud-token", description: "Terraform Cloud / HCP API token", pattern: /[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,70}/, keywords: [".atlasv1."], example: r(AN, 14) + ".atlasv1." + r(B64U, 67), envName: "TFE_TOKEN" },
  { id: "pulumi-access-token", description: "Pulumi access token", pattern: /pul-[a-f0-9]{40}/, keywords: ["pul-"], example: "pul-" + r(HX, 40), envName: "PULUMI_ACCESS_TOKEN" },
  { id: "databricks-token", description: "Databricks access token", pattern: /dapi[a-f0-9]{32}(?:-\d)?/, keywords: ["dapi"], example: "dapi" + r(HX, 32), envName: "DATABRICKS_TOKEN" },
  { id: "planetscale-token", description: "PlanetScale service token", pattern: /pscale_tkn_[A-Za-z0-9_.-]{32,64}/, keywords: ["pscale_tkn_"], example: "pscale_tkn_" + r(B64U, 43), envName: "PLANETSCALE_SERVICE_TOKEN" },
  { id: "planetscale-password", description: "PlanetScale database password", pattern: /pscale_pw_[A-Za-z0-9_.-]{32,64}/, keywords: ["pscale_pw_"], example: "pscale_pw_" + r(B64U, 43), envName: "DATABASE_PASSWORD" },
  { id: "planetscale-oauth-token", description: "PlanetScale OAuth token", pattern: /pscale_oauth_[A-Za-z0-9_.-]{32,64}/, keywords: ["pscale_oauth_"], example: "pscale_oauth_" + r(B64U, 43), envName: "PLANETSCALE_OAUTH_TOKEN" },
  { id: "supabase-secret-key", description: "Supabase secret API key", pattern: /sb_secret_[A-Za-z0-9_-]{31,}/, keywords: ["sb_secret_"], example: "sb_secret_" + r(B64U, 36), envName: "SUPABASE_SECRET_KEY" },
  { id: "supabase-pat", description: "Supabase personal access token", pattern: /sbp_[a-f0-9]{40}/, keywords: ["sbp_"], example: "sbp_" + r(HX, 40), envName: "SUPABASE_ACCESS_TOKEN" },
  { id: "deno-deploy-token", description: "Deno Deploy access token", pattern: /dd[pw]_[A-Za-z0-9]{36}/, keywords: ["ddp_", "ddw_"], example: "ddp_" + r(AN, 36), envName: "DENO_DEPLOY_TOKEN" },
  { id: "tailscale-key", description: "Tailscale key", pattern: /tskey-(?:auth|api|client|webhook|scim)-[A-Za-z0-9]{10,}-[A-Za-z0-9]{20,}/, keywords: ["tskey-"], example: "tskey-auth-" + r(AN, 17) + "-" + r(AN, 33), envName: "TS_AUTHKEY" },
  { id: "onepassword-service-account-token", description: "1Password service account token", pattern: /ops_eyJ[A-Za-z0-9+/=_-]{200,}/, keywords: ["ops_eyj"], example: "ops_" + b64url(JSON.stringify({ signInAddress: "my.1password.com", userAuth: { method: "SRPg-4096", alg: "PBES2g-HS256", iterations: 650000, salt: r(B64U, 22) }, email: r(LO, 12) + "@1passwordserviceaccounts.com", srpX: r(HX, 64) })), envName: "OP_SERVICE_ACCOUNT_TOKEN" },
  { id: "onepassword-secret-key", description: "1Password secret key", pattern: /A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}/, keywords: ["a3-"], example: `A3-${r(UP + DI, 6)}-${r(UP + DI, 11)}-${r(UP + DI, 5)}-${r(UP + DI, 5)}-${r(UP + DI, 5)}`, envName: "OP_SECRET_KEY" },
  { id: "infracost-api-key", description: "Infracost API key", pattern: /(?<!\.)ico-[A-Za-z0-9]{32}/, keywords: ["ico-"], example: "ico-" + r(AN, 32), envName: "INFRACOST_API_KEY" },
  { id: "defined-networking-key", description: "Defined Networking API key", pattern: /dnkey-[a-z0-9=_-]{26}-[a-z0-9=_-]{52}/, keywords: ["dnkey-"], example: "dnkey-" + r(LO + DI, 26) + "-" + r(LO + DI, 52), envName: "DN_API_KEY" },
  { id: "scalingo-token", description: "Scalingo API token", pattern: /tk-us-[A-Za-z0-9_-]{48}/, keywords: ["tk-us-"], example: "tk-us-" + r(B64U, 48), envName: "SCALINGO_API_TOKEN" },
  { id: "convex-deploy-key", description: "Convex deploy key", pattern: /(?:prod|preview|dev):[a-z0-9-]+\|[A-Za-z0-9=+/]{40,}/, keywords: ["prod:", "preview:", "dev:"], example: "prod:" + r(LO, 6) + "-" + r(LO, 7) + "-" + r(DI, 3) + "|" + r(AN, 70), envName: "CONVEX_DEPLOY_KEY" },

  // ---- payment and commerce --------------------------------------------------------------------
  { id: "stripe-secret-key", description: "Stripe secret key", pattern: /sk_live_[A-Za-z0-9]{16,247}/, keywords: ["sk_live_"], example: join("sk_", "live_51", r(AN, 97)), envName: "STRIPE_SECRET_KEY" },
  { id: "stripe-test-secret-key", description: "Stripe test-mode secret key", pattern: /sk_test_[A-Za-z0-9]{16,247}/, keywords: ["sk_test_"], example: join("sk_", "test_51", r(AN, 97)), envName: "STRIPE_SECRET_KEY" },
  { id: "stripe-restricted-key", description: "Stripe restricted key", pattern: /rk_(?:live|test)_[A-Za-z0-9]{16,247}/, keywords: ["rk_live_", "rk_test_"], example: join("rk_", "live_51", r(AN, 97)), envName: "STRIPE_SECRET_KEY" },
  { id: "stripe-webhook-secret", description: "Stripe webhook signing secret", pattern: /whsec_[A-Za-z0-9+/=]{32,}/, keywords: ["whsec_"], example: "whsec_" + r(AN, 32), envName: "STRIPE_WEBHOOK_SECRET" },
  { id: "braintree-access-token", description: "Braintree / PayPal access token", pattern: /access_token\$(?:production|sandbox)\$[0-9a-z]{16}\$[0-9a-f]{32}/, keywords: ["access_token$"], example: `access_token$production$${r(LO + DI, 16)}$${r(HX, 32)}`, envName: "BRAINTREE_ACCESS_TOKEN" },
  { id: "square-access-token", description: "Square access token", pattern: /(?:EAAA[A-Za-z0-9_-]{60}|sq0atp-[A-Za-z0-9_-]{22})/, keywords: ["eaaa", "sq0atp-"], example: "EAAA" + r(B64U, 60), envName: "SQUARE_ACCESS_TOKEN" },
  { id: "square-oauth-secret", description: "Square OAuth application secret", pattern: /sq0csp-[A-Za-z0-9_-]{43}/, keywords: ["sq0csp-"], example: "sq0csp-" + r(B64U, 43), envName: "SQUARE_APPLICATION_SECRET" },
  { id: "flutterwave-secret-key", description: "Flutterwave secret key", pattern: /FLWSECK(?:_TEST)?-[a-h0-9]{32}-X/, keywords: ["flwseck"], example: "FLWSECK-" + r(HX, 32) + "-X", envName: "FLW_SECRET_KEY" },
  { id: "flutterwave-encryption-key", description: "Flutterwave encryption key", pattern: /FLWSECK(?:_TEST)?[a-h0-9]{12}/, keywords: ["flwseck"], example: "FLWSECK_TEST" + r(HX, 12), envName: "FLW_ENCRYPTION_KEY" },
  { id: "shopify-access-token", description: "Shopify Admin API access token", pattern: /shpat_[a-fA-F0-9]{32}/, keywords: ["shpat_"], example: "shpat_" + r(HX, 32), envName: "SHOPIFY_ACCESS_TOKEN" },
  { id: "shopify-custom-app-token", description: "Shopify custom app access token", pattern: /shpca_[a-fA-F0-9]{32}/, keywords: ["shpca_"], example: "shpca_" + r(HX, 32), envName: "SHOPIFY_ACCESS_TOKEN" },
  { id: "shopify-private-app-token", description: "Shopify private app password", pattern: /shppa_[a-fA-F0-9]{32}/, keywords: ["shppa_"], example: "shppa_" + r(HX, 32), envName: "SHOPIFY_ACCESS_TOKEN" },
  { id: "shopify-shared-secret", description: "Shopify app shared secret", pattern: /shpss_[a-fA-F0-9]{32}/, keywords: ["shpss_"], example: "shpss_" + r(HX, 32), envName: "SHOPIFY_API_SECRET" },
  { id: "plaid-access-token", description: "Plaid access token", pattern: /access-(?:sandbox|development|production)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/, keywords: ["access-sandbox-", "access-development-", "access-production-"], example: "access-production-" + uuid(), envName: "PLAID_ACCESS_TOKEN" },
  { id: "shippo-api-token", description: "Shippo API token", pattern: /shippo_(?:live|test)_[a-f0-9]{40}/, keywords: ["shippo_"], example: "shippo_live_" + r(HX, 40), envName: "SHIPPO_API_TOKEN" },
  { id: "easypost-api-key", description: "EasyPost API key", pattern: /EZ[AT]K[a-zA-Z0-9]{54}/, keywords: ["ezak", "eztk"], example: "EZAK" + r(AN, 54), envName: "EASYPOST_API_KEY" },
  { id: "duffel-api-token", description: "Duffel API token", pattern: /duffel_(?:test|live)_[A-Za-z0-9_=-]{43}/, keywords: ["duffel_"], example: "duffel_live_" + r(B64U, 43), envName: "DUFFEL_ACCESS_TOKEN" },
  { id: "paddle-api-key", description: "Paddle API key", pattern: /pdl_(?:live|sdbx)_apikey_[a-z0-9]{26}_[A-Za-z0-9]{22}_[A-Za-z0-9]{3}/, keywords: ["pdl_live_", "pdl_sdbx_"], example: `pdl_live_apikey_${r(LO + DI, 26)}_${r(AN, 22)}_${r(AN, 3)}`, envName: "PADDLE_API_KEY" },
  { id: "polar-access-token", description: "Polar access token", pattern: /polar_(?:oat|pat|at_[a-z]{1,2})_[A-Za-z0-9]{40,}/, keywords: ["polar_"], example: "polar_oat_" + r(AN, 43), envName: "POLAR_ACCESS_TOKEN" },
  { id: "coinbase-cdp-key-name", description: "Coinbase CDP API key", pattern: /organizations\/[0-9a-f-]{36}\/apiKeys\/[0-9a-f-]{36}/, keywords: ["/apikeys/"], example: `organizations/${uuid()}/apiKeys/${uuid()}`, envName: "CDP_API_KEY_NAME", bare: true },

  // ---- AI APIs -----------------------------------------------------------------------------------
  { id: "anthropic-admin-key", description: "Anthropic admin API key", pattern: /sk-ant-admin01-[A-Za-z0-9_-]{93}AA/, keywords: ["sk-ant-admin01-"], example: "sk-ant-admin01-" + r(B64U, 93) + "AA", envName: "ANTHROPIC_ADMIN_KEY" },
  { id: "anthropic-api-key", description: "Anthropic API key", pattern: /sk-ant-(?:api|sid)\d\d-[A-Za-z0-9_-]{80,120}/, keywords: ["sk-ant-"], example: "sk-ant-api03-" + r(B64U, 93) + "AA", envName: "ANTHROPIC_API_KEY" },
  { id: "openrouter-api-key", description: "OpenRouter API key", pattern: /sk-or-v1-[a-f0-9]{64}/, keywords: ["sk-or-v1-"], example: "sk-or-v1-" + r(HX, 64), envName: "OPENROUTER_API_KEY" },
  { id: "langfuse-secret-key", description: "Langfuse secret key", pattern: /sk-lf-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/, keywords: ["sk-lf-"], example: "sk-lf-" + uuid(), envName: "LANGFUSE_SECRET_KEY" },
  { id: "openai-api-key", description: "OpenAI API key", pattern: /sk-(?:(?:proj|svcacct|admin|None)-)?[A-Za-z0-9_-]{20,160}T3BlbkFJ[A-Za-z0-9_-]{20,160}/, keywords: ["t3blbkfj"], example: join("sk-proj-", r(B64U, 74), "T3Blbk", "FJ", r(B64U, 74)), envName: "OPENAI_API_KEY" },
  { id: "openai-project-key", description: "OpenAI API key", pattern: /sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,200}/, keywords: ["sk-proj-", "sk-svcacct-", "sk-admin-"], example: "sk-svcacct-" + r(B64U, 120), envName: "OPENAI_API_KEY" },
  { id: "groq-api-key", description: "Groq API key", pattern: /gsk_[A-Za-z0-9]{52}/, keywords: ["gsk_"], example: "gsk_" + r(AN, 52), envName: "GROQ_API_KEY" },
  { id: "xai-api-key", description: "xAI API key", pattern: /xai-[A-Za-z0-9]{80}/, keywords: ["xai-"], example: "xai-" + r(AN, 80), envName: "XAI_API_KEY" },
  { id: "perplexity-api-key", description: "Perplexity API key", pattern: /pplx-[A-Za-z0-9]{48}/, keywords: ["pplx-"], example: "pplx-" + r(AN, 48), envName: "PERPLEXITY_API_KEY" },
  { id: "replicate-api-token", description: "Replicate API token", pattern: /r8_[A-Za-z0-9]{37}/, keywords: ["r8_"], example: "r8_" + r(AN, 37), envName: "REPLICATE_API_TOKEN" },
  { id: "huggingface-token", description: "Hugging Face access token", pattern: /hf_[A-Za-z]{34}/, keywords: ["hf_"], example: "hf_" + r(UP + LO, 34), envName: "HF_TOKEN" },
  { id: "huggingface-org-token", description: "Hugging Face organisation token", pattern: /api_org_[A-Za-z]{34}/, keywords: ["api_org_"], example: "api_org_" + r(UP + LO, 34), envName: "HF_TOKEN" },
  { id: "langsmith-api-key", description: "LangSmith API key", pattern: /lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10}/, keywords: ["lsv2_"], example: `lsv2_pt_${r(HX, 32)}_${r(HX, 10)}`, envName: "LANGSMITH_API_KEY" },
  { id: "pinecone-api-key", description: "Pinecone API key", pattern: /pcsk_[A-Za-z0-9]{5,6}_[A-Za-z0-9]{60,70}/, keywords: ["pcsk_"], example: `pcsk_${r(AN, 6)}_${r(AN, 65)}`, envName: "PINECONE_API_KEY" },
  { id: "cerebras-api-key", description: "Cerebras API key", pattern: /csk-[a-z0-9]{48}/, keywords: ["csk-"], example: "csk-" + r(LO + DI, 48), envName: "CEREBRAS_API_KEY" },
  { id: "tavily-api-key", description: "Tavily API key", pattern: /tvly-(?:dev-|prod-)?[A-Za-z0-9]{32}/, keywords: ["tvly-"], example: "tvly-" + r(AN, 32), envName: "TAVILY_API_KEY" },
  { id: "firecrawl-api-key", description: "Firecrawl API key", pattern: /fc-[a-f0-9]{32}/, keywords: ["fc-"], example: "fc-" + r(HX, 32), envName: "FIRECRAWL_API_KEY" },
  { id: "e2b-api-key", description: "E2B API key", pattern: /e2b_[a-f0-9]{40}/, keywords: ["e2b_"], example: "e2b_" + r(HX, 40), envName: "E2B_API_KEY" },
  { id: "browserbase-api-key", description: "Browserbase API key", pattern: /bb_live_[A-Za-z0-9_-]{27}/, keywords: ["bb_live_"], example: "bb_live_" + r(B64U, 27), envName: "BROWSERBASE_API_KEY" },
  { id: "elevenlabs-api-key", description: "ElevenLabs API key", pattern: /sk_[a-f0-9]{48}/, keywords: ["sk_"], example: "sk_" + r(HX, 48), envName: "ELEVENLABS_API_KEY" },
  { id: "deepseek-api-key", description: "DeepSeek-style API key (sk- + 32 hex)", pattern: /sk-[a-f0-9]{32}/, keywords: ["sk-"], example: "sk-" + r(HX, 32), envName: "DEEPSEEK_API_KEY" },
  { id: "sk-dash-api-key", description: "sk- API secret key", pattern: /sk-[A-Za-z0-9]{48}/, keywords: ["sk-"], example: "sk-" + r(AN, 48), envName: "API_SECRET_KEY" },

  // ---- source hosting --------------------------------------------------------------------------
  { id: "github-pat", description: "GitHub personal access token", pattern: /ghp_[A-Za-z0-9]{36}/, keywords: ["ghp_"], example: "ghp_" + r(AN, 36), envName: "GITHUB_TOKEN" },
  { id: "github-fine-grained-pat", description: "GitHub fine-grained personal access token", pattern: /github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}/, keywords: ["github_pat_"], example: `github_pat_11${r(UP + DI, 20)}_${r(AN, 59)}`, envName: "GITHUB_TOKEN" },
  { id: "github-oauth-token", description: "GitHub OAuth access token", pattern: /gho_[A-Za-z0-9]{36}/, keywords: ["gho_"], example: "gho_" + r(AN, 36), envName: "GITHUB_TOKEN" },
  { id: "github-user-to-server-token", description: "GitHub App user-to-server token", pattern: /ghu_[A-Za-z0-9]{36}/, keywords: ["ghu_"], example: "ghu_" + r(AN, 36), envName: "GITHUB_TOKEN" },
  { id: "github-server-to-server-token", description: "GitHub App installation token", pattern: /ghs_[A-Za-z0-9]{36}/, keywords: ["ghs_"], example: "ghs_" + r(AN, 36), envName: "GITHUB_TOKEN" },
  { id: "github-refresh-token", description: "GitHub refresh token", pattern: /ghr_[A-Za-z0-9]{36,76}/, keywords: ["ghr_"], example: "ghr_" + r(AN, 76), envName: "GITHUB_REFRESH_TOKEN" },
  { id: "gitlab-pat", description: "GitLab personal access token", pattern: /glpat-[A-Za-z0-9_-]{20,}(?:\.[A-Za-z0-9]{2}\.[A-Za-z0-9]{7,9})?/, keywords: ["glpat-"], example: "glpat-" + r(B64U, 20), envName: "GITLAB_TOKEN" },
  { id: "gitlab-deploy-token", description: "GitLab deploy token", pattern: /gldt-[A-Za-z0-9_-]{20}/, keywords: ["gldt-"], example: "gldt-" + r(B64U, 20), envName: "GITLAB_DEPLOY_TOKEN" },
  { id: "gitlab-runner-token", description: "GitLab runner authentication token", pattern: /glrt-[A-Za-z0-9_-]{20,}/, keywords: ["glrt-"], example: "glrt-" + r(B64U, 20), envName: "GITLAB_RUNNER_TOKEN" },
  { id: "gitlab-runner-registration-token", description: "GitLab runner registration token", pattern: /GR1348941[A-Za-z0-9_-]{20}/, keywords: ["gr1348941"], example: "GR1348941" + r(B64U, 20), envName: "GITLAB_RUNNER_REGISTRATION_TOKEN" },
  { id: "gitlab-pipeline-trigger-token", description: "GitLab pipeline trigger token", pattern: /glptt-[A-Za-z0-9_-]{40}/, keywords: ["glptt-"], example: "glptt-" + r(HX, 40), envName: "GITLAB_TRIGGER_TOKEN" },
  { id: "gitlab-ci-job-token", description: "GitLab CI job token", pattern: /glcbt-[A-Za-z0-9_]{1,5}_[A-Za-z0-9_-]{20}/, keywords: ["glcbt-"], example: "glcbt-" + r(HX, 2) + "_" + r(B64U, 20), envName: "CI_JOB_TOKEN" },
  { id: "gitlab-oauth-app-secret", description: "GitLab OAuth application secret", pattern: /gloas-[A-Za-z0-9_-]{64}/, keywords: ["gloas-"], example: "gloas-" + r(B64U, 64), envName: "GITLAB_OAUTH_SECRET" },
  { id: "gitlab-feed-token", description: "GitLab feed token", pattern: /glft-[A-Za-z0-9_-]{20}/, keywords: ["glft-"], example: "glft-" + r(B64U, 20), envName: "GITLAB_FEED_TOKEN" },
  { id: "gitlab-scim-token", description: "GitLab SCIM token", pattern: /glsoat-[A-Za-z0-9_-]{20}/, keywords: ["glsoat-"], example: "glsoat-" + r(B64U, 20), envName: "GITLAB_SCIM_TOKEN" },
  { id: "gitlab-incoming-mail-token", description: "GitLab incoming mail token", pattern: /glimt-[A-Za-z0-9_-]{25}/, keywords: ["glimt-"], example: "glimt-" + r(B64U, 25), envName: "GITLAB_INCOMING_MAIL_TOKEN" },
  { id: "gitlab-feature-flag-token", description: "GitLab feature flag client token", pattern: /glffct-[A-Za-z0-9_-]{20}/, keywords: ["glffct-"], example: "glffct-" + r(B64U, 20), envName: "GITLAB_FEATURE_FLAG_TOKEN" },
  { id: "gitlab-agent-token", description: "GitLab agent for Kubernetes token", pattern: /glagent-[A-Za-z0-9_-]{50}/, keywords: ["glagent-"], example: "glagent-" + r(B64U, 50), envName: "GITLAB_AGENT_TOKEN" },
  { id: "bitbucket-app-password", description: "Bitbucket app password", pattern: /ATBB[A-Za-z0-9_=.-]{24,}[A-F0-9]{8}/, keywords: ["atbb"], example: "ATBB" + r(AN, 24) + r(HXU, 8), envName: "BITBUCKET_APP_PASSWORD" },
  { id: "atlassian-api-token", description: "Atlassian API token", pattern: /ATATT3[A-Za-z0-9_=-]{150,}=[A-F0-9]{8}/, keywords: ["atatt3"], example: "ATATT3" + r(B64U, 176) + "=" + r(HXU, 8), envName: "ATLASSIAN_API_TOKEN" },
  { id: "sourcegraph-token", description: "Sourcegraph access token", pattern: /sgp_(?:[a-fA-F0-9]{16}_|local_)?[a-fA-F0-9]{40}/, keywords: ["sgp_"], example: "sgp_" + r(HX, 16) + "_" + r(HX, 40), envName: "SRC_ACCESS_TOKEN" },

  // ---- CI/CD, registries and developer tools -----------------------------------------------------
  { id: "npm-access-token", description: "npm access token", pattern: /npm_[A-Za-z0-9]{36}/, keywords: ["npm_"], example: "npm_" + r(AN, 36), envName: "NPM_TOKEN" },
  { id: "npmrc-auth-token", description: "npm registry auth token (.npmrc)", pattern: /:_auth(?:Token)?\s*=\s*([A-Za-z0-9+/=._-]{20,})/, keywords: [":_auth"], example: `//registry.npmjs.org/:_authToken=${uuid()}`, envName: "NPM_TOKEN", bare: true, group: 1 },
  { id: "pypi-token", description: "PyPI upload token", pattern: /pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}/, keywords: ["pypi-ageichlwas5vcmc"], example: "pypi-AgEIcHlwaS5vcmc" + r(B64U, 140), envName: "PYPI_TOKEN" },
  { id: "rubygems-api-key", description: "RubyGems API key", pattern: /rubygems_[a-f0-9]{48}/, keywords: ["rubygems_"], example: "rubygems_" + r(HX, 48), envName: "GEM_HOST_API_KEY" },
  { id: "nuget-api-key", description: "NuGet API key", pattern: /oy2[a-z0-9]{43}/, keywords: ["oy2"], example: "oy2" + r(LO + DI, 43), envName: "NUGET_API_KEY" },
  { id: "clojars-token", description: "Clojars deploy token", pattern: /CLOJARS_[a-z0-9]{60}/, keywords: ["clojars_"], example: "CLOJARS_" + r(LO + DI, 60), envName: "CLOJARS_TOKEN" },
  { id: "crates-io-token", description: "crates.io API token", pattern: /cio[A-Za-z0-9]{32}/, keywords: ["cio"], example: "cio" + r(AN, 32), envName: "CARGO_REGISTRY_TOKEN" },
  { id: "docker-hub-pat", description: "Docker Hub access token", pattern: /dckr_(?:pat|oat)_[A-Za-z0-9_-]{27,}/, keywords: ["dckr_pat_", "dckr_oat_"], example: "dckr_pat_" + r(B64U, 27), envName: "DOCKERHUB_TOKEN" },
  { id: "jfrog-api-key", description: "JFrog Artifactory API key", pattern: /AKCp[A-Za-z0-9]{69}/, keywords: ["akcp"], example: "AKCp" + r(AN, 69), envName: "ARTIFACTORY_API_KEY" },
  { id: "jfrog-reference-token", description: "JFrog reference token", pattern: /cmVmdGtu[A-Za-z0-9]{56}/, keywords: ["cmvmdgtu"], example: "cmVmdGtu" + r(AN, 56), envName: "JFROG_ACCESS_TOKEN" },
  { id: "circleci-token", description: "CircleCI personal API token", pattern: /CCIPAT_[A-Za-z0-9]{22}_[a-f0-9]{40}/, keywords: ["ccipat_"], example: `CCIPAT_${r(AN, 22)}_${r(HX, 40)}`, envName: "CIRCLECI_TOKEN" },
  { id: "buildkite-token", description: "Buildkite API access token", pattern: /bkua_[a-f0-9]{40}/, keywords: ["bkua_"], example: "bkua_" + r(HX, 40), envName: "BUILDKITE_API_TOKEN" },
  { id: "octopus-api-key", description: "Octopus Deploy API key", pattern: /API-[A-Z0-9]{26}/, keywords: ["api-"], example: "API-" + r(UP + DI, 26), envName: "OCTOPUS_API_KEY" },
  { id: "harness-pat", description: "Harness access token", pattern: /(?:pat|sat)\.[A-Za-z0-9_-]{22}\.[a-f0-9]{24}\.[A-Za-z0-9]{20}/, keywords: ["pat.", "sat."], example: `pat.${r(B64U, 22)}.${r(HX, 24)}.${r(AN, 20)}`, envName: "HARNESS_API_KEY" },
  { id: "sonarqube-token", description: "SonarQube / SonarCloud token", pattern: /sq[pau]_[a-f0-9]{40}/, keywords: ["sqp_", "sqa_", "squ_"], example: "squ_" + r(HX, 40), envName: "SONAR_TOKEN" },
  { id: "postman-api-key", description: "Postman API key", pattern: /PMAK-[a-f0-9]{24}-[a-f0-9]{34}/, keywords: ["pmak-"], example: `PMAK-${r(HX, 24)}-${r(HX, 34)}`, envName: "POSTMAN_API_KEY" },
  { id: "prefect-api-key", description: "Prefect API key", pattern: /pnu_[A-Za-z0-9]{36}/, keywords: ["pnu_"], example: "pnu_" + r(AN, 36), envName: "PREFECT_API_KEY" },
  { id: "readme-api-key", description: "ReadMe API key", pattern: /rdme_[a-z0-9]{70}/, keywords: ["rdme_"], example: "rdme_" + r(LO + DI, 70), envName: "README_API_KEY" },
  { id: "kong-pat", description: "Kong Konnect access token", pattern: /[ks]pat_[A-Za-z0-9]{49}/, keywords: ["kpat_", "spat_"], example: "kpat_" + r(AN, 49), envName: "KONNECT_TOKEN" },
  { id: "trigger-dev-key", description: "Trigger.dev secret key", pattern: /tr_(?:dev|prod|stg|pat)_[A-Za-z0-9]{20,}/, keywords: ["tr_dev_", "tr_prod_", "tr_stg_", "tr_pat_"], example: "tr_prod_" + r(AN, 20), envName: "TRIGGER_SECRET_KEY" },
  { id: "inngest-signing-key", description: "Inngest signing key", pattern: /signkey-(?:prod|test|branch)-[a-f0-9]{64}/, keywords: ["signkey-"], example: "signkey-prod-" + r(HX, 64), envName: "INNGEST_SIGNING_KEY" },
  { id: "zuplo-api-key", description: "Zuplo API key", pattern: /zpka_[a-f0-9]{32}_[a-f0-9]{8}/, keywords: ["zpka_"], example: `zpka_${r(HX, 32)}_${r(HX, 8)}`, envName: "ZUPLO_API_KEY" },
  { id: "grafana-cloud-token", description: "Grafana Cloud API token", pattern: /glc_[A-Za-z0-9+/]{32,400}={0,2}/, keywords: ["glc_"], example: "glc_" + r(AN, 120), envName: "GRAFANA_CLOUD_TOKEN" },
  { id: "grafana-service-account-token", description: "Grafana service account token", pattern: /glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}/, keywords: ["glsa_"], example: `glsa_${r(AN, 32)}_${r(HX, 8)}`, envName: "GRAFANA_TOKEN" },

  // ---- chat and collaboration ------------------------------------------------------------------
  { id: "slack-bot-token", description: "Slack bot token", pattern: /xoxb-[0-9]{10,13}-[0-9]{10,13}-[A-Za-z0-9]{24,34}|xoxb-[0-9]{8,14}-[A-Za-z0-9]{18,26}/, keywords: ["xoxb-"], example: `xoxb-${r(DI, 11)}-${r(DI, 13)}-${r(AN, 24)}`, envName: "SLACK_BOT_TOKEN" },
  { id: "slack-user-token", description: "Slack user token", pattern: /xox[pe](?:-[0-9]{10,13}){3}-[A-Za-z0-9]{28,34}/, keywords: ["xoxp-", "xoxe-"], example: `xoxp-${r(DI, 11)}-${r(DI, 11)}-${r(DI, 13)}-${r(HX, 32)}`, envName: "SLACK_USER_TOKEN" },
  { id: "slack-config-token", description: "Slack configuration token", pattern: /xoxe\.xox[bp]-\d-[A-Za-z0-9]{140,180}/, keywords: ["xoxe.xox"], example: "xoxe.xoxp-1-" + r(UP + DI, 163), envName: "SLACK_CONFIG_TOKEN" },
  { id: "slack-app-token", description: "Slack app-level token", pattern: /xapp-\d-[A-Z0-9]{9,12}-\d{10,13}-[a-f0-9]{64}/, keywords: ["xapp-"], example: ["xapp", "1", `A${r(UP + DI, 10)}`, r(DI, 13), r(HX, 64)].join("-") /* joined so no token-shaped text sits in the bundle (vsce scans it) */, envName: "SLACK_APP_TOKEN" },
  { id: "slack-legacy-token", description: "Slack legacy token", pattern: /xox[aors]-(?:\d-)?[0-9]{9,13}-[0-9A-Za-z-]{20,}/, keywords: ["xoxa-", "xoxo-", "xoxr-", "xoxs-"], example: `xoxs-${r(DI, 10)}-${r(DI, 12)}-${r(DI, 12)}-${r(HX, 64)}`, envName: "SLACK_TOKEN" },
  { id: "slack-config-refresh-token", description: "Slack configuration refresh token", pattern: /xoxe-\d-[A-Za-z0-9]{140,180}/, keywords: ["xoxe-"], example: "xoxe-1-" + r(AN, 146), envName: "SLACK_CONFIG_REFRESH_TOKEN" },
  { id: "slack-workspace-token", description: "Slack workspace access or refresh token", pattern: /xox[ar]-(?:\d-)?[a-z0-9]{12,}/, keywords: ["xoxa-", "xoxr-"], example: "xoxa-2-" + r(LO + DI, 14), envName: "SLACK_TOKEN" },
  { id: "slack-webhook-url", description: "Slack incoming webhook URL", pattern: /(?<![A-Za-z0-9.-])(?:https?:\/\/)?hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9+/_-]{40,}/, keywords: ["hooks.slack.com"], example: `https://hooks.slack.com/services/T${r(UP + DI, 8)}/B${r(UP + DI, 10)}/${r(AN, 24)}`, envName: "SLACK_WEBHOOK_URL", kind: "url", bare: true },
  { id: "discord-webhook-url", description: "Discord webhook URL", pattern: /https:\/\/(?:(?:canary|ptb)\.)?discord(?:app)?\.com\/api\/webhooks\/\d{17,20}\/[A-Za-z0-9_-]{60,68}/, keywords: ["discord.com/api/webhooks", "discordapp.com/api/webhooks"], example: `https://discord.com/api/webhooks/1${r(DI, 18)}/${r(B64U, 68)}`, envName: "DISCORD_WEBHOOK_URL", kind: "url", bare: true },
  { id: "discord-bot-token", description: "Discord bot token", pattern: /[MNO][A-Za-z0-9_-]{23,25}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38}/, keywords: [], minLength: 1 + 23 + 1 + 6 + 1 + 27, anchor: { char: ".", run: 24, chars: /[A-Za-z0-9_-]/ }, example: `M${r(AN, 25)}.${r(B64U, 6)}.${r(B64U, 38)}`, envName: "DISCORD_BOT_TOKEN" },
  { id: "telegram-bot-token", description: "Telegram bot token", pattern: /(?:(?<=\/bot)|(?<![A-Za-z0-9+/]))[0-9]{8,10}:AA[A-Za-z0-9_-]{33}(?![A-Za-z0-9_-])/, bare: true, keywords: [":aa"], example: `${r("123456789", 1)}${r(DI, 9)}:AA${r(B64U, 33)}`, envName: "TELEGRAM_BOT_TOKEN" },
  { id: "teams-webhook-url", description: "Microsoft Teams webhook URL", pattern: /https:\/\/[a-z0-9-]+\.webhook\.office\.com\/webhookb2\/[a-z0-9-]{36}@[a-z0-9-]{36}\/IncomingWebhook\/[A-Za-z0-9]{32}\/[a-z0-9-]{36}/, keywords: ["webhook.office.com"], example: `https://contoso.webhook.office.com/webhookb2/${uuid()}@${uuid()}/IncomingWebhook/${r(AN, 32)}/${uuid()}`, envName: "TEAMS_WEBHOOK_URL", kind: "url", bare: true },
  { id: "teams-workflow-url", description: "Microsoft Power Automate / Teams workflow URL", pattern: /https:\/\/[a-z0-9.-]+\.logic\.azure\.com(?::443)?\/workflows\/[a-f0-9]{32}\/triggers\/[^\s'"]*?sig=[A-Za-z0-9_-]{43}/, keywords: ["logic.azure.com"], example: `https://prod-12.westeurope.logic.azure.com:443/workflows/${r(HX, 32)}/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=${r(B64U, 43)}`, envName: "TEAMS_WORKFLOW_URL", kind: "url", bare: true },
  { id: "zapier-webhook-url", description: "Zapier webhook URL", pattern: /https:\/\/hooks\.zapier\.com\/hooks\/catch\/\d+\/[a-z0-9]{5,}\/?/, keywords: ["hooks.zapier.com"], example: `https://hooks.zapier.com/hooks/catch/${r(DI, 8)}/${r(LO + DI, 7)}/`, envName: "ZAPIER_WEBHOOK_URL", kind: "url", bare: true },
  { id: "linear-api-key", description: "Linear API key", pattern: /lin_(?:api|oauth)_[A-Za-z0-9]{40}/, keywords: ["lin_api_", "lin_oauth_"], example: "lin_api_" + r(AN, 40), envName: "LINEAR_API_KEY" },
  { id: "notion-integration-token", description: "Notion integration token", pattern: /(?:secret_[A-Za-z0-9]{43}|ntn_[0-9]{11}[A-Za-z0-9]{35})/, keywords: ["secret_", "ntn_"], example: "ntn_" + r(DI, 11) + r(AN, 35), envName: "NOTION_TOKEN" },
  { id: "airtable-pat", description: "Airtable personal access token", pattern: /pat[A-Za-z0-9]{14}\.[a-f0-9]{64}/, keywords: ["pat"], example: `pat${r(AN, 14)}.${r(HX, 64)}`, envName: "AIRTABLE_TOKEN" },
  { id: "figma-pat", description: "Figma personal access token", pattern: /figd_[A-Za-z0-9_-]{40}/, keywords: ["figd_"], example: "figd_" + r(B64U, 40), envName: "FIGMA_TOKEN" },
  { id: "asana-pat", description: "Asana personal access token", pattern: /[12]\/[0-9]{16}:[A-Za-z0-9]{32}/, keywords: ["1/", "2/"], example: `2/${r(DI, 16)}:${r(AN, 32)}`, envName: "ASANA_ACCESS_TOKEN" },
  { id: "clickup-token", description: "ClickUp personal API token", pattern: /pk_[0-9]{6,10}_[A-Z0-9]{32}/, keywords: ["pk_"], example: `pk_${r(DI, 8)}_${r(UP + DI, 32)}`, envName: "CLICKUP_API_TOKEN" },
  { id: "typeform-pat", description: "Typeform personal access token", pattern: /tfp_[A-Za-z0-9_.=-]{59}/, keywords: ["tfp_"], example: "tfp_" + r(B64U, 59), envName: "TYPEFORM_TOKEN" },
  { id: "dropbox-token", description: "Dropbox access token", pattern: /sl\.[A-Za-z0-9_-]{130,1100}/, keywords: ["sl."], example: "sl." + r(B64U, 138), envName: "DROPBOX_ACCESS_TOKEN" },
  { id: "contentful-pat", description: "Contentful personal access token", pattern: /CFPAT-[A-Za-z0-9_-]{43}/, keywords: ["cfpat-"], example: "CFPAT-" + r(B64U, 43), envName: "CONTENTFUL_MANAGEMENT_TOKEN" },
  { id: "hubspot-pat", description: "HubSpot private app token", pattern: /pat-(?:na|eu|ap)\d-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/, keywords: ["pat-na", "pat-eu", "pat-ap"], example: "pat-na1-" + uuid(), envName: "HUBSPOT_ACCESS_TOKEN" },
  { id: "salesforce-access-token", description: "Salesforce access token", pattern: /00D[A-Za-z0-9]{12,15}![A-Za-z0-9._]{80,}/, keywords: ["00d"], example: `00D${r(AN, 15)}!${r(AN + ".", 96)}`, envName: "SALESFORCE_ACCESS_TOKEN" },
  { id: "stytch-secret", description: "Stytch secret", pattern: /secret-(?:live|test)-[A-Za-z0-9_=-]{36}/, keywords: ["secret-live-", "secret-test-"], example: "secret-live-" + r(B64U, 36), envName: "STYTCH_SECRET" },
  { id: "liveblocks-secret-key", description: "Liveblocks secret key", pattern: /sk_(?:prod|dev)_[A-Za-z0-9_-]{40,}/, keywords: ["sk_prod_", "sk_dev_"], example: "sk_prod_" + r(B64U, 64), envName: "LIVEBLOCKS_SECRET_KEY" },
  { id: "frameio-token", description: "Frame.io developer token", pattern: /fio-u-[A-Za-z0-9_=-]{64}/, keywords: ["fio-u-"], example: "fio-u-" + r(B64U, 64), envName: "FRAMEIO_TOKEN" },
  { id: "adobe-client-secret", description: "Adobe client secret", pattern: /p8e-[A-Za-z0-9]{32}/, keywords: ["p8e-"], example: "p8e-" + r(AN, 32), envName: "ADOBE_CLIENT_SECRET" },
  { id: "twitter-bearer-token", description: "X (Twitter) bearer token", pattern: /AAAAAAAAAAAAAAAAAAAAA[A-Za-z0-9%]{30,}/, keywords: ["aaaaaaaaaaaaaaaaaaaaa"], example: "AAAAAAAAAAAAAAAAAAAAA" + r(AN, 22) + "%3D" + r(AN, 50), envName: "TWITTER_BEARER_TOKEN" },
  { id: "facebook-access-token", description: "Facebook / Meta access token", pattern: /EAA[B-Z][A-Za-z0-9]{80,}/, keywords: ["eaa"], example: "EAAG" + r(AN, 180), envName: "FACEBOOK_ACCESS_TOKEN" },
  { id: "mapbox-secret-token", description: "Mapbox secret token", pattern: /sk\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{20,}/, keywords: ["sk.eyj"], example: "sk." + b64url(JSON.stringify({ u: "acme-" + r(LO, 6), a: "cl" + r(LO + DI, 23) })) + "." + r(B64U, 22), envName: "MAPBOX_SECRET_TOKEN" },

  // ---- email and SMS -----------------------------------------------------------------------------
  { id: "sendgrid-api-key", description: "SendGrid API key", pattern: /SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}/, keywords: ["sg."], example: `SG.${r(B64U, 22)}.${r(B64U, 43)}`, envName: "SENDGRID_API_KEY" },
  { id: "mailgun-api-key", description: "Mailgun API key", pattern: /key-[a-f0-9]{32}/, keywords: ["key-"], example: "key-" + r(HX, 32), envName: "MAILGUN_API_KEY" },
  { id: "mailgun-private-key", description: "Mailgun private API key", pattern: /[a-f0-9]{32}-[a-f0-9]{8}-[a-f0-9]{8}/, keywords: [], minLength: 32 + 1 + 8 + 1 + 8, anchor: { char: "-", run: 32, chars: /[a-f0-9]/ }, example: `${r(HX, 32)}-${r(HX, 8)}-${r(HX, 8)}`, envName: "MAILGUN_API_KEY" },
  { id: "mailchimp-api-key", description: "Mailchimp API key", pattern: /[a-f0-9]{32}-us[0-9]{1,2}/, keywords: ["-us"], example: r(HX, 32) + "-us14", envName: "MAILCHIMP_API_KEY" },
  { id: "mandrill-api-key", description: "Mandrill API key", pattern: /md-[A-Za-z0-9_-]{22}/, keywords: ["md-"], example: "md-" + r(B64U, 22), envName: "MANDRILL_API_KEY" },
  { id: "brevo-api-key", description: "Brevo (Sendinblue) API key", pattern: /xkeysib-[a-f0-9]{64}-[A-Za-z0-9]{16}/, keywords: ["xkeysib-"], example: `xkeysib-${r(HX, 64)}-${r(AN, 16)}`, envName: "BREVO_API_KEY" },
  { id: "brevo-smtp-key", description: "Brevo (Sendinblue) SMTP key", pattern: /xsmtpsib-[a-f0-9]{64}-[A-Za-z0-9]{16}/, keywords: ["xsmtpsib-"], example: `xsmtpsib-${r(HX, 64)}-${r(AN, 16)}`, envName: "SMTP_PASSWORD" },
  { id: "resend-api-key", description: "Resend API key", pattern: /re_[A-Za-z0-9]{8}_[A-Za-z0-9]{24}/, keywords: ["re_"], example: `re_${r(AN, 8)}_${r(AN, 24)}`, envName: "RESEND_API_KEY" },
  { id: "twilio-api-key", description: "Twilio API key", pattern: /SK[0-9a-f]{32}/, keywords: ["sk"], example: "SK" + r(HX, 32), envName: "TWILIO_API_KEY" },
  { id: "postmark-server-token", description: "Postmark server token", pattern: /(?:X-Postmark-Server-Token|POSTMARK_[A-Z_]*TOKEN)["'\s:=]+([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/i, keywords: ["postmark"], example: `POSTMARK_SERVER_TOKEN=${uuid()}`, envName: "POSTMARK_SERVER_TOKEN", bare: true, group: 1 },
  { id: "sendbird-token", description: "Sendbird API token", pattern: /(?:Api-Token|sendbird)["'\s:=]+([a-f0-9]{40})/i, keywords: ["api-token", "sendbird"], example: `Api-Token: ${r(HX, 40)}`, envName: "SENDBIRD_API_TOKEN", bare: true, group: 1 },

  // ---- observability -----------------------------------------------------------------------------
  { id: "sentry-org-token", description: "Sentry organization auth token", pattern: /sntrys_eyJ[A-Za-z0-9+/=_-]{60,}/, keywords: ["sntrys_"], example: "sntrys_" + b64url(JSON.stringify({ iat: 1700000000, url: "https://sentry.io", region_url: "https://us.sentry.io", org: r(LO, 8) })) + "_" + r(B64, 43), envName: "SENTRY_AUTH_TOKEN" },
  { id: "sentry-user-token", description: "Sentry user auth token", pattern: /sntryu_[a-f0-9]{64}/, keywords: ["sntryu_"], example: "sntryu_" + r(HX, 64), envName: "SENTRY_AUTH_TOKEN" },
  { id: "newrelic-user-key", description: "New Relic user API key", pattern: /NRAK-[A-Z0-9]{27}/, keywords: ["nrak-"], example: "NRAK-" + r(UP + DI, 27), envName: "NEW_RELIC_API_KEY" },
  { id: "newrelic-insert-key", description: "New Relic insert key", pattern: /NRII-[A-Za-z0-9_-]{32}/, keywords: ["nrii-"], example: "NRII-" + r(B64U, 32), envName: "NEW_RELIC_INSERT_KEY" },
  { id: "newrelic-license-key", description: "New Relic license key", pattern: /[a-f0-9]{36}NRAL/, keywords: ["nral"], example: r(HX, 36) + "NRAL", envName: "NEW_RELIC_LICENSE_KEY" },
  { id: "dynatrace-token", description: "Dynatrace API token", pattern: /dt0c01\.[A-Z0-9]{24}\.[A-Z0-9]{64}/, keywords: ["dt0c01."], example: `dt0c01.${r(UP + DI, 24)}.${r(UP + DI, 64)}`, envName: "DT_API_TOKEN" },
  { id: "posthog-personal-key", description: "PostHog personal API key", pattern: /phx_[A-Za-z0-9]{43}/, keywords: ["phx_"], example: "phx_" + r(AN, 43), envName: "POSTHOG_PERSONAL_API_KEY" },
  { id: "axiom-token", description: "Axiom API token", pattern: /xa[ap]t-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/, keywords: ["xaat-", "xapt-"], example: "xaat-" + uuid(), envName: "AXIOM_TOKEN" },
  { id: "honeycomb-api-key", description: "Honeycomb ingest key", pattern: /hc[a-z]ik_[0-9a-z]{58}/, keywords: ["hcaik_", "hcxik_", "hcbik_"], example: "hcaik_" + r(LO + DI, 58), envName: "HONEYCOMB_API_KEY" },

  // ---- JSON Web Tokens ---------------------------------------------------------------------------
  { id: "jwt", description: "JSON Web Token", pattern: /eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{16,}/, keywords: ["eyj"], example: jwtOf({ sub: uuid(), role: "admin", iat: 1712000000 }), envName: "API_TOKEN", kind: "jwt" },
  { id: "jwt-base64", description: "base64-encoded JSON Web Token", pattern: /ZXlK[A-Za-z0-9+/]{60,}={0,2}/, keywords: ["zxlk"], example: Buffer.from(jwtOf({ sub: uuid(), scope: "api:write", iat: 1712000000 })).toString("base64"), envName: "API_TOKEN", kind: "jwt" },

  // ---- more platforms --------------------------------------------------------------------------
  { id: "openshift-user-token", description: "OpenShift user token", pattern: /sha256~[A-Za-z0-9_-]{43}/, keywords: ["sha256~"], example: "sha256~" + r(B64U, 43), envName: "OPENSHIFT_TOKEN" },
  { id: "maxmind-license-key", description: "MaxMind license key", pattern: /[A-Za-z0-9]{6}_[A-Za-z0-9]{29}_mmk/, keywords: ["_mmk"], example: `${r(AN, 6)}_${r(AN, 29)}_mmk`, envName: "MAXMIND_LICENSE_KEY" },
  { id: "settlemint-token", description: "SettleMint access token", pattern: /sm_(?:pat|aat|sat)_[A-Za-z0-9]{16}/, keywords: ["sm_pat_", "sm_aat_", "sm_sat_"], example: "sm_pat_" + r(AN, 16), envName: "SETTLEMINT_ACCESS_TOKEN" },
  { id: "intra42-client-secret", description: "42 Intra client secret", pattern: /s-s4t2(?:ud|af)-[a-f0-9]{64}/, keywords: ["s-s4t2"], example: "s-s4t2ud-" + r(HX, 64), envName: "INTRA42_CLIENT_SECRET" },
  { id: "clickhouse-cloud-secret", description: "ClickHouse Cloud API secret", pattern: /4b1d[A-Za-z0-9]{38}/, keywords: ["4b1d"], example: "4b1d" + r(AN, 38), envName: "CLICKHOUSE_API_SECRET" },
  { id: "authress-service-key", description: "Authress service client key", pattern: /(?:sc|ext|scauth|authress)_[a-z0-9]{5,30}\.[a-z0-9]{4,6}\.acc[_-][a-z0-9-]{10,32}\.[a-z0-9+/_=-]{30,120}/, keywords: ["sc_", "ext_", "scauth_", "authress_"], example: `authress_${r(LO + DI, 12)}.${r(LO + DI, 5)}.acc_${r(LO + DI, 16)}.${r(LO + DI, 60)}`, envName: "AUTHRESS_SERVICE_KEY" },
  { id: "sidekiq-enterprise-credentials", description: "Sidekiq Enterprise credentials", pattern: /BUNDLE_(?:ENTERPRISE|GEMS)__CONTRIBSYS__COM\w{0,12}?[\s"'`=:>,?$.-]{1,12}([a-f0-9]{8}:[a-f0-9]{8})(?![A-Za-z0-9])/i, keywords: ["contribsys__com"], example: `BUNDLE_ENTERPRISE__CONTRIBSYS__COM=${r(HX, 8)}:${r(HX, 8)}`, envName: "BUNDLE_ENTERPRISE__CONTRIBSYS__COM", bare: true, group: 1 },
  { id: "gitlab-session-cookie", description: "GitLab session cookie", pattern: /_gitlab_session=([0-9a-z]{32})/, keywords: ["_gitlab_session="], example: "_gitlab_session=" + r(LO + DI, 32), envName: "GITLAB_SESSION", bare: true, group: 1 },
  { id: "grafana-api-key", description: "Grafana API key", pattern: /eyJrIjoi[A-Za-z0-9]{70,400}={0,3}/, keywords: ["eyjrijoi"], example: "eyJrIjoi" + Buffer.from(JSON.stringify({ k: r(AN, 32), n: "deploy", id: 1 })).toString("base64").slice(8).replace(/[+/=]/g, "A") + r(AN, 20), envName: "GRAFANA_API_KEY" },
  { id: "yandex-access-token", description: "Yandex Cloud access token", pattern: /t1\.[A-Z0-9a-z_-]+={0,2}\.[A-Z0-9a-z_-]{86}={0,2}/, keywords: ["t1."], example: `t1.${r(B64U, 40)}.${r(B64U, 86)}`, envName: "YC_IAM_TOKEN" },
  { id: "yandex-static-key", description: "Yandex Cloud static access key", pattern: /YC[A-Za-z0-9_-]{38}/, keywords: ["yc"], example: "YC" + r(B64U, 38), envName: "YC_SECRET_KEY" },
  { id: "dropbox-long-lived-token", description: "Dropbox long-lived access token", pattern: /[a-z0-9]{11}AAAAAAAAAA[A-Za-z0-9_=-]{43}/, keywords: ["aaaaaaaaaa"], example: r(LO + DI, 11) + "AAAAAAAAAA" + r(B64U, 43), envName: "DROPBOX_ACCESS_TOKEN" },
  { id: "facebook-app-token", description: "Facebook app access token", pattern: /[0-9]{15,16}(?:\||%7C)[A-Za-z0-9_-]{27,40}/, keywords: [..."0123456789"].map((d) => `${d}|`).concat(["%7c"]), example: `${r(DI, 16)}|${r(B64U, 32)}`, envName: "FACEBOOK_APP_TOKEN" },
];
