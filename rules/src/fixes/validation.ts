import ts = require("typescript");
import type { Edit, Fix, RuleContext } from "../engine/types.js";
import type { RouteHandler } from "../model/routes.js";
import type { RequestFlow } from "../model/requestFlow.js";
import { eol, indentAt, indentUnit, preferredQuote } from "./indent.js";
// TypeScript's exports are getters on an object too large for fast properties: read once.
const { SyntaxKind, getModifiers, isAwaitExpression, isBlock, isExpressionStatement, isImportDeclaration, isSourceFile, isStringLiteral } = ts;

type Lib = "zod" | "valibot" | "joi" | "yup";

interface LibShape {
  importText: (q: string) => string;
  requireText: (q: string) => string;
  ns: string;
  object: (fields: string) => string;
  str: string;
  num: string;
  optional: (t: string) => string;
  /** Statement that validates `input` into `r`. */
  parse: (schema: string, input: string, r: string) => string;
  fail: (r: string) => string;
  data: (r: string) => string;
  issues: (r: string) => string;
}

const LIBS: Record<Lib, LibShape> = {
  zod: {
    importText: (q) => `import { z } from ${q}zod${q};`,
    requireText: (q) => `const { z } = require(${q}zod${q});`,
    ns: "z",
    object: (f) => `z.object({${f}})`,
    str: "z.string()",
    num: "z.number()",
    optional: (t) => `${t}.optional()`,
    parse: (s, i, r) => `const ${r} = ${s}.safeParse(${i});`,
    fail: (r) => `!${r}.success`,
    data: (r) => `${r}.data`,
    issues: (r) => `${r}.error.issues`,
  },
  valibot: {
    importText: (q) => `import * as v from ${q}valibot${q};`,
    requireText: (q) => `const v = require(${q}valibot${q});`,
    ns: "v",
    object: (f) => `v.object({${f}})`,
    str: "v.string()",
    num: "v.number()",
    optional: (t) => `v.optional(${t})`,
    parse: (s, i, r) => `const ${r} = v.safeParse(${s}, ${i});`,
    fail: (r) => `!${r}.success`,
    data: (r) => `${r}.output`,
    issues: (r) => `${r}.issues`,
  },
  joi: {
    importText: (q) => `import Joi from ${q}joi${q};`,
    requireText: (q) => `const Joi = require(${q}joi${q});`,
    ns: "Joi",
    object: (f) => `Joi.object({${f}})`,
    str: "Joi.string().required()",
    num: "Joi.number().required()",
    optional: (t) => t.replace(".required()", ""),
    parse: (s, i, r) => `const ${r} = ${s}.validate(${i});`,
    fail: (r) => `${r}.error`,
    data: (r) => `${r}.value`,
    issues: (r) => `${r}.error.details`,
  },
  yup: {
    importText: (q) => `import * as yup from ${q}yup${q};`,
    requireText: (q) => `const yup = require(${q}yup${q});`,
    ns: "yup",
    object: (f) => `yup.object({${f}})`,
    str: "yup.string().required()",
    num: "yup.number().required()",
    optional: (t) => t.replace(".required()", ""),
    parse: (s, i, r) => `const ${r} = await ${s}.validate(${i}).then((value) => ({ value, error: undefined }), (error) => ({ value: undefined, error }));`,
    fail: (r) => `${r}.error`,
    data: (r) => `${r}.value`,
    issues: (r) => `${r}.error.errors`,
  },
};

function pickLib(ctx: RuleContext, fnIsAsync: boolean): Lib {
  const imported = (m: string) => ctx.index.importsFrom(m);
  if (imported("zod")) return "zod";
  if (imported("valibot")) return "valibot";
  if (imported("joi")) return "joi";
  if (imported("yup") && fnIsAsync) return "yup";
  const deps = ctx.workspace?.dependencies;
  if (deps && !deps.has("zod")) {
    if (deps.has("valibot")) return "valibot";
    if (deps.has("joi")) return "joi";
    if (deps.has("yup") && fnIsAsync) return "yup";
  }
  return "zod";
}

