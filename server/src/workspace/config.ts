import * as fs from "node:fs";
import * as path from "node:path";
import { DEFAULT_CONFIG, parseConfigText, ruleIds, type ConfigProblem, type ResolvedConfig } from "../../../rules/src/index.js";

export const CONFIG_FILE = "shipshape.json";

export interface LoadedConfig {
  config: ResolvedConfig;
  /** Absolute path of the file read, when there was one. */
  file?: string;
  problems: ConfigProblem[];
}

/** Read and validate `shipshape.json` at the workspace root; no file = defaults, no problems. */
export function loadWorkspaceConfig(root: string, knownRules: ReadonlySet<string> = ruleIds): LoadedConfig {
  const file = path.join(root, CONFIG_FILE);
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return { config: DEFAULT_CONFIG, problems: [] };
    return { config: DEFAULT_CONFIG, file, problems: [{ file, line: 1, column: 1, message: `cannot read the file (${code ?? String(e)})` }] };
  }
  const { config, problems } = parseConfigText(text, file, knownRules);
  return { config, file, problems };
}
