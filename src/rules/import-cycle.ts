import { cycleCrossings } from "../graph/cycle-crossings.js";
import { entrypointsReaching } from "./startup-path.js";
import { docsUrl, type Finding, type Rule, type RuleContext } from "./types.js";

export const importCycle = {
  id: "import-cycle",
  defaultSeverity: "warning",
  description: "Modules import each other through edges that run at startup: a warning when module-scope code crosses the cycle while it evaluates (one member sees another half-initialised), info when nothing does.",
  check(ctx: RuleContext): Finding[] {
    return ctx.cycles
      .filter((c) => c.runtime)
      .map((cycle): Finding => {
        const closing = cycle.edges[cycle.edges.length - 1];
        const loop = [...cycle.modules, cycle.modules[0]].map(ctx.rel);
        // A 10,000-module loop stays readable: the chain field still has every edge.
        const path = loop.length > 10 ? [...loop.slice(0, 4), `… ${loop.length - 7} more …`, ...loop.slice(-3)].join(" -> ") : loop.join(" -> ");
        const more = cycle.component.length > cycle.modules.length ? ` (one loop of a ${cycle.component.length}-module component)` : "";
        const entrypoints = entrypointsReaching(ctx, closing.from);
        const crossings = cycleCrossings(ctx.graph, cycle.component, ctx.rel);
        const first = crossings[0];
        const consequence = first
          ? `; crossed while it evaluates: ${ctx.rel(first.file)}:${first.line} ${first.what}${crossings.length > 1 ? ` (and ${crossings.length - 1} more)` : ""}, so it works only in the current evaluation order`
          : "; nothing crosses it while its modules evaluate (no module-scope use of another member's binding, no top-level await), so it loads in any order today";
        return {
          rule: "import-cycle",
          severity: first ? "warning" : "info",
          file: ctx.rel(closing.from),
          line: closing.line,
          message: `runtime import cycle: ${path}${more}${consequence}`,
          chain: [
            ...cycle.edges.map((e) => ({ file: ctx.rel(e.from), line: e.line, note: `${e.kind} import of ${ctx.rel(e.to)}` })),
            ...crossings.slice(0, 5).map((c) => ({ file: ctx.rel(c.file), line: c.line, note: c.what })),
          ],
          fix: `break the cycle at ${ctx.rel(closing.from)}:${closing.line}: import a type only, move the shared code to a module both can import, or import lazily inside the function that needs it`,
          entrypoints,
          key: `import-cycle:${[...cycle.component].map(ctx.rel).sort().join(",")}`,
          docs: docsUrl("import-cycle"),
          code: ctx.graph.modules.get(closing.from)?.sites.some((s) => s.line === closing.line) ? ctx.lineText(closing.from, closing.line) : undefined,
        };
      });
  },
} as const satisfies Rule;
