import ts = require("typescript");
import type { Edit, Fix, RuleContext } from "../engine/types.js";
import type { HookBinding } from "../model/components.js";
import { attr, type HandlerSite, type HandlersModel, type WorkStep } from "../model/handlers.js";
import { indentAt, indentUnit, preferredQuote } from "./indent.js";
// TypeScript's exports are getters on an object too large for fast properties: read once.
const { SyntaxKind, forEachChild, getModifiers, isArrayLiteralExpression, isArrowFunction, isAwaitExpression, isBinaryExpression, isBlock, isCallExpression, isConditionalExpression, isExpressionStatement, isIdentifier, isImportDeclaration, isJsxExpression, isJsxOpeningElement, isJsxText, isNamedImports, isObjectBindingPattern, isParenthesizedExpression, isPropertyAccessExpression, isReturnStatement, isStringLiteral, isVariableDeclaration, isVariableStatement } = ts;

const TITLE = "Add loading state";

/** An existing flag tracks the work: disable the trigger with it and show it. */
export function reusePendingFix(ctx: RuleContext, site: HandlerSite, flag: string | undefined): Fix | undefined {
  if (!flag || !site.trigger) return undefined;
  const edits = triggerEdits(ctx, site.trigger, flag);
  if (edits.length === 0) return undefined;
  return { title: TITLE, safe: false, preferred: true, edits };
}

/**
 * `const { mutate } = useMutation(…)`: the library already tracks the request; destructure its
 * flag next to `mutate` (`isPending`, SWR's `isMutating`, react-query v3/v4's `isLoading`) and use it.
 */
export function destructurePendingFix(ctx: RuleContext, site: HandlerSite, hook: HookBinding): Fix | undefined {
  if (!site.trigger || hook.kind !== "mutation") return undefined;
  const decl = hook.call.parent;
  if (!decl || !isVariableDeclaration(decl) || !isObjectBindingPattern(decl.name) || decl.initializer !== hook.call) return undefined;
  const prop = hook.hook === "useSWRMutation" ? "isMutating" : hook.module === "react-query" ? "isLoading" : hook.module === "@tanstack/react-query" || /\.useMutation$/.test(hook.call.expression.getText(ctx.sourceFile)) ? "isPending" : undefined;
  if (!prop) return undefined;
  const comp = site.component.node;
  const compText = ctx.text.slice(comp.pos, comp.end);
  const local = [prop, prop.replace(/^is/, "is") + "Mutation", "mutationPending"].find((n) => !new RegExp(`\\b${n}\\b`).test(compText));
  if (!local) return undefined;
  const elements = decl.name.elements;
  const last = elements[elements.length - 1];
  if (!last) return undefined;
  const edits: Edit[] = [{ start: last.end, end: last.end, newText: local === prop ? `, ${prop}` : `, ${prop}: ${local}` }];
  edits.push(...triggerEdits(ctx, site.trigger, local));
  return { title: TITLE, safe: false, preferred: true, edits };
}

/**
 * Nothing tracks the work: add `const [isSubmitting, setIsSubmitting] = useState(false)`, set it
 * around the handler's work (cleared in `finally`, re-entry guarded), and disable the trigger.
 */
