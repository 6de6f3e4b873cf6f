// `probe` and the dynamic half of `check`: run each entrypoint in an instrumented child process.
// This runs the project's code by design; `scan` never does.
import { readFileSync } from "node:fs";
import { killAllProbes, linkProbesToFindings, parseEnvFile, probeEntries } from "../probe/index.js";
import type { ReportV1 } from "../report/types.js";
import { InputError } from "../util/errors.js";
import { relativeTo } from "../util/path.js";
import { analyze, prepare, toReport, type AnalyzeOptions } from "./analyze.js";

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
  const prepared = prepare(options);
  const { project } = prepared;
  const entries = prepared.entrypoints.map((e) => relativeTo(project.root, e.file));
  if (entries.length === 0) throw new InputError("no entrypoint found to probe: pass --entry <file>");
  // The children start now and the static analysis runs while they import: its time is not
  // added to the probe's (the parent only reads their pipes; the children never wait for it
  // unless they write more than a socket buffer meanwhile).
  const warnings: Array<{ message: string }> = [];
  const probing = probeEntries({
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
  let report: ReportV1;
  try {
    report = toReport(await analyze(options, { prepared }), command);
  } catch (error) {
    killAllProbes();
    await probing.catch(() => undefined);
    throw error;
  }
  const probes = await probing;
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
