import { test } from "node:test";
import assert from "node:assert/strict";
import { analyzeSource } from "../src/engine/linter.js";
import emptyCatch from "../src/rules/empty-catch.js";

const lint = (text: string, fileName = "a.ts") => analyzeSource({ fileName, text }, { rules: [emptyCatch] }).findings.map((f) => f.line);

test("ignore-next-line with the rule id and a reason", () => {
  assert.deepEqual(lint("// shipshape-ignore-next-line empty-catch -- legacy API throws on success\ntry { a() } catch {}\ntry { b() } catch {}"), [3]);
});

test("ignore-next-line for another rule does not suppress", () => {
  assert.deepEqual(lint("// shipshape-ignore-next-line hardcoded-secret\ntry { a() } catch {}"), [2]);
});

test("several rules, comma separated", () => {
  assert.deepEqual(lint("// shipshape-ignore-next-line hardcoded-secret, empty-catch\ntry { a() } catch {}"), []);
});

test("no rule list suppresses every rule on the next line", () => {
  assert.deepEqual(lint("// shipshape-ignore-next-line\ntry { a() } catch {}"), []);
});

test("ignore-file", () => {
  assert.deepEqual(lint("/* shipshape-ignore-file empty-catch */\ntry { a() } catch {}\n\ntry { b() } catch {}"), []);
  assert.deepEqual(lint("// shipshape-ignore-file oversized-file\ntry { a() } catch {}"), [2]);
});

test("JSX comment form", () => {
  const text = "const x = (\n  <div>\n    {/* shipshape-ignore-next-line empty-catch -- demo */}\n    <b onClick={() => a().catch(() => {})} />\n  </div>\n);";
  assert.deepEqual(lint(text, "a.tsx"), []);
});

test("the marker in a string is not a suppression", () => {
  assert.deepEqual(lint('const s = "shipshape-ignore-next-line empty-catch";\ntry { a() } catch {}'), [2]);
});

test("a multi-line block comment targets the line after its end", () => {
  assert.deepEqual(lint("/* shipshape-ignore-next-line empty-catch\n   -- reason on the next line */\ntry { a() } catch {}"), []);
});
