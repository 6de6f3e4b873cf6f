// probe and check need something to run: a project without any entrypoint is a one-line error,
// exit 2, found on the analysis worker before any child starts; scan still works on it.
import assert from "node:assert/strict";
import { test } from "node:test";
import { runCli } from "../helpers/cli.js";
import { fixture } from "../helpers/fixture.js";
import { assertOneLineError } from "./one-line-error.js";

const dir = fixture("input", "no-entrypoint");

test("probe and check without an entrypoint: one line, exit 2; with --entry they run", () => {
  for (const command of ["probe", "check"]) {
    assertOneLineError(runCli([command, dir, "--format", "json"]), "startup-doctor: no entrypoint found to probe: pass --entry <file>");
  }
  const scan = runCli(["scan", dir, "--format", "json"]);
  assert.equal(scan.code, 0, scan.stderr);
  const probed = runCli(["probe", dir, "--entry", "lib/util.ts", "--format", "json", "--timeout", "20000", "--slow", "15000"]);
  assert.equal(probed.code, 0, probed.stderr);
  assert.deepEqual((JSON.parse(probed.stdout) as { probes: Array<{ entry: string; status: string }> }).probes.map((p) => [p.entry, p.status]), [["lib/util.ts", "ok"]]);
});
