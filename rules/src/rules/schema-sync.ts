import ts = require("typescript");
import type { Edit, Rule, RuleContext, TextRuleContext } from "../engine/types.js";
import { preferredQuote } from "../fixes/indent.js";
import { callRange } from "../report/ranges.js";
import { calleeName, dottedName, functionName } from "../model/functions.js";
import { onlyOutsideProduction, truthyInProduction } from "../model/environment.js";
import { isMigrationPath, isScriptPath, isTestFile } from "../model/fileRole.js";
import { declarationOf, objectShape, propertyName, resolveValue, unwrap } from "../model/values.js";
// TypeScript's exports are getters on an object too large for fast properties: read once.
const { isArrayLiteralExpression, isAsExpression, isAwaitExpression, isCallExpression, isForOfStatement, isIdentifier, isObjectLiteralExpression, isParenthesizedExpression, isPropertyAccessExpression, isPropertyAssignment, isSourceFile, isStringLiteral, isStringLiteralLike, isTaggedTemplateExpression, isVariableDeclaration, isVariableDeclarationList } = ts;

/** Statements that change the schema. Temporary tables are per-session scratch space, not schema. */
const DDL =
  /(?:^|;)\s*(?:--[^\n]*\n\s*)*(CREATE\s+(?:OR\s+REPLACE\s+)?(?:UNIQUE\s+)?(?:TABLE|INDEX|SCHEMA|TYPE|VIEW|MATERIALIZED\s+VIEW|SEQUENCE|EXTENSION|TRIGGER|FUNCTION)|ALTER\s+(?:TABLE|TYPE|SEQUENCE|VIEW|INDEX)|DROP\s+(?:TABLE|INDEX|SCHEMA|TYPE|VIEW|SEQUENCE|TRIGGER|FUNCTION)|RENAME\s+TABLE)\b/i;
const DDL_HINT = /\b(create|alter|drop|rename)\b/i;
/** Every string worth a closer look holds one of these words: one pattern rejects the others (nearly all). */
const HINT = /create|alter|drop|rename|push|reset|sync/i;
/** Methods that send SQL to the database (pg, mysql2, postgres.js, knex, Prisma, Sequelize, TypeORM, better-sqlite3, sqlite3, pg-promise, drizzle). */
const QUERY_METHODS = new Set([
  "query", "execute", "exec", "raw", "run", "none", "any", "many", "one", "oneOrNone", "result", "multi", "unsafe",
  "$executeRaw", "$executeRawUnsafe", "$queryRaw", "$queryRawUnsafe", "executeSql", "prepare", "batch", "sql", "queryRaw", "executeQuery",
]);
const SQL_TAGS = new Set(["sql", "$executeRaw", "$queryRaw", "$executeRawUnsafe", "$queryRawUnsafe", "unsafe", "query"]);
const SHELL_METHODS = new Set(["exec", "execSync", "spawn", "spawnSync", "execa", "execaSync", "execaCommand", "execaCommandSync", "$"]);
/** knex's schema builder: `knex.schema.createTable(…)`. */
const KNEX_SCHEMA = new Set(["createTable", "createTableIfNotExists", "alterTable", "table", "dropTable", "dropTableIfExists", "renameTable", "createSchema", "createSchemaIfNotExists", "dropSchema"]);
/** Sequelize's QueryInterface and TypeORM's QueryRunner: migration APIs, out of place in application code. */
const QUERY_INTERFACE = new Set(["createTable", "dropTable", "renameTable", "addColumn", "removeColumn", "changeColumn", "renameColumn", "dropColumn", "addIndex", "removeIndex", "createIndex", "dropIndex", "createSchema", "dropSchema"]);
/** MikroORM's schema generator. */
const MIKRO_SCHEMA = new Set(["updateSchema", "createSchema", "refreshDatabase", "dropSchema"]);

