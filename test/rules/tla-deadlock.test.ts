import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { test } from "node:test";
import { scanJson } from "../helpers/cli.js";
import { fixture } from "../helpers/fixture.js";
import { finding, findingsOf } from "./findings-view.js";

// One entrypoint per case: src/<case>/main.ts.
const dir = fixture("rules", "tla-deadlock", "entries");
const CASES = ["direct", "via-function", "scc-member", "cycle-await", "clean"];
const { report } = scanJson(dir, CASES.flatMap((c) => ["--entry", `src/${c}/main.ts`]));

test("an awaited import() whose static imports reach a module still evaluating is an error at the import() line", () => {
  assert.deepEqual(findingsOf(report, ["tla-deadlock", "tla-cycle-risk", "tdz-risk"]), [
    finding("tla-cycle-risk", "warning", "src/cycle-await/settings.ts", 3), // top-level await inside a cycle: a risk, it starts fine
    finding("tla-deadlock", "error", "src/direct/app.ts", 3),
    finding("tla-deadlock", "error", "src/scc-member/runner.ts", 4), // reaches a module whose body already ran
    // config.ts imports main.ts: importing config.ts first would run main.ts before config exists.
    finding("tdz-risk", "warning", "src/via-function/main.ts", 5),
    finding("tla-deadlock", "error", "src/via-function/plugins.ts", 6), // awaited through two async functions
  ]);
  // The clean case (handler import, acyclic import, type-only way back, import() nobody awaits)
  // has only the cycle its un-awaited import() closes.
  assert.deepEqual(
    report.findings.filter((f) => f.file.startsWith("src/clean/")).map((f) => `${f.file}:${f.line} ${f.rule}`),
    ["src/clean/main.ts:7 import-cycle"],
  );
});

test("the chain runs from the entry through the awaited calls to the module still evaluating", () => {
  const viaFunction = report.findings.find((f) => f.file === "src/via-function/plugins.ts")!;
  assert.deepEqual(viaFunction.chain, [
    { file: "src/via-function/main.ts", line: 4, note: "awaits loadPlugins()" },
    { file: "src/via-function/plugins.ts", line: 2, note: "awaits register()" },
    { file: "src/via-function/plugins.ts", line: 6, note: 'await import("./metrics") waits for src/via-function/metrics.ts' },
    { file: "src/via-function/metrics.ts", line: 1, note: "imports src/via-function/config.ts" },
    { file: "src/via-function/config.ts", line: 1, note: "src/via-function/config.ts is still evaluating: its body already ran, but it stays evaluating until the root of its import cycle finishes" },
  ]);
  assert.deepEqual(viaFunction.entrypoints, ["src/via-function/main.ts"]);
  assert.equal(viaFunction.key, "tla-deadlock:src/via-function/plugins.ts:register:./metrics");
});

test("the message states the runtime consequences for Node and Bun", () => {
  const direct = report.findings.find((f) => f.file === "src/direct/app.ts" && f.rule === "tla-deadlock")!;
  assert.match(direct.message, /certain hang in spec-following ESM/);
  assert.match(direct.message, /Node exits with code 13/);
  assert.match(direct.message, /hangs forever, silently, when a timer or socket does/);
  assert.match(direct.message, /Bun 1\.4 does not deadlock/);
  assert.equal(direct.code, 'const { admin } = await import("./admin");');
  assert.match(direct.fix ?? "", /move the import\(\) into the request handler/);
});

test("Node agrees: the three flagged entries exit 13 (unsettled top-level await), the others finish", () => {
  const codes = CASES.map((c) => {
    const r = spawnSync(process.execPath, ["--import", "tsx", `src/${c}/main.ts`], { cwd: dir, encoding: "utf8", timeout: 30_000 });
    return [c, r.status];
  });
  assert.deepEqual(codes, [["direct", 13], ["via-function", 13], ["scc-member", 13], ["cycle-await", 0], ["clean", 0]]);
});
