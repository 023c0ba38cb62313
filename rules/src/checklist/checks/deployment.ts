import type { Check, WorkspaceFacts } from "../types.js";
import { hasDependency, joinRel, projectDirs } from "../detect.js";

const CI_FILES = [".gitlab-ci.yml", ".circleci/config.yml", "azure-pipelines.yml", "bitbucket-pipelines.yml", "Jenkinsfile", ".travis.yml", ".buildkite/pipeline.yml", ".drone.yml"];
const PLATFORM_FILES = ["Dockerfile", "docker-compose.yml", "docker-compose.yaml", "compose.yaml", "compose.yml", "vercel.json", "fly.toml", "render.yaml", "netlify.toml", "railway.json", "railway.toml", "Procfile", "app.yaml", "serverless.yml", "serverless.ts", "amplify.yml", "wrangler.toml", "wrangler.json", "nixpacks.toml", ".platform.app.yaml", "apprunner.yaml", "sst.config.ts", "cdk.json"];

function ciConfigs(facts: WorkspaceFacts): string[] {
  const workflows = facts.listDir(".github/workflows").filter((n) => /\.ya?ml$/.test(n)).map((n) => `.github/workflows/${n}`);
  return [...workflows, ...CI_FILES.filter((f) => facts.exists(f))];
}

export const deploymentChecks: Check[] = [
  (facts) => {
    const configs = ciConfigs(facts);
    if (configs.length === 0) return { id: "deployment.ci", title: "CI runs the tests", status: "warn", evidence: "no CI configuration (.github/workflows, .gitlab-ci.yml …): nothing checks a change before it ships" };
    const runsTests = configs.find((c) => /\b(test|vitest|jest|playwright|mocha|ava|tap)\b/.test(facts.readFile(c) ?? ""));
    return {
      id: "deployment.ci",
      title: "CI runs the tests",
      status: runsTests ? "pass" : "warn",
      evidence: runsTests ? `${runsTests} runs tests` : `${configs[0]} does not seem to run tests`,
    };
  },
  (facts) => {
    if (Object.keys(facts.scripts).length === 0 && !facts.exists("package.json")) return undefined;
    const missing = ["build", "start"].filter((s) => !facts.scripts[s]);
    // A pure static site or a serverless-only app may have no start: say so rather than fail.
    return {
      id: "deployment.scripts",
      title: "Build and start scripts exist",
      status: missing.length === 0 ? "pass" : "warn",
      evidence: missing.length === 0 ? `build: \`${facts.scripts.build}\`, start: \`${facts.scripts.start}\`` : `package.json has no ${missing.join(" or ")} script`,
    };
  },
  (facts) => {
    // A monorepo's apps often keep their Dockerfile or fly.toml next to their package.json.
    const platform = projectDirs(facts).flatMap((dir) => PLATFORM_FILES.map((f) => joinRel(dir, f))).find((f) => facts.exists(f));
    if (platform) return { id: "deployment.platform", title: "Deployment is described in the repository", status: "pass", evidence: `${platform}` };
    const next = hasDependency(facts, ["next"]);
    return {
      id: "deployment.platform",
      title: "Deployment is described in the repository",
      status: "manual",
      evidence: next ? "no Dockerfile or platform config: fine for zero-config Next.js hosting — confirm where and how it deploys" : "no Dockerfile or platform config (vercel.json, fly.toml, render.yaml …): confirm how it deploys",
    };
  },
];
