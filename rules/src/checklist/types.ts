import type { Severity, StepId } from "../engine/types.js";

export type Status = "pass" | "warn" | "fail" | "manual" | "n/a";

/**
 * What the host (server or CLI) knows about a workspace, for checks no single file can answer.
 * Paths are workspace-relative with forward slashes. Everything is read on demand so a host can
 * answer from disk, from open editors or from a cache.
 */
export interface WorkspaceFacts {
  /** Source files that were analysed (after .gitignore / ignore globs). */
  sourceFiles: readonly string[];
  exists(relPath: string): boolean;
  /** Entry names of a folder ("" = root), or [] when it does not exist. */
  listDir(relPath: string): readonly string[];
  readFile(relPath: string): string | undefined;
  /** Dependencies and devDependencies of every package.json in the workspace (monorepos included). */
  dependencies: ReadonlySet<string>;
  /**
   * Folders holding a package.json ("" = the root), so checks can look where a monorepo's apps
   * keep their .env.example or Dockerfile. Absent: the root only.
   */
  packageDirs?: readonly string[];
  /** Scripts of the root package.json (or of the single app package in a monorepo). */
  scripts: Readonly<Record<string, string>>;
  /** Is the file tracked by git? undefined when git is not available or not a repository. */
  gitTracked?: (relPath: string) => boolean | undefined;
  findings: readonly ChecklistFinding[];
}

export interface ChecklistFinding {
  rule: string;
  file: string;
  line: number;
  message: string;
  severity: Severity;
}

export interface ChecklistItem {
  /** Stable id, `<step>.<item>`, used for manual ticks. */
  id: string;
  title: string;
  status: Status;
  /** Why: the file or dependency that decided it, or what is missing. */
  evidence: string;
}

export interface ChecklistStep {
  id: StepId;
  title: string;
  status: Status;
  items: ChecklistItem[];
  findings: Array<Pick<ChecklistFinding, "rule" | "file" | "line" | "message">>;
}

export interface Checklist {
  steps: ChecklistStep[];
  score: { passed: number; total: number };
}

/** A check: one item of one step. Returns undefined when the item does not apply to this workspace. */
export type Check = (facts: WorkspaceFacts) => ChecklistItem | undefined;
