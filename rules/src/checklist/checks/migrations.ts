import type { Check, WorkspaceFacts } from "../types.js";
import { DATABASE_PACKAGES, DOCUMENT_DB_PACKAGES, hasDependency } from "../detect.js";

/** Migration systems: evidence in folders first (committed migrations), then tooling. */
function migrationSystem(facts: WorkspaceFacts): string | undefined {
  const folders: Array<[string, string]> = [
    ["prisma/migrations", "Prisma Migrate"],
    ["drizzle", "drizzle-kit"],
    ["migrations", "migrations folder"],
    ["db/migrations", "migrations folder"],
    ["src/migrations", "migrations folder"],
    ["src/db/migrations", "migrations folder"],
    ["database/migrations", "migrations folder"],
    ["supabase/migrations", "Supabase migrations"],
  ];
  for (const [dir, name] of folders) if (facts.listDir(dir).length > 0) return `${name} (${dir}/)`;
  const byPath = facts.sourceFiles.find((f) => /(^|\/)migrations?\//.test(f));
  if (byPath) return `migration files (${byPath.slice(0, byPath.lastIndexOf("/"))}/)`;
  const tool = hasDependency(facts, ["node-pg-migrate", "db-migrate", "umzug", "sequelize-cli", "@mikro-orm/migrations", "kysely-ctl", "graphile-migrate", "dbmate", "postgrator"]);
  if (tool) return tool;
  const script = Object.entries(facts.scripts).find(([, cmd]) => /\b(prisma migrate|drizzle-kit (generate|migrate)|knex migrate|typeorm migration|sequelize db:migrate|node-pg-migrate)\b/.test(cmd));
  if (script) return `script "${script[0]}"`;
  return undefined;
}

export const migrationsChecks: Check[] = [
  (facts) => {
    const db = hasDependency(facts, DATABASE_PACKAGES);
    if (!db) {
      const doc = hasDependency(facts, DOCUMENT_DB_PACKAGES);
      if (!doc) return undefined;
      return {
        id: "migrations.system",
        title: "Schema changes go through migrations",
        status: "manual",
        evidence: `${doc}: document databases change shape in code; confirm index and data migrations are scripted and versioned`,
      };
    }
    const system = migrationSystem(facts);
    return {
      id: "migrations.system",
      title: "A migration system is in place",
      status: system ? "pass" : "fail",
      evidence: system ? `found ${system}` : `${db} is a dependency but no migrations were found: adopt migrations (prisma migrate, drizzle-kit, knex, node-pg-migrate …) and commit them`,
    };
  },
];
