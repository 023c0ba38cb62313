// The workspace layer shared by the CLI and the language server: which files, with which
// configuration, analysed how.
export { listWorkspaceFiles, compare, normalizeRel, type WorkspaceFile, type WalkNote, type WalkOptions } from "./files.js";
export { parseGitignore, isGitIgnored, type IgnoreFile } from "./gitignore.js";
export { WorkspaceFiles } from "./view.js";
export { loadWorkspaceConfig, CONFIG_FILE, type LoadedConfig } from "./config.js";
export { scanWorkspace, type ScanOptions, type ScanResult, type ScannedFile } from "./scan.js";
export { AnalysisCache, cacheKey, cacheFileFor, hashText, type CachedResult } from "./cache.js";
export { workspaceFacts, gitTrackedFiles, type FactsFile, type FactsOptions } from "./facts.js";
export { checklistOfScan, checklistJson, renderChecklist, type ChecklistInput, type ReportFormat } from "./checklist.js";
