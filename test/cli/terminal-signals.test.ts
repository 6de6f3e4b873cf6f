// Ctrl-C typed in a real terminal, a SIGTERM and a closed terminal stop the run at once, kill
// every probe process and exit 128 + the signal. A `kill(SIGINT)` without a terminal cannot show
// the spinner swallowing Ctrl-C (runtime-facts §6.7): these runs go through a pseudo-terminal.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { spawn } from "node:child_process";
import { test } from "node:test";
import { binPath } from "../helpers/cli.ts";
import { inPty, noPty } from "../helpers/pty.ts";
import { FIXTURES, survivors } from "../probe/probe-fixture.ts";

const TAG = "STARTUP_DOCTOR_TEST_TAG";
const probeArgs = ["check", `${FIXTURES}spawns-grandchild`, "--entry", "index.mjs", "--timeout", "30000"];

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  for (const started = Date.now(); !condition() && Date.now() - started < timeoutMs; ) await new Promise((r) => setTimeout(r, 25));
}

test("Ctrl-C typed while the spinner shows a running probe exits 130 within a second, and no probe process is left", { skip: noPty, timeout: 90_000 }, async () => {
  const tag = randomUUID();
  const term = inPty(probeArgs, { cwd: FIXTURES, env: { [TAG]: tag } });
  await term.waitFor(/Probing index\.mjs \(node\) \d+\.\d s of 30 s timeout/);
  // The CLI, the probe, its group sibling, a setsid child and a double-forked daemon.
  await until(() => survivors(tag).length >= 5, 10_000);
  assert.ok(survivors(tag).length >= 5, "the probe and everything it spawned are running");
  const typedAt = Date.now();
  term.type("\x03");
  const { code, at } = await term.exited;
  assert.equal(code, 130, term.output().slice(-400));
  assert.ok(at - typedAt < 1000, `exited ${at - typedAt} ms after Ctrl-C`);
  assert.match(term.output(), /stopped by SIGINT/);
  await until(() => survivors(tag).length === 0, 1000 - (Date.now() - typedAt));
  assert.deepEqual(survivors(tag), [], "no process outlives the run");
});

test("closing the terminal (SIGHUP) ends the run and kills the probes within a second", { skip: noPty, timeout: 90_000 }, async () => {
  const tag = randomUUID();
  const term = inPty(probeArgs, { cwd: FIXTURES, env: { [TAG]: tag } });
  await term.waitFor(/Probing index\.mjs/);
  await until(() => survivors(tag).length >= 5, 10_000);
  // `script` holds the terminal's master side: killing it hangs the terminal up.
  const closedAt = Date.now();
  term.child.kill("SIGKILL");
  await until(() => survivors(tag).length === 0, 1000);
  assert.deepEqual(survivors(tag), [], `left after ${Date.now() - closedAt} ms`);
});

for (const [signal, expected] of [["SIGTERM", 143], ["SIGHUP", 129]] as const) {
  test(`${signal} exits ${expected} and kills the probes`, { timeout: 90_000 }, async () => {
    const tag = randomUUID();
    const cli = spawn(process.execPath, [binPath, ...probeArgs], { cwd: FIXTURES, env: { ...process.env, NO_COLOR: "1", [TAG]: tag }, stdio: ["ignore", "pipe", "pipe"] });
    const exited = new Promise<number | null>((resolve) => cli.once("exit", (code) => resolve(code)));
    await until(() => survivors(tag).length >= 5, 15_000);
    assert.ok(survivors(tag).length >= 5, "the probe and everything it spawned are running");
    const sentAt = Date.now();
    cli.kill(signal);
    assert.equal(await exited, expected);
    await until(() => survivors(tag).length === 0, 1000 - (Date.now() - sentAt));
    assert.deepEqual(survivors(tag), []);
  });
}
