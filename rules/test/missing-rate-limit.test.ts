import rule from "../src/rules/missing-rate-limit.js";
import { ruleTester } from "./ruleTester.js";

const router = 'import { Router } from "express";\nexport const authRouter = Router();\n';

ruleTester(rule, {
  valid: [
    { name: "express: limiter in the chain", code: `${router}import { rateLimit } from "express-rate-limit";\nconst credentialLimiter = rateLimit({ limit: 8 });\nauthRouter.post("/signin", credentialLimiter, async (req, res) => { res.end(); });` },
    { name: "express: app-wide limiter in the file", code: 'import express from "express";\nimport rateLimit from "express-rate-limit";\nconst app = express();\napp.use(rateLimit({ windowMs: 60_000, limit: 100 }));\napp.post("/login", async (req, res) => { res.end(); });' },
    { name: "express: router.use(limiter) before the routes", code: `${router}authRouter.use(authLimiter);\nauthRouter.post("/register", async (req, res) => { res.end(); });` },
    { name: "express: slowDown / brute-force middleware", code: `${router}authRouter.post("/password/reset", speedLimiter, async (req, res) => { res.end(); });` },
    { name: "express: rate-limiter-flexible consumed in the handler", code: `${router}import { RateLimiterMemory } from "rate-limiter-flexible";\nconst limiter = new RateLimiterMemory({ points: 5, duration: 60 });\nauthRouter.post("/login", async (req, res) => {\n  await limiter.consume(req.ip);\n  res.end();\n});` },
    {
      name: "express: the mount file applies a limiter to this router",
      filename: "/workspace/src/routes/auth.ts",
      files: { "src/app.ts": 'app.use("/auth", authLimiter, authRouter);' },
      code: `${router}authRouter.post("/login", async (req, res) => { res.end(); });`,
    },
    { name: "domain registration is not an auth route", filename: "/workspace/app/api/domains/register/route.ts", code: "export async function POST(req: Request) {\n  return Response.json({});\n}" },
    { name: "resetting invites is not an auth route", filename: "/workspace/app/api/workspaces/[id]/invites/reset/route.ts", code: "export async function POST(req: Request) {\n  return Response.json({});\n}" },
    { name: "server action registerDomain is not an auth action", code: '"use server";\nexport async function registerDomain(formData: FormData) {\n  await db.domain.create({ data: {} });\n}' },
    { name: "express: not an auth route", code: `${router}authRouter.post("/profile", async (req, res) => { res.end(); });` },
    { name: "express: GET of the login page", code: `${router}authRouter.get("/login", (req, res) => res.render("login"));` },
    { name: "fastify: @fastify/rate-limit registered", code: 'import Fastify from "fastify";\nimport rateLimit from "@fastify/rate-limit";\nconst server = Fastify();\nawait server.register(rateLimit, { max: 100, timeWindow: 60_000 });\nserver.post("/admin/login", async (request) => ({ ok: true }));' },
    { name: "fastify: per-route rateLimit config", code: 'import Fastify from "fastify";\nconst server = Fastify();\nserver.post("/login", { config: { rateLimit: { max: 5, timeWindow: "1 minute" } } }, async () => ({ ok: true }));' },
    { name: "hono: rate limiter middleware", code: 'import { Hono } from "hono";\nimport { rateLimiter } from "hono-rate-limiter";\nconst app = new Hono();\napp.use(rateLimiter({ windowMs: 60_000, limit: 10 }));\napp.post("/auth/signin", async (c) => c.json({}));' },
    { name: "next: @upstash/ratelimit in the handler", filename: "/workspace/app/api/auth/login/route.ts", code: 'import { Ratelimit } from "@upstash/ratelimit";\nconst ratelimit = new Ratelimit({ redis, limiter: Ratelimit.slidingWindow(5, "1 m") });\nexport async function POST(req: Request) {\n  const { success } = await ratelimit.limit(ip(req));\n  if (!success) return new Response(null, { status: 429 });\n  return Response.json({});\n}' },
    {
      name: "next: middleware.ts rate-limits /api/auth",
      filename: "/workspace/app/api/auth/login/route.ts",
      files: { "middleware.ts": 'const ratelimit = new Ratelimit({ redis, limiter });\nexport async function middleware(req) { await ratelimit.limit(req.ip); }\nexport const config = { matcher: ["/api/auth/:path*"] };' },
      code: "export async function POST(req: Request) {\n  return Response.json({});\n}",
    },
    { name: "next: sign-up server action calling a limiter", code: '"use server";\nexport async function signUp(formData: FormData) {\n  await checkRateLimit("signup");\n  await db.user.create({ data: {} });\n}' },
    { name: "controller modules: chain unknown", filename: "/workspace/src/controllers/auth.controller.ts", code: 'import type { Request, Response } from "express";\nexport async function login(req: Request, res: Response) {\n  res.end();\n}' },
  ],
  invalid: [
    { name: "express: sign-up with no limiter", code: `${router}authRouter.post("/signup", async (req, res) => {\n  res.status(201).end();\n});`, errors: [{ line: 3, column: 1, message: "POST /signup handles credentials but has no rate limiter" }] },
    { name: "express: forgot password, limiter only on another route", code: `${router}authRouter.post("/login", loginLimiter, async (req, res) => { res.end(); });\nauthRouter.post("/password/forgot", async (req, res) => { res.end(); });`, errors: [{ line: 4 }] },
    { name: "express: app.route() chain", code: 'import express from "express";\nconst app = express();\napp.route("/register").post(async (req, res) => { res.end(); });', errors: 1 },
    {
      name: "express: mount file without a limiter",
      filename: "/workspace/src/routes/auth.ts",
      files: { "src/app.ts": 'app.use(helmet());\napp.use("/auth", authRouter);' },
      code: `${router}authRouter.post("/login", async (req, res) => { res.end(); });`,
      errors: 1,
    },
    { name: "fastify: OTP verification", code: 'import Fastify from "fastify";\nconst app = Fastify();\napp.post("/otp/verify", async (request) => ({ ok: true }));', errors: [{ message: "POST /otp/verify" }] },
    { name: "fastify: route({}) login", code: 'import Fastify from "fastify";\nconst app = Fastify();\napp.route({ method: "POST", url: "/signin", handler: async () => ({}) });', errors: 1 },
    { name: "koa router: register", code: 'import Router from "@koa/router";\nconst router = new Router();\nrouter.post("/register", async (ctx) => { ctx.status = 201; });', errors: 1 },
    { name: "hono: sign-in", code: 'import { Hono } from "hono";\nconst app = new Hono();\napp.post("/auth/sign-in", async (c) => c.json({}));', errors: 1 },
    { name: "next: login route handler", filename: "/workspace/app/api/auth/login/route.ts", code: "export async function POST(request: Request) {\n  return Response.json({});\n}", errors: [{ line: 1, message: "POST /api/auth/login" }] },
    { name: "pages/api: reset password", filename: "/workspace/pages/api/reset-password.ts", code: 'export default async function handler(req, res) {\n  if (req.method !== "POST") return res.status(405).end();\n  res.json({});\n}', errors: 1 },
    { name: "server action: verifyPassword (share link password)", code: '"use server";\nexport async function verifyPassword(_prev: unknown, data: FormData) {\n  const ok = (await db.link.findUnique({ where: { id: String(data.get("id")) } }))?.password === data.get("password");\n  return { ok };\n}', errors: 1 },
    { name: "express: /auth/verify-otp", code: `${router}authRouter.post("/auth/verify-otp", async (req, res) => { res.end(); });`, errors: 1 },
    { name: "server action: login", code: '"use server";\nexport async function login(formData: FormData) {\n  await signIn("credentials", formData);\n}', errors: [{ message: "Server action login" }] },
  ],
});