interface Command {
  pattern: RegExp;
  tool: string;
  instead: string;
  why: string;
}
/** CLI commands that change a database schema without a migration file. */
const COMMANDS: Command[] = [
  { pattern: /\bprisma\s+db\s+push\b[^&;|]*/, tool: "prisma db push", instead: "prisma migrate deploy", why: "changes the production schema to match schema.prisma without a migration (and may drop data)" },
  { pattern: /\bprisma\s+migrate\s+reset\b[^&;|]*/, tool: "prisma migrate reset", instead: "prisma migrate deploy", why: "drops the database and recreates it: every row is lost" },
  { pattern: /\bprisma\s+migrate\s+dev\b[^&;|]*/, tool: "prisma migrate dev", instead: "prisma migrate deploy", why: "is a development command that can reset the database and create migrations on the fly" },
  { pattern: /\bdrizzle-kit\s+push(?::\w+)?\b[^&;|]*/, tool: "drizzle-kit push", instead: "drizzle-kit migrate", why: "changes the production schema to match the code without a migration (and may drop data)" },
  { pattern: /\bsequelize(?:-cli)?\s+db:sync\b[^&;|]*/, tool: "sequelize db:sync", instead: "sequelize-cli db:migrate", why: "changes the production schema to match the models without a migration" },
  { pattern: /\btypeorm[\w-]*\s+schema:(?:sync|drop)\b[^&;|]*/, tool: "typeorm schema:sync", instead: "typeorm migration:run", why: "changes the production schema to match the entities without a migration" },
  { pattern: /\bmikro-orm\s+schema:(?:update|fresh|create|drop)\b[^&;|]*/, tool: "mikro-orm schema:update", instead: "mikro-orm migration:up", why: "changes the production schema to match the entities without a migration" },
];

const rule: Rule = {
  meta: {
    id: "schema-sync",
    steps: ["migrations"],
    severity: "warning",
    description: "The database schema changes at runtime or at deploy time without a migration (synchronize, sync({ force/alter }), DDL in app code, prisma db push in scripts).",
    fixable: true,
    files: ["source", "package-json"],
  },
  create(ctx) {
    if (isTestFile(ctx.relPath) || isMigrationPath(ctx.relPath) || isScriptPath(ctx.relPath)) return {};
    return { onEnd: () => checkSource(ctx) };
  },
  checkText(ctx) {
    checkPackageJson(ctx);
  },
};

// ---------------------------------------------------------------- source

function checkSource(outer: RuleContext): void {
  // Findings are rare and deciding "is this a migration" is not free: hold them, ask only then.
  const held: Parameters<RuleContext["report"]>[0][] = [];
  const ctx: RuleContext = { ...outer, report: (d) => void held.push(d) };
  collectSource(ctx);
  if (held.length === 0 || looksLikeMigration(outer)) return;
  for (const d of held) outer.report(d);
}

function collectSource(ctx: RuleContext): void {
  const { index } = ctx;
  const typeorm = index.importsFrom((m) => m === "typeorm" || m === "@nestjs/typeorm");
  const mongoose = index.importsFrom((m) => m === "mongoose" || m === "@nestjs/mongoose" || m === "@typegoose/typegoose");
  for (const prop of index.propertyAssignments) {
    const name = propertyName(prop.name);
    if (name === "synchronize" || name === "dropSchema") checkTypeormOption(ctx, prop, name, typeorm);
    else if (name === "autoIndex" && mongoose) checkAutoIndex(ctx, prop);
  }
  for (const call of index.calls) checkCall(ctx, call, typeorm, mongoose);
  const reported = new Set<ts.Node>();
  for (const s of index.strings) if (mayBeRun(s)) checkSql(ctx, s, s.text, reported);
  for (const t of index.templates) if (mayBeRun(t)) checkSql(ctx, t, t.head.text + t.templateSpans.map((sp) => ` ? ${sp.literal.text}`).join(""), reported);
}

/** Knex / umzug / TypeORM migrations export `up` and `down`, wherever the project keeps them. */
function looksLikeMigration(ctx: RuleContext): boolean {
  if (ctx.index.importOf("MigrationInterface")) return true;
  const names = new Set(ctx.index.functions.map((f) => functionName(f)));
  if (names.has("up") && names.has("down")) return true;
  // exports.up = …; exports.down = …
  const assigned = ctx.index.binaryExpressions.filter((b) => isPropertyAccessExpression(b.left) && /^(up|down)$/.test(b.left.name.text));
  return assigned.length >= 2;
}

const TYPEORM_KEYS = new Set(["type", "entities", "migrations", "database", "host", "url", "username", "autoLoadEntities", "logging"]);

