import type * as ts from "typescript";
import type { FileIndex } from "./fileIndex.js";
import type { ResolvedConfig } from "./config.js";
import type { StatementReuse } from "./statementReuse.js";

/** Severity as users configure it. `info` maps to LSP Information and SARIF `note`. */
export type Severity = "error" | "warning" | "info";
export type RuleSetting = Severity | "off";

/** The production-readiness framework's steps, plus loading states. Ids are part of the report contract. */
export type StepId =
  | "structure"
  | "secrets"
  | "migrations"
  | "auth"
  | "validation"
  | "errors"
  | "deployment"
  | "monitoring"
  | "security"
  | "loading";

/** Which files a rule looks at. `source` = .ts/.tsx/.js/.jsx/.mts/.cts/.mjs/.cjs. */
export type FileKind = "source" | "env" | "package-json";

export interface RuleMeta {
  id: string;
  steps: StepId[];
  severity: Severity;
  /** One line, used in the README table, SARIF and the JSON schema. */
  description: string;
  /** Has at least one quick fix beyond "ignore". */
  fixable: boolean;
  /** File kinds the rule analyses; defaults to ["source"]. */
  files?: FileKind[];
}

/**
 * A text edit. `file` undefined means the analysed file; otherwise a path relative to the
 * workspace root (e.g. ".env"). Offsets are UTF-16 code unit offsets into that file's current
 * text; an edit to a missing file with start = end = 0 creates it.
 */
export interface Edit {
  file?: string;
  start: number;
  end: number;
  newText: string;
}

export interface Fix {
  title: string;
  /** Safe fixes are applied by fix-all (`source.fixAll.shipshape`, `scan --fix`); the rest only on request. */
  safe: boolean;
  edits: Edit[];
  /** The fix is the one the editor should offer first. */
  preferred?: boolean;
  /**
   * The edits carry a secret value (e.g. "Move to .env" writes it into .env). Hosts apply such a fix
   * when asked but never print or serialise its edits (SARIF `fixes`, JSON output, logs).
   */
  sensitive?: boolean;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  /** Offsets into the file text. */
  start: number;
  end: number;
  /** 1-based line and column (UTF-16), derived from the offsets. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fixes: Fix[];
}

export interface ReportDescriptor {
  node?: ts.Node;
  /** Explicit offsets; take precedence over `node`. */
  start?: number;
  end?: number;
  message: string;
  fixes?: Fix[];
  /**
   * A finding graver than the rule's default (e.g. a JWT check that accepts "none"). Applies only
   * while the user has not configured the rule's severity: an explicit setting always wins.
   */
  severity?: Severity;
}

/** What the host knows about the workspace, handed to the engine. Everything is optional: a bare file still analyses. */
export interface WorkspaceView {
  /** Absolute path of the workspace root. */
  root: string;
  /** Text of a workspace file (path relative to root), or undefined if it does not exist. */
  readFile(relPath: string): string | undefined;
  /** Names of dependencies and devDependencies of the nearest package.json. */
  dependencies?: ReadonlySet<string>;
  /**
   * Changes whenever another file of the workspace may have changed (the analysed file's own edits
   * leave it as it is). Without it, nothing read from other files is reused between analyses.
   */
  generation?: number;
  /**
   * Where module resolution may keep its answers, by importing folder and specifier: a host
   * hands one out only while no file can appear or vanish unseen (one scan's reader) and nobody
   * needs to see the probes (a findings cache records every read). Absent: resolve every time.
   */
  resolutions?: Map<string, string | undefined>;
  /**
   * A tree (parent pointers set) of a workspace file's text as `readFile` gave it, when the host
   * parses for the engine: a scan analyses a module whose exports a file asks for right after that
   * file, from this tree, instead of parsing it again at its own turn. Absent: the engine parses.
   */
  parse?(relPath: string, text: string): ts.SourceFile;
}

export interface RuleContext {
  readonly ruleId: string;
  readonly fileName: string;
  /** Path relative to the workspace root when known (forward slashes), else the file name. */
  readonly relPath: string;
  readonly text: string;
  readonly sourceFile: ts.SourceFile;
  readonly index: FileIndex;
  readonly config: ResolvedConfig;
  readonly workspace: WorkspaceView | undefined;
  /** Which top-level statements are unchanged since the file's last analysis (editor path). */
  readonly reuse: StatementReuse;
  /** Memoised per file: every rule asking for the same model gets the same instance. */
  model<T>(factory: ModelFactory<T>): T;
  report(descriptor: ReportDescriptor): void;
}

export type ModelFactory<T> = (ctx: ModelContext) => T;
export interface ModelContext {
  readonly fileName: string;
  readonly text: string;
  readonly sourceFile: ts.SourceFile;
  readonly index: FileIndex;
  readonly workspace: WorkspaceView | undefined;
  readonly reuse: StatementReuse;
  model<T>(factory: ModelFactory<T>): T;
}

export type Listener = (node: any) => void;

export interface Visitors {
  /** Called on entering a node of that kind, in document order. */
  on?: Partial<Record<ts.SyntaxKind, Listener>>;
  /** Called when leaving a node of that kind (after its children). */
  onExit?: Partial<Record<ts.SyntaxKind, Listener>>;
  /** Called once after the traversal: the file index and models are complete here. */
  onEnd?: () => void;
}

export interface Rule {
  meta: RuleMeta;
  create(context: RuleContext): Visitors;
  /**
   * A source rule may also read the non-source kinds it lists in `meta.files` (schema-sync reads
   * package.json scripts, public-env-secret reads `.env*` keys), so one rule id covers both; it
   * then runs on source files only when `files` lists "source".
   */
  checkText?(context: TextRuleContext): void;
}

/** Rules for non-source files (`.env*`, package.json) see the raw text only. */
export interface TextRule {
  meta: RuleMeta;
  checkText(context: TextRuleContext): void;
}

export interface TextRuleContext {
  readonly fileName: string;
  readonly relPath: string;
  readonly text: string;
  readonly config: ResolvedConfig;
  report(descriptor: { start: number; end: number; message: string; fixes?: Fix[]; severity?: Severity }): void;
}

export type AnyRule = Rule | TextRule;

export interface RuleFailure {
  ruleId: string;
  message: string;
}

export interface FileResult {
  fileName: string;
  findings: Finding[];
  /** Rules that threw; the others still ran. */
  ruleFailures: RuleFailure[];
  /** Why the file was not analysed (too large, binary, ignored), if it was not. */
  skipped?: string;
  /** Number of syntax errors TypeScript reported; analysis still ran on what parsed. */
  syntaxErrors: number;
  /** Per-rule milliseconds, when timing was requested. */
  timings?: Record<string, number>;
}
