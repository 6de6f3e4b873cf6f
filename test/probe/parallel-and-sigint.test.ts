import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { test } from "node:test";
import type { ReportV1 } from "../../src/report/types.ts";
import { binPath, runCli } from "../helpers/cli.ts";
import { FIXTURES, survivors } from "./probe-fixture.ts";

const startOf = (report: ReportV1, entry: string): number =>
  Number(/started (\d+)/.exec(report.probes.find((probe) => probe.entry === entry)?.outputTail ?? "")?.[1]);

test("check probes several entrypoints in parallel, --concurrency at a time", () => {
  const args = ["check", `${FIXTURES}parallel-entries`, "--entry", "src/api.ts", "--entry", "src/worker.ts", "--format", "json", "--timeout", "8000", "--slow", "6000"];
  const parallel = JSON.parse(runCli([...args, "--concurrency", "2"]).stdout) as ReportV1;
  assert.deepEqual(parallel.probes.map((probe) => [probe.entry, probe.status]), [["src/api.ts", "ok"], ["src/worker.ts", "ok"]]);
  // Each entry awaits 1200 ms: in parallel both start before either finishes.
  assert.ok(Math.abs(startOf(parallel, "src/api.ts") - startOf(parallel, "src/worker.ts")) < 1000);
  const serial = JSON.parse(runCli([...args, "--concurrency", "1"]).stdout) as ReportV1;
  assert.ok(startOf(serial, "src/worker.ts") - startOf(serial, "src/api.ts") >= 1200);
});

test("Ctrl-C of startup-doctor kills every probe process and exits 130", async () => {
  const tag = randomUUID();
  const cli = spawn(process.execPath, [binPath, "probe", `${FIXTURES}spawns-grandchild`, "--entry", "index.mjs", "--timeout", "20000"], {
    env: { ...process.env, NO_COLOR: "1", STARTUP_DOCTOR_TEST_TAG: tag },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  cli.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; at: number }>((resolve) => cli.once("exit", (code) => resolve({ code, at: Date.now() })));
  await new Promise((resolve) => setTimeout(resolve, 1500));
  // The CLI, the probe child, its group sibling, a setsid child and a double-forked daemon (a
  // loaded machine may need a little longer than 1.5 s to start them all).
  for (const started = Date.now(); survivors(tag).length < 5 && Date.now() - started < 15000; ) await new Promise((resolve) => setTimeout(resolve, 50));
  // At least 5: the double fork briefly has an intermediate process too.
  assert.ok(survivors(tag).length >= 5, "the probe and everything it spawned are running");
  const sentAt = Date.now();
  cli.kill("SIGINT");
  const { code, at } = await exited;
  assert.equal(code, 130, stderr);
  assert.ok(at - sentAt < 2000, `exited after ${at - sentAt} ms`);
  assert.match(stderr, /stopped by SIGINT/);
  // Survivors are checked within the same 2 s.
  while (survivors(tag).length > 0 && Date.now() - sentAt < 2000) await new Promise((resolve) => setTimeout(resolve, 50));
  assert.deepEqual(survivors(tag), []);
});
