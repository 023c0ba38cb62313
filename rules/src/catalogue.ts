import type { StepId } from "./engine/types.js";

/** Every rule id of the contract (../shared/spec/rules.md), implemented or not. Ids are public API. */
export const CATALOGUE: Readonly<Record<string, readonly StepId[]>> = {
  "oversized-file": ["structure"],
  "hardcoded-secret": ["secrets"],
  "public-env-secret": ["secrets"],
  "schema-sync": ["migrations"],
  "missing-auth": ["auth", "security"],
  "insecure-cookie": ["auth"],
  "jwt-no-expiry": ["auth"],
  "unvalidated-input": ["validation"],
  "sql-injection": ["validation", "security"],
  "unhandled-fetch": ["errors"],
  "unchecked-response": ["errors"],
  "fetch-without-timeout": ["errors"],
  "empty-catch": ["errors"],
  "error-details-leak": ["errors"],
  "missing-rate-limit": ["security"],
  "unbounded-upload": ["security"],
  "missing-loading-state": ["loading"],
};

export const STEPS: ReadonlyArray<{ id: StepId; number: string; title: string }> = [
  { id: "structure", number: "1", title: "Code cleanup and structure" },
  { id: "secrets", number: "2", title: "Environment variables and secrets" },
  { id: "migrations", number: "3", title: "Database migrations" },
  { id: "auth", number: "4", title: "Auth and session handling" },
  { id: "validation", number: "5", title: "Input validation" },
  { id: "errors", number: "6", title: "Error handling and logging" },
  { id: "deployment", number: "7", title: "Deployment setup" },
  { id: "monitoring", number: "8", title: "Backups and monitoring" },
  { id: "security", number: "9", title: "Basic security review" },
  { id: "loading", number: "+", title: "Loading states" },
];

/** Where a rule's documentation lives online; the same file ships in the .vsix under rules/docs/. */
export const DOCS_BASE = "https://github.com/shipshape-dev/shipshape/blob/main/rules/docs/";
export const docsUrl = (ruleId: string) => `${DOCS_BASE}${ruleId}.md`;
