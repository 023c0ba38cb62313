/**
 * What dist/cli.js (boot.ts) tells the bundle it starts: the file a scan worker must start from
 * (the loader, so workers take the code cache too), how to ask for the code cache to be kept, and
 * how to turn V8's optimising compiler on and off (it starts off; see boot.ts).
 * Absent when the bundle runs on its own (tests bundle main.ts directly) or from out/.
 */
export interface Boot {
  entry: string;
  keepCodeCache(): void;
  /** TurboFan on or off for the whole process; only the main thread's calls count. */
  optimize(on: boolean): void;
}

export const BOOT_KEY = Symbol.for("shipshape.cli.boot");

export function bootHook(): Boot | undefined {
  return (globalThis as Record<symbol, Boot | undefined>)[BOOT_KEY];
}
