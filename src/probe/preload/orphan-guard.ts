// The probe child outlives startup-doctor only for a moment: when its parent is gone (SIGKILL,
// a closed terminal, an app that killed it) the child kills its own tree. Runs from the hooks
// thread under Node (it keeps running while the app's main thread is blocked), from an unref'd
// timer under Bun.
import { descendantsOf, listProcesses, processesWithEnv, readStat } from "./proc-table.js";
import { rmSync } from "node:fs";
import { basename, dirname } from "node:path";
import { ENV_MARKER, ENV_PARENT, HOLD_FILE, PRIVATE_TMP_PREFIX } from "./protocol.js";
import { closeGate } from "./spawn-gate.js";

export interface GuardData {
  /** The child's parent pid as it first saw it. */
  ppid: number;
  fd: number;
  marker: string;
  /** startup-doctor as it told the child (ENV_PARENT): pid and start time. */
  parent?: { pid: number; start: number };
  /** The main thread's spawn gate (spawn-gate.ts), when the guard runs on another thread. */
  gate?: SharedArrayBuffer;
  /** What startup-doctor would have removed after the child (its private temp folder, with the hold file in it): a dead one cannot. */
  leftovers?: string[];
}

/**
 * The private temp folder startup-doctor made for this child, from the hold path in it that it
 * passed (ENV_HOLD; not TMPDIR, which an env file may set): only paths of that exact shape.
 */
export function leftoversOf(holdPath: string): string[] {
  if (basename(holdPath) !== HOLD_FILE) return [];
  const dir = dirname(holdPath);
  return basename(dir).startsWith(PRIVATE_TMP_PREFIX) && dir.startsWith("/") ? [dir] : [];
}

/** startup-doctor's pid and start time from the child's environment, when it is there. */
export function parentFromEnv(env: NodeJS.ProcessEnv = process.env): GuardData["parent"] {
  // Both parts or nothing: without /proc the parent sends no start time, and the guard keeps to the ppid.
  const match = /^(\d+):(\d+)$/.exec(env[ENV_PARENT] ?? "");
  return match ? { pid: Number(match[1]), start: Number(match[2]) } : undefined;
}

/**
 * The parent died: the child was re-parented (to its subreaper or init), or the startup-doctor that
 * started it is no longer there. The second covers a parent killed before the child first read its
 * ppid (seen under load: the child recorded init as its parent and never noticed). Not an EOF read
 * on fd 3: the child's end may be blocking, and a thread stuck in read() keeps the process from exiting.
 */
export function parentGone(data: GuardData): boolean {
  if (process.ppid !== data.ppid) return true;
  if (!data.parent) return false;
  const stat = readStat(data.parent.pid);
  return stat === null || stat.zombie || stat.start !== data.parent.start;
}

/**
 * At the child's own exit: what it spawned is still its descendant (it is a subreaper), and
 * will not be once it is gone. The probe's contract is that nothing it started survives.
 */
export function killDescendants(data: Pick<GuardData, "marker">): void {
  for (const pid of stoppedTree(data.marker)) signal(pid, "SIGKILL");
}

/**
 * SIGKILLs every descendant (the child is a subreaper when it can be: orphans stay its
 * descendants), then its group and itself. The main thread's spawns are held first: it is the one
 * part of the tree that keeps running while the rest is stopped.
 */
export function killOwnTree(data: GuardData): void {
  const found = new Set<number>();
  if (data.gate) closeGate(data.gate, GATE_WAIT_MS, () => stoppedTree(data.marker, found));
  stoppedTree(data.marker, found);
  for (const pid of found) signal(pid, "SIGKILL");
  // A process forked where no gate holds (a native addon, a Worker) after the last listing: one
  // more look before the child, whose orphans it would become, is gone.
  for (let round = 0; round < 5; round++) {
    const procs = listProcesses();
    const zombies = new Set(procs.filter((proc) => proc.zombie).map((proc) => proc.pid));
    const left = descendantsOf(process.pid, procs).filter((pid) => !zombies.has(pid) && !found.has(pid));
    if (left.length === 0) break;
    for (const pid of left) {
      found.add(pid);
      signal(pid, "SIGKILL");
    }
  }
  // After the tree: a killed process that was still writing there is gone (or going) by now.
  for (const path of data.leftovers ?? []) {
    try {
      rmSync(path, { recursive: true, force: true });
    } catch {
      // A process that escaped the kill still holds a file there: the folder stays, mode 0700.
    }
  }
  signal(-process.pid, "SIGKILL");
  signal(process.pid, "SIGKILL");
}

/** How long the guard waits for a spawn the main thread had started: fork and exec take milliseconds, more under load. */
const GATE_WAIT_MS = 1000;

/**
 * Every descendant and marked process, each SIGSTOPped as it is found, listed again until no new
 * one appears; added to `found`. A single list-then-kill misses a process forked in between that
 * called setsid (a daemon escaped to init that way, under load): a stopped process forks nothing,
 * and the orphans of a stopped one stay this subreaper's descendants. The child itself is never
 * stopped: it is the one doing this.
 */
function stoppedTree(marker: string, found = new Set<number>()): Set<number> {
  for (let round = 0; round < 20; round++) {
    const procs = listProcesses();
    let fresh = 0;
    for (const pid of [...descendantsOf(process.pid, procs), ...(marker ? processesWithEnv(ENV_MARKER, marker, procs) : [])]) {
      if (pid === process.pid || found.has(pid)) continue;
      found.add(pid);
      signal(pid, "SIGSTOP");
      fresh++;
    }
    if (fresh === 0) break;
  }
  return found;
}

function signal(pid: number, name: "SIGKILL" | "SIGSTOP"): void {
  try {
    process.kill(pid, name);
  } catch {
    // Gone, or not our group.
  }
}

/**
 * The child got no token on its channel: the startup-doctor that started it may have died before
 * handing one over (SIGKILLed, or killed by another probed app). The guard is installed only with
 * a token, so such a child would run the app with nothing to stop it (seen under load: a daemon
 * left with init as its parent). When that startup-doctor is gone, the child kills itself before
 * any of the app runs; with it alive, the app runs unprobed as before.
 *
 * `closed`: the parent's end of the channel closed first. A dying process closes its files before
 * the kernel makes it a zombie and re-parents its children, so for that moment it still looks
 * alive (a probe child and its daemon outlived a SIGKILLed startup-doctor that way, under load).
 * A startup-doctor never closes a live child's channel, so the child waits for that exit to show.
 */
export function stopIfOrphanedBeforeToken(closed: boolean, leftovers: string[] = []): void {
  const guard: GuardData = { ppid: process.ppid, fd: -1, marker: "", parent: parentFromEnv(), leftovers };
  // By the parent it named (pid and start time), not by ppid 1: startup-doctor may itself be pid 1 in a container.
  const deadline = Date.now() + (closed ? CLOSED_EXIT_WAIT_MS : 0);
  for (;;) {
    if (parentGone(guard)) return killOwnTree(guard);
    if (Date.now() >= deadline) return;
    Atomics.wait(nap, 0, 0, 5);
  }
}

/** How long a parent that closed the channel gets to show its exit; the kernel needs milliseconds. */
const CLOSED_EXIT_WAIT_MS = 2000;
const nap = new Int32Array(new SharedArrayBuffer(4));
