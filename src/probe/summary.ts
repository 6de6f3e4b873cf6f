// The one-paragraph verdict of a probe. Pure.
import type { ProbeHandle, ProbePendingModule, ReportProbe } from "../report/types.js";

export interface SummaryContext {
  timeoutMs: number;
  slowMs: number;
  notes: string[];
}

export function describeProbe(probe: ReportProbe, context: SummaryContext): string {
  const who = `${probe.entry} (${probe.runtime})`;
  const parts: string[] = [];
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
      parts.push(...handleSentences(probe.handles));
      break;
    case "blocked":
      parts.push(`${who} never finished importing within ${context.timeoutMs} ms: the main thread was busy`);
      parts[parts.length - 1] += probe.stack?.[0] ? ` at ${probe.stack[0]}.` : ", and no stack could be taken.";
      parts.push(...pendingSentences(probe.pending));
      break;
    case "crash": {
      const error = probe.error;
      const where = error?.file ? ` at ${error.file}:${error.line}` : "";
      const message = (error?.message ?? "").replace(/\.$/, "");
      parts.push(`${who} crashed while importing: ${error?.name ?? "Error"}: ${message}${where}.`);
      break;
    }
    case "unsettled":
      parts.push(`${who} exited with code 13: the event loop emptied while a top-level await never settled.`);
      parts.push(...pendingSentences(probe.pending));
      break;
    case "exit":
      parts.push(`${who} exited with ${probe.signal ? `signal ${probe.signal}` : `code ${probe.exitCode}`} before it finished importing.`);
      parts.push(...pendingSentences(probe.pending));
      break;
  }
  parts.push(...context.notes.filter(() => probe.status === "blocked"));
  return parts.join(" ");
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
