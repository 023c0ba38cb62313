/**
 * Compiled server modules import the engine as `../../rules/src/index.js`: right for tsc and
 * esbuild, which read sources, but under server/out/src that path lands in server/rules/src.
 * Point it at the compiled engine (rules/out/src) for the tests. Import this module first.
 */
import Module from "node:module";
import path from "node:path";

const repo = path.resolve(__dirname, "../../..");
const wrongRoot = path.join(repo, "server", "rules", "src") + path.sep;
const compiled = path.join(repo, "rules", "out", "src") + path.sep;

type Resolve = (request: string, parent: { filename?: string } | undefined, ...rest: unknown[]) => string;
const loader = Module as unknown as { _resolveFilename: Resolve };
const original = loader._resolveFilename;
loader._resolveFilename = function (request, parent, ...rest) {
  if (request.startsWith(".") && parent?.filename) {
    const target = path.resolve(path.dirname(parent.filename), request);
    if (target.startsWith(wrongRoot)) return original.call(this, compiled + target.slice(wrongRoot.length), parent, ...rest);
  }
  return original.call(this, request, parent, ...rest);
};
