import { bodyStarts, type AsyncStart, type AsyncWorkEnv } from "../graph/facts/async-work.js";
import { moduleScopeOf } from "../graph/facts/symbols.js";
import type { ChainHop } from "../report/types.js";
import { groupByRoot, libraryField } from "./async-findings.js";
import { entrypointsReaching } from "./startup-path.js";
import { docsUrl, type Finding, type Rule, type RuleContext } from "./types.js";

interface Site {
  file: string;
  start: AsyncStart;
}

export const importTimeAsync = {
  id: "import-time-async",
  defaultSeverity: "warning",
  description: "Importing a module starts async work (a library connection, a timer, a floating async call, a server) that nobody awaits.",
  check(ctx: RuleContext): Finding[] {
    const entrypoints = new Set(ctx.entrypoints);
    const env: AsyncWorkEnv = { graph: ctx.graph, knowledge: ctx.knowledge };
    const sites: Site[] = [];
    for (const file of ctx.graph.files) {
      // An entrypoint is run, not imported: starting work there is its job. Scripts that are run
      // directly are left out by the scope (src/project/scope.ts) before the graph is built.
      if (entrypoints.has(file)) continue;
      const scope = moduleScopeOf(ctx.graph, file);
      if (!scope) continue;
      const seenLines = new Set<number>();
      for (const start of bodyStarts(env, file, scope.body, null)) {
        if (seenLines.has(start.at.line)) continue;
        seenLines.add(start.at.line);
        sites.push({ file, start });
      }
    }
    // One finding per root cause: a helper that starts a timer, called at import by 13 modules, is one finding with 13 chains.
    return groupByRoot(sites, (s) => s.start).map((group) => toFinding(ctx, group));
  },
} as const satisfies Rule;

function chainOf(ctx: RuleContext, { file, start }: Site): ChainHop[] {
  return [
    { file: ctx.rel(file), line: start.at.line, note: `${start.label} at module scope` },
    ...start.via.map((hop) => ({ file: ctx.rel(hop.file), line: hop.line, note: hop.note })),
  ];
}

function toFinding(ctx: RuleContext, group: Site[]): Finding {
  const [first] = group;
  const { file, start } = first;
  const entrypoints = [...new Set(group.flatMap((s) => entrypointsReaching(ctx, s.file)))];
  const loaded = entrypoints.length > 0 ? `loaded eagerly from ${entrypoints.join(", ")}` : "not loaded eagerly by any entrypoint";
  const others = group.slice(1).map((s) => `${ctx.rel(s.file)}:${s.start.at.line}`);
  const also = others.length > 0 ? ` (as does importing ${others.join(", ")}: one cause, ${group.length} places)` : "";
  const uncertain = start.library?.uncertain ? `; ${start.library.uncertain}` : "";
  const chains = group.map((s) => chainOf(ctx, s));
  return {
    rule: "import-time-async",
    severity: "warning",
    file: ctx.rel(file),
    line: start.at.line,
    column: start.at.column,
    code: ctx.lineText(file, start.at.line),
    message: `importing ${ctx.rel(file)} starts async work nobody awaits: ${start.detail}${also} (${loaded})${uncertain}`,
    chain: chains[0],
    ...(chains.length > 1 ? { chains } : {}),
    fix: fixFor(start),
    entrypoints,
    key: `import-time-async:${ctx.rel(file)}:<module>:${start.label}`,
    docs: docsUrl("import-time-async"),
    ...libraryField(start),
  };
}

function fixFor(start: AsyncStart): string {
  if (start.library) return start.library.lazy;
  if (start.label.startsWith("new ")) {
    const cls = start.label.replace(/^new /, "").replace(/\(\)$/, "");
    return `replace the module-level singleton with a lazily created one (let instance: ${cls} | undefined; export const get${cls.replace(/^.*\./, "")} = () => (instance ??= new ${cls}(...))), or move its async work into a start() the entrypoint awaits`;
  }
  switch (start.kind) {
    case "connect":
    case "listen":
      return "open the connection in an async start() that the entrypoint awaits, not as a side effect of importing the module";
    default:
      return "export an async init() and await it from the entrypoint's startup sequence, so failures and ordering are visible";
  }
}
