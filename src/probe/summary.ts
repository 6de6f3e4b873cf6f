// The one-paragraph verdict of a probe. Pure.
import { mainThreadWords } from "../report/main-thread-words.js";
import { withoutInspectedCause } from "../util/error-text.js";
import type { ProbeHandle, ProbePendingModule, ProbeWork, ReportProbe } from "../report/types.js";

export interface SummaryContext {
  timeoutMs: number;
  slowMs: number;
  notes: string[];
  /** A server framework the process loaded: an exit 0 without listening is then a server that gave up. */
  serverFramework?: string;
}

export function describeProbe(probe: ReportProbe, context: SummaryContext): string {
  const who = `${probe.entry} (${probe.runtime})`;
  const parts: string[] = [];
  if (probe.phase === "boot") {
    parts.push(...bootSentences(probe, who, context));
    parts.push(...context.notes.filter(() => probe.status === "blocked"));
    return parts.join(" ");
  }
  switch (probe.status) {
    case "ok":
      parts.push(`${who} finished importing in ${probe.durationMs} ms.`);
      break;
    case "slow":
      parts.push(`${who} finished importing in ${probe.durationMs} ms, more than the ${context.slowMs} ms threshold.`);
      break;
    case "hang":
      parts.push(`${who} never finished importing within ${context.timeoutMs} ms and the main thread was idle: a promise never settled.`);
      parts.push(...pendingSentences(probe.pending));
      parts.push(...waitingSentences(probe.waitingOn ?? []));
      parts.push(...handleSentences(probe.handles));
      break;
    case "blocked":
      parts.push(`${who} never finished importing within ${context.timeoutMs} ms: ${mainThreadWords(probe, "was")}`);
      parts[parts.length - 1] += probe.stack?.[0] ? ` at ${probe.stack[0]}.` : `${noStack(probe)}.`;
      parts.push(...pendingSentences(probe.pending));
      break;
    case "crash": {
      const error = probe.error;
      const where = error?.file ? ` at ${error.file}:${error.line}` : "";
      const message = messageHead(error?.message ?? "");
      parts.push(`${who} crashed while importing: ${error?.name ?? "Error"}: ${message}${where}.`);
      break;
    }
    case "unsettled":
      parts.push(`${who} exited with code 13: the event loop emptied while a top-level await never settled.`);
      parts.push(...pendingSentences(probe.pending));
      break;
    case "exit":
      parts.push(`${who} exited with ${probe.signal ? `signal ${probe.signal}` : `code ${probe.exitCode}`} before it finished importing${exitCallPhrase(probe)}.`);
      // The process ended: nothing is stuck, the chain is where evaluation had got to.
      parts.push(...stillEvaluatingSentences(probe.pending));
      break;
  }
  parts.push(...context.notes.filter(() => probe.status === "blocked"));
  return parts.join(" ");
}

/** A message's first line, without the inspected cause Node appends to it (" [Error: connect ECONNREFUSED ... {"). */
function messageHead(message: string): string {
  const first = message.split("\n")[0] ?? "";
  return withoutInspectedCause(first).replace(/\.$/, "") || first;
}

/** After the entry evaluated: bootstrap(), connect, listen. */
function bootSentences(probe: ReportProbe, who: string, context: SummaryContext): string[] {
  const ready = probe.ready;
  const slow = probe.status === "slow" ? `, more than the ${context.slowMs} ms threshold` : "";
  switch (probe.status) {
    case "ok":
    case "slow": {
      const background = (probe.background ?? []).length > 0 ? [`Still failing in the background: ${workList(probe.background ?? [])}.`] : [];
      if (ready?.by === "listening") {
        const site = ready.file ? ` (listen at ${ready.file}:${ready.line})` : "";
        return [`${who} started: listening on ${ready.address || "?"} after ${probe.durationMs} ms${slow}${site}.`, ...background];
      }
      if (ready?.by === "settled") return [`${who} started and settled after ${probe.durationMs} ms${slow}: no startup work left in flight, only long-lived handles.`, ...background];
      if (ready?.by === "log") return [`${who} printed its ready line after ${probe.durationMs} ms${slow}.`, ...background];
      return [`${who} ran to completion and exited with code 0 after ${probe.durationMs} ms${slow}.`, ...background];
    }
    case "hang":
      return [
        `${who} evaluated its entry but never finished starting within ${context.timeoutMs} ms; the main thread was idle.`,
        ...waitingSentences(probe.waitingOn ?? []),
        ...pendingSentences(probe.pending),
        ...handleSentences(probe.handles),
      ];
    case "blocked":
      return [
        `${who} evaluated its entry but never finished starting within ${context.timeoutMs} ms: ${mainThreadWords(probe, "was")}${probe.stack?.[0] ? ` at ${probe.stack[0]}` : noStack(probe)}.`,
        ...waitingSentences(probe.waitingOn ?? []),
      ];
    case "crash": {
      const error = probe.error;
      const where = error?.file ? ` at ${error.file}:${error.line}` : "";
      const message = messageHead(error?.message ?? "");
      return [`${who} crashed during startup, ${afterWhat(probe)}: ${error?.name ?? "Error"}: ${message}${where}.`];
    }
    case "unsettled":
      return [`${who} exited with code ${probe.exitCode ?? 0} while a module it imported during startup never finished evaluating (the loop emptied under an await).`, ...pendingSentences(probe.pending)];
    case "exit":
      if (probe.exitCode === 0 && !probe.signal && context.serverFramework) {
        return [
          `${who} exited with code 0 during startup without ever listening, though it loads ${context.serverFramework}${exitCallPhrase(probe)}: the server gave up quietly (pass --ready settled if this entry is a script).`,
          ...lastInFlightSentences(probe.waitingOn ?? []),
        ];
      }
      return [
        `${who} exited with ${probe.signal ? `signal ${probe.signal}` : `code ${probe.exitCode}`} during startup, ${afterWhat(probe)}${exitCallPhrase(probe)}.`,
        ...lastInFlightSentences(probe.waitingOn ?? []),
      ];
  }
}

