import assert from "node:assert/strict";
import { test } from "node:test";
import { runCli, scanJson } from "../helpers/cli.js";
import { fixture } from "../helpers/fixture.js";
import type { ReportV1 } from "../../src/report/types.js";

const dir = fixture("input", "binary-and-latin1");

test("a binary file with a .ts name is skipped and a non-UTF-8 one read as Latin-1, each with a warning", () => {
  const { code, report, stderr } = scanJson(dir);
  assert.equal(code, 0);
  assert.equal(stderr, "");
  assert.deepEqual(report.warnings, [
    { file: "src/blob.ts", message: "binary file with a source extension, skipped" },
    { file: "src/latin1.ts", message: "not valid UTF-8; read as Latin-1" },
  ]);
  // blob.ts holds the bytes `import "./index.js"`: skipped, so no cycle comes out of it.
  assert.deepEqual(report.cycles, []);
  assert.equal(report.modules, 4);
});

test("the Latin-1 file keeps its import edge", () => {
  const graph = (JSON.parse(runCli(["graph", dir, "--format", "json"]).stdout) as ReportV1).graph!;
  assert.deepEqual(
    graph.edges.map((e) => `${e.from}:${e.line} -> ${e.to}`),
    ["src/index.ts:1 -> src/latin1.ts", "src/index.ts:2 -> src/blob.ts", "src/latin1.ts:1 -> src/name.ts"],
  );
});
