// Exactly one status per probe, from what the child reported and how it ended. Pure.
import type { ProbeStatus } from "../report/types.js";

export interface Outcome {
  /** The entry module's evaluation (top-level await included) completed. */
  finished: boolean;
  durationMs: number;
  slowMs: number;
  /** An exception escaped during import. */
  crashed: boolean;
  /** The child exited before finishing, on its own. */
  exited: boolean;
  exitCode: number | null;
  /** process.exitCode the child saw at exit (Node prints nothing on 13, runtime-facts §4.1). */
  reportedExitCode: number | null;
  timedOut: boolean;
  /** The main thread's heartbeat was stale at the timeout. */
  mainThreadBusy: boolean;
}

export function classify(outcome: Outcome): ProbeStatus {
  if (outcome.finished) return outcome.durationMs > outcome.slowMs ? "slow" : "ok";
  if (outcome.crashed) return "crash";
  if (outcome.exited) {
    return outcome.exitCode === 13 || outcome.reportedExitCode === 13 ? "unsettled" : "exit";
  }
  return outcome.mainThreadBusy ? "blocked" : "hang";
}
