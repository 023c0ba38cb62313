import ts = require("typescript");
import type { ModelContext } from "../engine/types.js";
import { calleeName, enclosingFunction, functionName } from "./functions.js";
import { StatementMemo } from "../engine/statementReuse.js";
// TypeScript's exports are getters on an object too large for fast properties: read once.
const { SyntaxKind, getModifiers, isArrayBindingPattern, isAsExpression, isAwaitExpression, isBindingElement, isCallExpression, isExportAssignment, isFunctionDeclaration, isIdentifier, isNonNullExpression, isObjectBindingPattern, isOmittedExpression, isParenthesizedExpression } = ts;

/**
 * What a React hook call binds in a component. Names are as written in the component: `pending`
 * holds identifiers and dotted paths (`suspend.isPending`, `formState.isSubmitting`) that read the
 * hook's in-flight flag; `triggers` the functions that start its work (`mutate`, `remove.mutate`).
 */
export interface HookBinding {
  kind: "state" | "reducer" | "transition" | "formStatus" | "actionState" | "mutation" | "query" | "form" | "optimistic" | "fetcher";
  hook: string;
  call: ts.CallExpression;
  /** Module the hook was imported from, when imported. */
  module?: string;
  /** useState / useReducer value, or the identifier the whole result is bound to. */
  value?: string;
  /** useState setter, useReducer dispatch, useTransition's start, useActionState's action. */
  setter?: string;
  pending: string[];
  triggers: string[];
  /** Every name the declaration binds (`data`, `error`, `isLoadingError` … too). */
  bound: string[];
}

export interface Component {
  name: string;
  /** The function that renders (declaration, expression or arrow). */
  node: ts.FunctionLikeDeclaration;
  /** Hooks called at the component's top level, in source order. */
  hooks: HookBinding[];
}

export interface ComponentsModel {
  components: Component[];
  /** The component a node belongs to, if any. */
  componentOf(node: ts.Node): Component | undefined;
  /** The component declared in this file under that name (for `<SaveButton />` lookups). */
  byName(name: string): Component | undefined;
}

const isComponentName = (name: string | undefined) => !!name && /^[A-Z]/.test(name);

const HOOK_KINDS: Record<string, HookBinding["kind"]> = {
  useState: "state",
  useReducer: "reducer",
  useTransition: "transition",
  useFormStatus: "formStatus",
  useActionState: "actionState",
  useFormState: "actionState",
  useMutation: "mutation",
  useSWRMutation: "mutation",
  useQuery: "query",
  useSuspenseQuery: "query",
  useInfiniteQuery: "query",
  useSWR: "query",
  useForm: "form",
  useFormContext: "form",
  useFormik: "form",
  useOptimistic: "optimistic",
  useFetcher: "fetcher",
};

/** Result properties that say "work in flight", per hook family. */
const PENDING_PROPS: Record<string, readonly string[]> = {
  mutation: ["isPending", "isLoading", "isMutating", "status", "loading", "fetching"],
  query: ["isFetching", "isLoading", "isRefetching", "isValidating", "isPending"],
  form: ["isSubmitting"],
  formStatus: ["pending"],
  fetcher: ["state"],
};
const TRIGGER_PROPS: Record<string, readonly string[]> = {
  mutation: ["mutate", "mutateAsync", "trigger"],
  query: ["refetch", "mutate"],
  form: ["handleSubmit", "submitForm"],
  fetcher: ["submit", "load"],
};

/**
 * React function components of a file: functions named in PascalCase (directly, through a variable
 * or memo/forwardRef) or default-exported, that render JSX themselves. Found from the JSX the
 * traversal indexed, by walking up to the nearest function that qualifies. Their hooks come from
 * the indexed variable declarations whose initialiser is a hook call.
 */
