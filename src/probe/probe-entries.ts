// Probes every entry under every runtime: a few entries at a time, the runtimes of one entry
// one after the other (an app on a fixed port would otherwise fail with EADDRINUSE).
import { InputError } from "../util/errors.js";
import type { ReportProbe, RuntimeName } from "../report/types.js";
import { buildProbe } from "./build-probe.js";
import { compareRuntimes } from "./compare-runtimes.js";
import { runChild } from "./run-probe.js";
import { planProbe, toReportRan } from "./plan/index.js";
import { detectRuntimes, findBun, preloadDir } from "./runtimes.js";
import type { ProbeOptions } from "./types.js";

const DEFAULT_GRACE_MS = 1000;

export async function probeEntries(options: ProbeOptions): Promise<ReportProbe[]> {
  const runtimes = chooseRuntimes(options);
  const bunPath = runtimes.includes("bun") ? findBun() : null;
  const results = new Map<string, ReportProbe>();
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < options.entries.length) {
      options.signal?.throwIfAborted();
      const entry = options.entries[next++] as string;
      for (const runtime of runtimes) {
        options.signal?.throwIfAborted();
        results.set(`${entry}\n${runtime}`, await probeOne(options, entry, runtime, bunPath));
      }
    }
  };
  const lanes = Math.max(1, Math.min(options.concurrency || 1, options.entries.length));
  await Promise.all(Array.from({ length: lanes }, lane));
  options.signal?.throwIfAborted();
  const ordered = options.entries.flatMap((entry) => runtimes.map((runtime) => results.get(`${entry}\n${runtime}`) as ReportProbe));
  return runtimes.length > 1 ? compareRuntimes(ordered) : ordered;
}

/** Bun asked for and missing: a one-line error. Bun detected and missing: a warning, and Node. */
function chooseRuntimes(options: ProbeOptions): RuntimeName[] {
  if (options.runtimes !== "auto") {
    if (options.runtimes.includes("bun") && findBun() === null) {
      throw new InputError("--runtime bun: no bun executable found (install bun, or probe with --runtime node)");
    }
    return options.runtimes;
  }
  const choice = detectRuntimes(options.root, "auto");
  for (const note of choice.notes) options.onWarning?.(note.replace("was requested or detected", "was detected (a Bun project)"));
  return choice.runtimes;
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
    slowMs: options.slowMs,
    ready: options.readyLog ? "log" : (options.ready ?? "auto"),
    graceMs: options.graceMs ?? DEFAULT_GRACE_MS,
    readyLog: options.readyLog,
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
  if (runtime === "bun" && probe.status === "hang" && probe.handles.length === 0) {
    probe.summary = `${probe.summary ?? ""} Bun cannot list what keeps its process alive (no async_hooks resources): the handles are unknown.`.trim();
  }
  options.onProgress?.({ entry, runtime, phase: "done", status: probe.status });
  return probe;
}
