import assert from "node:assert/strict";
import { chmodSync, cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { scanJson } from "../helpers/cli.js";
import { fixture } from "../helpers/fixture.js";

const dir = mkdtempSync(join(tmpdir(), "startup-doctor-unreadable-"));
after(() => {
  chmodSync(join(dir, "src", "secret.ts"), 0o644);
  rmSync(dir, { recursive: true, force: true });
});
cpSync(fixture("input", "unreadable-file"), dir, { recursive: true });
chmodSync(join(dir, "src", "secret.ts"), 0o000);

/** chmod 000 does not stop root (or CAP_DAC_OVERRIDE) from reading. */
function permissionsApply(): boolean {
  try {
    readFileSync(join(dir, "src", "secret.ts"));
    return false;
  } catch {
    return true;
  }
}

test("an unreadable source file is a warning and the scan goes on", { skip: permissionsApply() ? false : "running with privileges that ignore file modes (root): chmod 000 cannot make a file unreadable" }, () => {
  const { code, report, stderr } = scanJson(dir);
  assert.equal(code, 0);
  assert.equal(stderr, "");
  assert.deepEqual(report.warnings, [{ file: "src/secret.ts", message: "cannot read file (EACCES), skipped" }]);
  // secret.ts imports index.ts, but its text cannot be read: no cycle is claimed.
  assert.deepEqual(report.cycles, []);
  assert.equal(report.modules, 2);
});
