import ts = require("typescript");
import { FileIndex, isIndexedKind } from "./fileIndex.js";
import { parseBareSource, syntaxErrorCount } from "./parse.js";
import { isSuppressed, parseSuppressions, computeLineStarts, lineOf } from "./suppressions.js";
import { DEFAULT_CONFIG, type ResolvedConfig } from "./config.js";
import { beginReuse, NO_REUSE } from "./statementReuse.js";
import type {
  AnyRule,
  FileResult,
  Finding,
  Fix,
  Listener,
  ModelContext,
  ModelFactory,
  ReportDescriptor,
  Rule,
  RuleContext,
  RuleFailure,
  Severity,
  TextRule,
  Visitors,
  WorkspaceView,
} from "./types.js";

// TypeScript's exports are getters on an object too large for fast properties: read once.
const { SyntaxKind, forEachChild } = ts;
const LAST_TOKEN = SyntaxKind.LastToken;

/**
 * What the walk does with a node of each kind, one table read per node: most nodes (identifiers,
 * keywords, punctuation) need nothing but their parent pointer.
 */
const enum Walk {
  Index = 1,
  Enter = 2,
  Exit = 4,
}
const INDEXED = new Uint8Array(SyntaxKind.Count);
for (let k = 0; k < SyntaxKind.Count; k++) if (isIndexedKind(k)) INDEXED[k] = Walk.Index;

/** Files above this size are skipped: minified bundles and generated code are not what a person edits. */
export const MAX_FILE_BYTES = 1024 * 1024;

export interface AnalyzeOptions {
  rules: readonly AnyRule[];
  config?: ResolvedConfig;
  workspace?: WorkspaceView;
  /** Record per-rule time (a little overhead: two clock reads per visitor call). */
  timing?: boolean;
  /**
   * With a tree handed in (`sourceFile`), rules may reuse what they computed for statements the
   * edit did not touch (see statementReuse.ts). False: compute everything, record nothing.
   */
  reuse?: boolean;
}

export interface SourceInput {
  fileName: string;
  text: string;
  /** Workspace-relative path (forward slashes); defaults to fileName. */
  relPath?: string;
  /** A tree for exactly this text, e.g. from an incremental reparse. */
  sourceFile?: ts.SourceFile;
  /**
   * A fresh parse of exactly this text the host made for another purpose (parent pointers set or
   * not): analysed as if the engine had parsed it, walked whole, nothing reused.
   */
  parsed?: ts.SourceFile;
}

/** A pure text rule (no source visitors). A source `Rule` may also have `checkText`: see `readsKind`. */
export function isTextRule(rule: AnyRule): rule is TextRule {
  return typeof (rule as TextRule).checkText === "function" && typeof (rule as Rule).create !== "function";
}

function readsKind(rule: AnyRule, kind: "source" | "env" | "package-json"): boolean {
  return rule.meta.files === undefined ? kind === "source" : rule.meta.files.includes(kind);
}

/** The severity of one finding: the user's setting, else the finding's own, else the rule's default. */
function findingSeverity(rule: AnyRule, config: ResolvedConfig, ruleSeverity: Severity, own: Severity | undefined): Severity {
  return own && !config.rules.has(rule.meta.id) ? own : ruleSeverity;
}

/** A rule that visits syntax trees. */
export function isSourceRule(rule: AnyRule): rule is Rule {
  return typeof (rule as Rule).create === "function";
}

export function effectiveSeverity(rule: AnyRule, config: ResolvedConfig): Severity | "off" {
  return config.rules.get(rule.meta.id) ?? rule.meta.severity;
}

/** Why a text cannot be analysed, or undefined when it can. */
export function unanalysableReason(text: string): string | undefined {
  if (text.length > MAX_FILE_BYTES) return `larger than ${MAX_FILE_BYTES / 1024} KiB`;
  // A NUL in the first 8 KiB means binary content, as git decides it.
  if (text.slice(0, 8192).includes("\u0000")) return "binary content";
  return undefined;
}

interface ActiveRule {
  rule: Rule;
  severity: Severity;
  visitors: Visitors;
  failed: boolean;
}

/**
 * Analyse one source file: parse (unless a tree is handed in), one traversal that feeds the file
 * index and every enabled rule's visitors, then suppression and severity. Never throws for a
 * rule's sake: a failing rule is recorded in `ruleFailures` and the others go on.
 */
