import { pathToFileURL } from "node:url";
import { allRules, docsUrl, STEPS, type AnyRule, type Severity } from "../../../../rules/src/index.js";
import { INFORMATION_URI } from "../version.js";
import type { Report } from "../report.js";

const SRCROOT = "%SRCROOT%";

const level = (s: Severity) => (s === "info" ? "note" : s);

/** Workspace-relative path → relative URI reference (each segment percent-encoded). */
export function relativeUri(relPath: string): string {
  return relPath.split("/").map(encodeURIComponent).join("/");
}

/**
 * SARIF 2.1.0 for code-scanning dashboards. Locations are relative to `%SRCROOT%`, which
 * `originalUriBaseIds` maps to the scan root, so the log is the same on every machine but for
 * that one line. Rules carry their checklist steps as tags; skipped files and rule failures are
 * tool notifications, not results.
 */
export function toSarif(report: Report, rules: readonly AnyRule[] = allRules): object {
  const ruleIndex = new Map(rules.map((r, i) => [r.meta.id, i]));
  const stepTitle = new Map(STEPS.map((s) => [s.id, `${s.number}. ${s.title}`]));
  const results: object[] = [];
  const notifications: object[] = [];
  for (const file of report.files) {
    const artifactLocation = { uri: relativeUri(file.relPath), uriBaseId: SRCROOT };
    for (const f of file.findings) {
      const index = ruleIndex.get(f.ruleId);
      results.push({
        ruleId: f.ruleId,
        ...(index !== undefined ? { ruleIndex: index } : {}),
        level: level(f.severity),
        message: { text: f.message },
        locations: [{
          physicalLocation: {
            artifactLocation,
            region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
          },
        }],
      });
    }
    if (file.skipped) {
      notifications.push({ level: "note", message: { text: `Skipped ${file.relPath}: ${file.skipped}.` }, locations: [{ physicalLocation: { artifactLocation } }] });
    }
    for (const failure of file.ruleFailures) {
      notifications.push({
        level: "warning",
        message: { text: `Rule ${failure.ruleId} failed on ${file.relPath}: ${failure.message}` },
        locations: [{ physicalLocation: { artifactLocation } }],
        ...(ruleIndex.has(failure.ruleId) ? { associatedRule: { id: failure.ruleId, index: ruleIndex.get(failure.ruleId) } } : {}),
      });
    }
  }
  const rootUri = pathToFileURL(report.root).href.replace(/\/?$/, "/");
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [{
      tool: {
        driver: {
          name: "shipshape",
          version: report.version,
          semanticVersion: report.version,
          informationUri: INFORMATION_URI,
          rules: rules.map((r) => ({
            id: r.meta.id,
            name: pascal(r.meta.id),
            shortDescription: { text: r.meta.description },
            fullDescription: { text: r.meta.description },
            helpUri: docsUrl(r.meta.id),
            help: { text: `${r.meta.description} See ${docsUrl(r.meta.id)}` },
            defaultConfiguration: { level: level(r.meta.severity) },
            properties: {
              tags: [...r.meta.steps],
              steps: r.meta.steps.map((s) => stepTitle.get(s) ?? s),
              fixable: r.meta.fixable,
            },
          })),
        },
      },
      invocations: [{ executionSuccessful: true, ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}) }],
      originalUriBaseIds: { [SRCROOT]: { uri: rootUri } },
      columnKind: "utf16CodeUnits",
      results,
    }],
  };
}

export function formatSarif(report: Report): string {
  return JSON.stringify(toSarif(report), null, 2) + "\n";
}

function pascal(id: string): string {
  return id.split("-").map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join("");
}
