// Each probe child gets its own temp folder (mode 0700, from mkdtemp), removed when the child is
// done: tsx writes the project's transformed sources to os.tmpdir()/tsx-<uid> with mode 644
// (read in tsx's temporary-directory module), world-readable in a shared /tmp (issue 10 §4).
// TMPDIR points os.tmpdir() there for tsx and for the app itself.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { HOLD_FILE, PRIVATE_TMP_PREFIX } from "./preload/protocol.js";

/** The temp folder the parent had: caches meant to outlive one probe (transpile-cache.ts) stay there. */
export const ENV_OUTER_TMPDIR = "STARTUP_DOCTOR_OUTER_TMPDIR";

const live = new Set<string>();
let hooked = false;

export interface PrivateTmp {
  dir: string;
  /** The spawn-hold request's path (spawn-hold.ts), in the folder. */
  hold: string;
  env: Record<string, string>;
  remove(): void;
}

export function createPrivateTmp(): PrivateTmp {
  const outer = tmpdir();
  const dir = mkdtempSync(join(outer, PRIVATE_TMP_PREFIX));
  live.add(dir);
  if (!hooked) {
    hooked = true;
    // A run stopped by a signal still leaves nothing behind.
    process.once("exit", () => {
      for (const d of live) rmSync(d, { recursive: true, force: true });
    });
  }
  return {
    dir,
    hold: join(dir, HOLD_FILE),
    env: { TMPDIR: dir, TMP: dir, TEMP: dir, [ENV_OUTER_TMPDIR]: outer },
    remove: () => {
      live.delete(dir);
      try {
        rmSync(dir, { recursive: true, force: true, maxRetries: 2 });
      } catch {
        // A grandchild still writing there: the exit hook above does not see it any more; harmless.
      }
    },
  };
}
