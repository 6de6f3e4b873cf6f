// Kills a probe child, its process group, and whatever it spawned that left the group.
import { descendantsOf, ignoresSignal, listProcesses, processesHolding, processesWithEnv, readStat, stdioLinks, type ProcInfo } from "./proc-table.js";
import { ENV_MARKER } from "./preload/protocol.js";

export interface LiveProbe {
  pid: number;
  marker: string;
}

interface Watched {
  /** Every descendant seen while the probe ran, with its start time (a reused pid is not ours). */
  seen: Map<number, number>;
  /** What the child's fds 0-3 point at: a daemon that kept them is ours. */
  links: Set<string>;
  /** Start time of the child: only processes started later can be its offspring. */
  start: number;
}

const live = new Map<LiveProbe, Watched>();
let exitHookInstalled = false;
let recorder: NodeJS.Timeout | null = null;
/** How often the descendants of running probes are recorded: a double fork re-parents its daemon away within ms, so recording is the backup to the child's subreaper. */
const RECORD_EVERY_MS = 150;

export function registerProbe(probe: LiveProbe): void {
  const stat = readStat(probe.pid);
  live.set(probe, { seen: new Map(), links: new Set(stdioLinks(probe.pid)), start: stat?.start ?? 0 });
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    // A detached child outlives its parent (runtime-facts §4.13).
    process.once("exit", killAllProbes);
  }
  if (!recorder) {
    recorder = setInterval(record, RECORD_EVERY_MS);
    recorder.unref();
  }
}

export function unregisterProbe(probe: LiveProbe): void {
  live.delete(probe);
  if (live.size === 0 && recorder) {
    clearInterval(recorder);
    recorder = null;
  }
}

function record(): void {
  if (live.size === 0) return;
  const procs = listProcesses();
  for (const [probe, watched] of live) remember(probe, watched, procs);
}

function remember(probe: LiveProbe, watched: Watched, procs: ProcInfo[]): void {
  const byPid = new Map(procs.map((proc) => [proc.pid, proc]));
  if (childIsOurs(probe, watched, byPid)) {
    if (watched.links.size === 0 && byPid.has(probe.pid)) for (const link of stdioLinks(probe.pid)) watched.links.add(link);
    for (const pid of descendantsOf(probe.pid, procs)) watched.seen.set(pid, byPid.get(pid)?.start ?? 0);
  }
  // Descendants of already recorded processes whose parent link to the child broke (and only of
  // the very process recorded: an exited one's pid may belong to someone else by now).
  for (const [pid, start] of [...watched.seen]) {
    if (byPid.get(pid)?.start !== start) continue;
    for (const child of descendantsOf(pid, procs)) if (!watched.seen.has(child)) watched.seen.set(child, byPid.get(child)?.start ?? 0);
  }
}

/** Synchronously SIGKILLs every live probe and everything it spawned. Safe in exit/SIGINT handlers. */
export function killAllProbes(): void {
  // The child too: its SIGKILL follows in this same synchronous run, so nothing is left stopped, and a
  // running child could fork a daemon that calls setsid while its tree is listed (seen under load:
  // an `env -i` daemon outliving a SIGQUIT).
  const all = [...live].map(([probe, watched]) => childLast(frozenTargetsOf(probe, watched, true).targets, probe.pid));
  for (const targets of all) for (const target of targets) signal(target, "SIGKILL");
  live.clear();
}

/**
 * The probe's tree, stopped (SIGSTOP) and listed again until no new process appears. One listing
 * then a kill leaves a window: a process forked meanwhile that called setsid is neither listed nor
 * in the group, and once its parents die it belongs to init (seen: a `setsid env -i` daemon
 * escaping a SIGQUIT under load). A stopped process forks nothing, and while the child's
 * subreaper is alive every orphan is still its descendant.
 *
 * Every process but the child, unless `stopChild` (a kill that follows at once, in the same
 * synchronous run): nothing continues a child stopped by a startup-doctor that is SIGKILLed before
 * its SIGCONT, and a stopped child's guard never runs (seen under load: a child and its `env -i`
 * daemon left stopped under init). A running child's guard kills what was stopped with it. What
 * the child forks between two listings is found by the next one, and is in its group until it
 * calls setsid.
 */
function frozenTargetsOf(probe: LiveProbe, watched: Watched, stopChild = false): { targets: Target[]; stopped: number[]; childRuns: boolean } {
  const found = new Map<string, Target>();
  const stopped = new Set<number>(stopChild ? [] : [probe.pid]);
  let childRuns = false;
  const key = (target: Target): string => ("group" in target ? `g${target.group}` : `p${target.pid}`);
  for (let round = 0; round < 20; round++) {
    const { targets, procs, child } = targetsOf(probe, watched);
    childRuns = child;
    for (const target of targets) found.set(key(target), target);
    let fresh = 0;
    for (const pid of membersOf(targets, procs)) {
      if (stopped.has(pid)) continue;
      stopped.add(pid);
      signal({ pid }, "SIGSTOP");
      fresh++;
    }
    if (fresh === 0) break;
  }
  stopped.delete(probe.pid);
  return { targets: [...found.values()], stopped: [...stopped], childRuns };
}

