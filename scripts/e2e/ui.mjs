// What a person sees, in code-server driven by headless Chromium: the squiggle and its hover,
// Ctrl+. and a quick fix, the Shipshape activity-bar view, and jumping to a finding.
// Targets come from the CLI's findings for the same workspace, so the test follows the rules
// that exist: with hardcoded-secret registered it shows "Move to .env"; before, it uses the
// error-level jwt.verify finding and empty-catch's "Log the error".
import fs from "node:fs";
import path from "node:path";
import { workbenchUrl } from "./browser.mjs";

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Poll until `probe` returns a truthy value; bounded. */
async function until(what, probe, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${last.message}` : ""}`);
    await sleep(200);
  }
}

/** Pick what to show from the CLI's JSON report of the workspace. */
export function pickTargets(report) {
  const all = report.files.flatMap((f) => f.findings.map((x) => ({ ...x, file: f.path })));
  const secret = all.find((x) => x.rule === "hardcoded-secret" && x.file.endsWith(".ts"));
  const squiggle = secret ?? all.find((x) => x.rule === "jwt-no-expiry" && x.severity === "error");
  const fix = secret
    ? { finding: secret, title: /\.env/ }
    : { finding: all.find((x) => x.rule === "empty-catch" && x.file.endsWith("mailer.ts")) ?? all.find((x) => x.rule === "empty-catch"), title: /^Log the error$/ };
  if (!squiggle || !fix.finding) throw new Error("test-workspace lacks the findings the UI test shows (an error-level finding and a fixable one)");
  return { squiggle, fix, hasSecretRule: Boolean(secret) };
}

