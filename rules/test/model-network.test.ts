import { mock, test } from "node:test";
import assert from "node:assert/strict";
import { analyzeSource } from "../src/engine/linter.js";
import type { Rule, RuleContext } from "../src/engine/types.js";
import { networkModel, type NetworkModel } from "../src/model/network.js";
import { callsModel, type CallsModel } from "../src/model/calls.js";
import { moduleExports, resolveModule } from "../src/model/workspaceModules.js";
import parseModule = require("../src/engine/parse.js");

/** Run the models over a snippet through the engine (so the file index is filled) and hand them back. */
function models(code: string, fileName = "/workspace/src/file.ts", files: Record<string, string> = {}): { net: NetworkModel; flow: CallsModel; ctx: RuleContext } {
  let out: { net: NetworkModel; flow: CallsModel; ctx: RuleContext } | undefined;
  const probe: Rule = {
    meta: { id: "probe", steps: ["errors"], severity: "info", description: "probe", fixable: false },
    create(ctx) {
      return { onEnd: () => void (out = { net: ctx.model(networkModel), flow: ctx.model(callsModel), ctx }) };
    },
  };
  analyzeSource({ fileName, text: code, relPath: fileName.replace(/^\/workspace\//, "") }, { rules: [probe], workspace: { root: "/workspace", readFile: (r) => files[r] } });
  assert.ok(out);
  return out;
}

const clients = (code: string, fileName?: string, files?: Record<string, string>) => {
  const { net, ctx } = models(code, fileName, files);
  return net.calls.map((c) => `${c.client}${c.method ? "." + c.method : ""}:${c.promise.getText(ctx.sourceFile).slice(0, 60)}`);
};

test("network model: recognises each client and call shape", () => {
  assert.deepEqual(clients("fetch('/a'); window.fetch('/b');"), ["fetch:fetch('/a')", "fetch:window.fetch('/b')"]);
  assert.deepEqual(clients("import axios from 'axios';\naxios('/a'); axios.get('/b'); axios({ url: '/c' });"), ["axios:axios('/a')", "axios.get:axios.get('/b')", "axios:axios({ url: '/c' })"]);
  assert.deepEqual(clients("import axios from 'axios';\nconst api = axios.create({ baseURL: '/api' });\napi.post('/x', {});"), ["axios.post:api.post('/x', {})"]);
  assert.deepEqual(clients("import ky from 'ky';\nky.get('/a').json();"), ["ky.get:ky.get('/a').json()"]);
  assert.deepEqual(clients("import got from 'got';\ngot('https://x').json();"), ["got:got('https://x').json()"]);
  assert.deepEqual(clients("import { ofetch } from 'ofetch';\nofetch('/a'); $fetch('/b');"), ["ofetch:ofetch('/a')", "ofetch:$fetch('/b')"]);
  assert.deepEqual(clients("import request from 'superagent';\nrequest.post('/a').send({}).set('x', 'y');"), ["superagent.post:request.post('/a').send({}).set('x', 'y')"]);
  assert.deepEqual(clients("import fetch from 'node-fetch';\nfetch('https://x');"), ["fetch:fetch('https://x')"]);
});

test("network model: imported clients by shape without a workspace index, and look-alikes", () => {
  assert.deepEqual(clients("import { api } from '../lib/api';\napi.post('/orders', {});"), ["imported.post:api.post('/orders', {})"]);
  assert.deepEqual(clients("import { cache } from './cache';\ncache.get('user:1');"), []);
  assert.deepEqual(clients("import { router } from './router';\nrouter.get('/users', list);"), []);
  assert.deepEqual(clients("import { Router } from 'express';\nconst r = Router();\nr.get('/x', (req, res) => res.end());"), []);
  assert.deepEqual(clients("function fetch(x: string) { return x; }\nfetch('/a');"), []);
});

test("network model: imported clients resolved through the workspace", () => {
  const files = { "src/lib/http.ts": "import axios from 'axios';\nexport const http = axios.create({ baseURL: 'https://api.example.com', timeout: 5000 });" };
  const { net } = models("import { http } from './lib/http';\nhttp.get('/x');", "/workspace/src/a.ts", files);
  assert.equal(net.calls.length, 1);
  assert.equal(net.calls[0].instance?.hasTimeout, true);
  assert.equal(net.calls[0].instance?.absoluteBase, true);
  const wrapper = models("import { getJson } from './api';\ngetJson('/x');", "/workspace/src/a.ts", { "src/api.ts": "export async function getJson(p: string) { const r = await fetch(p); return r.json(); }" });
  assert.equal(wrapper.net.importedWrapperCalls.length, 1);
});

test("network model: where a file runs", () => {
  const rt = (code: string, fileName: string) => models(code, fileName).net.runtime();
  assert.equal(rt("'use client';\nexport const a = 1;", "/workspace/components/A.tsx"), "browser");
  assert.equal(rt("'use server';\nexport async function a() {}", "/workspace/app/actions.ts"), "server");
  assert.equal(rt("export async function GET() {}", "/workspace/app/api/x/route.ts"), "server");
  assert.equal(rt("import express from 'express';", "/workspace/src/app.ts"), "server");
  assert.equal(rt("const k = process.env.STRIPE_SECRET_KEY;", "/workspace/src/lib/pay.ts"), "server");
  assert.equal(rt("const u = import.meta.env.VITE_API;", "/workspace/src/api/client.ts"), "browser");
  assert.equal(rt("const u = process.env.NEXT_PUBLIC_API;", "/workspace/lib/api.ts"), "unknown");
  assert.equal(rt("console.log(1);", "/workspace/scripts/seed.ts"), "server");
  assert.equal(rt("export const a = 1;", "/workspace/src/controllers/users.ts"), "server");
  assert.equal(rt("export const a = 1;", "/workspace/src/routes/users.js"), "server");
  assert.equal(rt("export const load = () => 1;", "/workspace/src/routes/blog/+page.ts"), "unknown");
  assert.equal(rt("export const a = 1;", "/workspace/app/routes/index.ts"), "unknown");
  assert.equal(rt("import 'server-only';\nexport const a = 1;", "/workspace/lib/data.ts"), "server");
});

test("calls model: entry points and where a rejection goes", () => {
  const code = [
    "import { useEffect } from 'react';",
    "async function load() { await fetch('/a'); }",
    "export function A() {",
    "  useEffect(() => { load(); }, []);",
    "  return <button onClick={async () => { try { await fetch('/b'); } catch {} }}>x</button>;",
    "}",
  ].join("\n");
  const { net, flow, ctx } = models(code, "/workspace/src/A.tsx");
  const [a, b] = net.calls;
  const dropsA = flow.dropsOf(a.promise);
  assert.equal(dropsA.length, 1);
  assert.equal(dropsA[0].entry.kind, "effect");
  assert.equal(dropsA[0].site.getText(ctx.sourceFile), "load()");
  assert.deepEqual(flow.dropsOf(b.promise), []);
});

test("module exports: a narrow need is answered without a parse and never stands in for a wider one", () => {
  // Same path and text in every step: the cache decides what is computed again.
  const files: Record<string, string> = {
    "lib/config.ts": `export const API = "https://api.example.com";\nexport function pick() { return 1; }\nexport const store = { get: (k: string) => k };`,
    "lib/http.ts": `export async function getJson(p: string) { const r = await fetch(p); return r.json(); }`,
  };
  const ws = { root: "/ws", readFile: (r: string) => files[r] };
  const kinds = (m: ReadonlyMap<string, { kind: string }>) => Object.fromEntries([...m].map(([k, v]) => [k, v.kind]));
  assert.deepEqual(kinds(moduleExports(ws, "lib/config.ts", 0, "client")), {}, "no client hint: nothing to parse for clients");
  assert.deepEqual(kinds(moduleExports(ws, "lib/config.ts", 0, "url")), { API: "url", pick: "none" }, "the light client answer is not reused for URLs");
  assert.deepEqual(kinds(moduleExports(ws, "lib/config.ts", 0, "all")), { API: "url", pick: "none" }, "store stays absent: an object we cannot see into");
  assert.deepEqual(kinds(moduleExports(ws, "lib/http.ts", 0, "client")), { getJson: "wrapper" });
  files["lib/http.ts"] = `export function getJson(p: string) { return p; }`;
  assert.deepEqual(kinds(moduleExports(ws, "lib/http.ts", 0, "client")), {}, "a new text is looked at again");
});

test("module resolution: a host's memo answers a folder's specifier once, the same as resolving anew", () => {
  const files: Record<string, string> = { "package.json": "{}", "src/lib/api.ts": "export {}", "src/app/a/page.tsx": "", "src/app/b/page.tsx": "" };
  let reads = 0;
  const plain = { root: "/ws", readFile: (r: string) => files[r] };
  const memo = { root: "/ws", readFile: (r: string) => (reads++, files[r]), resolutions: new Map<string, string | undefined>() };
  const asks: Array<[string, string]> = [["src/app/a/page.tsx", "@/lib/api"], ["src/app/a/page.tsx", "../../lib/api"], ["src/app/a/page.tsx", "@/lib/none"], ["src/app/b/page.tsx", "@/lib/api"], ["src/app/b/page.tsx", "../../lib/api"]];
  for (const [from, spec] of asks) assert.equal(resolveModule(memo, from, spec), resolveModule(plain, from, spec), `${from} ${spec}`);
  const first = reads;
  for (const [from, spec] of asks) resolveModule(memo, from.replace("page.tsx", "layout.tsx"), spec);
  assert.equal(reads, first, "a second file of the same folder reads nothing");
  assert.equal(resolveModule(memo, "src/app/c/page.tsx", "@/lib/api"), "src/lib/api.ts");
  assert.equal(reads, first + 3, "a new folder: only whether it is a project folder; the folders above and the target are known");
  assert.equal(memo.resolutions.get("src/app/a/\0@/lib/none"), undefined);
  assert.ok(memo.resolutions.has("src/app/a/\0@/lib/none"), "a miss is remembered too");
});

test("module resolution: an alias is resolved once per project folder, not once per folder below it", () => {
  const files: Record<string, string> = { "package.json": "{}", "apps/web/package.json": "{}", "apps/web/lib/api.ts": "export {}", "packages/ui/src/button.tsx": "" };
  const plain = { root: "/ws", readFile: (r: string) => files[r] };
  const memo = { root: "/ws", readFile: (r: string) => files[r], resolutions: new Map<string, string | undefined>() };
  const asks: Array<[string, string]> = [["apps/web/app/a/page.tsx", "@/lib/api"], ["apps/web/app/b/c/page.tsx", "@/lib/api"], ["apps/web/ui/x.tsx", "@/lib/none"], ["apps/web/app/d/page.tsx", "@/lib/none"], ["packages/ui/src/a.tsx", "@/lib/api"]];
  for (const [from, spec] of asks) assert.equal(resolveModule(memo, from, spec), resolveModule(plain, from, spec), `${from} ${spec}`);
  assert.equal(memo.resolutions.get("\0a\0apps/web\0@/lib/api"), "apps/web/lib/api.ts");
  assert.ok(memo.resolutions.has("\0a\0apps/web\0@/lib/none"), "a miss is remembered per project folder too");
  assert.equal(memo.resolutions.get("\0a\0\0@/lib/api"), undefined, "packages/ui is no project folder: the root's answer");
  // A folder not seen yet takes the project folder's answer without resolving the alias again.
  memo.resolutions.set("\0a\0apps/web\0@/lib/other", "apps/web/lib/api.ts");
  assert.equal(resolveModule(memo, "apps/web/app/e/page.tsx", "@/lib/other"), "apps/web/lib/api.ts");
});

test("module exports: `fetch` inside a longer word is no sign of a client, a word or a fetch library is", () => {
  const files: Record<string, string> = {
    "lib/swr.ts": "export const fetcher = (k: string) => prefetch(k);\nexport function useRefetch() { return refetch; }\n",
    "lib/plain.ts": "export async function getJson(u: string) { return fetch(u); }\n",
    "lib/unfetch.ts": 'import f from "isomorphic-unfetch";\nexport async function load(u: string) { return f(u); }\n',
    "lib/ofetch.ts": 'import { ofetch as get } from "ofetch";\nexport async function load(u: string) { return get(u); }\n',
  };
  const parse = mock.method(parseModule, "parseSource");
  const parsed = () => parse.mock.calls.map((c) => c.arguments[0]);
  const ws = { root: "/ws", readFile: (r: string) => files[r] };
  const kinds = (m: ReadonlyMap<string, { kind: string }>) => Object.fromEntries([...m].map(([k, v]) => [k, v.kind]));
  assert.deepEqual(kinds(moduleExports(ws, "lib/swr.ts", 0, "client")), {});
  assert.deepEqual(parsed(), [], "no parse for a module that cannot make a request");
  assert.deepEqual(kinds(moduleExports(ws, "lib/plain.ts", 0, "client")), { getJson: "wrapper" });
  assert.deepEqual(kinds(moduleExports(ws, "lib/unfetch.ts", 0, "client")), { load: "wrapper" });
  assert.deepEqual(kinds(moduleExports(ws, "lib/ofetch.ts", 0, "client")), { load: "wrapper" });
  assert.deepEqual(kinds(moduleExports(ws, "lib/swr.ts", 0, "all")), { fetcher: "none", useRefetch: "none" }, "parsed when every export matters");
  parse.mock.restore();
});
