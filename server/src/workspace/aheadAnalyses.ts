import * as path from "node:path";
import type ts from "typescript";
import { MAX_FILE_BYTES, parseSource } from "../../../rules/src/index.js";
import { exceedsBytes } from "./boundedRead.js";

/**
 * Modules that a file's rules parsed before the modules' own turn in the scan (to see what they
 * export), analysed right after that file from the same tree instead of being parsed again at
 * their turn; their results wait for their turn, so the scan's output and order stay the same.
 *
 * The tree is kept only until the importing file is done: kept until the module's own turn, trees
 * outlived young collections and cost more than the parses they saved. Only for a scan whose
 * reader hands out each file's text once and records nothing (a findings cache notes each file's
 * reads in turn), and never when fixing.
 */
export class AheadAnalyses<R> {
  /** Source files of the scan whose turn has not come yet. */
  private readonly upcoming: Set<string>;
  private readonly trees = new Map<string, { text: string; tree: ts.SourceFile }>();
  private readonly results = new Map<string, R>();

  constructor(
    private readonly root: string,
    sources: Iterable<string>,
    /** The scan's own text of a file (the same string a rule read), if it has one. */
    private readonly knownText: (relPath: string) => string | undefined,
  ) {
    this.upcoming = new Set(sources);
  }

  /** A file's turn has come: it is analysed now, never ahead. Its result when it was analysed ahead. */
  turn(relPath: string): R | undefined {
    this.upcoming.delete(relPath);
    const result = this.results.get(relPath);
    if (result !== undefined) this.results.delete(relPath);
    return result;
  }

  /** A tree (parent pointers set) for a module's text, kept for its analysis when its turn is still to come. */
  parse(relPath: string, text: string): ts.SourceFile {
    const kept = this.trees.get(relPath);
    if (kept && kept.text === text) return kept.tree;
    // The text must be the one its turn would analyse, within the size the scan reads.
    if (!this.upcoming.has(relPath) || this.knownText(relPath) !== text || exceedsBytes(text, MAX_FILE_BYTES)) return parseSource(relPath, text);
    const tree = parseSource(path.join(this.root, relPath), text);
    this.upcoming.delete(relPath);
    this.trees.set(relPath, { text, tree });
    return tree;
  }

  /** Analyse the modules parsed ahead (and those their rules parse in turn), keeping the results for their turns. */
  drain(analyse: (relPath: string, text: string, tree: ts.SourceFile) => R): void {
    for (const [relPath, { text, tree }] of this.trees) {
      this.trees.delete(relPath);
      this.results.set(relPath, analyse(relPath, text, tree));
    }
  }
}
