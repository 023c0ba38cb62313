import ts = require("typescript");
import type { FileIndex } from "../engine/fileIndex.js";
import { dottedName } from "./functions.js";
// TypeScript's exports are getters on an object too large for fast properties: read once.
const { SyntaxKind, isArrayLiteralExpression, isArrowFunction, isAsExpression, isBlock, isCallExpression, isFunctionExpression, isIdentifier, isNoSubstitutionTemplateLiteral, isNonNullExpression, isNumericLiteral, isObjectLiteralExpression, isParenthesizedExpression, isPrefixUnaryExpression, isPropertyAccessExpression, isPropertyAssignment, isSatisfiesExpression, isStringLiteral } = ts;

/** What counts as async work a user could start twice, and what names a pending flag. */

const REQUEST_FUNCTIONS = new Set(["fetch", "axios", "ky", "got", "ofetch", "$fetch", "superagent", "redaxios", "wretch"]);
const REQUEST_MODULES = new Set(["axios", "ky", "got", "ofetch", "superagent", "redaxios", "wretch", "ky-universal", "node-fetch", "cross-fetch", "isomorphic-fetch"]);
const HTTP_METHODS = new Set(["get", "post", "put", "patch", "delete", "del", "head", "request", "fetch"]);
/** Objects whose `.post()` etc. are HTTP requests. */
const CLIENT_NAME = /^(axios|https?|https?Client|api|apiClient|client|ky|got|ofetch|\$fetch|superagent|request|instance|backend|axiosInstance|\$http|\$api|privateApi|publicApi|authApi|server)$/i;
/** Awaited things that are not work the user could trigger twice (dialogs, clipboard, timers, navigation). */
export const NOT_WORK = /(^|\.)(confirm\w*|prompt\w*|ask\w*|open\w*Dialog|show\w*(Dialog|Modal)|sleep|delay|wait|timeout|writeText|readText|clipboard\.\w+|\w*[cC]lipboard\w*|copy|copyText|share|requestPermission|requestFullscreen|exitFullscreen|text|arrayBuffer|json|blob|readAs\w+|read\w*File\w*|convert\w*|parse\w*|format\w*|compress\w*|resize\w*|encode\w*|decode\w*|hash\w*|to\w*(DataUrl|DataURL|Base64|Blob)|push|replace|prefetch|back|navigate|refresh|reload|invalidate\w*|refetch\w*|resetQueries|prefetchQuery|changeLanguage|import|resolve|all|allSettled|race|any|vibrate|play|pause|focus|scroll\w*|validate\w*|trigger)$/;
const PENDING_WORD = /(loading|pending|submitting|saving|sending|busy|processing|mutating|deleting|removing|updating|creating|posting|uploading|fetching|working|inflight|inprogress|running|publishing|cancell?ing|adding|joining|paying|placing|redirecting|signingin|loggingin|checkingout|progress)/i;
export const UTILITY_NAME = /^(convert|parse|format|compress|resize|encode|decode|hash|read|copy|to[A-Z])|[cC]lipboard/;
/** Calls that put a pending indicator on screen without component state. */
export const INDICATOR = /(^|\.)(toast\.(loading|promise)|(NProgress|nprogress)\.start|showLoading|showSpinner|startLoading|setGlobalLoading|showLoader)$/;
/** Pending words that name an action in flight (not a page load), for flags of unknown origin. */
const ACTION_PENDING_WORD = /(pending|submitting|saving|sending|busy|processing|mutating|deleting|removing|updating|creating|posting|uploading|working|inflight|inprogress|publishing|cancell?ing|adding|joining|paying|placing|signingin|loggingin|checkingout)/i;

export const isPendingName = (name: string) => PENDING_WORD.test(name);
export const isActionPendingName = (name: string) => ACTION_PENDING_WORD.test(name);

