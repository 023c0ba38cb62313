// Debian's Chromium driven by playwright-core: no browser download, a fresh profile per launch.
import fs from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";
import { onCleanup } from "./processes.mjs";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"];

export async function launch(profileDir, env) {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium (or set CHROMIUM_PATH)`);
  fs.rmSync(profileDir, { recursive: true, force: true });
  fs.mkdirSync(profileDir, { recursive: true });
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    env,
    viewport: { width: 1280, height: 800 },
    deviceScaleFactor: 1,
    timeout: 60_000,
  });
  onCleanup(() => context.close());
  return context;
}

export function workbenchUrl(base, folder, payload) {
  const q = new URLSearchParams({ folder });
  if (payload) q.set("payload", JSON.stringify(payload));
  return `${base}/?${q.toString()}`;
}

export function remoteUri(port, absPath) {
  return `vscode-remote://127.0.0.1:${port}${path.resolve(absPath)}`;
}
