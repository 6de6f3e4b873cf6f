import type { ProbeStatus, RuntimeName } from "../report/types.js";
import type { WireHandle } from "./preload/protocol.js";

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
  /** Milliseconds since the last heartbeat from the child's main thread, at the end. */
  heartbeatAgeMs: number;
  blockThresholdMs: number;
  modules: ModuleEvents;
  error: { name: string; message: string; stack: string } | null;
  stack: string | null;
  handles: WireHandle[];
  notes: string[];
  outputTail: string;
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
