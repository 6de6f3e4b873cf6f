// Adopting on a project that already has a cycle: record it, then only a new cycle fails, a
// moved line stays known, and a removed cycle is reported as fixed.
import assert from "node:assert/strict";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { after, test } from "node:test";
import type { ReportV1 } from "../../src/report/types.ts";
import { runCli } from "../helpers/cli.ts";
import { fixture } from "../helpers/fixture.ts";

// The fixture is copied: the test edits the project, and fixtures are never written.
const dir = mkdtempSync(`${tmpdir()}/sd-baseline-`);
cpSync(fixture("baseline", "adopt"), dir, { recursive: true });
after(() => rmSync(dir, { recursive: true, force: true }));

const BASELINE = ".startup-doctor-baseline.json";
// The fixture's cycles are info findings (nothing crosses them at evaluation): fail on info.
const scan = (...extra: string[]): { code: number | null; report: ReportV1; stderr: string } => {
  const r = runCli(["scan", dir, "--format", "json", "--fail-on", "info", ...extra]);
  assert.ok(r.stdout.startsWith("{"), `${r.code}: ${r.stderr}`);
  return { code: r.code, report: JSON.parse(r.stdout) as ReportV1, stderr: r.stderr };
};
const write = (file: string, text: string): void => writeFileSync(`${dir}/${file}`, text);

test("before adoption the existing cycle fails the build", () => {
  const { code, report } = scan();
  assert.equal(code, 1);
  assert.deepEqual(report.findings.map((f) => [f.rule, f.file]), [["import-cycle", "src/b.ts"]]);
  assert.equal(report.baseline, undefined);
});

test("--update-baseline records the cycle by its sorted module set and exits 0", () => {
  const { code, report, stderr } = scan("--update-baseline");
  assert.equal(code, 0);
  assert.equal(stderr, `startup-doctor: wrote ${BASELINE}: 1 runtime cycle(s), 0 other finding(s)\n`);
  assert.deepEqual(JSON.parse(readFileSync(`${dir}/${BASELINE}`, "utf8")), { version: 1, cycles: [["src/a.ts", "src/b.ts"]], findings: [] });
  assert.deepEqual(report.baseline, { file: BASELINE, known: 1, fixed: [], new: 0 });
});

test("the default baseline in the project root is picked up: known problems do not fail", () => {
  const { code, report } = scan();
  assert.equal(code, 0);
  assert.deepEqual(report.findings, []);
  assert.deepEqual(report.baseline, { file: BASELINE, known: 1, fixed: [], new: 0 });
  assert.equal(report.cycles.filter((c) => c.runtime).length, 1, "the cycle itself is still reported as a fact");
});

test("moving the cycle's lines does not make it new (keys carry no line numbers)", () => {
  write("src/b.ts", `// a comment\n// another\n${readFileSync(`${dir}/src/b.ts`, "utf8")}`);
  const { code, report } = scan();
  assert.equal(code, 0);
  assert.deepEqual(report.baseline, { file: BASELINE, known: 1, fixed: [], new: 0 });
});

test("a new cycle fails, and only it is reported", () => {
  write("src/c.ts", 'import { d } from "./d.js";\nexport const c = (): string => d();\n');
  write("src/d.ts", 'import { c } from "./c.js";\nexport const d = (): string => (typeof c === "function" ? "d" : "?");\n');
  write("src/helper.ts", 'import { c } from "./c.js";\nexport const helper = (): string => c();\n');
  const { code, report } = scan();
  assert.equal(code, 1);
  assert.deepEqual(report.findings.map((f) => [f.rule, f.file, f.key]), [["import-cycle", "src/d.ts", "import-cycle:src/c.ts,src/d.ts"]]);
  assert.deepEqual(report.baseline, { file: BASELINE, known: 1, fixed: [], new: 1 });
});

test("fixing the recorded cycle is reported as fixed; the new one still fails", () => {
  write("src/b.ts", 'export const b = (): string => "b";\n');
  const { code, report } = scan();
  assert.equal(code, 1);
  assert.deepEqual(report.baseline, { file: BASELINE, known: 0, fixed: ["import-cycle:src/a.ts,src/b.ts"], new: 1 });
  const pretty = runCli(["scan", dir]);
  assert.match(pretty.stdout, /0 known from baseline · 1 fixed/);
});

test("--baseline names another file; a missing or malformed one is a one-line error", () => {
  const missing = runCli(["scan", dir, "--baseline", `${dir}/nope.json`]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /^startup-doctor: no such baseline file: .*nope\.json \(create it with --update-baseline\)\n$/);
  write("broken.json", '{"version": 2}');
  const broken = runCli(["scan", dir, "--baseline", `${dir}/broken.json`]);
  assert.equal(broken.code, 2);
  assert.match(broken.stderr, /^startup-doctor: broken\.json: "version" must be 1 \(write a new one with --update-baseline\)\n$/);
  const elsewhere = scan("--baseline", `${dir}/other-baseline.json`, "--update-baseline");
  assert.equal(elsewhere.code, 0);
  assert.ok(existsSync(`${dir}/other-baseline.json`));
});
