// Ctrl-C (SIGINT), kill (SIGTERM), a closed terminal (SIGHUP) and Ctrl-\ (SIGQUIT) stop every command at once:
// the spinner is cleared, the probes' process groups are killed (they are detached, so the
// terminal's signal never reaches them: runtime-facts §4.13), and the exit code is the shell's
// convention, 128 + the signal number.
export const STOP_SIGNALS = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129, SIGQUIT: 131 } as const;
export type StopSignal = keyof typeof STOP_SIGNALS;

type Cleanup = () => void;
const cleanups = new Set<Cleanup>();
let installed = false;

/** Runs `cleanup` when the run is stopped by a signal (and on any exit); returns the unregister function. */
export function onStop(cleanup: Cleanup): () => void {
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

function runCleanups(): void {
  for (const cleanup of [...cleanups]) {
    cleanups.delete(cleanup);
    try {
      cleanup();
    } catch {
      // Stopping must not fail half-way: the next cleanup (the probe kill) matters more.
    }
  }
}

export function installStopHandlers(): void {
  if (installed) return;
  installed = true;
  for (const signal of Object.keys(STOP_SIGNALS) as StopSignal[]) {
    process.on(signal, () => stop(signal));
  }
  process.once("exit", runCleanups);
}

function stop(signal: StopSignal): void {
  runCleanups();
  // After a hangup the terminal is gone: a write would fail with EIO, and nobody reads it.
  if (signal !== "SIGHUP") {
    try {
      process.stderr.write(`startup-doctor: stopped by ${signal}${signal === "SIGINT" ? " (Ctrl-C)" : ""}; probe processes killed\n`);
    } catch {
      // stderr closed: nothing to tell.
    }
  }
  process.exit(STOP_SIGNALS[signal]);
}
