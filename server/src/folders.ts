import path from "node:path";
import { DEFAULT_CONFIG, type ResolvedConfig } from "../../rules/src/index.js";
import { fileNameOf, relativeInside } from "./paths.js";
import { CONFIG_FILE, DEFAULT_SETTINGS, effectiveConfig, fileConfig, readSettings, type FileConfig, type Settings } from "./settings.js";

/** A workspace folder and the configuration in force there. */
export interface Folder {
  uri: string;
  root: string;
  name: string;
  settings: Settings;
  file: FileConfig;
  /** Settings merged under shipshape.json: what the engine gets. */
  config: ResolvedConfig;
  /** Keys of configuration problem sets already shown as a message, so each is shown once. */
  shown: Set<string>;
}

/** The workspace folders, each with its own settings and shipshape.json. */
export class Folders {
  private list: Folder[] = [];

  constructor(private readonly readFile: (root: string, rel: string) => string | undefined) {}

  set(folders: ReadonlyArray<{ uri: string; name?: string }>): void {
    const previous = new Map(this.list.map((f) => [f.uri, f]));
    this.list = folders.map((f) => {
      const root = fileNameOf(f.uri);
      return previous.get(f.uri) ?? {
        uri: f.uri,
        root,
        name: f.name ?? path.basename(root),
        settings: DEFAULT_SETTINGS,
        file: { config: DEFAULT_CONFIG, problems: [] },
        config: DEFAULT_CONFIG,
        shown: new Set(),
      };
    });
  }

  all(): readonly Folder[] {
    return this.list;
  }

  /** The innermost folder holding the file (nested folders in a multi-root workspace). */
  folderFor(fileName: string): Folder | undefined {
    let best: Folder | undefined;
    for (const f of this.list) {
      if (relativeInside(f.root, fileName) === undefined) continue;
      if (!best || f.root.length > best.root.length) best = f;
    }
    return best;
  }

  /** The folder whose shipshape.json this file is, if it is one. */
  configOwner(fileName: string): Folder | undefined {
    if (path.basename(fileName) !== CONFIG_FILE) return undefined;
    return this.list.find((f) => path.resolve(f.root, CONFIG_FILE) === path.resolve(fileName));
  }

  /** Re-read a folder's settings (raw `shipshape` section) and its shipshape.json (editor text first). */
  load(folder: Folder, rawSettings: unknown, base: Settings): void {
    folder.settings = readSettings(rawSettings, base);
    folder.file = fileConfig(this.readFile(folder.root, CONFIG_FILE), this.displayName(folder));
    folder.config = effectiveConfig(folder.settings, folder.file);
  }

  /** How messages name a folder's config file: with the folder name when there are several. */
  displayName(folder: Folder): string {
    return this.list.length > 1 ? `${folder.name}/${CONFIG_FILE}` : CONFIG_FILE;
  }
}
