// The analysis worker: runs the whole static analysis off the main thread, whose event loop stays
// free for the progress display and for supervising probe children (issue 12).
import { setPriority } from "node:os";
import { parentPort, workerData } from "node:worker_threads";
import type { AnalysisRequest, Discovery } from "../analysis-job.js";
import type { EarlyWorkerData } from "../early-analysis-worker.js";
import type { AnalysisProgress } from "../progress-events.js";
import type { WorkerReply } from "./messages.js";

const port = parentPort;
if (!port) throw new Error("analysis-worker runs as a worker thread");
// A --cache command line: its parse worker starts first, before this thread loads the analysis,
// as loading the compiler there is the longest part of a run with a few changed modules.
const early = workerData as EarlyWorkerData | undefined;
const pool = early?.parseEarly ? (await import("../../graph/worker/parse-pool.js")).createParsePool(1, { codeCache: true }) : undefined;
const [{ growHeapFor }, { runAnalysis }, { serializeError }] = await Promise.all([import("../heap-growth.js"), import("../analysis-job.js"), import("./serialize-error.js")]);
const send = (reply: WorkerReply): void => port.postMessage(reply);

// A display redraws a few times a second: more messages only cost the main thread time.
const INTERVAL_MS = 50;
let lastSent = 0;
let lastPhase = "";
const onProgress = (event: AnalysisProgress): void => {
  const now = Date.now();
  const edge = event.phase !== lastPhase || event.done === 0 || event.done === event.total;
  if (!edge && now - lastSent < INTERVAL_MS) return;
  lastSent = now;
  lastPhase = event.phase;
  send({ type: "progress", event });
};

// The request is the first message: the worker may have started before the command line was read.
const request = await new Promise<AnalysisRequest>((resolve) => port.once("message", resolve));
const onDiscovered = (found: Discovery): void => {
  send({ type: "discovered", found });
  if (request.ownsHeap) growHeapFor(found.project.files.length);
  if (!request.besideProbes) return;
  // The probes start now: the analysis yields the cores to the children it explains. On Linux a
  // nice value set from a thread applies to that thread only (setpriority(2), "a thread-specific
  // attribute" under NPTL), so the main thread keeps supervising at full speed.
  try {
    setPriority(10);
  } catch {
    // Not permitted or not supported: the analysis runs at normal priority.
  }
};

let persist: (() => void) | undefined;
try {
  const outcome = await runAnalysis(request, { onProgress, onDiscovered }, pool);
  persist = outcome.persist;
  send(outcome.storedData ? { type: "stored-result", bytes: outcome.storedData } : { type: "result", data: outcome.data });
} catch (error) {
  send({ type: "error", error: serializeError(error) });
}
// After the result: the report is written while the cache is. A cache that cannot be written
// (read-only folder, full disk) costs the next run its speed, never this run its report.
try {
  persist?.();
} catch {
  // Nothing to tell: the next run without a cache is the same scan, only slower.
}
