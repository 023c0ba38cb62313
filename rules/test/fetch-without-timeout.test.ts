import rule from "../src/rules/fetch-without-timeout.js";
import { fixesResolve } from "./fixCheck.js";
import { ruleTester, type InvalidCase, type ValidCase } from "./ruleTester.js";

const route = "/workspace/app/api/translate/route.ts";
const express = "/workspace/src/routes/mail.ts";

const cases: { valid: (ValidCase | string)[]; invalid: InvalidCase[] } = {
  valid: [
    // signal / timeout set
    { filename: route, code: "export async function GET() {\n  return fetch('https://api.example.com/x', { signal: AbortSignal.timeout(5000) });\n}" },
    { filename: express, code: "import axios from 'axios';\nimport express from 'express';\nexport async function send() { await axios.post('https://api.mailgun.net/v3/messages', {}, { timeout: 8000 }); }" },
    // relative URLs are the app's own API
    { filename: route, code: "export async function GET() { return fetch('/api/other'); }" },
    // localhost is the developer's own service
    { filename: route, code: "export async function GET() { return fetch('http://localhost:4000/health'); }" },
    // browser code is out of scope
    { filename: "/workspace/components/Form.tsx", code: "'use client';\nexport function F() { return <button onClick={() => fetch('https://api.example.com/x')}>x</button>; }" },
    { filename: "/workspace/src/api/client.ts", code: "const BASE = import.meta.env.VITE_API;\nexport async function f() { return fetch('https://api.openai.com/v1/chat'); }" },
    // instance created with a timeout
    { filename: express, code: "import axios from 'axios';\nimport express from 'express';\nconst strava = axios.create({ baseURL: 'https://www.strava.com/api/v3', timeout: 8_000 });\nexport const list = () => strava.get('/athlete/activities');" },
    // axios.defaults.timeout
    { filename: express, code: "import axios from 'axios';\nimport express from 'express';\naxios.defaults.timeout = 5000;\nexport const f = () => axios.get('https://api.example.com/x');" },
    // ky has a 10 s default timeout
    { filename: express, code: "import ky from 'ky';\nimport express from 'express';\nexport const f = () => ky.get('https://api.example.com/x').json();" },
    // options built elsewhere may carry a signal
    { filename: route, code: "export async function GET() { return fetch('https://api.example.com/x', init); }" },
    { filename: route, code: "export async function GET() { return fetch('https://api.example.com/x', { ...defaults, method: 'POST' }); }" },
    // a URL of unknown origin (from the database) is not judged
    { filename: route, code: "export async function POST() { const d = await db.get(); return fetch(d.url, { method: 'POST' }); }" },
    // superagent with .timeout()
    { filename: express, code: "import request from 'superagent';\nimport express from 'express';\nexport const f = () => request.get('https://api.example.com/x').timeout(5000);" },
    // an imported constant that is not a URL
    {
      filename: "/workspace/src/services/billing.ts",
      files: { "src/config.ts": "export const INVOICES_PATH = '/invoices';" },
      code: "import { INVOICES_PATH } from '../config';\nimport { pool } from '../db';\nexport const invoices = () => fetch(INVOICES_PATH);",
    },
    // options object declared above the call with a signal
    { filename: route, code: "export async function GET() {\n  const init = { method: 'POST', signal: AbortSignal.timeout(3000) };\n  return fetch('https://api.example.com/x', init);\n}" },
    // tests are not production code
    { filename: "/workspace/scripts/smoke.test.mjs", code: "await fetch('https://api.example.com/x');" },
    // under src/ of a Vite single-page app: browser code, even when it reads a non-public env name
    { filename: "/workspace/web/src/lib/weather.ts", files: { "web/vite.config.ts": "export default {};" }, code: "const KEY = process.env.WEATHER_KEY;\nexport const w = () => fetch(`https://api.weather.example/now?key=${KEY}`);" },
    // a file that could run anywhere: not judged
    "export const f = () => fetch('https://api.example.com/x');",
  ],
  invalid: [
    {
      name: "absolute URL in a Next.js route handler",
      filename: route,
      code: "export async function POST(req: Request) {\n  const res = await fetch('https://api.deepl.com/v2/translate', {\n    method: 'POST',\n    body: await req.text(),\n  });\n  return res;\n}",
      errors: [{ line: 2, column: 21, message: "signal: AbortSignal.timeout(10_000)" }],
      output: "export async function POST(req: Request) {\n  const res = await fetch('https://api.deepl.com/v2/translate', {\n    method: 'POST',\n    body: await req.text(),\n    signal: AbortSignal.timeout(10_000),\n  });\n  return res;\n}",
    },
    {
      name: "env-configured base URL, no init object",
      filename: route,
      code: "export async function GET() {\n  return fetch(`${process.env.TRANSLATE_API_URL}/v2/usage`);\n}",
      errors: 1,
      output: "export async function GET() {\n  return fetch(`${process.env.TRANSLATE_API_URL}/v2/usage`, { signal: AbortSignal.timeout(10_000) });\n}",
    },
    {
      name: "const initialised from process.env",
      filename: express,
      code: "import express from 'express';\nconst BILLING = process.env.BILLING_URL ?? 'http://localhost:9000';\nexport const f = () => fetch(`${BILLING}/invoices`, { method: 'GET' });",
      errors: 1,
      output: "import express from 'express';\nconst BILLING = process.env.BILLING_URL ?? 'http://localhost:9000';\nexport const f = () => fetch(`${BILLING}/invoices`, { method: 'GET', signal: AbortSignal.timeout(10_000) });",
    },
    {
      name: "const webhook URL in a server file",
      filename: "/workspace/src/lib/notify.ts",
      code: "import { createHmac } from 'node:crypto';\nconst HOOK = 'https://hooks.slack.com/services/T000/B000/XXXX';\nexport async function notify(text: string) {\n  await fetch(HOOK, { method: 'POST', body: JSON.stringify({ text }) });\n}",
      errors: [{ line: 4, column: 9 }],
    },
    {
      name: "axios.post with data and no config",
      filename: express,
      code: "import axios from 'axios';\nimport express from 'express';\nexport const send = (data: object) => axios.post('https://api.mailgun.net/v3/messages', data);",
      errors: [{ message: "timeout: 10_000" }],
      output: "import axios from 'axios';\nimport express from 'express';\nexport const send = (data: object) => axios.post('https://api.mailgun.net/v3/messages', data, { timeout: 10_000 });",
    },
    {
      name: "axios.post with no data: the config goes third",
      filename: express,
      code: "import axios from 'axios';\nimport express from 'express';\nexport const ping = () => axios.post('https://api.example.com/ping');",
      errors: 1,
      output: "import axios from 'axios';\nimport express from 'express';\nexport const ping = () => axios.post('https://api.example.com/ping', undefined, { timeout: 10_000 });",
    },
    {
      name: "axios instance without a timeout: the fix goes into create()",
      filename: "/workspace/src/services/wearables.ts",
      code: "import axios from 'axios';\nimport { pool } from '../db';\nconst garmin = axios.create({ baseURL: process.env.GARMIN_API_BASE ?? 'https://apis.garmin.com' });\nexport async function dailies() {\n  const res = await garmin.get('/dailies', { params: { day: 1 } });\n  return res.data;\n}",
      errors: [{ line: 5, column: 21 }],
      output: "import axios from 'axios';\nimport { pool } from '../db';\nconst garmin = axios.create({ baseURL: process.env.GARMIN_API_BASE ?? 'https://apis.garmin.com', timeout: 10_000 });\nexport async function dailies() {\n  const res = await garmin.get('/dailies', { params: { day: 1 } });\n  return res.data;\n}",
    },
    {
      name: "axios(config)",
      filename: express,
      code: "import axios from 'axios';\nimport express from 'express';\nexport const f = () => axios({ url: 'https://api.example.com/x', method: 'get' });",
      errors: 1,
      output: "import axios from 'axios';\nimport express from 'express';\nexport const f = () => axios({ url: 'https://api.example.com/x', method: 'get', timeout: 10_000 });",
    },
    {
      name: "got, ofetch and superagent in a Node script",
      filename: "/workspace/scripts/sync.mjs",
      code: "import got from 'got';\nimport { ofetch } from 'ofetch';\nimport request from 'superagent';\nawait got.post('https://api.example.com/a', { json: {} });\nawait ofetch('https://api.example.com/b');\nawait request.post('https://api.example.com/c').send({});",
      errors: 3,
      output: "import got from 'got';\nimport { ofetch } from 'ofetch';\nimport request from 'superagent';\nawait got.post('https://api.example.com/a', { json: {}, timeout: { request: 10_000 } });\nawait ofetch('https://api.example.com/b', { timeout: 10_000 });\nawait request.post('https://api.example.com/c').timeout(10_000).send({});",
    },
    {
      name: "server action",
      filename: "/workspace/app/actions.ts",
      code: "'use server';\nexport async function sms(to: string) {\n  await fetch(`https://api.twilio.com/2010-04-01/Messages.json`, { method: 'POST', body: to });\n}",
      errors: 1,
    },
    {
      name: "URL constant imported from the project's config module",
      filename: "/workspace/src/services/billing.ts",
      files: { "src/config.ts": "export const BILLING_API = process.env.BILLING_API_URL ?? 'https://billing.example.com';" },
      code: "import { BILLING_API } from '../config';\nimport { pool } from '../db';\nexport const invoices = () => fetch(`${BILLING_API}/invoices`);",
      errors: 1,
    },
    {
      name: "getServerSideProps runs on the server even in a page file",
      filename: "/workspace/pages/weather.tsx",
      code: "export async function getServerSideProps() {\n  const res = await fetch('https://api.weather.example/today');\n  return { props: { w: await res.json() } };\n}\nexport default function P({ w }: any) { return <p>{w.t}</p>; }",
      errors: [{ line: 2 }],
    },
    {
      name: "options object declared above the call without a signal",
      filename: route,
      code: "export async function GET() {\n  const init = { method: 'POST' };\n  return fetch('https://api.example.com/x', init);\n}",
      errors: 1,
      output: null,
    },
    {
      name: "base URL held by a class property",
      filename: "/workspace/src/clients/github.ts",
      code: "import { Octokit } from '@octokit/core';\nimport 'server-only';\nexport class GitHub {\n  private base = 'https://api.github.com';\n  repo(name: string) {\n    return fetch(`${this.base}/repos/${name}`);\n  }\n}",
      errors: [{ line: 6 }],
    },
    {
      name: "base URL held by a config object",
      filename: express,
      code: "import express from 'express';\nconst config = { crmUrl: process.env.CRM_URL, port: 3000 };\nexport const contacts = () => fetch(`${config.crmUrl}/contacts`, { headers: {} });",
      errors: 1,
    },
    {
      name: "CommonJS Express route, URL through encodeURI in a local const",
      filename: "/workspace/routes/api/profile.js",
      code: "const express = require('express');\nconst axios = require('axios');\nconst router = express.Router();\nrouter.get('/github/:u', async (req, res) => {\n  try {\n    const uri = encodeURI(`https://api.github.com/users/${req.params.u}/repos`);\n    const r = await axios.get(uri, { headers: {} });\n    res.json(r.data);\n  } catch (e) {\n    res.status(404).end();\n  }\n});",
      errors: [{ line: 7 }],
      output: "const express = require('express');\nconst axios = require('axios');\nconst router = express.Router();\nrouter.get('/github/:u', async (req, res) => {\n  try {\n    const uri = encodeURI(`https://api.github.com/users/${req.params.u}/repos`);\n    const r = await axios.get(uri, { headers: {}, timeout: 10_000 });\n    res.json(r.data);\n  } catch (e) {\n    res.status(404).end();\n  }\n});",
    },
    {
      name: "trailing comma in a multi-line init",
      filename: "/workspace/pages/api/hook.ts",
      code: "export default async function handler(req: any, res: any) {\n  await fetch('https://example.com/hook', {\n    method: 'POST',\n  });\n  res.end();\n}",
      errors: 1,
      output: "export default async function handler(req: any, res: any) {\n  await fetch('https://example.com/hook', {\n    method: 'POST',\n    signal: AbortSignal.timeout(10_000),\n  });\n  res.end();\n}",
    },
  ],
};
ruleTester(rule, cases);
fixesResolve(rule, cases.invalid);
