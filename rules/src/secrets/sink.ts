import ts = require("typescript");
// TypeScript's exports are getters on an object too large for fast properties: read once.
const { SyntaxKind, isArrayLiteralExpression, isAsExpression, isBinaryExpression, isBindingElement, isCallExpression, isComputedPropertyName, isConditionalExpression, isElementAccessExpression, isEnumMember, isExportDeclaration, isExpressionStatement, isExternalModuleReference, isIdentifier, isImportDeclaration, isImportTypeNode, isJsxAttribute, isJsxExpression, isLiteralTypeNode, isMetaProperty, isMethodDeclaration, isModuleDeclaration, isNewExpression, isNonNullExpression, isParameter, isParenthesizedExpression, isPrivateIdentifier, isPropertyAccessExpression, isPropertyAssignment, isPropertyDeclaration, isPropertySignature, isSatisfiesExpression, isStringLiteralLike, isTypeAssertionExpression, isVariableDeclaration } = ts;

/** Where a string literal goes: the name that tells what it is. */
export interface Sink {
  /** The identifier, property, parameter, header or env variable name. */
  name: string;
  /** The object or call that owns `name` (`isbndb` in `isbndb: { apiKey }`, `Stripe` in `new Stripe(k)`). */
  owner?: string;
  how: "assigned" | "default" | "compared" | "argument" | "header";
  /** For `process.env.X ?? "…"`: the fallback expression, which the fix replaces as a whole. */
  fallbackOf?: ts.BinaryExpression;
  /** The env variable read in `process.env.X ?? "…"`. */
  envVar?: string;
}

/** Calls whose argument at a position is a credential, by callee name. */
const CREDENTIAL_ARGS: Record<string, { index: number; name: string }> = {
  Stripe: { index: 0, name: "stripeSecretKey" },
  createClient: { index: 1, name: "supabaseKey" },
  createServerClient: { index: 1, name: "supabaseKey" },
  sign: { index: 1, name: "jwtSecret" },
  verify: { index: 1, name: "jwtSecret" },
  createHmac: { index: 1, name: "hmacSecret" },
  createCipheriv: { index: 1, name: "encryptionKey" },
  createDecipheriv: { index: 1, name: "encryptionKey" },
  createSecretKey: { index: 0, name: "secretKey" },
  setApiKey: { index: 0, name: "apiKey" },
  Resend: { index: 0, name: "resendApiKey" },
  Twilio: { index: 1, name: "twilioAuthToken" },
  twilio: { index: 1, name: "twilioAuthToken" },
  cookieParser: { index: 0, name: "cookieSecret" },
  Octokit: { index: 0, name: "githubToken" },
  WebClient: { index: 0, name: "slackToken" },
  Telegraf: { index: 0, name: "telegramBotToken" },
  login: { index: 0, name: "botToken" },
  setToken: { index: 0, name: "token" },
  setAccessToken: { index: 0, name: "accessToken" },
  setAuthToken: { index: 0, name: "authToken" },
  basicAuth: { index: 1, name: "password" },
  auth: { index: 1, name: "password" },
  algoliasearch: { index: 1, name: "algoliaApiKey" },
  Sequelize: { index: 2, name: "databasePassword" },
  createConnection: { index: 2, name: "databasePassword" },
  timingSafeEqual: { index: 1, name: "expectedSecret" },
  ServerClient: { index: 0, name: "postmarkServerToken" },
  AccountClient: { index: 0, name: "postmarkAccountToken" },
};
/** `sign`/`verify` are credentials only on a JWT library: `crypto.sign(alg, data, key)` is not. */
const JWT_CALLS = new Set(["sign", "verify"]);
function isJwtReceiver(callee: ts.Expression): boolean {
  return isPropertyAccessExpression(callee) && isIdentifier(callee.expression) && /^(?:jwt|jsonwebtoken|JWT|Jwt|jose|token|tokens)$/.test(callee.expression.text);
}
/** Setters whose first argument names a header and second is its value. */
const HEADER_SETTERS = new Set(["set", "append", "setHeader", "header", "setRequestHeader"]);
/**
 * Calls that only re-encode their argument: the value keeps the name of where the result goes
 * (`JSON.stringify(x)` in a bundler's `define` block is defined as the key's name).
 */
const PASS_THROUGH = new Set(["encode", "from", "String", "Buffer", "TextEncoder", "btoa", "atob", "trim", "toString", "createSecretKey", "importKey", "Set", "stringify"]);
/** Membership tests: `["k1", "k2"].includes(req.headers["x-api-key"])` compares with each element. */
const MEMBERSHIP = new Set(["includes", "indexOf", "has"]);

