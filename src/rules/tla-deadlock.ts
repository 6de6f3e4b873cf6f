import { awaitedImports, type AwaitedImportSite } from "../graph/facts/awaited-imports.js";
import { moduleScopeOf, targetOf } from "../graph/facts/symbols.js";
import { evaluationCycles, evaluationOrder, evaluationStack, isEvaluatingAt, type EvaluationOrder } from "../graph/evaluation-order.js";
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
          const known = findings.get(key);
          if (known) known.entrypoints = [...new Set([...(known.entrypoints ?? []), ctx.rel(entry)])];
          else findings.set(key, finding);
        }
      }
    }
    return [...findings.values(), ...awaitInCycle(ctx, awaiting)];
  },
} as const satisfies Rule;

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
    code: wait.site.code,
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
function pathTo(graph: ModuleGraph, start: string, goal: (file: string) => boolean, keep: (e: GraphEdge) => boolean = () => true, loop = false): GraphEdge[] | null {
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

/** A top-level await in a module of a cycle of imports that evaluation waits for. */
function awaitInCycle(ctx: RuleContext, reported: Set<string>): Finding[] {
  const out: Finding[] = [];
  for (const [file, component] of evaluationCycles(ctx.graph, "blocking")) {
    const first = moduleScopeOf(ctx.graph, file)?.topLevelAwaits[0];
    if (!first || reported.has(file)) continue;
    const members = new Set(component);
    const loop = pathTo(ctx.graph, file, (f) => f === file, (e) => members.has(e.to), true) ?? [];
    const closing = loop[loop.length - 1];
    const shown = [file, ...loop.map((e) => e.to)].map(ctx.rel).join(" -> ");
    out.push({
      rule: "tla-deadlock",
      severity: "warning",
      file: ctx.rel(file),
      line: first.line,
      column: first.column,
      code: first.code,
      message: `top-level await in a module of an import cycle (${shown}): the cycle's other members cannot finish evaluating until it settles, and if what it awaits needs one of them, startup hangs`,
      chain: loop.map((e) => ({ file: ctx.rel(e.from), line: e.line, note: `imports ${ctx.rel(e.to)}` })),
      fix: `move the await into an async start() that the entrypoint calls after its imports${closing ? `, or break the cycle at ${ctx.rel(closing.from)}:${closing.line}` : ""}`,
      entrypoints: ctx.reach.filter((r) => r.via.has(file)).map((r) => ctx.rel(r.entry)),
      key: `tla-deadlock:${ctx.rel(file)}:<module>:top-level-await-in-cycle`,
      docs: docsUrl("tla-deadlock"),
    });
  }
  return out;
}
