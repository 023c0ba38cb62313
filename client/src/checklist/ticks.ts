/** The part of vscode.Memento the ticks need (the workspace state: per workspace, not synced, not in the repo). */
export interface StateStore {
  get<T>(key: string, defaultValue: T): T;
  update(key: string, value: unknown): Thenable<void>;
}

const KEY = "shipshape.checklist.manualTicks";

/** "Confirm by hand" items the user ticked, by item id (`monitoring.backups`). */
export class Ticks {
  constructor(private readonly state: StateStore) {}

  all(): string[] {
    const v = this.state.get<unknown>(KEY, []);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  }

  has(id: string): boolean {
    return this.all().includes(id);
  }

  async set(id: string, ticked: boolean): Promise<void> {
    const current = new Set(this.all());
    if (ticked === current.has(id)) return;
    if (ticked) current.add(id);
    else current.delete(id);
    await this.state.update(KEY, [...current].sort());
  }

  async reset(): Promise<void> {
    await this.state.update(KEY, undefined);
  }
}
