import * as ts from "typescript";
import type { ImportBinding } from "../engine/fileIndex.js";
import type { ModelContext } from "../engine/types.js";
import { componentsModel, type Component, type HookBinding } from "./components.js";
import { calleeName, dottedName, enclosingFunction, functionName, isFunctionLike } from "./functions.js";
import { projectImports } from "./projectImports.js";

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
const REQUEST_FUNCTIONS = new Set(["fetch", "axios", "ky", "got", "ofetch", "$fetch", "superagent", "redaxios", "wretch"]);
const REQUEST_MODULES = new Set(["axios", "ky", "got", "ofetch", "superagent", "redaxios", "wretch", "ky-universal", "node-fetch", "cross-fetch", "isomorphic-fetch"]);
const HTTP_METHODS = new Set(["get", "post", "put", "patch", "delete", "del", "head", "request", "fetch"]);
/** Objects whose `.post()` etc. are HTTP requests. */
const CLIENT_NAME = /^(axios|https?|https?Client|api|apiClient|client|ky|got|ofetch|\$fetch|superagent|request|instance|backend|axiosInstance|\$http|\$api|privateApi|publicApi|authApi|server)$/i;
/** Awaited things that are not work the user could trigger twice (dialogs, clipboard, timers, navigation). */
const NOT_WORK = /(^|\.)(confirm\w*|prompt\w*|ask\w*|open\w*Dialog|show\w*(Dialog|Modal)|sleep|delay|wait|timeout|writeText|readText|clipboard\.\w+|\w*[cC]lipboard\w*|copy|copyText|share|requestPermission|requestFullscreen|exitFullscreen|text|arrayBuffer|json|blob|readAs\w+|read\w*File\w*|convert\w*|parse\w*|format\w*|compress\w*|resize\w*|encode\w*|decode\w*|hash\w*|to\w*(DataUrl|DataURL|Base64|Blob)|push|replace|prefetch|back|navigate|refresh|reload|invalidate\w*|refetch\w*|resetQueries|prefetchQuery|changeLanguage|import|resolve|all|allSettled|race|any|vibrate|play|pause|focus|scroll\w*|validate\w*|trigger)$/;
const PENDING_WORD = /(loading|pending|submitting|saving|sending|busy|processing|mutating|deleting|removing|updating|creating|posting|uploading|fetching|working|inflight|inprogress|running|publishing|cancell?ing|adding|joining|paying|placing|redirecting|signingin|loggingin|checkingout|progress)/i;
const RENDER_HOOKS = new Set(["useMemo", "useEffect", "useLayoutEffect"]);
const FORM_MODULES = /^(next\/form|react-router(-dom)?|@remix-run\/react|react-bootstrap|reactstrap|semantic-ui-react|@radix-ui\/react-form)$/;
const UTILITY_NAME = /^(convert|parse|format|compress|resize|encode|decode|hash|read|copy|to[A-Z])|[cC]lipboard/;
/** Calls that put a pending indicator on screen without component state. */
const INDICATOR = /(^|\.)(toast\.(loading|promise)|(NProgress|nprogress)\.start|showLoading|showSpinner|startLoading|setGlobalLoading|showLoader)$/;
/** Pending words that name an action in flight (not a page load), for flags of unknown origin. */
const ACTION_PENDING_WORD = /(pending|submitting|saving|sending|busy|processing|mutating|deleting|removing|updating|creating|posting|uploading|working|inflight|inprogress|publishing|cancell?ing|adding|joining|paying|placing|signingin|loggingin|checkingout)/i;

export const isPendingName = (name: string) => PENDING_WORD.test(name);
export const isActionPendingName = (name: string) => ACTION_PENDING_WORD.test(name);

