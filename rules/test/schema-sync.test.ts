import { test } from "node:test";
import assert from "node:assert/strict";
import rule from "../src/rules/schema-sync.js";
import { ruleTester } from "./ruleTester.js";
import { analyzeTextFile } from "../src/engine/linter.js";
import { applyFixes } from "../src/engine/applyEdits.js";

const TYPEORM = 'import { DataSource } from "typeorm";\n';

ruleTester(rule, {
  valid: [
    { name: "synchronize off in production", code: TYPEORM + 'export const db = new DataSource({ type: "postgres", url, entities, synchronize: process.env.NODE_ENV !== "production" });' },
    { name: "synchronize from a dev flag", code: TYPEORM + 'const isDev = process.env.NODE_ENV === "development";\nnew DataSource({ type: "postgres", synchronize: isDev, entities });' },
    { name: "synchronize from its own env switch", code: TYPEORM + 'new DataSource({ type: "postgres", synchronize: process.env.DB_SYNC === "true" });' },
    { code: TYPEORM + 'new DataSource({ type: "postgres", synchronize: false, migrationsRun: true, migrations: ["dist/migrations/*.js"] });' },
    { name: "per-environment config objects", code: 'module.exports = {\n  development: { type: "postgres", host: "localhost", synchronize: true },\n  production: { type: "postgres", url: process.env.DATABASE_URL, synchronize: false },\n};' },
    { name: "synchronize in something that is not an ORM config", code: "const calendar = { synchronize: true, reminders: 3 };" },
    { name: "sync() without force or alter", code: "await sequelize.sync();" },
    { name: "sync guarded to development", code: 'if (process.env.NODE_ENV !== "production") {\n  await sequelize.sync({ alter: true });\n}' },
    { name: "sync after an early return in production", code: 'async function init() {\n  if (process.env.NODE_ENV === "production") return;\n  await sequelize.sync({ force: true });\n}' },
    { name: "sync with a conditional flag", code: 'await sequelize.sync({ alter: process.env.NODE_ENV !== "production" });' },
    { name: "sync guarded by Sequelize's match option", code: "await sequelize.sync({ force: true, match: /_test$/ });" },
    { name: "another library's sync", code: "await store.sync({ force: false });" },
    // DDL
    { name: "queries that are not DDL", code: 'await pool.query("SELECT * FROM users WHERE id = $1", [id]);\nawait db.query("INSERT INTO created_tables (name) VALUES ($1)", [n]);' },
    { name: "temporary tables are scratch space", code: 'await client.query("CREATE TEMP TABLE import_rows (line text)");' },
    { name: "DDL in a comment", code: "// CREATE TABLE users (id serial)\n/* ALTER TABLE x ADD y */\nawait pool.query(q);" },
    { name: "DDL text that is never run", code: 'const help = "Run CREATE TABLE yourself";\nconsole.log(help);' },
    { name: "DDL in a migrations folder", code: 'await knex.raw("CREATE TABLE t (id int)");', filename: "/workspace/migrations/20240101_init.ts" },
    { name: "DDL in prisma/migrations", code: 'await db.execute("ALTER TABLE t ADD c int");', filename: "/workspace/prisma/migrations/seed-data.ts" },
    { name: "DDL in a db/migrate file", code: 'await db.query("DROP TABLE old");', filename: "/workspace/db/migrate/002.js" },
    { name: "a migration file elsewhere (exports up and down)", code: 'export async function up(knex) { await knex.raw("CREATE TABLE a (id int)"); }\nexport async function down(knex) { await knex.raw("DROP TABLE a"); }', filename: "/workspace/src/db/0001_a.ts" },
    { name: "a TypeORM migration class", code: 'import { MigrationInterface, QueryRunner } from "typeorm";\nexport class Init1700000000000 implements MigrationInterface {\n  async up(q: QueryRunner) { await q.query(`CREATE TABLE "user" (id int)`); }\n  async down(q: QueryRunner) { await q.query(`DROP TABLE "user"`); }\n}' },
    { name: "a test file", code: 'await pool.query("CREATE TABLE t (id int)");', filename: "/workspace/src/db.test.ts" },
    { name: "a one-off script", code: 'await pool.query("CREATE TABLE IF NOT EXISTS t (id int)");', filename: "/workspace/scripts/setup-db.ts" },
    { name: "a seed file", code: 'await sequelize.sync({ force: true });', filename: "/workspace/src/db/seed.ts" },
    { name: "a query file that is not a schema", code: 'const q = fs.readFileSync("queries/top-users.sql", "utf8");\nawait pool.query(q);' },
    { name: "a loop over statements that are not DDL", code: 'for (const s of ["SELECT 1", "SELECT 2"]) await pool.query(s);' },
    { name: "knex schema reads", code: 'const exists = await knex.schema.hasTable("users");' },
    { name: "Mongoose autoIndex off in production", code: 'import mongoose from "mongoose";\nawait mongoose.connect(uri, { autoIndex: process.env.NODE_ENV !== "production" });' },
    { name: "autoIndex in a non-Mongoose file", code: "const opts = { autoIndex: true };" },
    { name: "shell commands that apply migrations", code: 'import { execSync } from "node:child_process";\nexecSync("npx prisma migrate deploy");' },
  ],
  invalid: [
    {
      name: "TypeORM DataSource synchronize: true",
      code: TYPEORM + 'export const AppDataSource = new DataSource({\n  type: "postgres",\n  url: process.env.DATABASE_URL,\n  entities: [User],\n  synchronize: true,\n});',
      errors: [{ line: 6, column: 3, message: "synchronize: true lets TypeORM alter the production schema at startup, without a migration: use migrations (typeorm migration:generate / migration:run)." }],
      output: TYPEORM + 'export const AppDataSource = new DataSource({\n  type: "postgres",\n  url: process.env.DATABASE_URL,\n  entities: [User],\n  synchronize: process.env.NODE_ENV !== "production",\n});',
    },
    { name: "createConnection", code: 'import { createConnection } from "typeorm";\nawait createConnection({ type: "mysql", database: "app", synchronize: true });', errors: 1 },
    { name: "NestJS TypeOrmModule.forRoot", code: 'import { TypeOrmModule } from "@nestjs/typeorm";\nTypeOrmModule.forRoot({ type: "postgres", autoLoadEntities: true, synchronize: true });', errors: 1 },
    { name: "an ORM config object without imports", code: 'export default { type: "postgres", host: "db", entities: ["dist/**/*.entity.js"], synchronize: true };', errors: 1 },
    { name: "synchronize on only in production is still on in production", code: TYPEORM + 'new DataSource({ type: "postgres", synchronize: process.env.NODE_ENV === "production" });', errors: 1 },
    { name: "dropSchema", code: TYPEORM + 'new DataSource({ type: "postgres", dropSchema: true, synchronize: false });', errors: [{ message: "dropSchema: true" }] },
    { name: "synchronize() at runtime", code: TYPEORM + "await AppDataSource.synchronize();", errors: [{ message: "synchronize()" }] },
    { name: "sequelize.sync force", code: "await sequelize.sync({ force: true });", errors: [{ line: 1, column: 7, message: "sync({ force: true }) drops and recreates every table" }] },
    { name: "sequelize.sync alter", code: "db.sequelize.sync({ alter: true }).then(() => app.listen(3000));", errors: [{ message: "sync({ alter: true })" }] },
    { name: "Model.sync alter with options", code: "await User.sync({ alter: { drop: false } });", errors: 1 },
    {
      name: "CREATE TABLE from app startup (multi-line template)",
      code: "export async function ensureSchema() {\n  await pool.query(`\n    CREATE TABLE IF NOT EXISTS workouts (\n      id SERIAL PRIMARY KEY\n    )\n  `);\n}",
      errors: [{ line: 2, column: 9, message: "CREATE TABLE runs from application code" }],
    },
    { name: "ALTER TABLE through postgres.js unsafe", code: 'await sql.unsafe("ALTER TABLE deliveries ADD COLUMN IF NOT EXISTS n int");\nawait sql.unsafe("ALTER TABLE deliveries ADD COLUMN IF NOT EXISTS e text");', errors: [{ line: 1, message: "ALTER TABLE" }, { line: 2 }] },
    { name: "the advice names the project's migration tool", code: 'await db.raw("CREATE TABLE audit (id int)");', dependencies: ["knex", "pg"], errors: [{ message: "knex migrate:make to create it, knex migrate:latest on deploy" }] },
    { name: "DROP TABLE", code: 'await db.execute("DROP TABLE IF EXISTS sessions");', errors: [{ message: "DROP TABLE" }] },
    { name: "postgres.js tagged template", code: "await sql`CREATE TABLE IF NOT EXISTS events (id uuid primary key)`;", errors: [{ column: 7 }] },
    { name: "drizzle execute(sql``)", code: 'import { sql } from "drizzle-orm";\nawait db.execute(sql`CREATE INDEX IF NOT EXISTS idx ON t (c)`);', errors: [{ line: 2, column: 7, message: "CREATE INDEX" }] },
    { name: "Prisma $executeRawUnsafe", code: 'await prisma.$executeRawUnsafe("ALTER TABLE \\"User\\" ADD COLUMN bio text");', errors: 1 },
    { name: "better-sqlite3 exec", code: "db.exec(`\n  -- bootstrap\n  CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, body TEXT);\n`);", errors: 1 },
    { name: "DDL in a constant run later", code: 'const SCHEMA = "CREATE TABLE IF NOT EXISTS kv (k text primary key, v text)";\nexport const init = () => pool.query(SCHEMA);', errors: [{ line: 2, column: 27 }] },
    { name: "knex schema builder in app code", code: 'if (!(await knex.schema.hasTable("users"))) {\n  await knex.schema.createTable("users", (t) => { t.increments(); });\n}', errors: [{ line: 2, message: "createTable()" }] },
    { name: "Sequelize QueryInterface at startup", code: 'await sequelize.getQueryInterface().addColumn("Users", "lastSeen", { type: DataTypes.DATE });', errors: [{ message: "addColumn()" }] },
    { name: "TypeORM QueryRunner outside a migration", code: 'const queryRunner = dataSource.createQueryRunner();\nawait queryRunner.createTable(table, true);', errors: [{ line: 2 }] },
    { name: "MikroORM schema generator", code: "await orm.getSchemaGenerator().updateSchema();", errors: 1 },
    { name: "Mongoose autoIndex: true", code: 'import mongoose from "mongoose";\nawait mongoose.connect(uri, { autoIndex: true });', errors: [{ line: 2, column: 31, message: "autoIndex is on in production" }], output: 'import mongoose from "mongoose";\nawait mongoose.connect(uri, { autoIndex: process.env.NODE_ENV !== "production" });' },
    { name: "mongoose.set autoIndex", code: 'const mongoose = require("mongoose");\nmongoose.set("autoIndex", true);', errors: 1 },
    { name: "statements run in a loop", code: 'const STATEMENTS = [\n  "CREATE TABLE IF NOT EXISTS a (id int)",\n  "CREATE INDEX IF NOT EXISTS a_id ON a (id)",\n];\nexport async function migrateOnBoot() {\n  for (const stmt of STATEMENTS) await pool.query(stmt);\n}', errors: [{ line: 6, column: 40 }] },
    { name: "a schema file run at startup", code: 'import fs from "node:fs";\nawait pool.query(fs.readFileSync(new URL("./db/schema.sql", import.meta.url), "utf8"));', errors: [{ line: 2, message: "schema.sql is run from application code" }] },
    { name: "prisma db push from app code", code: 'import { execSync } from "node:child_process";\nexecSync("npx prisma db push --accept-data-loss");', errors: [{ message: "The app runs prisma db push" }] },
  ],
});

