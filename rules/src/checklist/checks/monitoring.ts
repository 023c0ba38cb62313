import type { Check } from "../types.js";
import { fileContaining, hasDependency, sourcesWhere } from "../detect.js";
import { MONITORING_SDKS } from "./errors.js";

export const monitoringChecks: Check[] = [
  (facts) => {
    if (facts.sourceFiles.length === 0) return undefined;
    // Unambiguous names anywhere; generic ones (status, ping, ready, live) only where routes live,
    // so components/Status.tsx is not taken for an endpoint.
    const byPath = sourcesWhere(facts, (f) =>
      /(^|\/)(health|healthz|healthcheck|health-check|readiness|liveness|livez|readyz)(\/route)?\.(m|c)?(t|j)sx?$/.test(f)
      || /(^|\/)(api|routes?|controllers?|handlers?|endpoints?|pages\/api|app\/api)\/(.*\/)?(status|ping|ready|live)(\/route)?\.(m|c)?(t|j)sx?$/.test(f)
      || /(^|\/)api\/(health|healthz|status|ping)\//.test(f), 1)[0];
    const byRoute = byPath ?? fileContaining(facts, sourcesWhere(facts, (f) => /(routes?|server|app|index|main)\b/.test(f), 60), /["'`]\/(api\/)?(health|healthz|healthcheck|status|ping|ready|livez|readyz)["'`]/);
    return {
      id: "monitoring.health",
      title: "A health-check endpoint exists",
      status: byRoute ? "pass" : "warn",
      evidence: byRoute ? `health route in ${byRoute}` : "no /health (or /healthz, /status) route: uptime monitors and load balancers need one",
    };
  },
  (facts) => {
    const sdk = hasDependency(facts, MONITORING_SDKS);
    return {
      id: "monitoring.errors",
      title: "Errors are reported to a monitoring service",
      status: sdk ? "pass" : "manual",
      evidence: sdk ? `${sdk} is a dependency` : "no error-monitoring SDK found: confirm errors reach a service that alerts you (Sentry, Datadog, your host's logs)",
    };
  },
  () => ({ id: "monitoring.uptime", title: "Uptime is monitored", status: "manual", evidence: "set up an external uptime check on the health route (Better Stack, UptimeRobot, your host's checks)" }),
  (facts) => {
    const db = hasDependency(facts, ["pg", "postgres", "mysql2", "@prisma/client", "mongoose", "mongodb", "typeorm", "sequelize", "drizzle-orm", "knex", "@supabase/supabase-js", "better-sqlite3"]);
    if (!db) return undefined;
    return { id: "monitoring.backups", title: "Database backups run and restore", status: "manual", evidence: `${db} in use: confirm automatic backups are on and a restore has been tried` };
  },
];
