import * as fs from "node:fs";
import * as path from "node:path";

/**
 * `shipshape lsp --stdio`: load the language server bundle that sits next to this one
 * (dist/server.js). It is required at run time, not imported, so the CLI bundle does not carry a
 * second copy of the server; the server reads its transport flag from process.argv.
 */
export function startLanguageServer(stderr: NodeJS.WritableStream): number | undefined {
  const server = path.join(__dirname, "server.js");
  if (!fs.existsSync(server)) {
    stderr.write(`shipshape: the language server bundle is missing (${server}); run \`npm run build\`.\n`);
    return 2;
  }
  const load: NodeJS.Require = require;
  load(server);
  return undefined;
}