export function addLoadingStateFix(ctx: RuleContext, site: HandlerSite, model: HandlersModel, work: WorkStep): Fix | undefined {
  // `mutate()` returns at once: a flag cleared in `finally` would not cover it. An awaited call does.
  if (work.what === "mutation" && !(work.node.parent && isAwaitExpression(work.node.parent)) && !/mutateAsync$/.test(work.node.getText(ctx.sourceFile).split("(")[0] ?? "")) return undefined;
  const comp = site.component.node;
  if (!comp.body || !isBlock(comp.body) || comp.body.statements.length === 0) return undefined;
  const text = ctx.text;
  const compText = text.slice(comp.pos, comp.end);
  const [flag, setter] = [["isSubmitting", "setIsSubmitting"], ["isSaving", "setIsSaving"], ["isRequestPending", "setIsRequestPending"]].find(
    ([f, s]) => !new RegExp(`\\b(${f}|${s})\\b`).test(compText),
  ) ?? [];
  if (!flag || !setter) return undefined;
  const unit = indentUnit(ctx.sourceFile);
  const nl = text.includes("\r\n") ? "\r\n" : "\n";
  const semi = statementSemicolon(ctx.sourceFile, comp);
  const edits: Edit[] = [];

  // 1. the handler
  const isClientCapable = ctx.index.directives.has("use client") || site.component.hooks.length > 0;
  const isFormAction = site.event === "action" || site.event === "formAction";
  // A server component cannot hold state, and a "use server" function cannot set it.
  if (isFormAction && (!isClientCapable || work.node === site.fn)) return undefined;
  if (site.fn && (site.fnScope === "inline" || site.fnScope === "component")) {
    const wrapped = wrapFunction(ctx, site, site.fn, flag, setter, unit, nl, model);
    if (!wrapped) return undefined;
    edits.push(...wrapped);
  } else if ((site.fn && site.fnScope === "file") || site.imported) {
    const param = site.event === "action" || site.event === "formAction" ? "formData" : "event";
    const callee = site.value.getText(ctx.sourceFile);
    const arg = site.fn && site.fn.parameters.length === 0 ? "" : param;
    const ind = indentAt(text, site.attribute.getStart(ctx.sourceFile));
    const guard = site.event === "onSubmit" ? `if (${flag}) {${nl}${ind}${unit}${unit}${param}.preventDefault()${semi}${nl}${ind}${unit}${unit}return${semi}${nl}${ind}${unit}}` : `if (${flag}) return${semi}`;
    const body = [guard, `${setter}(true)${semi}`, `try {`, `${unit}await ${callee}(${arg})${semi}`, `} finally {`, `${unit}${setter}(false)${semi}`, `}`].map((l) => `${ind}${unit}${l}`).join(nl);
    edits.push({ start: site.value.getStart(ctx.sourceFile), end: site.value.end, newText: `async (${arg}) => {${nl}${body}${nl}${ind}}` });
  } else return undefined;

  // 2. the state, and useState in scope
  const useState = useStateRef(ctx, edits, nl);
  const first = comp.body.statements[0];
  const at = first.getStart(ctx.sourceFile);
  edits.push({ start: at, end: at, newText: `const [${flag}, ${setter}] = ${useState}(false)${semi}${nl}${indentAt(text, at)}` });

  // 3. the trigger
  if (site.trigger) edits.push(...triggerEdits(ctx, site.trigger, flag));
  return { title: TITLE, safe: false, preferred: true, edits };
}

function useStateRef(ctx: RuleContext, edits: Edit[], nl: string): string {
  const b = ctx.index.importOf("useState");
  if (b && b.module === "react" && !b.typeOnly) return "useState";
  const reactDecls = ctx.sourceFile.statements.filter(
    (s): s is ts.ImportDeclaration => isImportDeclaration(s) && isStringLiteral(s.moduleSpecifier) && s.moduleSpecifier.text === "react" && !!s.importClause && !s.importClause.isTypeOnly,
  );
  const reactNs = ctx.index.imports.find((i) => i.module === "react" && (i.imported === "default" || i.imported === "*"));
  const usesNamespaceStyle = !!reactNs && ctx.index.propertyAccesses.some((p) => isIdentifier(p.expression) && p.expression.text === reactNs.local && /^use[A-Z]/.test(p.name.text));
  if (reactNs && usesNamespaceStyle) return `${reactNs.local}.useState`;
  const named = reactDecls.map((d) => d.importClause!.namedBindings).find((n): n is ts.NamedImports => !!n && isNamedImports(n));
  if (named) {
    const last = named.elements[named.elements.length - 1];
    if (last) edits.push({ start: last.end, end: last.end, newText: ", useState" });
    else edits.push({ start: named.getStart(ctx.sourceFile) + 1, end: named.getStart(ctx.sourceFile) + 1, newText: " useState " });
    return "useState";
  }
  if (reactNs) return `${reactNs.local}.useState`;
  const q = preferredQuote(ctx.text);
  const line = `import { useState } from ${q}react${q}${statementSemicolon(ctx.sourceFile, ctx.sourceFile)}`;
  const imports = ctx.sourceFile.statements.filter(ts.isImportDeclaration);
  if (imports.length > 0) {
    const end = imports[imports.length - 1].end;
    edits.push({ start: end, end, newText: `${nl}${line}` });
  } else {
    const prologue = ctx.sourceFile.statements.filter((s, i, all) => all.slice(0, i + 1).every((x) => isExpressionStatement(x) && isStringLiteral(x.expression)));
    if (prologue.length > 0) {
      const end = prologue[prologue.length - 1].end;
      edits.push({ start: end, end, newText: `${nl}${nl}${line}` });
    } else edits.push({ start: 0, end: 0, newText: `${line}${nl}${nl}` });
  }
  return "useState";
}

