// Deterministic synthetic workspace for the benchmark: ~N realistic files (Express routes, Next.js
// route handlers and pages, React components with forms, hooks, API clients, config), built from
// templates with seeded variation so that every run measures the same code.
//   node scripts/bench/generate.mjs OUT_DIR [FILES=5000] [SEED=1]
import fs from "node:fs";
import path from "node:path";

export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NOUNS = ["order", "invoice", "user", "product", "booking", "review", "comment", "ticket", "payment", "workspace", "project", "task", "note", "event", "message"];
const cap = (s) => s[0].toUpperCase() + s.slice(1);

const templates = {
  expressRoute(r, n) {
    const noun = n;
    const validated = r() < 0.6;
    const authed = r() < 0.7;
    return `import { Router } from "express";
import { z } from "zod";
import { db } from "../db";
import { requireUser } from "../middleware/auth";
import { logger } from "../lib/logger";

export const ${noun}Router = Router();

const ${cap(noun)}Input = z.object({
  title: z.string().min(1).max(200),
  amount: z.number().int().nonnegative(),
  tags: z.array(z.string()).max(10).default([]),
});

${noun}Router.get("/", async (req, res) => {
  const page = Number(req.query.page ?? 1);
  const { rows } = await db.query("SELECT * FROM ${noun}s ORDER BY created_at DESC LIMIT 50 OFFSET $1", [(page - 1) * 50]);
  res.json(rows);
});

${noun}Router.get("/:id", async (req, res) => {
  const { rows } = await db.query("SELECT * FROM ${noun}s WHERE id = $1", [req.params.id]);
  if (!rows[0]) return res.status(404).json({ error: "Not found" });
  res.json(rows[0]);
});

${noun}Router.post("/", ${authed ? "requireUser, " : ""}async (req, res) => {
  ${validated ? `const input = ${cap(noun)}Input.parse(req.body);` : "const input = req.body;"}
  try {
    const { rows } = await db.query(
      "INSERT INTO ${noun}s (title, amount, tags) VALUES ($1, $2, $3) RETURNING *",
      [input.title, input.amount, input.tags],
    );
    res.status(201).json(rows[0]);
  } catch (err) {
    logger.error({ err }, "create ${noun} failed");
    res.status(500).json({ error: "Could not create the ${noun}" });
  }
});

${noun}Router.delete("/:id", requireUser, async (req, res) => {
  await db.query("DELETE FROM ${noun}s WHERE id = $1 AND owner_id = $2", [req.params.id, req.user.id]);
  res.status(204).end();
});
`;
  },
  nextRoute(r, n) {
    return `import { NextResponse } from "next/server";
import { z } from "zod";
import { auth } from "@/lib/auth";
import { prisma } from "@/lib/prisma";

const Body = z.object({ name: z.string().min(1), quantity: z.number().int().min(1).max(${Math.floor(r() * 100) + 10}) });

export async function GET(request: Request) {
  const { searchParams } = new URL(request.url);
  const cursor = searchParams.get("cursor") ?? undefined;
  const items = await prisma.${n}.findMany({ take: 20, cursor: cursor ? { id: cursor } : undefined });
  return NextResponse.json(items);
}

export async function POST(request: Request) {
  const session = await auth();
  if (!session?.user) return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  const parsed = Body.safeParse(await request.json());
  if (!parsed.success) return NextResponse.json({ error: parsed.error.flatten() }, { status: 400 });
  const created = await prisma.${n}.create({ data: { ...parsed.data, ownerId: session.user.id } });
  return NextResponse.json(created, { status: 201 });
}
`;
  },
  formComponent(r, n) {
    const pending = r() < 0.5;
    return `"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";

export function ${cap(n)}Form({ initial }: { initial?: { title: string } }) {
  const router = useRouter();
  const [title, setTitle] = useState(initial?.title ?? "");
  const [error, setError] = useState<string | null>(null);
  ${pending ? "const [saving, setSaving] = useState(false);" : ""}

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    ${pending ? "setSaving(true);" : ""}
    try {
      const res = await fetch("/api/${n}s", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ title }) });
      if (!res.ok) throw new Error(\`Request failed: \${res.status}\`);
      router.push("/${n}s");
    } catch (err) {
      setError("Could not save. Try again.");
    }${pending ? " finally {\n      setSaving(false);\n    }" : ""}
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4">
      <label className="block">
        <span className="text-sm text-gray-700">Title</span>
        <input value={title} onChange={(e) => setTitle(e.target.value)} className="mt-1 w-full rounded border px-3 py-2" />
      </label>
      {error && <p role="alert" className="text-sm text-red-600">{error}</p>}
      <button type="submit" ${pending ? "disabled={saving}" : ""} className="rounded bg-blue-600 px-4 py-2 text-white">
        ${pending ? '{saving ? "Saving…" : "Save"}' : "Save"}
      </button>
    </form>
  );
}
`;
  },
  listComponent(r, n) {
    return `import Link from "next/link";
import { formatDistanceToNow } from "date-fns";

type ${cap(n)} = { id: string; title: string; createdAt: string; status: "open" | "closed" };

export function ${cap(n)}List({ items }: { items: ${cap(n)}[] }) {
  if (items.length === 0) return <p className="text-gray-500">No ${n}s yet.</p>;
  return (
    <ul className="divide-y">
      {items.map((item) => (
        <li key={item.id} className="flex items-center justify-between py-3">
          <Link href={\`/${n}s/\${item.id}\`} className="font-medium hover:underline">{item.title}</Link>
          <span className={item.status === "open" ? "text-green-600" : "text-gray-400"}>
            {formatDistanceToNow(new Date(item.createdAt), { addSuffix: true })}
          </span>
        </li>
      ))}
    </ul>
  );
}
`;
  },
  hook(r, n) {
    return `import { useEffect, useState } from "react";

export function use${cap(n)}s(filter: string) {
  const [data, setData] = useState<unknown[]>([]);
  const [error, setError] = useState<Error | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    fetch(\`/api/${n}s?filter=\${encodeURIComponent(filter)}\`, { signal: controller.signal })
      .then((res) => {
        if (!res.ok) throw new Error(\`HTTP \${res.status}\`);
        return res.json();
      })
      .then(setData)
      .catch((e) => {
        if (e.name !== "AbortError") setError(e);
      });
    return () => controller.abort();
  }, [filter]);
  return { data, error };
}
`;
  },
  apiClient(r, n) {
    return `import axios from "axios";

export const ${n}Api = axios.create({ baseURL: process.env.API_URL, timeout: 10_000 });

export async function list${cap(n)}s(page = 1) {
  const { data } = await ${n}Api.get("/${n}s", { params: { page } });
  return data as Array<{ id: string; title: string }>;
}

export async function get${cap(n)}(id: string) {
  const { data } = await ${n}Api.get(\`/${n}s/\${id}\`);
  return data;
}
`;
  },
  util(r, n) {
    const k = Math.floor(r() * 20) + 5;
    const fns = Array.from({ length: k }, (_, i) => `export function ${n}Helper${i}(value: number, factor = ${i + 1}): number {
  if (!Number.isFinite(value)) return 0;
  const scaled = value * factor;
  return Math.round(scaled * 100) / 100;
}
`).join("\n");
    return `// Formatting and arithmetic helpers for ${n}s.\nexport const ${n.toUpperCase()}_COLOURS = { primary: "#1d4ed8", muted: "#6b7280", danger: "#dc2626" } as const;\n\n${fns}`;
  },
};