export function calleeName(expr: ts.Expression): string | undefined {
  if (isIdentifier(expr)) return expr.text;
  if (isPropertyAccessExpression(expr)) return expr.name.text;
  return undefined;
}

/** `process.env.X`, `process.env["X"]`, `import.meta.env.X` → X. */
export function envVarOf(expr: ts.Expression): string | undefined {
  let e = expr;
  while (isParenthesizedExpression(e) || isNonNullExpression(e) || isAsExpression(e)) e = e.expression;
  let obj: ts.Expression;
  let name: string;
  if (isPropertyAccessExpression(e)) {
    obj = e.expression;
    name = e.name.text;
  } else if (isElementAccessExpression(e) && isStringLiteralLike(e.argumentExpression)) {
    obj = e.expression;
    name = e.argumentExpression.text;
  } else return undefined;
  if (!isPropertyAccessExpression(obj) || obj.name.text !== "env") return undefined;
  const base = obj.expression;
  if (isIdentifier(base) && base.text === "process") return name;
  if (isMetaProperty(base)) return name;
  if (isPropertyAccessExpression(base) && base.name.text === "process") return name;
  return undefined;
}

/** The name an expression is known by: identifier, property, `obj["key"]`, a getter call `get("x-api-key")`. */
export function nameOfExpression(expr: ts.Expression): string | undefined {
  let e = expr;
  while (isParenthesizedExpression(e) || isNonNullExpression(e) || isAsExpression(e)) e = e.expression;
  if (isIdentifier(e)) return e.text;
  if (isPropertyAccessExpression(e)) return e.name.text;
  if (isElementAccessExpression(e) && isStringLiteralLike(e.argumentExpression)) return e.argumentExpression.text;
  // `req.headers[API_KEY_HEADER]`: the constant names the header; its `_HEADER` suffix does not.
  if (isElementAccessExpression(e) && isIdentifier(e.argumentExpression) && nameOfExpression(e.expression) === "headers") {
    return e.argumentExpression.text.replace(/_?(?:HEADER|Header)(?:_?(?:NAME|Name))?$/, "") || undefined;
  }
  if (isCallExpression(e) && e.arguments.length === 1 && isStringLiteralLike(e.arguments[0])) {
    const callee = calleeName(e.expression);
    if (callee === "get" || callee === "header" || callee === "getHeader" || callee === "getItem") return e.arguments[0].text;
  }
  return undefined;
}

export function propertyNameText(name: ts.PropertyName | ts.BindingName): string | undefined {
  if (isIdentifier(name) || isStringLiteralLike(name) || isPrivateIdentifier(name)) return name.text;
  if (isComputedPropertyName(name) && isStringLiteralLike(name.expression)) return name.expression.text;
  return undefined;
}

/** The name of whatever holds an object literal: its property, variable, or the call it is passed to. */
function ownerOf(obj: ts.Node): string | undefined {
  let p = obj.parent;
  while (p && (isParenthesizedExpression(p) || isAsExpression(p) || isSatisfiesExpression(p))) p = p.parent;
  if (!p) return undefined;
  if (isPropertyAssignment(p)) return propertyNameText(p.name);
  if (isVariableDeclaration(p) && isIdentifier(p.name)) return p.name.text;
  if (isCallExpression(p) || isNewExpression(p)) return calleeName(p.expression);
  return undefined;
}

/**
 * Follow a literal up through wrappers (parentheses, `as`, conditionals, arrays, re-encoding calls,
 * env fallbacks) to the place that names it.
 */
