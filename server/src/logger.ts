/**
 * Leveled logging to the client's output channel. Log paths, rule ids and timings only: never a
 * file's contents or a secret's value.
 */
export type LogLevel = "error" | "warn" | "info" | "debug";

export const LOG_LEVELS: readonly LogLevel[] = ["error", "warn", "info", "debug"];

/** Where lines go: `connection.console` in the server, an array in tests. */
export interface LogSink {
  error(message: string): void;
  warn(message: string): void;
  info(message: string): void;
  log(message: string): void;
}

export class Logger {
  private rank: number;

  constructor(private readonly sink: LogSink, level: LogLevel = "info") {
    this.rank = LOG_LEVELS.indexOf(level);
  }

  setLevel(level: LogLevel): void {
    this.rank = LOG_LEVELS.indexOf(level);
  }

  get level(): LogLevel {
    return LOG_LEVELS[this.rank];
  }

  enabled(level: LogLevel): boolean {
    return LOG_LEVELS.indexOf(level) <= this.rank;
  }

  error(message: string): void {
    if (this.enabled("error")) this.sink.error(message);
  }

  warn(message: string): void {
    if (this.enabled("warn")) this.sink.warn(message);
  }

  info(message: string): void {
    if (this.enabled("info")) this.sink.info(message);
  }

  /** `console.log` rather than the 3.18 `debug` method: older clients drop unknown log types. */
  debug(message: string): void {
    if (this.enabled("debug")) this.sink.log(message);
  }
}

export function isLogLevel(value: unknown): value is LogLevel {
  return typeof value === "string" && (LOG_LEVELS as readonly string[]).includes(value);
}
