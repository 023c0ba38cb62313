import rule from "../src/rules/oversized-file.js";
import { DEFAULT_LIMITS } from "../src/engine/config.js";
import { ruleTester } from "./ruleTester.js";

const lines = (n: number) => Array.from({ length: n }, (_, i) => `export const v${i} = ${i};`).join("\n") + "\n";
const components = (n: number) =>
  Array.from({ length: n }, (_, i) => `export function Widget${i}() {\n  return <div>{${i}}</div>;\n}`).join("\n");
const routes = (n: number) =>
  `import { Router } from "express";\nconst r = Router();\n` +
  Array.from({ length: n }, (_, i) => `r.get("/items/${i}", (req, res) => res.json({ i: ${i} }));`).join("\n");

ruleTester(rule, {
  valid: [
    { code: lines(400), name: "exactly 400 lines" },
    { code: components(8), filename: "/workspace/src/w.tsx", name: "exactly eight components" },
    { code: routes(8), name: "eight routes" },
    {
      name: "hooks and helpers are not components",
      filename: "/workspace/src/hooks.tsx",
      code: Array.from({ length: 12 }, (_, i) => `export function useThing${i}() { return ${i}; }`).join("\n"),
    },
    {
      name: "render helpers inside one component count once",
      filename: "/workspace/src/list.tsx",
      code: `export function List({ items }) {\n  const row = (i) => <li>{i}</li>;\n  return <ul>{items.map((i) => <Row key={i} />)}{items.map(row)}</ul>;\n}`,
    },
    { code: lines(600), config: { limits: { ...DEFAULT_LIMITS, maxFileLines: 1000 } }, name: "configured limit" },
  ],
  invalid: [
    { code: lines(401), errors: [{ line: 1, column: 1, message: "401 lines (limit 400)" }] },
    { code: components(9), filename: "/workspace/src/w.tsx", errors: [{ line: 1, message: "9 React components (limit 8)" }] },
    {
      name: "arrow, memo and forwardRef components count",
      filename: "/workspace/src/w.jsx",
      code:
        components(6) +
        "\nexport const A = () => <p/>;\nexport const B = memo(() => <p/>);\nexport const C = React.forwardRef((p, ref) => <p ref={ref}/>);",
      errors: [{ message: "9 React components" }],
    },
    { code: routes(10), errors: [{ message: "10 route handlers (limit 8)" }] },
    { code: lines(120), config: { limits: { ...DEFAULT_LIMITS, maxFileLines: 100 } }, errors: [{ message: "120 lines (limit 100)" }] },
  ],
});
