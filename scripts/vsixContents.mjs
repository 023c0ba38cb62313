// What a Shipshape .vsix may contain, and a reader for its file list (a .vsix is a zip).
// Used by scripts/package.mjs and by client/test/package.test.ts.
import fs from "node:fs";

/** vsce's own files, outside `extension/`. */
const VSCE_FILES = new Set(["extension.vsixmanifest", "[Content_Types].xml"]);

/**
 * Paths under `extension/`, mirroring .vscodeignore's re-includes. vsce stores README.md and
 * CHANGELOG.md in lower case and LICENSE as LICENSE.txt.
 */
const ALLOWED = [
  /^dist\/(client|server|cli|cli-bundle)\.js$/,
  /^package\.json$/,
  /^readme\.md$/i,
  /^changelog\.md$/i,
  /^LICENSE(\.txt)?$/,
  /^media\//,
  /^schemas\//,
  /^rules\/docs\//,
  /^bin\//,
];

/** The entries that must not ship, each with the reason. */
export function forbiddenEntries(names) {
  const problems = [];
  for (const name of names) {
    if (VSCE_FILES.has(name)) continue;
    if (/(^|\/)node_modules\//.test(name)) problems.push(`${name}: from node_modules`);
    else if (name.endsWith(".map")) problems.push(`${name}: a source map`);
    else if (!name.startsWith("extension/")) problems.push(`${name}: outside extension/`);
    else if (!ALLOWED.some((re) => re.test(name.slice("extension/".length)))) problems.push(`${name}: not in the .vscodeignore allowlist`);
  }
  return problems;
}

/** Files the extension cannot work without. */
export const REQUIRED = ["extension/package.json", "extension/dist/client.js", "extension/dist/server.js", "extension/dist/cli.js", "extension/dist/cli-bundle.js"];

/** Names and sizes of a zip's entries, read from its central directory. */
export function listZip(file) {
  const buf = fs.readFileSync(file);
  // The end-of-central-directory record sits in the last 22 bytes plus an optional comment.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${file} is not a zip file`);
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const entries = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error(`${file}: corrupt central directory`);
    const compressed = buf.readUInt32LE(at + 20);
    const size = buf.readUInt32LE(at + 24);
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    entries.push({ name: buf.toString("utf8", at + 46, at + 46 + nameLength), size, compressed });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
