import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { PassThrough } from "node:stream";
import ts = require("typescript");
import { createConnection, ProposedFeatures } from "vscode-languageserver/node";
import {
  createProtocolConnection,
  DidOpenTextDocumentNotification,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
  type LogMessageParams,
  type PublishDiagnosticsParams,
} from "vscode-languageserver-protocol/node";
import { allRules, analyzeSource, type Rule } from "../../rules/src/index.js";
import { startServer } from "../src/server.js";
import { makeWorkspace, removeWorkspace, runCli } from "./cli-harness.js";
import { LspHarness } from "./lsp-harness.js";

/**
 * A secret's value never leaves its file. Format-valid fake secrets are planted where the rules
 * look (JWT signing keys, cookies, database URLs, catch blocks, .env, package.json scripts), then
 * every output channel is searched for them and for any 12-character piece of them: CLI text,
 * JSON and SARIF with --verbose --timing, and the language server at debug level with verbose
 * tracing (log messages, traces, diagnostics, status, pop-ups, stderr, code action titles).
 * Works with whatever rules are registered. Code action edits are left out: "Move to .env"
 * legitimately writes the value into .env.
 */
const PEM_BODY = "MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0";
const PLANTED: Record<string, string> = {
  awsKeyId: "AKIAQ3EXAMPLEZ7K4PLT",
  awsSecret: "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",
  stripe: "sk_live_4eC39HqLyjWDarjtT1zdp7dcQ9xZ",
  github: "ghp_R7sK2mQ9vX4bT8nL1pW6cY3hJ5fD0gA2eZ9u",
  pem: PEM_BODY,
  dbPassword: "Sup3rS3cretPassw0rd",
  jwt: "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkphbmUifQ.Xk3pQ9rT2vW8yZ1aB4cD6eF7gH0iJ5kL3mN8oP2qR4s",
};
const DB_URL = `postgres://admin:${PLANTED.dbPassword}@db.internal:5432/app`;
const PEM = `-----BEGIN RSA PRIVATE KEY-----\\n${PEM_BODY}\\n-----END RSA PRIVATE KEY-----`;

const FILES: Record<string, string> = {
  "package.json": JSON.stringify({ name: "app", dependencies: { express: "4", jsonwebtoken: "9", sequelize: "6", stripe: "14" }, scripts: { deploy: `DATABASE_URL=${DB_URL} prisma db push --accept-data-loss` } }, null, 2),
  ".env": `AWS_ACCESS_KEY_ID=${PLANTED.awsKeyId}\nAWS_SECRET_ACCESS_KEY=${PLANTED.awsSecret}\nNEXT_PUBLIC_STRIPE_KEY=${PLANTED.stripe}\n`,
  "src/config.ts": [
    `export const aws = { accessKeyId: "${PLANTED.awsKeyId}", secretAccessKey: "${PLANTED.awsSecret}" };`,
    `export const stripeKey = "${PLANTED.stripe}";`,
    `const GITHUB_TOKEN = "${PLANTED.github}";`,
    `export const privateKey = "${PEM}";`,
    `export const token = "${PLANTED.jwt}";`,
    `export const gh = () => fetch("https://api.github.com", { headers: { Authorization: \`token \${GITHUB_TOKEN}\` } });`,
    "",
  ].join("\n"),
  "src/server.ts": [
    `import express from "express";`,
    `import jwt from "jsonwebtoken";`,
    `import { Sequelize } from "sequelize";`,
    `const db = new Sequelize("${DB_URL}");`,
    `await db.sync({ force: true });`,
    `const app = express();`,
    `app.post("/login", (req, res) => {`,
    `  const t = jwt.sign({ sub: req.body.id }, "${PLANTED.awsSecret}");`,
    `  res.cookie("session", "${PLANTED.jwt}");`,
    `  try { jwt.verify(t, "${PLANTED.stripe}", { algorithms: ["none"] }); } catch (e) {}`,
    `  try { connect("${DB_URL}"); } catch { /* ${PLANTED.github} */ }`,
    `  res.json({ ok: true });`,
    `});`,
    "",
  ].join("\n"),
};

/** Every 12-character piece of every planted value. */
const PIECES = Object.entries(PLANTED).flatMap(([name, v]) => Array.from({ length: v.length - 11 }, (_, i) => ({ name, piece: v.slice(i, i + 12) })));

function assertNoSecret(channel: string, text: string): void {
  const hit = PIECES.find((p) => text.includes(p.piece));
  assert.equal(hit, undefined, hit && `${channel} carries part of the planted ${hit.name} ("${hit.piece}"):\n${text.slice(Math.max(0, text.indexOf(hit.piece) - 200), text.indexOf(hit.piece) + 100)}`);
}

let workspace: string;
before(() => {
  workspace = makeWorkspace({ ...FILES, "shipshape.json": JSON.stringify({ limits: { maxFileLines: 3 } }) });
});
after(() => removeWorkspace(workspace));

