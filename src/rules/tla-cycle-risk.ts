// A top-level await in a module of an import cycle is a risk, not a certain deadlock: the project
// may start fine (fixtures/rules/tla-deadlock cycle-await exits 0), so it has its own id and a
// warning, and tla-deadlock keeps error for the hangs that are certain.
import { evaluationCycles } from "../graph/evaluation-order.js";
import { moduleScopeOf } from "../graph/facts/symbols.js";
import { certainDeadlocks, pathTo } from "./tla-deadlock.js";
import { docsUrl, type Finding, type Rule, type RuleContext } from "./types.js";

export const tlaCycleRisk = {
  id: "tla-cycle-risk",
  defaultSeverity: "warning",
  description: "A module of an import cycle has a top-level await: the cycle's other members wait until it settles, and startup hangs if what it awaits needs one of them.",
  check(ctx: RuleContext): Finding[] {
    const { awaiting } = certainDeadlocks(ctx);
    const out: Finding[] = [];
    for (const [file, component] of evaluationCycles(ctx.graph, "blocking")) {
      const first = moduleScopeOf(ctx.graph, file)?.topLevelAwaits[0];
      if (!first || awaiting.has(file)) continue;
      const members = new Set(component);
      const loop = pathTo(ctx.graph, file, (f) => f === file, (e) => members.has(e.to), true) ?? [];
      const closing = loop[loop.length - 1];
      const shown = [file, ...loop.map((e) => e.to)].map(ctx.rel).join(" -> ");
      out.push({
        rule: "tla-cycle-risk",
        severity: "warning",
        file: ctx.rel(file),
        line: first.line,
        column: first.column,
        code: ctx.lineText(file, first.line),
        message: `top-level await in a module of an import cycle (${shown}): the cycle's other members cannot finish evaluating until it settles, and if what it awaits needs one of them, startup hangs`,
        chain: loop.map((e) => ({ file: ctx.rel(e.from), line: e.line, note: `imports ${ctx.rel(e.to)}` })),
        fix: `move the await into an async start() that the entrypoint calls after its imports${closing ? `, or break the cycle at ${ctx.rel(closing.from)}:${closing.line}` : ""}`,
        entrypoints: ctx.reach.filter((r) => r.via.has(file)).map((r) => ctx.rel(r.entry)),
        key: `tla-cycle-risk:${ctx.rel(file)}:<module>`,
        docs: docsUrl("tla-cycle-risk"),
      });
    }
    return out;
  },
} as const satisfies Rule;
