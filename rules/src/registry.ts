import type { AnyRule } from "./engine/types.js";
import emptyCatch from "./rules/empty-catch.js";
import oversizedFile from "./rules/oversized-file.js";
import hardcodedSecret from "./rules/hardcoded-secret.js";
import publicEnvSecret from "./rules/public-env-secret.js";

/** Every implemented rule. Adding a rule = one file in rules/, one line here, docs and tests (checked by meta.test). */
export const allRules: readonly AnyRule[] = [emptyCatch, oversizedFile, hardcodedSecret, publicEnvSecret];

export const ruleIds: ReadonlySet<string> = new Set(allRules.map((r) => r.meta.id));

export function ruleById(id: string): AnyRule | undefined {
  return allRules.find((r) => r.meta.id === id);
}
