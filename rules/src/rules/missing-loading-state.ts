import ts = require("typescript");
import type { Rule } from "../engine/types.js";
import type { HookBinding } from "../model/components.js";
import { attr, handlersModel, isActionPendingName, isPendingName, labelOf, tagName, type HandlerSite, type HandlersModel, type WorkStep } from "../model/handlers.js";
import { addLoadingStateFix, destructurePendingFix, pendingLabel, reusePendingFix } from "../fixes/loadingState.js";
import { StatementMemo } from "../engine/statementReuse.js";
// TypeScript's exports are getters on an object too large for fast properties: read once.
const { SyntaxKind, forEachChild, isIdentifier, isJsxExpression, isNoSubstitutionTemplateLiteral, isOmittedExpression, isStringLiteral } = ts;

/**
 * Why a handler's work is (not) visible to the user. `none`: nothing tracks it. `unused`: a flag
 * tracks it but nothing reads it while rendering. `mutation`: a library flag exists but is unread.
 */
export type Verdict =
  | { kind: "ok" }
  | { kind: "none"; work: WorkStep }
  | { kind: "unused"; work: WorkStep; name: string }
  | { kind: "mutation"; work: WorkStep; hook: HookBinding; flag?: string };

const LOADING_ATTRS = ["loading", "isLoading", "pending", "isPending", "busy", "aria-busy", "submitting", "isSubmitting", "showSpinner"];

const rule: Rule = {
  meta: {
    id: "missing-loading-state",
    steps: ["loading"],
    severity: "warning",
    description: "A click or submit handler starts a request while the component shows no pending state, so users click again and send it twice.",
    fixable: true,
  },
  create(ctx) {
    return {
      onEnd() {
        if (ctx.index.jsxAttributes.length === 0) return;
        const model = ctx.model(handlersModel);
        for (const site of model.sites) {
          // Following a handler through the functions it calls is most of this rule's work: on a
          // keystroke, only handlers in the edited code (or that call into it) are judged again.
          // The fix and message below are rebuilt every time: they hold positions.
          const verdict = verdicts.get(ctx.reuse, site.attribute, () => judge(site, model));
          if (verdict.kind === "ok") continue;
          const fix =
            verdict.kind === "unused"
              ? reusePendingFix(ctx, site, verdict.name)
              : verdict.kind === "mutation"
                ? verdict.flag
                  ? reusePendingFix(ctx, site, verdict.flag)
                  : (destructurePendingFix(ctx, site, verdict.hook) ?? addLoadingStateFix(ctx, site, model, verdict.work))
                : addLoadingStateFix(ctx, site, model, verdict.work);
          ctx.report({ node: site.attribute, message: messageFor(site, verdict, model), fixes: fix ? [fix] : [] });
        }
      },
    };
  },
};

export default rule;

const verdicts = new StatementMemo<ts.JsxAttribute, Verdict>();

