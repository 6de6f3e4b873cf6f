// The analysis worker, started by bin/startup-doctor.js before the command line is even read: its
// thread boots and loads the analysis while this one loads the command line, the reporters and
// the progress display. analyze() takes it, or starts one there and then (the Node API, tests).
// The worker waits for its request as its first message either way.
import { availableParallelism } from "node:os";
import type { Worker } from "node:worker_threads";
import { compiledWorkerUrl, startWorker } from "../graph/worker/worker-file.js";
import type { AnalysisRequest } from "./analysis-job.js";

let early: Worker | null = null;

/** What the early worker knows of its command line before the request arrives. */
export interface EarlyWorkerData {
  /** Start a parse worker at once (runAnalysis takes it when the request has a cache and workers). */
  parseEarly: boolean;
}

const workerUrl = (): URL => compiledWorkerUrl("./worker/analysis-worker.js", import.meta.url);

/**
 * For a command line that will analyse. Unreferenced until taken: a command that ends before it
 * analyses (bad input, --help) exits as if it had never been started.
 */
export function startAnalysisWorkerEarly(args: readonly string[] = []): Worker {
  if (early) return early;
  const data: EarlyWorkerData = { parseEarly: parsesEarly(args) };
  const worker = startWorker(workerUrl(), { stdin: false, workerData: data });
  early = worker;
  worker.unref();
  // An early worker that failed to start is dropped here; analyze() then starts its own.
  worker.once("error", () => {
    if (early === worker) early = null;
  });
  return worker;
}

/** The early worker if there is one, else a new one; either way given `request` to run. */
export function analysisWorkerFor(request: AnalysisRequest): Worker {
  const worker = early ?? startWorker(workerUrl(), { stdin: false });
  early = null;
  worker.ref();
  worker.postMessage(request);
  return worker;
}

/** A --cache command line on more than one core: its changed modules are parsed on a worker (analysis-job.ts). */
export function parsesEarly(args: readonly string[], cores = availableParallelism()): boolean {
  return cores >= 2 && args.includes("--cache");
}

/** A command line that runs an analysis: everything but init, help and the version. */
export function analysesCommandLine(args: readonly string[]): boolean {
  if (args.some((a) => a === "-h" || a === "--help" || a === "-v" || a === "--version")) return false;
  const command = args.find((a) => !a.startsWith("-"));
  return command !== "init" && command !== "help";
}
