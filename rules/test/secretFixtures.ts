import assert from "node:assert/strict";
import { FORMATS } from "../src/secrets/formats.js";
import { applyEdits } from "../src/engine/applyEdits.js";
import type { Finding } from "../src/engine/types.js";

/** A format's example value: format-valid, generated at load time (no real token sits in the tests). */
export function ex(id: string): string {
  const f = FORMATS.find((x) => x.id === id);
  assert.ok(f, `no format ${id}`);
  return f.example;
}

/** Deterministic pseudo-random text for generic secrets. */
export function rand(alphabet: string, n: number, seed = 7): string {
  let s = seed >>> 0 || 1;
  let out = "";
  for (let i = 0; i < n; i++) {
    s ^= s << 13; s ^= s >>> 17; s ^= s << 5;
    out += alphabet[(s >>> 0) % alphabet.length];
  }
  return out;
}
export const HEX = "0123456789abcdef";
export const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/**
 * Apply a finding's first fix across files: the analysed file's text plus workspace files
 * (missing files start empty, as an edit at 0 creates them). Returns every touched file's new text.
 */
export function applyWorkspaceFix(finding: Finding, code: string, files: Record<string, string>, fixIndex = 0): Record<string, string> {
  const fix = finding.fixes[fixIndex];
  assert.ok(fix, "expected a fix");
  const byFile = new Map<string, typeof fix.edits>();
  for (const e of fix.edits) {
    const key = e.file ?? "<self>";
    byFile.set(key, [...(byFile.get(key) ?? []), e]);
  }
  const out: Record<string, string> = {};
  for (const [file, edits] of byFile) {
    const before = file === "<self>" ? code : files[file] ?? "";
    if (file !== "<self>" && files[file] === undefined) assert.ok(edits.every((e) => e.start === 0 && e.end === 0), `${file}: edits to a missing file must create it`);
    const r = applyEdits(before, edits);
    assert.equal(r.skipped, 0, `${file}: overlapping edits`);
    out[file] = r.text;
  }
  return out;
}
