/**
 * What part of a project a file plays, from its workspace-relative path: tests and migrations are
 * not application code, and rules about runtime behaviour leave them alone.
 */
const TEST_DIR = /(^|\/)(__tests__|__mocks__|tests?|spec|e2e|cypress|playwright|fixtures)\//;
const TEST_FILE = /\.(test|spec|e2e|cy)\.[cm]?[jt]sx?$/;
const MIGRATION_DIR = /(^|\/)(migrations?|migrate|drizzle|seeds?|seeders)\//i;
const MIGRATION_FILE = /(^|[/._-])(migration|migrate|seed)[^/]*$/i;
const SCRIPTS_DIR = /(^|\/)scripts\//;

export function isTestFile(relPath: string): boolean {
  return TEST_DIR.test(relPath) || TEST_FILE.test(relPath);
}

/** Migration folders and files (prisma/migrations, drizzle, db/migrate, knex/umzug/TypeORM migrations, seeds). */
export function isMigrationPath(relPath: string): boolean {
  return MIGRATION_DIR.test(relPath) || MIGRATION_FILE.test(relPath);
}

/** One-off tooling run by hand (`scripts/`), not by the deployed app. */
export function isScriptPath(relPath: string): boolean {
  return SCRIPTS_DIR.test(relPath);
}
