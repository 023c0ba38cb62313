import type { AnyRule } from "./engine/types.js";
import emptyCatch from "./rules/empty-catch.js";
import oversizedFile from "./rules/oversized-file.js";
import unvalidatedInput from "./rules/unvalidated-input.js";
import missingAuth from "./rules/missing-auth.js";
import sqlInjection from "./rules/sql-injection.js";
import errorDetailsLeak from "./rules/error-details-leak.js";
import missingRateLimit from "./rules/missing-rate-limit.js";
import unboundedUpload from "./rules/unbounded-upload.js";

/** Every implemented rule. Adding a rule = one file in rules/, one line here, docs and tests (checked by meta.test). */
export const allRules: readonly AnyRule[] = [emptyCatch, oversizedFile, unvalidatedInput, missingAuth, sqlInjection, errorDetailsLeak, missingRateLimit, unboundedUpload];

export const ruleIds: ReadonlySet<string> = new Set(allRules.map((r) => r.meta.id));

export function ruleById(id: string): AnyRule | undefined {
  return allRules.find((r) => r.meta.id === id);
}
