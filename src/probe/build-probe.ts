// ChildRun -> the report's ReportProbe.
import { readFileSync } from "node:fs";
import type { ProbeError, ProbeHandle, ProbeWork, ReportProbe } from "../report/types.js";
import { importTimes } from "./import-times.js";
import { toReportPath } from "./paths.js";
import { pendingChain } from "./pending-chain.js";
import type { WireOp } from "./preload/protocol.js";
import { firstUserFrame, parseStack, reportFrames } from "./stack-frames.js";
import { describeProbe } from "./summary.js";
import type { ChildError, ChildRun } from "./types.js";
import { describeWork, errorWork, workFromStack } from "./work.js";

export interface BuildContext {
  root: string;
  entry: string;
  slowMs: number;
  timeoutMs: number;
  importTimes: boolean;
  preloadDir: string;
}

const REPORTED_TAIL = 8 * 1024;
/** What startup waits for first: the connection, then its lookup, then the retry timer. */
const WORK_ORDER: Record<ProbeWork["kind"], number> = { connect: 0, dns: 1, "child-process": 2, timer: 3, error: 4 };
/** `output`: the last lines a reader needs next to a failed verdict. */
const OUTPUT_LINES = 40;
const OUTPUT_BYTES = 4 * 1024;

export function buildProbe(run: ChildRun, context: BuildContext): ReportProbe {
  // Every run ends with a verdict (an exit or the timeout); a missing one would be our bug.
  const verdict = run.verdict.verdict ?? { status: "hang" as const, phase: run.childFinishedMs === null ? ("evaluation" as const) : ("boot" as const), ready: null, atMs: run.endedAt - run.startedAt };
  const status = verdict.status;
  const finished = status === "ok" || status === "slow";
  const durationMs = finished && verdict.ready ? verdict.ready.atMs : verdict.atMs || run.endedAt - run.startedAt;
  const stackFrames = status === "blocked" && run.stack ? parseStack(run.stack) : [];
  const pending = finished ? [] : pendingChain(run.modules, run.mainUrl, context.root, readSource);
  // A busy module has no await to point at: its line is where the main thread is.
  const last = pending.at(-1);
  if (status === "blocked" && last && last.line === undefined) {
    const here = stackFrames.find((frame) => toReportPath(context.root, frame.file) === last.file);
    if (here) last.line = here.line;
  }
  const crashError = status === "crash" ? errorAt(run, verdict.atMs) : null;
  const probe: ReportProbe = {
    entry: context.entry,
    runtime: run.runtime,
    status,
    durationMs: Math.round(durationMs),
    exitCode: run.exitCode,
    pending,
    error: crashError ? toProbeError(crashError, context) : null,
    handles: status === "hang" || status === "blocked" ? run.handles.map((handle) => toProbeHandle(handle, context)) : [],
    stack: status === "blocked" ? (run.stack ? reportFrames(stackFrames, context.root, context.preloadDir) : null) : null,
    signal: run.signal,
    phase: verdict.phase,
  };
  // The stack's own measure; without a stack, the last stall report's.
  const cpu = run.stack ? run.stackCpu : (run.stall?.cpu ?? null);
  if (status === "blocked" && cpu && isTimes(cpu)) probe.mainThread = { cpuMs: cpu.cpuMs, wallMs: cpu.wallMs, majorFaults: cpu.majorFaults };
  const reportReady = (reached: NonNullable<typeof verdict.ready>): NonNullable<ReportProbe["ready"]> => {
    const ready: NonNullable<ReportProbe["ready"]> = { by: reached.by, atMs: Math.round(reached.atMs) };
    if (reached.address) ready.address = reached.address;
    const listened = run.listening.find((entry) => entry.address === reached.address) ?? run.listening[0];
    const site = reached.by === "listening" && listened ? firstUserFrame(parseStack(listened.site.join("\n")), context.preloadDir) : null;
    if (site) Object.assign(ready, { file: toReportPath(context.root, site.file), line: site.line });
    return ready;
  };
  if (!finished && "readyBefore" in verdict && verdict.readyBefore) probe.readyBefore = reportReady(verdict.readyBefore);
  if (finished && verdict.ready) {
    probe.ready = reportReady(verdict.ready);
    const background = distinct(backgroundWork(run, verdict.ready.atMs, context));
    if (background.length > 0) probe.background = background;
  } else {
    // Of each kind, the work started where evaluation is stuck first: what its await waits on.
    const stuck = pending.at(-1);
    const atStuck = (work: ProbeWork): number => (stuck?.line !== undefined && work.file === stuck.file && work.line === stuck.line ? 0 : 1);
    const waiting = distinct(run.ops.map((op) => toWork(op, context)).sort((a, b) => WORK_ORDER[a.kind] - WORK_ORDER[b.kind] || atStuck(a) - atStuck(b)));
    if (waiting.length > 0) probe.waitingOn = waiting;
  }
  if (status === "exit" && run.exitCalledFrom) {
    const exitCall = toExitCall(run.exitCalledFrom, context);
    if (exitCall) probe.exitCall = exitCall;
  }
  if (context.importTimes) probe.importTimes = importTimes(run.modules, context.root, run.mainUrl);
  const tail = run.outputTail.slice(-REPORTED_TAIL);
  if (tail) {
    probe.outputTail = tail;
    // What the app printed once the probe's SIGTERM reached it is its shutdown, not its startup.
    const before = lastLines(run.outputAtKill?.before ?? run.outputTail);
    if (before) probe.output = before;
    const after = run.outputAtKill?.after ?? "";
    if (after.trim()) probe.outputAfterKill = lastLines(after);
  }
  probe.summary = describeProbe(probe, { timeoutMs: context.timeoutMs, slowMs: context.slowMs, notes: run.notes, serverFramework: run.serverFramework });
  return probe;
}

