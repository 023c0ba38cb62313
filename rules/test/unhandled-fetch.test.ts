import { test } from "node:test";
import assert from "node:assert/strict";
import { parseSource } from "../src/engine/parse.js";
import rule from "../src/rules/unhandled-fetch.js";
import { fixesResolve } from "./fixCheck.js";
import { ruleTester, run, type InvalidCase, type ValidCase } from "./ruleTester.js";

const tsx = "/workspace/src/components/Widget.tsx";
const server = "/workspace/src/server/routes.ts";

const cases: { valid: (ValidCase | string)[]; invalid: InvalidCase[] } = {
  valid: [
    {
      name: "a module-relative asset fetch at top level is not a network call",
      filename: "/workspace/app/api/og/route.tsx",
      code: 'const font = fetch(new URL("./Inter.ttf", import.meta.url)).then((res) => res.arrayBuffer());',
    },
    // try/catch around the await
    { filename: tsx, code: `export function A() {\n  async function save() {\n    try {\n      await fetch("/api/save", { method: "POST" });\n    } catch (e) {\n      console.error(e);\n    }\n  }\n  return <button onClick={save}>Save</button>;\n}` },
    // .catch on the chain
    { filename: tsx, code: `import { useEffect } from "react";\nexport function A() {\n  useEffect(() => {\n    fetch("/api/x").then((r) => r.json()).then(console.log).catch(console.error);\n  }, []);\n  return null;\n}` },
    // .then(onOk, onRejected)
    { filename: tsx, code: `import axios from "axios";\nexport function A() {\n  return <button onClick={() => axios.post("/api/x").then(() => {}, (e) => alert(e))}>Go</button>;\n}` },
    // helper whose only caller handles the rejection
    {
      name: "helper whose in-file callers all handle it",
      code: `import axios from "axios";\nconst api = axios.create({ baseURL: "https://api.example.com", timeout: 5000 });\nasync function load(id: string) {\n  const { data } = await api.get(\`/items/\${id}\`);\n  return data;\n}\nexport async function sync(id: string) {\n  try {\n    await load(id);\n  } catch (err) {\n    console.error(err);\n  }\n}`,
    },
    // exported helper with no in-file caller: its importers decide
    "export async function getJson(path: string) {\n  const res = await fetch(path);\n  if (!res.ok) throw new Error(String(res.status));\n  return res.json();\n}",
    // React Query and SWR own the rejection
    { filename: tsx, code: `import { useQuery, useMutation } from "@tanstack/react-query";\nimport axios from "axios";\nexport function A() {\n  const q = useQuery({ queryKey: ["a"], queryFn: async () => (await axios.get("/api/a")).data });\n  const m = useMutation({ mutationFn: (id: string) => axios.delete(\`/api/a/\${id}\`) });\n  return <button onClick={() => m.mutate("1")}>{String(q.data)}</button>;\n}` },
    { filename: tsx, code: `import useSWR from "swr";\nconst fetcher = (url: string) => fetch(url).then((r) => r.json());\nexport function A() {\n  const { data } = useSWR("/api/user", fetcher);\n  return <p>{data?.name}</p>;\n}` },
    // Promise.allSettled captures every rejection
    "async function deliver(url: string) { await fetch(url, { method: 'POST' }); }\nexport async function fanOut(urls: string[]) {\n  const results = await Promise.allSettled(urls.map((u) => deliver(u)));\n  return results;\n}",
    // void + .catch
    { filename: tsx, code: `export function A() {\n  return <button onClick={() => { void fetch("/api/ping").catch(() => null); }}>Ping</button>;\n}` },
    // a timer callback with try/catch inside the async IIFE
    "setTimeout(() => {\n  (async () => {\n    try {\n      await fetch('https://example.com/hook');\n    } catch (e) {\n      console.warn(e);\n    }\n  })();\n}, 1000);",
    // route handler with try/catch
    { filename: server, code: `import express from "express";\nconst app = express();\napp.get("/x", async (req, res) => {\n  try {\n    const r = await fetch("https://api.example.com/x");\n    res.json(await r.json());\n  } catch (err) {\n    res.status(502).json({ error: "Upstream failed" });\n  }\n});` },
    // not a network call: a method that happens to be called get
    { filename: server, code: `import { cache } from "./cache";\napp.get("/x", async (req, res) => {\n  const v = await cache.get("user:1");\n  res.json(v);\n});` },
    // the route-registration call itself is not a request
    { filename: server, code: `import { router } from "./router";\nrouter.get("/users", async (req, res) => { res.json([]); });` },
    // Next.js async page with an error.tsx above it
    {
      filename: "/workspace/app/shop/[id]/page.tsx",
      files: { "app/shop/error.tsx": "'use client';\nexport default function E() { return null; }" },
      code: `export default async function Page({ params }: { params: { id: string } }) {\n  const res = await fetch(\`https://api.example.com/items/\${params.id}\`);\n  if (!res.ok) return <p>Not found</p>;\n  const item = await res.json();\n  return <h1>{item.name}</h1>;\n}`,
    },
    // the rejection is awaited inside try by the caller, through a .then chain
    "async function load() { return fetch('/api/x').then((r) => r.json()); }\nexport async function main() {\n  try { await load(); } catch (e) { console.error(e); }\n}",
    // a promise handed to an unknown function (its owner decides)
    { filename: tsx, code: `import { toast } from "sonner";\nexport function A() {\n  return <button onClick={() => toast.promise(fetch("/api/x"), { error: "Failed" })}>Go</button>;\n}` },
    // non-exported helper never called: dead code, not guessed
    "async function unused() { await fetch('/api/x'); }",
    // a workspace module that exports an Express app: app.get registers a route, it sends nothing
    {
      filename: "/workspace/src/routes/health.ts",
      files: { "src/app.ts": `import express from "express";\nexport const app = express();` },
      code: `import { app } from "../app";\nimport { check } from "./check";\napp.get("/health", check);`,
    },
    // a workspace module whose export is not a client: a cache keyed by paths
    {
      filename: "/workspace/src/pages/A.tsx",
      files: { "src/lib/cache.ts": `export const cache = new Map<string, unknown>();` },
      code: `import { cache } from "../lib/cache";\nexport function A() { return <button onClick={() => cache.delete("/a")}>x</button>; }`,
    },
    // an imported wrapper that handles its own failure
    {
      filename: "/workspace/src/hooks/useX.ts",
      files: { "src/api.ts": `export async function safeGet(p: string) {\n  try {\n    return await fetch(p);\n  } catch {\n    return null;\n  }\n}` },
      code: `import { useEffect } from "react";\nimport { safeGet } from "../api";\nexport function useX() { useEffect(() => { safeGet("/x").then(console.log); }, []); }`,
    },
    // two components with a same-named handler: each is judged by its own uses
    { filename: tsx, code: `export function A() {\n  async function save() {\n    try { await fetch("/a"); } catch (e) { console.error(e); }\n  }\n  return <button onClick={save}>A</button>;\n}\nexport function B() {\n  async function save() {\n    await fetch("/b");\n  }\n  return <button onClick={() => save().catch(console.error)}>B</button>;\n}` },
    // a (req, res) helper called by a handler that catches
    { filename: server, code: `import express from "express";\nconst app = express();\nasync function proxy(req: any, res: any) {\n  const r = await fetch("https://up.example.com" + req.url);\n  res.status(r.status).send(await r.text());\n}\napp.get("/p", async (req, res) => {\n  try { await proxy(req, res); } catch { res.status(502).end(); }\n});` },
    // test files are not production code
    { filename: "/workspace/src/api.test.ts", code: `test("x", async () => { await fetch("/api/x"); });\nawait fetch("/api/y");` },
    // ky chain with catch
    "import ky from 'ky';\nsetTimeout(() => { ky.get('https://example.com').json().catch(() => undefined); }, 10);",
    // a catch further up in the caller chain, two levels
    "import axios from 'axios';\nasync function a() { return (await axios.get('/x')).data; }\nasync function b() { return a(); }\nexport async function c() { try { return await b(); } catch { return null; } }",
  ],
  invalid: [
    {
      name: "click handler awaiting fetch with no try/catch",
      filename: tsx,
      code: `export function DeleteButton({ id }: { id: string }) {\n  return (\n    <button\n      onClick={async () => {\n        await fetch(\`/api/items/\${id}\`, { method: "DELETE" });\n        location.reload();\n      }}\n    >\n      Delete\n    </button>\n  );\n}`,
      errors: [{ line: 5, column: 15, message: "the onClick handler will throw an unhandled rejection" }],
      output: `export function DeleteButton({ id }: { id: string }) {\n  return (\n    <button\n      onClick={async () => {\n        try {\n          await fetch(\`/api/items/\${id}\`, { method: "DELETE" });\n        } catch (error) {\n          console.error("Request failed", error);\n        }\n        location.reload();\n      }}\n    >\n      Delete\n    </button>\n  );\n}`,
    },
    {
      name: "useEffect promise chain without catch sets the component's error state",
      filename: tsx,
      code: `import { useEffect, useState } from "react";\nexport function Loans() {\n  const [loans, setLoans] = useState([]);\n  const [error, setError] = useState<Error | null>(null);\n  useEffect(() => {\n    fetch("/api/loans")\n      .then((r) => r.json())\n      .then(setLoans);\n  }, []);\n  return <p>{loans.length}</p>;\n}`,
      errors: [{ line: 6, column: 5, message: "the useEffect callback" }],
      output: `import { useEffect, useState } from "react";\nexport function Loans() {\n  const [loans, setLoans] = useState([]);\n  const [error, setError] = useState<Error | null>(null);\n  useEffect(() => {\n    fetch("/api/loans")\n      .then((r) => r.json())\n      .then(setLoans).catch((error) => setError(error as Error));\n  }, []);\n  return <p>{loans.length}</p>;\n}`,
    },
    {
      name: "declared submit handler referenced from JSX, result used after the call",
      filename: tsx,
      code: `import { useState } from "react";\nexport function Form() {\n  const [id, setId] = useState("");\n  const [problem, setProblem] = useState("");\n  async function handleSubmit(e: any) {\n    e.preventDefault();\n    const res = await fetch("/api/reservations", { method: "POST" });\n    const data = await res.json();\n    setId(data.id);\n  }\n  return <form onSubmit={handleSubmit}>{id}{problem}</form>;\n}`,
      errors: [{ line: 7, message: "the onSubmit handler" }],
      output: `import { useState } from "react";\nexport function Form() {\n  const [id, setId] = useState("");\n  const [problem, setProblem] = useState("");\n  async function handleSubmit(e: any) {\n    e.preventDefault();\n    try {\n      const res = await fetch("/api/reservations", { method: "POST" });\n      const data = await res.json();\n      setId(data.id);\n    } catch {\n      setProblem("Something went wrong. Please try again.");\n    }\n  }\n  return <form onSubmit={handleSubmit}>{id}{problem}</form>;\n}`,
    },
    {
      name: "axios default method in an inline click handler",
      filename: tsx,
      code: `import axios from "axios";\nexport function A({ id }: { id: string }) {\n  return <button onClick={() => axios.post(\`/api/a/\${id}/renew\`)}>Renew</button>;\n}`,
      errors: [{ line: 3, column: 33 }],
      output: `import axios from "axios";\nexport function A({ id }: { id: string }) {\n  return <button onClick={() => axios.post(\`/api/a/\${id}/renew\`).catch(() => console.error("Request failed", error))}>Renew</button>;\n}`.replace(`() => console.error("Request failed", error)`, `(error) => console.error("Request failed", error)`),
    },
    {
      name: "awaited in a concise arrow body: the fix catches on the chain",
      filename: tsx,
      code: `import axios from "axios";\nexport function A() {\n  return <button onClick={async () => await axios.post("/api/a")}>Go</button>;\n}`,
      errors: 1,
      output: `import axios from "axios";\nexport function A() {\n  return <button onClick={async () => await axios.post("/api/a").catch((error) => console.error("Request failed", error))}>Go</button>;\n}`,
    },
    {
      name: "axios.create() instance in a useCallback handler",
      filename: tsx,
      code: `import { useCallback } from "react";\nimport axios from "axios";\nconst http = axios.create({ baseURL: "/api" });\nexport function A() {\n  const onSave = useCallback(async () => {\n    await http.put("/settings", {});\n  }, []);\n  return <button onClick={onSave}>Save</button>;\n}`,
      errors: [{ line: 6, message: "the onClick handler" }],
    },
    {
      name: "ky, got, ofetch and $fetch at module top level",
      filename: "/workspace/scripts/seed.mjs",
      code: `import ky from "ky";\nimport got from "got";\nimport { ofetch } from "ofetch";\nconst a = await ky.get("https://example.com/a").json();\nconst b = await got("https://example.com/b").json();\nconst c = await ofetch("https://example.com/c");\nconst d = await $fetch("/api/d");\nconsole.log(a, b, c, d);`,
      errors: [{ line: 4, message: "module top level" }, { line: 5 }, { line: 6 }, { line: 7 }],
    },
    {
      name: "superagent in an Express route handler answers 502 in the fix",
      filename: server,
      code: `import express from "express";\nimport request from "superagent";\nconst app = express();\napp.get("/rates", async (req, res) => {\n  const r = await request.get("/internal/rates").set("accept", "json");\n  res.json(r.body);\n});`,
      errors: [{ line: 5, column: 19, message: "the route handler" }],
      output: `import express from "express";\nimport request from "superagent";\nconst app = express();\napp.get("/rates", async (req, res) => {\n  try {\n    const r = await request.get("/internal/rates").set("accept", "json");\n    res.json(r.body);\n  } catch (error) {\n    console.error("Request failed", error);\n    return res.status(502).json({ error: "Upstream request failed" });\n  }\n});`,
    },
    {
      name: "Next.js route handler: the fix answers with NextResponse",
      filename: "/workspace/app/api/quote/route.ts",
      code: `import { NextResponse } from "next/server";\nexport async function GET() {\n  const res = await fetch("https://api.example.com/quote", { signal: AbortSignal.timeout(5000) });\n  const quote = await res.json();\n  return NextResponse.json(quote);\n}`,
      errors: [{ line: 3, message: "the route handler" }],
      output: `import { NextResponse } from "next/server";\nexport async function GET() {\n  try {\n    const res = await fetch("https://api.example.com/quote", { signal: AbortSignal.timeout(5000) });\n    const quote = await res.json();\n    return NextResponse.json(quote);\n  } catch (error) {\n    console.error("Request failed", error);\n    return NextResponse.json({ error: "Upstream request failed" }, { status: 502 });\n  }\n}`,
    },
    {
      name: "Fastify handler: the fix answers with reply.code(502)",
      filename: server,
      code: `import Fastify from "fastify";\nconst app = Fastify();\napp.post("/ping", async (request, reply) => {\n  await fetch("https://hooks.example.com/ping", { method: "POST" });\n  return reply.send({ ok: true });\n});`,
      errors: 1,
      output: `import Fastify from "fastify";\nconst app = Fastify();\napp.post("/ping", async (request, reply) => {\n  try {\n    await fetch("https://hooks.example.com/ping", { method: "POST" });\n  } catch (error) {\n    console.error("Request failed", error);\n    return reply.code(502).send({ error: "Upstream request failed" });\n  }\n  return reply.send({ ok: true });\n});`,
    },
    {
      name: "Hono handler: the fix answers with c.json(…, 502)",
      filename: server,
      code: `import { Hono } from "hono";\nconst app = new Hono();\napp.get("/geo", async (c) => {\n  const r = await fetch("https://geo.example.com/lookup");\n  return c.json(await r.json());\n});`,
      errors: 1,
      output: `import { Hono } from "hono";\nconst app = new Hono();\napp.get("/geo", async (c) => {\n  try {\n    const r = await fetch("https://geo.example.com/lookup");\n    return c.json(await r.json());\n  } catch (error) {\n    console.error("Request failed", error);\n    return c.json({ error: "Upstream request failed" }, 502);\n  }\n});`,
    },
    {
      name: "Express handler registered by reference",
      filename: server,
      code: `import { Router } from "express";\nexport const router = Router();\nasync function createOrder(req: any, res: any) {\n  const r = await fetch("https://erp.example.com/orders", { method: "POST" });\n  res.status(201).json(await r.json());\n}\nrouter.post("/orders", createOrder);`,
      errors: [{ line: 4, message: "the route handler" }],
    },
    {
      name: "Express app.route(path).get(handler) chain",
      filename: server,
      code: `import express from "express";\nconst app = express();\napp.route("/book").get(async (req, res) => {\n  const r = await fetch("https://books.example.com/list");\n  res.json(await r.json());\n});`,
      errors: [{ line: 4, message: "the route handler" }],
    },
    {
      name: "controller registered in another file: (req, res) handler with no caller here",
      filename: "/workspace/src/controllers/weather.js",
      code: `const axios = require("axios");\nexports.getWeather = async (req, res) => {\n  const { data } = await axios.get("https://api.weather.example/now");\n  res.json(data);\n};`,
      errors: [{ line: 3, message: "the route handler" }],
    },
    {
      name: "server action in a 'use server' file",
      filename: "/workspace/app/actions.ts",
      code: `"use server";\nexport async function notify(id: string) {\n  await fetch(\`https://sms.example.com/send/\${id}\`, { method: "POST" });\n}`,
      errors: [{ line: 3, message: "the server action" }],
    },
    {
      name: "server action marked inline",
      filename: "/workspace/app/page.tsx",
      code: `export default function Page() {\n  async function save(data: FormData) {\n    "use server";\n    await fetch("https://api.example.com/save", { method: "POST", body: data });\n  }\n  return <form action={save} />;\n}`,
      errors: [{ line: 4, message: "the server action" }],
    },
    {
      name: "helper called from a timer callback: reported at the call that drops it",
      code: `async function deliver(url: string) {\n  const res = await fetch(url, { method: "POST", signal: AbortSignal.timeout(5000) });\n  return res.status;\n}\nexport function retryLater(url: string) {\n  setTimeout(() => {\n    void deliver(url);\n  }, 1000);\n}`,
      errors: [{ line: 7, column: 10, message: "deliver() makes a request" }],
      output: `async function deliver(url: string) {\n  const res = await fetch(url, { method: "POST", signal: AbortSignal.timeout(5000) });\n  return res.status;\n}\nexport function retryLater(url: string) {\n  setTimeout(() => {\n    void deliver(url).catch((error) => console.error("Request failed", error));\n  }, 1000);\n}`,
    },
    {
      name: "helper awaited in a setInterval loop; a second caller handles it",
      code: `import axios from "axios";\nconst garmin = axios.create({ baseURL: process.env.GARMIN_API });\nasync function dailies(token: string) {\n  const res = await garmin.get("/dailies", { headers: { token } });\n  return res.data;\n}\nexport async function once(t: string) { try { return await dailies(t); } catch { return null; } }\nexport function start(tokens: string[]) {\n  setInterval(async () => {\n    for (const t of tokens) {\n      const d = await dailies(t);\n      console.log(d);\n    }\n  }, 60_000);\n}`,
      errors: [{ line: 11, column: 23, message: "the setInterval callback" }],
      output: `import axios from "axios";\nconst garmin = axios.create({ baseURL: process.env.GARMIN_API });\nasync function dailies(token: string) {\n  const res = await garmin.get("/dailies", { headers: { token } });\n  return res.data;\n}\nexport async function once(t: string) { try { return await dailies(t); } catch { return null; } }\nexport function start(tokens: string[]) {\n  setInterval(async () => {\n    for (const t of tokens) {\n      try {\n        const d = await dailies(t);\n        console.log(d);\n      } catch (error) {\n        console.error("Request failed", error);\n      }\n    }\n  }, 60_000);\n}`,
    },
    {
      name: "addEventListener callback",
      code: `window.addEventListener("online", async () => {\n  await fetch("/api/sync", { method: "POST" });\n});`,
      errors: [{ line: 2, message: "addEventListener() listener" }],
    },
    {
      name: "async IIFE inside useEffect without catch",
      filename: tsx,
      code: `import { useEffect } from "react";\nexport function A() {\n  useEffect(() => {\n    (async () => {\n      const r = await fetch("/api/me");\n      console.log(await r.json());\n    })();\n  }, []);\n  return null;\n}`,
      errors: [{ line: 5, message: "the useEffect callback" }],
    },
    {
      name: "Next.js async page with no error.tsx",
      filename: "/workspace/app/shop/page.tsx",
      files: {},
      code: `export default async function Page() {\n  const items = await fetch("https://api.example.com/items").then((r) => r.json());\n  return <ul>{items.map((i: any) => <li key={i.id}>{i.name}</li>)}</ul>;\n}`,
      errors: [{ line: 2, message: "no error.tsx" }],
    },
    {
      name: "floating request in a helper: nobody can catch it",
      code: `export function track(event: string) {\n  fetch("/api/track", { method: "POST", body: event });\n}`,
      errors: [{ line: 2, message: "neither awaited nor given a .catch()" }],
      output: `export function track(event: string) {\n  fetch("/api/track", { method: "POST", body: event }).catch((error) => console.error("Request failed", error));\n}`,
    },
    {
      name: "the project's logger is used in the catch",
      code: `import { logger } from "./logger";\nsetTimeout(async () => {\n  await fetch("https://example.com/warm");\n}, 0);`,
      errors: 1,
      output: `import { logger } from "./logger";\nsetTimeout(async () => {\n  try {\n    await fetch("https://example.com/warm");\n  } catch (error) {\n    logger.error({ err: error }, "Request failed");\n  }\n}, 0);`,
    },
    {
      name: "imported client by shape when there is no workspace index",
      filename: tsx,
      code: `import { api } from "../lib/api";\nexport function A() {\n  return <button onClick={async () => { await api.post("/orders", {}); }}>Order</button>;\n}`,
      errors: [{ line: 3, message: "the onClick handler" }],
    },
    {
      name: "imported axios instance resolved through the workspace",
      filename: "/workspace/src/pages/Loans.tsx",
      files: { "src/api/client.ts": `import axios from "axios";\nexport const http = axios.create({ baseURL: "/api" });` },
      code: `import { http } from "../api/client";\nexport function Loans() {\n  return <button onClick={async () => { await http.delete("/loans/1"); }}>Return</button>;\n}`,
      errors: 1,
    },
    {
      name: "imported fetch wrapper resolved through the workspace",
      filename: "/workspace/src/hooks/useHolds.ts",
      files: { "src/api/client.ts": `export async function getJson(path: string) {\n  const res = await fetch(path);\n  return res.json();\n}` },
      code: `import { useEffect, useState } from "react";\nimport { getJson } from "../api/client";\nexport function useHolds() {\n  const [h, setH] = useState([]);\n  useEffect(() => {\n    getJson("/holds").then(setH);\n  }, []);\n  return h;\n}`,
      errors: [{ line: 6, message: "getJson() makes a request" }],
    },
    {
      name: "namespace-imported wrapper resolved through the workspace",
      filename: "/workspace/src/pages/Orders.tsx",
      files: { "src/api/orders.ts": `import axios from "axios";\nexport function cancelOrder(id: string) {\n  return axios.post(\`/api/orders/\${id}/cancel\`);\n}` },
      code: `import * as orders from "../api/orders";\nexport function Orders() {\n  return <button onClick={async () => { await orders.cancelOrder("1"); }}>Cancel</button>;\n}`,
      errors: [{ line: 3, message: "cancelOrder() makes a request" }],
    },
    {
      name: "an exported object we cannot see into, in a module with no network code of its own, is still judged by shape",
      filename: "/workspace/src/pages/Checkout.tsx",
      files: { "src/lib/api.ts": `import { request } from "./request";\nexport const api = { post: (p: string, b: unknown) => request(p, b) };` },
      code: `import { api } from "../lib/api";\nexport function Checkout() {\n  return <button onClick={async () => { await api.post("/orders", {}); }}>Order</button>;\n}`,
      errors: [{ line: 3, message: "the onClick handler" }],
    },
    {
      name: "an alias resolves from the project folder (package.json), not from a folder in between",
      filename: "/workspace/apps/web/app/orders/page.tsx",
      files: {
        "apps/web/package.json": `{ "name": "web" }`,
        "apps/web/app/lib/http.ts": `export const http = new Map<string, unknown>();`,
        "apps/web/lib/http.ts": `import ky from "ky";\nexport const http = ky.create({ prefixUrl: "/api" });`,
      },
      code: `"use client";\nimport { http } from "@/lib/http";\nexport default function Orders() {\n  return <button onClick={() => http.post("orders")}>Add</button>;\n}`,
      errors: 1,
    },
    {
      name: "imported instance through a re-export",
      filename: "/workspace/src/pages/B.tsx",
      files: { "src/lib/index.ts": `export { http } from "./http";`, "src/lib/http.ts": `import ky from "ky";\nexport const http = ky.create({ prefixUrl: "/api" });` },
      code: `import { http } from "@/lib";\nexport function B() {\n  return <button onClick={() => http.post("items")}>Add</button>;\n}`,
      errors: 1,
    },
    {
      name: "same-file wrapper called from two handlers: one finding per dropping call site",
      filename: tsx,
      code: `async function api(path: string) {\n  const r = await fetch(path);\n  return r.json();\n}\nexport function A() {\n  return <>\n    <button onClick={() => api("/a")}>A</button>\n    <button onClick={() => api("/b")}>B</button>\n  </>;\n}`,
      errors: [{ line: 7, column: 28 }, { line: 8, column: 28 }],
    },
    {
      name: "Promise.all does not handle a rejection",
      code: `export function start() {\n  setTimeout(async () => {\n    await Promise.all([fetch("/a"), fetch("/b")]);\n  }, 10);\n}`,
      errors: [{ line: 3, column: 24 }, { line: 3, column: 37 }],
    },
    {
      name: "class method called from a listener",
      code: `export class Sync {\n  async push() {\n    await fetch("/api/push", { method: "POST" });\n  }\n  start() {\n    window.addEventListener("online", () => this.push());\n  }\n}`,
      errors: [{ line: 6, message: "push() makes a request" }],
    },
    {
      name: "class component handler referenced as this.method",
      filename: tsx,
      code: `import React from "react";\nexport class Upload extends React.Component {\n  handleClick = async () => {\n    await fetch("/api/upload", { method: "POST" });\n  };\n  render() {\n    return <button onClick={this.handleClick}>Upload</button>;\n  }\n}`,
      errors: [{ line: 4, message: "the onClick handler" }],
    },
    {
      name: "on* property assignment",
      code: `window.onload = async () => {\n  await fetch("/api/boot");\n};`,
      errors: [{ line: 2, message: "the onload handler" }],
    },
    {
      name: "a catch that logs and rethrows hands the failure on",
      code: `async function load() {\n  try {\n    return await fetch("/api/x");\n  } catch (e) {\n    console.error(e);\n    throw e;\n  }\n}\nsetTimeout(() => { load(); }, 10);`,
      errors: [{ line: 9, column: 20 }],
    },
    {
      name: "return inside try without await is not caught",
      filename: tsx,
      code: `export function A() {\n  async function load() {\n    try {\n      return fetch("/api/x");\n    } catch {\n      return null;\n    }\n  }\n  return <button onClick={load}>Load</button>;\n}`,
      errors: [{ line: 4 }],
    },
  ],
};
ruleTester(rule, cases);
fixesResolve(rule, cases.invalid);

test("a Next.js page also gets an error.tsx boundary fix beside it", () => {
  const findings = run(rule, {
    filename: "/workspace/app/shop/page.tsx",
    code: `export default async function Page() {\n  const r = await fetch("https://api.example.com/items");\n  return <p>{r.status}</p>;\n}`,
  });
  assert.equal(findings.length, 1);
  const boundary = findings[0].fixes.find((f) => f.edits.some((e) => e.file === "app/shop/error.tsx"));
  assert.ok(boundary, "expected a fix creating app/shop/error.tsx");
  assert.match(boundary.edits[0].newText, /^"use client";/);
  assert.ok(parseSource("error.tsx", boundary.edits[0].newText).statements.length > 0);
});
