import { awaitedImports, type AwaitedImportSite } from "../graph/facts/awaited-imports.js";
import { moduleScopeOf, targetOf } from "../graph/facts/symbols.js";
import { evaluationOrder, evaluationStack, isEvaluatingAt, type EvaluationOrder } from "../graph/evaluation-order.js";
import type { GraphEdge, ModuleGraph } from "../graph/types.js";
import type { ChainHop } from "../report/types.js";
import { docsUrl, type Finding, type Rule, type RuleContext } from "./types.js";

const RUNTIME_NOTE =
  "A certain hang in spec-following ESM: Node exits with code 13 (unsettled top-level await) when nothing else keeps the event loop alive, and hangs forever, silently, when a timer or socket does; Bun 1.4 does not deadlock here but evaluates the re-entered chain early, so modules run before their imports are ready.";

export const tlaDeadlock = {
  id: "tla-deadlock",
  defaultSeverity: "error",
  description: "Module evaluation awaits an import() whose static imports lead back to a module that is still evaluating: startup never finishes.",
  check(ctx: RuleContext): Finding[] {
    return certainDeadlocks(ctx).findings;
  },
} as const satisfies Rule;

const memo = new WeakMap<RuleContext, { findings: Finding[]; awaiting: Set<string> }>();

/** The certain deadlocks, and the modules whose top-level await is one (tla-cycle-risk skips those). */
export function certainDeadlocks(ctx: RuleContext): { findings: Finding[]; awaiting: Set<string> } {
  const known = memo.get(ctx);
  if (known) return known;
  const findings = new Map<string, Finding>();
  const awaiting = new Set<string>();
  for (const entry of ctx.entrypoints) {
    if (!ctx.graph.modules.has(entry)) continue;
    const order = evaluationOrder(ctx.graph, entry);
    for (const file of order.order) {
      const scope = moduleScopeOf(ctx.graph, file);
      if (!scope) continue;
      for (const wait of awaitedImports(ctx.graph, file, scope.body)) {
        const finding = deadlock(ctx, order, file, wait);
        if (!finding) continue;
        awaiting.add(file);
        const key = `${finding.file}:${finding.line}`;
        const same = findings.get(key);
        if (same) same.entrypoints = [...new Set([...(same.entrypoints ?? []), ctx.rel(entry)])];
        else findings.set(key, finding);
      }
    }
  }
  const result = { findings: [...findings.values()], awaiting };
  memo.set(ctx, result);
  return result;
}

function deadlock(ctx: RuleContext, order: EvaluationOrder, file: string, wait: AwaitedImportSite): Finding | null {
  const target = targetOf(ctx.graph, wait.file, wait.site.specifier);
  if (!target) return null;
  const time = order.bodyAt.get(file)!;
  const path = pathTo(ctx.graph, target, (f) => isEvaluatingAt(order, f, time));
  if (!path) return null;
  const reached = path.length > 0 ? path[path.length - 1].to : target;
  const stack = evaluationStack(order, file);
  const waitingAt = stack.find((e) => e.from === reached);
  const bodyRan = (order.bodyAt.get(reached) ?? Infinity) < time;
  const state = reached === file
    ? "the module that is awaiting this import"
    : bodyRan
      ? "its body already ran, but it stays evaluating until the root of its import cycle finishes"
      : `it waits for ${ctx.rel(waitingAt?.to ?? file)}, which waits for this import`;
  const spec = wait.site.specifier;
  const chain: ChainHop[] = [
    ...stack.map((e) => ({ file: ctx.rel(e.from), line: e.line, note: `imports ${ctx.rel(e.to)} (still evaluating)` })),
    ...wait.calls.map((h) => ({ file: ctx.rel(h.file), line: h.line, note: h.note })),
    { file: ctx.rel(wait.file), line: wait.site.line, note: `await import("${spec}") waits for ${ctx.rel(target)}` },
    ...path.map((e) => ({ file: ctx.rel(e.from), line: e.line, note: `imports ${ctx.rel(e.to)}` })),
    { file: ctx.rel(reached), line: waitingAt?.line ?? (reached === file ? wait.site.line : 1), note: `${ctx.rel(reached)} is still evaluating: ${state}` },
  ];
  const via = path.length > 0 ? `${ctx.rel(target)} imports ${path.map((e) => ctx.rel(e.to)).join(" -> ")}` : `${ctx.rel(target)} is itself`;
  const breakAt = path.length > 0 ? path[path.length - 1] : null;
  return {
    rule: "tla-deadlock",
    severity: "error",
    file: ctx.rel(wait.file),
    line: wait.site.line,
    column: wait.site.column,
    code: ctx.lineText(wait.file, wait.site.line),
    message: `startup deadlock: await import("${spec}") can never finish: ${via}, which is still evaluating (${state}). ${RUNTIME_NOTE}`,
    chain,
    fix: `move the import() into the request handler or function that needs it, so it runs after startup${breakAt ? `, or break the edge ${ctx.rel(breakAt.from)}:${breakAt.line} -> ${ctx.rel(breakAt.to)}` : ""}`,
    entrypoints: [ctx.rel(order.entry)],
    key: `tla-deadlock:${ctx.rel(wait.file)}:${wait.enclosing ?? "<module>"}:${spec}`,
    docs: docsUrl("tla-deadlock"),
  };
}

/** What an import() waits for: the eager static imports, and imports awaited at module scope. */
function blocks(edge: GraphEdge): boolean {
  return edge.runtime && (edge.kind !== "dynamic" || edge.awaited);
}

/** Shortest path (BFS, earliest line first) from `start` to a module that satisfies `goal`. */
export function pathTo(graph: ModuleGraph, start: string, goal: (file: string) => boolean, keep: (e: GraphEdge) => boolean = () => true, loop = false): GraphEdge[] | null {
  if (!loop && goal(start)) return [];
  const via = new Map<string, GraphEdge>();
  const queue = [start];
  const seen = new Set(loop ? [] : [start]);
  for (let head = 0; head < queue.length; head++) {
    for (const edge of graph.edges.get(queue[head]) ?? []) {
      if (!blocks(edge) || !keep(edge) || seen.has(edge.to)) continue;
      if (goal(edge.to)) {
        const path = [edge];
        for (let cursor = edge.from; cursor !== start; cursor = via.get(cursor)!.from) path.unshift(via.get(cursor)!);
        return path;
      }
      seen.add(edge.to);
      via.set(edge.to, edge);
      queue.push(edge.to);
    }
  }
  return null;
}

