// Regenerate the README rules table, the shipshape.json schema and the `shipshape.rules` settings
// (package.json) from rule metadata.
// Needs a build (`npm run build`); `npm run docs` does both.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const root = path.resolve(import.meta.dirname, "..");
const require = createRequire(import.meta.url);
const { allRules, rulesTable, configSchema } = require(path.join(root, "out/rules/src/index.js"));

const readmePath = path.join(root, "README.md");
const readme = fs.readFileSync(readmePath, "utf8");
const next = readme.replace(/<!-- rules:start -->\n[\s\S]*?<!-- rules:end -->/, `<!-- rules:start -->\n${rulesTable(allRules)}\n<!-- rules:end -->`);
if (next !== readme) fs.writeFileSync(readmePath, next);
fs.mkdirSync(path.join(root, "schemas"), { recursive: true });
fs.writeFileSync(path.join(root, "schemas/shipshape.schema.json"), JSON.stringify(configSchema(allRules), null, 2) + "\n");

// The settings mirror shipshape.json's `rules`; only that object is rewritten, every other key of
// the manifest keeps its place.
const pkgPath = path.join(root, "package.json");
const pkgText = fs.readFileSync(pkgPath, "utf8");
const pkg = JSON.parse(pkgText);
const rulesSetting = pkg.contributes?.configuration?.properties?.["shipshape.rules"];
if (!rulesSetting) throw new Error("package.json lacks contributes.configuration.properties[\"shipshape.rules\"]");
rulesSetting.properties = configSchema(allRules).properties.rules.properties;
const nextPkg = JSON.stringify(pkg, null, 2) + "\n";
if (nextPkg !== pkgText) fs.writeFileSync(pkgPath, nextPkg);
console.log(`docs: ${allRules.length} rules → README table, schemas/shipshape.schema.json, package.json shipshape.rules`);
