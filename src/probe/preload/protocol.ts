// Messages the child writes to the parent, one JSON object per line on the extra pipe (fd 3),
// each line prefixed with the run's token. Shared by the child (preload, hooks thread,
// watchdog) and the parent; imports nothing.

/** A live resource that can keep the child's event loop alive. */
export interface WireHandle {
  id: number;
  type: "socket" | "server" | "timer" | "interval" | "child-process" | "pipe" | "udp" | "watcher";
  description: string;
  /** The creation stack, already source-mapped by the child, user frames first. */
  stack: string[];
  /** Creation stack of the outermost earlier resource that led to this one, if any. */
  origin?: string[];
}

/** Startup work still in flight: a connection attempt, a DNS lookup, a short timer (a retry). */
export interface WireOp {
  kind: "connect" | "dns" | "timer" | "child-process";
  /** "127.0.0.1:1", "db.internal", "setTimeout of 150 ms". */
  target: string;
  /** Connection attempts to the same target so far. */
  attempts?: number;
  /** Not running now: the latest attempt to this target failed moments ago (a retry loop between attempts). */
  failing?: boolean;
  /** Stack of the call that started it (the latest attempt), source-mapped, async frames included. */
  stack: string[];
  /** Creation stack of the outermost earlier resource that led to it (the first socket of a retry loop). */
  origin?: string[];
}

export type ProbeMessage =
  // `gate`: the child holds its main thread's spawns on request (spawn-gate.ts), so a kill may ask first.
  | { t: "main"; u: string; runtime: "node" | "bun"; gate?: true }
  // The spawn gate is closed; `clear`: no spawn of the main thread was still in flight.
  | { t: "held"; clear: boolean }
  // `s`: the shared event sequence (sequence.ts), when the runtime has one.
  | { t: "enter"; u: string; ms: number; s?: number }
  // `threw`: the body threw; done unless the throw ended the process (a require() in try/catch).
  | { t: "exit"; u: string; ms: number; s?: number; threw?: true }
  // `dynamic`: read from the source at load time (Bun), the import() runs later.
  | { t: "edge"; from: string; to: string; s?: number; dynamic?: boolean }
  // `ms`: child clock; `busy`: event-loop utilisation since the previous beat >= 0.9 (a
  // setImmediate loop keeps timers firing, so only utilisation shows it); `ops` when they changed.
  | { t: "hb"; ms?: number; busy?: boolean; handles?: WireHandle[]; ops?: WireOp[] }
  | { t: "listening"; ms: number; address: string; site: string[] }
  | { t: "error"; name: string; message: string; stack: string; ms?: number; origin?: string }
  // `cpu`: the main thread's CPU time since its heartbeat was last fresh (Linux /proc).
  | { t: "stack"; stack: string; ageMs: number; cpu?: MainThreadCpu }
  // Every block threshold while the heartbeat is stale, with or without a stack; `state` is the main thread's (R, S, D).
  | { t: "stall"; ageMs: number; cpu?: MainThreadCpu; state?: string }
  /** calledFrom: the stack of the process.exit() caller, when the app called it (exit-call.ts). */
  | { t: "end"; code: number; exitCode: number | null; ms?: number; calledFrom?: string[] }
  | { t: "note"; text: string };

/** The main thread over a stall, read from /proc/self/task/PID/stat when its stack was taken. */
export interface MainThreadCpu {
  /** CPU time (user + system) it used since its heartbeat was last fresh. */
  cpuMs: number;
  /** Wall time over the same span. */
  wallMs: number;
  /** Major page faults (pages read from disk) over the span. */
  majorFaults: number;
}

/** Environment variables the parent sets on the child. FD and TOKEN are removed before user code runs. */
export const ENV_FD = "STARTUP_DOCTOR_FD";
export const ENV_MARKER = "STARTUP_DOCTOR_PROBE";
export const ENV_BLOCK_MS = "STARTUP_DOCTOR_BLOCK_MS";
/**
 * Prefix of the private temp folder each probe child gets (private-tmp.ts), and the name of the
 * hold file in it: inside the folder (mode 0700), so another user of a shared /tmp cannot plant or
 * create it.
 */
export const PRIVATE_TMP_PREFIX = "startup-doctor-probe-";
export const HOLD_FILE = ".startup-doctor-hold";
/** A file whose appearance asks the child to close its spawn gate (kill-tree.ts, before a kill). Removed like FD. */
export const ENV_HOLD = "STARTUP_DOCTOR_HOLD";
/** startup-doctor's own `pid:start-time`: the child can tell its parent died even before it first looked. */
export const ENV_PARENT = "STARTUP_DOCTOR_PARENT";
/** The token itself never travels in the environment (a grandchild could read /proc/PID/environ): the parent writes it on fd 3. */
export const TOKEN_BYTES = 32;
/** Longest line the parent accepts; longer ones are dropped without being kept. */
export const MAX_LINE = 4 * 1024 * 1024;