// The repository's test-workspace: real shapes (checkout page, Express server, route files, auth and
// payment helpers), renamed per copy so that no two files are the same text.
const TEST_WORKSPACE = path.resolve(import.meta.dirname, "../../test-workspace");
let testWorkspaceFiles;
let lastExt = "ts";
function testWorkspaceSources() {
  if (testWorkspaceFiles) return testWorkspaceFiles;
  testWorkspaceFiles = [];
  const walk = (dir, rel) => {
    if (!fs.existsSync(dir)) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(path.join(dir, e.name), r);
      else if (/\.(tsx?|jsx?)$/.test(e.name) && !e.name.includes(".generated.")) testWorkspaceFiles.push({ rel: r, text: fs.readFileSync(path.join(dir, e.name), "utf8") });
    }
  };
  walk(TEST_WORKSPACE, "");
  return testWorkspaceFiles;
}

Object.assign(templates, {
  fromTestWorkspace(r, n) {
    const all = testWorkspaceSources();
    if (all.length === 0) return templates.util(r, n);
    const f = all[Math.floor(r() * all.length)];
    lastExt = path.extname(f.rel).slice(1);
    return f.text.replace(/\border/g, n).replace(/\bOrder/g, cap(n));
  },
  serverActions(r, n) {
    const k = 2 + Math.floor(r() * 4);
    const actions = Array.from({ length: k }, (_, i) => {
      const checked = r() < 0.7;
      return `export async function update${cap(n)}${i}(formData: FormData) {
  const session = await auth();
  if (!session) throw new Error("Not signed in");
  ${checked ? `const parsed = Update${cap(n)}.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { error: "Invalid input" };
  await prisma.${n}.update({ where: { id: parsed.data.id }, data: { title: parsed.data.title } });` : `const id = formData.get("id") as string;
  await prisma.${n}.update({ where: { id }, data: { title: String(formData.get("title")) } });`}
  revalidatePath("/${n}s");
  return { ok: true };
}
`;
    }).join("\n");
    return `"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { auth } from "@/lib/auth";
import { prisma } from "@/lib/prisma";

const Update${cap(n)} = z.object({ id: z.string().cuid(), title: z.string().min(1).max(120) });

${actions}`;
  },
  dashboardPage(r, n) {
    // A long client page: several panels, each with state, an effect, a handler and a table.
    const panels = 3 + Math.floor(r() * 10);
    const body = Array.from({ length: panels }, (_, i) => `
function ${cap(n)}Panel${i}({ filter }: { filter: string }) {
  const [rows, setRows] = useState<Row[]>([]);
  const [busy, setBusy] = useState(false);
  const [sort, setSort] = useState<keyof Row>("createdAt");
  useEffect(() => {
    let live = true;
    fetch(\`/api/${n}s/panel${i}?filter=\${encodeURIComponent(filter)}\`)
      .then((res) => (res.ok ? res.json() : Promise.reject(new Error(String(res.status)))))
      .then((data: Row[]) => live && setRows(data))
      .catch((err) => console.error("panel ${i} failed", err));
    return () => {
      live = false;
    };
  }, [filter]);
  const sorted = useMemo(() => [...rows].sort((a, b) => String(a[sort]).localeCompare(String(b[sort]))), [rows, sort]);
  async function archive(id: string) {
    setBusy(true);
    try {
      const res = await fetch(\`/api/${n}s/\${id}/archive\`, { method: "POST" });
      if (!res.ok) throw new Error(\`Archive failed: \${res.status}\`);
      setRows((prev) => prev.filter((row) => row.id !== id));
    } catch (err) {
      console.error(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <section className="rounded-lg border p-4">
      <header className="mb-2 flex items-center justify-between">
        <h2 className="text-lg font-semibold">${cap(n)}s — view ${i}</h2>
        <select value={sort} onChange={(e) => setSort(e.target.value as keyof Row)}>
          <option value="createdAt">Newest</option>
          <option value="title">Title</option>
        </select>
      </header>
      <table className="w-full text-sm">
        <tbody>
          {sorted.map((row) => (
            <tr key={row.id}>
              <td>{row.title}</td>
              <td>{new Date(row.createdAt).toLocaleDateString()}</td>
              <td>
                <button disabled={busy} onClick={() => archive(row.id)}>Archive</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
`).join("");
    return `"use client";
import { useEffect, useMemo, useState } from "react";

type Row = { id: string; title: string; createdAt: string };
${body}
export default function ${cap(n)}Dashboard() {
  const [filter, setFilter] = useState("");
  return (
    <main className="grid gap-4 p-6">
      <input placeholder="Filter" value={filter} onChange={(e) => setFilter(e.target.value)} />
${Array.from({ length: panels }, (_, i) => `      <${cap(n)}Panel${i} filter={filter} />`).join("\n")}
    </main>
  );
}
`;
  },
  types(r, n) {
    const k = 4 + Math.floor(r() * 12);
    return Array.from({ length: k }, (_, i) => `/** A ${n} as the API returns it (revision ${i}). */
export interface ${cap(n)}V${i} {
  id: string;
  title: string;
  status: "draft" | "active" | "archived";
  owner: { id: string; name: string; email?: string };
  tags: readonly string[];
  createdAt: string;
  updatedAt?: string;
  metadata: Record<string, string | number | boolean | null>;
}

export type ${cap(n)}V${i}Patch = Partial<Omit<${cap(n)}V${i}, "id" | "createdAt">>;
`).join("\n");
  },
});

