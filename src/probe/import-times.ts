// Per-module import time, like Python's `-X importtime`: self = the module's own body,
// total = self plus the modules it was first to import.
import { toReportPath } from "./paths.js";
import type { ModuleEvents } from "./types.js";

export interface ImportTime {
  file: string;
  selfMs: number;
  totalMs: number;
  parent?: string;
}

export function importTimes(events: ModuleEvents, root: string): ImportTime[] {
  const finished = [...events.entered.keys()].filter((url) => events.exited.has(url));
  const span = new Map<string, { start: number; end: number }>();
  for (const url of finished) span.set(url, { start: events.entered.get(url) ?? 0, end: events.exited.get(url) ?? 0 });
  // The first importer is the parent; following first edges always leads back in time, so the
  // tree has no cycles (a module re-imported by a later one keeps its first parent).
  const parent = new Map<string, string>();
  for (const edge of events.edges) {
    if (!parent.has(edge.to) && edge.to !== edge.from && span.has(edge.to) && span.has(edge.from)) parent.set(edge.to, edge.from);
  }
  const children = new Map<string, string[]>();
  for (const [child, of] of parent) children.set(of, [...(children.get(of) ?? []), child]);
  const total = new Map<string, number>();
  const self = new Map<string, number>();
  // Children before parents: deepest first.
  for (const url of [...finished].sort((a, b) => depth(b, parent) - depth(a, parent))) {
    const own = span.get(url) as { start: number; end: number };
    let nested = 0;
    let all = 0;
    for (const child of children.get(url) ?? []) {
      const childSpan = span.get(child) as { start: number; end: number };
      const childTotal = total.get(child) ?? 0;
      all += childTotal;
      // CommonJS requires and awaited import() run inside the parent's body: already in its span.
      if (childSpan.start >= own.start && childSpan.end <= own.end) nested += childTotal;
    }
    const selfMs = Math.max(0, own.end - own.start - nested);
    self.set(url, selfMs);
    total.set(url, selfMs + all);
  }
  return finished.map((url) => {
    const of = parent.get(url);
    const row: ImportTime = { file: toReportPath(root, url), selfMs: round(self.get(url) ?? 0), totalMs: round(total.get(url) ?? 0) };
    if (of) row.parent = toReportPath(root, of);
    return row;
  });
}

function depth(url: string, parent: Map<string, string>): number {
  let count = 0;
  const seen = new Set<string>();
  for (let at = parent.get(url); at !== undefined && !seen.has(at); at = parent.get(at)) {
    seen.add(at);
    count++;
  }
  return count;
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
