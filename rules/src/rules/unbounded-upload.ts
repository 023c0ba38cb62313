import ts = require("typescript");
import type { Rule, RuleContext } from "../engine/types.js";
import { calleeName, dottedName, enclosingFunction } from "../model/functions.js";
// TypeScript's exports are getters on an object too large for fast properties: read once.
const { SyntaxKind, isArrowFunction, isAsExpression, isAwaitExpression, isBlock, isCallExpression, isComputedPropertyName, isElementAccessExpression, isForOfStatement, isFunctionExpression, isIdentifier, isNonNullExpression, isObjectLiteralExpression, isParenthesizedExpression, isPropertyAccessExpression, isPropertyAssignment, isSatisfiesExpression, isSpreadAssignment, isVariableStatement } = ts;

function strip(e: ts.Expression): ts.Expression {
  while (isParenthesizedExpression(e) || isAsExpression(e) || isNonNullExpression(e) || isSatisfiesExpression(e) || isAwaitExpression(e)) e = e.expression;
  return e;
}

/** Property names of an options object (following a local `const opts = {…}`), with nested objects. */
function optionObject(ctx: RuleContext, e: ts.Expression | undefined): ts.ObjectLiteralExpression | undefined {
  if (!e) return undefined;
  const s = strip(e);
  if (isObjectLiteralExpression(s)) return s;
  if (isIdentifier(s)) {
    const d = ctx.index.variableDeclarations.find((v) => isIdentifier(v.name) && v.name.text === s.text && v.initializer);
    if (d?.initializer && isObjectLiteralExpression(strip(d.initializer))) return strip(d.initializer) as ts.ObjectLiteralExpression;
  }
  return undefined;
}

function propOf(obj: ts.ObjectLiteralExpression, name: string): ts.Expression | "present" | undefined {
  for (const p of obj.properties) {
    if (!p.name || (isComputedPropertyName(p.name))) continue;
    if ((p.name as ts.Identifier).text !== name) continue;
    if (isPropertyAssignment(p)) return p.initializer;
    return "present";
  }
  // `...baseOptions` may hold anything: do not guess it away
  if (obj.properties.some((p) => isSpreadAssignment(p))) return "present";
  return undefined;
}

function hasNested(ctx: RuleContext, obj: ts.ObjectLiteralExpression, outer: string, inner: string): boolean {
  const o = propOf(obj, outer);
  if (o === "present") return true;
  if (!o) return false;
  const nested = optionObject(ctx, o);
  return !nested || !!propOf(nested, inner);
}

const moduleOf = (ctx: RuleContext, e: ts.Expression): string | undefined => {
  let x = strip(e);
  while (isPropertyAccessExpression(x)) x = x.expression;
  return isIdentifier(x) ? ctx.index.importOf(x.text)?.module : undefined;
};

/** The modules whose configuration the first check reads. */
const UPLOAD_MODULES = new Set(["multer", "busboy", "@fastify/busboy", "formidable", "express-fileupload"]);
const FILE_READS = /^(arrayBuffer|stream|bytes|text)$/;
const STORE_CALLS = /upload|put|write|save|store|send|create|append|pipe|copy/i;

