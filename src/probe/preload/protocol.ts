// Messages the child writes to the parent, one JSON object per line on the extra pipe (fd 3).
// Shared by the child (preload, hooks thread, watchdog) and the parent; imports nothing.

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

export type ProbeMessage =
  | { t: "main"; u: string; runtime: "node" | "bun" }
  // `s`: the shared event sequence (sequence.ts), when the runtime has one.
  | { t: "enter"; u: string; ms: number; s?: number }
  | { t: "exit"; u: string; ms: number; s?: number }
  // `dynamic`: read from the source at load time (Bun), the import() runs later.
  | { t: "edge"; from: string; to: string; s?: number; dynamic?: boolean }
  | { t: "hb"; handles?: WireHandle[] }
  | { t: "error"; name: string; message: string; stack: string }
  | { t: "stack"; stack: string; ageMs: number }
  | { t: "end"; code: number; exitCode: number | null }
  | { t: "note"; text: string };

/** Environment variables the parent sets on the child. */
export const ENV_FD = "STARTUP_DOCTOR_FD";
export const ENV_MARKER = "STARTUP_DOCTOR_PROBE";
export const ENV_BLOCK_MS = "STARTUP_DOCTOR_BLOCK_MS";
