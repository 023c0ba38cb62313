import rule from "../src/rules/empty-catch.js";
import { ruleTester } from "./ruleTester.js";

ruleTester(rule, {
  valid: [
    "try { run(); } catch (e) { console.error(e); }",
    "try { run(); } catch { // the cache is optional: fall through\n}",
    "try { run(); } catch (e) {\n  /* JSON from older clients may be invalid; defaults apply */\n}",
    "try { run(); } catch (e) { throw new AppError(e); }",
    "try { run(); } finally { cleanup(); }",
    "promise.catch((err) => logger.warn(err));",
    "promise.catch(() => null);",
    "promise.catch(handleError);",
    "promise.then(onOk, (e) => report(e));",
    "promise.catch(() => { /* best effort: analytics must never break the page */ });",
    "const catcher = { catch() {} };",
    "items.forEach(() => {});",
    "promise.then(() => {});",
    { code: "export const f = () => { try { a() } catch (e) { return null } }", name: "catch that returns a fallback" },
  ],
  invalid: [
    {
      code: "try {\n  run();\n} catch (e) {}",
      errors: [{ line: 3, column: 3, endLine: 3, endColumn: 15, message: "Empty catch block" }],
      output: "try {\n  run();\n} catch (e) {\n  console.error(\"Unexpected error\", e);\n}",
    },
    {
      name: "optional catch binding gets a variable",
      code: "function f() {\n    try {\n        run();\n    } catch {}\n}",
      errors: [{ line: 4, column: 7 }],
      output: "function f() {\n    try {\n        run();\n    } catch (error) {\n        console.error(\"Unexpected error\", error);\n    }\n}",
    },
    {
      name: "the project's logger is used when imported",
      code: "import { logger } from './lib/logger';\ntry { run(); } catch (err) {}",
      errors: 1,
      output: "import { logger } from './lib/logger';\ntry { run(); } catch (err) {\n  logger.error({ err: err }, 'Unexpected error');\n}",
    },
    {
      code: "notify(msg).catch(() => {});",
      errors: [{ line: 1, column: 13, message: "Empty .catch() handler" }],
      output: "notify(msg).catch((error) => {\n  console.error(\"Unexpected error\", error);\n});",
    },
    {
      code: "load().catch(function (e) {});",
      errors: 1,
      output: "load().catch(function (e) {\n  console.error(\"Unexpected error\", e);\n});",
    },
    { code: "load().then(show, () => {});", errors: [{ message: "Empty .then() handler" }] },
    { code: "async function f() { try { await a(); } catch (e) { } }", errors: 1 },
    { name: "destructured catch binding: reported without a fix", code: "try { a(); } catch ({ message }) {}", errors: 1, output: null },
    { code: "const x = <div onClick={() => save().catch(() => {})} />;", filename: "/workspace/src/a.tsx", errors: 1 },
  ],
});
