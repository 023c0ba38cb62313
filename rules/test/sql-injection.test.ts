import rule from "../src/rules/sql-injection.js";
import { ruleTester } from "./ruleTester.js";

const pg = 'import { Pool } from "pg";\nconst pool = new Pool();\n';
const mysql = 'import mysql from "mysql2/promise";\nconst db = await mysql.createConnection(url);\n';

ruleTester(rule, {
  valid: [
    { name: "parameterised pg query", code: `${pg}export const f = (id: string) => pool.query("SELECT * FROM t WHERE id = $1", [id]);` },
    { name: "template without substitutions", code: `${pg}export const f = () => pool.query(\`\n  CREATE TABLE IF NOT EXISTS t (id int)\n\`);` },
    { name: "module constant interpolated", code: `${pg}const COLUMNS = "id, name";\nexport const f = (id: string) => pool.query(\`SELECT \${COLUMNS} FROM t WHERE id = $1\`, [id]);` },
    { name: "operator chosen from two constants", code: `${pg}export const f = (done: boolean) => {\n  const op = done ? "<" : ">=";\n  return pool.query(\`SELECT * FROM c WHERE ends_at \${op} now()\`);\n};` },
    { name: "direction from a comparison", code: `${pg}export const f = (q: any) => {\n  const dir = q.order === "asc" ? "ASC" : "DESC";\n  return pool.query(\`SELECT * FROM t ORDER BY created_at \${dir}\`);\n};` },
    { name: "placeholders built from a list", code: `${mysql}export const f = (ids: number[]) => db.query(\`SELECT * FROM t WHERE id IN (\${ids.map(() => "?").join(", ")})\`, ids);` },
    { name: "numbered placeholders from the index", code: `${pg}export const f = (ids: string[]) => pool.query(\`SELECT * FROM t WHERE id IN (\${ids.map((_, i) => \`$\${i + 1}\`).join(",")})\`, ids);` },
    { name: "conditions list with constant pushes", code: `${pg}export const f = (q: any) => {\n  const where = ["deleted_at IS NULL"];\n  const vals = [];\n  if (q.status) { vals.push(q.status); where.push("status = $1"); }\n  return pool.query(\`SELECT * FROM t WHERE \${where.join(" AND ")}\`, vals);\n};` },
    { name: "limit coerced to a number", code: `${pg}export const f = (limit: string) => pool.query(\`SELECT * FROM t LIMIT \${Number(limit)}\`);` },
    { name: "allow-listed sort column", code: `${pg}const SORTS = ["name", "created_at"];\nexport const f = (sort: string) => {\n  if (!SORTS.includes(sort)) throw new Error("bad sort");\n  return pool.query(\`SELECT * FROM t ORDER BY \${sort}\`);\n};` },
    { name: "lookup in a constant map", code: `${pg}const SORT_COLUMNS = { name: "name", date: "created_at" } as const;\nexport const f = (s: keyof typeof SORT_COLUMNS) => pool.query(\`SELECT * FROM t ORDER BY \${SORT_COLUMNS[s]}\`);` },
    { name: "postgres.js tagged template", code: 'import postgres from "postgres";\nconst sql = postgres();\nexport const f = (id: string) => sql`SELECT * FROM t WHERE id = ${id}`;' },
    { name: "concatenation inside a tagged-template parameter", code: 'export const f = (s: string) => sql`SELECT * FROM t WHERE name ILIKE ${"%" + s + "%"}`;' },
    { name: "sql.unsafe with constant strings", code: 'export const f = () => sql.unsafe("ALTER TABLE t ADD COLUMN IF NOT EXISTS x int");' },
    { name: "Prisma $queryRaw tagged", code: 'export const f = (id: string) => prisma.$queryRaw`SELECT * FROM "User" WHERE id = ${id}`;' },
    { name: "Prisma.sql fragment passed to $queryRaw", code: 'export const f = (id: string) => prisma.$queryRaw(Prisma.sql`SELECT 1 WHERE id = ${id}`);' },
    { name: "knex.raw with bindings", code: 'export const f = (id: string) => knex.raw("select * from users where id = ?", [id]);' },
    { name: "non-SQL template to a generic get()", code: 'export const f = (id: string) => cache.get(`user:${id}`);' },
    { name: "axios get with a template URL", code: 'export const f = (id: string) => api.get(`/users/${id}/where`);' },
    { name: "SQL text passed through a helper parameter (built elsewhere)", code: `${pg}export function run(text: string, values: unknown[]) {\n  return pool.query(text, values);\n}` },
    { name: "params.get is not SQL", code: 'export const f = (p: URLSearchParams, k: string) => p.get(`select ${k} from`);' },
  ],
  invalid: [
    {
      name: "pg: value interpolated in a template (fix adds $1)",
      code: `${pg}export const f = (email: string) => pool.query(\`SELECT * FROM users WHERE email = '\${email}'\`);`,
      errors: [{ line: 3, column: 37, message: "SQL text passed to pool.query() is built from `email`" }],
      output: `${pg}export const f = (email: string) => pool.query("SELECT * FROM users WHERE email = $1", [email]);`,
    },
    {
      name: "pg: value appended to an existing values array",
      code: `${pg}export const f = (id: string, kind: string) => pool.query(\`SELECT * FROM t WHERE id = $1 AND kind = \${kind}\`, [id]);`,
      errors: 1,
      output: `${pg}export const f = (id: string, kind: string) => pool.query("SELECT * FROM t WHERE id = $1 AND kind = $2", [id, kind]);`,
    },
    {
      name: "mysql2: ? placeholder",
      code: `${mysql}export const f = (id: string) => db.execute(\`DELETE FROM t WHERE id = \${id}\`);`,
      errors: [{ message: "db.execute()" }],
      output: `${mysql}export const f = (id: string) => db.execute("DELETE FROM t WHERE id = ?", [id]);`,
    },
    {
      name: "ORDER BY column from input: no automatic fix",
      code: `${pg}export const f = async (req: any) => {\n  const sort = (req.query.sort as string) || "started_at";\n  const { rows } = await pool.query(\n    \`SELECT * FROM workouts WHERE user_id = $1 ORDER BY \${sort} LIMIT 100\`,\n    [req.user.id],\n  );\n  return rows;\n};`,
      errors: [{ line: 5, message: "`sort`" }],
      output: null,
    },
    {
      name: "string built in a variable first, with concatenation",
      code: `${pg}export const f = async (period: string, id: string) => {\n  const since = period === "all" ? "" : " AND logged_at > now() - interval '" + period + "'";\n  return pool.query("SELECT user_id FROM p WHERE challenge_id = $1" + since + " GROUP BY user_id", [id]);\n};`,
      errors: [{ line: 5, message: "`period`" }],
      output: null,
    },
    {
      name: "query text assembled with +=",
      code: `${pg}export const f = (name?: string) => {\n  let q = "SELECT * FROM t WHERE 1 = 1";\n  if (name) q += " AND name = '" + name + "'";\n  return pool.query(q);\n};`,
      errors: [{ line: 6 }],
    },
    {
      name: "postgres.js sql.unsafe (fix: tagged template)",
      code: "export const f = (id: string) => sql.unsafe(`DELETE FROM destinations WHERE id = '${id}'`);",
      errors: [{ message: "sql.unsafe()" }],
      output: "export const f = (id: string) => sql`DELETE FROM destinations WHERE id = ${id}`;",
    },
    {
      name: "Prisma $queryRawUnsafe (fix: $queryRaw tagged)",
      code: "export const f = (email: string) => prisma.$queryRawUnsafe(`SELECT * FROM \"User\" WHERE email = '${email}'`);",
      errors: 1,
      output: "export const f = (email: string) => prisma.$queryRaw`SELECT * FROM \"User\" WHERE email = ${email}`;",
    },
    { name: "Prisma $executeRawUnsafe with concatenation", code: 'export const f = (t: string) => prisma.$executeRawUnsafe("TRUNCATE TABLE " + t);', errors: 1, output: null },
    { name: "sequelize.query", code: "export const f = (name: string) => sequelize.query(`SELECT * FROM users WHERE name = '${name}'`);", errors: 1 },
    { name: "knex.raw with a template", code: "export const f = (col: string) => knex.raw(`select ${col} from users`);", errors: 1 },
    { name: "knex whereRaw", code: "export const f = (q: any, v: string) => q.whereRaw(`name = '${v}'`);", errors: 1 },
    { name: "sqlite db.all", code: 'import Database from "better-sqlite3";\nconst db = new Database("a.db");\nexport const f = (id: string) => db.prepare("SELECT * FROM t WHERE id = " + id).all();', errors: [{ message: "db.prepare()" }] },
    { name: "pg client.query({ text })", code: "export const f = (id: string) => client.query({ text: `SELECT * FROM t WHERE id = ${id}` });", errors: 1 },
    { name: "string from a helper call interpolated", code: `${pg}export const f = (filters: any) => pool.query(\`SELECT * FROM t WHERE \${buildWhere(filters)}\`);`, errors: 1 },
  ],
});
