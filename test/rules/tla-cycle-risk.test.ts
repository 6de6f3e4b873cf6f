import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { test } from "node:test";
import { scanJson } from "../helpers/cli.js";
import { fixture } from "../helpers/fixture.js";
import { finding, findingsOf } from "./findings-view.js";

const dir = fixture("rules", "tla-cycle-risk");
const CASES = ["flagged", "clean", "certain"];
const { report } = scanJson(dir, CASES.flatMap((c) => ["--entry", `src/${c}/main.ts`]));

test("a top-level await in a module of an import cycle is a tla-cycle-risk warning, not a tla-deadlock", () => {
  assert.deepEqual(findingsOf(report, ["tla-cycle-risk", "tla-deadlock"]), [
    finding("tla-deadlock", "error", "src/certain/app.ts", 3), // certain: reported once, by tla-deadlock
    finding("tla-cycle-risk", "warning", "src/flagged/settings.ts", 3),
  ]);
  const risk = report.findings.find((f) => f.rule === "tla-cycle-risk")!;
  assert.deepEqual(risk.chain, [
    { file: "src/flagged/settings.ts", line: 1, note: "imports src/flagged/defaults.ts" },
    { file: "src/flagged/defaults.ts", line: 1, note: "imports src/flagged/settings.ts" },
  ]);
  assert.equal(risk.key, "tla-cycle-risk:src/flagged/settings.ts:<module>");
  assert.deepEqual(risk.entrypoints, ["src/flagged/main.ts"]);
});

test("Node agrees that it is only a risk: the flagged entry starts, the certain deadlock exits 13", () => {
  const codes = CASES.map((c) => [c, spawnSync(process.execPath, ["--import", "tsx", `src/${c}/main.ts`], { cwd: dir, encoding: "utf8", timeout: 30_000 }).status]);
  assert.deepEqual(codes, [["flagged", 0], ["clean", 0], ["certain", 13]]);
});
