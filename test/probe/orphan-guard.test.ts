// The probe child's orphan guard: it knows its startup-doctor by pid and start time, so a parent
// killed before the child first read its ppid (the child then saw init) is still noticed.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { test } from "node:test";
import { parentFromEnv, parentGone } from "../../src/probe/preload/orphan-guard.ts";
import { readStat } from "../../src/probe/proc-table.ts";

test("the parent from the environment: pid and start time, or nothing", () => {
  assert.deepEqual(parentFromEnv({ STARTUP_DOCTOR_PARENT: "4242:987654" }), { pid: 4242, start: 987654 });
  // No /proc on the parent's side: no start time, so the guard keeps to the ppid alone.
  assert.equal(parentFromEnv({ STARTUP_DOCTOR_PARENT: "4242:" }), undefined);
  assert.equal(parentFromEnv({ STARTUP_DOCTOR_PARENT: "x:1" }), undefined);
  assert.equal(parentFromEnv({}), undefined);
});

test("parentGone: a live parent is not gone; a dead one, or a reused pid, is, even while the ppid is unchanged", { skip: readStat(process.pid) ? false : "no /proc here" }, () => {
  const self = readStat(process.pid)!;
  const guard = { ppid: process.ppid, fd: 3, marker: "" };
  assert.equal(parentGone({ ...guard, parent: { pid: process.pid, start: self.start } }), false);
  assert.equal(parentGone(guard), false);
  // Same pid, other start time: another process that got the pid.
  assert.equal(parentGone({ ...guard, parent: { pid: process.pid, start: self.start + 1 } }), true);
  // A process that has exited.
  const gone = spawnSync(process.execPath, ["-e", "console.log(process.pid)"], { encoding: "utf8" });
  assert.equal(parentGone({ ...guard, parent: { pid: Number(gone.stdout.trim()), start: 1 } }), true);
  // The ppid changed: gone, whatever the environment says.
  assert.equal(parentGone({ ...guard, ppid: process.ppid + 1, parent: { pid: process.pid, start: self.start } }), true);
});
