/**
 * The validation queue: per document, debounce edits, run at most one validation at a time, and
 * publish a result only while it still describes the document's current version.
 */

/** Timers, injectable so tests drive time by hand. */
export interface Scheduler {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
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
};

export interface QueueOptions<R> {
  /** Debounce delay in ms, read at each schedule so a settings change applies at once. */
  delay(): number;
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
    slot.timer = this.scheduler.setTimeout(() => {
      slot.timer = undefined;
      void this.fire(key, slot);
    }, Math.max(0, delayMs));
  }

  /** Forget a document (closed): pending timers stop, a run in flight will not publish. */
  cancel(key: string): void {
    const slot = this.slots.get(key);
    if (!slot) return;
    if (slot.timer !== undefined) this.scheduler.clearTimeout(slot.timer);
    slot.timer = undefined;
    slot.again = false;
    slot.epoch++;
    if (!slot.running) this.slots.delete(key);
  }

  /** Whether a validation is pending or running for this document. */
  busy(key: string): boolean {
    const slot = this.slots.get(key);
    return !!slot && (slot.running || slot.timer !== undefined || slot.again);
  }

  dispose(): void {
    for (const key of [...this.slots.keys()]) this.cancel(key);
  }

  private slot(key: string): Slot {
    let slot = this.slots.get(key);
    if (!slot) this.slots.set(key, (slot = { running: false, again: false, epoch: 0 }));
    return slot;
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
      if (slot.epoch === epoch && this.options.versionOf(key) === version) this.options.publish(key, version, result);
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
