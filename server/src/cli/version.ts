import * as fs from "node:fs";
import * as path from "node:path";

export const INFORMATION_URI = "https://github.com/shipshape-dev/shipshape";

let cached: string | undefined;

/**
 * The version in Shipshape's own package.json, found by walking up from this module (dist/cli.js
 * in the package, out/server/src/cli/ in a checkout).
 */
export function toolVersion(): string {
  if (cached) return cached;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as { name?: string; version?: string };
      if (pkg.name === "shipshape" && typeof pkg.version === "string") return (cached = pkg.version);
    } catch {
      // No package.json here: keep walking up.
    }
    if (path.dirname(dir) === dir) return (cached = "0.0.0");
  }
}
