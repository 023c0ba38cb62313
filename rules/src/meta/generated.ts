import { STEPS, docsUrl } from "../catalogue.js";
import type { AnyRule } from "../engine/types.js";

/** The README's rules table, generated from rule metadata (meta.test fails when the README drifts). */
export function rulesTable(rules: readonly AnyRule[]): string {
  const stepTitle = (id: string) => {
    const s = STEPS.find((x) => x.id === id)!;
    return s.number === "+" ? s.title : `${s.number}. ${s.title}`;
  };
  const rows = [...rules]
    .sort((a, b) => a.meta.id.localeCompare(b.meta.id))
    .map((r) => `| [\`${r.meta.id}\`](rules/docs/${r.meta.id}.md) | ${r.meta.severity} | ${r.meta.steps.map(stepTitle).join(", ")} | ${r.meta.fixable ? "yes" : "—"} | ${r.meta.description} |`);
  return ["| rule | default | checklist step | quick fix | what it finds |", "|---|---|---|---|---|", ...rows].join("\n");
}

/** JSON Schema of shipshape.json, generated from rule metadata, so completion knows every rule id. */
export function configSchema(rules: readonly AnyRule[]): object {
  const setting = { type: "string", enum: ["off", "info", "warning", "error"] };
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    title: "Shipshape configuration",
    description: "Configuration for Shipshape (shipshape.json at the workspace root).",
    type: "object",
    additionalProperties: false,
    properties: {
      $schema: { type: "string" },
      rules: {
        type: "object",
        description: "Severity per rule: off, info, warning or error.",
        additionalProperties: false,
        properties: Object.fromEntries(
          [...rules]
            .sort((a, b) => a.meta.id.localeCompare(b.meta.id))
            .map((r) => [r.meta.id, { ...setting, default: r.meta.severity, description: r.meta.description, markdownDescription: `${r.meta.description} [Docs](${docsUrl(r.meta.id)})` }]),
        ),
      },
      ignore: {
        type: "array",
        description: "Globs (minimatch, relative to the workspace root) of files Shipshape skips. A glob without a slash matches at any depth.",
        items: { type: "string" },
      },
      secrets: {
        type: "object",
        additionalProperties: false,
        properties: {
          allow: { type: "array", description: "Regular expressions of values or names that hardcoded-secret accepts.", items: { type: "string", format: "regex" } },
        },
      },
      limits: {
        type: "object",
        additionalProperties: false,
        properties: {
          maxFileLines: { type: "integer", minimum: 1, default: 400, description: "oversized-file: lines above which a file is flagged." },
          maxUnitsPerFile: { type: "integer", minimum: 1, default: 8, description: "oversized-file: React components or route handlers above which a file is flagged." },
        },
      },
    },
  };
}