type Target = { group: number } | { pid: number };

/**
 * Everything to kill, found before killing (once the child dies its orphans lose the parent link),
 * the listing it was found in, and whether the child is in it (alive, and not a reused pid).
 */
function targetsOf(probe: LiveProbe, watched: Watched): { targets: Target[]; procs: ProcInfo[]; child: boolean } {
  const procs = listProcesses();
  remember(probe, watched, procs);
  const byPid = new Map(procs.map((proc) => [proc.pid, proc]));
  const ours = childIsOurs(probe, watched, byPid);
  const later = procs.filter((proc) => proc.start >= watched.start && proc.pid !== process.pid);
  const pids = new Set<number>([
    ...(ours ? descendantsOf(probe.pid, procs) : []),
    ...processesWithEnv(ENV_MARKER, probe.marker, later),
    ...processesHolding(watched.links, later),
  ]);
  for (const [pid, start] of watched.seen) if (byPid.get(pid)?.start === start) pids.add(pid);
  pids.delete(process.pid);
  // The kernel keeps a group's id from reuse while the group has members; once it is empty, a new
  // process may take the pid and lead a group of its own (pid_max is 32768 in many containers).
  const targets: Target[] = ours || !byPid.has(probe.pid) ? [{ group: probe.pid }] : [];
  for (const pid of pids) targets.push({ pid });
  const child = byPid.get(probe.pid);
  return { targets, procs, child: ours && child !== undefined && !child.zombie };
}

/**
 * The probe's pid still names the child it was registered with. Once the child has exited its pid
 * can be reused (seen: a test's own `node` child SIGKILLed as a probe's descendant), and nothing
 * under a reused pid is ours. An unknown start time (the child gone before registration) is trusted.
 */
function childIsOurs(probe: LiveProbe, watched: Watched, byPid: Map<number, ProcInfo>): boolean {
  const now = byPid.get(probe.pid);
  return watched.start === 0 || (now !== undefined && now.start === watched.start);
}

function childRunning(probe: LiveProbe, watched: Watched): boolean {
  const stat = readStat(probe.pid);
  return stat !== null && !stat.zombie && (watched.start === 0 || stat.start === watched.start);
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
 *
 * The tree but the child is frozen before the SIGTERM, and what ignores SIGTERM is SIGKILLed before the child
 * gets it: the child is the subreaper holding its orphans and runs the guard that kills them if
 * startup-doctor dies. Sent to the whole group at once, SIGTERM killed the child first, and a
 * startup-doctor SIGKILLed during the grace left the SIGTERM-ignoring rest to init (seen under
 * load, 2 runs in 8 of the hostile-probes test). The grace buys those nothing anyway.
 *
 * `hold` first asks a running child to hold its own spawns (spawn-hold.ts): the child is never
 * stopped, and what it forks after the last listing would otherwise be in none.
 */
export async function killProbeTree(probe: LiveProbe, graceMs: number, hold?: () => Promise<boolean>): Promise<void> {
  const watched = live.get(probe) ?? { seen: new Map(), links: new Set<string>(), start: 0 };
  if (hold && childRunning(probe, watched)) await hold();
  const { targets, stopped, childRuns } = frozenTargetsOf(probe, watched);
  for (const pid of stopped) if (ignoresSignal(pid, SIGTERM)) signal({ pid }, "SIGKILL");
  // Each stopped process is sent SIGTERM and continued before the child gets its own: a stopped
  // process outliving the child would belong to init, stopped with nothing to continue it.
  for (const pid of stopped) {
    signal({ pid }, "SIGTERM");
    signal({ pid }, "SIGCONT");
  }
  // By pid, and only the child this probe started: its pid may be another process's by now.
  if (childRuns) signal({ pid: probe.pid }, "SIGTERM");
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && targets.some(alive)) await sleep(5);
  // Look again: something may have been spawned during the grace period.
  for (const target of childLast([...targets, ...frozenTargetsOf(probe, watched).targets], probe.pid)) if (alive(target)) signal(target, "SIGKILL");
  for (let tries = 0; tries < 200 && targets.some(alive); tries++) await sleep(5);
  unregisterProbe(probe);
}

const SIGTERM = 15;

/** Every process the targets name in a listing: the listed pids and the live members of the groups. */
function membersOf(targets: Target[], procs: ProcInfo[]): number[] {
  const pids = new Set<number>();
  const groups = new Set<number>();
  for (const target of targets) {
    if ("pid" in target) pids.add(target.pid);
    else groups.add(target.group);
  }
  if (groups.size > 0) for (const proc of procs) if (groups.has(proc.pgid) && !proc.zombie) pids.add(proc.pid);
  return [...pids];
}

/** Single processes before groups: the group holds the child, and what dies after the child is no longer its descendant. */
function childLast(targets: Target[], child: number): Target[] {
  const isChild = (target: Target): boolean => "pid" in target && target.pid === child;
  return [...targets.filter((target) => "pid" in target && !isChild(target)), ...targets.filter((target) => "group" in target), ...targets.filter(isChild)];
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
