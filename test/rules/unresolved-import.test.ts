import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { test } from "node:test";
import { scanJson } from "../helpers/cli.js";
import { fixture } from "../helpers/fixture.js";
import { finding, findingsOf } from "./findings-view.js";

const dir = fixture("rules", "unresolved-import");
const { code, report } = scanJson(dir);

test("a relative, alias or require() import on the startup path that resolves to nothing is an error", () => {
  assert.deepEqual(findingsOf(report), [
    finding("unresolved-import", "error", "src/legacy.cjs", 2), // require("./nothing")
    finding("unresolved-import", "error", "src/main.ts", 2), // ./gone
    finding("unresolved-import", "error", "src/main.ts", 4), // @/lib/nothing through tsconfig paths
  ]);
  assert.equal(code, 1);
  const alias = report.findings.find((f) => f.line === 4)!;
  assert.equal(alias.key, "unresolved-import:src/main.ts:@/lib/nothing");
  assert.deepEqual(alias.entrypoints, ["src/main.ts"]);
  assert.match(alias.message, /^cannot resolve '@\/lib\/nothing': no file provides it, so loading src\/main\.ts at startup throws ERR_MODULE_NOT_FOUND/);
  const cjs = report.findings.find((f) => f.file === "src/legacy.cjs")!;
  assert.deepEqual(cjs.chain, [
    { file: "src/main.ts", line: 8, note: "imports src/legacy.cjs" },
    { file: "src/legacy.cjs", line: 2, note: "require import of './nothing': nothing there" },
  ]);
});

test("JSON imports resolve; assets, type-only, lazy and off-path misses stay reading warnings", () => {
  // ../package.json (import with { type: "json" } and require) resolves: no finding, no warning.
  assert.deepEqual(report.warnings, [
    { file: "src/main.ts", line: 6, message: "cannot resolve './styles.css'" },
    { file: "src/main.ts", line: 7, message: "cannot resolve './shape-gone'" },
    { file: "src/main.ts", line: 10, message: "cannot resolve './plugins/missing'" },
    { file: "src/offpath.ts", line: 1, message: "cannot resolve './absent'" },
  ]);
});

test("Node agrees: starting the entry throws ERR_MODULE_NOT_FOUND", () => {
  const r = spawnSync(process.execPath, ["--import", "tsx", "src/main.ts"], { cwd: dir, encoding: "utf8", timeout: 30_000 });
  assert.equal(r.status, 1, `signal ${r.signal}, error ${r.error?.message}, stderr ${r.stderr}`);
  assert.match(r.stderr, /ERR_MODULE_NOT_FOUND/);
});
