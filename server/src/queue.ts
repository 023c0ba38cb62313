/**
 * The validation queue: per document, debounce edits, run at most one validation at a time, and
 * publish a result only while it still describes the document's current version.
 *
 * A run starts before the debounce ends, by as long as runs of that document are expected to
 * take (at most half the debounce), and its result is held until the debounce ends: the
 * diagnostics appear when the pause the setting asks for is over rather than one analysis later.
 * An edit in that last stretch finds the run's result stale, as an edit during a run always did;
 * it is dropped and the debounce starts over.
 */

/** Timers and a clock, injectable so tests drive time by hand. */
export interface Scheduler {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** Milliseconds on a monotonic clock. */
  now(): number;
}

/** A zero delay as an immediate: `setTimeout(fn, 0)` waits at least a millisecond, on every keystroke with debounce 0. */
interface Immediate {
  immediate: ReturnType<typeof setImmediate>;
}

export const realScheduler: Scheduler = {
  setTimeout: (fn, ms) => (ms <= 0 ? ({ immediate: setImmediate(fn) } satisfies Immediate) : setTimeout(fn, ms)),
  clearTimeout: (handle) => {
    if (handle && typeof handle === "object" && "immediate" in handle) clearImmediate((handle as Immediate).immediate);
    else clearTimeout(handle as ReturnType<typeof setTimeout>);
  },
  now: () => performance.now(),
};

export interface QueueOptions<R> {
  /** Debounce delay in ms, read at each schedule so a settings change applies at once. */
  delay(): number;
  /** How long a run of this document is expected to take (0 when unknown): it starts that much before the debounce ends. */
  expectedRunMs?(key: string): number;
  /** The document's current version, or undefined once it is closed. */
  versionOf(key: string): number | undefined;
  /** Validate this version. May be async; never runs twice at once for the same key. */
  run(key: string, version: number): R | Promise<R>;
  /** Called only when `version` is still the current version and the document was not closed meanwhile. */
  publish(key: string, version: number, result: R): void;
  onError?(key: string, error: unknown): void;
  scheduler?: Scheduler;
}

interface Slot {
  timer?: unknown;
  /** When the debounce ends: a result ready before then waits for it. */
  due: number;
  /** A result waiting for `due`; dropped by the next edit. */
  held?: unknown;
  running: boolean;
  /** A timer fired while a run was in progress: run again when it ends. */
  again: boolean;
  /** Bumped on cancel (close), so a run that started before a close-and-reopen never publishes. */
  epoch: number;
}

export class ValidationQueue<R> {
  private readonly slots = new Map<string, Slot>();
  private readonly scheduler: Scheduler;

  constructor(private readonly options: QueueOptions<R>) {
    this.scheduler = options.scheduler ?? realScheduler;
  }

  /** (Re)start the debounce for a document; `delayMs` 0 validates on the next tick (open, config change). */
  schedule(key: string, delayMs = this.options.delay()): void {
    const slot = this.slot(key);
    if (slot.timer !== undefined) this.scheduler.clearTimeout(slot.timer);
    this.dropHeld(slot);
    const delay = Math.max(0, delayMs);
    slot.due = this.scheduler.now() + delay;
    // At most half the debounce: edits closer together than that never start a run, however slow runs are.
    const lead = Math.min(delay / 2, Math.max(0, this.options.expectedRunMs?.(key) ?? 0));
    slot.timer = this.scheduler.setTimeout(() => {
      slot.timer = undefined;
      void this.fire(key, slot);
    }, delay - lead);
  }

  /** Forget a document (closed): pending timers stop, a run in flight will not publish. */
  cancel(key: string): void {
    const slot = this.slots.get(key);
    if (!slot) return;
    if (slot.timer !== undefined) this.scheduler.clearTimeout(slot.timer);
    slot.timer = undefined;
    this.dropHeld(slot);
    slot.again = false;
    slot.epoch++;
    if (!slot.running) this.slots.delete(key);
  }

  /** Whether a validation is pending or running for this document. */
  busy(key: string): boolean {
    const slot = this.slots.get(key);
    return !!slot && (slot.running || slot.timer !== undefined || slot.again || slot.held !== undefined);
  }

  /** Whether no document has a validation pending, running or waiting to publish. */
  idle(): boolean {
    for (const key of this.slots.keys()) if (this.busy(key)) return false;
    return true;
  }

  dispose(): void {
    for (const key of [...this.slots.keys()]) this.cancel(key);
  }

  private slot(key: string): Slot {
    let slot = this.slots.get(key);
    if (!slot) this.slots.set(key, (slot = { due: 0, running: false, again: false, epoch: 0 }));
    return slot;
  }

  private dropHeld(slot: Slot): void {
    if (slot.held !== undefined) this.scheduler.clearTimeout(slot.held);
    slot.held = undefined;
  }

  private async fire(key: string, slot: Slot): Promise<void> {
    if (slot.running) {
      slot.again = true;
      return;
    }
    const version = this.options.versionOf(key);
    if (version === undefined) return;
    const epoch = slot.epoch;
    slot.running = true;
    try {
      const result = await this.options.run(key, version);
      const current = () => slot.epoch === epoch && this.options.versionOf(key) === version;
      const early = slot.due - this.scheduler.now();
      if (current() && early > 0 && !slot.again && slot.timer === undefined) {
        slot.held = this.scheduler.setTimeout(() => {
          slot.held = undefined;
          try {
            if (current()) this.options.publish(key, version, result);
          } catch (e) {
            this.options.onError?.(key, e);
          }
        }, early);
      } else if (current()) this.options.publish(key, version, result);
    } catch (e) {
      this.options.onError?.(key, e);
    } finally {
      slot.running = false;
      if (slot.again) {
        slot.again = false;
        void this.fire(key, slot);
      } else if (slot.timer === undefined && this.slots.get(key) === slot && slot.epoch !== epoch) {
        this.slots.delete(key);
      }
    }
  }
}
