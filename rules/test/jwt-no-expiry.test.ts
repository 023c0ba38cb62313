import rule from "../src/rules/jwt-no-expiry.js";
import { ruleTester } from "./ruleTester.js";
import { test } from "node:test";
import assert from "node:assert/strict";
import { run } from "./ruleTester.js";

const JWT = 'import jwt from "jsonwebtoken";\n';

ruleTester(rule, {
  valid: [
    JWT + 'jwt.sign({ sub: id }, SECRET, { expiresIn: "15m" });',
    JWT + 'jwt.sign({ sub: id }, SECRET, { expiresIn: process.env.JWT_TTL, algorithm: "HS256" });',
    { name: "exp claim in the payload", code: JWT + "const now = Math.floor(Date.now() / 1000);\njwt.sign(\n  { sub: id, iat: now, exp: now + 3600 },\n  KEY,\n  { algorithm: \"RS256\" },\n);" },
    { name: "options in a same-file constant", code: JWT + 'const signOptions = { expiresIn: "1h", issuer: "api" };\njwt.sign(payload, SECRET, signOptions);' },
    { name: "options spread from a same-file constant", code: JWT + 'const base = { expiresIn: "1h" };\njwt.sign(payload, SECRET, { ...base, subject: id });' },
    { name: "options from another module", code: JWT + 'import { signOptions } from "./config";\njwt.sign(payload, SECRET, signOptions);' },
    { name: "payload constant with exp", code: JWT + "const claims = { sub: id, exp: Math.floor(Date.now() / 1000) + 600 };\njwt.sign(claims, SECRET);" },
    { name: "payload whose exp is assigned", code: JWT + "function issue(claims: Claims) {\n  claims.exp = Math.floor(Date.now() / 1000) + 600;\n  return jwt.sign(claims, SECRET);\n}" },
    { name: "payload constant whose exp is assigned later", code: JWT + "const claims: Record<string, unknown> = { sub: id };\nclaims.exp = Math.floor(Date.now() / 1000) + 600;\njwt.sign(claims, SECRET);" },
    { name: "callback form with options", code: JWT + 'jwt.sign({ sub: id }, SECRET, { expiresIn: "1h" }, (err, token) => done(err, token));' },
    { name: "string payloads cannot take expiresIn", code: JWT + 'jwt.sign("static", SECRET);' },
    { name: "named import with expiry", code: 'import { sign } from "jsonwebtoken";\nsign({ sub: id }, SECRET, { expiresIn: 60 });' },
    { name: "algorithm: none outside JWT code", code: 'app.use(compression({ algorithm: "none" }));' },
    { name: "long but finite lifetimes are a choice", code: JWT + 'jwt.sign({ sub }, key, { expiresIn: "30d" });\njwt.sign({ sub }, key, { expiresIn: "1y" });\njwt.sign({ sub }, key, { expiresIn: 60 * 60 * 24 * 365 * 20 });' },
    { name: "Hono sign with exp", code: 'import { sign } from "hono/jwt";\nawait sign({ sub, exp: Math.floor(Date.now() / 1000) + 300 }, secret);' },
    { name: "ignoreExpiration: false", code: JWT + "jwt.verify(token, secret, { ignoreExpiration: false });" },
    { name: "decode does not sign", code: JWT + "const claims = jwt.decode(token);" },
    { name: "verify with a secret needs no algorithms list", code: JWT + "jwt.verify(token, process.env.JWT_SECRET!);" },
    { name: "verify with a literal key and algorithms", code: JWT + 'jwt.verify(token, "dev-secret-123", { algorithms: ["HS256"] });' },
    { name: "verify with an env secret that has a literal fallback", code: JWT + 'const JWT_SECRET = process.env.JWT_SECRET ?? "changeme";\njwt.verify(token, JWT_SECRET);' },
    { name: "verify with a public key and algorithms", code: JWT + 'jwt.verify(token, PUBLIC_KEY, { algorithms: ["RS256"] });' },
    { name: "another library's sign", code: 'import { sign } from "./crypto";\nsign({ sub: id }, key);' },
    { name: "a jwt helper module", code: 'import jwt from "@/lib/jwt";\njwt.sign({ sub: id }, key);' },
    { name: "Fastify's jwt decorator is configured at registration", code: "const token = await reply.jwtSign({ sub: id });\nfastify.jwt.sign({ sub: id });" },
    // jose
    { code: 'import { SignJWT } from "jose";\nconst t = await new SignJWT({ role })\n  .setProtectedHeader({ alg: "HS256" })\n  .setIssuedAt()\n  .setExpirationTime("12h")\n  .sign(key);' },
    { name: "jose claims with exp", code: 'import { SignJWT } from "jose";\nawait new SignJWT({ sub, exp: Math.floor(Date.now() / 1000) + 60 }).setProtectedHeader({ alg: "HS256" }).sign(key);' },
    { name: "builder finished elsewhere", code: 'import { SignJWT } from "jose";\nexport function baseToken(claims: JWTPayload) {\n  return new SignJWT(claims).setProtectedHeader({ alg: "HS256" });\n}' },
    { name: "builder in a variable with an expiry", code: 'import { SignJWT } from "jose";\nconst b = new SignJWT({ sub });\nb.setProtectedHeader({ alg: "HS256" });\nb.setExpirationTime("2h");\nconst t = await b.sign(key);' },
    { name: "jwtVerify is not signing", code: 'import { jwtVerify } from "jose";\nawait jwtVerify(token, secret);' },
    { name: "test files", code: JWT + "jwt.sign({ sub: 1 }, 'test');", filename: "/workspace/test/auth.spec.ts" },
  ],
  invalid: [
    {
      name: "no options: a third argument",
      code: JWT + "const token = jwt.sign({ sub: user.id }, SECRET);",
      errors: [{ line: 2, column: 15, message: 'This JWT never expires: a stolen token works forever. Add expiresIn (e.g. "1h").' }],
      output: JWT + 'const token = jwt.sign({ sub: user.id }, SECRET, { expiresIn: "1h" });',
    },
    {
      name: "options without expiresIn: merged",
      code: JWT + 'jwt.sign({ sub: athleteId }, JWT_SECRET, { algorithm: "HS256" });',
      errors: 1,
      output: JWT + 'jwt.sign({ sub: athleteId }, JWT_SECRET, { algorithm: "HS256", expiresIn: "1h" });',
    },
    {
      name: "callback form: options inserted before the callback",
      code: JWT + "jwt.sign({ sub: id }, SECRET, (err, token) => res.json({ token }));",
      errors: 1,
      output: JWT + 'jwt.sign({ sub: id }, SECRET, { expiresIn: "1h" }, (err, token) => res.json({ token }));',
    },
    {
      name: "options in a same-file variable without expiresIn",
      code: JWT + 'const opts = {\n  algorithm: "HS256",\n};\njwt.sign(payload, SECRET, opts);',
      errors: [{ line: 5 }],
      output: JWT + 'const opts = {\n  algorithm: "HS256",\n  expiresIn: "1h",\n};\njwt.sign(payload, SECRET, opts);',
    },
    { name: "named import", code: 'import { sign } from "jsonwebtoken";\nexport const issue = (user: User) => sign({ id: user.id, role: user.role }, process.env.JWT_SECRET!);', errors: [{ line: 2 }] },
    { name: "namespace import", code: 'import * as jwt from "jsonwebtoken";\njwt.sign({ id }, key);', errors: 1 },
    { name: "require", code: 'const jwt = require("jsonwebtoken");\nmodule.exports.sign = (p) => jwt.sign(p, process.env.SECRET);', errors: 1 },
    { name: "payload from a parameter, no options", code: JWT + "export function signToken(payload: object) {\n  return jwt.sign(payload, SECRET);\n}", errors: [{ line: 3, column: 10 }] },
    { name: "expiresIn: undefined", code: JWT + "jwt.sign({ id }, key, { expiresIn: undefined });", errors: 1 },
    {
      name: "jose SignJWT without setExpirationTime",
      code: 'import { SignJWT } from "jose";\nconst token = await new SignJWT({ sub: user.id })\n  .setProtectedHeader({ alg: "HS256" })\n  .setIssuedAt()\n  .sign(key);',
      errors: [{ line: 2, column: 21, endLine: 2, message: 'Add .setExpirationTime("1h") before .sign().' }],
      output: 'import { SignJWT } from "jose";\nconst token = await new SignJWT({ sub: user.id })\n  .setProtectedHeader({ alg: "HS256" })\n  .setIssuedAt()\n  .setExpirationTime("1h")\n  .sign(key);',
    },
    {
      name: "jose one-liner",
      code: 'import * as jose from "jose";\nconst t = await new jose.SignJWT({ sub }).setProtectedHeader({ alg: "ES256" }).sign(privateKey);',
      errors: 1,
      output: 'import * as jose from "jose";\nconst t = await new jose.SignJWT({ sub }).setProtectedHeader({ alg: "ES256" }).setExpirationTime("1h").sign(privateKey);',
    },
    { name: "jose builder in a variable", code: 'import { SignJWT } from "jose";\nconst b = new SignJWT({ sub });\nb.setProtectedHeader({ alg: "HS256" });\nconst t = await b.sign(key);', errors: [{ line: 2, message: "setExpirationTime" }] },
    {
      name: "algorithms including none",
      code: JWT + 'jwt.verify(token, JWT_SECRET, { algorithms: ["HS256", "none"] });',
      errors: [{ line: 2, column: 33, message: 'Critical: "none" is accepted' }],
      output: JWT + 'jwt.verify(token, JWT_SECRET, { algorithms: ["HS256"] });',
    },
    { name: "only none: no automatic fix", code: JWT + 'jwt.verify(token, key, { algorithms: ["none"] });', errors: 1, output: null },
    { name: "express-jwt with none", code: 'import { expressjwt } from "express-jwt";\napp.use(expressjwt({ secret, algorithms: ["none", "HS256"] }));', errors: 1, output: 'import { expressjwt } from "express-jwt";\napp.use(expressjwt({ secret, algorithms: ["HS256"] }));' },
    { name: "signing with none", code: JWT + 'jwt.sign({ sub }, "", { algorithm: "none", expiresIn: "1h" });', errors: [{ message: "carry no signature" }] },
    { name: "verify with a public key and no algorithms", code: JWT + "jwt.verify(token, PUBLIC_KEY);", errors: [{ message: "Critical: jwt.verify with a public key and no algorithms" }] },
    { name: "verify with a PEM string constant", code: JWT + 'const key = "-----BEGIN PUBLIC KEY-----\\nMIIB\\n-----END PUBLIC KEY-----";\njwt.verify(token, key, { issuer: "me" });', errors: [{ line: 3 }] },
    {
      name: "Hono sign without an exp claim",
      code: 'import { sign } from "hono/jwt";\nconst token = await sign({ sub: user.id }, c.env.JWT_SECRET);',
      errors: [{ line: 2, message: "Add an exp claim" }],
      output: 'import { sign } from "hono/jwt";\nconst token = await sign({ sub: user.id, exp: Math.floor(Date.now() / 1000) + 60 * 60 }, c.env.JWT_SECRET);',
    },
    { name: "a ten-year token", code: JWT + 'jwt.sign({ sub }, key, { expiresIn: "10y" });\njwt.sign({ sub }, key, { expiresIn: "3650 days" });\njwt.sign({ sub }, key, { expiresIn: 999999999 });', errors: [{ line: 2, column: 26, message: "ten years or more" }, { line: 3 }, { line: 4 }] },
    { name: "verify ignoring expiry", code: JWT + "const claims = jwt.verify(token, secret, {\n  ignoreExpiration: true,\n});", errors: [{ line: 3, column: 3, message: "ignoreExpiration: true accepts expired tokens" }] },
    { name: "verify with a string literal key and no algorithms", code: JWT + 'jwt.verify(token, "dev-secret-123");', errors: [{ message: "key written as a string" }] },
    { name: "verify with a key lookup and no algorithms", code: JWT + "jwt.verify(token, getKey, (err, decoded) => done(err, decoded));", errors: 1 },
  ],
});

test("the none algorithm is reported as an error, the missing expiry as a warning", () => {
  const findings = run(rule, { code: JWT + 'jwt.verify(t, k, { algorithms: ["none"] });\njwt.sign({ a: 1 }, k);' });
  assert.deepEqual(findings.map((f) => f.severity), ["error", "warning"]);
});
