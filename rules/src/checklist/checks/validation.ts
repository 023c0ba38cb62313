import type { Check } from "../types.js";
import { hasDependency } from "../detect.js";

export const VALIDATION_LIBRARIES = ["zod", "yup", "joi", "@hapi/joi", "valibot", "superstruct", "ajv", "arktype", "@sinclair/typebox", "typia", "class-validator", "express-validator", "celebrate", "@vinejs/vine", "runtypes", "io-ts", "@effect/schema", "effect"];

export const validationChecks: Check[] = [
  (facts) => {
    if (facts.sourceFiles.length === 0) return undefined;
    const lib = hasDependency(facts, VALIDATION_LIBRARIES);
    return {
      id: "validation.library",
      title: "A validation library checks input",
      status: lib ? "pass" : "warn",
      evidence: lib ? `${lib} is a dependency` : "no validation library among the dependencies: add zod (or yup, valibot, joi) and parse request bodies with it",
    };
  },
];