function freeName(text: string, wanted: string): string {
  for (let i = 0; ; i++) {
    const n = i === 0 ? wanted : `${wanted}${i + 1}`;
    if (!new RegExp(`(?<![\\w$.])${n}(?![\\w$])`).test(text)) return n;
  }
}

const pascal = (s: string) => s.replace(/(^|[^A-Za-z0-9]+)([a-zA-Z0-9])/g, (_, __, c: string) => c.toUpperCase()).replace(/[^A-Za-z0-9]/g, "").replace(/^(\d)/, "R$1");

/** The 400 answer in the handler's framework, or undefined when we cannot tell how it answers. */
function rejectStatement(ctx: RuleContext, h: RouteHandler, body: string): string | undefined {
  const res = h.params.response;
  const req = h.params.request;
  switch (h.framework) {
    case "express":
    case "next-pages":
    case "unknown":
      return res ? `return ${res}.status(400).json(${body});` : undefined;
    case "fastify":
      return res ? `return ${res}.code(400).send(${body});` : undefined;
    case "koa":
      return req ? `{ ${req}.status = 400; ${req}.body = ${body}; return; }` : undefined;
    case "hono":
      return req ? `return ${req}.json(${body}, 400);` : undefined;
    case "next-app":
      return ctx.index.importOf("NextResponse") ? `return NextResponse.json(${body}, { status: 400 });` : `return Response.json(${body}, { status: 400 });`;
    default:
      return undefined;
  }
}

/**
 * "Validate with zod": a schema from the body fields the handler reads, one safeParse, a 400 on
 * failure, and the reads switched to the parsed value. Uses the project's library when it already
 * validates with valibot, joi or yup.
 */
