import assert from "node:assert/strict";
import { test } from "node:test";
import { scanJson } from "../helpers/cli.js";
import { fixture } from "../helpers/fixture.js";
import { cyclesOf, edge, findingsOf } from "./cycle-view.js";

// Each src/<case>/a.ts reaches b.ts through import(); b.ts imports a.ts statically. The pair is a
// runtime cycle exactly when the import() runs while a.ts is being evaluated.
const { code, report } = scanJson(fixture("graph", "lazy-dynamic-cycle"));

const CASES: Array<[name: string, line: number, runsAtStartup: boolean]> = [
  ["handler", 4, false], // inside an exported function nobody calls at module scope
  ["iife", 4, true], // (async () => { await import() })()
  ["instance-property", 4, false], // runs on `new`, not when the class is defined
  ["main-callback", 5, false], // a callback registered by main(), not run by it
  ["main-called", 8, true], // boot() is called by main(), which the module calls
  ["method-named-like-startup", 5, false], // a method named `start`, while the module calls the function start()
  ["module-scope-await", 3, true], // top-level await import()
  ["static-block", 5, true], // class static blocks run when the class is defined
  ["static-property", 4, true], // static initializers too
  ["timer-callback", 3, false], // setTimeout(() => import())
];

test("import() is a runtime edge only when it runs during module evaluation", () => {
  assert.deepEqual(
    cyclesOf(report),
    CASES.map(([name, line, runtime]) => ({
      modules: [`src/${name}/a.ts`, `src/${name}/b.ts`],
      edges: [edge(`src/${name}/a.ts`, line, "dynamic", `src/${name}/b.ts`, !runtime), edge(`src/${name}/b.ts`, 1, "static", `src/${name}/a.ts`)],
      runtime,
      size: 2,
    })),
  );
});

test("each runtime cycle is one import-cycle finding at b.ts:1", () => {
  assert.deepEqual(
    findingsOf(report),
    CASES.filter(([, , runtime]) => runtime).map(([name]) => `src/${name}/b.ts:1 import-cycle`),
  );
  assert.deepEqual(report.warnings, []);
  assert.equal(code, 0);
});
