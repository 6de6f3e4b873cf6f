import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { test } from "node:test";
import { scanJson } from "../helpers/cli.js";
import { fixture } from "../helpers/fixture.js";
import { finding, findingsOf } from "./findings-view.js";

// models/index.ts lists `export * from "./user"` before "./base-model": evaluating the barrel runs
// user.ts (which reads BaseModel back through the barrel) before base-model.ts, which is on no
// cycle at all. safe/index.ts lists the base first: the same cycle, never a crash.
const dir = fixture("rules", "tdz-risk", "barrel-order");
const { report } = scanJson(dir, ["--entry", "src/main.ts", "--entry", "src/safe-main.ts"]);

test("a barrel whose export * order evaluates a module before the one it reads from is a TDZ error", () => {
  assert.deepEqual(findingsOf(report, ["tdz-risk"]), [finding("tdz-risk", "error", "src/models/user.ts", 3)]);
  const f = report.findings.find((x) => x.rule === "tdz-risk")!;
  assert.equal(
    f.message,
    "src/models/user.ts extends BaseModel at module scope, but src/models/base-model.ts has not run yet when src/main.ts starts (src/models/index.ts re-exports it, and first evaluates the import that leads back to src/models/user.ts): startup crashes with ReferenceError: Cannot access 'BaseModel' before initialization",
  );
  assert.match(f.fix!, /^import BaseModel from src\/models\/base-model\.ts directly instead of through src\/models\/index\.ts, or re-export src\/models\/base-model\.ts first in src\/models\/index\.ts/);
  assert.deepEqual(f.chain, [
    { file: "src/models/user.ts", line: 3, note: "extends BaseModel while src/models/user.ts is evaluated" },
    { file: "src/models/user.ts", line: 1, note: "imports BaseModel (declared in src/models/base-model.ts)" },
    { file: "src/models/index.ts", line: 1, note: "imports src/models/user.ts" },
  ]);
  assert.equal(f.cycle, "src/models/index.ts");
});

test("Node agrees: the barrel-ordered entry crashes with that message, the safe one runs", () => {
  const run = (entry: string) => spawnSync(process.execPath, ["--import", "tsx", entry], { cwd: dir, encoding: "utf8", timeout: 30_000 });
  const bad = run("src/main.ts");
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /ReferenceError: Cannot access 'BaseModel' before initialization/);
  assert.equal(run("src/safe-main.ts").status, 0);
});
