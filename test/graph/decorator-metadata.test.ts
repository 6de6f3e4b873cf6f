import assert from "node:assert/strict";
import { test } from "node:test";
import { scanJson } from "../helpers/cli.js";
import { fixture } from "../helpers/fixture.js";
import { cyclesOf, edge, findingsOf } from "./cycle-view.js";

// The same code twice; only with-metadata/tsconfig.json sets emitDecoratorMetadata. There is no
// root tsconfig: each folder's files use the tsconfig beside them.
const { code, report } = scanJson(fixture("graph", "decorator-metadata"));

test("emitDecoratorMetadata turns a decorated class's constructor parameter types into runtime edges", () => {
  assert.deepEqual(cyclesOf(report), [
    {
      // Plain is not decorated: its parameter type stays erased even with metadata on.
      modules: ["with-metadata/src/plain.ts", "with-metadata/src/repo.ts"],
      edges: [edge("with-metadata/src/plain.ts", 1, "type", "with-metadata/src/repo.ts"), edge("with-metadata/src/repo.ts", 2, "static", "with-metadata/src/plain.ts")],
      runtime: false,
      size: 3,
    },
    {
      modules: ["with-metadata/src/repo.ts", "with-metadata/src/service.ts"],
      edges: [edge("with-metadata/src/repo.ts", 1, "static", "with-metadata/src/service.ts"), edge("with-metadata/src/service.ts", 2, "static", "with-metadata/src/repo.ts")],
      runtime: true,
      size: 2,
    },
    {
      // Without metadata service.ts -> repo.ts is a type edge: one non-runtime component of three.
      modules: ["without-metadata/src/plain.ts", "without-metadata/src/repo.ts"],
      edges: [edge("without-metadata/src/plain.ts", 1, "type", "without-metadata/src/repo.ts"), edge("without-metadata/src/repo.ts", 2, "static", "without-metadata/src/plain.ts")],
      runtime: false,
      size: 3,
    },
  ]);
  assert.deepEqual(report.cycles[2].component, ["without-metadata/src/plain.ts", "without-metadata/src/repo.ts", "without-metadata/src/service.ts"]);
  assert.deepEqual(findingsOf(report), ["with-metadata/src/service.ts:2 import-cycle"]);
  assert.equal(report.modules, 8);
  assert.deepEqual(report.warnings, []);
  assert.equal(code, 0);
});
