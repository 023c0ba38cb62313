import ts = require("typescript");
import type { Edit, Fix, Rule, RuleContext } from "../engine/types.js";
import { networkModel, optionsMaySet, skipOuter, type NetworkCall } from "../model/network.js";
import { eol, indentAt } from "../fixes/indent.js";
// TypeScript's exports are getters on an object too large for fast properties: read once.
const { isCallExpression, isIdentifier, isNoSubstitutionTemplateLiteral, isObjectLiteralExpression, isPropertyAccessExpression, isStringLiteral, isTemplateExpression } = ts;

const TIMEOUT_OPTIONS: Record<string, string[]> = {
  fetch: ["signal"],
  axios: ["timeout", "signal"],
  got: ["timeout", "signal"],
  ofetch: ["timeout", "signal"],
};

function optionText(client: string): string {
  if (client === "axios") return "timeout: 10_000";
  if (client === "got") return "timeout: { request: 10_000 }";
  if (client === "ofetch") return "timeout: 10_000";
  return "signal: AbortSignal.timeout(10_000)";
}

/** Insert `prop` into an object literal, following its layout. */
export function addProperty(ctx: RuleContext, obj: ts.ObjectLiteralExpression, prop: string): Edit {
  const sf = ctx.sourceFile;
  const props = obj.properties;
  if (props.length === 0) return { start: obj.getStart(sf), end: obj.getEnd(), newText: `{ ${prop} }` };
  const last = props[props.length - 1];
  const closeLine = sf.getLineAndCharacterOfPosition(obj.getEnd() - 1).line;
  const lastLine = sf.getLineAndCharacterOfPosition(last.getEnd()).line;
  if (closeLine > lastLine) {
    const indent = indentAt(ctx.text, last.getStart(sf));
    if (props.hasTrailingComma) {
      const comma = ctx.text.indexOf(",", last.getEnd());
      return { start: comma + 1, end: comma + 1, newText: `${eol(ctx.text)}${indent}${prop},` };
    }
    return { start: last.getEnd(), end: last.getEnd(), newText: `,${eol(ctx.text)}${indent}${prop}` };
  }
  if (props.hasTrailingComma) {
    const comma = ctx.text.indexOf(",", last.getEnd());
    return { start: comma + 1, end: comma + 1, newText: ` ${prop}` };
  }
  return { start: last.getEnd(), end: last.getEnd(), newText: `, ${prop}` };
}

function timeoutFix(ctx: RuleContext, nc: NetworkCall, client: string): Fix | undefined {
  const title = client === "axios" || client === "ofetch" || client === "got" ? "Add a timeout" : "Add a timeout (AbortSignal.timeout)";
  if (client === "superagent") {
    return { title, safe: true, preferred: true, edits: [{ start: nc.call.getEnd(), end: nc.call.getEnd(), newText: ".timeout(10_000)" }] };
  }
  const prop = optionText(client);
  // An instance made in this file: its create() config is the one place to set it.
  if (nc.instance?.decl) {
    const init = nc.instance.decl.initializer && skipOuter(nc.instance.decl.initializer);
    if (init && isCallExpression(init)) {
      if (nc.instance.config) return { title, safe: true, preferred: true, edits: [addProperty(ctx, nc.instance.config, prop)] };
      if (init.arguments.length === 0) {
        const close = init.getEnd() - 1;
        return { title, safe: true, preferred: true, edits: [{ start: close, end: close, newText: `{ ${prop} }` }] };
      }
      return undefined;
    }
  }
  const init = nc.init && skipOuter(nc.init);
  if (init && isObjectLiteralExpression(init)) return { title, safe: true, preferred: true, edits: [addProperty(ctx, init, prop)] };
  if (init) return undefined;
  const args = nc.call.arguments;
  if (args.length === 0) return undefined;
  const fill = nc.initIndex - args.length; // axios.post(url) needs `undefined` for the data argument
  const lastArg = args[args.length - 1];
  const trailingComma = args.hasTrailingComma ? ctx.text.indexOf(",", lastArg.getEnd()) + 1 : lastArg.getEnd();
  const pieces = [...Array(Math.max(0, fill)).fill("undefined"), `{ ${prop} }`];
  const text = args.hasTrailingComma ? ` ${pieces.join(", ")},` : `, ${pieces.join(", ")}`;
  return { title, safe: true, preferred: true, edits: [{ start: trailingComma, end: trailingComma, newText: text }] };
}

function hasSuperagentTimeout(nc: NetworkCall): boolean {
  for (let n: ts.Node = nc.call; n !== nc.promise && n.parent; n = n.parent) {
    if (isPropertyAccessExpression(n.parent) && n.parent.name.text === "timeout") return true;
  }
  return false;
}

const rule: Rule = {
  meta: {
    id: "fetch-without-timeout",
    steps: ["errors"],
    severity: "info",
    description: "Server-side code calls a third-party URL with no timeout, so a slow API hangs the request.",
    fixable: true,
  },
  create(ctx) {
    return {
      onEnd() {
        const net = ctx.model(networkModel);
        if (net.calls.length === 0 || net.isTestFile) return;
        for (const nc of net.calls) {
          const client = nc.instance?.client ?? nc.client;
          // ky times out after 10 s by default; imported clients are configured elsewhere.
          if (client === "ky" || nc.client === "imported") continue;
          if (net.runtimeOf(nc.call) !== "server") continue;
          const external = net.isExternalUrl(nc.url) || (!!nc.instance?.absoluteBase && !isAbsoluteElsewhere(nc.url));
          if (!external) continue;
          if (nc.instance?.hasTimeout) continue;
          const owner = isPropertyAccessExpression(nc.call.expression) ? skipOuter(nc.call.expression.expression) : skipOuter(nc.call.expression);
          if (isIdentifier(owner) && net.defaultsTimeout.has(owner.text)) continue;
          if (client === "superagent" ? hasSuperagentTimeout(nc) : optionsMaySet(nc.init, TIMEOUT_OPTIONS[client] ?? ["signal", "timeout"])) continue;
          const fix = timeoutFix(ctx, nc, client);
          ctx.report({
            node: nc.call,
            message: `This server-side request to an external API has no timeout: a slow API will hang the request. ${client === "superagent" ? "Chain .timeout(10_000)" : `Pass ${optionText(client)}`}${nc.instance?.decl ? " (on the client instance)" : ""}.`,
            fixes: fix ? [fix] : [],
          });
        }
      },
    };
  },
};

/** An instance call with a full URL of its own (not under the base URL) is judged by that URL. */
function isAbsoluteElsewhere(url: ts.Expression | undefined): boolean {
  if (!url) return false;
  const e = skipOuter(url);
  const head = isStringLiteral(e) || isNoSubstitutionTemplateLiteral(e) ? e.text : isTemplateExpression(e) ? e.head.text : undefined;
  return head !== undefined && /^https?:\/\//.test(head);
}

export default rule;
