import type { StatusParams } from "../../server/src/protocol.js";

/** What the language status item shows; computed without the vscode API so it can be tested. */
export interface StatusView {
  text: string;
  detail: string;
  level: "info" | "warning" | "error";
  busy: boolean;
  /** Which command clicking the item runs. */
  action: "showOutput" | "restartServer" | "openSettings";
}

export type ServerPhase = "disabled" | "starting" | "running" | "stopped" | "failed";

export function describeStatus(phase: ServerPhase, last: StatusParams | undefined): StatusView {
  switch (phase) {
    case "disabled":
      return { text: "Shipshape off", detail: "shipshape.enable is false", level: "info", busy: false, action: "openSettings" };
    case "starting":
      return { text: "Shipshape", detail: "starting…", level: "info", busy: true, action: "showOutput" };
    case "stopped":
      return { text: "Shipshape stopped", detail: "click to restart", level: "warning", busy: false, action: "restartServer" };
    case "failed":
      return { text: "Shipshape crashed", detail: "the server stopped after repeated crashes; click to restart", level: "error", busy: false, action: "restartServer" };
    case "running":
      break;
  }
  if (!last) return { text: "Shipshape", detail: "ready", level: "info", busy: false, action: "showOutput" };
  const timing = last.lastAnalysisMs === undefined ? undefined : `last analysis ${formatMs(last.lastAnalysisMs)}${last.uri ? ` (${baseName(last.uri)})` : ""}`;
  const detail = [last.message, timing].filter(Boolean).join(" · ") || "ready";
  const text = last.state === "ok" ? "Shipshape" : last.state === "warning" ? "Shipshape: check configuration" : "Shipshape: analysis failed";
  return { text, detail, level: last.state === "ok" ? "info" : last.state, busy: false, action: "showOutput" };
}

function formatMs(ms: number): string {
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}

function baseName(uri: string): string {
  const path = uri.split(/[?#]/)[0];
  return decodeURIComponent(path.slice(path.lastIndexOf("/") + 1));
}
