import type { Check } from "../types.js";

export const structureChecks: Check[] = [
  (facts) => {
    const files = facts.sourceFiles;
    if (files.length === 0) return undefined;
    const nested = files.filter((f) => f.includes("/")).length;
    const rootOnly = files.length - nested;
    // A handful of config files at the root is normal (next.config.js, vite.config.ts).
    const ok = files.length <= 6 || nested >= rootOnly;
    return {
      id: "structure.folders",
      title: "Source is split into folders",
      status: ok ? "pass" : "warn",
      evidence: ok ? `${nested} of ${files.length} source files live in folders` : `${rootOnly} of ${files.length} source files sit at the top level: group them by feature or layer`,
    };
  },
];
