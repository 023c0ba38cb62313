import ts = require("typescript");
import type { Fix, Rule } from "../engine/types.js";
import { callsModel, type Drop } from "../model/calls.js";
import { networkModel, skipOuter } from "../model/network.js";
import { handleRejectionFix } from "../fixes/handleRejection.js";
// TypeScript's exports are getters on an object too large for fast properties: read once.
const { isCallExpression, isIdentifier, isPropertyAccessExpression } = ts;

function describeSite(site: ts.Expression, direct: boolean): string {
  if (direct) return "This request can fail (network error, server down)";
  const callee = isCallExpression(site) ? skipOuter(site.expression) : undefined;
  const name = callee && (isIdentifier(callee) ? callee.text : isPropertyAccessExpression(callee) ? callee.name.text : undefined);
  return name ? `${name}() makes a request that can fail (network error, server down)` : `This call makes a request that can fail (network error, server down)`;
}

function consequence(d: Drop): string {
  switch (d.entry.kind) {
    case "floating":
      return "the promise is neither awaited nor given a .catch(), so the failure becomes an unhandled rejection. Add .catch() and show or log the error.";
    case "top-level":
      return "at the module top level an unhandled rejection crashes the process. Wrap it in try/catch and log the error.";
    case "route":
      return `${d.entry.label} lets the rejection escape: the request fails with no answer or a raw 500. Wrap it in try/catch and answer a 5xx with a generic message.`;
    case "page":
      return `${d.entry.label} lets the rejection escape: the whole page crashes. Add an error.tsx beside the page or wrap it in try/catch.`;
    default:
      return `${d.entry.label} will throw an unhandled rejection. Wrap it in try/catch and show or log the error.`;
  }
}

/** **Add an error.tsx boundary** beside a Next.js page: every failure of the page lands there. */
function errorBoundaryFix(relPath: string): Fix {
  const dir = relPath.replace(/\\/g, "/").split("/").slice(0, -1).join("/");
  const ts = /\.tsx?$/.test(relPath);
  const props = ts ? "{ reset }: { error: Error & { digest?: string }; reset: () => void }" : "{ reset }";
  const text = [
    `"use client";`,
    ``,
    `export default function Error(${props}) {`,
    `  return (`,
    `    <div role="alert">`,
    `      <p>Something went wrong while loading this page.</p>`,
    `      <button type="button" onClick={() => reset()}>Try again</button>`,
    `    </div>`,
    `  );`,
    `}`,
    ``,
  ].join("\n");
  return { title: "Add an error.tsx boundary for this page", safe: false, edits: [{ file: `${dir ? dir + "/" : ""}error.${ts ? "tsx" : "jsx"}`, start: 0, end: 0, newText: text }] };
}

const rule: Rule = {
  meta: {
    id: "unhandled-fetch",
    steps: ["errors"],
    severity: "warning",
    description: "A network call (fetch, axios, ky, got, ofetch, superagent or a wrapper) whose failure nobody handles.",
    fixable: true,
  },
  create(ctx) {
    return {
      onEnd() {
        const net = ctx.model(networkModel);
        if (net.isTestFile) return;
        if (net.calls.length === 0 && net.importedWrapperCalls.length === 0) return;
        const flow = ctx.model(callsModel);
        const sf = ctx.sourceFile;
        const bySite = new Map<ts.Expression, { drop: Drop; direct: boolean }>();
        const direct = new Set<ts.Expression>(net.calls.map((c) => c.promise));
        for (const req of [...direct, ...net.importedWrapperCalls]) {
          for (const d of flow.dropsOf(req)) {
            if (!bySite.has(d.site)) bySite.set(d.site, { drop: d, direct: direct.has(d.site) || net.byCall.has(d.site as ts.CallExpression) });
          }
        }
        const seenStart = new Set<number>();
        for (const [site, { drop, direct }] of [...bySite].sort((a, b) => a[0].pos - b[0].pos)) {
          const start = site.getStart(sf);
          if (seenStart.has(start)) continue; // a chain and its inner request start at the same place
          seenStart.add(start);
          const fix = handleRejectionFix(ctx, site, drop.entry);
          const fixes: Fix[] = fix ? [fix] : [];
          if (drop.entry.kind === "page") fixes.push(errorBoundaryFix(ctx.relPath));
          ctx.report({
            node: site,
            message: `${describeSite(site, direct)} and nothing handles the rejection: ${consequence(drop)}`,
            fixes,
          });
        }
      },
    };
  },
};

export default rule;
