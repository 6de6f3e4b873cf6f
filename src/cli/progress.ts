// Live progress on stderr, only for a person at a terminal: the analysis phase with its counts,
// and each running probe's elapsed time against its timeout. Colour never decides whether it
// shows (NO_COLOR and --no-color remove colour only); --no-progress, CI=true, a dumb or
// sizeless terminal turn it off.
import type { Ora } from "ora";
import type { ProbeProgressEvent } from "../probe/types.js";
import type { AnalysisProgress } from "../run/progress-events.js";
import { fitToWidth, progressLines, type ProgressState } from "./progress-text.js";
import { onStop } from "./signals.js";

export interface Progress {
  /** Replaces the headline until the analysis reports its phases. */
  text(message: string): void;
  analysis(e: AnalysisProgress): void;
  analysisDone(modules: number): void;
  probe(e: ProbeProgressEvent): void;
  stop(): void;
}

export interface ProgressChoice {
  /** --progress / --no-progress. */
  flag: boolean;
  color: boolean;
  timeoutMs?: number;
}

const silent: Progress = { text: () => {}, analysis: () => {}, analysisDone: () => {}, probe: () => {}, stop: () => {} };

/** Whether a spinner may draw on this stderr. */
export function progressWanted(flag: boolean, stream: NodeJS.WriteStream = process.stderr, env: NodeJS.ProcessEnv = process.env): boolean {
  if (!flag || !stream.isTTY) return false;
  // A terminal that reports 0 columns (a pty with no size) sends ora 9 into an endless clear loop.
  if (!stream.columns) return false;
  if (env.TERM === "dumb") return false;
  const ci = env.CI;
  return ci === undefined || ci === "" || ci === "0" || ci === "false";
}

// Elapsed times move even when no event arrives.
const REFRESH_MS = 200;

export async function startProgress(choice: ProgressChoice, message: string): Promise<Progress> {
  if (!progressWanted(choice.flag)) return silent;
  const { default: ora } = await import("ora");
  const state: ProgressState = { message, analysis: null, analysisDone: null, probes: [], timeoutMs: choice.timeoutMs ?? null };
  const render = (): string => fitToWidth(progressLines(state, Date.now()), process.stderr.columns || 80);
  // discardStdin: false: ora's default puts the terminal in raw mode and never reads the Ctrl-C
  // byte, so SIGINT is lost while the spinner shows (runtime-facts §6.7).
  const spinner: Ora = ora({
    text: render(),
    stream: process.stderr,
    discardStdin: false,
    isEnabled: true,
    color: choice.color ? "cyan" : false,
  }).start();
  const update = (): void => {
    spinner.text = render();
  };
  const timer = setInterval(update, REFRESH_MS);
  timer.unref();
  let stopped = false;
  const stop = (): void => {
    if (stopped) return;
    stopped = true;
    clearInterval(timer);
    spinner.stop();
    unregister();
  };
  const unregister = onStop(stop);
  return {
    text: (m) => {
      state.message = m;
      update();
    },
    analysis: (e) => {
      state.analysis = e;
      update();
    },
    analysisDone: (modules) => {
      state.analysisDone = modules;
      update();
    },
    probe: (e) => {
      state.probes = state.probes.filter((p) => p.entry !== e.entry || p.runtime !== e.runtime);
      if (e.phase === "start") state.probes.push({ entry: e.entry, runtime: e.runtime, startedAt: Date.now() });
      update();
    },
    stop,
  };
}
