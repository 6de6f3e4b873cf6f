// `probe` and the dynamic half of `check`: run each entrypoint in an instrumented child process.
// This runs the project's code by design; `scan` never does.
import { readFileSync } from "node:fs";
import { killAllProbes, linkProbesToFindings, parseEnvFile, probeEntries } from "../probe/index.js";
import type { ReportProbe, ReportV1 } from "../report/types.js";
import { InputError } from "../util/errors.js";
import { relativeTo } from "../util/path.js";
import type { Discovery } from "./analysis-job.js";
import { analyze, toReport, type AnalyzeOptions } from "./analyze.js";

export interface ProbeRunOptions extends AnalyzeOptions {
  timeoutMs: number;
  slowMs: number;
  runtime: "auto" | "node" | "bun" | "node,bun";
  concurrency: number;
  env: Record<string, string>;
  envFile?: string;
  importTimes: boolean;
  /** When startup counts as complete (default auto). */
  ready?: "auto" | "listening" | "settled" | "evaluated";
  readyLog?: RegExp;
  graceMs?: number;
  onProgress?: (event: { entry: string; runtime: string; phase: "start" | "done"; status?: string }) => void;
}

export async function probe(options: ProbeRunOptions): Promise<ReportV1> {
  return runProbes(options, "probe");
}

/** `check`: scan, then probe, with each probe tied to the static findings that explain it. */
export async function check(options: ProbeRunOptions): Promise<ReportV1> {
  return runProbes(options, "check");
}

async function runProbes(options: ProbeRunOptions, command: "probe" | "check"): Promise<ReportV1> {
  const env = { ...readEnvFile(options.envFile), ...options.env };
  const warnings: Array<{ message: string }> = [];
  // The children start as soon as the analysis worker has found the entrypoints, and the graph is
  // built while they import: its time is not added to the probe's (the parent only reads their
  // pipes; the children never wait for it unless they write more than a socket buffer meanwhile).
  // Nothing of the analysis runs on this thread, so supervising them is never delayed by it.
  let probing: Promise<ReportProbe[]> | null = null;
  let refused: Error | null = null;
  // One signal for the analysis: the caller's abort, or ours when there is nothing to probe.
  const stop = new AbortController();
  const stopProbes = (): void => {
    killAllProbes();
    stop.abort(options.signal?.reason);
  };
  if (options.signal?.aborted) stopProbes();
  else options.signal?.addEventListener("abort", stopProbes, { once: true });
  const signal = stop.signal;
  const start = ({ project, entrypoints }: Discovery): void => {
    const entries = entrypoints.map((e) => relativeTo(project.root, e.file));
    if (entries.length === 0) {
      refused = new InputError("no entrypoint found to probe: pass --entry <file>");
      stop.abort(refused);
      return;
    }
    probing = probeEntries({
      root: project.root,
      entries,
      timeoutMs: options.timeoutMs,
      slowMs: options.slowMs,
      runtimes: options.runtime === "auto" ? "auto" : (options.runtime.split(",") as Array<"node" | "bun">),
      concurrency: options.concurrency,
      env,
      importTimes: options.importTimes,
      ready: options.ready,
      readyLog: options.readyLog,
      graceMs: options.graceMs,
      onWarning: (message) => warnings.push({ message }),
      onProgress: options.onProgress,
    });
    // A refused option (--runtime bun without bun) rejects at once: handled here, thrown at the await.
    probing.catch(() => undefined);
  };
  let report: ReportV1;
  try {
    report = toReport(await analyze({ ...options, signal }, { besideProbes: true, onDiscovered: start }), command);
  } catch (error) {
    killAllProbes();
    await (probing as Promise<ReportProbe[]> | null)?.catch(() => undefined);
    options.signal?.removeEventListener("abort", stopProbes);
    throw refused ?? error;
  }
  if (!probing) throw new Error("the analysis finished without reporting its entrypoints");
  let probes: ReportProbe[];
  try {
    probes = await probing;
  } finally {
    options.signal?.removeEventListener("abort", stopProbes);
  }
  if (options.signal?.aborted) throw options.signal.reason;
  const linked = linkProbesToFindings(probes, report.findings);
  if (warnings.length > 0) report = { ...report, warnings: [...(report.warnings ?? []), ...warnings] };
  // `probe` reports only what the run showed; the static findings stay available for linking.
  return command === "probe" ? { ...report, findings: [], cycles: report.cycles, probes: linked } : { ...report, probes: linked };
}

function readEnvFile(file: string | undefined): Record<string, string> {
  if (!file) return {};
  try {
    return parseEnvFile(readFileSync(file, "utf8"));
  } catch (error) {
    throw new InputError(`cannot read --dotenv file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}
