import type { FileIndex } from "../engine/fileIndex.js";

const LOGGER_NAMES = ["logger", "log"];

/**
 * How this file should log an error: through the project's logger when the file imports one
 * (`import { logger } from "./lib/logger"`, pino, winston), else `console.error`.
 */
export function errorLogCall(index: FileIndex, message: string, errorExpr: string, quote: string): string {
  const q = (s: string) => `${quote}${s.replace(/\\/g, "\\\\").replace(new RegExp(quote, "g"), `\\${quote}`)}${quote}`;
  for (const name of LOGGER_NAMES) {
    const b = index.importOf(name);
    if (b && !b.typeOnly) return `${name}.error({ err: ${errorExpr} }, ${q(message)})`;
  }
  return `console.error(${q(message)}, ${errorExpr})`;
}
