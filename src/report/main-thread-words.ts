// How a blocked probe's main thread spent the stall, in words: busy (computing) or stalled while
// hardly running. A stale heartbeat with a stack says the thread did not come back to its event
// loop; its CPU time says whether it was computing (a loop) or waiting in the kernel (a disk read
// of a cold page cache, Atomics.wait, a starved machine), which "busy" would misname.
import type { ReportProbe } from "./types.js";

/** Below this share of the wall time spent on a CPU, the thread was mostly waiting. */
const RUNNING_SHARE = 0.5;

export function mainThreadWaited(probe: Pick<ReportProbe, "mainThread">): boolean {
  const cpu = probe.mainThread;
  return cpu !== undefined && cpu.wallMs > 0 && cpu.cpuMs < RUNNING_SHARE * cpu.wallMs;
}

/** "the main thread was busy", or how it was stalled while hardly running; `tense` "was" or "is". */
export function mainThreadWords(probe: Pick<ReportProbe, "mainThread">, tense: "was" | "is"): string {
  const cpu = probe.mainThread;
  if (!cpu || !mainThreadWaited(probe)) return `the main thread ${tense} busy`;
  const share = Math.round((100 * cpu.cpuMs) / cpu.wallMs);
  const disk = cpu.majorFaults > 0 ? `, ${cpu.majorFaults} page${cpu.majorFaults === 1 ? "" : "s"} read from disk` : "";
  return `the main thread ${tense} stalled but hardly running (${share}% CPU over ${(cpu.wallMs / 1000).toFixed(1)} s${disk}: a synchronous wait, disk reads or a starved machine, not a loop)`;
}
