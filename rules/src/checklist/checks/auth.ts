import type { Check } from "../types.js";
import { hasDependency, sourcesWhere } from "../detect.js";

const HOSTED_AUTH = ["@clerk/nextjs", "@clerk/clerk-sdk-node", "@clerk/express", "@auth0/nextjs-auth0", "@auth0/auth0-react", "@supabase/auth-helpers-nextjs", "@supabase/ssr", "@kinde-oss/kinde-auth-nextjs", "@workos-inc/authkit-nextjs", "firebase", "@stytch/nextjs", "@descope/nextjs-sdk"];
const PASSWORD_HASHERS = ["bcrypt", "bcryptjs", "argon2", "@node-rs/argon2", "@node-rs/bcrypt", "scrypt-js"];

export const authChecks: Check[] = [
  (facts) => {
    const hosted = hasDependency(facts, HOSTED_AUTH);
    const hasher = hasDependency(facts, PASSWORD_HASHERS);
    if (!hasher) {
      if (!hosted) return undefined;
      return { id: "auth.password-reset", title: "Users can reset a forgotten password", status: "manual", evidence: `${hosted} handles sign-in: confirm password reset is enabled in its dashboard` };
    }
    const reset = sourcesWhere(facts, (f) => /(forgot|reset)[-_]?(password)?|password[-_]?reset/i.test(f), 1)[0];
    return {
      id: "auth.password-reset",
      title: "Users can reset a forgotten password",
      status: reset ? "pass" : "warn",
      evidence: reset ? `reset flow in ${reset}` : `password login (${hasher}) but no forgot/reset-password route or page was found`,
    };
  },
  (facts) => {
    const session = hasDependency(facts, ["express-session", "cookie-session", "iron-session", "next-auth", "@auth/core", "lucia", "jsonwebtoken", "jose", "@fastify/session", "@fastify/secure-session", "hono"]);
    if (!session) return undefined;
    return {
      id: "auth.session-expiry",
      title: "Sessions and tokens expire",
      status: "manual",
      evidence: `${session} in use: confirm a maxAge / expiresIn is set (jwt-no-expiry and insecure-cookie check what code shows)`,
    };
  },
];