function isPreventDefault(s: ts.Statement): boolean {
  return isExpressionStatement(s) && isCallExpression(s.expression) && isPropertyAccessExpression(s.expression.expression) && s.expression.expression.name.text === "preventDefault";
}

function wrapFunction(ctx: RuleContext, site: HandlerSite, fn: ts.FunctionLikeDeclaration, flag: string, setter: string, unit: string, nl: string, model: HandlersModel): Edit[] | undefined {
  const sf = ctx.sourceFile;
  const text = ctx.text;
  const body = fn.body;
  if (!body) return undefined;
  const isAsync = !!getModifiers(fn)?.some((m) => m.kind === SyntaxKind.AsyncKeyword);
  const tops = new Set(model.steps(site).filter((s): s is WorkStep => s.type === "work").map((w) => w.top).filter((t): t is ts.Node => !!t));
  const firstParam = fn.parameters[0] && isIdentifier(fn.parameters[0].name) ? fn.parameters[0].name.text : undefined;
  const edits: Edit[] = [];

  if (!isBlock(body)) {
    // `() => save(x)` → an async block that awaits it.
    if (!isArrowFunction(fn)) return undefined;
    const ind = indentAt(text, fn.getStart(sf));
    const head = text.slice(fn.getStart(sf), fn.equalsGreaterThanToken.getStart(sf));
    const expr = unwrapParens(body);
    const awaited = isAwaitExpression(expr) ? expr.getText(sf) : `await ${expr.getText(sf)}`;
    const semi = statementSemicolon(sf, site.component.node);
    const code = reindent(`${awaited}${semi}`, indentAt(text, expr.getStart(sf)), `${ind}${unit}${unit}`);
    const lines = [`if (${flag}) return${semi}`, `${setter}(true)${semi}`, `try {`].map((l) => `${ind}${unit}${l}`);
    lines.push(`${ind}${unit}${unit}${code.join(nl)}`);
    lines.push(...[`} finally {`, `${unit}${setter}(false)${semi}`, `}`].map((l) => `${ind}${unit}${l}`));
    edits.push({ start: fn.getStart(sf), end: fn.end, newText: `${isAsync ? "" : "async "}${head}=> {${nl}${lines.join(nl)}${nl}${ind}}` });
    return [...edits, ...dependencyEdits(sf, fn, flag)];
  }

  const stmts = [...body.statements];
  const hoisted: ts.Statement[] = [];
  while (stmts.length > 0 && isPreventDefault(stmts[0])) hoisted.push(stmts.shift()!);
  if (stmts.length === 0) return undefined;
  const lineOf = (pos: number) => sf.getLineAndCharacterOfPosition(pos).line;
  // `() => { await save(); }` on one line: the new body gets lines of its own.
  const oneLine = lineOf(body.getStart(sf)) === lineOf((hoisted[0] ?? stmts[0]).getStart(sf));
  const outerIndent = indentAt(text, body.getStart(sf));
  const bodyIndent = oneLine ? outerIndent + unit : indentAt(text, stmts[0].getStart(sf));
  const fromIndent = indentAt(text, stmts[0].getStart(sf));
  const semi = statementSemicolon(sf, body);
  // The original statements move into the try block verbatim: blank lines and comments included.
  const innerStart = hoisted.length > 0 ? hoisted[hoisted.length - 1].end : body.getStart(sf) + 1;
  const innerEnd = body.end - 1;
  let inner = text.slice(innerStart, innerEnd);
  let needsAsync = false;
  for (const st of [...stmts].reverse()) {
    // Work started but not awaited would clear the flag at once: await it.
    if (tops.has(st) && isExpressionStatement(st) && !isAwaitExpression(st.expression)) {
      const at = st.getStart(sf) - innerStart;
      inner = inner.slice(0, at) + "await " + inner.slice(at);
      needsAsync = true;
    }
  }
  // On one line, statements get a line each unless something between them (a comment) would be lost.
  let between = text.slice(innerStart, innerEnd);
  for (const st of [...stmts].reverse()) between = between.slice(0, st.getStart(sf) - innerStart) + between.slice(st.end - innerStart);
  const splittable = oneLine && between.trim() === "";
  const innerLines = splittable
    ? stmts.map((st) => (tops.has(st) && isExpressionStatement(st) && !isAwaitExpression(st.expression) ? "await " : "") + st.getText(sf)).join(`${nl}${bodyIndent}${unit}`)
    : reindent(inner.trim(), fromIndent, bodyIndent + unit).join(nl);
  // react-hook-form's handleSubmit already prevents the default; its callback gets values, not an event.
  const guard = site.event === "onSubmit" && !site.formHook && hoisted.length === 0 && firstParam
    ? `if (${flag}) {${nl}${bodyIndent}${unit}${firstParam}.preventDefault()${semi}${nl}${bodyIndent}${unit}return${semi}${nl}${bodyIndent}}`
    : `if (${flag}) return${semi}`;
  const out = [
    ...hoisted.map((h) => h.getText(sf)),
    guard,
    `${setter}(true)${semi}`,
    `try {`,
    `${unit}${innerLines}`,
    `} finally {`,
    `${unit}${setter}(false)${semi}`,
    `}`,
  ].join(`${nl}${bodyIndent}`);
  edits.push({ start: body.getStart(sf) + 1, end: innerEnd, newText: `${nl}${bodyIndent}${out}${nl}${outerIndent}` });
  if (needsAsync && !isAsync) {
    const kw = isArrowFunction(fn) ? fn.getStart(sf) : fn.getChildren(sf).find((c) => c.kind === SyntaxKind.FunctionKeyword)?.getStart(sf);
    if (kw === undefined) return undefined;
    edits.push({ start: kw, end: kw, newText: "async " });
  }
  return [...edits, ...dependencyEdits(sf, fn, flag)];
}

