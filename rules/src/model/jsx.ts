import ts = require("typescript");
import { dottedName, isFunctionLike } from "./functions.js";
// TypeScript's exports are getters on an object too large for fast properties: read once.
const { isConditionalExpression, isIdentifier, isJsxAttribute, isJsxElement, isJsxExpression, isJsxFragment, isJsxOpeningElement, isJsxText, isNoSubstitutionTemplateLiteral, isParenthesizedExpression, isPropertyAccessExpression, isStringLiteral } = ts;

/** Small readers of JSX elements: tag, attributes, visible label, the form around a button. */

export function enclosingForm(el: ts.Node): ts.JsxElement | undefined {
  for (let p = el.parent; p; p = p.parent) {
    if (isJsxElement(p) && tagName(p.openingElement) === "form") return p;
    if (isFunctionLike(p)) return undefined;
  }
  return undefined;
}

export function tagName(el: ts.JsxOpeningLikeElement): string | undefined {
  const t = el.tagName;
  if (isIdentifier(t)) return t.text;
  if (isPropertyAccessExpression(t)) return dottedName(t);
  return undefined;
}

export function attr(el: ts.JsxOpeningLikeElement, name: string): ts.JsxAttribute | undefined {
  for (const p of el.attributes.properties) if (isJsxAttribute(p) && isIdentifier(p.name) && p.name.text === name) return p;
  return undefined;
}

export function stringAttr(el: ts.JsxOpeningLikeElement, name: string): string | undefined {
  const a = attr(el, name);
  const init = a?.initializer;
  if (!init) return undefined;
  if (isStringLiteral(init)) return init.text;
  if (isJsxExpression(init) && init.expression && (isStringLiteral(init.expression) || isNoSubstitutionTemplateLiteral(init.expression))) return init.expression.text;
  return undefined;
}

/** The visible text of an element: its text children, string expressions, the idle branch of `pending ? "…" : "Save"`. */
export function labelOf(el: ts.JsxOpeningLikeElement): string | undefined {
  const parts: string[] = [];
  const take = (e: ts.Expression | undefined) => {
    if (!e) return;
    if (isStringLiteral(e) || isNoSubstitutionTemplateLiteral(e)) parts.push(e.text);
    else if (isConditionalExpression(e)) take(e.whenFalse);
    else if (isParenthesizedExpression(e)) take(e.expression);
    else if (isJsxElement(e) || isJsxFragment(e)) walk(e.children);
  };
  const walk = (children: ts.NodeArray<ts.JsxChild>) => {
    for (const c of children) {
      if (isJsxText(c)) parts.push(c.text);
      else if (isJsxExpression(c)) take(c.expression);
      else if (isJsxElement(c) || isJsxFragment(c)) walk(c.children);
    }
  };
  if (isJsxOpeningElement(el)) walk(el.parent.children);
  let text = parts.join(" ").replace(/\s+/g, " ").trim();
  // Icons and arrows ("▲", "×") say less than the accessible name.
  if (!/[\p{L}\p{N}]/u.test(text)) text = "";
  if (!text) text = stringAttr(el, "aria-label") ?? stringAttr(el, "title") ?? (tagName(el) === "input" ? stringAttr(el, "value") ?? "" : "");
  if (!text) return undefined;
  return text.length > 40 ? text.slice(0, 39) + "…" : text;
}

/**
 * The button that submits a form: the first `type="submit"` button (or input), else the last
 * `<button>` without a type and without its own click handler. Elements come from the file index.
 */
export function submitButtonOf(form: ts.JsxElement, elements: readonly (ts.JsxElement | ts.JsxSelfClosingElement)[]): ts.JsxOpeningLikeElement | undefined {
  let explicit: ts.JsxOpeningLikeElement | undefined;
  let lastDefault: ts.JsxOpeningLikeElement | undefined;
  for (const el of elements) {
    if (el.pos <= form.pos || el.end > form.end) continue;
    const opening = isJsxElement(el) ? el.openingElement : el;
    const tag = tagName(opening) ?? "";
    const type = stringAttr(opening, "type");
    if (tag === "form") return explicit ?? lastDefault; // a nested form's buttons are its own
    const buttonLike = tag === "button" || /Button$/.test(tag);
    if (type === "submit" && (buttonLike || tag === "input")) {
      explicit ??= opening;
    } else if (tag === "button" && type === undefined && !attr(opening, "onClick")) lastDefault = opening;
  }
  return explicit ?? lastDefault;
}
