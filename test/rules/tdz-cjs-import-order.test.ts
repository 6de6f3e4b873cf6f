import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { repoRoot, scanJson } from "../helpers/cli.js";
import { fixture } from "../helpers/fixture.js";
import { finding, findingsOf } from "./findings-view.js";

// queue.ts declares `queue`, then imports "./process" (which uses it at module scope). tsc's
// CommonJS output keeps that import where it is written: the deployed build runs. esbuild (tsx)
// hoists it: the same cycle is a TDZ crash. A warning that says which runner crashes.
const dir = fixture("rules", "tdz-risk", "cjs-import-order");
const { report } = scanJson(dir, ["--entry", "src/main.ts"]);
const out = mkdtempSync(join(tmpdir(), "sd-tdz-import-order-"));
after(() => rmSync(out, { recursive: true, force: true }));

test("a declaration before the import that closes the cycle crashes only where imports are hoisted", () => {
  assert.deepEqual(findingsOf(report, ["tdz-risk"]), [finding("tdz-risk", "warning", "src/process.ts", 3)]);
  assert.equal(
    report.findings.find((f) => f.rule === "tdz-risk")!.message,
    "src/process.ts reads queue.process at module scope, but src/queue.ts has not run yet when src/main.ts starts (same runtime import cycle): under tsx (esbuild hoists imports) startup crashes with ReferenceError: Cannot access 'queue' before initialization; tsc's CommonJS build keeps the import at src/queue.ts:3 where it is written, after the declaration, and runs",
  );
});

test("Node agrees: tsx crashes with that message, the tsc build runs", () => {
  const tsx = spawnSync(process.execPath, ["--import", "tsx", "src/main.ts"], { cwd: dir, encoding: "utf8", timeout: 30_000 });
  assert.equal(tsx.status, 1);
  assert.match(tsx.stderr, /ReferenceError: Cannot access 'queue' before initialization/);
  const tsc = spawnSync(process.execPath, [`${repoRoot}/node_modules/typescript/bin/tsc`, "-p", dir, "--outDir", out], { encoding: "utf8", timeout: 120_000 });
  assert.equal(tsc.status, 0, tsc.stdout);
  const built = spawnSync(process.execPath, [join(out, "main.js")], { encoding: "utf8", timeout: 30_000 });
  assert.deepEqual([built.status, built.stdout], [0, "object processed\n"]);
});
