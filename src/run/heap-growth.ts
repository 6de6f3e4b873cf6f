// V8's heap growth, tuned only in a process the command owns (bin/startup-doctor.js calls
// ownHeap; the Node API leaves its host's heap alone). V8 lets the heap grow up to 4x what survived
// a collection before it collects again: a 100k-module scan peaked at 2.7 GB for 1.4 GB of facts.
// A fixed 25% keeps a project's peak close to what it keeps (medusa: 306 MiB, 330 MiB at 75%),
// but a large project then pays for it in full collections of a large heap: at 100k modules the
// analysis thread spent 15 s of a 72 s scan in GC. From LARGE_PROJECT_FILES on, 75%: 60 s, and the
// peak stays under 2 GB (1.82 GB), as at 25% (1.72 GB): the end of the scan, not the growth, sets it.
import { setFlagsFromString } from "node:v8";

const GROWTH_PERCENT = 25;
const LARGE_PROJECT_GROWTH_PERCENT = 75;
export const LARGE_PROJECT_FILES = 20_000;

let owned = false;
let grown = false;

/** The command owns its process: the fixed growth from now on, and larger for a large project (growHeapFor). */
export function ownHeap(): void {
  owned = true;
  setFlagsFromString(`--heap-growing-percent=${GROWTH_PERCENT}`);
}

export function ownsHeap(): boolean {
  return owned;
}

/** Once the project's size is known (V8's flags are the process's: every thread's heap follows). */
export function growHeapFor(files: number): void {
  if (files < LARGE_PROJECT_FILES) return;
  grown = true;
  setFlagsFromString(`--heap-growing-percent=${LARGE_PROJECT_GROWTH_PERCENT}`);
}

/**
 * Runs `fn` under the flags the process started with. A V8 code cache is accepted only under the
 * flags it was made with (their hash is in it): one made after growHeapFor was rejected by every
 * next run, which then compiled the compiler again and wrote the cache again.
 */
export function withStartupFlags(fn: () => void): void {
  // Only a process this command owns has known startup flags (ownHeap); a host's are its own.
  if (!grown || !owned) return fn();
  setFlagsFromString(`--heap-growing-percent=${GROWTH_PERCENT}`);
  try {
    fn();
  } finally {
    setFlagsFromString(`--heap-growing-percent=${LARGE_PROJECT_GROWTH_PERCENT}`);
  }
}