export function handlersModel(ctx: ModelContext): HandlersModel {
  const components = ctx.model(componentsModel);
  const imports = ctx.model(projectImports);
  const sites: HandlerSite[] = [];
  if (components.components.length === 0) return { sites, steps: () => [], renderReads: () => new Set(), formHasStatusChild: () => false, labelOf: () => undefined };

  // Named functions of the file, by name; resolved innermost-scope first.
  const fnsByName = new Map<string, ts.FunctionLikeDeclaration[]>();
  const addFn = (name: string | undefined, fn: ts.FunctionLikeDeclaration) => {
    if (!name) return;
    const list = fnsByName.get(name) ?? [];
    list.push(fn);
    fnsByName.set(name, list);
  };
  for (const fn of ctx.index.functions) {
    if (ts.isFunctionDeclaration(fn) || ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && fn.parent && ts.isVariableDeclaration(fn.parent))) addFn(functionName(fn), fn);
  }
  for (const decl of ctx.index.variableDeclarations) {
    const init = decl.initializer;
    if (!init || !ts.isIdentifier(decl.name) || !ts.isCallExpression(init)) continue;
    const hook = calleeName(init);
    const first = init.arguments[0];
    if ((hook === "useCallback" || hook === "useEvent" || hook === "useEffectEvent" || hook === "useMemoizedFn") && first && (ts.isArrowFunction(first) || ts.isFunctionExpression(first))) addFn(decl.name.text, first);
  }
  const scopeHas = (scope: ts.Node | undefined, at: ts.Node) => {
    if (!scope) return true;
    for (let p: ts.Node | undefined = at; p; p = p.parent) if (p === scope) return true;
    return false;
  };
  /** The function a name refers to at `at`: declared in an enclosing scope (innermost wins) or at file level. */
  function resolveFn(name: string, at: ts.Node): ts.FunctionLikeDeclaration | undefined {
    const list = fnsByName.get(name);
    if (!list) return undefined;
    let best: ts.FunctionLikeDeclaration | undefined;
    let bestDepth = -1;
    for (const fn of list) {
      const decl = ts.isFunctionDeclaration(fn) ? fn : fn.parent && ts.isVariableDeclaration(fn.parent) ? fn.parent : fn.parent?.parent;
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
    const name = ts.isIdentifier(attr.name) ? attr.name.text : undefined;
    const event = name ? EVENTS[name] : undefined;
    if (!event || !attr.initializer || !ts.isJsxExpression(attr.initializer) || !attr.initializer.expression) continue;
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
    if (isForm && ts.isJsxOpeningElement(element)) {
      site.form = element.parent;
      site.trigger = submitButtonOf(element.parent);
    } else {
      site.trigger = element;
      if (event === "formAction") site.form = enclosingForm(element);
    }
    if (!resolveSite(site, value)) continue;
    sites.push(site);
  }

  function resolveSite(site: HandlerSite, value: ts.Expression): boolean {
    if (ts.isArrowFunction(value) || ts.isFunctionExpression(value)) {
      site.fn = value;
      site.fnScope = "inline";
      return true;
    }
    if (ts.isIdentifier(value)) {
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
    if (ts.isCallExpression(value)) {
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
      if (ts.isBlock(fn.body) && fn.body.statements.some((s) => ts.isExpressionStatement(s) && ts.isStringLiteral(s.expression) && s.expression.text === "use server")) {
        work(fn, true, "action", transition);
      }
      visit(fn.body, transition, depth);
      visiting.delete(fn);
    }

    function visit(node: ts.Node, transition: WorkStep["transition"], depth: number): void {
      if (ts.isCallExpression(node)) {
        onCall(node, transition, depth);
        return;
      }
      if (ts.isAwaitExpression(node)) {
        const operand = unwrap(node.expression);
        const localCall = ts.isCallExpression(operand) && ts.isIdentifier(operand.expression) && resolveFn(operand.expression.text, operand);
        // supabase.from("t").delete().eq(…) has no dotted name: its last call names it.
        // `await copy(x).then(…)` is as much work as its chain's first call.
        const named = ts.isCallExpression(operand) && /^(then|catch|finally)$/.test(calleeName(operand) ?? "") ? chainRoot(operand) ?? operand : operand;
        const name = ts.isCallExpression(named) ? dottedName(named.expression) ?? calleeName(named) : undefined;
        const excluded = ts.isNewExpression(operand) || (name !== undefined && NOT_WORK.test(name));
        if (!localCall && !excluded && !ts.isIdentifier(operand) && !(ts.isCallExpression(operand) && setters.has(name ?? ""))) {
          const hook = name !== undefined ? triggers.get(name) : undefined;
          work(node, false, "await", transition, hook);
        }
        visit(node.expression, transition, depth);
        return;
      }
      if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left) && node.left.name.text === "current" && isTruthyLiteral(node.right)) {
        // `busyRef.current = true`: a re-entry guard.
        out.push({ type: "guard", seq: seq++, node });
      }
      if (isFunctionLike(node) && node !== site.fn) {
        // Callbacks handed over in an options object (`queryFn: () => …`, `onSuccess`) run later, if at all.
        if (ts.isMethodDeclaration(node) || (node.parent && ts.isPropertyAssignment(node.parent))) return;
        visitFn(node, transition, depth);
        return;
      }
      ts.forEachChild(node, (c) => visit(c, transition, depth));
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
      if (ts.isIdentifier(callee) && setters.has(callee.text)) {
        const hook = setters.get(callee.text)!;
        const arg = call.arguments[0];
        out.push({ type: "set", seq: seq++, setter: callee.text, hook, truthy: !!arg && isTruthyValue(arg, hook.kind === "reducer"), literal: !!arg && isLiteralish(arg), call });
        for (const a of call.arguments) visit(a, transition, depth);
        return;
      }
      if (ts.isIdentifier(callee) && /^set[A-Z]/.test(callee.text) && !resolveFn(callee.text, call)) {
        // A setter from props, context or a custom hook: `setSubmitting(true)` (Formik helpers too).
        const arg = call.arguments[0];
        out.push({ type: "set", seq: seq++, setter: callee.text, truthy: !!arg && isTruthyValue(arg, false), literal: !!arg && isLiteralish(arg), call });
        for (const a of call.arguments) visit(a, transition, depth);
        return;
      }
      // `.then(…)` on anything: the promise's work; the chain's root decides whether it is a request.
      if (ts.isPropertyAccessExpression(callee) && (last === "then" || last === "finally" || last === "catch")) {
        const root = chainRoot(call);
        const rootName = root && dottedName(root.expression);
        const dynamicImport = root?.expression.kind === ts.SyntaxKind.ImportKeyword;
        // `promise.then(…)` on a variable: the work started elsewhere (and was judged there).
        const onVariable = root === call && ts.isIdentifier(unwrap(callee.expression));
        if (last === "then" && !dynamicImport && !onVariable && !(rootName && NOT_WORK.test(rootName))) work(call, false, "then", transition);
        visit(callee.expression, transition, depth);
        for (const a of call.arguments) visit(a, transition, depth);
        return;
      }
      const hook = name !== undefined ? triggers.get(name) : undefined;
      if (hook && hook.kind !== "query") work(call, true, "mutation", transition, hook);
      else if (!hook && ts.isPropertyAccessExpression(callee) && (last === "mutate" || last === "mutateAsync") && name) {
        work(call, true, "mutation", transition, pseudoMutation(name.slice(0, name.lastIndexOf(".")), call));
      } else if (!hook && ts.isIdentifier(callee) && (last === "mutate" || last === "mutateAsync" || last === "trigger") && !resolveFn(callee.text, call) && !ctx.index.importOf(callee.text)) {
        const siblings = siblingPending(callee.text);
        if (siblings) work(call, true, "mutation", transition, siblings);
      } else if (isRequestCall(call)) work(call, true, "request", transition);
      else if (ts.isIdentifier(callee)) {
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
      } else if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression)) {
        const ns = ctx.index.importOf(callee.expression.text);
        if (ns && ns.imported === "*" && imports.isAsyncExport({ ...ns, imported: callee.name.text })) work(call, true, imports.isServerActionModule(ns) ? "action" : "request", transition);
      }
      ts.forEachChild(call, (c) => visit(c, transition, depth));
    }

    /** `createOrder.mutate(x)` where createOrder comes from a custom hook: its flags are `createOrder.isPending`… */
    function pseudoMutation(object: string, call: ts.CallExpression): HookBinding {
      return { kind: "mutation", hook: "unknown", call, value: object, pending: ["isPending", "isLoading", "isMutating", "status", "loading"].map((p) => `${object}.${p}`), triggers: [], bound: [] };
    }

    /** `const { mutate, isPending } = useCreateOrder()`: the pending flags bound next to `mutate`. */
    function siblingPending(name: string): HookBinding | undefined {
      for (const decl of ctx.index.variableDeclarations) {
        if (!ts.isObjectBindingPattern(decl.name) || !scopeHas(decl.parent?.parent?.parent, comp.node) && enclosingFunction(decl) !== comp.node) continue;
        const names = decl.name.elements.map((e) => (ts.isIdentifier(e.name) ? e.name.text : ""));
        if (!names.includes(name) || !decl.initializer || !ts.isCallExpression(decl.initializer)) continue;
        return { kind: "mutation", hook: calleeName(decl.initializer) ?? "unknown", call: decl.initializer, pending: names.filter((n) => n && isPendingName(n)), triggers: [name], bound: names };
      }
      return undefined;
    }

    if (site.fn) {
      const body = site.fn.body;
      if (body && ts.isBlock(body)) {
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
      if (body && ts.isBlock(body) && body.statements.some((s) => ts.isExpressionStatement(s) && ts.isStringLiteral(s.expression) && s.expression.text === "use server")) {
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

  function isRequestCall(call: ts.CallExpression): boolean {
    const callee = call.expression;
    if (ts.isIdentifier(callee)) {
      if (!REQUEST_FUNCTIONS.has(callee.text)) {
        const b = ctx.index.importOf(callee.text);
        return !!b && REQUEST_MODULES.has(b.module);
      }
      return !resolveFn(callee.text, call);
    }
    if (!ts.isPropertyAccessExpression(callee) || !HTTP_METHODS.has(callee.name.text)) return false;
    const obj = unwrap(callee.expression);
    if (!ts.isIdentifier(obj)) {
      // this.http.post(...), api.client.post(...)
      return ts.isPropertyAccessExpression(obj) && CLIENT_NAME.test(obj.name.text);
    }
    const b = ctx.index.importOf(obj.text);
    if (b && REQUEST_MODULES.has(b.module)) return true;
    if (CLIENT_NAME.test(obj.text)) return true;
    // const api = axios.create(...) in this file
    return ctx.index.variableDeclarations.some((d) => ts.isIdentifier(d.name) && d.name.text === obj.text && !!d.initializer && ts.isCallExpression(d.initializer) && /^(axios|ky|got|ofetch|wretch)\.(create|extend)$/.test(dottedName(d.initializer.expression) ?? ""));
  }

  // ---- render reads ----------------------------------------------------------------------------

  const readsCache = new Map<Component, Set<string>>();
  function renderReads(comp: Component): ReadonlySet<string> {
    const cached = readsCache.get(comp);
    if (cached) return cached;
    const reads = new Set<string>();
    const visit = (node: ts.Node) => {
      if (ts.isIdentifier(node) && isRead(node) && isRenderUse(node, comp.node)) {
        reads.add(node.text);
        // Whole chains: suspend.isPending, form.formState.isSubmitting
        let cur: ts.Node = node;
        while (cur.parent && ts.isPropertyAccessExpression(cur.parent) && cur.parent.expression === cur) {
          cur = cur.parent;
          const d = dottedName(cur as ts.Expression);
          if (d) reads.add(d);
        }
      }
      ts.forEachChild(node, visit);
    };
    if (comp.node.body) visit(comp.node.body);
    readsCache.set(comp, reads);
    return reads;
  }

  // ---- forms -----------------------------------------------------------------------------------

  function formHasStatusChild(form: ts.JsxElement): boolean {
    for (const el of ctx.index.jsxElements) {
      if (el.pos < form.pos || el.end > form.end) continue;
      const opening = ts.isJsxElement(el) ? el.openingElement : el;
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

  function submitButtonOf(form: ts.JsxElement): ts.JsxOpeningLikeElement | undefined {
    let explicit: ts.JsxOpeningLikeElement | undefined;
    let lastDefault: ts.JsxOpeningLikeElement | undefined;
    for (const el of ctx.index.jsxElements) {
      if (el.pos <= form.pos || el.end > form.end) continue;
      const opening = ts.isJsxElement(el) ? el.openingElement : el;
      const tag = tagName(opening) ?? "";
      const type = stringAttr(opening, "type");
      if (tag === "form") return explicit ?? lastDefault; // a nested form's buttons are its own
      const buttonLike = tag === "button" || /Button$/.test(tag);
      if (type === "submit" && (buttonLike || tag === "input")) {
        explicit ??= opening;
      } else if (tag === "button" && type === undefined && !attr(opening, "onClick")) lastDefault = opening;
    }
    return explicit ?? lastDefault;
  }
}

function enclosingForm(el: ts.Node): ts.JsxElement | undefined {
  for (let p = el.parent; p; p = p.parent) {
    if (ts.isJsxElement(p) && tagName(p.openingElement) === "form") return p;
    if (isFunctionLike(p)) return undefined;
  }
  return undefined;
}

export function tagName(el: ts.JsxOpeningLikeElement): string | undefined {
  const t = el.tagName;
  if (ts.isIdentifier(t)) return t.text;
  if (ts.isPropertyAccessExpression(t)) return dottedName(t);
  return undefined;
}

export function attr(el: ts.JsxOpeningLikeElement, name: string): ts.JsxAttribute | undefined {
  for (const p of el.attributes.properties) if (ts.isJsxAttribute(p) && ts.isIdentifier(p.name) && p.name.text === name) return p;
  return undefined;
}

export function stringAttr(el: ts.JsxOpeningLikeElement, name: string): string | undefined {
  const a = attr(el, name);
  const init = a?.initializer;
  if (!init) return undefined;
  if (ts.isStringLiteral(init)) return init.text;
  if (ts.isJsxExpression(init) && init.expression && (ts.isStringLiteral(init.expression) || ts.isNoSubstitutionTemplateLiteral(init.expression))) return init.expression.text;
  return undefined;
}

/** The visible text of an element: its text children, string expressions, the idle branch of `pending ? "…" : "Save"`. */
export function labelOf(el: ts.JsxOpeningLikeElement): string | undefined {
  const parts: string[] = [];
  const take = (e: ts.Expression | undefined) => {
    if (!e) return;
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) parts.push(e.text);
    else if (ts.isConditionalExpression(e)) take(e.whenFalse);
    else if (ts.isParenthesizedExpression(e)) take(e.expression);
    else if (ts.isJsxElement(e) || ts.isJsxFragment(e)) walk(e.children);
  };
  const walk = (children: ts.NodeArray<ts.JsxChild>) => {
    for (const c of children) {
      if (ts.isJsxText(c)) parts.push(c.text);
      else if (ts.isJsxExpression(c)) take(c.expression);
      else if (ts.isJsxElement(c) || ts.isJsxFragment(c)) walk(c.children);
    }
  };
  if (ts.isJsxOpeningElement(el)) walk(el.parent.children);
  let text = parts.join(" ").replace(/\s+/g, " ").trim();
  // Icons and arrows ("▲", "×") say less than the accessible name.
  if (!/[\p{L}\p{N}]/u.test(text)) text = "";
  if (!text) text = stringAttr(el, "aria-label") ?? stringAttr(el, "title") ?? (tagName(el) === "input" ? stringAttr(el, "value") ?? "" : "");
  if (!text) return undefined;
  return text.length > 40 ? text.slice(0, 39) + "…" : text;
}

function unwrap(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  return e;
}

/** The innermost call of a `a().then().catch()` chain. */
function chainRoot(call: ts.CallExpression): ts.CallExpression | undefined {
  let cur: ts.Expression = call;
  let root: ts.CallExpression | undefined;
  while (ts.isCallExpression(cur)) {
    root = cur;
    const callee: ts.Expression = cur.expression;
    if (!ts.isPropertyAccessExpression(callee)) break;
    cur = callee.expression;
  }
  return root;
}

const isTruthyLiteral = (e: ts.Expression) => e.kind === ts.SyntaxKind.TrueKeyword;

/** Could this setter argument turn a pending flag on? `true`, `"saving"`, `item.id`; not `false`, `null`, `""`, `[]`, updaters. */
function isTruthyValue(e: ts.Expression, reducer: boolean): boolean {
  e = unwrap(e);
  if (reducer) return true;
  switch (e.kind) {
    case ts.SyntaxKind.FalseKeyword:
    case ts.SyntaxKind.NullKeyword:
    case ts.SyntaxKind.UndefinedKeyword:
      return false;
  }
  if (ts.isIdentifier(e) && e.text === "undefined") return false;
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return e.text !== "";
  if (ts.isNumericLiteral(e)) return e.text !== "0";
  if (ts.isArrowFunction(e) && !ts.isBlock(e.body)) {
    // setForm((f) => ({ ...f, submitting: true }))
    const body = unwrap(e.body);
    return ts.isObjectLiteralExpression(body) && body.properties.some((p) => ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && PENDING_WORD.test(p.name.text) && p.initializer.kind === ts.SyntaxKind.TrueKeyword);
  }
  if (ts.isArrowFunction(e) || ts.isFunctionExpression(e) || ts.isArrayLiteralExpression(e)) return false;
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken) return false;
  return true;
}

function isLiteralish(e: ts.Expression): boolean {
  e = unwrap(e);
  return e.kind === ts.SyntaxKind.TrueKeyword || ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e) || ts.isObjectLiteralExpression(e);
}

/** An identifier that reads a value (not a declaration name, property name or JSX attribute name). */
function isRead(id: ts.Identifier): boolean {
  const p = id.parent;
  if (!p) return false;
  if (ts.isPropertyAccessExpression(p) && p.name === id) return false;
  if ((ts.isVariableDeclaration(p) || ts.isBindingElement(p) || ts.isParameter(p) || ts.isFunctionDeclaration(p)) && p.name === id) return false;
  if (ts.isBindingElement(p) && p.propertyName === id) return false;
  if (ts.isPropertyAssignment(p) && p.name === id) return false;
  if (ts.isJsxAttribute(p) || ts.isJsxOpeningElement(p) || ts.isJsxSelfClosingElement(p) || ts.isJsxClosingElement(p)) return false;
  if (ts.isCallExpression(p) && p.expression === id) return false;
  return true;
}

/** Is this read part of what the component renders (not inside an event handler)? */
function isRenderUse(id: ts.Node, component: ts.Node): boolean {
  let sawJsx = false;
  for (let p = id.parent; p && p !== component; p = p.parent) {
    // A hook's dependency list (`useCallback(fn, [saving])`) is bookkeeping, not output.
    if (ts.isArrayLiteralExpression(p) && p.parent && ts.isCallExpression(p.parent) && p.parent.arguments[1] === p && /^use[A-Z]/.test(calleeName(p.parent) ?? "")) return false;
    if (ts.isJsxAttribute(p)) {
      const n = ts.isIdentifier(p.name) ? p.name.text : "";
      if (/^on[A-Z]/.test(n) || n === "action" || n === "formAction") return false;
      sawJsx = true;
    } else if (ts.isJsxExpression(p) || ts.isJsxElement(p) || ts.isJsxSelfClosingElement(p)) sawJsx = true;
    else if (isFunctionLike(p)) {
      if (sawJsx) continue;
      const call = p.parent;
      if (call && ts.isCallExpression(call) && RENDER_HOOKS.has(calleeName(call) ?? "")) continue;
      if (insideJsx(p, component)) continue;
      return false;
    }
  }
  return true;
}

function insideJsx(node: ts.Node, stop: ts.Node): boolean {
  for (let p = node.parent; p && p !== stop; p = p.parent) {
    if (ts.isJsxExpression(p)) return true;
    if (isFunctionLike(p)) return false;
  }
  return false;
}