function checkTypeormOption(ctx: RuleContext, prop: ts.PropertyAssignment, name: string, typeormImported: boolean): void {
  if (truthyInProduction(ctx, prop.initializer) !== true) return;
  const owner = prop.parent;
  const siblings = owner.properties.map((p) => propertyName(p.name)).filter((n) => n && TYPEORM_KEYS.has(n));
  if (!typeormImported && siblings.length < 2) return;
  if (onlyOutsideProduction(ctx, prop)) return;
  const sf = ctx.sourceFile;
  const q = preferredQuote(sf.text);
  ctx.report({
    node: prop,
    message:
      name === "synchronize"
        ? "synchronize: true lets TypeORM alter the production schema at startup, without a migration: use migrations (typeorm migration:generate / migration:run)."
        : "dropSchema: true makes TypeORM drop the whole schema every time the app connects: production data is deleted. Remove it and use migrations (typeorm migration:run).",
    fixes: [
      {
        title: name === "synchronize" ? "Synchronize only outside production" : "Drop the schema only outside production",
        safe: false,
        preferred: true,
        edits: [{ start: prop.initializer.getStart(sf), end: prop.initializer.getEnd(), newText: `process.env.NODE_ENV !== ${q}production${q}` }],
      },
    ],
  });
}

function checkAutoIndex(ctx: RuleContext, prop: ts.PropertyAssignment): void {
  if (truthyInProduction(ctx, prop.initializer) !== true || onlyOutsideProduction(ctx, prop)) return;
  reportAutoIndex(ctx, prop, prop.initializer);
}

function reportAutoIndex(ctx: RuleContext, node: ts.Node, value: ts.Expression): void {
  const sf = ctx.sourceFile;
  const q = preferredQuote(sf.text);
  ctx.report({
    node,
    message:
      "autoIndex is on in production: Mongoose builds every schema index at startup, which blocks the database on large collections. Turn it off in production and create indexes in a migration (e.g. migrate-mongo).",
    fixes: [{ title: "Build indexes automatically only outside production", safe: false, preferred: true, edits: [{ start: value.getStart(sf), end: value.getEnd(), newText: `process.env.NODE_ENV !== ${q}production${q}` }] }],
  });
}

function checkCall(ctx: RuleContext, call: ts.CallExpression, typeorm: boolean, mongoose: boolean): void {
  const callee = unwrap(call.expression);
  if (!isPropertyAccessExpression(callee)) return;
  const method = callee.name.text;
  const receiver = unwrap(callee.expression);
  if (method === "sync") return checkSequelizeSync(ctx, call);
  checkSchemaFile(ctx, call);
  if (method === "synchronize" && (typeorm || /source|connection|orm/i.test(dottedName(receiver) ?? ""))) {
    if (onlyOutsideProduction(ctx, call)) return;
    ctx.report({
      ...callRange(ctx.sourceFile, call),
      message: "synchronize() makes TypeORM alter the schema to match the entities at runtime, without a migration: use migrations (typeorm migration:generate / migration:run).",
    });
    return;
  }
  if (method === "set" && mongoose && call.arguments.length === 2) {
    const [key, value] = call.arguments;
    if (isStringLiteralLike(key) && key.text === "autoIndex" && truthyInProduction(ctx, value) === true && !onlyOutsideProduction(ctx, call)) reportAutoIndex(ctx, call, value);
    return;
  }
  const isKnexSchema = KNEX_SCHEMA.has(method) && isPropertyAccessExpression(receiver) && receiver.name.text === "schema";
  // The receiver's text only for the few methods that need it: getText is a scan of the source.
  const isMikroSchema = MIKRO_SCHEMA.has(method) && /schema/i.test(receiver.getText(ctx.sourceFile));
  const isQueryInterface = QUERY_INTERFACE.has(method) && /queryInterface|queryRunner/i.test(receiver.getText(ctx.sourceFile));
  if ((isKnexSchema || isMikroSchema || isQueryInterface) && !onlyOutsideProduction(ctx, call)) {
    ctx.report({
      ...callRange(ctx.sourceFile, call),
      message: `${method}() changes the database schema from application code, at runtime and outside any migration. Move it into a migration: ${isMikroSchema ? "mikro-orm migration:create to create it, migration:up on deploy" : migrationAdvice(ctx)}.`,
    });
  }
}

