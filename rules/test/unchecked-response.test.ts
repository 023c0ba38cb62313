import rule from "../src/rules/unchecked-response.js";
import { fixesResolve } from "./fixCheck.js";
import { ruleTester, type InvalidCase, type ValidCase } from "./ruleTester.js";

const cases: { valid: (ValidCase | string)[]; invalid: InvalidCase[] } = {
  valid: [
    {
      name: "a module-relative asset (new URL(…, import.meta.url)) is a bundled file, not a request",
      filename: "/workspace/app/api/og/route.tsx",
      code: 'const font = fetch(new URL("../../assets/Inter.ttf", import.meta.url)).then((res) => res.arrayBuffer());\nexport async function GET() { return new Response(await font); }',
    },
    "async function f() {\n  const res = await fetch('/api/x');\n  if (!res.ok) throw new Error(String(res.status));\n  return res.json();\n}",
    "async function f() {\n  const res = await fetch('/api/x');\n  if (res.status === 404) return null;\n  return await res.json();\n}",
    "async function f() {\n  const res = await fetch('/api/x');\n  switch (res.status) {\n    case 200: return res.json();\n    default: throw new Error('bad');\n  }\n}",
    "import assert from 'node:assert';\nasync function f() {\n  const res = await fetch('/api/x');\n  assert(res.ok);\n  return res.json();\n}",
    "async function f() {\n  const res = await fetch('/api/x');\n  return res.ok ? res.json() : null;\n}",
    "async function f() {\n  const res = await fetch('/api/x');\n  await ensureOk(res);\n  return res.json();\n}",
    "async function f() {\n  const res = await fetch('/api/x');\n  return handleResponse(res);\n}",
    "fetch('/api/x').then((r) => { if (!r.ok) throw new Error('x'); return r.json(); });",
    "fetch('/api/x').then((r) => (r.ok ? r.json() : Promise.reject(r.status)));",
    // the body is never read
    "async function f() { await fetch('/api/x', { method: 'DELETE' }); }",
    "async function f() { const res = await fetch('/api/x'); console.log(res.headers.get('etag')); }",
    // clients that reject non-2xx answers themselves
    "import axios from 'axios';\nasync function f() { const res = await axios.get('/api/x'); return res.data; }",
    "import ky from 'ky';\nasync function f() { return ky.get('/api/x').json(); }",
    "import got from 'got';\nasync function f() { return got('https://x.example').json(); }",
    // a request body read in a route handler is not a fetch Response
    "export async function POST(request: Request) { const body = await request.json(); return Response.json(body); }",
    // a wrapper that checks the status itself returns data, not a Response
    "async function getJson(p: string) {\n  const r = await fetch(p);\n  if (!r.ok) throw new Error('x');\n  return r.json();\n}\nexport async function me() {\n  const data = await getJson('/me');\n  return data.json();\n}",
    // destructured status
    "async function f() {\n  const res = await fetch('/x');\n  const { ok } = res;\n  if (!ok) return;\n  return res.json();\n}",
  ],
  invalid: [
    {
      name: "Responses destructured from Promise.all: the unchecked one is reported",
      code: "async function both() {\n  const [a, b] = await Promise.all([\n    fetch('/api/a'),\n    fetch('/api/b'),\n  ]);\n  if (!b.ok) return null;\n  const first = await a.json();\n  return [first, await b.json()];\n}",
      errors: [{ line: 3, column: 5, endLine: 7 }],
      output: "async function both() {\n  const [a, b] = await Promise.all([\n    fetch('/api/a'),\n    fetch('/api/b'),\n  ]);\n  if (!b.ok) return null;\n  if (!a.ok) throw new Error(`Request failed with ${a.status}`);\n  const first = await a.json();\n  return [first, await b.json()];\n}",
    },
    {
      code: "async function load() {\n  const res = await fetch('/api/reservations', { method: 'POST' });\n  const data = await res.json();\n  return data;\n}",
      errors: [{ line: 2, column: 21, endLine: 3, message: "without checking res.ok" }],
      output: "async function load() {\n  const res = await fetch('/api/reservations', { method: 'POST' });\n  if (!res.ok) throw new Error(`Request failed with ${res.status}`);\n  const data = await res.json();\n  return data;\n}",
    },
    {
      name: ".then((r) => r.json()) chain",
      code: "fetch('/api/loans')\n  .then((response) => response.json())\n  .then(console.log);",
      errors: [{ line: 1, column: 1, endLine: 2 }],
      output: "fetch('/api/loans')\n  .then((response) => { if (!response.ok) throw new Error(`Request failed with ${response.status}`); return response.json(); })\n  .then(console.log);",
    },
    {
      name: "blob read in a returned expression",
      code: "export async function download(month: string): Promise<Blob> {\n  const res = await fetch(`/reports?month=${month}`);\n  return res.blob();\n}",
      errors: [{ line: 2 }],
      output: "export async function download(month: string): Promise<Blob> {\n  const res = await fetch(`/reports?month=${month}`);\n  if (!res.ok) throw new Error(`Request failed with ${res.status}`);\n  return res.blob();\n}",
    },
    {
      name: "status checked only after the body is read",
      code: "async function f() {\n  const res = await fetch('/x');\n  const text = await res.text();\n  if (!res.ok) throw new Error(text);\n  return text;\n}",
      errors: 1,
    },
    {
      name: "read at module top level of a script",
      filename: "/workspace/scripts/replay.mjs",
      code: "for (const id of ids) {\n  const res = await fetch(`${base}/replay/${id}`, { method: 'POST' });\n  const body = await res.json();\n  console.log(id, res.status, body);\n}",
      errors: [{ line: 2 }],
      output: "for (const id of ids) {\n  const res = await fetch(`${base}/replay/${id}`, { method: 'POST' });\n  if (!res.ok) throw new Error(`Request failed with ${res.status}`);\n  const body = await res.json();\n  console.log(id, res.status, body);\n}",
    },
    {
      name: "node-fetch import, function-expression callback",
      code: "import fetch from 'node-fetch';\nfetch('https://x.example').then(function (r) { return r.text(); });",
      errors: 1,
    },
    {
      name: "through a same-file wrapper that returns the raw Response",
      code: "const apiFetch = (path: string) => fetch(`/api${path}`, { credentials: 'include' });\nexport async function me() {\n  const res = await apiFetch('/me');\n  return res.json();\n}",
      errors: [{ line: 3, column: 21 }],
      output: "const apiFetch = (path: string) => fetch(`/api${path}`, { credentials: 'include' });\nexport async function me() {\n  const res = await apiFetch('/me');\n  if (!res.ok) throw new Error(`Request failed with ${res.status}`);\n  return res.json();\n}",
    },
    {
      name: "(await fetch()).json() inline: reported without a fix",
      code: "async function f() { return (await fetch('/x')).json(); }",
      errors: 1,
      output: null,
    },
  ],
};
ruleTester(rule, cases);
fixesResolve(rule, cases.invalid);
