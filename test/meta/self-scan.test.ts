import assert from "node:assert/strict";
import { test } from "node:test";
import { repoRoot, runCli } from "../helpers/cli.js";
import type { ReportV1 } from "../../src/report/types.js";

// Lower layers never import higher ones: data flows cli -> run -> project -> graph -> rules ->
// probe -> report, and each stage may read the outputs (types) of the stages before it.
// The Node API (src/api, exported by src/index.ts) sits beside the CLI, at the top.
const RANK: Record<string, number> = { util: 0, report: 1, project: 2, graph: 3, knowledge: 3, rules: 4, probe: 5, baseline: 5, config: 5, run: 6, cli: 7, api: 7, "index.ts": 8 };

const layerOf = (file: string): string => file.split("/")[1];

test("startup-doctor's own source has no runtime import cycle", () => {
  const r = runCli(["scan", repoRoot, "--format", "json"]);
  const report = JSON.parse(r.stdout) as ReportV1;
  assert.deepEqual(report.cycles.filter((c) => c.runtime), []);
  assert.ok(report.modules > 20);
});

test("no import goes from a lower layer to a higher one", () => {
  const r = runCli(["graph", repoRoot, "--format", "json"]);
  const report = JSON.parse(r.stdout) as ReportV1;
  const backwards = (report.graph?.edges ?? [])
    .filter((e) => e.from.startsWith("src/") && e.to.startsWith("src/"))
    .filter((e) => layerOf(e.from) !== layerOf(e.to) && !e.from.startsWith("src/probe/preload/"))
    .filter((e) => (RANK[layerOf(e.to)] ?? 99) > (RANK[layerOf(e.from)] ?? -1))
    .map((e) => `${e.from}:${e.line} -> ${e.to}`);
  assert.deepEqual(backwards, []);
});
