import { test } from "node:test";
import assert from "node:assert/strict";
import { analyzeSource } from "../src/engine/linter.js";
import type { Rule, WorkspaceView } from "../src/engine/types.js";
import { componentsModel, type ComponentsModel } from "../src/model/components.js";
import { handlersModel, labelOf, tagName, type HandlersModel } from "../src/model/handlers.js";

function models(code: string, files: Record<string, string> = {}): { components: ComponentsModel; handlers: HandlersModel } {
  let out: { components: ComponentsModel; handlers: HandlersModel } | undefined;
  const probe: Rule = {
    meta: { id: "probe", steps: ["loading"], severity: "info", description: "", fixable: false },
    create: (ctx) => ({ onEnd: () => void (out = { components: ctx.model(componentsModel), handlers: ctx.model(handlersModel) }) }),
  };
  const workspace: WorkspaceView = { root: "/workspace", readFile: (p) => files[p] };
  const r = analyzeSource({ fileName: "/workspace/src/x.tsx", text: code, relPath: "src/x.tsx" }, { rules: [probe], workspace });
  assert.deepEqual(r.ruleFailures, []);
  return out!;
}

test("components: declarations, arrows, memo/forwardRef and default exports", () => {
  const { components } = models(`
export function A() { return <div />; }
const B = () => <span />;
export const C = memo(function C() { return <p />; });
const D = React.forwardRef((props, ref) => <input ref={ref} />);
export default function () { return <main />; }
function helper() { return <b />; }
`);
  assert.deepEqual(components.components.map((c) => c.name), ["A", "B", "C", "D", "default"]);
  assert.equal(components.byName("B")?.name, "B");
});

test("hooks: state, reducer, transition, action state, form status", () => {
  const { components } = models(`
function F() {
  const [saving, setSaving] = useState(false);
  const [state, dispatch] = useReducer(reducer, init);
  const [isPending, startTransition] = useTransition();
  const [result, formAction, pending] = useActionState(act, null);
  const status = useFormStatus();
  return <div />;
}`);
  const hooks = components.components[0].hooks;
  assert.deepEqual(hooks.map((h) => h.kind), ["state", "reducer", "transition", "actionState", "formStatus"]);
  assert.deepEqual([hooks[0].value, hooks[0].setter], ["saving", "setSaving"]);
  assert.deepEqual(hooks[3].bound, ["result", "formAction", "pending"]);
  assert.deepEqual([hooks[1].value, hooks[1].setter], ["state", "dispatch"]);
  assert.deepEqual([hooks[2].pending, hooks[2].setter], [["isPending"], "startTransition"]);
  assert.deepEqual([hooks[3].setter, hooks[3].pending], ["formAction", ["pending"]]);
  assert.deepEqual(hooks[4].pending, ["status.pending"]);
});

test("hooks: react-query, SWR, Apollo and react-hook-form results", () => {
  const { components } = models(`
import { useMutation } from "@tanstack/react-query";
function F() {
  const save = useMutation({ mutationFn });
  const { mutate: like, isPending: liking } = useMutation({ mutationFn });
  const { trigger, isMutating } = useSWRMutation("/k", fn);
  const { handleSubmit, formState: { isSubmitting } } = useForm();
  const form = useForm();
  return <div />;
}`);
  const [save, like, swr, rhf, form] = components.components[0].hooks;
  assert.equal(save.module, "@tanstack/react-query");
  assert.ok(save.triggers.includes("save.mutate") && save.triggers.includes("save.mutateAsync"));
  assert.ok(save.pending.includes("save.isPending"));
  assert.deepEqual([like.triggers, like.pending], [["like"], ["liking"]]);
  assert.deepEqual([swr.triggers, swr.pending], [["trigger"], ["isMutating"]]);
  assert.deepEqual([rhf.triggers, rhf.pending], [["handleSubmit"], ["isSubmitting"]]);
  assert.ok(form.pending.includes("form.formState.isSubmitting") && form.triggers.includes("form.handleSubmit"));
});

