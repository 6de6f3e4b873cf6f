import assert from "node:assert/strict";
import { test } from "node:test";
import { classify, type Outcome } from "../../src/probe/index.ts";
import { stallBlocks } from "../../src/probe/classify.ts";

const base: Outcome = {
  finished: false,
  durationMs: 100,
  slowMs: 2000,
  crashed: false,
  exited: false,
  exitCode: null,
  reportedExitCode: null,
  timedOut: false,
  mainThreadBusy: false,
};

const cases: Array<[string, Partial<Outcome>, string]> = [
  ["finished in time", { finished: true }, "ok"],
  ["finished after the slow threshold", { finished: true, durationMs: 2500 }, "slow"],
  ["finished wins over a later exit", { finished: true, exited: true, exitCode: 1 }, "ok"],
  ["an escaped exception", { crashed: true, exited: true, exitCode: 1 }, "crash"],
  ["exit code 13", { exited: true, exitCode: 13 }, "unsettled"],
  ["process.exitCode 13 seen by the child", { exited: true, exitCode: 0, reportedExitCode: 13 }, "unsettled"],
  ["exited early", { exited: true, exitCode: 3 }, "exit"],
  ["killed by a signal", { exited: true, exitCode: null }, "exit"],
  ["timed out, idle", { timedOut: true }, "hang"],
  ["timed out, busy", { timedOut: true, mainThreadBusy: true }, "blocked"],
];

for (const [name, patch, status] of cases) {
  test(`classify: ${name} -> ${status}`, () => {
    assert.equal(classify({ ...base, ...patch }), status);
  });
}

test("a stall with no stack blocks when the main thread slept in the kernel or computed; not when it was runnable with little CPU, nor without a report", () => {
  const cpu = (cpuMs: number, wallMs: number) => ({ cpuMs, wallMs, majorFaults: 0 });
  // execSync: asleep inside the call.
  assert.equal(stallBlocks({ cpu: cpu(0, 1800), state: "S" }), true);
  // A cold disk: waiting on the device.
  assert.equal(stallBlocks({ cpu: cpu(100, 1800), state: "D" }), true);
  // A synchronous native computation: on a CPU most of the time.
  assert.equal(stallBlocks({ cpu: cpu(1500, 1800), state: "R" }), true);
  // A starved machine: runnable, hardly any CPU; that is not the app blocking.
  assert.equal(stallBlocks({ cpu: cpu(30, 1800), state: "R" }), false);
  assert.equal(stallBlocks({ cpu: null, state: "R" }), false);
  assert.equal(stallBlocks(null), false);
});
