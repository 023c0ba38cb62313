import rule from "../src/rules/error-details-leak.js";
import { ruleTester } from "./ruleTester.js";

const express = 'import express from "express";\nconst app = express();\n';
const route = "/workspace/app/api/items/route.ts";

ruleTester(rule, {
  valid: [
    { name: "express: logged, generic message", code: `${express}app.get("/x", async (req, res) => {\n  try { res.json(await load()); } catch (err) {\n    console.error(err);\n    res.status(500).json({ error: "Internal error" });\n  }\n});` },
    { name: "express error middleware: generic", code: `${express}app.use((err, req, res, next) => {\n  logger.error({ err }, "failed");\n  res.status(500).json({ error: "Internal error" });\n});` },
    { name: "joi validation feedback is not a caught exception", code: `${express}app.post("/x", (req, res) => {\n  const { error } = Schema.validate(req.body);\n  if (error) return res.status(422).json({ fields: error.details.map((d) => d.path.join(".")) });\n  res.end();\n});` },
    { name: "zod field errors", filename: route, code: 'export async function POST(req: Request) {\n  const parsed = S.safeParse(await req.json());\n  if (!parsed.success) return Response.json({ fields: parsed.error.flatten().fieldErrors }, { status: 400 });\n}' },
    { name: "ZodError branch in a catch", code: `${express}app.post("/x", async (req, res) => {\n  try { await save(S.parse(req.body)); } catch (e) {\n    if (e instanceof ZodError) return res.status(400).json({ issues: e.issues });\n    res.status(500).json({ error: "Internal error" });\n  }\n});` },
    { name: "custom error class branch is deliberate", code: `${express}app.get("/x/:id", async (req, res) => {\n  try { res.json(await find(req.params.id)); } catch (e) {\n    if (e instanceof NotFoundError) return res.status(404).json({ error: e.message });\n    res.status(500).json({ error: "Internal error" });\n  }\n});` },
    { name: "only in development", code: `${express}app.use((err, req, res, next) => {\n  res.status(500).json({ error: process.env.NODE_ENV === "development" ? err.message : "Internal error" });\n});` },
    { name: "friendly errors thrown in the same try", code: `${express}app.post("/x", async (req, res) => {\n  try {\n    if (!req.body.name) throw new Error("Give it a name");\n    await save(req.body);\n  } catch (e) {\n    res.status(400).json({ error: e.message });\n  }\n});` },
    { name: "only the error code", code: `${express}app.get("/x", async (req, res) => {\n  try { res.json(await load()); } catch (err) {\n    res.status(500).json({ code: err.code });\n  }\n});` },
    { name: "fastify setErrorHandler, generic", code: 'import Fastify from "fastify";\nconst server = Fastify();\nserver.setErrorHandler(function (err, req, reply) {\n  req.log.error(err);\n  return reply.code(500).send({ error: "Something went wrong" });\n});' },
    { name: "client code setting error state is not a response", filename: "/workspace/src/components/Form.tsx", code: 'export function Form() {\n  const submit = async () => { try { await save(); } catch (e) { setError(e.message); } };\n  return <button onClick={submit} />;\n}' },
    { name: "supabase error object outside a catch", code: `${express}app.post("/signup", async (req, res) => {\n  const { error } = await supabase.auth.signUp(req.body);\n  if (error) return res.status(400).json({ error: error.message });\n  res.end();\n});` },
  ],
  invalid: [
    {
      name: "express error middleware sends the error object",
      code: `${express}const onError = (err, req, res, _next) => {\n  console.error("failed", err);\n  res.status(500).json({ ok: false, details: err });\n};\napp.use(onError);`,
      errors: [{ line: 5, column: 3, message: "raw error details (`err`)" }],
      output: `${express}const onError = (err, req, res, _next) => {\n  console.error("failed", err);\n  res.status(500).json({ ok: false, details: "Something went wrong. Please try again." });\n};\napp.use(onError);`,
    },
    {
      name: "next: error.message in NextResponse.json (fix logs too)",
      filename: route,
      code: 'import { NextResponse } from "next/server";\nexport async function PATCH(request: Request) {\n  try {\n    return NextResponse.json(await update());\n  } catch (error: any) {\n    return NextResponse.json({ message: "Update failed", reason: error.message }, { status: 500 });\n  }\n}',
      errors: [{ line: 6, column: 12, message: "`error.message`" }],
      output: 'import { NextResponse } from "next/server";\nexport async function PATCH(request: Request) {\n  try {\n    return NextResponse.json(await update());\n  } catch (error: any) {\n    console.error("Request failed", error);\n    return NextResponse.json({ message: "Update failed", reason: "Something went wrong. Please try again." }, { status: 500 });\n  }\n}',
    },
    {
      name: "fastify: String(err) with reply.code().send()",
      code: 'import Fastify from "fastify";\nconst app = Fastify();\napp.delete("/:id", async (request, reply) => {\n  try { await remove(); return reply.code(204).send(); } catch (err) {\n    return reply.code(500).send({ error: String(err) });\n  }\n});',
      errors: [{ line: 5, message: "`String(err)`" }],
    },
    { name: "express: err.stack with res.send", code: `${express}app.get("/x", async (req, res) => {\n  try { res.json(await load()); } catch (e) { res.status(500).send(e.stack); }\n});`, errors: [{ line: 4, message: "`e.stack`" }] },
    { name: "template with the error", code: `${express}app.get("/x", async (req, res) => {\n  try { res.json(await load()); } catch (e) { res.status(500).send(\`Failed: \${e}\`); }\n});`, errors: 1 },
    { name: "message derived from the error first", code: `${express}app.get("/x", async (req, res) => {\n  try { res.json(await load()); } catch (e) {\n    const message = e instanceof Error ? e.message : String(e);\n    res.status(500).json({ error: message });\n  }\n});`, errors: [{ line: 6 }] },
    { name: "new Response with err.message", filename: route, code: 'export async function GET() {\n  try { return Response.json(await load()); } catch (err) {\n    return new Response(err.message, { status: 500 });\n  }\n}', errors: [{ line: 3 }] },
    { name: "Response.json with the error object", filename: route, code: 'export async function GET() {\n  try { return Response.json(await load()); } catch (error) {\n    return Response.json({ error }, { status: 500 });\n  }\n}', errors: 1, output: 'export async function GET() {\n  try { return Response.json(await load()); } catch (error) {\n    console.error("Request failed", error);\n    return Response.json({ error: "Something went wrong. Please try again." }, { status: 500 });\n  }\n}' },
    { name: "koa error middleware assigns ctx.body", code: 'import Koa from "koa";\nconst app = new Koa();\napp.use(async (ctx, next) => {\n  try { await next(); } catch (err) {\n    ctx.status = 500;\n    ctx.body = { message: err.message };\n  }\n});', errors: [{ line: 6 }] },
    { name: "hono c.json", code: 'import { Hono } from "hono";\nconst app = new Hono();\napp.onError((err, c) => c.json({ message: err.message }, 500));', errors: 1 },
    { name: "promise .catch callback", code: `${express}app.get("/x", (req, res) => {\n  load().then((d) => res.json(d)).catch((err) => res.status(500).json({ error: err.message }));\n});`, errors: 1 },
    { name: "koa-style pages api handler", filename: "/workspace/pages/api/x.ts", code: 'export default async function handler(req, res) {\n  try { res.json(await load()); } catch (e) { res.status(500).json({ error: e.message, stack: e.stack }); }\n}', errors: 1 },
  ],
});