export function judge(site: HandlerSite, model: HandlersModel): Verdict {
  const steps = model.steps(site);
  const works = steps.filter((s): s is WorkStep => s.type === "work");
  if (works.length === 0) return { kind: "ok" };
  const work = works.find((w) => w.strong) ?? works[0];
  if (steps.some((s) => s.type === "optimistic" || s.type === "indicator" || (s.type === "guard" && s.seq < work.seq))) return { kind: "ok" };
  const comp = site.component;
  if (comp.hooks.some((h) => h.kind === "optimistic")) return { kind: "ok" };
  // What the component renders is a walk of it: only when a verdict needs it.
  let readsMemo: ReadonlySet<string> | undefined;
  const renderReads = () => (readsMemo ??= model.renderReads(comp));
  const read = (names: readonly string[]) => names.length > 0 && names.some((n) => renderReads().has(n));

  if (work.transition) {
    if (work.transition === "standalone" || work.transition.pending.length === 0 || read(work.transition.pending)) return { kind: "ok" };
    return { kind: "unused", work, name: work.transition.pending[0] };
  }
  if (site.formHook && read(site.formHook.pending)) return { kind: "ok" };
  const isFormAction = site.event === "action" || site.event === "formAction";
  if (isFormAction && site.form && model.formHasStatusChild(site.form)) return { kind: "ok" };
  if (isFormAction && comp.hooks.some((h) => h.kind === "formStatus")) return { kind: "ok" };
  if (work.hook?.kind === "actionState") {
    if (work.hook.pending.length === 0 || read(work.hook.pending)) return { kind: "ok" };
    return { kind: "unused", work, name: work.hook.pending[0] };
  }

  // State set before the work and cleared (or at least named a pending flag) after it.
  const sets = steps.filter((s): s is Extract<typeof s, { type: "set" }> => s.type === "set");
  const candidates = sets.filter((s) => {
    if (s.seq > work.seq || !s.truthy) return false;
    const name = s.hook?.value ?? stateNameOf(s.setter);
    const reset = sets.some((r) => r.setter === s.setter && r.seq > work.seq);
    return reset || isPendingName(name);
  });
  const unusedStates: string[] = [];
  for (const c of candidates) {
    if (!c.hook) return { kind: "ok" }; // a setter from props/context: whoever owns the state renders it
    const value = c.hook.value;
    if (!value || renderReads().has(value)) return { kind: "ok" };
    unusedStates.push(value);
  }
  const hook = work.hook;
  if (hook && (hook.kind === "mutation" || hook.kind === "fetcher" || hook.kind === "query" || hook.kind === "form") && read(hook.pending)) return { kind: "ok" };
  if (triggerShowsPending(site, candidates.map((c) => c.hook?.value ?? ""))) return { kind: "ok" };
  // A known mutation hook carries its own pending flags: another flag on the page tracks other work.
  const ownFlags = !!hook && (hook.kind === "mutation" || hook.kind === "fetcher") && hook.hook in HOOK_KINDS_WITH_FLAGS;
  if (!ownFlags && rendersForeignPendingFlag(site, renderReads())) return { kind: "ok" };

  if (unusedStates.length > 0) return { kind: "unused", work, name: unusedStates[0] };
  if (hook && (hook.kind === "mutation" || hook.kind === "fetcher")) {
    const bound = hook.pending.find((p) => !p.includes("."));
    if (bound) return { kind: "unused", work, name: bound };
    return { kind: "mutation", work, hook, flag: preferredFlag(hook) };
  }
  if (site.formHook && site.formHook.pending.length > 0) {
    const bound = site.formHook.pending.find((p) => !p.includes("."));
    if (bound) return { kind: "unused", work, name: bound };
  }
  return { kind: "none", work };
}

const HOOK_KINDS_WITH_FLAGS: Record<string, true> = { useMutation: true, useSWRMutation: true, useFetcher: true };

const stateNameOf = (setter: string) => setter.replace(/^set/, "").replace(/^./, (c) => c.toLowerCase());

/** `disabled={saving}` / `loading={busy}` on the trigger itself. */
function triggerShowsPending(site: HandlerSite, states: string[]): boolean {
  const el = site.trigger;
  if (!el) return false;
  for (const name of LOADING_ATTRS) {
    const a = attr(el, name);
    if (!a) continue;
    const init = a.initializer;
    if (!init) return true;
    if (isJsxExpression(init) && init.expression && init.expression.kind === SyntaxKind.FalseKeyword) continue;
    return true;
  }
  const disabled = attr(el, "disabled")?.initializer;
  if (disabled && isJsxExpression(disabled) && disabled.expression) {
    let found = false;
    const visit = (n: ts.Node) => {
      if (isIdentifier(n) && (isPendingName(n.text) || states.includes(n.text))) found = true;
      // disabled={status === "loading"} with a store's or reducer's status
      if ((isStringLiteral(n) || isNoSubstitutionTemplateLiteral(n)) && isPendingName(n.text)) found = true;
      if (!found) forEachChild(n, visit);
    };
    visit(disabled.expression);
    return found;
  }
  return false;
}

/**
 * A pending-looking flag the component renders but that no known hook of this component owns:
 * a prop, a context value, a store selector, a custom hook's `isSaving`. The work may well be
 * tracked by it, so stay quiet.
 */
