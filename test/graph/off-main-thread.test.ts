import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { test } from "node:test";
import { fixture } from "../helpers/fixture.js";
import { analyze } from "../../src/run/analyze.js";
import type { AnalysisProgress } from "../../src/run/progress-events.js";
import { InputError } from "../../src/util/errors.js";

const loadedHere = (): boolean => Object.keys(createRequire(import.meta.url).cache).some((k) => /\/node_modules\/typescript\//.test(k));

test("the analysis runs on a worker: this thread's event loop turns meanwhile and never loads the compiler", async () => {
  let turns = 0;
  const ticker = setInterval(() => turns++, 1);
  const events: AnalysisProgress[] = [];
  const analysis = await analyze({ dir: fixture("graph", "barrel-cycle"), onAnalysisProgress: (e) => events.push(e) });
  clearInterval(ticker);
  assert.ok(turns > 0, "the main thread's timers ran during the analysis");
  assert.equal(loadedHere(), false);
  assert.deepEqual(
    analysis.cycles.filter((c) => c.runtime).map((c) => c.modules.map(analysis.ctx.rel)),
    [["src/index.ts", "src/services/user.ts"]],
  );
  // Phases come in order, each ending at its total.
  const phases = [...new Set(events.map((e) => e.phase))];
  assert.deepEqual(phases, ["discover", "parse", "resolve", "rules"]);
  for (const phase of phases) {
    const last = events.filter((e) => e.phase === phase).at(-1)!;
    assert.equal(last.done, last.total, phase);
  }
  assert.equal(events.filter((e) => e.phase === "parse").at(-1)!.total, analysis.graph.files.length);
});

test("bad input thrown on the worker arrives as the same one-line error class", async () => {
  await assert.rejects(analyze({ dir: fixture("graph", "no-such-fixture") }), (error: unknown) => {
    assert.ok(error instanceof InputError);
    assert.match((error as Error).message, /^no such directory: /);
    return true;
  });
});

test("with and without parse workers the analysis is the same", async () => {
  const dir = fixture("graph", "workspaces-cycle");
  const [pooled, inline] = await Promise.all([analyze({ dir, workers: 2 }), analyze({ dir, workers: 0 })]);
  assert.deepEqual(pooled.findings, inline.findings);
  assert.deepEqual(pooled.cycles, inline.cycles);
  assert.deepEqual(pooled.graph, inline.graph);
});

test("check finds its entrypoints on the analysis worker too: the probes start without the compiler ever loading on this thread", { timeout: 60_000 }, async () => {
  const { check } = await import("../../src/run/probe.js");
  let turns = 0;
  const ticker = setInterval(() => turns++, 1);
  const started: string[] = [];
  const report = await check({ dir: fixture("probe", "ok"), timeoutMs: 8000, slowMs: 7000, runtime: "node", concurrency: 1, env: {}, importTimes: false, onProgress: (e) => e.phase === "start" && started.push(e.entry) });
  clearInterval(ticker);
  assert.equal(loadedHere(), false);
  assert.ok(turns > 0);
  assert.deepEqual(started, ["src/index.ts"]);
  assert.deepEqual(report.probes.map((p) => [p.entry, p.status]), [["src/index.ts", "ok"]]);
});

test("an aborted signal stops the analysis: analyze rejects with the signal's reason", async () => {
  const stop = new AbortController();
  const reason = new Error("stopped by the caller");
  const running = analyze({ dir: fixture("graph", "barrel-cycle"), signal: stop.signal, onAnalysisProgress: () => stop.abort(reason) });
  await assert.rejects(running, (error: unknown) => error === reason);
  await assert.rejects(analyze({ dir: fixture("graph", "barrel-cycle"), signal: AbortSignal.abort(reason) }), (error: unknown) => error === reason);
});

test("parse workers by default: none on one core, two on 2-3 cores from 10,000 files (measured slower below), one per core but one from 4 cores and 500 files", async () => {
  const { defaultWorkers, minPoolFiles } = await import("../../src/run/default-workers.js");
  assert.deepEqual([1, 2, 3, 4, 8, 16].map((cores) => defaultWorkers(cores)), [0, 2, 2, 3, 7, 15]);
  assert.deepEqual([1, 2, 3, 4, 8].map((cores) => minPoolFiles(cores)), [10_000, 10_000, 10_000, 500, 500]);
});
