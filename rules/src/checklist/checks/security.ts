import type { Check } from "../types.js";
import { fileContaining, hasDependency, sourcesWhere } from "../detect.js";

const RATE_LIMITERS = ["express-rate-limit", "rate-limiter-flexible", "@upstash/ratelimit", "@fastify/rate-limit", "hono-rate-limiter", "koa-ratelimit", "express-slow-down", "@nestjs/throttler", "limiter", "bottleneck", "@arcjet/next", "@arcjet/node"];
const HEADER_PACKAGES = ["helmet", "@fastify/helmet", "koa-helmet", "next-secure-headers", "@nestjs/helmet", "lusca"];

export const securityChecks: Check[] = [
  (facts) => {
    const authRoutes = facts.findings.some((f) => f.rule === "missing-rate-limit");
    const limiter = hasDependency(facts, RATE_LIMITERS);
    if (!limiter && !authRoutes) {
      const hasServer = hasDependency(facts, ["express", "fastify", "koa", "hono", "next", "@nestjs/core"]);
      if (!hasServer) return undefined;
      return { id: "security.rate-limit", title: "Auth routes are rate-limited", status: "manual", evidence: "no rate limiter among the dependencies: confirm your host or gateway limits login and sign-up attempts" };
    }
    return {
      id: "security.rate-limit",
      title: "Auth routes are rate-limited",
      status: authRoutes ? "warn" : "pass",
      evidence: authRoutes ? "auth routes without a limiter: see the missing-rate-limit findings" : `${limiter} is a dependency`,
    };
  },
  (facts) => {
    const server = hasDependency(facts, ["express", "fastify", "koa", "hono", "next", "@nestjs/core", "@remix-run/node", "@sveltejs/kit"]);
    if (!server) return undefined;
    const pkg = hasDependency(facts, HEADER_PACKAGES);
    if (pkg) return { id: "security.headers", title: "Security headers are set", status: "pass", evidence: `${pkg} is a dependency` };
    const configs = sourcesWhere(facts, (f) => /(^|\/)(next\.config\.(js|mjs|ts)|middleware\.(t|j)s|server\.(t|j)s|app\.(t|j)s|index\.(t|j)s|main\.(t|j)s)$/.test(f), 20);
    for (const c of ["next.config.js", "next.config.mjs", "next.config.ts", "vercel.json", "netlify.toml", "_headers", "public/_headers"]) if (facts.exists(c) && !configs.includes(c)) configs.push(c);
    const hit = fileContaining(facts, configs, /Content-Security-Policy|X-Frame-Options|Strict-Transport-Security|secureHeaders\(|X-Content-Type-Options/i);
    return {
      id: "security.headers",
      title: "Security headers are set",
      status: hit ? "pass" : "warn",
      evidence: hit ? `headers configured in ${hit}` : "no helmet and no security headers (CSP, HSTS, X-Frame-Options) in the server or framework config",
    };
  },
  () => ({ id: "security.review", title: "Someone reviewed auth, input handling and dependencies", status: "manual", evidence: "walk the findings of steps 4, 5 and 9, run `npm audit`, and have a second person review auth flows" }),
];
