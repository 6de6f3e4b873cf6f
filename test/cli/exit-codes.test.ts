import assert from "node:assert/strict";
import { test } from "node:test";
import { runCli } from "../helpers/cli.js";
import { fixture } from "../helpers/fixture.js";

// type-only-cycle has exactly one finding (an import-cycle at info: nothing crosses the cycle at
// evaluation); entrypoints has none.
const flagged = fixture("graph", "type-only-cycle");
const clean = fixture("graph", "entrypoints");

test("exit 0 when nothing is at or above --fail-on (default error), 1 when something is", () => {
  const code = (dir: string, ...extra: string[]): number | null => runCli(["scan", dir, "--format", "json", ...extra]).code;
  assert.equal(code(flagged), 0);
  assert.equal(code(flagged, "--fail-on", "error"), 0);
  assert.equal(code(flagged, "--fail-on", "warning"), 0);
  assert.equal(code(flagged, "--fail-on", "info"), 1);
  assert.equal(code(flagged, "--fail-on", "none"), 0);
  assert.equal(code(clean, "--fail-on", "info"), 0);
});

test("the pretty format exits the same way as json", () => {
  assert.equal(runCli(["scan", flagged, "--fail-on", "info"]).code, 1);
  assert.equal(runCli(["scan", flagged]).code, 0);
});

test("exit 2 for bad usage and for unreadable input", () => {
  assert.equal(runCli(["scan", flagged, "--fail-on", "fatal"]).code, 2);
  assert.equal(runCli(["scan", fixture("input", "malformed-tsconfig")]).code, 2);
});