test("the planted secrets are really there, and the rules do report on the files holding them", () => {
  const all = Object.values(FILES).join("\n");
  for (const v of Object.values(PLANTED)) assert.ok(all.includes(v));
  const r = analyzeSource({ fileName: "src/server.ts", text: FILES["src/server.ts"] }, { rules: allRules });
  assert.ok(r.findings.length >= 2, `findings: ${r.findings.map((f) => f.ruleId).join(", ")}`);
});

test("CLI: text, JSON and SARIF, verbose and timed, carry no secret", () => {
  let findings = 0;
  for (const format of ["text", "json", "sarif"]) {
    const r = runCli(["scan", workspace, "--format", format, "--verbose", "--timing", "--exit-zero"]);
    assert.equal(r.status, 0, r.stderr);
    assertNoSecret(`scan --format ${format} stdout`, r.stdout);
    assertNoSecret(`scan --format ${format} stderr`, r.stderr);
    if (format === "json") findings = JSON.parse(r.stdout).files?.reduce?.((n: number, f: { findings: unknown[] }) => n + f.findings.length, 0) ?? r.stdout.length;
  }
  assert.ok(findings > 0, "the scan found something to report");
  for (const format of ["markdown", "html", "json"]) {
    const r = runCli(["report", workspace, "--format", format]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /hardcoded-secret/, `the ${format} report lists the findings`);
    assertNoSecret(`report --format ${format} stdout`, r.stdout);
    assertNoSecret(`report --format ${format} stderr`, r.stderr);
  }
});

test("language server at debug level with verbose tracing: no channel carries a secret", async () => {
  const server = new LspHarness({ workspace, trace: "verbose", settings: { logLevel: "debug" } });
  await server.start();
  try {
    const titles: string[] = [];
    for (const rel of ["src/config.ts", "src/server.ts", ".env", "package.json"]) {
      const uri = server.open(rel, FILES[rel], 1, rel.endsWith(".ts") ? "typescript" : "plaintext");
      const ds = await server.diagnosticsAt(uri, 1);
      for (const d of ds) {
        for (const a of await server.codeActions(uri, [d])) titles.push(a.title, a.command?.title ?? "", JSON.stringify(a.command?.arguments ?? []));
      }
      const all = await server.codeActions(uri, ds, ["source.fixAll.shipshape"]);
      titles.push(...all.map((a) => a.title));
    }
    assert.ok(server.diagnostics.some((p) => p.diagnostics.length > 0), "the server reported findings");
    assertNoSecret("publishDiagnostics", JSON.stringify(server.diagnostics));
    assertNoSecret("window/logMessage", server.logs.map((l) => l.message).join("\n"));
    assertNoSecret("$/logTrace", server.traces.join("\n"));
    assertNoSecret("window/showMessage", JSON.stringify(server.messages));
    assertNoSecret("shipshape/status", JSON.stringify(server.statuses));
    assertNoSecret("code action titles", titles.join("\n"));
    assertNoSecret("server stderr", server.stderr);
  } finally {
    await server.stop();
  }
});

test("a rule that throws with code in its error message: the log shows the failure, not the secret", async () => {
  // A rule's bug must not turn into a leak: its message quotes the literal (as JSON.parse's does).
  const careless: Rule = {
    meta: { id: "careless", steps: ["errors"], severity: "error", description: "chokes on string literals", fixable: false },
    create: () => ({ on: { [ts.SyntaxKind.StringLiteral]: (node: ts.StringLiteral) => { throw new SyntaxError(`unexpected "${node.text}" in literal`); } } }),
  };
  const direct = analyzeSource({ fileName: "a.ts", text: `const k = "${PLANTED.stripe}";\nconst j = "${PLANTED.jwt}";\n` }, { rules: [careless] });
  assert.equal(direct.ruleFailures.length, 1);
  assert.match(direct.ruleFailures[0].message, /SyntaxError/);
  assertNoSecret("ruleFailures", JSON.stringify(direct.ruleFailures));

  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const serverConn = createConnection(ProposedFeatures.all, new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  startServer(serverConn, { rules: [careless, ...allRules] });
  const client = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  const logs: LogMessageParams[] = [];
  const published: PublishDiagnosticsParams[] = [];
  client.onNotification(LogMessageNotification.type, (p) => void logs.push(p));
  client.onNotification(PublishDiagnosticsNotification.type, (p) => void published.push(p));
  client.listen();
  try {
    await client.sendRequest(InitializeRequest.type, { processId: null, rootUri: null, capabilities: {}, initializationOptions: { debounceMs: 5, logLevel: "debug" } });
    await client.sendNotification(InitializedNotification.type, {});
    const uri = "file:///nowhere/keys.ts";
    await client.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: "typescript", version: 1, text: FILES["src/config.ts"] } });
    const deadline = Date.now() + 10_000;
    while (!logs.some((l) => l.message.includes("rule careless failed")) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    assert.ok(logs.some((l) => l.message.includes("rule careless failed")), logs.map((l) => l.message).join("\n"));
    assertNoSecret("server log after a rule failure", logs.map((l) => l.message).join("\n"));
  } finally {
    client.dispose();
    toServer.destroy();
    toClient.destroy();
  }
});
