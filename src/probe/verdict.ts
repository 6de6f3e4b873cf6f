// Startup as a person watching it would judge it: the child's events, in order, become a phase,
// a readiness and a status. Pure: the runner feeds what the child reported (on the child's own
// clock, so a parent busy with the static analysis judges the same), tests feed recorded streams.
import type { ProbeStatus } from "../report/types.js";

/** What counts as "started": auto = a server listening, the process settled, or a clean exit. */
export type ReadyMode = "auto" | "listening" | "settled" | "evaluated" | "log";
export type ReadyBy = "listening" | "settled" | "exited" | "evaluated" | "log";
export type Phase = "evaluation" | "boot";

export type ProbeEvent =
  /** The entry module's body, top-level await included, finished. */
  | { type: "evaluated"; ms: number }
  | { type: "listening"; ms: number; address: string }
  /** A heartbeat: how much startup work is in flight (connects, lookups, short timers), and whether the loop ran busy. */
  | { type: "activity"; ms: number; inFlight: number; busy: boolean }
  /** A line of output matched --ready-log. */
  | { type: "log"; ms: number }
  /** An uncaught exception or unhandled rejection. */
  | { type: "error"; ms: number }
  /**
   * `modulesPending`: a module entered but never finished (an awaited import() whose body never settled).
   * `serverFramework`: a server framework the process loaded (express, @nestjs/core...), when it did.
   */
  | { type: "exit"; ms: number; code: number | null; signal: string | null; reportedExitCode: number | null; modulesPending: boolean; serverFramework?: string }
  /** --timeout on the child's clock; `busy`: the main thread was busy (stale heartbeat with a stack, or a busy loop). */
  | { type: "timeout"; ms: number; busy: boolean };

export interface VerdictOptions {
  mode: ReadyMode;
  slowMs: number;
  /** After listening: how long a crash or exit still counts as failed startup. */
  graceMs: number;
  /** Quiet this long (nothing in flight) after evaluation = settled. */
  settleMs: number;
}

export interface Ready {
  by: ReadyBy;
  atMs: number;
  address?: string;
}

export interface Verdict {
  status: ProbeStatus;
  phase: Phase;
  ready: Ready | null;
  /** A failure inside the grace window: startup had looked complete (listening) before it. */
  readyBefore?: Ready;
  /** Child clock when the verdict's event happened (ready time for ok/slow). */
  atMs: number;
}

export interface VerdictState {
  options: VerdictOptions;
  evaluatedAt: number | null;
  /** A server that listened before the entry finished: ready once it does. */
  listenedEarly: { ms: number; address: string } | null;
  ready: Ready | null;
  /** Child clock when the grace window after `ready` ends. */
  graceUntil: number | null;
  quietSince: number | null;
  errorAt: number | null;
  verdict: Verdict | null;
}

export function startVerdict(options: VerdictOptions): VerdictState {
  return { options, evaluatedAt: null, listenedEarly: null, ready: null, graceUntil: null, quietSince: null, errorAt: null, verdict: null };
}

/** The next state; once `verdict` is set it never changes. */
export function step(state: VerdictState, event: ProbeEvent): VerdictState {
  if (state.verdict) return state;
  const s: VerdictState = { ...state };
  const mode = s.options.mode;
  switch (event.type) {
    case "evaluated":
      if (s.evaluatedAt !== null) return s;
      s.evaluatedAt = event.ms;
      if (mode === "evaluated") return finish(s, { by: "evaluated", atMs: event.ms });
      if (s.listenedEarly && (mode === "auto" || mode === "listening")) beReady(s, { by: "listening", atMs: event.ms, address: s.listenedEarly.address });
      return s;
    case "listening":
      if (mode !== "auto" && mode !== "listening") return s;
      if (s.ready) return s;
      if (s.evaluatedAt === null) {
        s.listenedEarly ??= { ms: event.ms, address: event.address };
        return s;
      }
      beReady(s, { by: "listening", atMs: event.ms, address: event.address });
      return s;
    case "log":
      if (mode !== "log" || s.ready) return s;
      beReady(s, { by: "log", atMs: event.ms });
      return s;
    case "activity":
      if (s.ready && s.graceUntil !== null) return event.ms >= s.graceUntil ? finish(s, s.ready) : s;
      if (s.evaluatedAt === null || (mode !== "auto" && mode !== "settled")) return s;
      if (event.inFlight > 0 || event.busy || event.ms < s.evaluatedAt) {
        s.quietSince = null;
        return s;
      }
      s.quietSince ??= Math.max(event.ms, s.evaluatedAt);
      if (event.ms - s.quietSince >= s.options.settleMs) return finish(s, { by: "settled", atMs: s.quietSince });
      return s;
    case "error":
      s.errorAt ??= event.ms;
      return s;
    case "exit":
      return onExit(s, event);
    case "timeout":
      if (s.ready) return finish(s, s.ready);
      if (s.errorAt !== null) return fail(s, "crash", s.errorAt);
      return fail(s, event.busy ? "blocked" : "hang", event.ms);
  }
}

export function judge(events: ProbeEvent[], options: VerdictOptions): VerdictState {
  let state = startVerdict(options);
  for (const event of events) state = step(state, event);
  return state;
}

function onExit(s: VerdictState, event: Extract<ProbeEvent, { type: "exit" }>): VerdictState {
  const clean = event.signal === null && (event.code === 0 || event.code === null);
  const code13 = event.code === 13 || event.reportedExitCode === 13;
  if (s.errorAt !== null && !clean) return fail(s, "crash", s.errorAt);
  if (s.evaluatedAt === null) {
    if (code13) return fail(s, "unsettled", event.ms);
    return fail(s, "exit", event.ms);
  }
  if (s.ready) return clean ? finish(s, s.ready) : fail(s, "exit", event.ms);
  // The loop emptied while an awaited import() still evaluated: Node says nothing (exit 0);
  // the boot-phase twin of exit 13 (runtime-facts §1).
  if ((clean || code13) && event.modulesPending) return fail(s, "unsettled", event.ms);
  // A process that loaded a server framework and exits 0 without ever listening is a server that
  // gave up quietly (a rejected connect logged and swallowed), not a CLI that ran.
  if (clean && s.options.mode === "auto" && event.serverFramework) return fail(s, "exit", event.ms);
  if (clean && (s.options.mode === "auto" || s.options.mode === "settled")) return finish(s, { by: "exited", atMs: event.ms });
  return fail(s, "exit", event.ms);
}

function beReady(s: VerdictState, ready: Ready): void {
  s.ready = ready;
  s.graceUntil = ready.atMs + s.options.graceMs;
}

function finish(s: VerdictState, ready: Ready): VerdictState {
  const phase: Phase = ready.by === "evaluated" ? "evaluation" : "boot";
  s.ready = ready;
  s.verdict = { status: ready.atMs > s.options.slowMs ? "slow" : "ok", phase, ready, atMs: ready.atMs };
  return s;
}

function fail(s: VerdictState, status: ProbeStatus, atMs: number): VerdictState {
  const phase: Phase = s.evaluatedAt !== null && atMs >= s.evaluatedAt ? "boot" : "evaluation";
  s.verdict = { status, phase, ready: null, atMs, ...(s.ready ? { readyBefore: s.ready } : {}) };
  return s;
}