function checkSequelizeSync(ctx: RuleContext, call: ts.CallExpression): void {
  const options = call.arguments[0];
  if (!options) return;
  const shape = objectShape(ctx, options);
  // `match: /_test$/` is Sequelize's own guard: sync refuses to run against other databases.
  if (!shape || shape.props.has("match")) return;
  const mode = (["force", "alter"] as const).find((k) => {
    const v = shape.props.get(k);
    return v !== undefined && (isObjectLiteralExpression(unwrap(v)) || truthyInProduction(ctx, v) === true);
  });
  if (!mode || onlyOutsideProduction(ctx, call)) return;
  ctx.report({
    ...callRange(ctx.sourceFile, call),
    message:
      mode === "force"
        ? "sync({ force: true }) drops and recreates every table at startup: production data is deleted. Use migrations (sequelize-cli db:migrate)."
        : "sync({ alter: true }) alters the tables to match the models at startup, without a migration, and can drop columns with their data. Use migrations (sequelize-cli db:migrate).",
  });
}

/** Migration tools by the package that gives them away, with the commands to create and apply a migration. */
const MIGRATION_TOOLS: Array<[RegExp, string]> = [
  [/^(@prisma\/client|prisma)$/, "prisma migrate dev to create it, prisma migrate deploy to apply it"],
  [/^drizzle-(orm|kit)$/, "drizzle-kit generate to create it, drizzle-kit migrate to apply it"],
  [/^knex$/, "knex migrate:make to create it, knex migrate:latest on deploy"],
  [/^(typeorm|@nestjs\/typeorm)$/, "typeorm migration:generate to create it, typeorm migration:run on deploy"],
  [/^(sequelize|sequelize-typescript)$/, "sequelize-cli migration:generate to create it, sequelize-cli db:migrate on deploy"],
  [/^kysely$/, "a Kysely Migrator migration, applied on deploy"],
  [/^node-pg-migrate$/, "node-pg-migrate create, then node-pg-migrate up on deploy"],
];

function migrationAdvice(ctx: RuleContext): string {
  const names = [...ctx.index.imports.map((b) => b.module), ...(ctx.workspace?.dependencies ?? [])];
  for (const [pattern, advice] of MIGRATION_TOOLS) if (names.some((n) => pattern.test(n))) return advice;
  return "a migration tool (node-pg-migrate, knex, prisma migrate …) applied on deploy";
}

/** A DDL statement or a schema-pushing CLI command in a string that reaches a query or shell call. */
function checkSql(ctx: RuleContext, literal: ts.Node, text: string, reported: Set<ts.Node>): void {
  if (text.length < 10 || !HINT.test(text) || (!DDL_HINT.test(text) && !/push|reset|sync/.test(text))) return;
  const ddl = DDL.exec(text);
  const command = ddl ? undefined : COMMANDS.find((c) => c.pattern.test(text));
  if (!ddl && !command) return;
  for (const site of consumers(ctx, literal, command ? SHELL_METHODS : QUERY_METHODS, !command)) {
    if (reported.has(site) || onlyOutsideProduction(ctx, site)) continue;
    reported.add(site);
    ctx.report({
      ...(isCallExpression(site) ? callRange(ctx.sourceFile, site) : { node: site }),
      message: ddl
        ? `${ddl[1].replace(/\s+/g, " ").toUpperCase()} runs from application code: the schema changes at runtime, outside any migration, and every instance races to apply it. Move it into a migration: ${migrationAdvice(ctx)}.`
        : `The app runs ${command!.tool}, which ${command!.why}. Apply committed migrations instead (${command!.instead}).`,
    });
  }
}

/**
 * Where `consumers` can find a call that runs the string: as a tagged template, a call's first
 * argument, a constant's value or an array element. Most strings sit elsewhere (JSX, objects,
 * imports) and are passed over without running a pattern on them.
 */
function mayBeRun(literal: ts.Node): boolean {
  let node: ts.Node = literal;
  while (node.parent && (isParenthesizedExpression(node.parent) || isAsExpression(node.parent))) node = node.parent;
  const parent = node.parent;
  if (!parent) return false;
  if (isTaggedTemplateExpression(parent) || isArrayLiteralExpression(parent)) return true;
  if (isCallExpression(parent)) return parent.arguments[0] === node;
  return isVariableDeclaration(parent) && parent.initializer === node && isIdentifier(parent.name);
}

