// Shortest eager import chains from an entrypoint: what loads at startup, and through which lines.
import type { GraphEdge, ModuleGraph } from "./types.js";

export interface ReachTree {
  entry: string;
  /** For every module reached eagerly, the edge it was first reached through (BFS: shortest). */
  via: Map<string, GraphEdge | null>;
}

export function eagerReach(graph: ModuleGraph, entry: string): ReachTree {
  const via = new Map<string, GraphEdge | null>([[entry, null]]);
  const queue = [entry];
  for (let head = 0; head < queue.length; head++) {
    for (const edge of graph.edges.get(queue[head]) ?? []) {
      if (!edge.runtime || via.has(edge.to)) continue;
      via.set(edge.to, edge);
      queue.push(edge.to);
    }
  }
  return { entry, via };
}

/** The chain of edges from the tree's entry to `target`, or null when it is not reached eagerly. */
export function chainTo(tree: ReachTree, target: string): GraphEdge[] | null {
  return tree.via.has(target) ? edgesBackTo(tree.via, target) : null;
}

/** Follows a "reached through" map back from `target` to its root, returning the edges in order. */
export function edgesBackTo(via: ReadonlyMap<string, GraphEdge | null>, target: string): GraphEdge[] {
  const chain: GraphEdge[] = [];
  let cursor = target;
  for (let edge = via.get(cursor); edge; edge = via.get(cursor)) {
    chain.push(edge);
    cursor = edge.from;
  }
  // push + reverse: unshift per hop is quadratic on deep chains.
  return chain.reverse();
}
