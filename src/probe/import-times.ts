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

interface Span {
  start: number;
  end: number;
  enterSeq: number;
  exitSeq: number;
}

export function importTimes(events: ModuleEvents, root: string, mainUrl: string | null = null): ImportTime[] {
  const span = new Map<string, Span>();
  for (const [url, start] of events.entered) {
    const end = events.exited.get(url);
    if (end === undefined) continue;
    span.set(url, { start, end, enterSeq: events.enterSeq.get(url) ?? 0, exitSeq: events.exitSeq.get(url) ?? 0 });
  }
  const parent = parents(events, span, mainUrl);
  const children = new Map<string, string[]>();
  for (const [child, of] of parent) children.set(of, [...(children.get(of) ?? []), child]);
  const total = new Map<string, number>();
  const self = new Map<string, number>();
  // Children before parents: deepest first.
  const depths = new Map([...span.keys()].map((url) => [url, depth(url, parent)]));
  for (const url of [...span.keys()].sort((a, b) => (depths.get(b) ?? 0) - (depths.get(a) ?? 0))) {
    const own = span.get(url) as Span;
    let nested = 0;
    let all = 0;
    for (const child of children.get(url) ?? []) {
      const childSpan = span.get(child) as Span;
      const childTotal = total.get(child) ?? 0;
      all += childTotal;
      // A require() or an awaited import() runs inside the parent's body, already in its span;
      // a static ESM import ran before the body started.
      if (childSpan.enterSeq > own.enterSeq && childSpan.exitSeq < own.exitSeq) nested += childTotal;
    }
    const selfMs = Math.max(0, own.end - own.start - nested);
    self.set(url, selfMs);
    total.set(url, selfMs + all);
  }
  return [...span.keys()].map((url) => {
    const of = parent.get(url);
    const row: ImportTime = { file: toReportPath(root, url), selfMs: round(self.get(url) ?? 0), totalMs: round(total.get(url) ?? 0) };
    if (of) row.parent = toReportPath(root, of);
    return row;
  });
}

/**
 * The module that imported each one first. ESM imports are seen by the resolve hook, in order;
 * a CommonJS require() is not, but it runs synchronously inside its requirer's body, so the
 * innermost body still open when the module entered is the requirer.
 */
function parents(events: ModuleEvents, span: Map<string, Span>, mainUrl: string | null): Map<string, string> {
  const parent = new Map<string, string>();
  // A module's imports are resolved only after it was itself resolved, so accepting an edge only
  // for a module not seen before yields a tree rooted at the entry, even through cycles.
  const seen = new Set<string>(mainUrl ? [mainUrl] : []);
  for (const edge of events.edges) {
    if (seen.has(edge.to) || edge.to === edge.from) continue;
    seen.add(edge.to);
    if (span.has(edge.to) && span.has(edge.from)) parent.set(edge.to, edge.from);
  }
  const imported = new Set(events.edges.map((edge) => edge.to));
  if (mainUrl) imported.add(mainUrl);
  const timeline: Array<{ seq: number; url: string; enter: boolean }> = [];
  for (const [url, s] of span) timeline.push({ seq: s.enterSeq, url, enter: true }, { seq: s.exitSeq, url, enter: false });
  timeline.sort((a, b) => a.seq - b.seq);
  const open: string[] = [];
  for (const event of timeline) {
    if (!event.enter) {
      const at = open.lastIndexOf(event.url);
      if (at >= 0) open.splice(at, 1);
      continue;
    }
    const requirer = open.at(-1);
    if (requirer && !imported.has(event.url) && !parent.has(event.url)) parent.set(event.url, requirer);
    open.push(event.url);
  }
  // Edges from modules never seen resolving (a require()d module's import()) could still close a
  // loop: cut it where it closes.
  for (const url of parent.keys()) {
    const walked = new Set<string>([url]);
    for (let at = parent.get(url); at !== undefined; at = parent.get(at)) {
      if (at === url) parent.delete(url);
      if (walked.has(at)) break;
      walked.add(at);
    }
  }
  return parent;
}

function depth(url: string, parent: Map<string, string>): number {
  let count = 0;
  for (let at = parent.get(url); at !== undefined; at = parent.get(at)) count++;
  return count;
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
