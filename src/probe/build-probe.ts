// ChildRun -> the report's ReportProbe.
import { readFileSync } from "node:fs";
import type { ProbeError, ProbeHandle, ReportProbe } from "../report/types.js";
import { classify } from "./classify.js";
import { importTimes } from "./import-times.js";
import { toReportPath } from "./paths.js";
import { pendingChain } from "./pending-chain.js";
import { firstUserFrame, parseStack, reportFrames } from "./stack-frames.js";
import { describeProbe } from "./summary.js";
import type { ChildRun } from "./types.js";

export interface BuildContext {
  root: string;
  entry: string;
  slowMs: number;
  timeoutMs: number;
  importTimes: boolean;
  preloadDir: string;
}

const REPORTED_TAIL = 8 * 1024;

export function buildProbe(run: ChildRun, context: BuildContext): ReportProbe {
  // The child's own clock when it finished: the parent may have been busy (the static analysis
  // runs meanwhile) and read the message late.
  const durationMs = run.finishedAt !== null ? (run.childFinishedMs ?? run.finishedAt - run.startedAt) : run.endedAt - run.startedAt;
  const status = classify({
    finished: run.finishedAt !== null,
    durationMs,
    slowMs: context.slowMs,
    crashed: run.error !== null,
    exited: run.exitedOnItsOwn,
    exitCode: run.exitCode,
    reportedExitCode: run.reportedExitCode,
    timedOut: run.timedOut,
    // A stale heartbeat alone may be a starved machine; Node's watchdog confirms with a stack.
    mainThreadBusy: run.heartbeatAgeMs >= run.blockThresholdMs && (run.stack !== null || run.runtime === "bun"),
  });
  const finished = status === "ok" || status === "slow";
  const stackFrames = status === "blocked" && run.stack ? parseStack(run.stack) : [];
  const pending = finished ? [] : pendingChain(run.modules, run.mainUrl, context.root, readSource);
  // A busy module has no await to point at: its line is where the main thread is.
  const last = pending.at(-1);
  if (status === "blocked" && last && last.line === undefined) {
    const here = stackFrames.find((frame) => toReportPath(context.root, frame.file) === last.file);
    if (here) last.line = here.line;
  }
  const probe: ReportProbe = {
    entry: context.entry,
    runtime: run.runtime,
    status,
    durationMs: Math.round(durationMs),
    exitCode: run.exitCode,
    pending,
    error: status === "crash" && run.error ? toProbeError(run.error, context) : null,
    handles: status === "hang" || status === "blocked" ? run.handles.map((handle) => toProbeHandle(handle, context)) : [],
    stack: status === "blocked" ? (run.stack ? reportFrames(stackFrames, context.root, context.preloadDir) : null) : null,
    signal: run.signal,
  };
  if (context.importTimes) probe.importTimes = importTimes(run.modules, context.root, run.mainUrl);
  const tail = run.outputTail.slice(-REPORTED_TAIL);
  if (tail) probe.outputTail = tail;
  probe.summary = describeProbe(probe, { timeoutMs: context.timeoutMs, slowMs: context.slowMs, notes: run.notes });
  return probe;
}

function readSource(path: string): string | null {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return null;
  }
}

/** file/line/column of the first project frame, root-relative; empty when there is none. */
function userLocation(frames: ReturnType<typeof parseStack>, context: BuildContext): { file?: string; line?: number; column?: number } {
  const at = firstUserFrame(frames, context.preloadDir);
  return at ? { file: toReportPath(context.root, at.file), line: at.line, column: at.column } : {};
}

function toProbeError(error: { name: string; message: string; stack: string }, context: BuildContext): ProbeError {
  const out: ProbeError = { name: error.name, message: error.message, ...userLocation(parseStack(error.stack), context) };
  if (error.stack) out.stack = error.stack;
  return out;
}

function toProbeHandle(handle: { type: string; description: string; stack: string[]; origin?: string[] }, context: BuildContext): ProbeHandle {
  const frames = parseStack(handle.stack.join("\n"));
  const out: ProbeHandle = { type: handle.type, description: handle.description, ...userLocation(frames, context) };
  const stack = reportFrames(frames, context.root, context.preloadDir);
  if (stack.length > 0) out.stack = stack;
  const originFrames = handle.origin ? reportFrames(parseStack(handle.origin.join("\n")), context.root, context.preloadDir) : [];
  if (originFrames.length > 0 && originFrames.join() !== stack.join()) out.startedBy = originFrames;
  return out;
}
