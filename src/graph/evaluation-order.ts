// The ESM evaluation model from one entrypoint (ECMA-262 InnerModuleEvaluation): depth-first over
// the eager imports in source order, a module's body runs after its dependencies (post-order),
// and a module stays "evaluating" until the root of its strongly connected component finishes,
// even after its own body has run (../shared/runtime-facts.md §1). Dynamic imports are evaluated
// after the synchronous pass, as new roots. Iterative: 10,000-module chains must not overflow.
import { edgesBackTo } from "./reach.js";
import { stronglyConnectedComponents } from "./scc.js";
import type { GraphEdge, ModuleGraph } from "./types.js";

export interface EvaluationOrder {
  entry: string;
  /** Modules in the order their bodies run. */
  order: string[];
  /** One clock for all three events: entered (pushed), body run, done (left "evaluating"). */
  enteredAt: Map<string, number>;
  bodyAt: Map<string, number>;
  doneAt: Map<string, number>;
  /** The import through which a module was first entered (null for roots). */
  parent: Map<string, GraphEdge | null>;
}

const SYNC_KINDS = new Set(["static", "reexport", "side-effect"]);

/** Edges a module's evaluation runs synchronously: hoisted imports first, then require() calls. */
export function evaluationEdges(graph: ModuleGraph, file: string): GraphEdge[] {
  const out = (graph.edges.get(file) ?? []).filter((e) => e.runtime);
  return [...out.filter((e) => SYNC_KINDS.has(e.kind)), ...out.filter((e) => e.kind === "require")];
}

const cache = new WeakMap<ModuleGraph, Map<string, EvaluationOrder>>();

export function evaluationOrder(graph: ModuleGraph, entry: string): EvaluationOrder {
  let perGraph = cache.get(graph);
  if (!perGraph) cache.set(graph, (perGraph = new Map()));
  let result = perGraph.get(entry);
  if (!result) perGraph.set(entry, (result = compute(graph, entry)));
  return result;
}

function compute(graph: ModuleGraph, entry: string): EvaluationOrder {
  const result: EvaluationOrder = { entry, order: [], enteredAt: new Map(), bodyAt: new Map(), doneAt: new Map(), parent: new Map() };
  let clock = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const evaluate = (root: string, via: GraphEdge | null): void => {
    const work: Array<{ node: string; children: GraphEdge[]; next: number }> = [];
    const open = (node: string, edge: GraphEdge | null): void => {
      result.enteredAt.set(node, clock);
      index.set(node, clock);
      low.set(node, clock);
      clock++;
      result.parent.set(node, edge);
      stack.push(node);
      onStack.add(node);
      work.push({ node, children: evaluationEdges(graph, node), next: 0 });
    };
    open(root, via);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      if (frame.next < frame.children.length) {
        const edge = frame.children[frame.next++];
        if (!result.enteredAt.has(edge.to)) open(edge.to, edge);
        else if (onStack.has(edge.to)) low.set(frame.node, Math.min(low.get(frame.node)!, index.get(edge.to)!));
        continue;
      }
      work.pop();
      result.bodyAt.set(frame.node, clock++);
      result.order.push(frame.node);
      if (work.length > 0) {
        const up = work[work.length - 1].node;
        low.set(up, Math.min(low.get(up)!, low.get(frame.node)!));
      }
      if (low.get(frame.node) === index.get(frame.node)) {
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          result.doneAt.set(member, clock);
        } while (member !== frame.node);
        clock++;
      }
    }
  };
  if (!graph.modules.has(entry)) return result;
  evaluate(entry, null);
  // import() runs after the synchronous pass: its target becomes a new root of evaluation.
  for (let i = 0; i < result.order.length; i++) {
    for (const edge of graph.edges.get(result.order[i]) ?? []) {
      if (edge.runtime && edge.kind === "dynamic" && !result.enteredAt.has(edge.to)) evaluate(edge.to, edge);
    }
  }
  return result;
}

