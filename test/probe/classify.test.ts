import assert from "node:assert/strict";
import { test } from "node:test";
import { classify, type Outcome } from "../../src/probe/index.ts";

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
