// Kills a probe child, its process group, and whatever it spawned that left the group.
import { descendantsOf, listProcesses, processesWithEnv, readStat } from "./proc-table.js";
import { ENV_MARKER } from "./preload/protocol.js";

export interface LiveProbe {
  pid: number;
  marker: string;
}

const live = new Set<LiveProbe>();
let exitHookInstalled = false;

export function registerProbe(probe: LiveProbe): void {
  live.add(probe);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    // A detached child outlives its parent (runtime-facts §4.13).
    process.once("exit", killAllProbes);
  }
}

export function unregisterProbe(probe: LiveProbe): void {
  live.delete(probe);
}

/** Synchronously SIGKILLs every live probe and everything it spawned. Safe in exit/SIGINT handlers. */
export function killAllProbes(): void {
  for (const probe of live) {
    for (const target of targetsOf(probe)) signal(target, "SIGKILL");
  }
  live.clear();
}

type Target = { group: number } | { pid: number };

/** Everything to kill, found before killing: once the child dies its orphans lose the parent link. */
function targetsOf(probe: LiveProbe): Target[] {
  const procs = listProcesses();
  const pids = new Set<number>([...descendantsOf(probe.pid, procs), ...processesWithEnv(ENV_MARKER, probe.marker, procs)]);
  const targets: Target[] = [{ group: probe.pid }];
  for (const pid of pids) targets.push({ pid });
  return targets;
}

function signal(target: Target, name: NodeJS.Signals): void {
  try {
    process.kill("group" in target ? -target.group : target.pid, name);
  } catch {
    // Already gone.
  }
}

function alive(target: Target): boolean {
  if ("pid" in target) {
    const stat = readStat(target.pid);
    return stat !== null && !stat.zombie;
  }
  return listProcesses().some((proc) => proc.pgid === target.group && !proc.zombie);
}

/**
 * SIGTERM, then SIGKILL after `graceMs`: an app that handles SIGTERM while its thread is blocked
 * ignores it forever (runtime-facts §4.13). Resolves when nothing is left.
 */
export async function killProbeTree(probe: LiveProbe, graceMs: number): Promise<void> {
  const targets = targetsOf(probe);
  for (const target of targets) signal(target, "SIGTERM");
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && targets.some(alive)) await sleep(5);
  // Look again: something may have been spawned during the grace period.
  for (const target of [...targets, ...targetsOf(probe)]) if (alive(target)) signal(target, "SIGKILL");
  for (let tries = 0; tries < 200 && targets.some(alive); tries++) await sleep(5);
  unregisterProbe(probe);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
