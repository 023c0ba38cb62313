import type * as childProcess from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type { ChecklistFinding, Finding, WorkspaceFacts } from "../../../rules/src/index.js";
import { compare } from "./files.js";
import { WorkspaceFiles } from "./view.js";

/** What the workspace scan knows of one file: enough for the checklist. */
export interface FactsFile {
  relPath: string;
  kind: "source" | "env" | "package-json";
  findings: ReadonlyArray<Pick<Finding, "ruleId" | "line" | "message" | "severity">>;
}

export interface FactsOptions {
  /** Reads workspace files (shared with the scan so each file is read once). */
  files?: WorkspaceFiles;
  /** Result of `gitTrackedFiles`; undefined = git unknown (the tracked check is left out). */
  tracked?: ReadonlySet<string>;
}

/**
 * WorkspaceFacts for the checklist from a scan's files: existence and folder listings answered
 * from disk (never outside the root), dependencies of every package.json the walker found,
 * scripts of the root package.json (or of the app package in a monorepo), findings from the scan.
 */
export function workspaceFacts(root: string, scanned: readonly FactsFile[], options: FactsOptions = {}): WorkspaceFacts {
  root = path.resolve(root);
  const files = options.files ?? new WorkspaceFiles(root);
  const sorted = [...scanned].sort((a, b) => compare(a.relPath, b.relPath));
  const listings = new Map<string, readonly string[]>();
  const existing = new Map<string, boolean>();

  const manifests: Array<{ relPath: string; json: Record<string, unknown> }> = [];
  for (const f of sorted) {
    if (f.kind !== "package-json") continue;
    const json = parseJson(files.readFile(f.relPath));
    if (json) manifests.push({ relPath: f.relPath, json });
  }
  const dependencies = new Set<string>();
  for (const { json } of manifests) {
    for (const key of ["dependencies", "devDependencies", "peerDependencies", "optionalDependencies"]) {
      const deps = json[key];
      if (deps && typeof deps === "object") for (const name of Object.keys(deps)) dependencies.add(name);
    }
  }

  const findings: ChecklistFinding[] = [];
  for (const f of sorted) for (const x of f.findings) findings.push({ rule: x.ruleId, file: f.relPath, line: x.line, message: x.message, severity: x.severity });

  const tracked = options.tracked;
  return {
    sourceFiles: sorted.filter((f) => f.kind === "source").map((f) => f.relPath),
    exists(rel) {
      const key = clean(rel);
      let hit = existing.get(key);
      if (hit === undefined) {
        const abs = files.resolve(key);
        hit = !!abs && fs.existsSync(abs);
        existing.set(key, hit);
      }
      return hit;
    },
    listDir(rel) {
      const key = clean(rel);
      let names = listings.get(key);
      if (!names) {
        const abs = key === "" ? root : files.resolve(key);
        try {
          names = abs ? fs.readdirSync(abs).filter((n) => n !== "node_modules" && n !== ".git").sort(compare) : [];
        } catch {
          names = [];
        }
        listings.set(key, names);
      }
      return names;
    },
    readFile: (rel) => files.readFile(clean(rel)),
    dependencies,
    packageDirs: sorted.filter((f) => f.kind === "package-json").map((f) => (f.relPath.includes("/") ? f.relPath.slice(0, f.relPath.lastIndexOf("/")) : "")),
    scripts: scriptsOf(manifests),
    ...(tracked ? { gitTracked: (rel: string) => tracked.has(clean(rel)) } : {}),
    findings,
  };
}

/**
 * The root package.json's scripts when it has a build or start script; otherwise those of the
 * shallowest package that has both (the app of a monorepo), else of the first with either.
 */
function scriptsOf(manifests: ReadonlyArray<{ relPath: string; json: Record<string, unknown> }>): Record<string, string> {
  const scripts = (json: Record<string, unknown>): Record<string, string> => {
    const s = json.scripts;
    if (!s || typeof s !== "object") return {};
    return Object.fromEntries(Object.entries(s).filter((e): e is [string, string] => typeof e[1] === "string"));
  };
  const rootPkg = manifests.find((m) => m.relPath === "package.json");
  const rootScripts = rootPkg ? scripts(rootPkg.json) : {};
  if (rootScripts.build || rootScripts.start) return rootScripts;
  const byDepth = manifests.filter((m) => m !== rootPkg).sort((a, b) => a.relPath.split("/").length - b.relPath.split("/").length || compare(a.relPath, b.relPath));
  const both = byDepth.find((m) => scripts(m.json).build && scripts(m.json).start);
  const either = both ?? byDepth.find((m) => scripts(m.json).build || scripts(m.json).start);
  return either ? scripts(either.json) : rootScripts;
}

const GIT_TIMEOUT_MS = 10_000;

/**
 * Files git tracks under `root` (relative to it), or undefined when git is missing, the folder is
 * not in a repository, or git does not answer in time. `core.fsmonitor=false`: a repository's own
 * config could otherwise make git run a command of the repository's choosing, and Shipshape runs
 * in untrusted workspaces.
 */
export function gitTrackedFiles(root: string, timeoutMs = GIT_TIMEOUT_MS): Promise<ReadonlySet<string> | undefined> {
  return new Promise((resolve) => {
    try {
      // Loaded here, not at start-up: most runs never ask git, and child_process cost every CLI start some 4 ms.
      const { execFile } = require("node:child_process") as typeof childProcess;
      execFile(
        "git",
        ["-c", "core.fsmonitor=false", "-c", "core.untrackedCache=false", "ls-files", "-z", "--cached", "--", "."],
        { cwd: root, timeout: timeoutMs, maxBuffer: 256 * 1024 * 1024, windowsHide: true, env: { ...process.env, GIT_OPTIONAL_LOCKS: "0", GIT_TERMINAL_PROMPT: "0" } },
        (error, stdout) => {
          if (error) return resolve(undefined);
          // Without --full-name, paths are relative to cwd (the root), even inside a larger repository.
          resolve(new Set(String(stdout).split("\0").filter(Boolean)));
        },
      );
    } catch {
      resolve(undefined);
    }
  });
}

function clean(rel: string): string {
  return rel.replace(/\\/g, "/").replace(/^\.\//, "").replace(/\/+$/, "");
}

function parseJson(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
