import {
  DEFAULT_CONFIG,
  mergeConfig,
  parseConfigText,
  resolveRawConfig,
  ruleIds,
  type ConfigProblem,
  type ResolvedConfig,
} from "../../rules/src/index.js";
import { isLogLevel, type LogLevel } from "./logger.js";

/** The `shipshape.*` editor settings the server reads (`shipshape.trace.server` belongs to the client). */
export interface Settings {
  enable: boolean;
  /** Raw rule id → severity map, validated like shipshape.json's `rules`. */
  rules: Record<string, unknown>;
  ignore: unknown;
  debounceMs: number;
  logLevel: LogLevel;
  /** Report problems of open files only, or of every file the workspace scan finds. */
  scope: "openFiles" | "workspace";
}

export const DEFAULT_SETTINGS: Settings = { enable: true, rules: {}, ignore: [], debounceMs: 200, logLevel: "info", scope: "workspace" };

export const CONFIG_FILE = "shipshape.json";

/** Read a `shipshape` settings section leniently: a wrong type falls back to the default for that key only. */
export function readSettings(raw: unknown, base: Settings = DEFAULT_SETTINGS): Settings {
  const s = (raw && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
  const debounce = Number(s.debounceMs);
  return {
    enable: typeof s.enable === "boolean" ? s.enable : base.enable,
    rules: s.rules && typeof s.rules === "object" && !Array.isArray(s.rules) ? (s.rules as Record<string, unknown>) : base.rules,
    ignore: Array.isArray(s.ignore) ? s.ignore : base.ignore,
    debounceMs: s.debounceMs !== undefined && s.debounceMs !== null && Number.isFinite(debounce) && debounce >= 0 ? Math.min(debounce, 10_000) : base.debounceMs,
    logLevel: isLogLevel(s.logLevel) ? s.logLevel : base.logLevel,
    scope: s.scope === "openFiles" || s.scope === "workspace" ? s.scope : base.scope,
  };
}

/** The engine config the editor settings ask for, and what is wrong with them (no positions: settings are not a file). */
export function settingsConfig(settings: Settings): { config: ResolvedConfig; problems: string[] } {
  const result = resolveRawConfig({ rules: settings.rules, ignore: settings.ignore }, "settings", ruleIds);
  return { config: result.config, problems: result.problems.map((p) => p.message) };
}

export interface FileConfig {
  config: ResolvedConfig;
  problems: ConfigProblem[];
}

/** `shipshape.json` from its text (undefined: the file does not exist). Invalid parts fall back to defaults. */
export function fileConfig(text: string | undefined, fileName: string): FileConfig {
  if (text === undefined || text.trim() === "") return { config: DEFAULT_CONFIG, problems: [] };
  return parseConfigText(text, fileName, ruleIds);
}

/** The file, shared and committed, wins over one person's editor settings. */
export function effectiveConfig(settings: Settings, file: FileConfig): ResolvedConfig {
  return mergeConfig(settingsConfig(settings).config, file.config);
}

/** One line per problem, naming the file, the line and what is wrong. */
export function problemText(p: ConfigProblem, displayName: string): string {
  return `${displayName}:${p.line}:${p.column}: ${p.message}`;
}
