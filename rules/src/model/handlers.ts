import ts = require("typescript");
import type { ImportBinding } from "../engine/fileIndex.js";
import type { ModelContext } from "../engine/types.js";
import { componentsModel, type Component, type HookBinding } from "./components.js";
import { calleeName, dottedName, enclosingFunction, functionName, isFunctionLike } from "./functions.js";
import { projectImports } from "./projectImports.js";
import { chainRoot, INDICATOR, isLiteralish, isPendingName, isRequestCall, isTruthyLiteral, isTruthyValue, NOT_WORK, unwrap, UTILITY_NAME } from "./asyncWork.js";
import { enclosingForm, labelOf, submitButtonOf, tagName } from "./jsx.js";
import { renderReadsOf } from "./renderReads.js";
// TypeScript's exports are getters on an object too large for fast properties: read once.
const { SyntaxKind, forEachChild, isArrowFunction, isAwaitExpression, isBinaryExpression, isBlock, isCallExpression, isExpressionStatement, isFunctionDeclaration, isFunctionExpression, isIdentifier, isJsxElement, isJsxExpression, isJsxOpeningElement, isMethodDeclaration, isNewExpression, isObjectBindingPattern, isPropertyAccessExpression, isPropertyAssignment, isStringLiteral, isVariableDeclaration } = ts;

export { attr, labelOf, stringAttr, tagName } from "./jsx.js";
export { isActionPendingName, isPendingName } from "./asyncWork.js";

export type HandlerEvent = "onClick" | "onSubmit" | "action" | "formAction";

/** An event handler attached to a JSX element of a component. */
export interface HandlerSite {
  component: Component;
  attribute: ts.JsxAttribute;
  event: HandlerEvent;
  /** The element carrying the attribute. */
  element: ts.JsxOpeningLikeElement;
  /** The form being submitted (onSubmit / action), or the form around a `formAction` button. */
  form?: ts.JsxElement;
  /** What the user presses: the element itself for clicks, the form's submit button for forms. */
  trigger?: ts.JsxOpeningLikeElement;
  /** The attribute's expression. */
  value: ts.Expression;
  /** The function that runs, when it is written here or declared in this file. */
  fn?: ts.FunctionLikeDeclaration;
  /** Where `fn` lives: written in the attribute, declared in the component, or elsewhere in the file. */
  fnScope?: "inline" | "component" | "file";
  /** `handleSubmit(onSave)` from react-hook-form (or another form hook) wraps `fn`. */
  formHook?: HookBinding;
  /** The handler is an imported function. */
  imported?: ImportBinding;
  /** The handler is the action returned by useActionState. */
  actionHook?: HookBinding;
}

/** One step of what a handler does, in execution order (calls to local functions are followed). */
export type HandlerStep =
  | { type: "set"; seq: number; setter: string; hook?: HookBinding; truthy: boolean; literal: boolean; call: ts.CallExpression }
  | { type: "guard"; seq: number; node: ts.Node }
  | { type: "optimistic"; seq: number }
  /** A loading toast / progress bar started by the handler itself. */
  | { type: "indicator"; seq: number; node: ts.Node }
  | {
      type: "work";
      seq: number;
      node: ts.Node;
      strong: boolean;
      what: "request" | "mutation" | "action" | "await" | "then";
      hook?: HookBinding;
      transition?: HookBinding | "standalone";
      /** The statement (or expression body) of the handler itself that leads to this work. */
      top?: ts.Node;
    };

export type WorkStep = Extract<HandlerStep, { type: "work" }>;

export interface HandlersModel {
  sites: HandlerSite[];
  /** What the handler does, in order. */
  steps(site: HandlerSite): HandlerStep[];
  /** Names and dotted paths the component reads while rendering (JSX, derived values, effects). */
  renderReads(component: Component): ReadonlySet<string>;
  /** Does a child component of this form read useFormStatus? */
  formHasStatusChild(form: ts.JsxElement): boolean;
  /** Label text of an element ("Create order"), if it has a simple one. */
  labelOf(el: ts.JsxOpeningLikeElement): string | undefined;
}

const EVENTS: Record<string, HandlerEvent> = { onClick: "onClick", onSubmit: "onSubmit", action: "action", formAction: "formAction" };
const FORM_MODULES = /^(next\/form|react-router(-dom)?|@remix-run\/react|react-bootstrap|reactstrap|semantic-ui-react|@radix-ui\/react-form)$/;

