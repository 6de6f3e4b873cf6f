import assert from "node:assert/strict";
import { test } from "node:test";
import { scanJson } from "../helpers/cli.js";
import { fixture } from "../helpers/fixture.js";
import { cyclesOf, edge, findingsOf } from "./cycle-view.js";

// `paths` and `baseUrl` live two `extends` away from tsconfig.json; every import in src/ is an alias.
const { code, report } = scanJson(fixture("graph", "tsconfig-paths-cycle"));

test("a cycle written only with path aliases is found, with the alias lines", () => {
  assert.deepEqual(cyclesOf(report), [
    {
      modules: ["src/app/server.ts", "src/db/index.ts"],
      edges: [edge("src/app/server.ts", 1, "static", "src/db/index.ts"), edge("src/db/index.ts", 1, "static", "src/app/server.ts")],
      runtime: true,
      size: 2,
    },
  ]);
  assert.deepEqual(
    report.cycles[0].edges.map((e) => e.specifier),
    ["@db", "@app/server"],
  );
  assert.deepEqual(findingsOf(report), ["src/db/index.ts:1 import-cycle"]);
});

test("baseUrl-relative and `~` aliases resolve; an uninstalled package is a silent leaf", () => {
  assert.equal(report.modules, 4);
  assert.deepEqual(report.warnings, []);
  assert.deepEqual(report.entrypointSources, [{ file: "src/app/server.ts", source: "package.json#scripts.start" }]);
  assert.equal(code, 0);
});

test("--tsconfig overrides discovery for every file: without the aliases there is no cycle", () => {
  const dir = fixture("graph", "tsconfig-paths-cycle");
  const { code, report: plain } = scanJson(dir, ["--tsconfig", `${dir}/configs/tsconfig.no-paths.json`]);
  assert.equal(code, 0);
  assert.equal(plain.modules, 4);
  assert.deepEqual(plain.cycles, []);
});
