import assert from "node:assert/strict";
import { test } from "node:test";
import { scanJson } from "../helpers/cli.js";
import { fixture } from "../helpers/fixture.js";
import { cyclesOf, edge, findingsOf } from "./cycle-view.js";

// The same models/ and billing/ code as type-only-cycle, under verbatimModuleSyntax: tsc emits
// `import {} from "./invoice.js"` for `import { type Invoice }` and keeps `import { User }`.
const { code, report } = scanJson(fixture("graph", "verbatim-module-syntax"));

test("under verbatimModuleSyntax `import { type X }` stays a side-effect import and closes a runtime cycle", () => {
  assert.deepEqual(cyclesOf(report), [
    {
      modules: ["src/billing/invoice.ts", "src/billing/order.ts"],
      edges: [edge("src/billing/invoice.ts", 1, "static", "src/billing/order.ts"), edge("src/billing/order.ts", 1, "side-effect", "src/billing/invoice.ts")],
      runtime: true,
      size: 2,
    },
    {
      // The plain import is kept, but `import type` is still erased: no runtime cycle.
      modules: ["src/models/account.ts", "src/models/user.ts"],
      edges: [edge("src/models/account.ts", 2, "static", "src/models/user.ts"), edge("src/models/user.ts", 1, "type", "src/models/account.ts")],
      runtime: false,
      size: 2,
    },
  ]);
  assert.deepEqual(findingsOf(report), ["src/billing/order.ts:1 import-cycle"]);
  assert.deepEqual(report.warnings, []);
  assert.equal(code, 0);
});