export function validateBodyFix(ctx: RuleContext, h: RouteHandler, flow: RequestFlow, root?: string): Fix | undefined {
  const fn = h.handler;
  if (!fn || !fn.body || !isBlock(fn.body)) return undefined;
  const rootText = root ?? [...flow.bodyRoots][0];
  if (!rootText || (root === undefined && flow.bodyRoots.size !== 1)) return undefined;
  if (!/^\w+\.(body|query|params)$|^\w+\.request\.(body|query)$|\.(json|text|parseBody)\(\)$/.test(rootText)) return undefined;
  const fields = flow.fieldsByRoot.get(rootText) ?? [];
  if (fields.length === 0) return undefined;
  const part = /\.(query|querystring)$/.test(rootText) ? "query" : /\.params$/.test(rootText) ? "params" : "body";
  const sf = ctx.sourceFile;
  const text = sf.text;
  const nl = eol(text);
  const unit = indentUnit(sf);
  const q = preferredQuote(text);
  const isAsync = !!getModifiers(fn)?.some((m) => m.kind === SyntaxKind.AsyncKeyword);
  const lib = pickLib(ctx, isAsync);
  const L = LIBS[lib];
  const fnText = fn.getText(sf);
  const suffix = part === "query" ? "Query" : part === "params" ? "Params" : "Body";
  const schemaName = freeName(text, `${pascal(h.name && !/^(GET|POST|PUT|PATCH|DELETE|default)$/.test(h.name) ? h.name : `${h.method.toLowerCase()} ${h.path ?? ""}`) || "Request"}${suffix}`);
  const r = freeName(fnText, "parsed");
  const inputName = freeName(fnText, part === "body" ? "input" : part);
  const reject = rejectStatement(ctx, h, `{ error: ${q}Invalid request${q}, issues: ${L.issues(r)} }`);
  if (!reject) return undefined;
  // Query and path values arrive as strings: numbers need coercion.
  const num = part === "body" ? L.num : lib === "zod" ? "z.coerce.number()" : L.num;

  // Top-level statement holding the handler: the schema goes right above it.
  let top: ts.Node = fn;
  while (top.parent && !isSourceFile(top.parent)) top = top.parent;
  const topIndent = indentAt(text, top.getStart(sf));
  const fieldLines = fields
    .map((f) => `${topIndent}${unit}${/^[A-Za-z_$][\w$]*$/.test(f.name) ? f.name : JSON.stringify(f.name)}: ${f.optional ? L.optional(f.numeric ? num : L.str) : f.numeric ? num : L.str},`)
    .join(nl);
  const schemaText = `const ${schemaName} = ${L.object(`${nl}${fieldLines}${nl}${topIndent}`)};${nl}${nl}${topIndent}`;
  // Above the comments that introduce the handler, so they keep describing it.
  const comments = ts.getLeadingCommentRanges(text, top.getFullStart());
  const at = comments && comments.length ? comments[0].pos : top.getStart(sf);
  const edits: Edit[] = [{ start: at, end: at, newText: schemaText }];

  const webBody = /\.(json|text|parseBody)\(\)$/.test(rootText);
  if (webBody) {
    const first = flow.bodyReads[0];
    if (!first) return undefined;
    // const { a } = await request.json()  →  parse first, then read the parsed data
    let stmt: ts.Node = first;
    while (stmt.parent && !isBlock(stmt.parent)) stmt = stmt.parent;
    if (stmt.parent !== fn.body || flow.bodyReads.length !== 1) return undefined;
    const ind = indentAt(text, stmt.getStart(sf));
    let readNode: ts.Node = first;
    if (isAwaitExpression(first.parent)) readNode = first.parent;
    edits.push({
      start: stmt.getStart(sf),
      end: stmt.getStart(sf),
      newText: `${L.parse(schemaName, readNode.getText(sf), r)}${nl}${ind}if (${L.fail(r)}) ${reject}${nl}${ind}`,
    });
    edits.push({ start: readNode.getStart(sf), end: readNode.getEnd(), newText: L.data(r) });
  } else {
    // Express / Fastify / Koa: validate `req.body` once at the top, then read the parsed value.
    const open = fn.body.getStart(sf) + 1;
    const firstStmt = fn.body.statements[0];
    const ind = firstStmt ? indentAt(text, firstStmt.getStart(sf)) : indentAt(text, fn.body.getStart(sf)) + unit;
    edits.push({
      start: open,
      end: open,
      newText: `${nl}${ind}${L.parse(schemaName, rootText, r)}${nl}${ind}if (${L.fail(r)}) ${reject}${nl}${ind}const ${inputName} = ${L.data(r)};`,
    });
    const seen = new Set<number>();
    for (const pa of ctx.index.propertyAccesses) {
      if (pa.pos < fn.body.pos || pa.end > fn.body.end || seen.has(pa.getStart(sf))) continue;
      if (pa.getText(sf) !== rootText) continue;
      seen.add(pa.getStart(sf));
      edits.push({ start: pa.getStart(sf), end: pa.getEnd(), newText: inputName });
    }
  }

  if (!hasImport(ctx, lib, L.ns)) {
    const imports = sf.statements.filter((s) => isImportDeclaration(s));
    const usesRequire = imports.length === 0 && /\brequire\(/.test(text.slice(0, 5000));
    const line = usesRequire ? L.requireText(q) : L.importText(q);
    const last = imports[imports.length - 1];
    if (last) edits.push({ start: last.getEnd(), end: last.getEnd(), newText: `${nl}${line}` });
    else {
      // after a "use server" / "use strict" prologue
      const prologue = sf.statements.filter((s, i) => sf.statements.slice(0, i + 1).every((x) => isExpressionStatement(x) && isStringLiteral(x.expression)));
      const after = prologue.length ? prologue[prologue.length - 1].getEnd() : 0;
      edits.push({ start: after, end: after, newText: after ? `${nl}${nl}${line}` : `${line}${nl}` });
    }
  }
  const deps = ctx.workspace?.dependencies;
  const missing = deps && deps.size > 0 && !deps.has(lib) ? ` (${lib} is not a dependency yet: npm install ${lib})` : "";
  return { title: `Validate with ${lib}${missing}`, safe: false, preferred: true, edits };
}

function hasImport(ctx: RuleContext, lib: Lib, ns: string): boolean {
  const b = ctx.index.importOf(ns);
  return !!b && (b.module === lib || b.module.startsWith(lib + "/"));
}