export function analyzeSource(input: SourceInput, options: AnalyzeOptions): FileResult {
  const config = options.config ?? DEFAULT_CONFIG;
  const result: FileResult = { fileName: input.fileName, findings: [], ruleFailures: [], syntaxErrors: 0 };
  const skip = unanalysableReason(input.text);
  if (skip) {
    result.skipped = skip;
    return result;
  }
  let sourceFile: ts.SourceFile;
  try {
    sourceFile = input.sourceFile ?? input.parsed ?? parseBareSource(input.fileName, input.text);
  } catch (e) {
    // TypeScript's parser is recursive: pathological nesting exhausts the stack. Skip, say why.
    result.skipped = e instanceof RangeError ? "nested too deeply to parse" : `could not be parsed (${errorText(e)})`;
    return result;
  }
  result.syntaxErrors = syntaxErrorCount(sourceFile);
  const index = new FileIndex();
  const timings: Record<string, number> | undefined = options.timing ? {} : undefined;
  const models = new Map<ModelFactory<unknown>, unknown>();
  const reuse =
    input.sourceFile !== undefined && options.reuse !== false
      ? beginReuse(input.fileName, sourceFile, { config, rules: options.rules, generation: options.workspace?.generation, hasWorkspace: options.workspace !== undefined })
      : NO_REUSE;
  const modelContext: ModelContext = {
    fileName: input.fileName,
    text: input.text,
    sourceFile,
    index,
    workspace: options.workspace,
    reuse,
    model: getModel,
  };
  // Helpers ask for their model on every call (declarationOf, resolveValue …): one lookup when it exists.
  function getModel<T>(factory: ModelFactory<T>): T {
    let model = models.get(factory);
    if (model === undefined && !models.has(factory)) {
      model = factory(modelContext);
      models.set(factory, model);
    }
    return model as T;
  }

  const raw: Finding[] = [];
  const active: ActiveRule[] = [];
  for (const rule of options.rules) {
    if (!isSourceRule(rule) || !readsKind(rule, "source")) continue;
    const severity = effectiveSeverity(rule, config);
    if (severity === "off") continue;
    const entry: ActiveRule = { rule, severity, visitors: {}, failed: false };
    const context: RuleContext = {
      ruleId: rule.meta.id,
      fileName: input.fileName,
      relPath: input.relPath ?? input.fileName,
      text: input.text,
      sourceFile,
      index,
      config,
      workspace: options.workspace,
      reuse,
      model: getModel,
      report: (d) => raw.push(toFinding(rule.meta.id, findingSeverity(rule, config, severity, d.severity), d, sourceFile)),
    };
    try {
      entry.visitors = timed(timings, rule.meta.id, () => rule.create(context));
      active.push(entry);
    } catch (e) {
      fail(result.ruleFailures, entry, e);
    }
  }

  try {
    traverse(sourceFile, index, active, result.ruleFailures, timings, input.sourceFile !== undefined);
    for (const entry of active) {
      if (entry.failed || !entry.visitors.onEnd) continue;
      try {
        timed(timings, entry.rule.meta.id, () => entry.visitors.onEnd!());
      } catch (e) {
        if (isStackOverflow(e)) throw e;
        fail(result.ruleFailures, entry, e);
      }
    }
  } catch (e) {
    // A tree that parsed can still be too deep to walk recursively (a 10,000-term string
    // concatenation, a long promise chain: the parser loops over those, the walk recurses).
    if (!isStackOverflow(e)) throw e;
    return { ...result, ruleFailures: [], skipped: "nested too deeply to analyse" };
  }

  // Most files have no finding: then there is nothing to suppress, and no line starts to compute.
  if (raw.length > 0) {
    const suppressions = parseSuppressions(input.text, sourceFile.getLineStarts());
    const failed = new Set(result.ruleFailures.map((f) => f.ruleId));
    result.findings = raw
      .filter((f) => !failed.has(f.ruleId) && !isSuppressed(suppressions, f.ruleId, f.line - 1))
      .sort((a, b) => a.start - b.start || a.ruleId.localeCompare(b.ruleId));
  }
  if (timings) result.timings = timings;
  return result;
}