const rule: Rule = {
  meta: {
    id: "unbounded-upload",
    steps: ["security"],
    severity: "warning",
    description: "File uploads accepted without a size limit or a type check (multer, busboy, formidable, FormData files).",
    fixable: false,
  },
  create(ctx) {
    return {
      onEnd() {
        const sf = ctx.sourceFile;
        const report = (node: ts.Node, message: string) => ctx.report({ node, message });

        // multer / busboy / formidable / express-fileupload configuration: only in a file that imports one.
        const uploads = ctx.index.importsFrom((m) => UPLOAD_MODULES.has(m));
        for (const call of uploads ? [...ctx.index.calls, ...ctx.index.newExpressions] : []) {
          const callee = call.expression;
          const mod = moduleOf(ctx, callee);
          if (!mod) continue;
          const name = isCallExpression(call) ? calleeName(call) : callee.getText(sf).split(".").pop();
          const args = call.arguments ?? ts.factory.createNodeArray();
          if (mod === "multer" && (isIdentifier(callee) || name === "default")) {
            const opts = optionObject(ctx, args[0]);
            if (args[0] && !opts) continue; // options built elsewhere
            const size = !!opts && hasNested(ctx, opts, "limits", "fileSize");
            const filter = !!opts && !!propOf(opts, "fileFilter");
            if (size && filter) continue;
            const missing = [!size && "a size limit (limits.fileSize)", !filter && "a type check (fileFilter)"].filter(Boolean).join(" and ");
            report(call, `multer accepts uploads without ${missing}: anyone can fill your disk or memory, or upload executable content. Set \`limits: { fileSize: 5 * 1024 * 1024 }\` and a \`fileFilter\` that allows only the types you expect.`);
          } else if ((mod === "busboy" || mod === "@fastify/busboy") && (isIdentifier(callee) || name === "Busboy")) {
            const opts = optionObject(ctx, args[0]);
            if (args[0] && !opts) continue;
            if (opts && hasNested(ctx, opts, "limits", "fileSize")) continue;
            report(call, "busboy parses uploads without `limits.fileSize`: a single request can stream gigabytes. Pass `limits: { fileSize, files }` and check the mime type of each file.");
          } else if (mod === "formidable" && (isIdentifier(callee) || name === "IncomingForm" || name === "formidable")) {
            const opts = optionObject(ctx, args[0]);
            if (args[0] && !opts) continue;
            if (opts && (propOf(opts, "maxFileSize") || propOf(opts, "maxTotalFileSize"))) continue;
            report(call, "formidable parses uploads without `maxFileSize` (defaults to 200 MB): set a limit that fits your use and a `filter` for the allowed types.");
          } else if (mod === "express-fileupload" && isIdentifier(callee)) {
            const opts = optionObject(ctx, args[0]);
            if (args[0] && !opts) continue;
            if (opts && hasNested(ctx, opts, "limits", "fileSize")) continue;
            report(call, "express-fileupload accepts files without `limits.fileSize`: set a limit (and `abortOnLimit: true`) and check the mimetype.");
          }
        }

        // Files from formData(): `const file = form.get("file") as File` read without checking .size and .type
        const formVars = new Set<string>();
        for (const d of ctx.index.variableDeclarations) {
          if (!isIdentifier(d.name) || !d.initializer) continue;
          const init = strip(d.initializer);
          if (isCallExpression(init) && /^(formData|parseBody)$/.test(calleeName(init) ?? "")) formVars.add(d.name.text);
        }
        // A parameter's type text is a scan of the source: read it only when the file mentions FormData.
        if (ctx.text.includes("FormData")) {
          for (const fn of ctx.index.functions) for (const p of fn.parameters) if (isIdentifier(p.name) && /\bFormData\b/.test(p.type?.getText(sf) ?? "")) formVars.add(p.name.text);
        }
        if (formVars.size === 0) return;

        for (const d of ctx.index.variableDeclarations) {
          if (!isIdentifier(d.name) || !d.initializer) continue;
          const init = strip(d.initializer);
          let recvExpr: ts.Expression | undefined;
          if (isCallExpression(init) && /^(get|getAll)$/.test(calleeName(init) ?? "") && isPropertyAccessExpression(init.expression)) recvExpr = init.expression.expression;
          // Hono parseBody(): body["file"] / body.file
          else if ((isElementAccessExpression(init) || isPropertyAccessExpression(init)) && /\bas\s+(File|Blob)\b/.test(d.initializer.getText(sf))) recvExpr = init.expression;
          if (!recvExpr) continue;
          const recv = dottedName(recvExpr) ?? "";
          if (!formVars.has(recv.split(".")[0])) continue;
          const fn = enclosingFunction(d);
          if (!fn) continue;
          const name = d.name.text;
          // files.map((f) => …) / for (const f of files): checks and reads on the element count for the list
          const aliases = new Set([name]);
          for (const pa of ctx.index.propertyAccesses) {
            if (pa.pos < d.end || pa.end > fn.end || !isIdentifier(pa.expression) || pa.expression.text !== name) continue;
            if (/^(map|forEach|filter|some|every|flatMap)$/.test(pa.name.text) && isCallExpression(pa.parent)) {
              const cb = pa.parent.arguments[0];
              if (cb && (isArrowFunction(cb) || isFunctionExpression(cb)) && cb.parameters[0] && isIdentifier(cb.parameters[0].name)) aliases.add(cb.parameters[0].name.text);
            }
          }
          for (const v of ctx.index.variableDeclarations) {
            const list = v.parent?.parent;
            if (list && isForOfStatement(list) && isIdentifier(list.expression) && list.expression.text === name && isIdentifier(v.name)) aliases.add(v.name.text);
          }
          const castToFile = /\bas\s+(File|Blob)\b/.test(d.initializer.getText(sf));
          let isFile = castToFile;
          let sizeChecked = false;
          let typeChecked = false;
          let firstUse: ts.Node | undefined;
          const checkAt = (pos: number) => !firstUse || pos < firstUse.pos;
          for (const pa of ctx.index.propertyAccesses) {
            if (pa.pos < d.end || pa.end > fn.end) continue;
            if (!isIdentifier(pa.expression) || !aliases.has(pa.expression.text)) continue;
            const prop = pa.name.text;
            if (prop === "size" && checkAt(pa.pos)) sizeChecked = true;
            if ((prop === "type" || prop === "mimetype") && checkAt(pa.pos)) typeChecked = true;
            if (prop === "name" && isPropertyAccessExpression(pa.parent) && /^(endsWith|match|test)$/.test(pa.parent.name.text) && checkAt(pa.pos)) typeChecked = true;
            if (isCallExpression(pa.parent) && pa.parent.expression === pa && FILE_READS.test(prop)) {
              isFile = true;
              if (!firstUse) firstUse = pa;
            }
          }
          for (const b of ctx.index.binaryExpressions) {
            if (b.pos < d.end || b.end > fn.end) continue;
            if (b.operatorToken.kind === SyntaxKind.InstanceOfKeyword && isIdentifier(strip(b.left)) && aliases.has((strip(b.left) as ts.Identifier).text) && /^(File|Blob)$/.test(b.right.getText(sf))) isFile = true;
          }
          if (!isFile) continue;
          for (const c of ctx.index.calls) {
            if (c.pos < d.end || c.end > fn.end || firstUse && c.pos > firstUse.pos) continue;
            if (!c.arguments.some((a) => isIdentifier(strip(a)) && aliases.has((strip(a) as ts.Identifier).text))) continue;
            if (STORE_CALLS.test(calleeName(c) ?? "") || STORE_CALLS.test(dottedName(c.expression) ?? "")) {
              if (!firstUse || c.pos < firstUse.pos) firstUse = c;
            }
          }
          if (!firstUse || (sizeChecked && typeChecked)) continue;
          const missing = [!sizeChecked && "size", !typeChecked && "type"].filter(Boolean).join(" or ");
          let stmt: ts.Node = d;
          while (stmt.parent && !isVariableStatement(stmt) && !isBlock(stmt.parent)) stmt = stmt.parent;
          report(stmt, `The uploaded file \`${name}\` is read without checking its ${missing}: a huge or unexpected file goes straight into memory or storage. Reject it first, e.g. \`if (${name}.size > MAX_BYTES || !ALLOWED_TYPES.includes(${name}.type)) return 400\`.`);
        }
      },
    };
  },
};

export default rule;
