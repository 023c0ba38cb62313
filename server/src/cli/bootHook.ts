/**
 * What dist/cli.js (boot.ts) tells the bundle it starts: the file a scan worker must start from
 * (the loader, so workers take the code cache too), and how to ask for the code cache to be kept.
 * Absent when the bundle runs on its own (tests bundle main.ts directly) or from out/.
 */
export interface Boot {
  entry: string;
  keepCodeCache(): void;
}

export const BOOT_KEY = Symbol.for("shipshape.cli.boot");

export function bootHook(): Boot | undefined {
  return (globalThis as Record<symbol, Boot | undefined>)[BOOT_KEY];
}