/** Analyse a non-source file (`.env*`, package.json) with the text rules that ask for its kind. */
export function analyzeTextFile(
  input: { fileName: string; text: string; relPath?: string; kind: "env" | "package-json" },
  options: AnalyzeOptions,
): FileResult {
  const config = options.config ?? DEFAULT_CONFIG;
  const result: FileResult = { fileName: input.fileName, findings: [], ruleFailures: [], syntaxErrors: 0 };
  const skip = unanalysableReason(input.text);
  if (skip) {
    result.skipped = skip;
    return result;
  }
  let lineStarts: number[] | undefined;
  const position = (offset: number) => {
    lineStarts ??= computeLineStarts(input.text);
    const line = lineOf(lineStarts, offset);
    return { line: line + 1, column: offset - lineStarts[line] + 1 };
  };
  for (const rule of options.rules) {
    const checkText = rule.checkText;
    if (typeof checkText !== "function" || !readsKind(rule, input.kind)) continue;
    const severity = effectiveSeverity(rule, config);
    if (severity === "off") continue;
    try {
      checkText.call(rule, {
        fileName: input.fileName,
        relPath: input.relPath ?? input.fileName,
        text: input.text,
        config,
        report: (d) => {
          const s = position(d.start);
          const e = position(d.end);
          result.findings.push({
            ruleId: rule.meta.id,
            severity: findingSeverity(rule, config, severity, d.severity),
            message: d.message,
            start: d.start,
            end: d.end,
            line: s.line,
            column: s.column,
            endLine: e.line,
            endColumn: e.column,
            fixes: d.fixes ?? [],
          });
        },
      });
    } catch (e) {
      result.ruleFailures.push({ ruleId: rule.meta.id, message: errorText(e) });
    }
  }
  if (input.text.includes("shipshape-ignore")) {
    lineStarts ??= computeLineStarts(input.text);
    const s = parseSuppressions(input.text, lineStarts);
    result.findings = result.findings.filter((f) => !isSuppressed(s, f.ruleId, f.line - 1));
  }
  result.findings.sort((a, b) => a.start - b.start);
  return result;
}

/** Enter events are nodes; an exit event is the node wrapped as { exit: node }. */
type WalkEvent = ts.Node | { exit: ts.Node };

/** What walking one top-level statement produced, kept while the statement's node lives. */
const walked = new WeakMap<ts.Node, { hooks: string; index: FileIndex; events: WalkEvent[] }>();

/** Which kinds rules hook: recorded events are reusable only for the same set. */
function hookKey(enter: readonly unknown[], exit: readonly unknown[]): string {
  const kinds = (table: readonly unknown[]) => table.flatMap((v, k) => (v === undefined ? [] : [k])).join(",");
  return `${kinds(enter)}/${kinds(exit)}`;
}

/**
 * The single traversal, recursive: TypeScript's parser recurses several frames deeper per nesting
 * level than this walk does, so any tree that parsed can be walked (deeper input is refused at
 * parse time, see analyzeSource).
 *
 * The walk also sets parent pointers: the engine parses without them (`parseBareSource`), which
 * spares TypeScript's own whole-tree pass over the same nodes. Because a node's descendants have no
 * parents yet when the walk enters it, rule visitors are not called during the walk: the walk
 * records the nodes they asked for, in document order, and replays enter and exit events once
 * every parent pointer is set and the index is complete.
 */
