import { CATALOGUE, STEPS } from "../catalogue.js";
import type { StepId } from "../engine/types.js";
import type { Check, Checklist, ChecklistItem, ChecklistStep, Status, WorkspaceFacts } from "./types.js";
import { hasDependency, REACT_PACKAGES } from "./detect.js";
import { structureChecks } from "./checks/structure.js";
import { secretsChecks } from "./checks/secrets.js";
import { migrationsChecks } from "./checks/migrations.js";
import { authChecks } from "./checks/auth.js";
import { validationChecks } from "./checks/validation.js";
import { errorsChecks } from "./checks/errors.js";
import { deploymentChecks } from "./checks/deployment.js";
import { monitoringChecks } from "./checks/monitoring.js";
import { securityChecks } from "./checks/security.js";

const CHECKS: Record<StepId, Check[]> = {
  structure: structureChecks,
  secrets: secretsChecks,
  migrations: migrationsChecks,
  auth: authChecks,
  validation: validationChecks,
  errors: errorsChecks,
  deployment: deploymentChecks,
  monitoring: monitoringChecks,
  security: securityChecks,
  loading: [],
};

/** Steps whose rules only make sense for some apps: without that kind of code the step is n/a. */
function ruleStepApplies(step: StepId, facts: WorkspaceFacts): boolean {
  if (facts.sourceFiles.length === 0) return false;
  switch (step) {
    case "loading":
      return !!hasDependency(facts, REACT_PACKAGES) || facts.sourceFiles.some((f) => /\.(t|j)sx$/.test(f));
    case "migrations":
    case "deployment":
    case "monitoring":
      return false; // decided by their items
    default:
      return true;
  }
}

export interface ChecklistOptions {
  /** Ids of "confirm by hand" items the user ticked. */
  manualTicks?: ReadonlySet<string>;
}

export function stepStatus(items: readonly ChecklistItem[], findings: WorkspaceFacts["findings"], applicable: boolean): Status {
  if (!applicable && items.length === 0 && findings.length === 0) return "n/a";
  if (items.some((i) => i.status === "fail") || findings.some((f) => f.severity === "error")) return "fail";
  if (items.some((i) => i.status === "warn") || findings.length > 0) return "warn";
  if (items.some((i) => i.status === "manual")) return "manual";
  return "pass";
}

/** The production-readiness checklist for a workspace: steps → items → status, with findings per step. */
export function buildChecklist(facts: WorkspaceFacts, options: ChecklistOptions = {}): Checklist {
  const ticks = options.manualTicks ?? new Set<string>();
  const steps: ChecklistStep[] = STEPS.map(({ id, title }) => {
    const items: ChecklistItem[] = [];
    for (const check of CHECKS[id]) {
      let item: ChecklistItem | undefined;
      try {
        item = check(facts);
      } catch (e) {
        // A check that trips over an odd workspace must not take the checklist down.
        item = { id: `${id}.error`, title: "Check failed", status: "warn", evidence: `could not evaluate: ${(e as Error).message}` };
      }
      if (!item) continue;
      if (item.status === "manual" && ticks.has(item.id)) item = { ...item, status: "pass", evidence: `confirmed by hand — ${item.evidence}` };
      items.push(item);
    }
    const rules = Object.entries(CATALOGUE).filter(([, s]) => s.includes(id)).map(([r]) => r);
    const stepFindings = facts.findings.filter((f) => rules.includes(f.rule));
    const status = stepStatus(items, stepFindings, ruleStepApplies(id, facts));
    return {
      id,
      title,
      status,
      items,
      findings: stepFindings.map(({ rule, file, line, message }) => ({ rule, file, line, message })),
    };
  });
  const applicable = steps.filter((s) => s.status !== "n/a");
  return { steps, score: { passed: applicable.filter((s) => s.status === "pass").length, total: applicable.length } };
}
