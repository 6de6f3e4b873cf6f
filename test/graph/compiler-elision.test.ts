import assert from "node:assert/strict";
import { test } from "node:test";
import { scanJson } from "../helpers/cli.js";
import { fixture } from "../helpers/fixture.js";

const { report } = scanJson(fixture("graph", "compiler-elision"));
const cycles = report.cycles.map((c) => ({ modules: c.modules, runtime: c.runtime, kinds: c.edges.map((e) => `${e.from}:${e.line} ${e.kind}`) }));

test("an import used only in a computed key of a type runs under tsc (emitDecoratorMetadata), not under esbuild", () => {
  // Checked by hand: tsc 5.9 emits require("./keys") for it, esbuild (tsx) drops the import.
  assert.deepEqual(cycles.filter((c) => !c.modules[0].includes("type-reexport")), [
    { modules: ["src/esbuild/keys.ts", "src/esbuild/shape.ts"], runtime: false, kinds: ["src/esbuild/keys.ts:1 static", "src/esbuild/shape.ts:2 type"] },
    { modules: ["src/tsc/keys.ts", "src/tsc/shape.ts"], runtime: true, kinds: ["src/tsc/keys.ts:1 static", "src/tsc/shape.ts:2 static"] },
  ]);
});

test("export { type X } from and export type { X } from are no runtime use: no runtime cycle", () => {
  const typeOnly = cycles.filter((c) => c.modules[0].includes("type-reexport"));
  assert.deepEqual(typeOnly, [{ modules: ["src/type-reexport/account.ts", "src/type-reexport/index.ts"], runtime: false, kinds: ["src/type-reexport/account.ts:1 static", "src/type-reexport/index.ts:1 type"] }]);
  const planEdge = report.cycles.flatMap((c) => c.edges).find((e) => e.from === "src/type-reexport/index.ts" && e.to === "src/type-reexport/plan.ts");
  assert.equal(planEdge, undefined, "the plan loop is the same component: one cycle shown");
  assert.deepEqual(report.findings.map((f) => `${f.rule} ${f.severity} ${f.file}`), ["import-cycle info src/tsc/shape.ts"]);
});