function traverse(
  sourceFile: ts.SourceFile,
  index: FileIndex,
  active: ActiveRule[],
  failures: RuleFailure[],
  timings: Record<string, number> | undefined,
  reuse: boolean,
): void {
  const enter: (Array<[ActiveRule, Listener]> | undefined)[] = [];
  const exit: (Array<[ActiveRule, Listener]> | undefined)[] = [];
  const todo = INDEXED.slice();
  for (const entry of active) {
    for (const [kind, fn] of Object.entries(entry.visitors.on ?? {})) {
      (enter[Number(kind)] ??= []).push([entry, fn as Listener]);
      todo[Number(kind)] |= Walk.Enter;
    }
    for (const [kind, fn] of Object.entries(entry.visitors.onExit ?? {})) {
      (exit[Number(kind)] ??= []).push([entry, fn as Listener]);
      todo[Number(kind)] |= Walk.Exit;
    }
  }
  const events: WalkEvent[] = [];
  let parent: ts.Node = sourceFile;
  let into = index;
  let intoEvents = events;
  const visit = (node: ts.Node): void => {
    (node as { parent: ts.Node }).parent = parent;
    const kind = node.kind;
    const what = todo[kind];
    if (what & Walk.Index) into.add(node);
    if (what & Walk.Enter) intoEvents.push(node);
    // Tokens (identifiers, literals, keywords: a good half of all nodes) have no children.
    if (kind > LAST_TOKEN) {
      const saved = parent;
      parent = node;
      forEachChild(node, visit);
      parent = saved;
    }
    if (what & Walk.Exit) intoEvents.push({ exit: node });
  };
  index.add(sourceFile);
  index.addDirectives(sourceFile);
  if (enter[sourceFile.kind]) events.push(sourceFile);
  if (!reuse) {
    forEachChild(sourceFile, visit);
  } else {
    // A tree from an incremental reparse keeps the statements an edit did not touch (same
    // objects, parents already set by TypeScript): their part of the index and their hook
    // events are taken from the last walk instead of walking them again.
    const hooks = hookKey(enter, exit);
    for (const statement of sourceFile.statements) {
      let part = walked.get(statement);
      if (!part || part.hooks !== hooks) {
        part = { hooks, index: new FileIndex(), events: [] };
        into = part.index;
        intoEvents = part.events;
        visit(statement);
        into = index;
        intoEvents = events;
        walked.set(statement, part);
      }
      index.append(part.index);
      for (const e of part.events) events.push(e);
    }
    visit(sourceFile.endOfFileToken);
  }
  if (exit[sourceFile.kind]) events.push({ exit: sourceFile });
  if (events.length === 0) return;

  const dispatch = (listeners: Array<[ActiveRule, Listener]>, node: ts.Node) => {
    for (const [entry, fn] of listeners) {
      if (entry.failed) continue;
      try {
        if (timings) timed(timings, entry.rule.meta.id, () => fn(node));
        else fn(node);
      } catch (e) {
        // The stack ran out under this rule, but the tree's depth is to blame, not the rule.
        if (isStackOverflow(e)) throw e;
        fail(failures, entry, e);
      }
    }
  };
  for (const event of events) {
    if ("kind" in event) dispatch(enter[event.kind]!, event);
    else dispatch(exit[event.exit.kind]!, event.exit);
  }
}

function toFinding(ruleId: string, severity: Severity, d: ReportDescriptor, sf: ts.SourceFile): Finding {
  let start = d.start ?? (d.node ? d.node.getStart(sf) : 0);
  let end = d.end ?? (d.node ? d.node.getEnd() : start);
  start = Math.max(0, Math.min(start, sf.text.length));
  end = Math.max(start, Math.min(end, sf.text.length));
  const s = sf.getLineAndCharacterOfPosition(start);
  const e = sf.getLineAndCharacterOfPosition(end);
  return {
    ruleId,
    severity,
    message: d.message,
    start,
    end,
    line: s.line + 1,
    column: s.character + 1,
    endLine: e.line + 1,
    endColumn: e.character + 1,
    fixes: d.fixes ?? [],
  };
}

function timed<T>(timings: Record<string, number> | undefined, id: string, fn: () => T): T {
  if (!timings) return fn();
  const t0 = performance.now();
  try {
    return fn();
  } finally {
    timings[id] = (timings[id] ?? 0) + performance.now() - t0;
  }
}

/**
 * Runs at the edge of the stack, so nothing that needs much of it (a regular expression would be
 * compiled, and fail, there). A rule compiling a regex at that depth throws a SyntaxError with the
 * same ending: the depth is to blame there too.
 */
function isStackOverflow(e: unknown): boolean {
  return e instanceof Error && typeof e.message === "string" && e.message.endsWith("Maximum call stack size exceeded");
}

function fail(failures: RuleFailure[], entry: ActiveRule, e: unknown): void {
  entry.failed = true;
  failures.push({ ruleId: entry.rule.meta.id, message: errorText(e) });
}

/** An exception's message and first stack frame: enough to debug, never file contents. */
function errorText(e: unknown): string {
  if (e instanceof Error) {
    const frame = e.stack?.split("\n").find((l) => l.trim().startsWith("at "))?.trim();
    return frame ? `${e.name}: ${redact(e.message)} (${frame})` : `${e.name}: ${redact(e.message)}`;
  }
  return redact(String(e));
}

/**
 * A quoted run in an exception message may be the analysed code (JSON.parse's SyntaxError quotes
 * its input, a rule may interpolate a literal): keep only its first and last two characters, as
 * a secret would be masked.
 */
function redact(message: string): string {
  return message.replace(/(["'`])([^"'`\n]{6,})\1/g, (_m, q: string, inner: string) => `${q}${inner.slice(0, 2)}…${inner.slice(-2)}${q}`);
}

export type { Fix };
