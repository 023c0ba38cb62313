import type { Check, WorkspaceFacts } from "../types.js";
import { REACT_PACKAGES, fileContaining, hasDependency, sourcesWhere } from "../detect.js";

const LOGGERS = ["pino", "winston", "bunyan", "log4js", "@logtail/node", "@logtail/next", "@logtail/pino", "consola", "loglevel", "signale", "tslog", "roarr", "next-axiom", "@axiomhq/js"];
export const MONITORING_SDKS = ["@sentry/", "dd-trace", "@datadog/", "newrelic", "@bugsnag/", "rollbar", "@highlight-run/", "@rollbar/", "@honeybadger-io/", "@opentelemetry/sdk-node", "@vercel/otel", "@logtail/", "@axiomhq/", "posthog-node", "elastic-apm-node", "@appsignal/nodejs"];

/** Where initialisation usually lives; read only these, never the whole workspace. */
function initCandidates(facts: WorkspaceFacts): string[] {
  return sourcesWhere(facts, (f) => /(^|\/)(instrumentation|sentry\.[a-z]+\.config|logger|logging|log|monitoring|observability|telemetry|tracing|server|app|index|main)\.(t|j)sx?$|(^|\/)lib\/(logger|log)\b/i.test(f), 40);
}

export const errorsChecks: Check[] = [
  (facts) => {
    if (facts.sourceFiles.length === 0) return undefined;
    const logger = hasDependency(facts, LOGGERS);
    const sdk = hasDependency(facts, MONITORING_SDKS);
    if (!logger && !sdk) {
      return { id: "errors.logger", title: "A logger or error-monitoring SDK is set up", status: "warn", evidence: "no logger (pino, winston …) or error-monitoring SDK (Sentry, Datadog …) among the dependencies: console output is lost in production" };
    }
    const name = sdk ?? logger!;
    const init = fileContaining(facts, initCandidates(facts), /\b(Sentry\.init|init\(\s*\{[^}]*dsn|pino\(|createLogger\(|winston\.|bunyan\.createLogger|tracer\.init|registerOTel|new Logtail|Bugsnag\.start|new Rollbar|log4js\.configure|new Logger\()/);
    return {
      id: "errors.logger",
      title: "A logger or error-monitoring SDK is set up",
      status: init ? "pass" : "warn",
      evidence: init ? `${name}, initialised in ${init}` : `${name} is a dependency but no initialisation was found (Sentry.init, pino(), createLogger …)`,
    };
  },
  (facts) => {
    const react = hasDependency(facts, REACT_PACKAGES);
    if (!react) return undefined;
    const nextError = sourcesWhere(facts, (f) => /(^|\/)app\/(.*\/)?(global-)?error\.(t|j)sx?$/.test(f), 1)[0];
    if (nextError) return { id: "errors.boundary", title: "Rendering errors are caught", status: "pass", evidence: `Next.js error boundary ${nextError}` };
    if (hasDependency(facts, ["react-error-boundary"])) return { id: "errors.boundary", title: "Rendering errors are caught", status: "pass", evidence: "react-error-boundary is a dependency" };
    const custom = fileContaining(facts, sourcesWhere(facts, (f) => /\.(t|j)sx$/.test(f) && /error|boundary/i.test(f), 20), /componentDidCatch|getDerivedStateFromError|ErrorBoundary/);
    return {
      id: "errors.boundary",
      title: "Rendering errors are caught",
      status: custom ? "pass" : "warn",
      evidence: custom ? `error boundary in ${custom}` : "no React error boundary or Next.js error.tsx: one rendering error blanks the whole page",
    };
  },
];