function rendersForeignPendingFlag(site: HandlerSite, reads: ReadonlySet<string>): boolean {
  const known = new Set<string>();
  for (const h of site.component.hooks) {
    for (const n of [h.value, h.setter, ...h.pending, ...h.triggers, ...h.bound]) if (n) known.add(n.split(".")[0]);
  }
  const props = propNames(site.component.node);
  for (const r of reads) {
    const root = r.split(".")[0];
    const last = r.slice(r.lastIndexOf(".") + 1);
    // Enum members and constants (`Status.PENDING`) are not flags.
    if (known.has(root) || !/^[a-z]/.test(last)) continue;
    // A `loading` prop is the parent telling this component its action runs; `isLoading` of a
    // custom hook is usually the page's own load, not this request.
    if (props.has(root) ? isPendingName(last) : isActionPendingName(last)) return true;
  }
  return false;
}

/** Names a component's parameters bind: `props`, or the destructured `{ loading, onSave }`. */
function propNames(fn: ts.FunctionLikeDeclaration): Set<string> {
  const names = new Set<string>();
  const add = (n: ts.BindingName) => {
    if (isIdentifier(n)) names.add(n.text);
    else for (const el of n.elements) if (!isOmittedExpression(el)) add(el.name);
  };
  for (const p of fn.parameters) add(p.name);
  return names;
}

function preferredFlag(hook: HookBinding): string | undefined {
  if (!hook.value || hook.pending.length === 0) return undefined;
  const prop = hook.hook === "useSWRMutation" ? "isMutating" : hook.module === "react-query" ? "isLoading" : hook.hook === "useFetcher" ? undefined : "isPending";
  if (!prop) return undefined;
  const path = `${hook.value}.${prop}`;
  return hook.pending.includes(path) ? path : undefined;
}

function describe(site: HandlerSite, model: HandlersModel): { subject: string; again: string; it: string; label?: string } {
  if (site.event === "onSubmit" || site.event === "action") {
    return { subject: "This form", again: "can be submitted again", it: "its submit button", label: site.trigger && model.labelOf(site.trigger) };
  }
  const el = site.trigger ?? site.element;
  const tag = tagName(el) ?? "";
  const label = model.labelOf(el) ?? labelOf(el);
  const noun = /^(button|input)$/.test(tag) || /Button|Btn$/.test(tag)
    ? "button"
    : tag === "a" || /Link$/.test(tag)
      ? "link"
      : /MenuItem$/.test(tag)
        ? "menu item"
        : `<${tag}> element`;
  return { subject: label ? `The '${label}' ${noun}` : `This ${noun}`, again: "can be clicked again", it: "it", label };
}

function messageFor(site: HandlerSite, v: Exclude<Verdict, { kind: "ok" }>, model: HandlersModel): string {
  const d = describe(site, model);
  const during = v.work.what === "action" ? "the server action runs" : v.work.what === "mutation" ? "the mutation is in flight" : "the request is in flight";
  if (v.kind === "unused") {
    const whose = d.subject === "This form" ? "the form's submit button" : d.subject.replace(/^The|^This/, (w) => w.toLowerCase());
    return `\`${v.name}\` tracks ${during.replace(/ (is in flight|runs)$/, "")} but ${whose} neither is disabled by it nor shows it: add disabled={${v.name}} and a pending label (e.g. "${pendingLabel(d.label ?? "Save")}").`;
  }
  if (v.kind === "mutation") {
    const name = v.hook.value ? `\`${v.hook.value}\` ` : "";
    const how = v.flag ? `disable ${d.it} with ${v.flag} and show that it is working` : `disable ${d.it} with the mutation's pending flag and show that it is working`;
    return `${d.subject} ${d.again} while the ${name}mutation is in flight: ${how}.`;
  }
  if (v.work.what === "action" && (site.event === "action" || site.event === "formAction")) {
    return `${d.subject} ${d.again} while the server action runs: render the submit button from a component that reads useFormStatus() and disables it while pending (or use useActionState's isPending).`;
  }
  return `${d.subject} ${d.again} while ${during}: show a pending state and disable ${d.it} (e.g. setIsSubmitting(true) … finally setIsSubmitting(false)).`;
}
