import assert from "node:assert/strict";
import { test } from "node:test";
import { runCli } from "../helpers/cli.ts";
import { findBun } from "../../src/probe/index.ts";
import { FIXTURES, probeFixture, survivors } from "./probe-fixture.ts";

const bun = findBun();

test("Bun finishes the import deadlock that hangs Node", { skip: bun ? false : "no bun executable" }, async () => {
  // --ready evaluated: the question is whether the entry module finishes evaluating.
  const { probes, tag } = await probeFixture("hang-tla-deadlock", "src/index.ts", { runtimes: ["node", "bun"], ready: "evaluated" });
  const byRuntime = Object.fromEntries(probes.map((probe) => [probe.runtime, probe]));
  assert.equal(byRuntime.node?.status, "hang");
  assert.equal(byRuntime.bun?.status, "ok");
  assert.deepEqual(byRuntime.bun?.pending, []);
  assert.deepEqual(byRuntime.node?.differsFrom, [{ runtime: "bun", status: "ok", phase: "evaluation" }]);
  assert.deepEqual(byRuntime.bun?.differsFrom, [{ runtime: "node", status: "hang", phase: "evaluation" }]);
  assert.match(byRuntime.node?.summary ?? "", /The runtimes differ: hang under node, ok under bun\./);
  assert.deepEqual(survivors(tag), []);
});

test("watching the whole startup, Bun gets past the deadlock and then waits on the reconnect loop: the phases differ", { skip: bun ? false : "no bun executable" }, async () => {
  const { probes } = await probeFixture("hang-tla-deadlock", "src/index.ts", { runtimes: ["node", "bun"] });
  const byRuntime = Object.fromEntries(probes.map((probe) => [probe.runtime, probe]));
  assert.deepEqual([byRuntime.node?.status, byRuntime.node?.phase], ["hang", "evaluation"]);
  assert.deepEqual([byRuntime.bun?.status, byRuntime.bun?.phase], ["hang", "boot"]);
  assert.equal(byRuntime.bun?.waitingOn?.[0]?.target, "127.0.0.1:1");
  assert.match(byRuntime.node?.summary ?? "", /The runtimes differ: hang while evaluating under node, hang during boot under bun\. Bun evaluates an await import\(\) that re-enters/);
});

test("--runtime node,bun prints where the runtimes differ", { skip: bun ? false : "no bun executable" }, () => {
  const { stdout } = runCli(["probe", `${FIXTURES}hang-tla-deadlock`, "--runtime", "node,bun", "--timeout", "3000", "--ready", "evaluated"]);
  assert.match(stdout, /^HANG src\/index\.ts \(node, /m);
  assert.match(stdout, /^OK src\/index\.ts \(bun, /m);
  assert.match(stdout, /^RUNTIMES DIFFER src\/index\.ts: node hang, bun ok$/m);
});

test("an entry that ends the same under both runtimes has no differsFrom", { skip: bun ? false : "no bun executable" }, async () => {
  const { probes } = await probeFixture("importtime", "src/index.ts", { runtimes: ["node", "bun"], timeoutMs: 8000, slowMs: 6000 });
  assert.deepEqual(
    probes.map((probe) => [probe.runtime, probe.status, probe.differsFrom]),
    [
      ["node", "ok", undefined],
      ["bun", "ok", undefined],
    ],
  );
});

test("Bun reports the TDZ crash at the TypeScript line", { skip: bun ? false : "no bun executable" }, async () => {
  const { probe } = await probeFixture("crash-tdz-esm", "src/index.ts", { runtimes: ["bun"] });
  assert.equal(probe.status, "crash");
  assert.equal(probe.error?.file, "src/models/admin.ts");
  assert.equal(probe.error?.line, 11);
});

test("under Bun, pending names the module waited for (edges read at load time)", { skip: bun ? false : "no bun executable" }, async () => {
  const { probe, tag } = await probeFixture("hang-closed-port", "src/index.ts", { runtimes: ["bun"], timeoutMs: 2500 });
  assert.equal(probe.status, "hang");
  assert.deepEqual(probe.pending, [
    { file: "src/index.ts", waitingFor: "src/db.ts" },
    { file: "src/db.ts", line: 22 },
  ]);
  // Handles are not tracked under Bun (no async_hooks creation stacks there).
  assert.deepEqual(probe.handles, []);
  assert.deepEqual(survivors(tag), []);
});

// Bun 1.4.5 never runs a CommonJS entry that a plugin returned: before the preload kept it out,
// both of these "exited with code 0 before it finished importing" without running a line.
test("Bun runs a CommonJS entry as `bun <file>` does: a require()d argument parser that exits 1", { skip: bun ? false : "no bun executable" }, async () => {
  const { probe } = await probeFixture("exit-usage", "bin/migrate.js", { runtimes: ["bun"] });
  assert.deepEqual([probe.runtime, probe.status, probe.exitCode], ["bun", "exit", 1]);
  assert.match(probe.outputTail ?? "", /Missing required argument: --database/);
  assert.deepEqual([probe.exitCall?.file, probe.exitCall?.line], ["bin/migrate.js", 5]);
});

test("Bun runs a CommonJS entry as `bun <file>` does: a retrying connect after a caught require() throw", { skip: bun ? false : "no bun executable" }, async () => {
  const { probe } = await probeFixture("cjs-caught-throw", "index.js", { runtimes: ["bun"] });
  assert.deepEqual([probe.runtime, probe.status, probe.phase], ["bun", "hang", "boot"]);
  assert.equal(probe.waitingOn?.[0]?.target, "127.0.0.1:1");
});
