// Exactly one status per probe, from what the child reported and how it ended. Pure.
import type { ProbeStatus } from "../report/types.js";
import type { MainThreadCpu } from "./preload/protocol.js";

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

/** What the watchdog last said of a stall it could take no stack from: the main thread's CPU share and state. */
export interface StallReport {
  cpu: MainThreadCpu | null;
  /** /proc state: R running or runnable, S asleep in a call, D waiting on a device. */
  state: string | null;
}

/**
 * Without a stack the main thread ran no JavaScript to pause in. Inside a native call it sleeps in
 * the kernel (execSync: state S) or computes (most of the wall time on a CPU): blocked. Runnable
 * with little CPU behind it is a starved machine, not the app; no report says nothing either.
 */
export function stallBlocks(stall: StallReport | null): boolean {
  if (!stall) return false;
  const computing = stall.cpu !== null && stall.cpu.wallMs > 0 && stall.cpu.cpuMs >= 0.5 * stall.cpu.wallMs;
  return (stall.state !== null && stall.state !== "R") || computing;
}

export function classify(outcome: Outcome): ProbeStatus {
  if (outcome.finished) return outcome.durationMs > outcome.slowMs ? "slow" : "ok";
  if (outcome.crashed) return "crash";
  if (outcome.exited) {
    return outcome.exitCode === 13 || outcome.reportedExitCode === 13 ? "unsettled" : "exit";
  }
  return outcome.mainThreadBusy ? "blocked" : "hang";
}
