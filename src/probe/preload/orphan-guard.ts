// The probe child outlives startup-doctor only for a moment: when its parent is gone (SIGKILL,
// a closed terminal, an app that killed it) the child kills its own tree. Runs from the hooks
// thread under Node (it keeps running while the app's main thread is blocked), from an unref'd
// timer under Bun.
import { descendantsOf, listProcesses, processesWithEnv } from "./proc-table.js";
import { ENV_MARKER } from "./protocol.js";

export interface GuardData {
  /** startup-doctor's pid as the child first saw it. */
  ppid: number;
  fd: number;
  marker: string;
}

/**
 * The parent died: the child was re-parented (to its subreaper or init). Not an EOF read on
 * fd 3: the child's end may be blocking, and a thread stuck in read() keeps the process from exiting.
 */
export function parentGone(data: GuardData): boolean {
  return process.ppid !== data.ppid;
}

/**
 * At the child's own exit: what it spawned is still its descendant (it is a subreaper), and
 * will not be once it is gone. The probe's contract is that nothing it started survives.
 */
export function killDescendants(data: Pick<GuardData, "marker">): void {
  const procs = listProcesses();
  const pids = new Set<number>([...descendantsOf(process.pid, procs), ...(data.marker ? processesWithEnv(ENV_MARKER, data.marker, procs) : [])]);
  pids.delete(process.pid);
  for (const pid of pids) signal(pid);
}

/** SIGKILLs every descendant (the child is a subreaper when it can be: orphans stay its descendants), then its group and itself. */
export function killOwnTree(data: GuardData): void {
  const procs = listProcesses();
  const pids = new Set<number>([...descendantsOf(process.pid, procs), ...(data.marker ? processesWithEnv(ENV_MARKER, data.marker, procs) : [])]);
  pids.delete(process.pid);
  for (const pid of pids) signal(pid);
  signal(-process.pid);
  signal(process.pid);
}

function signal(pid: number): void {
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    // Gone, or not our group.
  }
}
