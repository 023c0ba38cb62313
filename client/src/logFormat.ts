/** The `shipshape.logLevel` setting and the line format of the "Shipshape" output channel. */

export const LOG_LEVELS = ["off", "error", "warning", "info", "debug"] as const;
export type LogSetting = (typeof LOG_LEVELS)[number];
export type MessageLevel = "trace" | "debug" | "info" | "warning" | "error";

const RANK: Record<MessageLevel | "off", number> = { trace: 0, debug: 1, info: 2, warning: 3, error: 4, off: 5 };

export function parseLogSetting(value: unknown): LogSetting {
  return (LOG_LEVELS as readonly unknown[]).includes(value) ? (value as LogSetting) : "info";
}

/** A message shows when it is at least as severe as the configured level. */
export function shouldLog(level: MessageLevel, setting: LogSetting): boolean {
  return RANK[level] >= RANK[setting];
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** `2026-11-25 20:15:01.123 [info] message` — the format the output panel's `log` language colours. */
export function formatLine(level: MessageLevel, message: string, at: Date = new Date()): string {
  const stamp = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())} ${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}.${pad(at.getMilliseconds(), 3)}`;
  return `${stamp} [${level}] ${message}`;
}

/** Errors keep their stack; other values are printed the way console.log would. */
export function formatArgs(message: string | Error, args: unknown[]): string {
  const head = message instanceof Error ? (message.stack ?? `${message.name}: ${message.message}`) : message;
  const tail = args.map((a) => (a instanceof Error ? (a.stack ?? a.message) : typeof a === "string" ? a : safeJson(a)));
  return [head, ...tail].join(" ");
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