/** Whether `file` is still evaluating at `time` (on the stack, or in a component not yet done). */
export function isEvaluatingAt(order: EvaluationOrder, file: string, time: number): boolean {
  const entered = order.enteredAt.get(file);
  const done = order.doneAt.get(file);
  return entered !== undefined && done !== undefined && entered <= time && time < done;
}

/** The evaluation stack from the entry down to `file`: the imports that led evaluation there. */
export function evaluationStack(order: EvaluationOrder, file: string): GraphEdge[] {
  return edgesBackTo(order.parent, file);
}

const componentCache = new WeakMap<ModuleGraph, Map<string, Map<string, string[]>>>();

/**
 * Cycles of evaluation: strongly connected components over the imports a module's evaluation
 * runs synchronously (`sync`), or also waits for (`blocking`: plus import() awaited at module
 * scope). An import() nobody awaits, or one inside a handler, is evaluated later and closes no
 * such cycle. Maps each module of a cyclic component to the component's members.
 */
export function evaluationCycles(graph: ModuleGraph, mode: "sync" | "blocking"): Map<string, string[]> {
  let perGraph = componentCache.get(graph);
  if (!perGraph) componentCache.set(graph, (perGraph = new Map()));
  const known = perGraph.get(mode);
  if (known) return known;
  const successors = (file: string): string[] => {
    const sync = evaluationEdges(graph, file);
    const extra = mode === "blocking" ? (graph.edges.get(file) ?? []).filter((e) => e.runtime && e.kind === "dynamic" && e.awaited) : [];
    return [...new Set([...sync, ...extra].map((e) => e.to))];
  };
  const out = new Map<string, string[]>();
  for (const component of stronglyConnectedComponents(graph.files, successors)) {
    if (component.length === 1 && !successors(component[0]).includes(component[0])) continue;
    for (const m of component) out.set(m, component);
  }
  perGraph.set(mode, out);
  return out;
}

const beforeCache = new WeakMap<ModuleGraph, Map<string, Set<string>>>();

/**
 * Whether some order of evaluation can run `user`'s body before `chain`'s last module (the one
 * whose body must have run), where `user` reads it through `chain` (import target, re-exporting
 * barrels, declaring module). Within one strongly connected component: when the last module is
 * in `user`'s component, entering the cycle there runs `user` first. Otherwise only a barrel of
 * the component can delay it: one whose imports *before* the next hop lead back to `user`.
 */
export function mayRunBefore(graph: ModuleGraph, component: ReadonlySet<string>, user: string, chain: readonly string[]): boolean {
  const last = chain[chain.length - 1];
  if (component.has(last)) return true;
  let perGraph = beforeCache.get(graph);
  if (!perGraph) beforeCache.set(graph, (perGraph = new Map()));
  for (let i = 0; i < chain.length - 1; i++) {
    const barrel = chain[i];
    if (!component.has(barrel)) continue;
    const key = `${barrel}\0${chain[i + 1]}`;
    let reached = perGraph.get(key);
    if (!reached) perGraph.set(key, (reached = reachedBefore(graph, component, barrel, chain[i + 1])));
    if (reached.has(user)) return true;
  }
  return false;
}

/** Members of the component that `barrel`'s imports before its first import of `next` reach. */
function reachedBefore(graph: ModuleGraph, component: ReadonlySet<string>, barrel: string, next: string): Set<string> {
  const edges = evaluationEdges(graph, barrel);
  const stop = edges.findIndex((e) => e.to === next);
  const seen = new Set<string>([barrel]);
  const queue = edges.slice(0, stop < 0 ? edges.length : stop).map((e) => e.to).filter((t) => component.has(t) && !seen.has(t));
  for (const t of queue) seen.add(t);
  for (let head = 0; head < queue.length; head++) {
    for (const e of evaluationEdges(graph, queue[head])) {
      if (!component.has(e.to) || seen.has(e.to)) continue;
      seen.add(e.to);
      queue.push(e.to);
    }
  }
  seen.delete(barrel);
  return seen;
}