/** The error that ended startup: the first one at or before the verdict. */
function errorAt(run: ChildRun, atMs: number): ChildError | null {
  return run.errors.find((error) => error.ms <= atMs + 1) ?? run.error;
}

/** Work still retrying after startup completed, and errors the app survived: notes with their lines. */
function backgroundWork(run: ChildRun, readyAt: number, context: BuildContext): ProbeWork[] {
  const out = run.ops.filter((op) => op.kind === "connect" || op.kind === "dns").map((op) => toWork(op, context));
  for (const error of run.errors) {
    if (error.ms >= readyAt) out.push(errorWork(error, context.root, context.preloadDir));
  }
  return out;
}

/** One line per distinct piece of work: a pool's ten sockets to one target are one connect. */
function distinct(work: ProbeWork[]): ProbeWork[] {
  const seen = new Set<string>();
  return work.filter((item) => {
    const key = `${item.kind}\n${item.target ?? item.description}\n${item.file ?? ""}:${item.line ?? ""}\n${item.library ?? ""}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function toWork(op: WireOp, context: BuildContext): ProbeWork {
  const work = workFromStack(op.kind, op.stack, op.origin ?? [], context.root, context.preloadDir);
  work.target = op.target;
  if (op.attempts !== undefined) work.attempts = op.attempts;
  work.description = describeWork(op);
  return work;
}

function lastLines(text: string): string {
  const lines = text.slice(-OUTPUT_BYTES).split("\n");
  if (lines.at(-1) === "") lines.pop();
  return lines.slice(-OUTPUT_LINES).join("\n");
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

/**
 * Where the value was read. Under tsx's CommonJS output a TDZ read throws inside the exporter's
 * getter, whose frame is line 1 of the exporting module: the reading line is the next project
 * frame (runtime-facts §6.4).
 */
function readingLocation(error: ChildError, context: BuildContext): { file?: string; line?: number; column?: number } {
  const frames = parseStack(error.stack);
  const first = firstUserFrame(frames, context.preloadDir);
  if (first && first.line === 1 && /before initialization/.test(error.message)) {
    const next = frames.slice(frames.indexOf(first) + 1).find((frame) => frame.file !== first.file && firstUserFrame([frame], context.preloadDir));
    if (next) return { file: toReportPath(context.root, next.file), line: next.line, column: next.column };
  }
  return userLocation(frames, context);
}

/** The project's frame that called process.exit(); a dependency's own exit (a CLI parser's --help) names its first frame. */
function toExitCall(calledFrom: string[], context: BuildContext): ReportProbe["exitCall"] | null {
  const frames = parseStack(calledFrom.join("\n"));
  const stack = reportFrames(frames, context.root, context.preloadDir);
  if (stack.length === 0) return null;
  const user = firstUserFrame(frames, context.preloadDir) ?? frames.find((frame) => !frame.file.startsWith("node:") && !frame.file.startsWith(context.preloadDir));
  return { ...(user ? { file: toReportPath(context.root, user.file), line: user.line } : {}), stack };
}

function toProbeError(error: ChildError, context: BuildContext): ProbeError {
  const out: ProbeError = { name: error.name, message: error.message, ...readingLocation(error, context) };
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

/** The child's own numbers, checked before they reach the report. */
function isTimes(cpu: { cpuMs: unknown; wallMs: unknown; majorFaults: unknown }): boolean {
  return [cpu.cpuMs, cpu.wallMs, cpu.majorFaults].every((n) => typeof n === "number" && Number.isFinite(n) && n >= 0);
}