/** The calls that run this string: directly, through a sql tag, or through a same-file constant. */
function consumers(ctx: RuleContext, literal: ts.Node, methods: ReadonlySet<string>, allowTags: boolean): ts.Node[] {
  let node: ts.Node = literal;
  while (node.parent && (isParenthesizedExpression(node.parent) || isAsExpression(node.parent))) node = node.parent;
  const parent = node.parent;
  if (!parent) return [];
  if (allowTags && isTaggedTemplateExpression(parent)) {
    const tag = dottedName(parent.tag)?.split(".").pop();
    if (!tag || !SQL_TAGS.has(tag)) return [];
    // db.execute(sql`…`): the call is what runs it.
    let outer: ts.Node = parent;
    while (outer.parent && (isParenthesizedExpression(outer.parent) || isAwaitExpression(outer.parent))) outer = outer.parent;
    return outer.parent && isCallExpression(outer.parent) && outer.parent.arguments[0] === outer ? [outer.parent] : [parent];
  }
  if (isCallExpression(parent) && parent.arguments[0] === node) {
    return methods.has(calleeName(parent) ?? "") ? [parent] : [];
  }
  if (isVariableDeclaration(parent) && parent.initializer === node && isIdentifier(parent.name)) {
    const name = parent.name.text;
    return ctx.index.calls.filter((c) => {
      const arg = c.arguments[0];
      return !!arg && isIdentifier(unwrap(arg)) && (unwrap(arg) as ts.Identifier).text === name && declarationOf(ctx, unwrap(arg) as ts.Identifier) === parent && methods.has(calleeName(c) ?? "");
    });
  }
  if (isArrayLiteralExpression(parent)) return loopConsumers(ctx, parent, methods);
  return [];
}

/** `for (const stmt of STATEMENTS) await db.query(stmt)`, with the array inline or in a same-file constant. */
function loopConsumers(ctx: RuleContext, array: ts.ArrayLiteralExpression, methods: ReadonlySet<string>): ts.Node[] {
  let holder: ts.Node = array;
  while (holder.parent && (isAsExpression(holder.parent) || isParenthesizedExpression(holder.parent))) holder = holder.parent;
  const decl = holder.parent && isVariableDeclaration(holder.parent) && isIdentifier(holder.parent.name) ? holder.parent : undefined;
  const iterates = (loop: ts.ForOfStatement) => {
    const e = unwrap(loop.expression);
    return e === array || (!!decl && isIdentifier(e) && declarationOf(ctx, e) === decl);
  };
  const out: ts.Node[] = [];
  for (const c of ctx.index.calls) {
    const arg = c.arguments[0];
    if (!arg || !isIdentifier(unwrap(arg)) || !methods.has(calleeName(c) ?? "")) continue;
    const name = (unwrap(arg) as ts.Identifier).text;
    for (let p: ts.Node | undefined = c.parent; p && !isSourceFile(p); p = p.parent) {
      if (!isForOfStatement(p)) continue;
      const init = p.initializer;
      const declares = isVariableDeclarationList(init) && init.declarations.some((d) => isIdentifier(d.name) && d.name.text === name);
      if (declares) {
        if (iterates(p)) out.push(c);
        break;
      }
    }
  }
  return out;
}

/** A schema file read from disk and run: `pool.query(fs.readFileSync("db/schema.sql", "utf8"))`. */
const SCHEMA_FILE = /(schema|init|create|tables|setup|bootstrap|ddl)[\w.-]*\.sql\b/i;

function checkSchemaFile(ctx: RuleContext, call: ts.CallExpression): void {
  const arg = call.arguments[0];
  if (!arg || !QUERY_METHODS.has(calleeName(call) ?? "")) return;
  const value = resolveValue(ctx, arg);
  if (!isCallExpression(value) || !/^readFile(Sync)?$/.test(calleeName(value) ?? "")) return;
  const file = SCHEMA_FILE.exec(value.arguments.map((a) => a.getText(ctx.sourceFile)).join(" "));
  if (!file || onlyOutsideProduction(ctx, call)) return;
  ctx.report({
    ...callRange(ctx.sourceFile, call),
    message: `${file[0]} is run from application code: the schema changes at runtime, outside any migration, and every instance races to apply it. Turn it into a migration: ${migrationAdvice(ctx)}.`,
  });
}

