// What the progress line says at a given moment: pure, so a test can read it without a terminal.
import type { AnalysisProgress } from "../run/progress-events.js";
import { terminalText } from "../report/escape/terminal.js";

export interface RunningProbe {
  entry: string;
  runtime: string;
  startedAt: number;
}

export interface ProgressState {
  /** Shown until the analysis reports a phase, e.g. "Reading the project". */
  message: string;
  analysis: AnalysisProgress | null;
  /** The analysis has finished (with this many modules) while probes still run. */
  analysisDone: number | null;
  probes: RunningProbe[];
  /** The probes' --timeout, for "3.2 s of 10 s". */
  timeoutMs: number | null;
}

const PHASE_TEXT: Record<AnalysisProgress["phase"], string> = {
  discover: "Finding source files",
  parse: "Parsing files",
  resolve: "Resolving imports",
  rules: "Running rules",
};

export function progressLines(state: ProgressState, now: number): string[] {
  const lines: string[] = [];
  const rulesDone = state.analysis?.phase === "rules" && state.analysis.total > 0 && state.analysis.done >= state.analysis.total;
  if (state.analysisDone !== null) lines.push(`Static analysis done: ${state.analysisDone} modules`);
  else if (rulesDone) lines.push("Static analysis done");
  else if (state.analysis) lines.push(`${PHASE_TEXT[state.analysis.phase]} ${countText(state.analysis)}`);
  else lines.push(`${state.message}…`);
  for (const p of state.probes) {
    const elapsed = seconds(now - p.startedAt);
    lines.push(`Probing ${p.entry} (${p.runtime}) ${elapsed}${state.timeoutMs !== null ? ` of ${seconds(state.timeoutMs)} timeout` : ""}`);
  }
  return lines;
}

function countText(p: AnalysisProgress): string {
  if (p.total <= 0) return p.done > 0 ? `${p.done}` : "…";
  const pct = Math.floor((100 * Math.min(p.done, p.total)) / p.total);
  return `${p.done}/${p.total} (${pct}%)`;
}

function seconds(ms: number): string {
  const s = Math.max(0, ms) / 1000;
  return s < 10 ? `${s.toFixed(1)} s` : `${Math.round(s)} s`;
}

/** One terminal row each: a wrapped progress line would leave its first half behind on redraw.
 * File names come from the project: a control character in one must not reach the terminal. */
export function fitToWidth(lines: string[], columns: number): string {
  const room = Math.max(10, columns - 3);
  return lines
    .map((l) => terminalText(l, { ciLog: false }))
    .map((l) => (l.length > room ? `${l.slice(0, room - 1)}…` : l))
    .join("\n");
}