/** "after its entry evaluated", or, inside the grace window, how long after it had listened. */
function afterWhat(probe: ReportProbe): string {
  const before = probe.readyBefore;
  if (!before || before.by !== "listening") return "after its entry evaluated";
  return `${probe.durationMs - before.atMs} ms after it listened on ${before.address ?? "its port"}${before.file ? ` (${before.file}:${before.line})` : ""}, within the --grace window`;
}

function workList(work: ProbeWork[]): string {
  const listed = work.slice(0, 3).map((item) => {
    const where = item.file ? ` from ${item.file}:${item.line}` : "";
    const library = item.library ? ` (${item.library})` : "";
    return `${item.description}${where}${library}`;
  });
  return `${listed.join(", ")}${work.length > 3 ? ` and ${work.length - 3} more` : ""}`;
}

function waitingSentences(work: ProbeWork[]): string[] {
  if (work.length === 0) return [];
  const chain = work.find((item) => item.asyncChain && item.asyncChain.length > 0)?.asyncChain;
  return [`Startup is waiting on ${workList(work)}.`, ...(chain ? [`Async chain: ${chain.join(" -> ")}.`] : [])];
}

/** ": process.exit() was called at src/cli.ts:12", or by a dependency reached from there, when the app called it. */
function exitCallPhrase(probe: ReportProbe): string {
  const call = probe.exitCall;
  if (!call) return "";
  const innermost = call.stack[0] ?? "";
  if (!call.file) return `: process.exit() was called from ${innermost}`;
  const here = `${call.file}:${call.line}`;
  const direct = innermost.startsWith(`${here}:`) || innermost.includes(`(${here}:`);
  return direct ? `: process.exit() was called at ${here}` : `: process.exit() was called from ${innermost}, reached from ${here}`;
}

/**
 * Work from the last beat before the process ended: a connection refused since then is no longer
 * waited on (a koa app that logged the refusal and exited 0), so it is what was last seen, not
 * what startup waits on.
 */
function lastInFlightSentences(work: ProbeWork[]): string[] {
  if (work.length === 0) return [];
  return [`Last seen in flight before it exited: ${workList(work)}.`];
}

/** An exit during evaluation: the modules that had not finished, innermost named. */
function stillEvaluatingSentences(pending: ProbePendingModule[]): string[] {
  const innermost = [...pending].reverse().find((module) => module.line !== undefined || module.cycle) ?? pending.at(-1);
  if (!innermost) return [];
  const where = innermost.line !== undefined ? `${innermost.file}:${innermost.line}` : innermost.file;
  const outer = pending[0];
  return [`${where} was still evaluating${outer && outer !== innermost ? `, reached from ${outer.file}` : ""}.`];
}

function pendingSentences(pending: ProbePendingModule[]): string[] {
  const stuck = [...pending].reverse().find((module) => module.line !== undefined || module.cycle) ?? pending.at(-1);
  if (!stuck) return [];
  const where = stuck.line !== undefined ? `${stuck.file}:${stuck.line}` : stuck.file;
  let sentence = `Evaluation is stuck in ${where}`;
  if (stuck.waitingFor) sentence += ` awaiting import of ${stuck.waitingFor}`;
  if (stuck.cycle && stuck.cycle.length > 0) {
    sentence += `, whose chain ${stuck.cycle.join(" -> ")} reaches ${stuck.cycle.at(-1)}, still evaluating`;
  }
  const outer = pending[0];
  if (outer && outer !== stuck) sentence += `; ${outer.file} waits on it`;
  return [`${sentence}.`];
}

function handleSentences(handles: ProbeHandle[]): string[] {
  if (handles.length === 0) return [];
  const listed = handles
    .slice(0, 3)
    .map((handle) => `${handle.description}${handle.file ? ` (${handle.file}:${handle.line})` : ""}${startedByPhrase(handle)}`)
    .join(", ");
  return [`The process stays alive because of ${listed}${handles.length > 3 ? ` and ${handles.length - 3} more` : ""}.`];
}

/** The frame that explains who started it: a constructor if one is on the stack, else the outermost. */
export function startedByFrame(handle: ProbeHandle): string | null {
  const frames = handle.startedBy ?? [];
  return frames.find((frame) => frame.startsWith("new ")) ?? frames[frames.length - 1] ?? null;
}

function startedByPhrase(handle: ProbeHandle): string {
  const frame = startedByFrame(handle);
  return frame ? `, first started by ${frame.replace(/:\d+\)$/, ")")}` : "";
}

/** No stack: measured stalled, the main thread sat in a native call, where no JavaScript runs to pause in. */
function noStack(probe: ReportProbe): string {
  return probe.mainThread ? ", inside a native call (execSync, spawnSync, a synchronous addon): no stack could be taken" : ", and no stack could be taken";
}