export function handlersModel(ctx: ModelContext): HandlersModel {
  const components = ctx.model(componentsModel);
  const imports = ctx.model(projectImports);
  const sites: HandlerSite[] = [];
  if (components.components.length === 0) return { sites, steps: () => [], renderReads: () => new Set(), formHasStatusChild: () => false, labelOf: () => undefined };

  // Named functions of the file, by name; resolved innermost-scope first. Built on first use: most
  // files with components have no handler that calls a function by name.
  let fnsByName: Map<string, ts.FunctionLikeDeclaration[]> | undefined;
  const functionsByName = (): Map<string, ts.FunctionLikeDeclaration[]> => {
    if (fnsByName) return fnsByName;
    const byName = (fnsByName = new Map());
    const addFn = (name: string | undefined, fn: ts.FunctionLikeDeclaration) => {
      if (!name) return;
      const list = byName.get(name) ?? [];
      list.push(fn);
      byName.set(name, list);
    };
    for (const fn of ctx.index.functions) {
      if (isFunctionDeclaration(fn) || ((isArrowFunction(fn) || isFunctionExpression(fn)) && fn.parent && isVariableDeclaration(fn.parent))) addFn(functionName(fn), fn);
    }
    for (const decl of ctx.index.variableDeclarations) {
      const init = decl.initializer;
      if (!init || !isIdentifier(decl.name) || !isCallExpression(init)) continue;
      const hook = calleeName(init);
      const first = init.arguments[0];
      if ((hook === "useCallback" || hook === "useEvent" || hook === "useEffectEvent" || hook === "useMemoizedFn") && first && (isArrowFunction(first) || isFunctionExpression(first))) addFn(decl.name.text, first);
    }
    return byName;
  };
  const scopeHas = (scope: ts.Node | undefined, at: ts.Node) => {
    if (!scope) return true;
    for (let p: ts.Node | undefined = at; p; p = p.parent) if (p === scope) return true;
    return false;
  };
  /** The function a name refers to at `at`: declared in an enclosing scope (innermost wins) or at file level. */
  function resolveFn(name: string, at: ts.Node): ts.FunctionLikeDeclaration | undefined {
    const list = functionsByName().get(name);
    if (!list) return undefined;
    let best: ts.FunctionLikeDeclaration | undefined;
    let bestDepth = -1;
    for (const fn of list) {
      const decl = isFunctionDeclaration(fn) ? fn : fn.parent && isVariableDeclaration(fn.parent) ? fn.parent : fn.parent?.parent;
      const scope = decl && enclosingFunction(decl);
      if (!scopeHas(scope, at)) continue;
      let depth = 0;
      for (let p: ts.Node | undefined = scope; p; p = p.parent) depth++;
      if (depth > bestDepth) {
        best = fn;
        bestDepth = depth;
      }
    }
    return best;
  }

  for (const attr of ctx.index.jsxAttributes) {
    const name = isIdentifier(attr.name) ? attr.name.text : undefined;
    const event = name ? EVENTS[name] : undefined;
    if (!event || !attr.initializer || !isJsxExpression(attr.initializer) || !attr.initializer.expression) continue;
    const element = attr.parent.parent as ts.JsxOpeningLikeElement;
    const tag = tagName(element);
    // `<Form>` is a form when a routing/UI library provides it; a project's own `<Form onSubmit>`
    // takes a callback and usually tracks its own submission.
    const isForm = tag === "form" || (tag === "Form" && FORM_MODULES.test(ctx.index.importOf("Form")?.module ?? ""));
    if ((event === "onSubmit" || event === "action") && !isForm) continue;
    const component = components.componentOf(attr);
    if (!component) continue;
    const value = unwrap(attr.initializer.expression);
    const site: HandlerSite = { component, attribute: attr, event, element, value };
    if (isForm && isJsxOpeningElement(element)) {
      site.form = element.parent;
      site.trigger = submitButtonOf(element.parent, ctx.index.jsxElements);
    } else {
      site.trigger = element;
      if (event === "formAction") site.form = enclosingForm(element);
    }
    if (!resolveSite(site, value)) continue;
    sites.push(site);
  }

  function resolveSite(site: HandlerSite, value: ts.Expression): boolean {
    if (isArrowFunction(value) || isFunctionExpression(value)) {
      site.fn = value;
      site.fnScope = "inline";
      return true;
    }
    if (isIdentifier(value)) {
      const fn = resolveFn(value.text, site.attribute);
      if (fn) {
        site.fn = fn;
        site.fnScope = site.component.node === fn || scopeHas(site.component.node, fn) ? "component" : "file";
        return true;
      }
      const action = site.component.hooks.find((h) => h.kind === "actionState" && h.setter === value.text);
      if (action) {
        site.actionHook = action;
        return true;
      }
      const imported = ctx.index.importOf(value.text);
      // `action={SUBSCRIBE_URL}`: a URL constant, not a function.
      if (imported && !imported.typeOnly && !/^[A-Z0-9_]+$/.test(value.text) && !/(url|endpoint|path|href|route)$/i.test(value.text)) {
        site.imported = imported;
        return true;
      }
      return false;
    }
    if (isCallExpression(value)) {
      // react-hook-form: onSubmit={handleSubmit(onSave)} / form.handleSubmit(onSave)
      const callee = dottedName(value.expression);
      const formHook = site.component.hooks.find((h) => (h.kind === "form" || h.kind === "fetcher") && callee !== undefined && h.triggers.includes(callee));
      const looksLikeHandleSubmit = calleeName(value) === "handleSubmit";
      if (!formHook && !looksLikeHandleSubmit) return false;
      site.formHook = formHook;
      const inner = value.arguments[0] && unwrap(value.arguments[0]);
      if (!inner) return false;
      const ok = resolveSite(site, inner);
      return ok;
    }
    return false;
  }

  // ---- what a handler does -------------------------------------------------------------------

  const stepsCache = new Map<HandlerSite, HandlerStep[]>();
  function steps(site: HandlerSite): HandlerStep[] {
    const cached = stepsCache.get(site);
    if (cached) return cached;
    const out: HandlerStep[] = [];
    let seq = 0;
    const comp = site.component;
    const setters = new Map<string, HookBinding>();
    const triggers = new Map<string, HookBinding>();
    const transitions = new Map<string, HookBinding>();
    const optimistic = new Set<string>();
    for (const h of comp.hooks) {
      if ((h.kind === "state" || h.kind === "reducer") && h.setter) setters.set(h.setter, h);
      if (h.kind === "transition" && h.setter) transitions.set(h.setter, h);
      if (h.kind === "optimistic" && h.setter) optimistic.add(h.setter);
      if (h.kind === "mutation" || h.kind === "fetcher" || h.kind === "query") for (const t of h.triggers) triggers.set(t, h);
    }
    const visiting = new Set<ts.Node>();

    let top: ts.Node | undefined;
    const work = (node: ts.Node, strong: boolean, what: WorkStep["what"], transition: WorkStep["transition"], hook?: HookBinding) =>
      out.push({ type: "work", seq: seq++, node, strong, what, hook, transition, top });

    function visitFn(fn: ts.FunctionLikeDeclaration, transition: WorkStep["transition"], depth: number) {
      if (visiting.has(fn) || depth > 4 || !fn.body) return;
      visiting.add(fn);
      // An inline `"use server"` function is a server action: calling it is a request.
      if (isBlock(fn.body) && fn.body.statements.some((s) => isExpressionStatement(s) && isStringLiteral(s.expression) && s.expression.text === "use server")) {
        work(fn, true, "action", transition);
      }
      visit(fn.body, transition, depth);
      visiting.delete(fn);
    }

    function visit(node: ts.Node, transition: WorkStep["transition"], depth: number): void {
      if (isCallExpression(node)) {
        onCall(node, transition, depth);
        return;
      }
      if (isAwaitExpression(node)) {
        const operand = unwrap(node.expression);
        const localCall = isCallExpression(operand) && isIdentifier(operand.expression) && resolveFn(operand.expression.text, operand);
        // supabase.from("t").delete().eq(…) has no dotted name: its last call names it.
        // `await copy(x).then(…)` is as much work as its chain's first call.
        const named = isCallExpression(operand) && /^(then|catch|finally)$/.test(calleeName(operand) ?? "") ? chainRoot(operand) ?? operand : operand;
        const name = isCallExpression(named) ? dottedName(named.expression) ?? calleeName(named) : undefined;
        // `await import("papaparse")` loads a chunk of the app itself, not the user's request.
        const dynamicImport = isCallExpression(named) && named.expression.kind === SyntaxKind.ImportKeyword;
        const excluded = isNewExpression(operand) || dynamicImport || (name !== undefined && NOT_WORK.test(name));
        if (!localCall && !excluded && !isIdentifier(operand) && !(isCallExpression(operand) && setters.has(name ?? ""))) {
          const hook = name !== undefined ? triggers.get(name) : undefined;
          work(node, false, "await", transition, hook);
        }
        visit(node.expression, transition, depth);
        return;
      }
      if (isBinaryExpression(node) && node.operatorToken.kind === SyntaxKind.EqualsToken && isPropertyAccessExpression(node.left) && node.left.name.text === "current" && isTruthyLiteral(node.right)) {
        // `busyRef.current = true`: a re-entry guard.
        out.push({ type: "guard", seq: seq++, node });
      }
      if (isFunctionLike(node) && node !== site.fn) {
        // Callbacks handed over in an options object (`queryFn: () => …`, `onSuccess`) run later, if at all.
        if (isMethodDeclaration(node) || (node.parent && isPropertyAssignment(node.parent))) return;
        visitFn(node, transition, depth);
        return;
      }
      children(node, transition, depth);
    }
    // One shared callback with the walk's state in variables: no closure per node.
    let curTransition: WorkStep["transition"];
    let curDepth = 0;
    const visitChild = (c: ts.Node): void => visit(c, curTransition, curDepth);
    function children(node: ts.Node, transition: WorkStep["transition"], depth: number): void {
      const st = curTransition;
      const sd = curDepth;
      curTransition = transition;
      curDepth = depth;
      forEachChild(node, visitChild);
      curTransition = st;
      curDepth = sd;
    }

    function onCall(call: ts.CallExpression, transition: WorkStep["transition"], depth: number) {
      const callee = call.expression;
      const name = dottedName(callee);
      const last = calleeName(call);
      // startTransition(async () => …): what runs inside is covered by the transition's flag.
      if (name && (transitions.has(name) || last === "startTransition")) {
        const t: WorkStep["transition"] = transitions.get(name) ?? "standalone";
        for (const a of call.arguments) visit(a, t, depth);
        return;
      }
      if (name && optimistic.has(name)) out.push({ type: "optimistic", seq: seq++ });
      if (name && INDICATOR.test(name)) out.push({ type: "indicator", seq: seq++, node: call });
      if (isIdentifier(callee) && setters.has(callee.text)) {
        const hook = setters.get(callee.text)!;
        const arg = call.arguments[0];
        out.push({ type: "set", seq: seq++, setter: callee.text, hook, truthy: !!arg && isTruthyValue(arg, hook.kind === "reducer"), literal: !!arg && isLiteralish(arg), call });
        for (const a of call.arguments) visit(a, transition, depth);
        return;
      }
      if (isIdentifier(callee) && /^set[A-Z]/.test(callee.text) && !resolveFn(callee.text, call)) {
        // A setter from props, context or a custom hook: `setSubmitting(true)` (Formik helpers too).
        const arg = call.arguments[0];
        out.push({ type: "set", seq: seq++, setter: callee.text, truthy: !!arg && isTruthyValue(arg, false), literal: !!arg && isLiteralish(arg), call });
        for (const a of call.arguments) visit(a, transition, depth);
        return;
      }
      // `.then(…)` on anything: the promise's work; the chain's root decides whether it is a request.
      if (isPropertyAccessExpression(callee) && (last === "then" || last === "finally" || last === "catch")) {
        const root = chainRoot(call);
        const rootName = root && dottedName(root.expression);
        const dynamicImport = root?.expression.kind === SyntaxKind.ImportKeyword;
        // `promise.then(…)` on a variable: the work started elsewhere (and was judged there).
        const onVariable = root === call && isIdentifier(unwrap(callee.expression));
        if (last === "then" && !dynamicImport && !onVariable && !(rootName && NOT_WORK.test(rootName))) work(call, false, "then", transition);
        visit(callee.expression, transition, depth);
        for (const a of call.arguments) visit(a, transition, depth);
        return;
      }
      const hook = name !== undefined ? triggers.get(name) : undefined;
      if (hook && hook.kind !== "query") work(call, true, "mutation", transition, hook);
      else if (!hook && isPropertyAccessExpression(callee) && (last === "mutate" || last === "mutateAsync") && name) {
        work(call, true, "mutation", transition, pseudoMutation(name.slice(0, name.lastIndexOf(".")), call));
      } else if (!hook && isIdentifier(callee) && (last === "mutate" || last === "mutateAsync" || last === "trigger") && !resolveFn(callee.text, call) && !ctx.index.importOf(callee.text)) {
        const siblings = siblingPending(callee.text);
        if (siblings) work(call, true, "mutation", transition, siblings);
      } else if (isRequestCall(call, ctx.index, (n, at) => !!resolveFn(n, at))) work(call, true, "request", transition);
      else if (isIdentifier(callee)) {
        const local = resolveFn(callee.text, call);
        // Local utilities (convertBlobToDataUrl, copyToClipboard) are not the user's request.
        if (local && UTILITY_NAME.test(callee.text)) {
          for (const a of call.arguments) visit(a, transition, depth);
          return;
        }
        if (local) {
          for (const a of call.arguments) visit(a, transition, depth);
          visitFn(local, transition, depth + 1);
          return;
        }
        const imported = ctx.index.importOf(callee.text);
        if (imported && imports.isAsyncExport(imported)) work(call, true, imports.isServerActionModule(imported) ? "action" : "request", transition);
      } else if (isPropertyAccessExpression(callee) && isIdentifier(callee.expression)) {
        const ns = ctx.index.importOf(callee.expression.text);
        if (ns && ns.imported === "*" && imports.isAsyncExport({ ...ns, imported: callee.name.text })) work(call, true, imports.isServerActionModule(ns) ? "action" : "request", transition);
      }
      children(call, transition, depth);
    }

    /** `createOrder.mutate(x)` where createOrder comes from a custom hook: its flags are `createOrder.isPending`… */
    function pseudoMutation(object: string, call: ts.CallExpression): HookBinding {
      return { kind: "mutation", hook: "unknown", call, value: object, pending: ["isPending", "isLoading", "isMutating", "status", "loading"].map((p) => `${object}.${p}`), triggers: [], bound: [] };
    }

    /** `const { mutate, isPending } = useCreateOrder()`: the pending flags bound next to `mutate`. */
    function siblingPending(name: string): HookBinding | undefined {
      for (const decl of ctx.index.variableDeclarations) {
        if (!isObjectBindingPattern(decl.name) || enclosingFunction(decl) !== comp.node) continue;
        const names = decl.name.elements.map((e) => (isIdentifier(e.name) ? e.name.text : ""));
        if (!names.includes(name) || !decl.initializer || !isCallExpression(decl.initializer)) continue;
        return { kind: "mutation", hook: calleeName(decl.initializer) ?? "unknown", call: decl.initializer, pending: names.filter((n) => n && isPendingName(n)), triggers: [name], bound: names };
      }
      return undefined;
    }

    if (site.fn) {
      const body = site.fn.body;
      if (body && isBlock(body)) {
        for (const stmt of body.statements) {
          top = stmt;
          visit(stmt, undefined, 0);
        }
      } else if (body) {
        top = body;
        visit(body, undefined, 0);
      }
      top = undefined;
      // The handler may itself be a server action (`action={save}` with "use server" inside).
      if (body && isBlock(body) && body.statements.some((s) => isExpressionStatement(s) && isStringLiteral(s.expression) && s.expression.text === "use server")) {
        out.unshift({ type: "work", seq: -1, node: site.fn, strong: true, what: "action" });
      }
    } else if (site.imported) {
      const isAction = site.event === "action" || site.event === "formAction";
      if (isAction || imports.isAsyncExport(site.imported)) {
        out.push({ type: "work", seq: seq++, node: site.value, strong: true, what: isAction || imports.isServerActionModule(site.imported) ? "action" : "request" });
      }
    } else if (site.actionHook) {
      out.push({ type: "work", seq: seq++, node: site.value, strong: true, what: "action", hook: site.actionHook });
    }
    stepsCache.set(site, out);
    return out;
  }


  const readsCache = new Map<Component, Set<string>>();
  function renderReads(comp: Component): ReadonlySet<string> {
    let reads = readsCache.get(comp);
    if (!reads) readsCache.set(comp, (reads = renderReadsOf(comp)));
    return reads;
  }


  // ---- forms -----------------------------------------------------------------------------------

  function formHasStatusChild(form: ts.JsxElement): boolean {
    for (const el of ctx.index.jsxElements) {
      if (el.pos < form.pos || el.end > form.end) continue;
      const opening = isJsxElement(el) ? el.openingElement : el;
      const tag = tagName(opening);
      if (!tag || !/^[A-Z]/.test(tag) || tag.includes(".")) continue;
      const local = components.byName(tag);
      if (local) {
        if (local.hooks.some((h) => h.kind === "formStatus")) return true;
        continue;
      }
      const b = ctx.index.importOf(tag);
      if (!b) continue;
      const text = imports.textOf(b);
      if (text !== undefined ? text.includes("useFormStatus") : /submit|button|save|pending/i.test(tag)) return true;
    }
    return false;
  }

  return { sites, steps, renderReads, formHasStatusChild, labelOf };
}
