import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { runCli } from "../helpers/cli.js";
import type { ReportV1 } from "../../src/report/types.js";

// A 10,000-module import chain closed into one loop, generated outside the repository: the SCC,
// the cycle's BFS and the entry's reach must all be iterative.
const N = 10_000;
const root = mkdtempSync(join(tmpdir(), "startup-doctor-chain-"));
const out = mkdtempSync(join(tmpdir(), "startup-doctor-chain-report-"));
after(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(out, { recursive: true, force: true });
});

const name = (i: number): string => (i === 0 ? "index" : `m${String(i).padStart(5, "0")}`);
mkdirSync(join(root, "src"));
writeFileSync(join(root, "package.json"), JSON.stringify({ name: "chain", private: true, type: "module" }));
for (let i = 0; i < N; i++) {
  writeFileSync(join(root, "src", `${name(i)}.ts`), `import { v${(i + 1) % N} } from "./${name((i + 1) % N)}.js";\n\nexport const v${i} = () => v${(i + 1) % N};\n`);
}

test("a 10,000-module loop is one runtime cycle of size 10,000, without a stack overflow", () => {
  const started = Date.now();
  // The report is several MB: written with --output rather than through a pipe buffer.
  const { code, stdout, stderr } = runCli(["scan", root, "--format", "json", "--output", join(out, "report.json")]);
  const report = JSON.parse(readFileSync(join(out, "report.json"), "utf8")) as ReportV1;
  assert.equal(stdout, "");
  const ms = Date.now() - started;
  assert.equal(stderr, "");
  assert.equal(code, 0);
  assert.equal(report.modules, N);
  assert.equal(report.cycles.length, 1);
  const [cycle] = report.cycles;
  assert.equal(cycle.runtime, true);
  assert.equal(cycle.size, N);
  assert.equal(cycle.component?.length, N);
  assert.equal(cycle.modules.length, N);
  assert.equal(cycle.modules[0], "src/index.ts");
  assert.deepEqual(cycle.edges.at(-1), { from: "src/m09999.ts", to: "src/index.ts", line: 1, kind: "static", specifier: "./index.js" });
  assert.equal(report.findings.length, 1);
  assert.deepEqual(report.findings[0].entrypoints, ["src/index.ts"]);
  console.log(`# 10,000-module scan: ${ms} ms`);
});
