import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { runCli } from "../helpers/cli.js";
import type { ReportV1 } from "../../src/report/types.js";

// 2,000 modules in one loop, each reading the next one's const at module scope: 2,000 tdz-risk
// findings. The loop is listed once under `cycles`; a finding names it and keeps a short chain,
// so the report grows with the findings, not with findings x loop length (a 487 MB report before).
const N = 2_000;
const root = mkdtempSync(join(tmpdir(), "startup-doctor-tdz-loop-"));
const out = mkdtempSync(join(tmpdir(), "startup-doctor-tdz-loop-report-"));
after(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(out, { recursive: true, force: true });
});

const name = (i: number): string => (i === 0 ? "index" : `m${String(i).padStart(4, "0")}`);
mkdirSync(join(root, "src"));
writeFileSync(join(root, "package.json"), JSON.stringify({ name: "tdz-loop", private: true, type: "module" }));
for (let i = 0; i < N; i++) {
  const next = (i + 1) % N;
  writeFileSync(join(root, "src", `${name(i)}.ts`), `import { v${next} } from "./${name(next)}.js";\n\nexport const v${i} = [v${next}];\n`);
}

test("a 2,000-module loop of module-scope reads: one finding per read, each naming the cycle with a short chain", () => {
  const { code, stderr } = runCli(["scan", root, "--format", "json", "--entry", "src/index.ts", "--output", join(out, "report.json")]);
  assert.equal(code, 1, stderr);
  const report = JSON.parse(readFileSync(join(out, "report.json"), "utf8")) as ReportV1;
  const tdz = report.findings.filter((f) => f.rule === "tdz-risk");
  assert.equal(tdz.length, N);
  // From index.ts, m1999 runs first and reads index.ts's v0 before it exists; the rest are order-dependent.
  assert.deepEqual(tdz.filter((f) => f.severity === "error").map((f) => f.file), ["src/m1999.ts"]);
  assert.ok(tdz.every((f) => f.cycle === "src/index.ts"));
  assert.ok(Math.max(...tdz.map((f) => f.chain!.length)) <= 8);
  assert.ok(statSync(join(out, "report.json")).size < 10 * 1024 * 1024);
});
