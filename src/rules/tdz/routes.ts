// The import route a tdz-risk finding shows, from the module read back to the reading one, inside
// their cycle's component. A finding prints only the route's first and last hops and its length.
// In a large component a BFS per finding is quadratic (a 10,000-module loop with a finding on
// every module: 74 s), so there a BFS that stops after a bounded number of modules gives the
// shortest route when it is near, and otherwise the route goes through one root, read from two
// shared BFS trees (parent links plus the few hops nearest the root) in O(hops shown).
import type { GraphEdge, ModuleGraph } from "../../graph/types.js";

export interface Route {
  /** Imports on the route. */
  length: number;
  /** The whole route when it has at most 2 * keep + 1 imports, else its first `keep`. */
  head: GraphEdge[];
  /** The last `keep` imports of a longer route; empty when `head` is the whole route. */
  tail: GraphEdge[];
}

/** Components up to this size get the shortest route by a full BFS per finding (the exact answer). */
const EXACT_MAX = 2000;
/** In larger ones, how many modules the per-finding BFS may reach before the route goes through the root. */
const NEAR_BUDGET = 256;

export type RouteFinder = (from: string, to: string) => Route;

export function routeFinder(graph: ModuleGraph, component: ReadonlySet<string>, root: string, keep: number, limits: { exactMax?: number; nearBudget?: number } = {}): RouteFinder {
  if (component.size <= (limits.exactMax ?? EXACT_MAX)) return (from, to) => split(shortestPath(graph, component, from, to, Infinity) ?? [], keep);
  let trees: Trees | null = null;
  return (from, to) => {
    const near = shortestPath(graph, component, from, to, limits.nearBudget ?? NEAR_BUDGET);
    if (near) return split(near, keep);
    trees ??= buildTrees(graph, component, root, 2 * keep + 1);
    return treeRoute(trees, from, to, keep);
  };
}

function split(path: GraphEdge[], keep: number): Route {
  if (path.length <= 2 * keep + 1) return { length: path.length, head: path, tail: [] };
  return { length: path.length, head: path.slice(0, keep), tail: path.slice(-keep) };
}

/**
 * Shortest runtime path, inside the component, from `from` to `to`: empty when there is none, null
 * when `to` is not among the first `budget` modules the BFS reaches.
 */
function shortestPath(graph: ModuleGraph, component: ReadonlySet<string>, from: string, to: string, budget: number): GraphEdge[] | null {
  if (from === to) return [];
  const via = new Map<string, GraphEdge>();
  const queue = [from];
  const seen = new Set([from]);
  for (let head = 0; head < queue.length; head++) {
    if (head >= budget) return null;
    for (const edge of graph.edges.get(queue[head]) ?? []) {
      if (!edge.runtime || seen.has(edge.to) || !component.has(edge.to)) continue;
      seen.add(edge.to);
      via.set(edge.to, edge);
      if (edge.to === to) {
        const path: GraphEdge[] = [];
        for (let cursor = to; cursor !== from; cursor = via.get(cursor)!.from) path.push(via.get(cursor)!);
        return path.reverse();
      }
      queue.push(edge.to);
    }
  }
  return [];
}

interface Trees {
  root: string;
  /** v -> the import that starts v's shortest route to the root, and that route's length. */
  toRoot: Map<string, { edge: GraphEdge; depth: number }>;
  /** The last `near` imports of v's route to the root. */
  toRootEnd: Map<string, GraphEdge[]>;
  /** v -> the import that ends the root's shortest route to v, and that route's length. */
  fromRoot: Map<string, { edge: GraphEdge; depth: number }>;
  /** The first `near` imports of the root's route to v. */
  fromRootStart: Map<string, GraphEdge[]>;
}

function buildTrees(graph: ModuleGraph, component: ReadonlySet<string>, root: string, near: number): Trees {
  const inward = new Map<string, GraphEdge[]>();
  for (const file of component) {
    for (const edge of graph.edges.get(file) ?? []) {
      if (!edge.runtime || !component.has(edge.to)) continue;
      let list = inward.get(edge.to);
      if (!list) inward.set(edge.to, (list = []));
      list.push(edge);
    }
  }
  const fromRoot = new Map<string, { edge: GraphEdge; depth: number }>();
  const fromRootStart = new Map<string, GraphEdge[]>([[root, []]]);
  const queue = [root];
  for (let head = 0; head < queue.length; head++) {
    const file = queue[head];
    const depth = fromRoot.get(file)?.depth ?? 0;
    const start = fromRootStart.get(file)!;
    for (const edge of graph.edges.get(file) ?? []) {
      if (!edge.runtime || !component.has(edge.to) || fromRootStart.has(edge.to)) continue;
      fromRoot.set(edge.to, { edge, depth: depth + 1 });
      fromRootStart.set(edge.to, start.length < near ? [...start, edge] : start);
      queue.push(edge.to);
    }
  }
  const toRoot = new Map<string, { edge: GraphEdge; depth: number }>();
  const toRootEnd = new Map<string, GraphEdge[]>([[root, []]]);
  queue.length = 0;
  queue.push(root);
  for (let head = 0; head < queue.length; head++) {
    const file = queue[head];
    const depth = toRoot.get(file)?.depth ?? 0;
    const end = toRootEnd.get(file)!;
    for (const edge of inward.get(file) ?? []) {
      if (toRootEnd.has(edge.from)) continue;
      toRoot.set(edge.from, { edge, depth: depth + 1 });
      toRootEnd.set(edge.from, depth + 1 <= near ? [edge, ...end] : end);
      queue.push(edge.from);
    }
  }
  return { root, toRoot, toRootEnd, fromRoot, fromRootStart };
}

/** from -> root -> to: a route of real imports, shortest through the root. */
function treeRoute(trees: Trees, from: string, to: string, keep: number): Route {
  if (from === to) return { length: 0, head: [], tail: [] };
  const up = from === trees.root ? 0 : trees.toRoot.get(from)?.depth;
  const down = to === trees.root ? 0 : trees.fromRoot.get(to)?.depth;
  if (up === undefined || down === undefined) return { length: 0, head: [], tail: [] };
  const length = up + down;
  if (length <= 2 * keep + 1) return { length, head: [...climb(trees, from, up), ...trees.fromRootStart.get(to)!], tail: [] };
  const head = climb(trees, from, Math.min(up, keep));
  if (head.length < keep) head.push(...trees.fromRootStart.get(to)!.slice(0, keep - head.length));
  const tail = descend(trees, to, Math.min(down, keep));
  if (tail.length < keep) tail.unshift(...trees.toRootEnd.get(from)!.slice(-(keep - tail.length)));
  return { length, head, tail };
}

/** The first `steps` imports of from's route to the root. */
function climb(trees: Trees, from: string, steps: number): GraphEdge[] {
  const out: GraphEdge[] = [];
  for (let at = from; out.length < steps; ) {
    const { edge } = trees.toRoot.get(at)!;
    out.push(edge);
    at = edge.to;
  }
  return out;
}

/** The last `steps` imports of the root's route to `to`, in route order. */
function descend(trees: Trees, to: string, steps: number): GraphEdge[] {
  const out: GraphEdge[] = [];
  for (let at = to; out.length < steps; ) {
    const { edge } = trees.fromRoot.get(at)!;
    out.push(edge);
    at = edge.from;
  }
  return out.reverse();
}
