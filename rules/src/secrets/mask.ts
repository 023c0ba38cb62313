import type { FormatHit } from "./detect.js";

/**
 * A masked form of a secret that identifies it without revealing it: the provider's fixed prefix
 * (`sk_live_`, `ghp_`, `AKIA`) or the first characters of a long value, "…", the last 4. Short
 * values show only their last 2 characters; URLs show everything but the password.
 */
export function maskSecret(secret: string, fixedPrefix = ""): string {
  const prefix = fixedPrefix && secret.startsWith(fixedPrefix) ? fixedPrefix : "";
  const rest = secret.slice(prefix.length);
  if (rest.length < 12) return `${prefix}…${rest.length >= 8 ? rest.slice(-2) : ""}`;
  // Never show more than a third of the random part: long values keep 4 leading characters.
  const lead = prefix || rest.length < 24 ? "" : rest.slice(0, 4);
  return `${prefix}${lead}…${rest.slice(-4)}`;
}

/** The masked text for a format hit inside `value`. */
export function maskHit(value: string, hit: FormatHit): string {
  const whole = value.slice(hit.start, hit.end);
  switch (hit.format.kind ?? "token") {
    case "url-password":
      // Query strings can carry more credentials (`?token=`): keep only the "?".
      return value.slice(hit.start, hit.secretStart) + "…" + value.slice(hit.secretEnd, hit.end).replace(/\?.*$/s, "?…");
    case "url": {
      const m = /^[a-z]+:\/\/[^/?#]+/i.exec(whole);
      return `${m ? m[0] : ""}/…${whole.slice(-4)}`;
    }
    case "key-block": {
      const m = /-----BEGIN [A-Z0-9 ]+-----/.exec(whole);
      return m ? `${m[0]}…` : "…";
    }
    default: {
      const secret = value.slice(hit.secretStart, hit.secretEnd);
      const kw = hit.format.keywords.find((k) => secret.toLowerCase().startsWith(k));
      return maskSecret(secret, kw ? secret.slice(0, kw.length) : "");
    }
  }
}
