// The Node API's commands: each returns the report object that `--format json` prints.
import type { ReportV1 } from "../report/types.js";
import type { StartupDoctorConfig } from "../config/types.js";
import { resolveProbeOptions, resolveScanOptions, type ProbeOptions, type Resolved, type ScanOptions } from "./options.js";

/** Static analysis of the import graph and the startup rules. Never runs project code. */
export async function scan(options: ScanOptions = {}): Promise<ReportV1> {
  const o = await resolveScanOptions(options);
  const { scan: run } = await import("../run/scan.js");
  const report = await run({ dir: o.dir, tsconfig: o.tsconfig, entries: o.entries, scope: o.scope, ...progressOf(options), ...signalOf(options) });
  return finish(report, o);
}

/** Imports each entrypoint in a timed, instrumented child process. RUNS the project's code. */
export async function probe(options: ProbeOptions = {}): Promise<ReportV1> {
  return runProbes("probe", options);
}

/** `scan`, then `probe`, each probe tied to the findings that explain it. RUNS the project's code. */
export async function check(options: ProbeOptions = {}): Promise<ReportV1> {
  return runProbes("check", options);
}

async function runProbes(command: "probe" | "check", options: ProbeOptions): Promise<ReportV1> {
  const o = await resolveProbeOptions(options);
  const run = await import("../run/probe.js");
  const report = await run[command]({
    dir: o.dir,
    tsconfig: o.tsconfig,
    entries: o.entries,
    scope: o.scope,
    timeoutMs: o.timeoutMs,
    slowMs: o.slowMs,
    runtime: o.runtime,
    concurrency: o.concurrency,
    env: o.env,
    envFile: o.envFile,
    importTimes: o.importTimes,
    ready: o.ready,
    readyLog: o.readyLog,
    graceMs: o.graceMs,
    ...progressOf(options),
    ...signalOf(options),
    ...(options.onProbeProgress ? { onProgress: options.onProbeProgress } : {}),
  });
  return finish(report, o);
}

/** The analysis progress listener, under the name the orchestrators read. */
function progressOf(options: ScanOptions): { onAnalysisProgress?: ScanOptions["onProgress"] } {
  return options.onProgress ? { onAnalysisProgress: options.onProgress } : {};
}

/** A real AbortSignal that follows the caller's (any object with the AbortSignal shape). */
function signalOf(options: ScanOptions): { signal?: AbortSignal } {
  const given = options.signal;
  if (!given) return {};
  if (given instanceof AbortSignal) return { signal: given };
  const follower = new AbortController();
  if (given.aborted) follower.abort(given.reason);
  else given.addEventListener("abort", () => follower.abort(given.reason), { once: true });
  return { signal: follower.signal };
}

/** The configuration's rule settings, then the baseline, as the CLI does between analysis and output. */
async function finish(report: ReportV1, o: Resolved): Promise<ReportV1> {
  if (!o.useBaseline) {
    const config: StartupDoctorConfig | null = o.config;
    if (!config || !(config.rules || config.include || config.ignore)) return report;
    const { applyConfig } = await import("../config/apply.js");
    return applyConfig(report, config);
  }
  const { finishReport } = await import("../run/finish-report.js");
  return (await finishReport(report, { baseline: o.baseline }, o.config)).report;
}
