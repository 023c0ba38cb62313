import { test } from "node:test";
import assert from "node:assert/strict";
import rule from "../src/rules/missing-loading-state.js";
import { applyFixes } from "../src/engine/applyEdits.js";
import { parseSource } from "../src/engine/parse.js";
import { ruleTester, run, type InvalidCase, type ValidCase } from "./ruleTester.js";

// Components are .tsx: every case is analysed as /workspace/src/x.tsx.
const tsx = "/workspace/src/x.tsx";

const cases: { valid: ValidCase[]; invalid: InvalidCase[] } = {
  valid: [
    {
      name: "awaiting a dynamic import (a code-split chunk, not a request)",
      filename: tsx,
      code: `export function Preview({ rows }: { rows: string[] }) {
  const preview = async () => {
    const { default: Papa } = await import("papaparse");
    console.log(Papa.parse(rows.join("\\n")));
  };
  return <button onClick={preview}>Preview</button>;
}`,
    },
    {
      name: "sync toggle",
      filename: tsx,
      code: `import { useState } from "react";
export function Menu() {
  const [open, setOpen] = useState(false);
  return <button onClick={() => setOpen(!open)}>Menu</button>;
}`,
    },
    {
      name: "navigation only",
      filename: tsx,
      code: `import { useRouter } from "next/navigation";
export function Nav() {
  const router = useRouter();
  return <button onClick={() => router.push("/settings")}>Settings</button>;
}`,
    },
    {
      name: "awaited navigation",
      filename: tsx,
      code: `import { useRouter } from "next/router";
export function Nav() {
  const router = useRouter();
  return <button onClick={async () => { await router.push("/settings"); }}>Settings</button>;
}`,
    },
    {
      name: "prevent default set state",
      filename: tsx,
      code: `import { useState } from "react";
export function Search() {
  const [q, setQ] = useState("");
  const [term, setTerm] = useState("");
  return (
    <form onSubmit={(e) => { e.preventDefault(); setTerm(q); }}>
      <input value={q} onChange={(e) => setQ(e.target.value)} />
      <button type="submit">Search {term}</button>
    </form>
  );
}`,
    },
    {
      name: "mutation pending disables",
      filename: tsx,
      code: `import { useMutation } from "@tanstack/react-query";
export function Archive({ id }: { id: string }) {
  const archive = useMutation({ mutationFn: (x: string) => fetch("/api/archive/" + x, { method: "POST" }) });
  return <button onClick={() => archive.mutate(id)} disabled={archive.isPending}>Archive</button>;
}`,
    },
    {
      name: "destructured mutation rendered",
      filename: tsx,
      code: `import { useMutation } from "@tanstack/react-query";
export function Like({ id }: { id: string }) {
  const { mutate: like, isPending: liking } = useMutation({ mutationFn: api.like });
  return <button onClick={() => like(id)}>{liking ? <Spinner /> : "Like"}</button>;
}`,
    },
    {
      name: "rhf is submitting destructured",
      filename: tsx,
      code: `import { useForm } from "react-hook-form";
export function Signup() {
  const { register, handleSubmit, formState: { isSubmitting } } = useForm();
  const onSubmit = async (values: any) => { await fetch("/api/signup", { method: "POST", body: JSON.stringify(values) }); };
  return (
    <form onSubmit={handleSubmit(onSubmit)}>
      <input {...register("email")} />
      <button type="submit" disabled={isSubmitting}>Sign up</button>
    </form>
  );
}`,
    },
    {
      name: "rhf form object",
      filename: tsx,
      code: `import { useForm } from "react-hook-form";
export default function Profile() {
  const form = useForm();
  async function onSubmit(values: unknown) {
    await axios.put("/api/profile", values);
  }
  return (
    <form onSubmit={form.handleSubmit(onSubmit)}>
      <button type="submit">{form.formState.isSubmitting ? "Saving…" : "Save"}</button>
    </form>
  );
}`,
    },
    {
      name: "transition used",
      filename: tsx,
      code: `"use client";
import { useTransition } from "react";
import { archiveThread } from "./actions";
export function ArchiveButton({ id }: { id: string }) {
  const [isPending, startTransition] = useTransition();
  return (
    <button disabled={isPending} onClick={() => startTransition(async () => { await archiveThread(id); })}>
      Archive
    </button>
  );
}`,
    },
    {
      name: "form status child same file",
      filename: tsx,
      code: `"use client";
import { useFormStatus } from "react-dom";
import { createNote } from "@/app/actions";
function SubmitButton() {
  const { pending } = useFormStatus();
  return <button type="submit" disabled={pending}>{pending ? "Saving…" : "Save"}</button>;
}
export function NoteForm() {
  return (
    <form action={createNote}>
      <textarea name="body" />
      <SubmitButton />
    </form>
  );
}`,
    },
    {
      name: "form status child imported",
      filename: tsx,
      files: {
        "src/submit-button.tsx": `"use client";
import { useFormStatus } from "react-dom";
export function SubmitButton({ label }: { label: string }) {
  const { pending } = useFormStatus();
  return <button disabled={pending}>{label}</button>;
}
`,
      },
      code: `import { createNote } from "./actions";
import { SubmitButton } from "./submit-button";
export function NoteForm() {
  return (
    <form action={createNote}>
      <textarea name="body" />
      <SubmitButton label="Save" />
    </form>
  );
}`,
    },
    {
      name: "action state pending",
      filename: tsx,
      code: `"use client";
import { useActionState } from "react";
import { subscribe } from "./actions";
export function Newsletter() {
  const [state, formAction, isPending] = useActionState(subscribe, { ok: false });
  return (
    <form action={formAction}>
      <input name="email" />
      <button disabled={isPending}>Subscribe</button>
      {state.ok && <p>Thanks!</p>}
    </form>
  );
}`,
    },
    {
      name: "loading spinner finally",
      filename: tsx,
      code: `import { useState } from "react";
export function Exporter() {
  const [loading, setLoading] = useState(false);
  const run = async () => {
    setLoading(true);
    try {
      const res = await fetch("/api/export", { method: "POST" });
      download(await res.blob());
    } finally {
      setLoading(false);
    }
  };
  return (
    <div>
      <button onClick={run}>Export</button>
      {loading && <Spinner />}
    </div>
  );
}`,
    },
    {
      name: "optimistic",
      filename: tsx,
      code: `"use client";
import { useOptimistic } from "react";
import { toggleLike } from "./actions";
export function LikeButton({ liked }: { liked: boolean }) {
  const [optimisticLiked, setOptimisticLiked] = useOptimistic(liked);
  return (
    <button onClick={async () => { setOptimisticLiked(!optimisticLiked); await toggleLike(); }}>
      {optimisticLiked ? "♥" : "♡"}
    </button>
  );
}`,
    },
    {
      name: "analytics",
      filename: tsx,
      code: `import { track } from "@/lib/analytics";
export function Cta() {
  return <a href="/pricing" onClick={() => track("cta_clicked")}>See pricing</a>;
}`,
    },
    {
      name: "status enum",
      filename: tsx,
      code: `import { useState } from "react";
export function Contact() {
  const [status, setStatus] = useState<"idle" | "submitting" | "done">("idle");
  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    setStatus("submitting");
    await fetch("/api/contact", { method: "POST" });
    setStatus("done");
  }
  return (
    <form onSubmit={onSubmit}>
      <button type="submit" disabled={status === "submitting"}>Send</button>
    </form>
  );
}`,
    },
    {
      name: "swr mutation used",
      filename: tsx,
      code: `import useSWRMutation from "swr/mutation";
export function Invite() {
  const { trigger, isMutating } = useSWRMutation("/api/invite", sendInvite);
  return <button onClick={() => trigger({ email: "a@b.c" })} disabled={isMutating}>Invite</button>;
}`,
    },
    {
      name: "use callback with state",
      filename: tsx,
      code: `import { useCallback, useState } from "react";
export function Sync() {
  const [syncing, setSyncing] = useState(false);
  const sync = useCallback(async () => {
    setSyncing(true);
    try { await fetch("/api/sync", { method: "POST" }); } finally { setSyncing(false); }
  }, []);
  return <button onClick={sync} aria-busy={syncing}>Sync</button>;
}`,
    },
    {
      name: "prop callback",
      filename: tsx,
      code: `export function Pager({ page, onChange }: { page: number; onChange: (p: number) => void }) {
  return <button onClick={() => onChange(page + 1)}>Next</button>;
}`,
    },
    {
      name: "ref guard",
      filename: tsx,
      code: `import { useRef } from "react";
export function Pay() {
  const inFlight = useRef(false);
  async function pay() {
    if (inFlight.current) return;
    inFlight.current = true;
    try { await fetch("/api/pay", { method: "POST" }); } finally { inFlight.current = false; }
  }
  return <button onClick={pay}>Pay</button>;
}`,
    },
    {
      name: "clipboard",
      filename: tsx,
      code: `import { useState } from "react";
export function Copy({ text }: { text: string }) {
  const [copied, setCopied] = useState(false);
  return <button onClick={async () => { await navigator.clipboard.writeText(text); setCopied(true); }}>{copied ? "Copied" : "Copy"}</button>;
}`,
    },
    {
      name: "custom hook pending",
      filename: tsx,
      code: `import { useSaveProfile } from "./hooks";
export function Save() {
  const { save, isSaving } = useSaveProfile();
  return <Button onClick={async () => { await save(); }} loading={isSaving}>Save</Button>;
}`,
    },
    {
      name: "react namespace state",
      filename: tsx,
      code: `import * as React from "react";
export function Delete({ id }: { id: string }) {
  const [deleting, setDeleting] = React.useState(false);
  const onDelete = async () => {
    setDeleting(true);
    try { await fetch("/api/items/" + id, { method: "DELETE" }); } finally { setDeleting(false); }
  };
  return <button onClick={onDelete} disabled={deleting}>Delete</button>;
}`,
    },
    {
      name: "apollo loading",
      filename: tsx,
      code: `import { useMutation } from "@apollo/client";
export function AddTodo() {
  const [addTodo, { loading }] = useMutation(ADD_TODO);
  return <button onClick={() => addTodo({ variables: { text: "x" } })} disabled={loading}>Add</button>;
}`,
    },
    {
      name: "component on submit prop",
      filename: tsx,
      code: `export function Page() {
  return <EditDialog onSubmit={async (v) => { await fetch("/api/x", { method: "POST", body: JSON.stringify(v) }); }} />;
}`,
    },
    {
      name: "reset only on success",
      filename: tsx,
      code: `import { useState } from "react";
export function Save() {
  const [saving, setSaving] = useState(false);
  async function save() {
    setSaving(true);
    await fetch("/api/save", { method: "POST" });
    setSaving(false);
  }
  return <button onClick={save} disabled={saving}>Save</button>;
}`,
    },
    {
      name: "refetch not awaited",
      filename: tsx,
      code: `import { useQuery } from "@tanstack/react-query";
export function Feed() {
  const { data, refetch } = useQuery({ queryKey: ["feed"], queryFn: loadFeed });
  return <button onClick={() => refetch()}>Refresh</button>;
}`,
    },
    {
      name: "standalone transition",
      filename: tsx,
      code: `import { startTransition } from "react";
import { saveDraft } from "./actions";
export function Draft() {
  return <button onClick={() => startTransition(async () => { await saveDraft(); })}>Save draft</button>;
}`,
    },
    {
      name: "per row pending id",
      filename: tsx,
      code: `import { useState } from "react";
export function Rows({ rows }: { rows: { id: string }[] }) {
  const [busyId, setBusyId] = useState<string | null>(null);
  async function approve(id: string) {
    setBusyId(id);
    try { await api.post("/approve/" + id); } finally { setBusyId(null); }
  }
  return <ul>{rows.map((r) => <li key={r.id}><button onClick={() => approve(r.id)} disabled={busyId === r.id}>Approve</button></li>)}</ul>;
}`,
    },
    {
      name: "pending passed to child",
      filename: tsx,
      code: `import { useState } from "react";
export function Checkout() {
  const [placing, setPlacing] = useState(false);
  async function place() {
    setPlacing(true);
    try { await fetch("/api/orders", { method: "POST" }); } catch (e) { report(e); } finally { setPlacing(false); }
  }
  return <OrderSummary onPlace={place} busy={placing} />;
}`,
    },
    {
      name: "string form action",
      filename: tsx,
      code: `export function Legacy() {
  return <form action="/api/subscribe" method="post"><button>Go</button></form>;
}`,
    },
    {
      name: "dialog confirm first",
      filename: tsx,
      code: `import { useState } from "react";
export function Remove({ id }: { id: string }) {
  const [removing, setRemoving] = useState(false);
  async function remove() {
    if (!(await confirmDialog("Remove?"))) return;
    setRemoving(true);
    try { await fetch("/api/x/" + id, { method: "DELETE" }); } finally { setRemoving(false); }
  }
  return <button onClick={remove} disabled={removing}>Remove</button>;
}`,
    },
    {
      name: "early return spinner",
      filename: tsx,
      code: `import { useState } from "react";
export function Upload() {
  const [uploading, setUploading] = useState(false);
  async function upload(file: File) {
    setUploading(true);
    try { await ky.post("/api/upload", { body: file }); } finally { setUploading(false); }
  }
  if (uploading) return <p>Uploading…</p>;
  return <button onClick={() => upload(file)}>Upload</button>;
}`,
    },
    {
      name: "toast promise",
      filename: tsx,
      code: `import { toast } from "sonner";
export function Save() {
  return <button onClick={() => toast.promise(fetch("/api/save", { method: "POST" }), { loading: "Saving…", success: "Saved" })}>Save</button>;
}`,
    },
    {
      name: "updater sets submitting",
      filename: tsx,
      code: `import { useState } from "react";
export function Contact() {
  const [form, setForm] = useState({ email: "", submitting: false });
  async function send() {
    setForm((f) => ({ ...f, submitting: true }));
    try { await fetch("/api/contact", { method: "POST" }); } finally { setForm((f) => ({ ...f, submitting: false })); }
  }
  return <button onClick={send} disabled={form.submitting}>Send</button>;
}`,
    },
    {
      name: "dynamic import then",
      filename: tsx,
      code: `import { useState } from "react";
export function Chart() {
  const [Lib, setLib] = useState<any>(null);
  return <button onClick={() => import("./chart").then((m) => setLib(m))}>Show chart</button>;
}`,
    },
    {
      name: "custom hook saving flag rendered",
      filename: tsx,
      code: `import { useDeleteAccount } from "@/hooks/account";
export function Danger() {
  const { deleteAccount, isDeleting } = useDeleteAccount();
  return (
    <div>
      <button onClick={async () => { await deleteAccount(); }}>Delete account</button>
      {isDeleting && <p>Deleting…</p>}
    </div>
  );
}`,
    },
    {
      name: "reducer pending",
      filename: tsx,
      code: `import { useReducer } from "react";
export function Wizard() {
  const [state, dispatch] = useReducer(reducer, { status: "idle" });
  async function finish() {
    dispatch({ type: "submit" });
    const res = await fetch("/api/wizard", { method: "POST" });
    dispatch({ type: res.ok ? "done" : "failed" });
  }
  return <button onClick={finish} disabled={state.status === "submitting"}>Finish</button>;
}`,
    },
    {
      name: "awaited refetch with fetching",
      filename: tsx,
      code: `import { useQuery } from "@tanstack/react-query";
export function Feed() {
  const { data, refetch, isFetching } = useQuery({ queryKey: ["feed"], queryFn: loadFeed });
  return <button onClick={async () => { await refetch(); }} disabled={isFetching}>Refresh</button>;
}`,
    },
    {
      name: "formik handle submit",
      filename: tsx,
      code: `import { useFormik } from "formik";
export function Login() {
  const formik = useFormik({ initialValues: { email: "" }, onSubmit: async (v) => { await fetch("/api/login", { method: "POST" }); } });
  return <form onSubmit={formik.handleSubmit}><button type="submit" disabled={formik.isSubmitting}>Log in</button></form>;
}`,
    },
    {
      name: "jsx file with state",
      filename: "/workspace/src/x.jsx",
      code: `import { useState } from "react";
export default function Join({ id }) {
  const [joining, setJoining] = useState(false);
  const join = async () => {
    setJoining(true);
    try { await fetch("/api/join/" + id, { method: "POST" }); } finally { setJoining(false); }
  };
  return <button onClick={join} disabled={joining}>{joining ? "Joining…" : "Join"}</button>;
}`,
    },
    {
      name: "void local sync",
      filename: tsx,
      code: `import { useState } from "react";
export function Tabs() {
  const [tab, setTab] = useState("a");
  function pick(t: string) { setTab(t); }
  return <button onClick={() => void pick("b")}>{tab}</button>;
}`,
    },
    {
      name: "submit button component loading",
      filename: tsx,
      code: `import { Button } from "@/components/ui/button";
import { useState } from "react";
export function Feedback() {
  const [sending, setSending] = useState(false);
  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    setSending(true);
    try { await fetch("/api/feedback", { method: "POST" }); } finally { setSending(false); }
  }
  return (
    <form onSubmit={onSubmit}>
      <Button type="submit" loading={sending}>Send feedback</Button>
    </form>
  );
}`,
    },
    {
      name: "project form component on submit",
      filename: tsx,
      code: `import { ProfileForm } from "./profile-form";
export function Page() {
  return <Form onSubmit={async (values) => { await fetch("/api/profile", { method: "PUT", body: JSON.stringify(values) }); }} />;
}`,
    },
    {
      name: "prefetch options callback",
      filename: tsx,
      code: `import { useQueryClient } from "@tanstack/react-query";
import { fetchProject } from "../api/projects";
export function ProjectLink({ id, onOpen }: { id: string; onOpen: (id: string) => void }) {
  const queryClient = useQueryClient();
  return (
    <button onClick={() => { queryClient.prefetchQuery({ queryKey: ["project", id], queryFn: () => fetchProject(id) }); onOpen(id); }}>
      Open
    </button>
  );
}`,
    },
    {
      name: "url constant action",
      filename: tsx,
      code: `import { NEWSLETTER_URL } from "./config";
export function Newsletter() {
  return <form action={NEWSLETTER_URL} method="post"><button>Subscribe</button></form>;
}`,
    },
    {
      name: "loading prop from parent",
      filename: tsx,
      code: `export function SaveBar({ onSave, loading }: { onSave: () => Promise<void>; loading: boolean }) {
  return <button onClick={async () => { await onSave(); }}>{loading ? "Saving…" : "Save"}</button>;
}`,
    },
    {
      name: "cache invalidation only",
      filename: tsx,
      code: `import { useQueryClient } from "@tanstack/react-query";
export function RefreshButton() {
  const queryClient = useQueryClient();
  return <button onClick={async () => { await queryClient.invalidateQueries({ queryKey: ["todos"] }); }}>Refresh</button>;
}`,
    },
    {
      name: "store status disables",
      filename: tsx,
      code: `import { useDispatch, useSelector } from "react-redux";
export function PlaceOrder() {
  const dispatch = useDispatch();
  const status = useSelector((s: any) => s.orders.status);
  return <button disabled={status === "loading"} onClick={async () => { await dispatch(placeOrder()).unwrap(); }}>Place order</button>;
}`,
    },
    {
      name: "imported sync helper",
      filename: tsx,
      files: {
        "src/lib/posts.ts": `export function archivePost(id: string) {
  return fetch("/api/posts/" + id + "/archive", { method: "POST" });
}

export function slugify(s: string) {
  return s.toLowerCase();
}
`,
      },
      code: `import { slugify } from "@/lib/posts";
import { useState } from "react";
export function Slug() {
  const [slug, setSlug] = useState("");
  return <button onClick={() => setSlug(slugify("Hello World"))}>{slug || "Make slug"}</button>;
}`,
    },
  ],
  invalid: [
    {
      name: "named submit no state",
      filename: tsx,
      code: `import { useState, type FormEvent } from "react";

export function OrderForm() {
  const [qty, setQty] = useState(1);

  async function handleSubmit(event: FormEvent) {
    event.preventDefault();
    await fetch("/api/orders", { method: "POST", body: JSON.stringify({ qty }) });
  }

  return (
    <form onSubmit={handleSubmit}>
      <input value={qty} onChange={(e) => setQty(Number(e.target.value))} />
      <button type="submit">Create order</button>
    </form>
  );
}`,
      errors: [{ line: 12, column: 11, message: "This form can be submitted again while the request is in flight: show a pending state and disable its submit button (e.g. setIsSubmitting(true) … finally setIsSubmitting(false))." }],
      output: `import { useState, type FormEvent } from "react";

export function OrderForm() {
  const [isSubmitting, setIsSubmitting] = useState(false);
  const [qty, setQty] = useState(1);

  async function handleSubmit(event: FormEvent) {
    event.preventDefault();
    if (isSubmitting) return;
    setIsSubmitting(true);
    try {
      await fetch("/api/orders", { method: "POST", body: JSON.stringify({ qty }) });
    } finally {
      setIsSubmitting(false);
    }
  }

  return (
    <form onSubmit={handleSubmit}>
      <input value={qty} onChange={(e) => setQty(Number(e.target.value))} />
      <button type="submit" disabled={isSubmitting} aria-busy={isSubmitting}>{isSubmitting ? "Creating…" : "Create order"}</button>
    </form>
  );
}`,
    },
    {
      name: "inline axios",
      filename: tsx,
      code: `import axios from "axios";

export const Approve = ({ id }: { id: string }) => {
  return (
    <button onClick={async () => { await axios.post(\`/api/requests/\${id}/approve\`); }}>
      Approve
    </button>
  );
};`,
      errors: [{ line: 5, column: 13, message: "The 'Approve' button can be clicked again while the request is in flight: show a pending state and disable it (e.g. setIsSubmitting(true) … finally setIsSubmitting(false))." }],
      output: `import axios from "axios";
import { useState } from "react";

export const Approve = ({ id }: { id: string }) => {
  const [isSubmitting, setIsSubmitting] = useState(false);
  return (
    <button onClick={async () => {
      if (isSubmitting) return;
      setIsSubmitting(true);
      try {
        await axios.post(\`/api/requests/\${id}/approve\`);
      } finally {
        setIsSubmitting(false);
      }
    }} disabled={isSubmitting} aria-busy={isSubmitting}>
      {isSubmitting ? "Approving…" : "Approve"}
    </button>
  );
};`,
    },
    {
      name: "destructured mutate no pending",
      filename: tsx,
      code: `import { useMutation } from "@tanstack/react-query";

export function Star({ id }: { id: string }) {
  const { mutate } = useMutation({ mutationFn: starRepo });
  return <button onClick={() => mutate(id)}>Star</button>;
}`,
      errors: [{ line: 5, column: 18, message: "The 'Star' button can be clicked again while the mutation is in flight: disable it with the mutation's pending flag and show that it is working." }],
      output: `import { useMutation } from "@tanstack/react-query";

export function Star({ id }: { id: string }) {
  const { mutate, isPending } = useMutation({ mutationFn: starRepo });
  return <button onClick={() => mutate(id)} disabled={isPending} aria-busy={isPending}>{isPending ? "Starring…" : "Star"}</button>;
}`,
    },
    {
      name: "mutation object no pending",
      filename: tsx,
      code: `import { useMutation } from "@tanstack/react-query";

export function Remove({ id }: { id: string }) {
  const removeItem = useMutation({ mutationFn: deleteItem });
  return <button onClick={() => removeItem.mutate(id)}>Remove</button>;
}`,
      errors: [{ line: 5, column: 18, message: "The 'Remove' button can be clicked again while the `removeItem` mutation is in flight: disable it with removeItem.isPending and show that it is working." }],
      output: `import { useMutation } from "@tanstack/react-query";

export function Remove({ id }: { id: string }) {
  const removeItem = useMutation({ mutationFn: deleteItem });
  return <button onClick={() => removeItem.mutate(id)} disabled={removeItem.isPending} aria-busy={removeItem.isPending}>{removeItem.isPending ? "Removing…" : "Remove"}</button>;
}`,
    },
    {
      name: "unused state",
      filename: tsx,
      code: `import { useState } from "react";

export function Publish() {
  const [publishing, setPublishing] = useState(false);
  async function publish() {
    setPublishing(true);
    try {
      await fetch("/api/publish", { method: "POST" });
    } finally {
      setPublishing(false);
    }
  }
  return <button onClick={publish}>Publish</button>;
}`,
      errors: [{ line: 13, column: 18, message: "`publishing` tracks the request but the 'Publish' button neither is disabled by it nor shows it: add disabled={publishing} and a pending label (e.g. \"Publishing…\")." }],
      output: `import { useState } from "react";

export function Publish() {
  const [publishing, setPublishing] = useState(false);
  async function publish() {
    setPublishing(true);
    try {
      await fetch("/api/publish", { method: "POST" });
    } finally {
      setPublishing(false);
    }
  }
  return <button onClick={publish} disabled={publishing} aria-busy={publishing}>{publishing ? "Publishing…" : "Publish"}</button>;
}`,
    },
    {
      name: "unused transition",
      filename: tsx,
      code: `"use client";
import { useTransition } from "react";
import { deletePost } from "./actions";

export function DeletePost({ id }: { id: string }) {
  const [isPending, startTransition] = useTransition();
  return <button onClick={() => startTransition(() => deletePost(id))}>Delete</button>;
}`,
      errors: [{ line: 7, column: 18, message: "`isPending` tracks the server action but the 'Delete' button neither is disabled by it nor shows it: add disabled={isPending} and a pending label (e.g. \"Deleting…\")." }],
      output: `"use client";
import { useTransition } from "react";
import { deletePost } from "./actions";

export function DeletePost({ id }: { id: string }) {
  const [isPending, startTransition] = useTransition();
  return <button onClick={() => startTransition(() => deletePost(id))} disabled={isPending} aria-busy={isPending}>{isPending ? "Deleting…" : "Delete"}</button>;
}`,
    },
    {
      name: "server action form no status",
      filename: tsx,
      code: `import { createComment } from "./actions";

export function CommentForm() {
  return (
    <form action={createComment}>
      <textarea name="body" />
      <button type="submit">Comment</button>
    </form>
  );
}`,
      errors: [{ line: 5, column: 11, message: "This form can be submitted again while the server action runs: render the submit button from a component that reads useFormStatus() and disables it while pending (or use useActionState's isPending)." }],
      output: null,
    },
    {
      name: "handler outside component inline",
      filename: tsx,
      code: `import { useState } from "react";

async function saveOrder(id: string) {
  const res = await fetch(\`/api/orders/\${id}\`, { method: "PUT" });
  return res.ok;
}

export function SaveOrder({ id }: { id: string }) {
  const [note, setNote] = useState("");
  return (
    <div>
      <p>{note}</p>
      <button onClick={() => saveOrder(id)}>Save</button>
    </div>
  );
}`,
      errors: [{ line: 13, column: 15, message: "The 'Save' button can be clicked again while the request is in flight: show a pending state and disable it (e.g. setIsSubmitting(true) … finally setIsSubmitting(false))." }],
      output: `import { useState } from "react";

async function saveOrder(id: string) {
  const res = await fetch(\`/api/orders/\${id}\`, { method: "PUT" });
  return res.ok;
}

export function SaveOrder({ id }: { id: string }) {
  const [isSubmitting, setIsSubmitting] = useState(false);
  const [note, setNote] = useState("");
  return (
    <div>
      <p>{note}</p>
      <button onClick={async () => {
        if (isSubmitting) return;
        setIsSubmitting(true);
        try {
          await saveOrder(id);
        } finally {
          setIsSubmitting(false);
        }
      }} disabled={isSubmitting} aria-busy={isSubmitting}>{isSubmitting ? "Saving…" : "Save"}</button>
    </div>
  );
}`,
    },
    {
      name: "handler outside component ref",
      filename: tsx,
      code: `import { useState } from "react";

async function logout() {
  await fetch("/api/logout", { method: "POST" });
  window.location.href = "/";
}

export function Account() {
  const [x] = useState(0);
  return <button onClick={logout}>Log out {x}</button>;
}`,
      errors: [{ line: 10, column: 18, message: "The 'Log out' button can be clicked again while the request is in flight: show a pending state and disable it (e.g. setIsSubmitting(true) … finally setIsSubmitting(false))." }],
      output: `import { useState } from "react";

async function logout() {
  await fetch("/api/logout", { method: "POST" });
  window.location.href = "/";
}

export function Account() {
  const [isSubmitting, setIsSubmitting] = useState(false);
  const [x] = useState(0);
  return <button onClick={async () => {
    if (isSubmitting) return;
    setIsSubmitting(true);
    try {
      await logout();
    } finally {
      setIsSubmitting(false);
    }
  }} disabled={isSubmitting} aria-busy={isSubmitting}>Log out {x}</button>;
}`,
    },
    {
      name: "imported async function",
      filename: tsx,
      files: {
        "src/api/invoices.ts": `export async function deleteInvoice(id: string) {
  await fetch("/api/invoices/" + id, { method: "DELETE" });
}
`,
      },
      code: `import { deleteInvoice } from "../api/invoices";

export function InvoiceRow({ id }: { id: string }) {
  return (
    <tr>
      <td>
        <button onClick={() => deleteInvoice(id)}>Delete</button>
      </td>
    </tr>
  );
}`,
      errors: [{ line: 7, column: 17, message: "The 'Delete' button can be clicked again while the request is in flight: show a pending state and disable it (e.g. setIsSubmitting(true) … finally setIsSubmitting(false))." }],
      output: `import { deleteInvoice } from "../api/invoices";
import { useState } from "react";

export function InvoiceRow({ id }: { id: string }) {
  const [isSubmitting, setIsSubmitting] = useState(false);
  return (
    <tr>
      <td>
        <button onClick={async () => {
          if (isSubmitting) return;
          setIsSubmitting(true);
          try {
            await deleteInvoice(id);
          } finally {
            setIsSubmitting(false);
          }
        }} disabled={isSubmitting} aria-busy={isSubmitting}>{isSubmitting ? "Deleting…" : "Delete"}</button>
      </td>
    </tr>
  );
}`,
    },
    {
      name: "react namespace style",
      filename: tsx,
      code: `import * as React from "react";

export function Retry() {
  const [count, setCount] = React.useState(0);
  return <button onClick={async () => { await fetch("/api/retry"); setCount(count + 1); }}>Retry {count}</button>;
}`,
      errors: [{ line: 5, column: 18, message: "The 'Retry' button can be clicked again while the request is in flight: show a pending state and disable it (e.g. setIsSubmitting(true) … finally setIsSubmitting(false))." }],
      output: `import * as React from "react";

export function Retry() {
  const [isSubmitting, setIsSubmitting] = React.useState(false);
  const [count, setCount] = React.useState(0);
  return <button onClick={async () => {
    if (isSubmitting) return;
    setIsSubmitting(true);
    try {
      await fetch("/api/retry");
      setCount(count + 1);
    } finally {
      setIsSubmitting(false);
    }
  }} disabled={isSubmitting} aria-busy={isSubmitting}>Retry {count}</button>;
}`,
    },
    {
      name: "no react import",
      filename: tsx,
      code: `import { api } from "@/lib/api";

export default function Resend() {
  return <button onClick={async () => { await api.post("/resend"); }}>Resend</button>;
}`,
      errors: [{ line: 4, column: 18, message: "The 'Resend' button can be clicked again while the request is in flight: show a pending state and disable it (e.g. setIsSubmitting(true) … finally setIsSubmitting(false))." }],
      output: `import { api } from "@/lib/api";
import { useState } from "react";

export default function Resend() {
  const [isSubmitting, setIsSubmitting] = useState(false);
  return <button onClick={async () => {
    if (isSubmitting) return;
    setIsSubmitting(true);
    try {
      await api.post("/resend");
    } finally {
      setIsSubmitting(false);
    }
  }} disabled={isSubmitting} aria-busy={isSubmitting}>{isSubmitting ? "Resending…" : "Resend"}</button>;
}`,
    },
    {
      name: "use client no imports",
      filename: tsx,
      code: `"use client";

export default function Ping() {
  return <button onClick={() => fetch("/api/ping", { method: "POST" })}>Ping</button>;
}`,
      errors: [{ line: 4, column: 18, message: "The 'Ping' button can be clicked again while the request is in flight: show a pending state and disable it (e.g. setIsSubmitting(true) … finally setIsSubmitting(false))." }],
      output: `"use client";

import { useState } from "react";

export default function Ping() {
  const [isSubmitting, setIsSubmitting] = useState(false);
  return <button onClick={async () => {
    if (isSubmitting) return;
    setIsSubmitting(true);
    try {
      await fetch("/api/ping", { method: "POST" });
    } finally {
      setIsSubmitting(false);
    }
  }} disabled={isSubmitting} aria-busy={isSubmitting}>{isSubmitting ? "Pinging…" : "Ping"}</button>;
}`,
    },
    {
      name: "use callback handler",
      filename: tsx,
      code: `import { useCallback } from "react";

export function Refund({ id }: { id: string }) {
  const refund = useCallback(async () => {
    await fetch("/api/refunds", { method: "POST", body: id });
  }, [id]);
  return <button onClick={refund}>Refund</button>;
}`,
      errors: [{ line: 7, column: 18, message: "The 'Refund' button can be clicked again while the request is in flight: show a pending state and disable it (e.g. setIsSubmitting(true) … finally setIsSubmitting(false))." }],
      output: `import { useCallback, useState } from "react";

export function Refund({ id }: { id: string }) {
  const [isSubmitting, setIsSubmitting] = useState(false);
  const refund = useCallback(async () => {
    if (isSubmitting) return;
    setIsSubmitting(true);
    try {
      await fetch("/api/refunds", { method: "POST", body: id });
    } finally {
      setIsSubmitting(false);
    }
  }, [id, isSubmitting]);
  return <button onClick={refund} disabled={isSubmitting} aria-busy={isSubmitting}>{isSubmitting ? "Refunding…" : "Refund"}</button>;
}`,
    },
    {
      name: "then chain block",
      filename: tsx,
      code: `import { useState } from "react";

export function Follow({ id }: { id: string }) {
  const [following, setFollowing] = useState(false);
  function follow() {
    fetch("/api/follow/" + id, { method: "POST" }).then(() => setFollowing(true));
  }
  return <button onClick={follow}>{following ? "Following" : "Follow"}</button>;
}`,
      errors: [{ line: 8, column: 18, message: "The 'Follow' button can be clicked again while the request is in flight: show a pending state and disable it (e.g. setIsSubmitting(true) … finally setIsSubmitting(false))." }],
      output: `import { useState } from "react";

export function Follow({ id }: { id: string }) {
  const [isSubmitting, setIsSubmitting] = useState(false);
  const [following, setFollowing] = useState(false);
  async function follow() {
    if (isSubmitting) return;
    setIsSubmitting(true);
    try {
      await fetch("/api/follow/" + id, { method: "POST" }).then(() => setFollowing(true));
    } finally {
      setIsSubmitting(false);
    }
  }
  return <button onClick={follow} disabled={isSubmitting} aria-busy={isSubmitting}>{following ? "Following" : "Follow"}</button>;
}`,
    },
    {
      name: "rhf no is submitting",
      filename: tsx,
      code: `import { useForm } from "react-hook-form";

export function Register() {
  const { register, handleSubmit } = useForm();
  const onSubmit = async (data: unknown) => {
    await fetch("/api/register", { method: "POST", body: JSON.stringify(data) });
  };
  return (
    <form onSubmit={handleSubmit(onSubmit)}>
      <input {...register("email")} />
      <button>Register</button>
    </form>
  );
}`,
      errors: [{ line: 9, column: 11, message: "This form can be submitted again while the request is in flight: show a pending state and disable its submit button (e.g. setIsSubmitting(true) … finally setIsSubmitting(false))." }],
      output: `import { useForm } from "react-hook-form";
import { useState } from "react";

export function Register() {
  const [isSubmitting, setIsSubmitting] = useState(false);
  const { register, handleSubmit } = useForm();
  const onSubmit = async (data: unknown) => {
    if (isSubmitting) return;
    setIsSubmitting(true);
    try {
      await fetch("/api/register", { method: "POST", body: JSON.stringify(data) });
    } finally {
      setIsSubmitting(false);
    }
  };
  return (
    <form onSubmit={handleSubmit(onSubmit)}>
      <input {...register("email")} />
      <button disabled={isSubmitting} aria-busy={isSubmitting}>{isSubmitting ? "Registering…" : "Register"}</button>
    </form>
  );
}`,
    },
    {
      name: "swr mutation unused",
      filename: tsx,
      code: `import useSWRMutation from "swr/mutation";

export function Invite() {
  const invite = useSWRMutation("/api/invite", sendInvite);
  return <button onClick={() => invite.trigger()}>Invite</button>;
}`,
      errors: [{ line: 5, column: 18, message: "The 'Invite' button can be clicked again while the `invite` mutation is in flight: disable it with invite.isMutating and show that it is working." }],
      output: `import useSWRMutation from "swr/mutation";

export function Invite() {
  const invite = useSWRMutation("/api/invite", sendInvite);
  return <button onClick={() => invite.trigger()} disabled={invite.isMutating} aria-busy={invite.isMutating}>{invite.isMutating ? "Inviting…" : "Invite"}</button>;
}`,
    },
    {
      name: "action state pending unused",
      filename: tsx,
      code: `"use client";
import { useActionState } from "react";
import { subscribe } from "./actions";

export function Newsletter() {
  const [state, formAction, isPending] = useActionState(subscribe, null);
  return (
    <form action={formAction}>
      <input name="email" />
      <button>Subscribe</button>
    </form>
  );
}`,
      errors: [{ line: 8, column: 11, message: "`isPending` tracks the server action but the form's submit button neither is disabled by it nor shows it: add disabled={isPending} and a pending label (e.g. \"Subscribing…\")." }],
      output: `"use client";
import { useActionState } from "react";
import { subscribe } from "./actions";

export function Newsletter() {
  const [state, formAction, isPending] = useActionState(subscribe, null);
  return (
    <form action={formAction}>
      <input name="email" />
      <button disabled={isPending} aria-busy={isPending}>{isPending ? "Subscribing…" : "Subscribe"}</button>
    </form>
  );
}`,
    },
    {
      name: "apollo no loading",
      filename: tsx,
      code: `import { useMutation } from "@apollo/client";

export function AddTodo() {
  const [addTodo] = useMutation(ADD_TODO);
  return <button onClick={() => addTodo({ variables: { text: "x" } })}>Add</button>;
}`,
      errors: [{ line: 5, column: 18, message: "The 'Add' button can be clicked again while the mutation is in flight: disable it with the mutation's pending flag and show that it is working." }],
      output: null,
    },
    {
      name: "request then navigate",
      filename: tsx,
      code: `import { useRouter } from "next/navigation";

export function Checkout() {
  const router = useRouter();
  const pay = async () => {
    const res = await fetch("/api/checkout", { method: "POST" });
    if (res.ok) router.push("/thanks");
  };
  return <button onClick={pay}>Pay now</button>;
}`,
      errors: [{ line: 9, column: 18, message: "The 'Pay now' button can be clicked again while the request is in flight: show a pending state and disable it (e.g. setIsSubmitting(true) … finally setIsSubmitting(false))." }],
      output: `import { useRouter } from "next/navigation";
import { useState } from "react";

export function Checkout() {
  const [isSubmitting, setIsSubmitting] = useState(false);
  const router = useRouter();
  const pay = async () => {
    if (isSubmitting) return;
    setIsSubmitting(true);
    try {
      const res = await fetch("/api/checkout", { method: "POST" });
      if (res.ok) router.push("/thanks");
    } finally {
      setIsSubmitting(false);
    }
  };
  return <button onClick={pay} disabled={isSubmitting} aria-busy={isSubmitting}>{isSubmitting ? "Paying…" : "Pay now"}</button>;
}`,
    },
    {
      name: "memo wrapped",
      filename: tsx,
      code: `import { memo } from "react";

export const Vote = memo(function Vote({ id }: { id: string }) {
  return <button onClick={async () => { await fetch("/api/vote/" + id, { method: "POST" }); }}>Upvote</button>;
});`,
      errors: [{ line: 4, column: 18, message: "The 'Upvote' button can be clicked again while the request is in flight: show a pending state and disable it (e.g. setIsSubmitting(true) … finally setIsSubmitting(false))." }],
      output: `import { memo, useState } from "react";

export const Vote = memo(function Vote({ id }: { id: string }) {
  const [isSubmitting, setIsSubmitting] = useState(false);
  return <button onClick={async () => {
    if (isSubmitting) return;
    setIsSubmitting(true);
    try {
      await fetch("/api/vote/" + id, { method: "POST" });
    } finally {
      setIsSubmitting(false);
    }
  }} disabled={isSubmitting} aria-busy={isSubmitting}>{isSubmitting ? "Upvoting…" : "Upvote"}</button>;
});`,
    },
    {
      name: "loading for other purpose",
      filename: tsx,
      code: `import { useEffect, useState } from "react";

export function Items() {
  const [loading, setLoading] = useState(true);
  useEffect(() => { load().finally(() => setLoading(false)); }, []);
  if (loading) return <p>Loading…</p>;
  return <button onClick={async () => { await fetch("/api/items", { method: "POST" }); }}>New item</button>;
}`,
      errors: [{ line: 7, column: 18, message: "The 'New item' button can be clicked again while the request is in flight: show a pending state and disable it (e.g. setIsSubmitting(true) … finally setIsSubmitting(false))." }],
      output: `import { useEffect, useState } from "react";

export function Items() {
  const [isSubmitting, setIsSubmitting] = useState(false);
  const [loading, setLoading] = useState(true);
  useEffect(() => { load().finally(() => setLoading(false)); }, []);
  if (loading) return <p>Loading…</p>;
  return <button onClick={async () => {
    if (isSubmitting) return;
    setIsSubmitting(true);
    try {
      await fetch("/api/items", { method: "POST" });
    } finally {
      setIsSubmitting(false);
    }
  }} disabled={isSubmitting} aria-busy={isSubmitting}>{isSubmitting ? "Working…" : "New item"}</button>;
}`,
    },
    {
      name: "custom hook page loading does not cover",
      filename: tsx,
      code: `import { useUser } from "@/hooks/user";

export function Settings() {
  const { user, isLoading } = useUser();
  if (isLoading) return <p>Loading…</p>;
  return <button onClick={async () => { await fetch("/api/settings", { method: "PUT" }); }}>Save settings</button>;
}`,
      errors: [{ line: 6, column: 18, message: "The 'Save settings' button can be clicked again while the request is in flight: show a pending state and disable it (e.g. setIsSubmitting(true) … finally setIsSubmitting(false))." }],
      output: `import { useUser } from "@/hooks/user";
import { useState } from "react";

export function Settings() {
  const [isSubmitting, setIsSubmitting] = useState(false);
  const { user, isLoading } = useUser();
  if (isLoading) return <p>Loading…</p>;
  return <button onClick={async () => {
    if (isSubmitting) return;
    setIsSubmitting(true);
    try {
      await fetch("/api/settings", { method: "PUT" });
    } finally {
      setIsSubmitting(false);
    }
  }} disabled={isSubmitting} aria-busy={isSubmitting}>{isSubmitting ? "Saving…" : "Save settings"}</button>;
}`,
    },
    {
      name: "inline server action in server component",
      filename: tsx,
      code: `import { db } from "@/lib/db";

export default async function Page() {
  return (
    <form
      action={async (formData: FormData) => {
        "use server";
        await db.subscriber.create({ data: { email: String(formData.get("email")) } });
      }}
    >
      <input name="email" />
      <button>Subscribe</button>
    </form>
  );
}`,
      errors: [{ line: 6, column: 7, message: "This form can be submitted again while the server action runs: render the submit button from a component that reads useFormStatus() and disables it while pending (or use useActionState's isPending)." }],
      output: null,
    },
    {
      name: "form button component submit",
      filename: tsx,
      code: `import { Button } from "@/components/ui/button";
import { api } from "@/lib/api";

export function Invite({ email }: { email: string }) {
  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    await api.post("/invites", { email });
  }
  return (
    <form onSubmit={onSubmit}>
      <Button type="submit">Send invite</Button>
    </form>
  );
}`,
      errors: [{ line: 10, column: 11, message: "This form can be submitted again while the request is in flight: show a pending state and disable its submit button (e.g. setIsSubmitting(true) … finally setIsSubmitting(false))." }],
      output: `import { Button } from "@/components/ui/button";
import { api } from "@/lib/api";
import { useState } from "react";

export function Invite({ email }: { email: string }) {
  const [isSubmitting, setIsSubmitting] = useState(false);
  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (isSubmitting) return;
    setIsSubmitting(true);
    try {
      await api.post("/invites", { email });
    } finally {
      setIsSubmitting(false);
    }
  }
  return (
    <form onSubmit={onSubmit}>
      <Button type="submit" disabled={isSubmitting} aria-busy={isSubmitting}>{isSubmitting ? "Sending…" : "Send invite"}</Button>
    </form>
  );
}`,
    },
    {
      name: "delete await supabase",
      filename: tsx,
      code: `import { supabase } from "@/lib/supabase";

export function TodoItem({ id }: { id: number }) {
  const handleDelete = async () => {
    const { error } = await supabase.from("todos").delete().eq("id", id);
    if (error) console.error(error);
  };
  return <li>{id} <button onClick={handleDelete}>Delete</button></li>;
}`,
      errors: [{ line: 8, column: 27, message: "The 'Delete' button can be clicked again while the request is in flight: show a pending state and disable it (e.g. setIsSubmitting(true) … finally setIsSubmitting(false))." }],
      output: `import { supabase } from "@/lib/supabase";
import { useState } from "react";

export function TodoItem({ id }: { id: number }) {
  const [isSubmitting, setIsSubmitting] = useState(false);
  const handleDelete = async () => {
    if (isSubmitting) return;
    setIsSubmitting(true);
    try {
      const { error } = await supabase.from("todos").delete().eq("id", id);
      if (error) console.error(error);
    } finally {
      setIsSubmitting(false);
    }
  };
  return <li>{id} <button onClick={handleDelete} disabled={isSubmitting} aria-busy={isSubmitting}>{isSubmitting ? "Deleting…" : "Delete"}</button></li>;
}`,
    },
    {
      name: "custom hook mutation object",
      filename: tsx,
      code: `import { useCreateProject } from "@/hooks/projects";

export function NewProject() {
  const createProject = useCreateProject();
  return <button onClick={() => createProject.mutate({ name: "x" })}>New project</button>;
}`,
      errors: [{ line: 5, column: 18, message: "The 'New project' button can be clicked again while the `createProject` mutation is in flight: disable it with createProject.isPending and show that it is working." }],
      output: `import { useCreateProject } from "@/hooks/projects";

export function NewProject() {
  const createProject = useCreateProject();
  return <button onClick={() => createProject.mutate({ name: "x" })} disabled={createProject.isPending} aria-busy={createProject.isPending}>{createProject.isPending ? "Working…" : "New project"}</button>;
}`,
    },
    {
      name: "icon button uses aria label",
      filename: tsx,
      code: `export function Vote() {
  return (
    <button aria-label="Upvote this answer" onClick={async () => { await fetch("/api/vote", { method: "POST" }); }}>
      ▲
    </button>
  );
}`,
      errors: [{ line: 3, column: 45, message: "The 'Upvote this answer' button can be clicked again while the request is in flight: show a pending state and disable it (e.g. setIsSubmitting(true) … finally setIsSubmitting(false))." }],
      output: `import { useState } from "react";

export function Vote() {
  const [isSubmitting, setIsSubmitting] = useState(false);
  return (
    <button aria-label="Upvote this answer" onClick={async () => {
      if (isSubmitting) return;
      setIsSubmitting(true);
      try {
        await fetch("/api/vote", { method: "POST" });
      } finally {
        setIsSubmitting(false);
      }
    }} disabled={isSubmitting} aria-busy={isSubmitting}>
      ▲
    </button>
  );
}`,
    },
    {
      name: "next form server action",
      filename: tsx,
      code: `import Form from "next/form";
import { signOut } from "@/app/auth";

export function SignOut() {
  return (
    <Form action={async () => { "use server"; await signOut(); }}>
      <button type="submit">Sign out</button>
    </Form>
  );
}`,
      errors: [{ line: 6, column: 11, message: "This form can be submitted again while the server action runs: render the submit button from a component that reads useFormStatus() and disables it while pending (or use useActionState's isPending)." }],
      output: null,
    },
    {
      name: "guard and deps only is not shown",
      filename: tsx,
      code: `import { useCallback, useState } from "react";

export function Checkout() {
  const [paying, setPaying] = useState(false);
  const pay = useCallback(async () => {
    if (paying) return;
    setPaying(true);
    try {
      await fetch("/api/pay", { method: "POST" });
    } finally {
      setPaying(false);
    }
  }, [paying]);
  return <button onClick={pay}>Pay</button>;
}`,
      errors: [{ line: 14, column: 18, message: "`paying` tracks the request but the 'Pay' button neither is disabled by it nor shows it: add disabled={paying} and a pending label (e.g. \"Paying…\")." }],
      output: `import { useCallback, useState } from "react";

export function Checkout() {
  const [paying, setPaying] = useState(false);
  const pay = useCallback(async () => {
    if (paying) return;
    setPaying(true);
    try {
      await fetch("/api/pay", { method: "POST" });
    } finally {
      setPaying(false);
    }
  }, [paying]);
  return <button onClick={pay} disabled={paying} aria-busy={paying}>{paying ? "Paying…" : "Pay"}</button>;
}`,
    },
    {
      name: "use callback expression single quotes",
      filename: tsx,
      code: `import { useCallback } from 'react';
import { http } from '../api/client';

export function Resend({ id }: { id: string }) {
  const resend = useCallback(() => http.post(\`/invites/\${id}/resend\`), [id]);
  return (
    <button type='button' onClick={resend}>
      Resend invite
    </button>
  );
}`,
      errors: [{ line: 7, column: 27, message: "The 'Resend invite' button can be clicked again while the request is in flight: show a pending state and disable it (e.g. setIsSubmitting(true) … finally setIsSubmitting(false))." }],
      output: `import { useCallback, useState } from 'react';
import { http } from '../api/client';

export function Resend({ id }: { id: string }) {
  const [isSubmitting, setIsSubmitting] = useState(false);
  const resend = useCallback(async () => {
    if (isSubmitting) return;
    setIsSubmitting(true);
    try {
      await http.post(\`/invites/\${id}/resend\`);
    } finally {
      setIsSubmitting(false);
    }
  }, [id, isSubmitting]);
  return (
    <button type='button' onClick={resend} disabled={isSubmitting} aria-busy={isSubmitting}>
      {isSubmitting ? 'Resending…' : 'Resend invite'}
    </button>
  );
}`,
    },
    {
      name: "awaited destructured mutate async",
      filename: tsx,
      code: `import { trpc } from "@/utils/trpc";

export function PinToggle({ id, pinned }: { id: string; pinned: boolean }) {
  const { mutateAsync: updateFolder } = trpc.folder.update.useMutation();
  const toggle = async () => {
    await updateFolder({ id, pinned: !pinned });
  };
  return <button onClick={toggle}>{pinned ? <span>Unpin</span> : <span>Pin</span>}</button>;
}`,
      errors: [{ line: 8, column: 18, message: "The 'Pin' button can be clicked again while the mutation is in flight: disable it with the mutation's pending flag and show that it is working." }],
      output: `import { trpc } from "@/utils/trpc";

export function PinToggle({ id, pinned }: { id: string; pinned: boolean }) {
  const { mutateAsync: updateFolder, isPending } = trpc.folder.update.useMutation();
  const toggle = async () => {
    await updateFolder({ id, pinned: !pinned });
  };
  return <button onClick={toggle} disabled={isPending} aria-busy={isPending}>{pinned ? <span>Unpin</span> : <span>Pin</span>}</button>;
}`,
    },
    {
      name: "enum pending is not a flag",
      filename: tsx,
      code: `import { Status } from "@prisma/client";
import { useMutation } from "@tanstack/react-query";

export function Approve({ status }: { status: Status }) {
  const { mutateAsync: approve } = useMutation({ mutationFn: approveRequest });
  return (
    <div>
      {status === Status.PENDING && <span>Waiting</span>}
      <button onClick={async () => { await approve(); }}>Approve</button>
    </div>
  );
}`,
      errors: [{ line: 9, column: 15, message: "The 'Approve' button can be clicked again while the mutation is in flight: disable it with the mutation's pending flag and show that it is working." }],
      output: `import { Status } from "@prisma/client";
import { useMutation } from "@tanstack/react-query";

export function Approve({ status }: { status: Status }) {
  const { mutateAsync: approve, isPending } = useMutation({ mutationFn: approveRequest });
  return (
    <div>
      {status === Status.PENDING && <span>Waiting</span>}
      <button onClick={async () => { await approve(); }} disabled={isPending} aria-busy={isPending}>{isPending ? "Approving…" : "Approve"}</button>
    </div>
  );
}`,
    },
    {
      name: "swr destructured trigger",
      filename: tsx,
      code: `import useSWRMutation from "swr/mutation";

export function Archive() {
  const { trigger } = useSWRMutation("/api/archive", archive);
  return <button onClick={() => trigger()}>Archive</button>;
}`,
      errors: [{ line: 5, column: 18, message: "The 'Archive' button can be clicked again while the mutation is in flight: disable it with the mutation's pending flag and show that it is working." }],
      output: `import useSWRMutation from "swr/mutation";

export function Archive() {
  const { trigger, isMutating } = useSWRMutation("/api/archive", archive);
  return <button onClick={() => trigger()} disabled={isMutating} aria-busy={isMutating}>{isMutating ? "Archiving…" : "Archive"}</button>;
}`,
    },
    {
      name: "comments blank lines no semicolons",
      filename: tsx,
      code: `import { useState } from "react"

export function Feedback() {
  const [text, setText] = useState("")

  const send = async () => {
    // trim first: the API rejects whitespace-only messages
    const body = text.trim()

    await fetch("/api/feedback", { method: "POST", body })
    setText("") // clear the box once sent
  }

  return <button onClick={send}>Send</button>
}`,
      errors: [{ line: 14, column: 18, message: "The 'Send' button can be clicked again while the request is in flight: show a pending state and disable it (e.g. setIsSubmitting(true) … finally setIsSubmitting(false))." }],
      output: `import { useState } from "react"

export function Feedback() {
  const [isSubmitting, setIsSubmitting] = useState(false)
  const [text, setText] = useState("")

  const send = async () => {
    if (isSubmitting) return
    setIsSubmitting(true)
    try {
      // trim first: the API rejects whitespace-only messages
      const body = text.trim()

      await fetch("/api/feedback", { method: "POST", body })
      setText("") // clear the box once sent
    } finally {
      setIsSubmitting(false)
    }
  }

  return <button onClick={send} disabled={isSubmitting} aria-busy={isSubmitting}>{isSubmitting ? "Sending…" : "Send"}</button>
}`,
    },
    {
      name: "imported function returning fetch",
      filename: tsx,
      files: {
        "src/lib/posts.ts": `export function archivePost(id: string) {
  return fetch("/api/posts/" + id + "/archive", { method: "POST" });
}

export function slugify(s: string) {
  return s.toLowerCase();
}
`,
      },
      code: `import { archivePost } from "@/lib/posts";

export function ArchiveButton({ id }: { id: string }) {
  return <button onClick={() => archivePost(id)}>Archive</button>;
}`,
      errors: [{ line: 4, column: 18, message: "The 'Archive' button can be clicked again while the request is in flight: show a pending state and disable it (e.g. setIsSubmitting(true) … finally setIsSubmitting(false))." }],
      output: `import { archivePost } from "@/lib/posts";
import { useState } from "react";

export function ArchiveButton({ id }: { id: string }) {
  const [isSubmitting, setIsSubmitting] = useState(false);
  return <button onClick={async () => {
    if (isSubmitting) return;
    setIsSubmitting(true);
    try {
      await archivePost(id);
    } finally {
      setIsSubmitting(false);
    }
  }} disabled={isSubmitting} aria-busy={isSubmitting}>{isSubmitting ? "Archiving…" : "Archive"}</button>;
}`,
    },
  ],
};

ruleTester(rule, cases);

// The fix really fixes: applied, the code parses and the finding is gone.
for (const c of cases.invalid) {
  if (typeof c.output !== "string") continue;
  test(`missing-loading-state fix then re-analyse: ${c.name}`, () => {
    const findings = run(rule, c);
    const fixed = applyFixes(c.code, findings.filter((f) => f.fixes.length > 0).map((f) => f.fixes[0])).text;
    const sf = parseSource(tsx, fixed) as unknown as { parseDiagnostics: unknown[] };
    assert.equal(sf.parseDiagnostics.length, 0, "fixed code parses");
    assert.deepEqual(run(rule, { ...c, code: fixed }).map((f) => f.message), []);
  });
}