/** ";" unless the code around omits statement semicolons (standard / prettier `semi: false`). */
export function statementSemicolon(sf: ts.SourceFile, near: ts.Node): string {
  let withSemi = 0;
  let without = 0;
  const visit = (n: ts.Node) => {
    if (isExpressionStatement(n) || isVariableStatement(n) || isReturnStatement(n)) {
      if (n.getText(sf).endsWith(";")) withSemi++;
      else without++;
    }
    if (withSemi + without < 20) forEachChild(n, visit);
  };
  visit(near);
  if (withSemi + without === 0) visit(sf);
  return without > withSemi ? "" : ";";
}

/** useCallback(fn, [deps]): the guard reads the flag, so it joins the dependencies. */
function dependencyEdits(sf: ts.SourceFile, fn: ts.FunctionLikeDeclaration, flag: string): Edit[] {
  const call = fn.parent;
  if (!call || !isCallExpression(call) || call.arguments[0] !== fn) return [];
  const deps = call.arguments[1];
  if (!deps || !isArrayLiteralExpression(deps)) return [];
  const last = deps.elements[deps.elements.length - 1];
  if (last) return [{ start: last.end, end: last.end, newText: `, ${flag}` }];
  return [{ start: deps.getStart(sf) + 1, end: deps.getStart(sf) + 1, newText: flag }];
}

