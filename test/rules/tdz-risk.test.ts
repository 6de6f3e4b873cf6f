import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { test } from "node:test";
import { scanJson } from "../helpers/cli.js";
import { fixture } from "../helpers/fixture.js";
import { finding, findingsOf } from "./findings-view.js";

// One entrypoint per case. Cycles whose module-scope code only calls hoisted functions, or uses
// the other side inside methods and arrows, or closes through a type, must stay silent.
const dir = fixture("rules", "tdz-risk", "cycles");
const ENTRIES = ["extends/main.ts", "order/main.ts", "decorator/main.ts", "clean/main.ts", "cjs/main.cjs"];
const { report } = scanJson(dir, ENTRIES.flatMap((e) => ["--entry", `src/${e}`]));

test("a module-scope use of a binding from a module of the same cycle that has not run yet is an error; order-dependent ones are warnings", () => {
  assert.deepEqual(findingsOf(report, ["tdz-risk"]), [
    finding("tdz-risk", "warning", "src/cjs/a.cjs", 1), // captures helper early; calls it in start(): safe only because b.cjs runs first
    finding("tdz-risk", "error", "src/cjs/b.cjs", 3), // extends a destructured require() of a running module
    finding("tdz-risk", "error", "src/decorator/service.ts", 5), // @Inject(Repo)
    finding("tdz-risk", "warning", "src/decorator/service.ts", 8), // new shapes.Square(): shapes.ts runs first today
    finding("tdz-risk", "error", "src/extends/models/admin.ts", 3), // through the models barrel
    finding("tdz-risk", "warning", "src/order/user.ts", 3), // ROLES[0]: safe only because roles.ts runs first
  ]);
  assert.deepEqual(
    report.findings.filter((f) => f.file.startsWith("src/clean/")).map((f) => `${f.file}:${f.line} ${f.rule}`),
    ["src/clean/helper.ts:1 import-cycle", "src/clean/store.ts:1 import-cycle"],
  );
});

test("the ESM message names the ReferenceError, the CommonJS one the undefined export", () => {
  const esm = report.findings.find((f) => f.file === "src/extends/models/admin.ts" && f.rule === "tdz-risk")!;
  assert.match(esm.message, /ReferenceError: Cannot access 'Base' before initialization/);
  assert.deepEqual(esm.chain, [
    { file: "src/extends/models/admin.ts", line: 3, note: "extends Base while src/extends/models/admin.ts is evaluated" },
    { file: "src/extends/models/admin.ts", line: 1, note: "imports Base (declared in src/extends/models/base.ts)" },
    { file: "src/extends/models/base.ts", line: 1, note: "imports src/extends/models/admin.ts" },
  ]);
  const cjs = report.findings.find((f) => f.file === "src/cjs/b.cjs" && f.rule === "tdz-risk")!;
  assert.match(cjs.message, /TypeError: Class extends value undefined is not a constructor or null/);
  assert.match(cjs.message, /CommonJS/);
  const order = report.findings.find((f) => f.file === "src/order/user.ts" && f.rule === "tdz-risk")!;
  assert.match(order.message, /importing src\/order\/roles\.ts before src\/order\/user\.ts .* crashes/);
});

test("Node agrees: the error entries crash at startup, the others run", () => {
  const codes = ENTRIES.map((e) => [e, spawnSync(process.execPath, ["--import", "tsx", `src/${e}`], { cwd: dir, encoding: "utf8", timeout: 30_000 }).status]);
  assert.deepEqual(codes, [["extends/main.ts", 1], ["order/main.ts", 0], ["decorator/main.ts", 1], ["clean/main.ts", 0], ["cjs/main.cjs", 1]]);
});