/**
 * Is this call an HTTP request: fetch/axios/ky/got/ofetch/superagent, `client.post()` on an HTTP
 * client (imported from those packages, named like one, or made by `axios.create`)? `isLocal`
 * tells whether a name is a function of the file (a local `fetch` wrapper is followed instead).
 */
export function isRequestCall(call: ts.CallExpression, index: FileIndex, isLocal: (name: string, at: ts.Node) => boolean): boolean {
  const callee = call.expression;
  if (isIdentifier(callee)) {
    if (!REQUEST_FUNCTIONS.has(callee.text)) {
      const b = index.importOf(callee.text);
      return !!b && REQUEST_MODULES.has(b.module);
    }
    return !isLocal(callee.text, call);
  }
  if (!isPropertyAccessExpression(callee) || !HTTP_METHODS.has(callee.name.text)) return false;
  const obj = unwrap(callee.expression);
  if (!isIdentifier(obj)) {
    // this.http.post(...), api.client.post(...)
    return isPropertyAccessExpression(obj) && CLIENT_NAME.test(obj.name.text);
  }
  const b = index.importOf(obj.text);
  if (b && REQUEST_MODULES.has(b.module)) return true;
  if (CLIENT_NAME.test(obj.text)) return true;
  // const api = axios.create(...) in this file
  return index.variableDeclarations.some((d) => isIdentifier(d.name) && d.name.text === obj.text && !!d.initializer && isCallExpression(d.initializer) && /^(axios|ky|got|ofetch|wretch)\.(create|extend)$/.test(dottedName(d.initializer.expression) ?? ""));
}

export function unwrap(e: ts.Expression): ts.Expression {
  while (isParenthesizedExpression(e) || isAsExpression(e) || isNonNullExpression(e) || isSatisfiesExpression(e)) e = e.expression;
  return e;
}

/** The innermost call of a `a().then().catch()` chain. */
export function chainRoot(call: ts.CallExpression): ts.CallExpression | undefined {
  let cur: ts.Expression = call;
  let root: ts.CallExpression | undefined;
  while (isCallExpression(cur)) {
    root = cur;
    const callee: ts.Expression = cur.expression;
    if (!isPropertyAccessExpression(callee)) break;
    cur = callee.expression;
  }
  return root;
}

export const isTruthyLiteral = (e: ts.Expression) => e.kind === SyntaxKind.TrueKeyword;

/** Could this setter argument turn a pending flag on? `true`, `"saving"`, `item.id`; not `false`, `null`, `""`, `[]`, updaters. */
export function isTruthyValue(e: ts.Expression, reducer: boolean): boolean {
  e = unwrap(e);
  if (reducer) return true;
  switch (e.kind) {
    case SyntaxKind.FalseKeyword:
    case SyntaxKind.NullKeyword:
    case SyntaxKind.UndefinedKeyword:
      return false;
  }
  if (isIdentifier(e) && e.text === "undefined") return false;
  if (isStringLiteral(e) || isNoSubstitutionTemplateLiteral(e)) return e.text !== "";
  if (isNumericLiteral(e)) return e.text !== "0";
  if (isArrowFunction(e) && !isBlock(e.body)) {
    // setForm((f) => ({ ...f, submitting: true }))
    const body = unwrap(e.body);
    return isObjectLiteralExpression(body) && body.properties.some((p) => isPropertyAssignment(p) && isIdentifier(p.name) && PENDING_WORD.test(p.name.text) && p.initializer.kind === SyntaxKind.TrueKeyword);
  }
  if (isArrowFunction(e) || isFunctionExpression(e) || isArrayLiteralExpression(e)) return false;
  if (isPrefixUnaryExpression(e) && e.operator === SyntaxKind.ExclamationToken) return false;
  return true;
}

export function isLiteralish(e: ts.Expression): boolean {
  e = unwrap(e);
  return e.kind === SyntaxKind.TrueKeyword || isStringLiteral(e) || isNoSubstitutionTemplateLiteral(e) || isObjectLiteralExpression(e);
}

