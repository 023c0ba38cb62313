import type { AnyRule } from "./engine/types.js";
import emptyCatch from "./rules/empty-catch.js";
import oversizedFile from "./rules/oversized-file.js";
import hardcodedSecret from "./rules/hardcoded-secret.js";
import publicEnvSecret from "./rules/public-env-secret.js";
import insecureCookie from "./rules/insecure-cookie.js";
import jwtNoExpiry from "./rules/jwt-no-expiry.js";
import schemaSync from "./rules/schema-sync.js";
import unhandledFetch from "./rules/unhandled-fetch.js";
import uncheckedResponse from "./rules/unchecked-response.js";
import fetchWithoutTimeout from "./rules/fetch-without-timeout.js";
import missingLoadingState from "./rules/missing-loading-state.js";
import unvalidatedInput from "./rules/unvalidated-input.js";
import missingAuth from "./rules/missing-auth.js";
import sqlInjection from "./rules/sql-injection.js";
import errorDetailsLeak from "./rules/error-details-leak.js";
import missingRateLimit from "./rules/missing-rate-limit.js";
import unboundedUpload from "./rules/unbounded-upload.js";

/** Every implemented rule. Adding a rule = one file in rules/, one line here, docs and tests (checked by meta.test). */
export const allRules: readonly AnyRule[] = [
  emptyCatch,
  oversizedFile,
  hardcodedSecret,
  publicEnvSecret,
  insecureCookie,
  jwtNoExpiry,
  schemaSync,
  unhandledFetch,
  uncheckedResponse,
  fetchWithoutTimeout,
  missingLoadingState,
  unvalidatedInput,
  missingAuth,
  sqlInjection,
  errorDetailsLeak,
  missingRateLimit,
  unboundedUpload,
];

export const ruleIds: ReadonlySet<string> = new Set(allRules.map((r) => r.meta.id));

export function ruleById(id: string): AnyRule | undefined {
  return allRules.find((r) => r.meta.id === id);
}
