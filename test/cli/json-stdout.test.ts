import assert from "node:assert/strict";
import { test } from "node:test";
import { runCli } from "../helpers/cli.js";
import { fixture } from "../helpers/fixture.js";
import type { ReportV1 } from "../../src/report/types.js";

const dir = fixture("graph", "type-only-cycle");

test("--format json writes one JSON document and nothing else to stdout, nothing to stderr", () => {
  // FORCE_COLOR must not leak escapes into JSON either.
  const r = runCli(["scan", dir, "--format", "json"], { env: { FORCE_COLOR: "3" } });
  assert.equal(r.code, 0);
  assert.equal(r.stderr, "");
  assert.doesNotMatch(r.stdout, /\u001b/);
  assert.ok(r.stdout.endsWith("}\n"));
  const report = JSON.parse(r.stdout) as ReportV1;
  assert.deepEqual(Object.keys(report).slice(0, 7), ["version", "root", "entrypoints", "modules", "cycles", "findings", "probes"]);
});

test("the contract's fields have the documented shape; paths are root-relative with forward slashes", () => {
  const report = JSON.parse(runCli(["scan", dir, "--format", "json"]).stdout) as ReportV1;
  assert.equal(report.version, 1);
  assert.equal(report.root, dir);
  assert.deepEqual(report.entrypoints, ["src/index.ts"]);
  assert.equal(typeof report.modules, "number");
  for (const cycle of report.cycles) {
    for (const m of cycle.modules) assert.match(m, /^src\/[\w/.-]+$/);
    for (const e of cycle.edges) assert.deepEqual(Object.keys(e).slice(0, 4), ["from", "to", "line", "kind"]);
    assert.equal(typeof cycle.runtime, "boolean");
  }
  assert.deepEqual(Object.keys(report.findings[0]).slice(0, 5), ["rule", "severity", "file", "line", "message"]);
  assert.deepEqual(report.probes, []);
});

test("--output writes the same JSON to a file and leaves stdout empty", async () => {
  const { mkdtempSync, readFileSync, rmSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const out = mkdtempSync(`${tmpdir()}/startup-doctor-out-`);
  try {
    const r = runCli(["scan", dir, "--format", "json", "--output", `${out}/report.json`]);
    assert.equal(r.stdout, "");
    assert.equal(readFileSync(`${out}/report.json`, "utf8"), runCli(["scan", dir, "--format", "json"]).stdout);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
