import assert from "node:assert/strict";
import { test } from "node:test";
import { scanJson } from "../helpers/cli.js";
import { fixture } from "../helpers/fixture.js";
import { cyclesOf, edge, findingsOf } from "./cycle-view.js";

const { code, report, stderr } = scanJson(fixture("graph", "type-only-cycle"));

test("cycles that close only through erased imports are reported with runtime: false", () => {
  assert.deepEqual(cyclesOf(report), [
    {
      // `import { type Invoice }` is erased without verbatimModuleSyntax.
      modules: ["src/billing/invoice.ts", "src/billing/order.ts"],
      edges: [edge("src/billing/invoice.ts", 1, "static", "src/billing/order.ts"), edge("src/billing/order.ts", 1, "type", "src/billing/invoice.ts")],
      runtime: false,
      size: 2,
    },
    {
      // `import type` one way, a plain import used only as a type (and in `typeof`) the other.
      modules: ["src/models/account.ts", "src/models/user.ts"],
      edges: [edge("src/models/account.ts", 2, "type", "src/models/user.ts"), edge("src/models/user.ts", 1, "type", "src/models/account.ts")],
      runtime: false,
      size: 2,
    },
    {
      modules: ["src/real/a.ts", "src/real/b.ts"],
      edges: [edge("src/real/a.ts", 1, "static", "src/real/b.ts"), edge("src/real/b.ts", 1, "static", "src/real/a.ts")],
      runtime: true,
      size: 2,
    },
  ]);
});

test("only the value cycle is an import-cycle finding, at its closing edge", () => {
  assert.deepEqual(findingsOf(report), ["src/real/b.ts:1 import-cycle"]);
  // Each uses the other only inside functions: nothing crosses the cycle while it evaluates.
  assert.equal(report.findings[0].severity, "info");
  assert.match(report.findings[0].message, /^runtime import cycle: src\/real\/a\.ts -> src\/real\/b\.ts -> src\/real\/a\.ts; nothing crosses it/);
});

test("the report has the contract's top level and no warnings; exit 0 at the default --fail-on", () => {
  assert.equal(code, 0);
  assert.equal(stderr, "");
  assert.equal(report.version, 1);
  assert.equal(report.root, fixture("graph", "type-only-cycle"));
  assert.deepEqual(report.entrypoints, ["src/index.ts"]);
  assert.equal(report.modules, 7);
  assert.deepEqual(report.probes, []);
  assert.deepEqual(report.warnings, []);
});
