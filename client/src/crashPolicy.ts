/**
 * How often a crashing server is restarted: at most `maxRestarts` within `windowMs`, then the
 * client gives up and asks the user (a server that dies on every start would otherwise spin).
 */
export class RestartBudget {
  private crashes: number[] = [];

  constructor(
    readonly maxRestarts = 4,
    readonly windowMs = 3 * 60 * 1000,
  ) {}

  /** Records a crash at `now`; true when the server may be restarted once more. */
  crashed(now: number = Date.now()): boolean {
    this.crashes = this.crashes.filter((t) => now - t < this.windowMs);
    this.crashes.push(now);
    return this.crashes.length <= this.maxRestarts;
  }

  /** Crashes counted in the current window (for the log line). */
  get recent(): number {
    return this.crashes.length;
  }

  /** After a manual restart the user gets a full budget again. */
  reset(): void {
    this.crashes = [];
  }
}
