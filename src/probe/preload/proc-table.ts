// Reads the Linux process table from /proc: synchronous on purpose, so it also works from
// startup-doctor's own `exit` handler.
import { readdirSync, readFileSync, readlinkSync } from "node:fs";

export interface ProcInfo {
  pid: number;
  ppid: number;
  pgid: number;
  zombie: boolean;
  /** Start time in clock ticks since boot: tells a recorded pid from a reused one. */
  start: number;
}

export function listProcesses(): ProcInfo[] {
  let names: string[];
  try {
    names = readdirSync("/proc");
  } catch {
    return [];
  }
  const out: ProcInfo[] = [];
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    const info = readStat(Number(name));
    if (info) out.push(info);
  }
  return out;
}

export function readStat(pid: number): ProcInfo | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name may hold spaces and parentheses: fields start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return { pid, ppid: Number(fields[1]), pgid: Number(fields[2]), zombie: fields[0] === "Z" || fields[0] === "X", start: Number(fields[19]) };
  } catch {
    return null;
  }
}

/** Processes whose environment carries `name=value` (finds setsid daemons, runtime-facts §4.13). */
export function processesWithEnv(name: string, value: string, among: ProcInfo[]): number[] {
  const needle = `${name}=${value}\0`;
  const out: number[] = [];
  for (const proc of among) {
    try {
      const env = readFileSync(`/proc/${proc.pid}/environ`, "latin1");
      if (env.startsWith(needle) || env.includes(`\0${needle}`)) out.push(proc.pid);
    } catch {
      // Gone, or not ours to read.
    }
  }
  return out;
}

/** All descendants of `root` through parent links, whatever process group they moved to. */
export function descendantsOf(root: number, among: ProcInfo[]): number[] {
  const children = new Map<number, number[]>();
  for (const proc of among) {
    const list = children.get(proc.ppid) ?? [];
    list.push(proc.pid);
    children.set(proc.ppid, list);
  }
  const out: number[] = [];
  const queue = [root];
  const seen = new Set<number>(queue);
  while (queue.length > 0) {
    const pid = queue.shift() as number;
    for (const child of children.get(pid) ?? []) {
      if (seen.has(child)) continue;
      seen.add(child);
      out.push(child);
      queue.push(child);
    }
  }
  return out;
}

/** Processes with an open file descriptor on one of `links` ("socket:[123]", "pipe:[456]"): a daemon that kept our stdio. */
export function processesHolding(links: ReadonlySet<string>, among: ProcInfo[]): number[] {
  if (links.size === 0) return [];
  const out: number[] = [];
  for (const proc of among) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${proc.pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        if (links.has(readlinkSync(`/proc/${proc.pid}/fd/${fd}`))) {
          out.push(proc.pid);
          break;
        }
      } catch {
        // Closed meanwhile.
      }
    }
  }
  return out;
}

/** What fds 0-3 of `pid` point at, for `processesHolding`. */
export function stdioLinks(pid: number): string[] {
  const out: string[] = [];
  for (const fd of [0, 1, 2, 3]) {
    try {
      const link = readlinkSync(`/proc/${pid}/fd/${fd}`);
      if (link.startsWith("socket:") || link.startsWith("pipe:")) out.push(link);
    } catch {
      // Not open.
    }
  }
  return out;
}

/**
 * The process ignores or blocks `signal` (SigIgn/SigBlk in /proc/PID/status): sending it does
 * nothing until a SIGKILL. Caught is not ignored: Node catches SIGTERM to reset the terminal and
 * then dies of it.
 */
export function ignoresSignal(pid: number, signal: number): boolean {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const bit = 1n << BigInt(signal - 1);
    for (const field of ["SigIgn", "SigBlk"]) {
      const hex = new RegExp(`^${field}:\\s*([0-9a-f]+)$`, "m").exec(status)?.[1];
      if (hex !== undefined && (BigInt(`0x${hex}`) & bit) !== 0n) return true;
    }
    return false;
  } catch {
    return false;
  }
}