// ---------------------------------------------------------------- package.json

/** Scripts that run when the app is built, started, installed or deployed. */
function runsInDeployment(name: string): boolean {
  const parts = name.toLowerCase().split(/[:\-_.]/);
  if (parts.some((p) => /^(dev|develop|development|local|test|tests|e2e|watch|storybook|studio|seed|reset|push|sync|generate)$/.test(p))) return false;
  return parts.some((p) => /^(pre|post)?(build|start|deploy|release|install|prod|production|serve)$/.test(p));
}

interface ScriptHit {
  command: Command;
  /** Offset of the command inside the script's value (direct hits only). */
  at?: number;
  length?: number;
  /** The chain of scripts through which it runs (`db:push`), empty for a direct hit. */
  via: string[];
}

/** Names of other scripts a script runs: `npm run x`, `pnpm x`, `yarn x`, `bun run x`, `run-s a b`, `npm-run-all a b`. */
function referencedScripts(value: string, scripts: Map<string, string>): string[] {
  const out: string[] = [];
  for (const m of value.matchAll(/(?:^|[\s;&|(])(?:npm|pnpm|yarn|bun)\s+(?:run(?:-script)?\s+)?(?:--?[\w-]+\s+)*([\w:.@/-]+)/g)) if (scripts.has(m[1])) out.push(m[1]);
  for (const m of value.matchAll(/(?:run-s|run-p|npm-run-all)\s+([^&;|]+)/g)) {
    for (const arg of m[1].trim().split(/\s+/)) if (scripts.has(arg)) out.push(arg);
  }
  return out;
}

function hitsOf(name: string, scripts: Map<string, string>, seen: Set<string>, via: string[]): ScriptHit[] {
  const value = scripts.get(name);
  if (value === undefined || seen.has(name)) return [];
  seen.add(name);
  const hits: ScriptHit[] = [];
  for (const command of COMMANDS) {
    const m = command.pattern.exec(value);
    if (m) hits.push({ command, at: via.length === 0 ? m.index : undefined, length: m[0].trimEnd().length, via });
  }
  if (via.length < 3) for (const ref of referencedScripts(value, scripts)) hits.push(...hitsOf(ref, scripts, seen, [...via, ref]));
  return hits;
}

function checkPackageJson(ctx: TextRuleContext): void {
  const json = ts.parseJsonText(ctx.fileName, ctx.text);
  const root = json.statements[0]?.expression;
  if (!root || !isObjectLiteralExpression(root)) return;
  const scriptsProp = root.properties.find((p) => propertyName(p.name) === "scripts");
  if (!scriptsProp || !isPropertyAssignment(scriptsProp) || !isObjectLiteralExpression(scriptsProp.initializer)) return;
  const nodes = new Map<string, ts.StringLiteral>();
  const scripts = new Map<string, string>();
  for (const p of scriptsProp.initializer.properties) {
    const name = propertyName(p.name);
    if (name === undefined || !isPropertyAssignment(p) || !isStringLiteral(p.initializer)) continue;
    nodes.set(name, p.initializer);
    // The raw text between the quotes, so that offsets match the file.
    scripts.set(name, ctx.text.slice(p.initializer.getStart(json) + 1, p.initializer.getEnd() - 1));
  }
  for (const [name, node] of nodes) {
    if (!runsInDeployment(name)) continue;
    const hits = hitsOf(name, scripts, new Set(), []);
    const hit = hits[0];
    if (!hit) continue;
    const start = node.getStart(json);
    const { command } = hit;
    const edits: Edit[] = hit.at !== undefined && hit.length !== undefined ? [{ start: start + 1 + hit.at, end: start + 1 + hit.at + hit.length, newText: command.instead }] : [];
    ctx.report({
      start,
      end: node.getEnd(),
      message: `The "${name}" script runs ${hit.via.length ? `"${hit.via.join('" → "')}", which runs ` : ""}${command.tool}: it ${command.why}. Apply committed migrations instead: ${command.instead}.`,
      fixes: edits.length ? [{ title: `Use ${command.instead}`, safe: false, preferred: true, edits }] : [],
    });
  }
}

export default rule;
