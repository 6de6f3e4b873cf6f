// bin/startup-doctor.js starts the analysis worker before it loads the command line
// (run/early-analysis-worker.ts): analyze() takes that worker, and a command that never analyses
// exits as if it had not been started.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { test } from "node:test";
import { pathToFileURL } from "node:url";
import { fixture } from "../helpers/fixture.js";
import { repoRoot } from "../helpers/cli.js";
import { analyze } from "../../src/run/analyze.js";
import { analysesCommandLine, analysisWorkerFor, parsesEarly, startAnalysisWorkerEarly } from "../../src/run/early-analysis-worker.js";

const runtimeCycles = (analysis: Awaited<ReturnType<typeof analyze>>): string[][] =>
  analysis.cycles.filter((c) => c.runtime).map((c) => c.modules.map(analysis.ctx.rel));

test("analyze() runs on the worker started early, with the report it gives without one", async () => {
  const dir = fixture("graph", "barrel-cycle");
  const without = await analyze({ dir });
  const early = startAnalysisWorkerEarly();
  assert.equal(startAnalysisWorkerEarly(), early, "one early worker");
  // An early worker nobody takes waits for its request for ever: this one ends, its analysis done.
  const exited = new Promise<boolean>((resolve) => {
    early.once("exit", () => resolve(true));
    setTimeout(() => resolve(false), 20_000).unref();
  });
  const taken = await analyze({ dir });
  assert.deepEqual(runtimeCycles(taken), runtimeCycles(without));
  assert.deepEqual(taken.findings, without.findings);
  assert.equal(await exited, true, "the early worker ran the analysis and ended");
});

test("without an early worker, one is started for the request", async () => {
  const worker = analysisWorkerFor({ dir: fixture("graph", "no-such-fixture"), scope: "startup", workers: 0, workersAsked: true, besideProbes: false });
  const reply = await new Promise<{ type: string; error?: { name: string } }>((resolve) => {
    worker.on("message", (m: { type: string }) => {
      if (m.type !== "progress") resolve(m);
    });
  });
  assert.equal(reply.type, "error");
  assert.equal(reply.error?.name, "InputError");
});

test("an early worker never taken does not keep the process alive", () => {
  const url = pathToFileURL(`${repoRoot}/src/run/early-analysis-worker.ts`).href;
  const started = Date.now();
  const child = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", `const m = await import(${JSON.stringify(url)}); m.startAnalysisWorkerEarly(); console.log("done");`], { encoding: "utf8", timeout: 20_000 });
  assert.equal(child.status, 0, child.stderr);
  assert.equal(child.stdout.trim(), "done");
  assert.ok(Date.now() - started < 15_000);
});

test("which command lines analyse: all but init, help and the version", () => {
  for (const args of [[], ["."], ["scan"], ["scan", "app", "--format", "json"], ["check", "--timeout", "5000"], ["probe"], ["graph"], ["explain", "src/a.ts"], ["--cache", "scan"]]) {
    assert.equal(analysesCommandLine(args), true, args.join(" "));
  }
  for (const args of [["init"], ["help"], ["--help"], ["scan", "-h"], ["-v"], ["--version"], ["init", "--force"]]) {
    assert.equal(analysesCommandLine(args), false, args.join(" "));
  }
});

test("which command lines start a parse worker at once: --cache on more than one core", () => {
  assert.equal(parsesEarly(["scan", "--cache"], 2), true);
  assert.equal(parsesEarly(["--cache", "check", "--timeout", "5000"], 8), true);
  assert.equal(parsesEarly(["scan", "--cache"], 1), false, "one core: no workers");
  assert.equal(parsesEarly(["scan"], 2), false);
  assert.equal(parsesEarly(["scan", "--cache-location", "x"], 2), false, "a location alone does not ask for the cache");
});