test("hooks: Apollo tuple binds the function and the loading flag", () => {
  const { components } = models(`
function F() {
  const [addTodo, { loading }] = useMutation(ADD);
  return <div />;
}`);
  const h = components.components[0].hooks[0];
  assert.deepEqual(h.triggers, ["addTodo"]);
  assert.ok(h.pending.includes("loading"));
});

test("handlers: inline, named in the component, outside it, imported, handleSubmit-wrapped", () => {
  const { handlers } = models(`
import { act } from "./actions";
async function outside() { await fetch("/x"); }
function F() {
  const { handleSubmit } = useForm();
  async function named() { await fetch("/y"); }
  const onValid = async (v) => { await fetch("/z"); };
  return (
    <div>
      <button onClick={() => fetch("/a")}>Inline</button>
      <button onClick={named}>Named</button>
      <button onClick={outside}>Outside</button>
      <form action={act}><button>Go</button></form>
      <form onSubmit={handleSubmit(onValid)}><button type="button">X</button><button type="submit">Send</button></form>
      <button onClick={props.onClose}>Close</button>
    </div>
  );
}`);
  const s = handlers.sites;
  assert.deepEqual(s.map((x) => [x.event, x.fnScope ?? (x.imported ? "imported" : "?")]), [
    ["onClick", "inline"],
    ["onClick", "component"],
    ["onClick", "file"],
    ["action", "imported"],
    ["onSubmit", "component"],
  ]);
  assert.ok(s[4].formHook);
  assert.equal(tagName(s[3].trigger!), "button");
  assert.equal(labelOf(s[4].trigger!), "Send", "the form's submit button is the type=submit one");
  assert.equal(labelOf(s[3].trigger!), "Go", "a button without type submits");
});

test("handler steps: set before the work, reset in finally, calls to local functions followed", () => {
  const { handlers } = models(`
function F() {
  const [busy, setBusy] = useState(false);
  async function send() { await api.post("/send"); }
  const run = async () => {
    setBusy(true);
    try { await send(); } finally { setBusy(false); }
  };
  return <button onClick={run}>Run</button>;
}`);
  const steps = handlers.steps(handlers.sites[0]);
  assert.deepEqual(
    steps.filter((s) => s.type !== "work" || s.strong).map((s) => (s.type === "set" ? `set ${s.setter} ${s.truthy}` : s.type === "work" ? `work ${s.what}` : s.type)),
    ["set setBusy true", "work request", "set setBusy false"],
  );
  assert.ok(!handlers.renderReads(handlers.sites[0].component).has("busy"), "busy is never rendered");
});

test("render reads: JSX and derived values count, handler bodies do not", () => {
  const { handlers, components } = models(`
function F() {
  const [a, setA] = useState(false);
  const [b, setB] = useState(false);
  const [c, setC] = useState(false);
  const label = c ? "x" : "y";
  return <button disabled={a} onClick={() => { if (b) return; }}>{label}</button>;
}`);
  const reads = handlers.renderReads(components.components[0]);
  assert.ok(reads.has("a") && reads.has("c"));
  assert.ok(!reads.has("b"));
});

test("form status children: same file and imported (read through the workspace)", () => {
  const { handlers } = models(
    `
import { SubmitButton } from "./submit";
import { act } from "./actions";
function Local() { const { pending } = useFormStatus(); return <button disabled={pending}>Save</button>; }
export function A() { return <form action={act}><Local /></form>; }
export function B() { return <form action={act}><SubmitButton /></form>; }
export function C() { return <form action={act}><button>Save</button></form>; }
`,
    { "src/submit.tsx": `export function SubmitButton() { const s = useFormStatus(); return <button disabled={s.pending}>Go</button>; }` },
  );
  const forms = handlers.sites.map((s) => handlers.formHasStatusChild(s.form!));
  assert.deepEqual(forms, [true, true, false]);
});
