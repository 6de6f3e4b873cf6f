// Cycles as strongly connected components, each shown by one shortest loop through its smallest
// path (the exponential set of elementary cycles is never enumerated). A component is a runtime
// cycle when it closes through edges that run at startup.
import { stronglyConnectedComponents } from "./scc.js";
import type { GraphEdge, ModuleGraph } from "./types.js";

export interface GraphCycle {
  /** The loop, starting at its smallest path; edges[i] goes from modules[i] to modules[i+1]. */
  modules: string[];
  edges: GraphEdge[];
  runtime: boolean;
  /** Every module of the strongly connected component, sorted. */
  component: string[];
}

export function findCycles(graph: ModuleGraph): GraphCycle[] {
  const runtimeOut = adjacency(graph, (e) => e.runtime);
  const allOut = adjacency(graph, () => true);
  const cycles: GraphCycle[] = [];
  const runtimeKeys = new Set<string>();
  for (const component of stronglyConnectedComponents(graph.files, (n) => runtimeOut.get(n) ?? [])) {
    if (!isCyclic(component, runtimeOut)) continue;
    runtimeKeys.add(component.join("\0"));
    const members = new Set(component);
    const loop = shortestLoop(component[0], component[0], members, graph, (e) => e.runtime);
    if (loop) cycles.push({ ...loop, runtime: true, component });
  }
  // Which runtime component each module is in: a type-only edge beside a runtime one (two imports
  // between the same files) or inside a runtime cycle adds no cycle of its own.
  const runtimeComponentOf = new Map<string, string>();
  for (const c of cycles) for (const m of c.component) runtimeComponentOf.set(m, c.component[0]);
  const sameRuntimeComponent = (e: GraphEdge): boolean => runtimeComponentOf.has(e.from) && runtimeComponentOf.get(e.from) === runtimeComponentOf.get(e.to);
  for (const component of stronglyConnectedComponents(graph.files, (n) => allOut.get(n) ?? [])) {
    if (!isCyclic(component, allOut) || runtimeKeys.has(component.join("\0"))) continue;
    const members = new Set(component);
    // Show a loop that goes through a non-runtime edge: that edge is why it does not matter.
    const lazyEdge = component
      .flatMap((m) => graph.edges.get(m) ?? [])
      .find((e) => !e.runtime && members.has(e.to) && !sameRuntimeComponent(e));
    if (!lazyEdge) continue;
    const back = shortestLoop(lazyEdge.to, lazyEdge.from, members, graph, () => true);
    if (!back) continue;
    const modules = lazyEdge.to === lazyEdge.from ? [lazyEdge.from] : [lazyEdge.from, ...back.modules];
    const edges = lazyEdge.to === lazyEdge.from ? [lazyEdge] : [lazyEdge, ...back.edges];
    cycles.push({ ...rotateToSmallest(modules, edges), runtime: false, component });
  }
  return cycles.sort((a, b) => a.modules[0].localeCompare(b.modules[0]) || Number(b.runtime) - Number(a.runtime));
}

function adjacency(graph: ModuleGraph, keep: (e: GraphEdge) => boolean): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [from, edges] of graph.edges) out.set(from, [...new Set(edges.filter(keep).map((e) => e.to))]);
  return out;
}

function isCyclic(component: string[], out: Map<string, string[]>): boolean {
  return component.length > 1 || (out.get(component[0]) ?? []).includes(component[0]);
}

/**
 * Shortest path from `start` to `goal` (a loop when they are equal) inside `members`, by BFS.
 * Between two modules the earliest qualifying import line is the edge shown.
 */
function shortestLoop(
  start: string,
  goal: string,
  members: Set<string>,
  graph: ModuleGraph,
  keep: (e: GraphEdge) => boolean,
): { modules: string[]; edges: GraphEdge[] } | null {
  const parent = new Map<string, GraphEdge>();
  const queue: string[] = [start];
  const seen = new Set<string>([start]);
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head];
    for (const edge of graph.edges.get(node) ?? []) {
      if (!keep(edge) || !members.has(edge.to)) continue;
      if (edge.to === goal) {
        const edges = [edge];
        let cursor = node;
        while (cursor !== start) {
          const via = parent.get(cursor)!;
          edges.unshift(via);
          cursor = via.from;
        }
        return { modules: edges.map((e) => e.from), edges };
      }
      if (seen.has(edge.to)) continue;
      seen.add(edge.to);
      parent.set(edge.to, edge);
      queue.push(edge.to);
    }
  }
  return null;
}

function rotateToSmallest(modules: string[], edges: GraphEdge[]): { modules: string[]; edges: GraphEdge[] } {
  let best = 0;
  for (let i = 1; i < modules.length; i++) if (modules[i] < modules[best]) best = i;
  return { modules: [...modules.slice(best), ...modules.slice(0, best)], edges: [...edges.slice(best), ...edges.slice(0, best)] };
}
