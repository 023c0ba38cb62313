import ts = require("typescript");
import type { Edit, Fix, Rule, RuleContext } from "../engine/types.js";
import { calleeName, dottedName } from "../model/functions.js";
import { SqlStrings } from "../model/sqlStrings.js";
// TypeScript's exports are getters on an object too large for fast properties: read once.
const { isArrayLiteralExpression, isCallExpression, isObjectLiteralExpression, isPropertyAccessExpression, isPropertyAssignment, isTaggedTemplateExpression, isTemplateExpression } = ts;

/** APIs whose only job is running raw SQL text. */
const RAW_ONLY = new Set(["$queryRawUnsafe", "$executeRawUnsafe", "unsafe", "whereRaw", "orderByRaw", "havingRaw", "joinRaw", "selectRaw", "fromRaw", "groupByRaw", "andWhereRaw", "orWhereRaw", "raw"]);
/** Generic names that run SQL when handed SQL text (pg, mysql2, sqlite, sequelize, knex, pg-promise …). */
const GENERIC = new Set(["query", "execute", "exec", "run", "all", "get", "prepare", "many", "one", "none", "any", "oneOrNone", "manyOrNone", "each", "result", "queryRaw", "executeQuery", "sql"]);
const SQL_TEXT = /\b(select\b[\s\S]*\bfrom|insert\s+into|update\b[\s\S]*\bset|delete\s+from|order\s+by|group\s+by|\bwhere\s+[\w."]+\s*(=|<|>|!=|like\b|ilike\b|in\b|is\b|between\b)|create\s+(table|index)|alter\s+table|drop\s+table|truncate\s+table|values\s*\()/i;
/** Receivers that are clearly not databases. */
const NOT_DB = /^(map|params|searchParams|headers|cookies|cache|store|redis|router|app|req|request|res|response|axios|http|fetch|client\.(get|post)|formData|url|document|window|localStorage|sessionStorage|process|path|fs|jwt|crypto|child_process|exec)$/i;

type Dialect = "pg" | "question" | "prisma" | "postgresjs";

function dialectOf(ctx: RuleContext, call: ts.CallExpression, name: string, sqlText: string): Dialect | undefined {
  if (name === "$queryRawUnsafe" || name === "$executeRawUnsafe") return "prisma";
  if (name === "unsafe") return "postgresjs";
  const has = (re: RegExp) => ctx.index.importsFrom((m) => re.test(m)) || [...(ctx.workspace?.dependencies ?? [])].some((d) => re.test(d));
  const recv = isPropertyAccessExpression(call.expression) ? dottedName(call.expression.expression) ?? "" : "";
  if (/knex|trx/i.test(recv) || /Raw$/.test(name)) return "question";
  if (/\$\d/.test(sqlText)) return "pg";
  if (/\?/.test(sqlText)) return "question";
  if (ctx.index.importsFrom((m) => /^(mysql2?|mysql2\/promise|sqlite3?|better-sqlite3|@libsql\/client|mariadb)$/.test(m))) return "question";
  if (ctx.index.importsFrom((m) => /^(pg|@neondatabase\/serverless|@vercel\/postgres|pg-promise)$/.test(m))) return "pg";
  if (has(/^(mysql2?|sqlite3?|better-sqlite3|mariadb)$/)) return "question";
  if (has(/^(pg|@neondatabase\/serverless|@vercel\/postgres)$/)) return "pg";
  return undefined;
}

/** Value positions: after a comparison, `(`, `,`, LIKE, IN (, VALUES (, = in SET. */
const VALUE_BEFORE = /(=|<>|!=|<|>|<=|>=|\(|,|\blike|\bilike|\bin\s*\(|\bvalues\s*\()\s*'?$/i;

function parameteriseFix(ctx: RuleContext, call: ts.CallExpression, name: string, strings: SqlStrings): Fix | undefined {
  const arg = call.arguments[0];
  if (!arg || !isTemplateExpression(arg)) return undefined;
  const sf = ctx.sourceFile;
  const second = call.arguments[1];
  if (call.arguments.length > 2 || (second && !isArrayLiteralExpression(second))) return undefined;
  const full = arg.head.text + arg.templateSpans.map((s) => s.literal.text).join("");
  const dialect = dialectOf(ctx, call, name, full);
  if (!dialect) return undefined;
  const tagged = dialect === "prisma" || dialect === "postgresjs";
  if (tagged && second) return undefined;

  let sqlOut = escapeTemplate(arg.head.text);
  const values: string[] = [];
  let n = Math.max(0, ...[...full.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
  if (dialect === "question" && second && /\?/.test(full)) return undefined; // positional order would shift
  for (let i = 0; i < arg.templateSpans.length; i++) {
    const span = arg.templateSpans[i];
    const expr = span.expression;
    let lit = escapeTemplate(span.literal.text);
    const constant = strings.isConstant(expr);
    if (constant && !tagged) {
      sqlOut += "${" + expr.getText(sf) + "}" + lit;
      continue;
    }
    if (!VALUE_BEFORE.test(sqlOut)) return undefined;
    // '${id}' → the quotes belong to the value now
    if (/'$/.test(sqlOut)) {
      if (!lit.startsWith("'")) return undefined;
      sqlOut = sqlOut.slice(0, -1);
      lit = lit.slice(1);
    }
    if (tagged) sqlOut += "${" + expr.getText(sf) + "}" + lit;
    else {
      values.push(expr.getText(sf));
      sqlOut += (dialect === "pg" ? `$${++n}` : "?") + lit;
    }
  }
  const edits: Edit[] = [];
  if (tagged) {
    const callee = call.expression as ts.PropertyAccessExpression;
    const newName = name === "unsafe" ? "" : name.replace("Unsafe", "");
    const calleeText = newName ? `${callee.expression.getText(sf)}.${newName}` : callee.expression.getText(sf);
    edits.push({ start: call.getStart(sf), end: call.getEnd(), newText: `${calleeText}\`${sqlOut}\`` });
  } else {
    const q = sqlOut.includes("`") ? undefined : "`";
    if (!q) return undefined;
    const newArg = /\$\{/.test(sqlOut) ? `\`${sqlOut}\`` : JSON.stringify(unescapeTemplate(sqlOut));
    edits.push({ start: arg.getStart(sf), end: arg.getEnd(), newText: newArg });
    if (second && isArrayLiteralExpression(second)) {
      const inside = second.elements.length ? ", " : "";
      const at = second.elements.length ? second.elements[second.elements.length - 1].getEnd() : second.getStart(sf) + 1;
      edits.push({ start: at, end: at, newText: inside + values.join(", ") });
    } else {
      edits.push({ start: arg.getEnd(), end: arg.getEnd(), newText: `, [${values.join(", ")}]` });
    }
  }
  return { title: "Use a parameterised query", safe: false, preferred: true, edits };
}

const escapeTemplate = (s: string) => s.replace(/\\/g, "\\\\").replace(/`/g, "\\`").replace(/\$\{/g, "\\${");
const unescapeTemplate = (s: string) => s.replace(/\\\$\{/g, "${").replace(/\\`/g, "`").replace(/\\\\/g, "\\");

const rule: Rule = {
  meta: {
    id: "sql-injection",
    steps: ["validation", "security"],
    severity: "error",
    description: "A raw SQL API receives a string built by concatenation or an untagged template with non-constant parts.",
    fixable: true,
  },
  create(ctx) {
    return {
      onEnd() {
        let strings: SqlStrings | undefined;
        for (const call of ctx.index.calls) {
          const name = calleeName(call);
          if (!name || !isPropertyAccessExpression(call.expression)) continue;
          const raw = RAW_ONLY.has(name);
          if (!raw && !GENERIC.has(name)) continue;
          const recv = dottedName(call.expression.expression) ?? "";
          if (NOT_DB.test(recv) || NOT_DB.test(recv.split(".").pop() ?? "")) continue;
          // get/all/run/one… are everyday method names: only database-looking receivers count
          if (/^(get|all|run|exec|one|many|any|none|each|result|sql)$/.test(name) && !/db|database|sqlite|conn|client|pool|knex|trx|tx|sequelize|pg|mysql|sql|stmt|statement|prepare/i.test(recv)) continue;
          let arg = call.arguments[0];
          if (!arg) continue;
          // pg: client.query({ text, values })
          if (isObjectLiteralExpression(arg)) {
            const text = arg.properties.find((p) => p.name?.getText() === "text" || p.name?.getText() === "sql");
            if (!text || !isPropertyAssignment(text)) continue;
            arg = text.initializer;
          }
          if (isTaggedTemplateExpression(arg) || isCallExpression(arg)) continue;
          strings ??= new SqlStrings(ctx.index);
          const b = strings.build(arg);
          if (!b.built || b.dynamic.length === 0) continue;
          if (!raw && !SQL_TEXT.test(b.text)) continue;
          if (name === "raw" && !/knex|sql|db|prisma|trx|Prisma|sequelize/i.test(recv)) continue;
          const parts = b.dynamic.map((d) => d.getText(ctx.sourceFile)).filter((v, i, a) => a.indexOf(v) === i).slice(0, 2).map((s) => (s.length > 30 ? s.slice(0, 27) + "…" : s));
          const fix = parameteriseFix(ctx, call, name, strings);
          ctx.report({
            node: call,
            message: `SQL text passed to ${recv ? recv + "." : ""}${name}() is built from ${parts.map((p) => `\`${p}\``).join(" and ")}: a crafted value can change the query. Pass values as parameters ($1 / ?) or use a tagged template (sql\`…\`, Prisma.sql); pick identifiers such as sort columns from an allow-list.`,
            fixes: fix ? [fix] : [],
          });
        }
      },
    };
  },
};

export default rule;
