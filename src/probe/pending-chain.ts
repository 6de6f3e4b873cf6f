// Turns module enter/exit events and import edges into the chain of modules that never finished,
// outermost first. Entered-but-not-exited modules are the ones awaiting; the resolve edges close
// the loop and name the module waited for (runtime-facts §4.4).
import type { ProbePendingModule } from "../report/types.js";
import { toAbsolute, toReportPath } from "./paths.js";
import type { ModuleEvents } from "./types.js";
import { importLine, topLevelAwaitLine } from "./waiting-line.js";

export type ReadSource = (absPath: string) => string | null;

export function pendingChain(events: ModuleEvents, mainUrl: string | null, root: string, read: ReadSource): ProbePendingModule[] {
  const done = (url: string): boolean => events.exited.has(url);
  const started = (url: string): boolean => events.entered.has(url);
  const rel = (url: string): string => toReportPath(root, url);
  const chain: ProbePendingModule[] = [];
  const inChain = new Set<string>();
  let current: string | null = mainUrl && !done(mainUrl) ? mainUrl : null;
  while (current !== null && !inChain.has(current)) {
    inChain.add(current);
    const url: string = current;
    if (!started(url)) {
      // Its body has not run: it waits for a dependency; follow the one that is running.
      const deps = events.edges.filter((edge) => edge.from === url && !done(edge.to)).map((edge) => edge.to);
      const next = deps.find(started) ?? deps[0] ?? null;
      chain.push(next ? { file: rel(url), waitingFor: rel(next) } : { file: rel(url) });
      current = next;
      continue;
    }
    const awaited = awaitedImport(events, url);
    const source = read(toAbsolute(url));
    if (!awaited) {
      const line = source === null ? undefined : topLevelAwaitLine(source);
      chain.push(line ? { file: rel(url), line } : { file: rel(url) });
      break;
    }
    const line = source === null ? undefined : (importLine(source, toAbsolute(url), toAbsolute(awaited.to)) ?? topLevelAwaitLine(source));
    const entry: ProbePendingModule = { file: rel(url), waitingFor: rel(awaited.to) };
    if (line) entry.line = line;
    if (awaited.from !== url) {
      const site = read(toAbsolute(awaited.from));
      const siteLine = site === null ? undefined : importLine(site, toAbsolute(awaited.from), toAbsolute(awaited.to));
      entry.importedFrom = siteLine ? { file: rel(awaited.from), line: siteLine } : { file: rel(awaited.from) };
    }
    chain.push(entry);
    if (started(awaited.to)) {
      current = awaited.to;
      continue;
    }
    const loop = pathBack(events, awaited.to, inChain);
    if (loop) {
      entry.cycle = loop.map(rel);
      break;
    }
    current = awaited.to;
  }
  // Anything else still evaluating (a dynamic import started elsewhere), in start order.
  const others = [...events.entered.keys()].filter((url) => !done(url) && !inChain.has(url));
  for (const url of others) chain.push({ file: rel(url) });
  return chain;
}

/** The first import resolved after `url` started whose target has not finished, its own first. */
function awaitedImport(events: ModuleEvents, url: string): { from: string; to: string } | null {
  const since = events.enterSeq.get(url) ?? Number.POSITIVE_INFINITY;
  let fallback: { from: string; to: string } | null = null;
  for (let index = 0; index < events.edges.length; index++) {
    const edge = events.edges[index];
    if (!edge || events.exited.has(edge.to) || edge.to === url) continue;
    // An edge read from the source before the module ran (Bun) counts if it is its own import().
    if ((events.edgeSeq[index] ?? 0) < since) {
      if (edge.dynamic && edge.from === url) return edge;
      continue;
    }
    if (edge.from === url) return edge;
    fallback ??= edge;
  }
  return fallback;
}

/** Shortest import path from `start` to a module in `targets` (BFS, iterative). */
function pathBack(events: ModuleEvents, start: string, targets: Set<string>): string[] | null {
  const next = new Map<string, string[]>();
  for (const edge of events.edges) {
    const list = next.get(edge.from) ?? [];
    list.push(edge.to);
    next.set(edge.from, list);
  }
  const cameFrom = new Map<string, string | null>([[start, null]]);
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const url = queue[head] as string;
    if (targets.has(url)) {
      const path: string[] = [];
      for (let at: string | null | undefined = url; at; at = cameFrom.get(at)) path.unshift(at);
      return path;
    }
    for (const to of next.get(url) ?? []) {
      if (cameFrom.has(to)) continue;
      cameFrom.set(to, url);
      queue.push(to);
    }
  }
  return null;
}