export function componentsModel(ctx: ModelContext): ComponentsModel {
  const index = ctx.index;
  let components: Component[];
  if (!ctx.reuse.enabled) {
    components = componentsIn(ctx, index.jsxElements, index.variableDeclarations, index.calls);
  } else {
    // Editor path: per top-level statement, so a keystroke finds the components of the edited
    // statement again and takes the others' from the last analysis. The index lists are in
    // document order: each statement's part is a contiguous run of them.
    components = [];
    const jsxIn = runs(index.jsxElements);
    const declsIn = runs(index.variableDeclarations);
    const callsIn = runs(index.calls);
    for (const statement of ctx.sourceFile.statements) {
      const jsx = jsxIn(statement);
      const decls = declsIn(statement);
      const calls = callsIn(statement);
      if (jsx.length === 0) continue;
      for (const c of perStatement.get(ctx.reuse, statement, () => componentsIn(ctx, jsx, decls, calls))) components.push(c);
    }
  }
  const byNode = new Map<ts.Node, Component>();
  for (const c of components) byNode.set(c.node, c);
  const componentOf = (node: ts.Node): Component | undefined => {
    for (let p: ts.Node | undefined = node; p; p = p.parent) {
      const c = byNode.get(p);
      if (c) return c;
    }
    return undefined;
  };
  const names = new Map(components.map((c) => [c.name, c]));
  return { components, componentOf, byName: (n) => names.get(n) };
}

const perStatement = new StatementMemo<ts.Node, Component[]>();

/** For a document-ordered list: the nodes in each statement, asked for in document order. */
function runs<T extends ts.Node>(list: readonly T[]): (statement: ts.Node) => readonly T[] {
  let i = 0;
  return (statement) => {
    while (i < list.length && list[i].pos < statement.pos) i++;
    const from = i;
    while (i < list.length && list[i].end <= statement.end) i++;
    return from === i ? [] : list.slice(from, i);
  };
}

/**
 * The components that render the given JSX, sorted by position, with the hooks among the given
 * declarations and calls. Everything here depends on the nodes and on names only (the imports a
 * hook comes from), as a per-statement memo requires.
 */
function componentsIn(ctx: ModelContext, jsxElements: readonly ts.Node[], declarations: readonly ts.VariableDeclaration[], calls: readonly ts.CallExpression[]): Component[] {
  const byNode = new Map<ts.Node, Component>();
  const seen = new Set<ts.Node>();
  for (const el of jsxElements) {
    // Find the innermost PascalCase / default-exported function around this JSX.
    for (let fn = enclosingFunction(el); fn; fn = enclosingFunction(fn)) {
      if (seen.has(fn)) break;
      const name = functionName(fn);
      const isDefaultExport = !!fn.parent && isExportAssignment(fn.parent);
      const defaultDecl = isFunctionDeclaration(fn) && !!getModifiers(fn)?.some((m) => m.kind === SyntaxKind.DefaultKeyword);
      if (isComponentName(name) || isDefaultExport || defaultDecl) {
        seen.add(fn);
        byNode.set(fn, { name: name ?? "default", node: fn, hooks: [] });
        break;
      }
    }
  }
  const components = [...byNode.values()].sort((a, b) => a.node.pos - b.node.pos);
  if (components.length > 0) collectHooks(ctx, byNode, declarations, calls);
  return components;
}

function collectHooks(ctx: ModelContext, byNode: Map<ts.Node, Component>, declarations: readonly ts.VariableDeclaration[], calls: readonly ts.CallExpression[]): void {
  const seenCalls = new Set<ts.Node>();
  const add = (call: ts.CallExpression, name: ts.BindingName | undefined) => {
    const hook = calleeName(call);
    const kind = hook && HOOK_KINDS[hook];
    if (!kind || seenCalls.has(call)) return;
    const owner = enclosingFunction(call);
    const comp = owner && byNode.get(owner);
    if (!comp) return;
    seenCalls.add(call);
    const module = isIdentifier(call.expression) ? ctx.index.importOf(call.expression.text)?.module : undefined;
    comp.hooks.push(bindHook(kind, hook!, call, module, name));
  };
  for (const decl of declarations) {
    let init = decl.initializer;
    while (init && (isAwaitExpression(init) || isParenthesizedExpression(init) || isAsExpression(init) || isNonNullExpression(init))) init = init.expression;
    if (init && isCallExpression(init)) add(init, decl.name);
  }
  // Hooks whose result is not stored (a bare `useFormStatus()` call still marks a component).
  for (const call of calls) {
    const hook = calleeName(call);
    if (hook === "useFormStatus" || hook === "useOptimistic") add(call, undefined);
  }
  for (const comp of byNode.values()) comp.hooks.sort((a, b) => a.call.pos - b.call.pos);
}

