import { bodyStarts, type AsyncStart } from "../graph/facts/async-work.js";
import { moduleScopeOf } from "../graph/facts/symbols.js";
import type { ChainHop } from "../report/types.js";
import { chainFromEntrypoints } from "./startup-path.js";
import { docsUrl, type Finding, type Rule, type RuleContext } from "./types.js";

export const importTimeAsync = {
  id: "import-time-async",
  defaultSeverity: "warning",
  description: "Importing a module starts async work (a constructor, a floating async call, a timer, a connection) that nobody awaits.",
  check(ctx: RuleContext): Finding[] {
    const entrypoints = new Set(ctx.entrypoints);
    const findings: Finding[] = [];
    for (const file of ctx.graph.files) {
      // An entrypoint is run, not imported: starting work there is its job.
      if (entrypoints.has(file)) continue;
      const scope = moduleScopeOf(ctx.graph, file);
      if (!scope) continue;
      const seenLines = new Set<number>();
      for (const start of bodyStarts(ctx.graph, file, scope.body, null)) {
        if (seenLines.has(start.at.line)) continue;
        seenLines.add(start.at.line);
        findings.push(toFinding(ctx, file, start));
      }
    }
    return findings;
  },
} as const satisfies Rule;

function toFinding(ctx: RuleContext, file: string, start: AsyncStart): Finding {
  const { entrypoints } = chainFromEntrypoints(ctx, file);
  const loaded = entrypoints.length > 0 ? `loaded eagerly from ${entrypoints.join(", ")}` : "not loaded eagerly by any entrypoint";
  const chain: ChainHop[] = [
    { file: ctx.rel(file), line: start.at.line, note: `${start.label} at module scope` },
    ...start.via.map((hop) => ({ file: ctx.rel(hop.file), line: hop.line, note: hop.note })),
  ];
  const isNew = start.label.startsWith("new ");
  return {
    rule: "import-time-async",
    severity: "warning",
    file: ctx.rel(file),
    line: start.at.line,
    column: start.at.column,
    code: start.at.code,
    message: `importing ${ctx.rel(file)} starts async work nobody awaits: ${start.detail} (${loaded})`,
    chain,
    fix: fixFor(start, isNew),
    entrypoints,
    key: `import-time-async:${ctx.rel(file)}:<module>:${start.label}`,
    docs: docsUrl("import-time-async"),
  };
}

function fixFor(start: AsyncStart, isNew: boolean): string {
  if (isNew) {
    const cls = start.label.replace(/^new /, "").replace(/\(\)$/, "");
    return `replace the module-level singleton with a lazily created one (let instance: ${cls} | undefined; export const get${cls.replace(/^.*\./, "")} = () => (instance ??= new ${cls}(...))), or move its async work into a start() the entrypoint awaits`;
  }
  switch (start.kind) {
    case "timer":
      return "start the timer from an explicit start() that the entrypoint calls after startup (and .unref() it if it must not keep the process alive)";
    case "connect":
    case "listen":
    case "fetch":
      return "open the connection in an async start() that the entrypoint awaits, not as a side effect of importing the module";
    default:
      return "export an async init() and await it from the entrypoint's startup sequence, so failures and ordering are visible";
  }
}