// How often each kind appears: components and helpers dominate real apps, routes are fewer.
const WEIGHTS = { expressRoute: 3, nextRoute: 4, formComponent: 6, listComponent: 6, hook: 4, apiClient: 3, util: 6, fromTestWorkspace: 6, serverActions: 3, dashboardPage: 3, types: 4 };

/** One client component file of at least `lines` lines (whole components), for the keystroke benchmark. */
export function largeTsx(lines = 3000, seed = 1) {
  const r = mulberry32(seed);
  let text = templates.dashboardPage(() => 0.99, "order");
  while (text.split("\n").length < lines) {
    const noun = NOUNS[Math.floor(r() * NOUNS.length)] + String(text.length);
    text += templates.dashboardPage(r, noun).replace(/^"use client";\nimport[^\n]*\n\ntype Row[^\n]*\n/, "").replace(/export default function/, "export function");
  }
  return text;
}

export function generateWorkspace(out, files = 5000, seed = 1) {
  const r = mulberry32(seed);
  const kinds = Object.entries(WEIGHTS).flatMap(([k, w]) => Array(w).fill(k));
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, "package.json"), JSON.stringify({ name: "bench-app", private: true, dependencies: { next: "15.0.0", react: "19.0.0", express: "4.19.0", zod: "3.23.0", axios: "1.7.0" } }, null, 2));
  let bytes = 0;
  for (let i = 0; i < files; i++) {
    const kind = kinds[Math.floor(r() * kinds.length)];
    const noun = NOUNS[Math.floor(r() * NOUNS.length)];
    const text = templates[kind](r, noun);
    const ext = ["formComponent", "listComponent", "dashboardPage"].includes(kind) ? "tsx" : kind === "fromTestWorkspace" ? lastExt : "ts";
    const dir = path.join(out, `packages/pkg${i % 40}`, kind === "nextRoute" ? `app/api/${noun}${i}` : `src/${kind}`);
    fs.mkdirSync(dir, { recursive: true });
    const name = kind === "nextRoute" ? "route.ts" : `${noun}${i}.${ext}`;
    fs.writeFileSync(path.join(dir, name), text);
    bytes += text.length;
  }
  return { files, bytes };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [out, n = "5000", seed = "1"] = process.argv.slice(2);
  if (!out) {
    console.error("usage: node scripts/bench/generate.mjs OUT_DIR [FILES] [SEED]");
    process.exit(2);
  }
  const { files, bytes } = generateWorkspace(path.resolve(out), Number(n), Number(seed));
  console.log(`generated ${files} files, ${(bytes / 1e6).toFixed(1)} MB in ${out}`);
}