export function sinkOf(literal: ts.Expression): Sink | undefined {
  let node: ts.Node = literal;
  let fallbackOf: ts.BinaryExpression | undefined;
  let envVar: string | undefined;
  for (let depth = 0; depth < 8; depth++) {
    const p = node.parent;
    if (!p) return undefined;
    if (isArrayLiteralExpression(p)) {
      // A header tuple: [["Authorization", "Bearer …"]].
      if (p.elements.length === 2 && p.elements[1] === node && isStringLiteralLike(p.elements[0])) return { name: p.elements[0].text, how: "header" };
      const access = p.parent;
      if (access && isPropertyAccessExpression(access) && access.expression === p && MEMBERSHIP.has(access.name.text) && access.parent && isCallExpression(access.parent)) {
        const n = access.parent.arguments[0] && nameOfExpression(access.parent.arguments[0]);
        return n ? { name: n, how: "compared" } : undefined;
      }
      node = p;
      continue;
    }
    if (isParenthesizedExpression(p) || isAsExpression(p) || isTypeAssertionExpression(p) || isNonNullExpression(p) || isSatisfiesExpression(p) || isJsxExpression(p)) {
      node = p;
      continue;
    }
    if (isConditionalExpression(p) && node !== p.condition) {
      node = p;
      continue;
    }
    if (isBinaryExpression(p)) {
      const op = p.operatorToken.kind;
      if ((op === SyntaxKind.QuestionQuestionToken || op === SyntaxKind.BarBarToken) && p.right === node) {
        const env = envVarOf(p.left);
        if (env) {
          fallbackOf ??= p;
          envVar ??= env;
        }
        const leftName = env ?? nameOfExpression(p.left);
        if (leftName && !env) return { name: leftName, how: "default" };
        node = p;
        continue;
      }
      if (op === SyntaxKind.EqualsToken && p.right === node) {
        const n = nameOfExpression(p.left);
        return n ? { name: n, how: "assigned", fallbackOf, envVar } : undefined;
      }
      if (op === SyntaxKind.EqualsEqualsEqualsToken || op === SyntaxKind.ExclamationEqualsEqualsToken || op === SyntaxKind.EqualsEqualsToken || op === SyntaxKind.ExclamationEqualsToken) {
        const other = p.left === node ? p.right : p.left;
        const n = nameOfExpression(other);
        return n ? { name: n, how: "compared" } : undefined;
      }
      return undefined;
    }
    if ((isCallExpression(p) || isNewExpression(p)) && p.expression !== node) {
      const args = p.arguments ?? ts.factory.createNodeArray();
      const index = args.indexOf(node as ts.Expression);
      const callee = calleeName(p.expression);
      if (index < 0 || !callee) return undefined;
      if (HEADER_SETTERS.has(callee) && index === 1 && isStringLiteralLike(args[0])) return { name: args[0].text, how: "header" };
      if (PASS_THROUGH.has(callee) && index === 0) {
        node = p;
        continue;
      }
      // `new TextEncoder().encode(x)`: the callee object is a `new` of a pass-through class.
      const known = CREDENTIAL_ARGS[callee];
      if (known && known.index === index && (!JWT_CALLS.has(callee) || isJwtReceiver(p.expression))) return { name: known.name, owner: callee, how: "argument", fallbackOf, envVar };
      if (envVar) return { name: envVar, how: "default", fallbackOf, envVar };
      return undefined;
    }
    break;
  }
  const p = node.parent;
  if (envVar) return { name: envVar, how: "default", fallbackOf, envVar, owner: p && isPropertyAssignment(p) ? propertyNameText(p.name) : undefined };
  if (!p) return undefined;
  if (isVariableDeclaration(p) && p.initializer === node && isIdentifier(p.name)) return { name: p.name.text, how: "assigned" };
  if (isPropertyAssignment(p) && p.initializer === node) {
    // express-basic-auth and friends: `users: { admin: "pw" }` maps user names to passwords.
    if (ownerOf(p.parent) === "users") return { name: "password", owner: propertyNameText(p.name), how: "assigned" };
    const n = propertyNameText(p.name);
    return n ? { name: n, owner: ownerOf(p.parent), how: "assigned" } : undefined;
  }
  if ((isPropertyDeclaration(p) || isParameter(p) || isBindingElement(p) || isEnumMember(p)) && p.initializer === node) {
    const n = p.name && propertyNameText(p.name as ts.PropertyName);
    return n ? { name: n, how: isParameter(p) || isBindingElement(p) ? "default" : "assigned" } : undefined;
  }
  if (isJsxAttribute(p)) {
    const n = isIdentifier(p.name) ? p.name.text : undefined;
    return n ? { name: n, how: "assigned" } : undefined;
  }
  return undefined;
}

/** Literals that are not values at all: module paths, type literals, property names, directives. */
export function isNonValueLiteral(lit: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral): boolean {
  const p = lit.parent;
  if (!p) return true;
  if (isImportDeclaration(p) || isExportDeclaration(p) || isExternalModuleReference(p) || isImportTypeNode(p) || isLiteralTypeNode(p)) return true;
  if (isModuleDeclaration(p)) return true;
  if ((isPropertyAssignment(p) || isPropertyDeclaration(p) || isMethodDeclaration(p) || isPropertySignature(p) || isEnumMember(p)) && p.name === lit) return true;
  if (isElementAccessExpression(p) && p.argumentExpression === lit) return true;
  if (isCallExpression(p) && p.arguments[0] === lit && isIdentifier(p.expression) && p.expression.text === "require") return true;
  if (isCallExpression(p) && p.expression.kind === SyntaxKind.ImportKeyword) return true;
  if (isExpressionStatement(p)) return true;
  return false;
}