export async function uiTest({ context, baseUrl, workspace, shots, log, targets }) {
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(20_000);
  const results = [];
  const shot = async (name) => {
    const file = path.join(shots, name);
    await page.screenshot({ path: file });
    log(`  screenshot ${file}`);
  };
  // The editor renders spaces as no-break spaces.
  const editorText = async () => (await page.locator(".editor-group-container.active .monaco-editor .view-lines").innerText()).replace(/\u00a0/g, " ");
  const statusPosition = async () => (await page.locator('[id="status.editor.selection"]').innerText()).replace(/\s+/g, " ");

  async function quickOpen(rel) {
    await page.locator(".monaco-workbench .part.editor").click({ position: { x: 400, y: 300 } }).catch(() => undefined);
    await page.keyboard.press("Control+P");
    const input = page.locator(".quick-input-widget input");
    await input.waitFor({ state: "visible" });
    await input.fill(rel);
    // The first row matches the whole relative path once the file search has answered.
    await until(`quick open to list ${rel}`, async () => {
      const row = page.locator(".quick-input-widget .monaco-list-row").first();
      const label = (await row.getAttribute("aria-label").catch(() => "")) ?? "";
      return label.includes(path.basename(rel)) && label.includes(path.dirname(rel).split("/").pop());
    });
    await page.keyboard.press("Enter");
    await until(`${rel} to be the active editor`, async () => (await page.locator(".tab.active").getAttribute("data-resource-name")) === path.basename(rel) || (await page.locator(".tab.active").innerText()).includes(path.basename(rel)));
    await page.locator(".editor-group-container.active .monaco-editor textarea").first().focus();
  }

  async function goTo(line, column) {
    await page.keyboard.press("Control+G");
    const input = page.locator(".quick-input-widget input");
    await input.waitFor({ state: "visible" });
    await input.fill(`:${line}:${column}`);
    await page.keyboard.press("Enter");
    await until(`the cursor at ${line}:${column}`, async () => (await statusPosition()).includes(`Ln ${line}, Col ${column}`));
  }

  const { squiggle, fix } = targets;
  const squiggleClass = squiggle.severity === "error" ? ".squiggly-error" : ".squiggly-warning";
  const steps = [
    {
      name: "the workbench opens the workspace",
      async fn() {
        await page.goto(workbenchUrl(baseUrl, workspace), { waitUntil: "domcontentloaded", timeout: 60_000 });
        await page.locator(".monaco-workbench").waitFor({ state: "visible", timeout: 60_000 });
        await until("the explorer to list the workspace", () => page.locator(".explorer-folders-view .monaco-list-row").count(), 60_000);
      },
    },
    {
      name: `a ${squiggle.rule} finding shows a squiggle whose hover reads its message`,
      async fn() {
        await quickOpen(squiggle.file);
        await page.locator(`.editor-group-container.active ${squiggleClass}`).first().waitFor({ state: "attached", timeout: 60_000 });
        await goTo(squiggle.line, squiggle.column);
        // The hover also asks TypeScript for quick fixes: once its project has loaded, the hover is complete at once.
        await until("TypeScript to finish loading the project", async () => !/Initializing|Analyzing|Loading/.test(await page.locator(".part.statusbar").innerText()), 60_000).catch(() => undefined);
        const expected = squiggle.message.slice(0, 40);
        const hover = page.locator(".monaco-hover:not(.hidden)");
        // A person's mouse first; the keyboard hover (Ctrl+K Ctrl+I) if the squiggle sits under another widget.
        let text = "";
        for (const box of await Promise.all((await page.locator(`.editor-group-container.active ${squiggleClass}`).all()).map((l) => l.boundingBox()))) {
          if (!box) continue;
          await page.mouse.move(box.x + Math.min(box.width / 2, 40), box.y + box.height / 2);
          text = await until("a hover", async () => (await hover.count()) > 0 && (await hover.first().innerText()), 5_000).catch(() => "");
          if (text.includes(expected)) break;
          await page.mouse.move(5, 5);
          await sleep(300);
        }
        if (!text.includes(expected)) {
          await page.keyboard.press("Control+K");
          await page.keyboard.press("Control+I");
          text = await until("the keyboard hover", async () => (await hover.count()) > 0 && (await hover.first().innerText()));
        }
        if (!text.includes(expected)) throw new Error(`the hover reads "${text.slice(0, 200)}", not the finding's message "${expected}…"`);
        log(`  hover: ${text.split("\n")[0].slice(0, 120)}`);
        // The hover fills in its quick-fix line a moment later: let it settle for the picture (bounded).
        await until("the hover to finish loading", async () => !/Loading|Checking for quick fixes/.test(await hover.first().innerText()), 10_000).catch(() => undefined);
        await hover.first().waitFor({ state: "visible" });
        await shot("editor-squiggles.png");
        await page.keyboard.press("Escape");
        await page.mouse.move(5, 5);
      },
    },
    {
      name: `Ctrl+. offers and applies "${fix.title.source}" (${fix.finding.rule})`,
      async fn() {
        const f = fix.finding;
        await quickOpen(f.file);
        await goTo(f.line, f.column);
        const menu = page.locator(".action-widget");
        const item = menu.locator(".monaco-list-row").filter({ hasText: fix.title });
        // The menu can come up before the language servers answer: close and ask again.
        await until(`the quick fix menu to offer ${fix.title}`, async () => {
          await page.keyboard.press("Control+.");
          const ok = await item.first().waitFor({ state: "visible", timeout: 4_000 }).then(() => true, () => false);
          if (!ok) await page.keyboard.press("Escape");
          return ok;
        }, 60_000);
        await shot("quick-fix-menu.png");
        const before = await editorText();
        await item.first().click();
        await until("the fix to change the editor", async () => (await editorText()) !== before);
        if (targets.hasSecretRule) {
          await until(".env to be created", () => findEnv(workspace));
          await until("the code to read process.env", async () => (await editorText()).includes("process.env"));
          log(`  created ${path.relative(workspace, findEnv(workspace))}`);
        } else {
          await until("the logged error", async () => (await editorText()).includes("Unexpected error"));
        }
      },
    },
    {
      name: "the Shipshape view shows the readiness checklist",
      async fn() {
        const item = page.locator('.part.activitybar [aria-label^="Shipshape"]').first();
        await item.click();
        const pane = page.locator(".pane").filter({ has: page.locator(".pane-header", { hasText: /Readiness/i }) }).first();
        await pane.waitFor({ state: "visible" });
        const rows = pane.locator(".monaco-list-row");
        const welcome = pane.locator(".welcome-view-content");
        await until("checklist steps or the view's welcome text", async () => (await rows.count()) > 0 || (await welcome.count()) > 0);
        await sleep(500);
        const n = await rows.count();
        if (n > 0) {
          const labels = await rows.allInnerTexts();
          log(`  checklist: ${labels.map((l) => l.replace(/\s+/g, " ").trim()).join(" | ").slice(0, 400)}`);
          if (n < 3) throw new Error(`the checklist shows ${n} rows`);
        } else {
          log("  checklist: no tree yet, the view shows its welcome text");
        }
        await shot("checklist-panel.png");
      },
    },
    {
      name: "clicking a finding lands on its line",
      async fn() {
        const pane = page.locator(".pane").filter({ has: page.locator(".pane-header", { hasText: /Readiness/i }) }).first();
        const rows = pane.locator(".monaco-list-row");
        if ((await rows.count()) > 0) {
          // Open steps and groups until a leaf (a finding) shows, then click it.
          for (let i = 0; i < 6; i++) {
            const collapsed = pane.locator(".monaco-list-row:has(.monaco-tl-twistie.collapsible.collapsed)");
            if ((await collapsed.count()) === 0) break;
            await collapsed.first().click();
            await sleep(300);
          }
          // Findings read "file:line"; items (evidence) are leaves too but open nothing.
          const leaf = pane.locator(".monaco-list-row:not(:has(.monaco-tl-twistie.collapsible))").filter({ hasText: /\.[cm]?[jt]sx?:\d+/ });
          if ((await leaf.count()) > 0) {
            const text = (await leaf.first().innerText()).replace(/\s+/g, " ");
            const before = await statusPosition().catch(() => "");
            await leaf.first().click();
            await until(`the editor to move to "${text}"`, async () => (await statusPosition().catch(() => before)) !== before);
            log(`  checklist finding "${text}" → ${await statusPosition()}`);
            return;
          }
          log("  checklist has no finding rows; checking the Problems view instead");
        }
        // Until the checklist lists findings, the Problems view is where a person clicks one.
        await page.keyboard.press("Control+Shift+M");
        const marker = page.locator(".markers-panel .monaco-list-row").filter({ hasText: /\[Ln \d+, Col \d+\]/ });
        await until("findings in the Problems view", () => marker.count());
        const row = marker.filter({ hasText: /shipshape/ }).first();
        const text = (await row.innerText()).replace(/\s+/g, " ");
        const [, line, col] = /\[Ln (\d+), Col (\d+)\]/.exec(text);
        await row.click();
        // The editor selects the finding's range: the cursor ends on its line (at its start or end).
        await until(`the cursor on Ln ${line}`, async () => (await statusPosition()).includes(`Ln ${line}, Col`));
        log(`  Problems: "${text.slice(0, 100)}" → ${await statusPosition()}`);
      },
    },
  ];

  let broken = false;
  for (const step of steps) {
    const started = Date.now();
    if (broken) {
      results.push({ name: step.name, status: "failed", ms: 0, error: "not run: an earlier step failed" });
      log(`FAIL ${step.name} (not run)`);
      continue;
    }
    try {
      await step.fn();
      results.push({ name: step.name, status: "passed", ms: Date.now() - started });
      log(`ok ${step.name} (${Date.now() - started} ms)`);
    } catch (error) {
      broken = true;
      const file = path.join(shots, `failure-${results.length + 1}.png`);
      await page.screenshot({ path: file }).catch(() => undefined);
      results.push({ name: step.name, status: "failed", ms: Date.now() - started, error: error.stack ?? String(error) });
      log(`FAIL ${step.name} (${Date.now() - started} ms)\n    ${String(error.stack ?? error).split("\n").join("\n    ")}\n    screenshot: ${file}`);
    }
  }
  return results;
}

/** A `.env` a fix created anywhere in the workspace (not `.env.example`). */
function findEnv(workspace) {
  for (const entry of fs.readdirSync(workspace, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && entry.name === ".env" && !entry.parentPath.includes("node_modules")) return path.join(entry.parentPath, entry.name);
  }
  return undefined;
}