/** Lines of `code` whose continuation lines move from indentation `from` to `to`. */
function reindent(code: string, from: string, to: string): string[] {
  return code.split(/\r?\n/).map((l, i) => (i === 0 || l.trim() === "" ? l : l.startsWith(from) ? to + l.slice(from.length) : to + l.trimStart()));
}

function unwrapParens(e: ts.Expression): ts.Expression {
  while (isParenthesizedExpression(e)) e = e.expression;
  return e;
}

/** `disabled={flag}` and `aria-busy={flag}` on the trigger, and `{flag ? "Saving…" : "Save"}` for a plain text label. */
function triggerEdits(ctx: RuleContext, el: ts.JsxOpeningLikeElement, flag: string): Edit[] {
  const sf = ctx.sourceFile;
  const edits: Edit[] = [];
  const props = el.attributes.properties;
  const insertAt = props.length > 0 ? props[props.length - 1].end : el.tagName.end;
  const added: string[] = [];
  const disabled = attr(el, "disabled");
  if (!disabled) added.push(`disabled={${flag}}`);
  else if (disabled.initializer && isJsxExpression(disabled.initializer) && disabled.initializer.expression) {
    const e = disabled.initializer.expression;
    const inner = isBinaryExpression(e) || isConditionalExpression(e) ? `(${e.getText(sf)})` : e.getText(sf);
    edits.push({ start: e.getStart(sf), end: e.end, newText: `${flag} || ${inner}` });
  }
  if (!attr(el, "aria-busy")) added.push(`aria-busy={${flag}}`);
  if (added.length > 0) edits.push({ start: insertAt, end: insertAt, newText: " " + added.join(" ") });
  if (isJsxOpeningElement(el)) {
    const children = el.parent.children;
    const texts = children.filter((c) => !(isJsxText(c) && c.containsOnlyTriviaWhiteSpaces));
    if (texts.length === 1 && isJsxText(texts[0])) {
      const t = texts[0];
      const raw = t.text;
      const label = raw.trim();
      if (label && !/[{}<>]/.test(label) && /[\p{L}]/u.test(label)) {
        const start = t.pos + raw.indexOf(label);
        const q = preferredQuote(ctx.text);
        const lit = (s: string) => `${q}${s.replace(/\\/g, "\\\\").replace(new RegExp(q, "g"), `\\${q}`)}${q}`;
        edits.push({ start, end: start + label.length, newText: `{${flag} ? ${lit(pendingLabel(label))} : ${lit(label)}}` });
      }
    }
  }
  return edits;
}

/** "Save" → "Saving…", "Create order" → "Creating…", "Submit" → "Submitting…". */
export function pendingLabel(label: string): string {
  const word = label.split(/\s+/)[0].replace(/[^A-Za-z]/g, "");
  if (!word) return "Working…";
  const lower = word.toLowerCase();
  let g: string;
  if (/^(new|next|more|all|my|the|a|an|yes|no|ok|okay|go|done)$/.test(lower)) return "Working…";
  if (/^.{3,}ing$/.test(lower)) g = lower;
  else if (/[^aeiou]e$/.test(lower) && lower !== "be") g = lower.slice(0, -1) + "ing";
  // Short words ending consonant-vowel-consonant double the last letter: star → starring, pin → pinning.
  else if (/^[^aeiou]*[aeiou][^aeiouwxy]$/.test(lower) || /^(submit|rerun|reset|admit|commit|upset|permit|regret|forget)$/.test(lower)) g = lower + lower.slice(-1) + "ing";
  else g = lower + "ing";
  if (word[0] === word[0].toUpperCase()) g = g[0].toUpperCase() + g.slice(1);
  // Phrasal verbs keep their particle: "Log in" → "Logging in…".
  const particle = label.split(/\s+/)[1];
  if (particle && /^(in|up|out|on|off|over|back)$/i.test(particle)) g += ` ${particle}`;
  return `${g}…`;
}