function bindHook(kind: HookBinding["kind"], hook: string, call: ts.CallExpression, module: string | undefined, name: ts.BindingName | undefined): HookBinding {
  const b: HookBinding = { kind, hook, call, module, pending: [], triggers: [], bound: [] };
  if (!name) return b;
  const collect = (n: ts.BindingName) => {
    if (isIdentifier(n)) b.bound.push(n.text);
    else for (const el of n.elements) if (!isOmittedExpression(el)) collect(el.name);
  };
  collect(name);
  const at = (i: number): string | undefined => {
    if (!isArrayBindingPattern(name)) return undefined;
    const el = name.elements[i];
    return el && isBindingElement(el) && isIdentifier(el.name) ? el.name.text : undefined;
  };
  switch (kind) {
    case "state":
    case "reducer":
      if (isArrayBindingPattern(name)) {
        b.value = at(0);
        b.setter = at(1);
      } else if (isIdentifier(name)) b.value = name.text;
      return b;
    case "transition":
      b.pending.push(...[at(0)].filter(isString));
      b.setter = at(1);
      return b;
    case "actionState":
      b.value = at(0);
      b.setter = at(1);
      b.pending.push(...[at(2)].filter(isString));
      return b;
    case "optimistic":
      b.value = at(0);
      b.setter = at(1);
      return b;
  }
  const pendingProps = PENDING_PROPS[kind] ?? [];
  const triggerProps = TRIGGER_PROPS[kind] ?? [];
  if (isIdentifier(name)) {
    b.value = name.text;
    for (const p of pendingProps) b.pending.push(`${name.text}.${p}`);
    if (kind === "form") b.pending.push(`${name.text}.formState.isSubmitting`);
    for (const t of triggerProps) b.triggers.push(`${name.text}.${t}`);
  } else if (isObjectBindingPattern(name)) {
    bindObject(name, pendingProps, triggerProps, b);
  } else if (isArrayBindingPattern(name)) {
    // Apollo `[mutate, { loading }]`, urql `[result, executeMutation]`: functions and result objects.
    name.elements.forEach((el) => {
      if (!isBindingElement(el)) return;
      if (isIdentifier(el.name)) {
        b.triggers.push(el.name.text);
        for (const p of pendingProps) b.pending.push(`${el.name.text}.${p}`);
      } else if (isObjectBindingPattern(el.name)) bindObject(el.name, pendingProps, triggerProps, b);
    });
  }
  return b;
}

function bindObject(pattern: ts.ObjectBindingPattern, pendingProps: readonly string[], triggerProps: readonly string[], b: HookBinding): void {
  for (const el of pattern.elements) {
    const prop = el.propertyName && isIdentifier(el.propertyName) ? el.propertyName.text : isIdentifier(el.name) ? el.name.text : undefined;
    if (!prop) continue;
    if (prop === "formState") {
      if (isIdentifier(el.name)) b.pending.push(`${el.name.text}.isSubmitting`);
      else if (isObjectBindingPattern(el.name)) bindObject(el.name, ["isSubmitting"], [], b);
      continue;
    }
    if (!isIdentifier(el.name)) continue;
    if (pendingProps.includes(prop)) b.pending.push(el.name.text);
    else if (triggerProps.includes(prop)) b.triggers.push(el.name.text);
  }
}

const isString = (s: string | undefined): s is string => typeof s === "string";
