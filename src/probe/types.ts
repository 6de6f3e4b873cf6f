import type { ProbeStatus, RuntimeName } from "../report/types.js";
import type { MainThreadCpu, WireHandle, WireOp } from "./preload/protocol.js";
import type { StallReport } from "./classify.js";
import type { ProbeEvent, ReadyMode, VerdictState } from "./verdict.js";

export interface ProbeProgressEvent {
  entry: string;
  runtime: string;
  phase: "start" | "done";
  status?: string;
}

export interface ProbeOptions {
  /** Absolute project root; the child's working directory (tsx reads tsconfig paths from it). */
  root: string;
  /** Root-relative POSIX paths. */
  entries: string[];
  /** Default 10000. */
  timeoutMs: number;
  /** Default 2000. */
  slowMs: number;
  runtimes: RuntimeName[] | "auto";
  concurrency: number;
  env: Record<string, string>;
  importTimes: boolean;
  /** When startup counts as complete (default auto). */
  ready?: ReadyMode;
  /** After listening, how long a crash or exit still counts (default 1000). */
  graceMs?: number;
  /** --ready-log: a line of output that means "started". */
  readyLog?: RegExp;
  /** Warnings for the report (a Bun project probed without bun). */
  onWarning?: (message: string) => void;
  onProgress?: (event: ProbeProgressEvent) => void;
  signal?: AbortSignal;
}

/** Everything one child run produced, before classification. */
export interface ChildRun {
  runtime: RuntimeName;
  /** file: URL of the entry as the child resolved it. */
  mainUrl: string | null;
  startedAt: number;
  /** Parent clock when the entry's evaluation finished, null if it never did. */
  finishedAt: number | null;
  /** Child clock (ms since the child started) when the entry finished: the parent may read it late. */
  childFinishedMs: number | null;
  /** Parent clock when the run ended (finish, exit or timeout). */
  endedAt: number;
  timedOut: boolean;
  /** The child exited on its own (not killed by the probe). */
  exitedOnItsOwn: boolean;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** process.exitCode seen by the child's `exit` event (13 for an unsettled top-level await). */
  reportedExitCode: number | null;
  /** The stack of the code that called process.exit(), innermost first; null on any other end. */
  exitCalledFrom: string[] | null;
  /** Milliseconds since the last heartbeat from the child's main thread, at the end. */
  heartbeatAgeMs: number;
  blockThresholdMs: number;
  modules: ModuleEvents;
  /** The first uncaught exception or unhandled rejection. */
  error: ChildError | null;
  /** All of them (bounded), for background notes after startup. */
  errors: ChildError[];
  stack: string | null;
  /** The main thread's CPU use over the stall when `stack` was taken (Linux). */
  stackCpu: MainThreadCpu | null;
  /** The last stall report since the last heartbeat (null once the main thread beat again). */
  stall: StallReport | null;
  handles: WireHandle[];
  /** Startup work in flight at the last heartbeat. */
  ops: WireOp[];
  listening: Array<{ address: string; site: string[]; ms: number }>;
  /** What the verdict machine was fed, in order (plain data: a test can replay it). */
  events: ProbeEvent[];
  verdict: VerdictState;
  notes: string[];
  outputTail: string;
  /** outputTail cut where the probe began to kill the child: `after` is its SIGTERM handler's lines. Null when it exited on its own. */
  outputAtKill: { before: string; after: string } | null;
  /** Latest child clock reading (ms since the child started). */
  lastChildMs: number;
  /** The last heartbeat said the loop ran busy. */
  busy: boolean;
  /** A server framework the process loaded (express, @nestjs/core...), if any. */
  serverFramework?: string;
}

export interface ChildError {
  name: string;
  message: string;
  stack: string;
  ms: number;
  origin?: string;
}

export interface ModuleEvents {
  /** file: URL -> child ms, in the order they arrived. */
  entered: Map<string, number>;
  exited: Map<string, number>;
  /** Import edges in arrival order (resolve hook), deduplicated. */
  edges: Array<{ from: string; to: string; dynamic?: boolean }>;
  /** Arrival index of each enter event, aligned with `edges` indexes for ordering. */
  enterSeq: Map<string, number>;
  /** Arrival index of each exit event, same counter: tells nested bodies (require, awaited import()) apart. */
  exitSeq: Map<string, number>;
  edgeSeq: number[];
}

export type { ProbeStatus, RuntimeName };
