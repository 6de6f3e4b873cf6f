// pnpm-workspace.yaml read as YAML: a flow list, quotes, `{a,b}` braces and a `!negation` all
// decide which folders are workspace packages, and so which package imports resolve.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { ReportV1 } from "../../src/report/types.ts";
import { runCli, scanJson } from "../helpers/cli.ts";
import { fixture } from "../helpers/fixture.ts";

const root = fixture("graph", "pnpm-workspace-flow");

test("packages: [\"packages/*\", 'apps/{api,web}', \"!packages/legacy\"]: the cross-package cycle is found", () => {
  const { code, report } = scanJson(root);
  assert.equal(code, 0);
  assert.deepEqual(report.entrypoints, ["apps/api/src/main.ts"]);
  assert.deepEqual(report.cycles.map((c) => [c.modules, c.runtime]), [[["packages/core/src/index.ts", "packages/util/src/index.ts"], true]]);
  assert.deepEqual(report.findings.map((f) => [f.rule, f.file, f.line]), [["import-cycle", "packages/util/src/index.ts", 1]]);
  assert.deepEqual(report.warnings, []);
});

test("braces include apps/web; the negation leaves packages/legacy unresolved; apps/docs is no package", () => {
  const graph = (JSON.parse(runCli(["graph", root, "--format", "json"]).stdout) as ReportV1).graph!;
  assert.deepEqual(
    graph.edges.map((e) => `${e.from}:${e.line} -> ${e.to}`),
    [
      "apps/api/src/main.ts:1 -> packages/core/src/index.ts",
      "apps/api/src/main.ts:2 -> apps/web/src/index.ts",
      "apps/web/src/index.ts:1 -> apps/web/src/main.ts",
      "packages/core/src/index.ts:1 -> packages/util/src/index.ts",
      "packages/util/src/index.ts:1 -> packages/core/src/index.ts",
    ],
  );
});

test("a pnpm-workspace.yaml that is not YAML is a warning with its line, not an error", () => {
  const { code, report } = scanJson(fixture("input", "malformed-pnpm-workspace"));
  assert.equal(code, 0);
  assert.deepEqual(report.warnings, [
    {
      file: "pnpm-workspace.yaml",
      line: 4,
      message: "cannot read pnpm-workspace.yaml: Flow sequence in block collection must be sufficiently indented and end with a ] at line 4, column 1; its workspace packages are not resolved",
    },
  ]);
});
