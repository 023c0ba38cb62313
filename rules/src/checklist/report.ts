import type { Checklist, Status } from "./types.js";
import { STEPS } from "../catalogue.js";

const ICON: Record<Status, string> = { pass: "✅", warn: "⚠️", fail: "❌", manual: "☐", "n/a": "➖" };
const WORD: Record<Status, string> = { pass: "done", warn: "needs work", fail: "failing", manual: "confirm by hand", "n/a": "not applicable" };
const number = (id: string) => STEPS.find((s) => s.id === id)?.number ?? "";

/** Finding lists are capped per step so a report on a large workspace stays readable. */
const MAX_FINDINGS_PER_STEP = 25;

/** A Markdown report a user can paste into a pull request or hand to a reviewer. */
export function checklistMarkdown(c: Checklist, title = "Production readiness"): string {
  const out: string[] = [`# ${title}: ${c.score.passed}/${c.score.total}`, ""];
  out.push("| step | status | findings |", "|---|---|---:|");
  for (const s of c.steps) out.push(`| ${number(s.id)} ${s.title} | ${ICON[s.status]} ${WORD[s.status]} | ${s.findings.length} |`);
  for (const s of c.steps) {
    if (s.status === "n/a") continue;
    out.push("", `## ${number(s.id)} ${s.title} — ${ICON[s.status]} ${WORD[s.status]}`, "");
    for (const i of s.items) out.push(`- ${ICON[i.status]} **${i.title}** — ${i.evidence}`);
    if (s.findings.length) {
      if (s.items.length) out.push("");
      for (const f of s.findings.slice(0, MAX_FINDINGS_PER_STEP)) out.push(`- \`${f.file}:${f.line}\` **${f.rule}** — ${f.message}`);
      if (s.findings.length > MAX_FINDINGS_PER_STEP) out.push(`- … and ${s.findings.length - MAX_FINDINGS_PER_STEP} more`);
    }
    if (!s.items.length && !s.findings.length) out.push("- ✅ no findings");
  }
  return out.join("\n") + "\n";
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** A self-contained HTML page (no scripts, no external assets). */
export function checklistHtml(c: Checklist, title = "Production readiness"): string {
  const rows = c.steps.map((s) => `<tr class="${s.status.replace("/", "")}"><td>${esc(number(s.id))} ${esc(s.title)}</td><td>${ICON[s.status]} ${WORD[s.status]}</td><td>${s.findings.length}</td></tr>`).join("\n");
  const sections = c.steps
    .filter((s) => s.status !== "n/a")
    .map((s) => {
      const items = s.items.map((i) => `<li>${ICON[i.status]} <strong>${esc(i.title)}</strong> — ${esc(i.evidence)}</li>`);
      const findings = s.findings.slice(0, MAX_FINDINGS_PER_STEP).map((f) => `<li><code>${esc(f.file)}:${f.line}</code> <strong>${esc(f.rule)}</strong> — ${esc(f.message)}</li>`);
      if (s.findings.length > MAX_FINDINGS_PER_STEP) findings.push(`<li>… and ${s.findings.length - MAX_FINDINGS_PER_STEP} more</li>`);
      return `<section><h2>${esc(number(s.id))} ${esc(s.title)} — ${ICON[s.status]} ${WORD[s.status]}</h2><ul>${[...items, ...findings].join("")}</ul></section>`;
    })
    .join("\n");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>body{font:14px/1.5 system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left}code{background:#f4f4f4;padding:0 .2rem}</style>
</head><body>
<h1>${esc(title)}: ${c.score.passed}/${c.score.total}</h1>
<table><thead><tr><th>step</th><th>status</th><th>findings</th></tr></thead><tbody>
${rows}
</tbody></table>
${sections}
</body></html>
`;
}

/** The few lines `shipshape scan` prints after its findings. */
export function checklistSummary(c: Checklist): string {
  const lines = [`Readiness ${c.score.passed}/${c.score.total}`];
  for (const s of c.steps) {
    if (s.status === "n/a") continue;
    const n = s.findings.length;
    lines.push(`  ${ICON[s.status]} ${number(s.id).padEnd(2)} ${s.title}${n ? ` — ${n} finding${n === 1 ? "" : "s"}` : ""}`);
  }
  return lines.join("\n");
}
