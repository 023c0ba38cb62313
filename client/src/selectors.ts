/**
 * Which documents the language server sees, and which files it is told about when they change.
 * Plain data (no vscode import) so the manifest test can compare it with the activation events.
 */

/** Languages the rules analyse as source; also the `onLanguage:` activation events. */
export const SOURCE_LANGUAGES = ["typescript", "typescriptreact", "javascript", "javascriptreact"] as const;

/**
 * Non-source files the server reads as text: `.env*` and package.json feed the text rules,
 * shipshape.json gets its configuration problems reported in place.
 */
export const TEXT_FILE_PATTERNS = ["**/.env*", "**/package.json", "**/shipshape.json"] as const;

/** Files whose change (also on disk, e.g. a git checkout) alters results in other files. */
export const WATCHED_FILES = ["**/shipshape.json", "**/package.json", "**/.env*", "**/.gitignore"] as const;

export interface FilterLike {
  scheme: string;
  language?: string;
  pattern?: string;
}

/** Only `file:` documents: the server reads the workspace from disk (see docs/untrusted-workspaces.md). */
export function documentSelector(): FilterLike[] {
  return [
    ...SOURCE_LANGUAGES.map((language) => ({ scheme: "file", language })),
    ...TEXT_FILE_PATTERNS.map((pattern) => ({ scheme: "file", pattern })),
  ];
}
