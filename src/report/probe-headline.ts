// The one line a person at 2 a.m. reads first: a probe's verdict and its cause in one sentence,
// taken from the report's fields (the full paragraph stays in the details). Reads only the report.
import { mainThreadWords } from "./main-thread-words.js";
import { withoutInspectedCause } from "../util/error-text.js";
import type { ProbeStatus, ProbeWork, ReportProbe } from "./types.js";

/** Worst first: what stops startup outright, then what only exits early. */
const STATUS_RANK: Record<ProbeStatus, number> = { crash: 0, hang: 1, blocked: 2, unsettled: 3, exit: 4, slow: 5, ok: 6 };

export function isFailed(p: ReportProbe): boolean {
  return STATUS_RANK[p.status] < STATUS_RANK.slow;
}

export function byVerdict(a: ReportProbe, b: ReportProbe): number {
  return STATUS_RANK[a.status] - STATUS_RANK[b.status];
}

export function probeLabel(p: ReportProbe): string {
  const failed = isFailed(p);
  const phase = failed && p.phase ? (p.phase === "boot" ? ", during boot" : ", while evaluating") : "";
  return `${p.entry} (${p.runtime}, ${Math.round(p.durationMs)} ms${p.exitCode !== null && failed ? `, exit ${p.exitCode}` : ""}${phase})`;
}

// An error message's first line, without the inspected object Node appends ("[Error: ... {").
const MESSAGE_ROOM = 160;
function firstLine(message: string): string {
  const line = withoutInspectedCause(message.split(/\n|\\n/)[0] ?? "");
  return line.length > MESSAGE_ROOM ? `${line.slice(0, MESSAGE_ROOM - 1)}…` : line;
}

function work(w: ProbeWork): string {
  return `${w.description}${w.file ? ` from ${at(w.file, w.line)}` : ""}${w.library ? ` (${w.library})` : ""}`;
}

const at = (file: string, line?: number): string => (line !== undefined ? `${file}:${line}` : file);

/** A failure just after listening is not a listen problem: the reader looks at what ran afterwards. */
function listenedFirst(p: ReportProbe, before: NonNullable<ReportProbe["readyBefore"]>): string {
  return `${p.durationMs - before.atMs} ms after listening on ${before.address ?? "its port"}`;
}

/** One sentence: where it stopped, what held it, the finding most likely to blame. */
export function causeSentence(p: ReportProbe): string {
  const parts: string[] = [];
  const stuck = [...p.pending].reverse().find((m) => m.line !== undefined || m.cycle) ?? p.pending.at(-1);
  const stuckText = stuck ? `stuck at ${at(stuck.file, stuck.line)}${stuck.waitingFor ? ` awaiting import of ${stuck.waitingFor}` : ""}` : "";
  switch (p.status) {
    case "crash":
      parts.push(`${p.error?.name ?? "Error"}: ${firstLine(p.error?.message ?? "")}${p.error?.file ? ` at ${at(p.error.file, p.error.line)}` : ""}`);
      if (p.readyBefore?.by === "listening") parts.push(listenedFirst(p, p.readyBefore));
      if (p.waitingOn?.[0]) parts.push(`while waiting on ${work(p.waitingOn[0])}`);
      break;
    case "blocked":
      // No stack but a measured stall: the thread sat in a native call, which the first screen should name.
      parts.push(`${mainThreadWords(p, "is")}${p.stack?.[0] ? ` at ${p.stack[0]}` : `${p.mainThread ? ", inside a native call (execSync, spawnSync, an addon)" : ""}${stuckText ? `, ${stuckText}` : ""}`}`);
      break;
    case "hang": {
      const waiting = p.waitingOn?.[0];
      if (p.phase === "boot" && waiting) parts.push(`startup waits on ${work(waiting)}`);
      else if (stuckText) parts.push(stuckText);
      else parts.push("never finished within the timeout");
      const handle = p.handles[0];
      if (handle) parts.push(`kept alive by ${handle.description}${handle.file ? ` (${at(handle.file, handle.line)})` : ""}${p.handles.length > 1 ? ` and ${p.handles.length - 1} more` : ""}`);
      break;
    }
    case "unsettled":
      parts.push(p.phase === "boot" ? `exited while an import() during startup never settled${stuckText ? `: ${stuckText}` : ""}` : `exit 13, a top-level await never settled${stuckText ? `: ${stuckText}` : ""}`);
      break;
    case "exit": {
      // The process ended: where evaluation had got to, not where it is stuck; and what was last in
      // flight, not what it waits on.
      const reached = stuck ? `while ${at(stuck.file, stuck.line)} was still evaluating` : "";
      const exitCall = p.exitCall ? `process.exit() at ${p.exitCall.file ? at(p.exitCall.file, p.exitCall.line) : p.exitCall.stack[0]}` : "";
      parts.push(
        p.phase === "boot"
          ? `exited with ${p.signal ? `signal ${p.signal}` : `code ${p.exitCode}`} during startup, after its entry evaluated`
          : `exited with ${p.signal ? `signal ${p.signal}` : `code ${p.exitCode}`} before it finished importing${reached ? `, ${reached}` : ""}`,
      );
      if (exitCall) parts.push(exitCall);
      if (p.readyBefore?.by === "listening") parts.push(listenedFirst(p, p.readyBefore));
      if (!reached && p.waitingOn?.[0]) parts.push(`last in flight: ${work(p.waitingOn[0])}`);
      break;
    }
    case "slow":
    case "ok":
      return readySentence(p);
  }
  const blame = p.explainedBy?.[0];
  if (blame) parts.push(`most likely ${blame.rule} at ${at(blame.file, blame.line)}`);
  return `${parts.join("; ")}.`;
}

/** For a probe that started: how it was ready, and what still fails behind it. */
export function readySentence(p: ReportProbe): string {
  const ready = p.ready;
  const after = ready ? ` after ${Math.round(ready.atMs)} ms` : "";
  // Phase boot: started by listening, settling, a ready line or a clean exit (ready.by).
  const how =
    ready?.by === "listening"
      ? `listening on ${ready.address ?? "?"}${after}`
      : ready?.by === "settled"
        ? `settled${after}`
        : ready?.by === "exited"
          ? `ran and exited 0${after}`
          : ready?.by === "log"
            ? `printed its ready line${after}`
            : "finished importing";
  const behind = p.background?.[0];
  const background = behind ? `; still failing in the background: ${work(behind)}${p.background!.length > 1 ? ` and ${p.background!.length - 1} more` : ""}` : "";
  return `${how}${p.status === "slow" ? ", slowly" : ""}${background}.`;
}
