import * as ts from "typescript";
import type { FileIndex } from "../engine/fileIndex.js";
import { calleeName, dottedName } from "./functions.js";
import { words } from "./middleware.js";
import type { RouteHandler } from "./routes.js";

/** Words of a handler's path and name: `/password/forgot` + `requestReset` → password, forgot, request, reset. */
export function endpointWords(h: RouteHandler): string[] {
  const path = (h.path ?? "").replace(/[:[\]{}*]/g, " ");
  return [...words(path), ...words(h.name ?? "")];
}

const has = (w: string[], ...xs: string[]) => xs.every((x) => w.includes(x));

/** Endpoints that exist to let anonymous callers in or that must stay open: sign-in, sign-up, health checks. */
export function isPublicEndpoint(h: RouteHandler): boolean {
  const w = endpointWords(h);
  if (w.some((x) => /^(login|logon|signin|signup|register|registration|logout|signout|forgot|reset|verify|verification|confirm|activate|activation|magic|otp|oauth|callback|health|healthz|healthcheck|ping|readyz|livez|ready|liveness|readiness|contact|newsletter|subscribe|unsubscribe|csp|refresh|invite|invitation|accept)$/.test(x))) return true;
  return has(w, "sign", "in") || has(w, "sign", "up") || has(w, "sign", "out") || has(w, "log", "in") || has(w, "log", "out");
}

/** Credential endpoints a limiter should guard: login, sign-up, password reset, one-time codes. */
export function isAuthRoute(h: RouteHandler): boolean {
  const w = endpointWords(h);
  if (w.some((x) => /^(login|logon|signin|signup|register|registration|forgot|reset|otp|verify|mfa|2fa|totp|magic|passwordless)$/.test(x))) return true;
  return has(w, "sign", "in") || has(w, "sign", "up") || has(w, "log", "in") || (has(w, "password") && !has(w, "change"));
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
      if (!ts.isPropertyAccessExpression(call.expression) && /^(set|put|remove|delete|send|update|create)$/.test(name)) continue;
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
    if (t.pos < fn.pos || t.end > fn.end || !ts.isTaggedTemplateExpression(t.parent)) continue;
    if (/^\s*(insert|update|delete)\b/i.test(t.head.text)) return true;
  }
  return false;
}
