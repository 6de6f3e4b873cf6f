// Asks a probe child to hold its main thread's spawns before its tree is frozen and killed
// (preload/spawn-gate.ts): the main thread is the one part of the tree a kill cannot stop without
// stopping the child, and what it forks after the last listing, once it called setsid, outlives
// the child (seen: `env -i` daemons started in a loop, left under init by a timeout kill).
import { rmSync, writeFileSync } from "node:fs";

export interface SpawnHold {
  /** The file whose appearance is the request (ENV_HOLD). */
  path: string;
  /** The child said it has a gate (its `main` message). */
  offered(): void;
  /** The child's answer: the gate is closed. */
  answered(clear: boolean): void;
  /** Asks and waits for the answer, up to `waitMs`; true when the gate closed with no spawn in flight. */
  ask(waitMs?: number): Promise<boolean>;
}

/** A child busy or starved answers late: past this the kill goes on without it, as it did before the gate. */
const ASK_WAIT_MS = 400;

export function spawnHold(path: string): SpawnHold {
  let supported = false;
  let answer: boolean | null = null;
  let wake: (() => void) | null = null;
  return {
    path,
    offered: () => {
      supported = true;
    },
    answered: (clear) => {
      answer = clear;
      wake?.();
    },
    ask: async (waitMs = ASK_WAIT_MS) => {
      if (!supported) return false;
      if (answer === null) {
        try {
          writeFileSync(path, "", { flag: "wx", mode: 0o600 });
        } catch {
          // Already asked (a second kill), or the temp folder is gone: the answer, if any, stands.
        }
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, waitMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = null;
        // Read by now or never: a startup-doctor killed later leaves no file behind for it.
        rmSync(path, { force: true });
      }
      return answer === true;
    },
  };
}
