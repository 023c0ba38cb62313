import { test } from "node:test";
import assert from "node:assert/strict";
import { analyzeSource } from "../src/engine/linter.js";
import { DEFAULT_CONFIG } from "../src/engine/config.js";
import type { Rule } from "../src/engine/types.js";
import { routesModel, nextRoutePath, type RouteHandler } from "../src/model/routes.js";
import { requestFlow } from "../src/model/requestFlow.js";
import { isAuthName, isRateLimitName, isValidationName } from "../src/model/middleware.js";
import { matcherToRegExp } from "../src/model/coverage.js";

interface Seen {
  handlers: RouteHandler[];
  summary: string[];
  flows: ReturnType<typeof requestFlow>[];
}

function model(code: string, fileName = "/workspace/src/app.ts", files: Record<string, string> = {}): Seen {
  const seen: Seen = { handlers: [], summary: [], flows: [] };
  const probe: Rule = {
    meta: { id: "probe", steps: [], severity: "info", description: "", fixable: false },
    create(ctx) {
      return {
        onEnd() {
          for (const h of ctx.model(routesModel).handlers) {
            seen.handlers.push(h);
            seen.flows.push(requestFlow(h, ctx.index));
            seen.summary.push(`${h.framework} ${h.kind} ${h.method} ${h.path ?? "-"} chain=[${h.chain.map((c) => c.getText()).join(",")}] wrappers=[${h.wrappers.map((w) => w.expression.getText()).join(",")}] fn=${h.handler ? "yes" : "no"}`);
          }
        },
      };
    },
  };
  const r = analyzeSource({ fileName, text: code, relPath: fileName.replace(/^\/workspace\//, "") }, { rules: [probe], config: DEFAULT_CONFIG, workspace: { root: "/workspace", readFile: (p) => files[p] } });
  assert.deepEqual(r.ruleFailures, []);
  return seen;
}

test("express: app and Router registrations, chains, router.use and route() chains", () => {
  const m = model('import express, { Router } from "express";\nconst app = express();\nconst r = Router();\nr.use(requireUser);\napp.post("/a", limiter, validate(S), (req, res) => res.end());\nr.get("/b/:id", async (req, res) => res.json(req.params.id));\nr.route("/c").put(h1).delete(mw, async (req, res) => res.end());\napp.set("trust proxy", 1);\nfunction h1(req, res) { res.end(); }');
  assert.deepEqual(m.summary, [
    "express route POST /a chain=[limiter,validate(S)] wrappers=[] fn=yes",
    "express route GET /b/:id chain=[requireUser] wrappers=[] fn=yes",
    "express route PUT /c chain=[requireUser] wrappers=[] fn=yes",
    "express route DELETE /c chain=[requireUser,mw] wrappers=[] fn=yes",
  ]);
  assert.equal(m.handlers[0].params.request, "req");
  assert.equal(m.handlers[0].params.response, "res");
});

test("fastify: shorthand with options, route({}), hooks", () => {
  const m = model('import Fastify from "fastify";\nconst app = Fastify();\napp.addHook("onRequest", app.authenticate);\napp.post("/x", { preHandler: [app.authenticate, check], schema: { body: B } }, async (request, reply) => reply.send());\napp.route({ method: ["GET", "POST"], url: "/y", handler: async (request) => ({}) });');
  assert.deepEqual(m.summary, [
    "fastify route POST /x chain=[app.authenticate,app.authenticate,check] wrappers=[] fn=yes",
    "fastify route POST /y chain=[app.authenticate] wrappers=[] fn=yes",
  ]);
  assert.ok(m.flows[0].validatedParts.has("body"));
  assert.equal(m.handlers[0].params.response, "reply");
});

test("koa router and hono", () => {
  const koa = model('import Router from "@koa/router";\nconst router = new Router();\nrouter.del("/x/:id", auth, async (ctx) => { ctx.body = ctx.params.id; });');
  assert.deepEqual(koa.summary, ["koa route DELETE /x/:id chain=[auth] wrappers=[] fn=yes"]);
  assert.equal(koa.handlers[0].params.request, "ctx");
  const hono = model('import { Hono } from "hono";\nconst app = new Hono();\napp.use("/api/*", jwt({ secret }));\napp.post("/api/x", zValidator("json", S), async (c) => c.json(c.req.valid("json")));');
  assert.deepEqual(hono.summary, ['hono route POST /api/x chain=[jwt({ secret }),zValidator("json", S)] wrappers=[] fn=yes']);
  assert.ok(hono.flows[0].validatedParts.has("body"));
});

test("next.js app router exports, HOF wrappers and route paths", () => {
  const m = model('export async function GET(req: Request) { return Response.json([]); }\nexport const POST = withAuth(withLogging(async (req: Request, { params }) => Response.json({})));\nexport const DELETE = handler;\nasync function handler(req: Request) { return new Response(null); }', "/workspace/src/app/(dashboard)/api/items/[id]/route.ts");
  assert.deepEqual(m.summary, [
    "next-app route GET /api/items/[id] chain=[] wrappers=[] fn=yes",
    "next-app route POST /api/items/[id] chain=[] wrappers=[withAuth,withLogging] fn=yes",
    "next-app route DELETE /api/items/[id] chain=[] wrappers=[] fn=yes",
  ]);
  assert.deepEqual(m.handlers[1].params.contextNames, ["params"]);
  assert.equal(nextRoutePath("pages/api/users/index.ts"), "/api/users");
});

test("pages router default export: method from req.method branches", () => {
  const m = model('export default withSession(async function handler(req, res) {\n  if (req.method === "DELETE") await remove(req.query.id);\n  res.end();\n});', "/workspace/pages/api/items/[id].ts");
  assert.deepEqual(m.summary, ["next-pages route DELETE /api/items/[id] chain=[] wrappers=[withSession] fn=yes"]);
});

test("server actions: 'use server' files and inline actions", () => {
  const m = model('"use server";\nexport async function save(formData: FormData) {}\nexport const remove = authAction(async (id: string) => {});\nasync function helper() {}');
  assert.deepEqual(m.summary, [
    "server-action server-action POST - chain=[] wrappers=[] fn=yes",
    "server-action server-action POST - chain=[] wrappers=[authAction] fn=yes",
  ]);
  assert.deepEqual(m.handlers[0].params.args, [{ name: "formData", formData: true }]);
  const inline = model('export default function Page() {\n  async function add(fd: FormData) { "use server"; }\n  return null;\n}', "/workspace/app/page.tsx");
  assert.equal(inline.handlers.length, 1);
});

test("controllers: joined with the routes file that registers them", () => {
  const files = {
    "src/routes/orders.routes.ts": 'import * as orders from "../controllers/orders.controller";\nrouter.use(requireAuth);\nrouter.post("/orders", validate(NewOrder), orders.create);',
  };
  const m = model('import type { Request, Response } from "express";\nexport async function create(req: Request, res: Response) { res.json(req.body); }\nexport async function archive(req: Request, res: Response) { res.end(); }\nexport function requireOwner(req: Request, res: Response, next) { next(); }', "/workspace/src/controllers/orders.controller.ts", files);
  assert.deepEqual(m.summary, [
    "express controller POST /orders chain=[requireAuth,validate(NewOrder)] wrappers=[] fn=yes",
    "express controller ALL - chain=[] wrappers=[] fn=yes",
  ]);
  assert.equal(m.handlers[0].chainKnown, true);
  assert.equal(m.handlers[1].chainKnown, false);
});

test("middleware functions and Next middleware are not handlers", () => {
  assert.deepEqual(model('export function requireUser(req, res, next) { if (!req.user) return res.status(401).end(); next(); }').summary, []);
  assert.deepEqual(model("export async function middleware(request) { return NextResponse.next(); }", "/workspace/middleware.ts").summary, []);
});

test("request flow: tracks locals, destructuring and validation", () => {
  const m = model('import express from "express";\nconst app = express();\napp.post("/x", async (req, res) => {\n  const { email, age } = req.body;\n  if (typeof email !== "string") return res.status(400).end();\n  const years = age * 12;\n  await save(email, years);\n});');
  const f = m.flows[0];
  assert.equal(f.firstUnvalidated?.expr.getText(), "years");
  assert.deepEqual(f.bodyFields, [{ name: "email", numeric: false }, { name: "age", numeric: true }]);
});

test("middleware names: auth, validation and rate-limit evidence without false friends", () => {
  for (const n of ["requireAuth", "isAuthenticated", "requireUser", "withSession", "authenticate", "verifyJwt", "ensureLoggedIn", "requireRole", "isAdmin", "clerkMiddleware", "protect"]) assert.ok(isAuthName(n), n);
  for (const n of ["authorName", "authors", "userName", "users", "createUser", "tokenize", "validate", "express.json", "cors"]) assert.ok(!isAuthName(n), n);
  for (const n of ["validate", "validateBody", "zValidator", "celebrate", "validateRequest"]) assert.ok(isValidationName(n), n);
  for (const n of ["rateLimit", "loginLimiter", "throttle", "slowDown", "speedLimiter"]) assert.ok(isRateLimitName(n), n);
  for (const n of ["limit", "deliberate", "unlimited"]) assert.ok(!isRateLimitName(n), n);
});

test("next matcher syntax", () => {
  const m = matcherToRegExp("/api/admin/:path*")!;
  assert.ok(m.test("/api/admin"));
  assert.ok(m.test("/api/admin/menu"));
  assert.ok(!m.test("/api/administrator"));
  const neg = matcherToRegExp("/((?!_next/static|favicon.ico).*)")!;
  assert.ok(neg.test("/api/items"));
  assert.ok(!neg.test("/_next/static/x.js"));
});
