import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { test } from "node:test";
import { runCli, scanJson } from "../helpers/cli.js";
import { fixture } from "../helpers/fixture.js";
import type { ReportV1 } from "../../src/report/types.js";
import { cyclesOf, edge, findingsOf } from "./cycle-view.js";

// npm workspaces without node_modules: @acme/a and @acme/b resolve from the workspace list alone.
// Both packages map `@models/*`, to different folders: each file must use its nearest tsconfig.
const root = fixture("graph", "workspaces-cycle");
const { code, report } = scanJson(root);

test("the fixture has no node_modules links to lean on", () => {
  assert.equal(existsSync(`${root}/node_modules`), false);
});

test("a cycle across two workspace packages and one through a per-package alias are runtime cycles", () => {
  assert.deepEqual(cyclesOf(report), [
    {
      modules: ["packages/a/src/index.ts", "packages/b/src/index.ts"],
      edges: [edge("packages/a/src/index.ts", 1, "static", "packages/b/src/index.ts"), edge("packages/b/src/index.ts", 1, "static", "packages/a/src/index.ts")],
      runtime: true,
      size: 2,
    },
    {
      modules: ["packages/b/src/models/line.ts", "packages/b/src/models/order.ts"],
      edges: [edge("packages/b/src/models/line.ts", 1, "static", "packages/b/src/models/order.ts"), edge("packages/b/src/models/order.ts", 1, "static", "packages/b/src/models/line.ts")],
      runtime: true,
      size: 2,
    },
  ]);
  assert.deepEqual(findingsOf(report), ["packages/b/src/index.ts:1 import-cycle", "packages/b/src/models/order.ts:1 import-cycle"]);
});

test("`@models/*` resolves with each package's own tsconfig", () => {
  const r = runCli(["graph", root, "--format", "json"]);
  const graph = (JSON.parse(r.stdout) as ReportV1).graph!;
  assert.deepEqual(
    graph.edges.map((e) => `${e.from}:${e.line} -> ${e.to}`),
    [
      "packages/a/src/entities/user.ts:1 -> packages/a/src/entities/role.ts",
      "packages/a/src/index.ts:1 -> packages/b/src/index.ts",
      "packages/a/src/index.ts:2 -> packages/a/src/entities/user.ts",
      "packages/b/src/index.ts:1 -> packages/a/src/index.ts",
      "packages/b/src/index.ts:2 -> packages/b/src/models/order.ts",
      "packages/b/src/models/line.ts:1 -> packages/b/src/models/order.ts",
      "packages/b/src/models/order.ts:1 -> packages/b/src/models/line.ts",
    ],
  );
});

test("a root start script naming a package's dist file maps back to that package's source", () => {
  assert.deepEqual(report.entrypointSources, [{ file: "packages/a/src/index.ts", source: "package.json#scripts.start" }]);
  assert.equal(report.modules, 6);
  assert.deepEqual(report.warnings, []);
  assert.equal(code, 0);
});
