import ts = require("typescript");
import type { FileIndex } from "../engine/fileIndex.js";
import { calleeName, dottedName } from "./functions.js";
import { words } from "./middleware.js";
import type { RouteHandler } from "./routes.js";
// TypeScript's exports are getters on an object too large for fast properties: read once.
const { isPropertyAccessExpression, isTaggedTemplateExpression } = ts;

/** Words of a handler's path and name: `/password/forgot` + `requestReset` → password, forgot, request, reset. */
export function endpointWords(h: RouteHandler): string[] {
  const path = (h.path ?? "").replace(/[:[\]{}*]/g, " ");
  return [...words(path), ...words(h.name ?? "")];
}

const has = (w: string[], ...xs: string[]) => xs.every((x) => w.includes(x));

/** Endpoints that exist to let anonymous callers in or that must stay open: sign-in, sign-up, health checks. */
export function isPublicEndpoint(h: RouteHandler): boolean {
  const w = endpointWords(h);
  if (w.some((x) => /^(login|logon|signin|signup|register|registration|logout|signout|forgot|reset|verify|verification|confirm|activate|activation|magic|otp|oauth|callback|health|healthz|healthcheck|ping|readyz|livez|ready|liveness|readiness|contact|newsletter|subscribe|unsubscribe|waitlist|csp|refresh|invite|invitation|accept|auth|oauth2|sso|saml|oidc|track|tracking|pixel|beacon|collect|telemetry)$/.test(x))) return true;
  return has(w, "sign", "in") || has(w, "sign", "up") || has(w, "sign", "out") || has(w, "log", "in") || has(w, "log", "out");
}

const AUTH_SEGMENT = /^(login|log-in|logon|signin|sign-in|signup|sign-up|register|registration|forgot|forgot-password|reset|reset-password|password-reset|otp|verify-otp|verify-code|verify|verify-email|magic-link|magiclink|2fa|mfa|totp|passwordless|authenticate|token|credentials)$/i;
/** Segments that may sit in front of an auth segment: `/api/v1/auth/users/login`, `/password/forgot`. */
const AUTH_CONTEXT = /^(api|v\d+|auth|authentication|account|accounts|user|users|session|sessions|identity|me|password|passwords|admin|customer|customers|member|members|email|callback|local)$/i;
const AUTH_NAME_FIRST = new Set(["login", "logon", "signin", "signup", "register", "authenticate"]);
const AUTH_NAME_REST = new Set(["user", "account", "handler", "action", "route", "controller", "with", "password", "credentials", "email", "local", "admin", "customer"]);

/** Credential endpoints a limiter should guard: login, sign-up, password reset, one-time codes, by path or name. */
export function isAuthRoute(h: RouteHandler): boolean {
  if (h.path) {
    const segs = h.path.split("/").filter((s) => s && !/^[:[{*(]/.test(s));
    const i = segs.findIndex((s) => AUTH_SEGMENT.test(s));
    if (i !== -1 && segs.slice(0, i).every((s) => AUTH_CONTEXT.test(s))) {
      // `verify` / `reset` / `token` alone only under an auth context (`/auth/verify`), not `/invites/reset`
      if (!/^(verify|reset|token|credentials)$/i.test(segs[i]) || i > 0) return true;
    }
  }
  const w = words(h.name ?? "");
  if (w.length === 0) return false;
  const first = w[0] === "sign" || w[0] === "log" ? w[0] + (w[1] ?? "") : w[0];
  const rest = w.slice(w[0] === "sign" || w[0] === "log" ? 2 : 1);
  if (AUTH_NAME_FIRST.has(first) && rest.every((x) => AUTH_NAME_REST.has(x))) return true;
  if ((has(w, "forgot") || has(w, "reset")) && has(w, "password")) return true;
  if (/^(verify|check|validate|send|request)$/.test(w[0]) && w.some((x) => /^(password|otp|totp|mfa|code|magic)$/.test(x))) return true;
  return false;
}

const WRITE_CALL = /^(create|createMany|createManyAndReturn|update|updateMany|upsert|delete|deleteMany|insert|insertOne|insertMany|updateOne|replaceOne|deleteOne|findOneAndUpdate|findOneAndDelete|findByIdAndUpdate|findByIdAndDelete|findOneAndReplace|destroy|remove|save|bulkCreate|bulkWrite|increment|decrement|truncate|put|set|hset|hdel|del|lpush|rpush|sadd|srem|zadd|incr|decr|batchWrite|putItem|updateItem|deleteItem|transact|\$transaction|executeRaw|\$executeRaw|\$executeRawUnsafe|send|sendMail|sendEmail|charge|refund|transfer)$/;

/** Does a function change data: database writes, key-value writes, a mutating fetch, SQL INSERT/UPDATE/DELETE, mail? */
export function writesData(fn: ts.FunctionLikeDeclaration, index: FileIndex): boolean {
  for (const call of index.calls) {
    if (call.pos < fn.pos || call.end > fn.end) continue;
    const name = calleeName(call) ?? "";
    const d = dottedName(call.expression) ?? name;
    if (WRITE_CALL.test(name)) {
      // cookies().set / headers.set / map.set / searchParams.set are not data writes
      if (/^(set|put|send|remove|delete)$/.test(name) && /(cookies|headers|searchParams|params|map|cache|Map|Set|url|res|reply|response|ctx|c|formData|storage|localStorage|sessionStorage)(\(\))?\)?\.\w+$/i.test(call.expression.getText())) continue;
      if (name === "send" && !/(mail|email|sms|message|twilio|resend|sendgrid|transport)/i.test(d)) continue;
      if (!isPropertyAccessExpression(call.expression) && /^(set|put|remove|delete|send|update|create)$/.test(name)) continue;
      // in-memory and streaming objects, hashes, AI SDK calls: not stored data
      const recvLast = isPropertyAccessExpression(call.expression) ? (call.expression.expression.getText().split(".").pop() ?? "") : "";
      if (/^(stream|state|ui|map|set|list|arr|array|editor|queryClient|router|history|emitter|events?|span|tracer|hash|hmac|cipher|progress|bar|spinner|timer|counter|metrics|histogram|gauge|completions|chat|messages|responses|embeddings|images|moderations)$/i.test(recvLast) || /createHash|createHmac|openai|anthropic/i.test(d)) continue;
      return true;
    }
    if (/^(query|execute|run|exec|unsafe)$/.test(name)) {
      const first = call.arguments[0];
      if (first && /^\s*[`'"]?\s*(insert|update|delete|upsert|merge|replace)\b/i.test(first.getText())) return true;
    }
    if (name === "fetch" || /^(axios|ky|got|ofetch|\$fetch)$/.test(d.split(".")[0])) {
      if (/^(post|put|patch|delete)$/i.test(name)) return true;
      const opts = call.arguments[1];
      if (opts && /method\s*:\s*["'`](POST|PUT|PATCH|DELETE)/i.test(opts.getText())) return true;
    }
  }
  // postgres.js / drizzle sql`INSERT …`
  for (const t of index.templates) {
    if (t.pos < fn.pos || t.end > fn.end || !isTaggedTemplateExpression(t.parent)) continue;
    if (/^\s*(insert|update|delete)\b/i.test(t.head.text)) return true;
  }
  return false;
}