function scanPackageJson(text: string) {
  const r = analyzeTextFile({ fileName: "/w/package.json", text, relPath: "package.json", kind: "package-json" }, { rules: [rule] });
  assert.deepEqual(r.ruleFailures, []);
  return r.findings;
}

const pkg = (scripts: Record<string, string>) => JSON.stringify({ name: "app", scripts }, null, 2);

test("schema-sync package.json: prisma db push in build is flagged on its line, with a fix", () => {
  const text = pkg({ dev: "next dev", build: "prisma generate && prisma db push --accept-data-loss && next build", start: "prisma migrate deploy && next start", "db:sync": "prisma db push --skip-generate" });
  const f = scanPackageJson(text);
  assert.equal(f.length, 1);
  assert.equal(f[0].line, 5);
  assert.match(f[0].message, /^The "build" script runs prisma db push: .* prisma migrate deploy\.$/);
  assert.equal(f[0].fixes[0].safe, false);
  assert.equal(JSON.parse(applyFixes(text, f[0].fixes).text).scripts.build, "prisma generate && prisma migrate deploy && next build");
});

test("schema-sync package.json: deploy-time scripts and the scripts they call", () => {
  const f = scanPackageJson(
    pkg({
      "db:push": "prisma db push",
      start: "npm run db:push && node dist/server.js",
      postinstall: "prisma migrate reset --force",
      "vercel-build": "drizzle-kit push && next build",
      "heroku-postbuild": "pnpm db:sync",
      "db:sync": "sequelize db:sync",
      "start:prod": "run-s schema build:server",
      schema: "typeorm-ts-node-commonjs schema:sync -d src/data-source.ts",
      "build:server": "tsc",
    }),
  );
  assert.deepEqual(
    f.map((x) => x.message.slice(0, x.message.indexOf(":"))),
    [
      'The "start" script runs "db',
      'The "postinstall" script runs prisma migrate reset',
      'The "vercel-build" script runs drizzle-kit push',
      'The "heroku-postbuild" script runs "db',
      'The "start',
    ],
  );
  assert.match(f[0].message, /runs "db:push", which runs prisma db push/);
  assert.equal(f[0].fixes.length, 0, "the command sits in another script: no in-place fix");
  assert.match(f[2].message, /drizzle-kit migrate/);
  assert.match(f[4].message, /typeorm schema:sync.*typeorm migration:run/);
});

test("schema-sync package.json: dev scripts, migrate deploy and broken JSON stay quiet", () => {
  assert.equal(scanPackageJson(pkg({ "db:push": "prisma db push", "start:dev": "prisma db push && next dev", "build:local": "drizzle-kit push", predev: "prisma migrate dev", start: "prisma migrate deploy && node server.js", build: "drizzle-kit migrate && tsc" })).length, 0);
  // Mid-edit JSON must not make the rule throw (scanPackageJson asserts no rule failure).
  scanPackageJson('{ "scripts": { "build": "prisma db push" ');
  assert.equal(scanPackageJson("{}").length, 0);
  assert.equal(scanPackageJson('{ "scripts": ["build"] }').length, 0);
});
