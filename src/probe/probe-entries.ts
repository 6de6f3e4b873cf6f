// Probes every entry under every runtime, a few at a time.
import type { ReportProbe, RuntimeName } from "../report/types.js";
import { buildProbe } from "./build-probe.js";
import { compareRuntimes } from "./compare-runtimes.js";
import { runChild } from "./run-probe.js";
import { planProbe, toReportRan } from "./plan/index.js";
import { detectRuntimes, findBun, preloadDir } from "./runtimes.js";
import type { ProbeOptions } from "./types.js";

export async function probeEntries(options: ProbeOptions): Promise<ReportProbe[]> {
  const runtimes: RuntimeName[] = options.runtimes === "auto" ? detectRuntimes(options.root, "auto").runtimes : options.runtimes;
  const bunPath = runtimes.includes("bun") ? findBun() : null;
  const jobs = options.entries.flatMap((entry) => runtimes.map((runtime) => ({ entry, runtime })));
  const results: ReportProbe[] = new Array<ReportProbe>(jobs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      options.signal?.throwIfAborted();
      const index = next++;
      const job = jobs[index] as { entry: string; runtime: RuntimeName };
      results[index] = await probeOne(options, job.entry, job.runtime, bunPath);
    }
  };
  const lanes = Math.max(1, Math.min(options.concurrency || 1, jobs.length));
  await Promise.all(Array.from({ length: lanes }, worker));
  options.signal?.throwIfAborted();
  return runtimes.length > 1 ? compareRuntimes(results) : results;
}

async function probeOne(options: ProbeOptions, entry: string, runtime: RuntimeName, bunPath: string | null): Promise<ReportProbe> {
  options.onProgress?.({ entry, runtime, phase: "start" });
  const plan = planProbe({ root: options.root, entry, runtime, bunPath, env: options.env });
  const run = await runChild({
    cwd: plan.cwd,
    command: { command: plan.command, args: plan.args },
    runtime,
    env: plan.env,
    timeoutMs: options.timeoutMs,
    signal: options.signal,
  });
  const probe = buildProbe(run, {
    root: options.root,
    entry,
    slowMs: options.slowMs,
    timeoutMs: options.timeoutMs,
    importTimes: options.importTimes,
    preloadDir: preloadDir(),
  });
  probe.ran = toReportRan(plan);
  options.onProgress?.({ entry, runtime, phase: "done", status: probe.status });
  return probe;
}
