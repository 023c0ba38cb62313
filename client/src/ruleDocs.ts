/**
 * Where rule documentation lives online. Duplicated from rules/src/catalogue.ts on purpose: the
 * client bundle must not pull in the rules package (a test checks both stay equal).
 */
export const DOCS_BASE = "https://github.com/shipshape-dev/shipshape/blob/main/rules/docs/";

/** Rule ids are kebab-case words; anything else is refused rather than pasted into a URL. */
export function ruleDocsUrl(ruleId: unknown): string | undefined {
  return typeof ruleId === "string" && /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(ruleId) ? `${DOCS_BASE}${ruleId}.md` : undefined;
}
