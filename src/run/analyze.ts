// The static half shared by scan, check, graph and explain: project -> graph -> rules.
import { buildGraph } from "../graph/build.js";
import { findCycles, type GraphCycle } from "../graph/cycles.js";
import { eagerReach } from "../graph/reach.js";
import { createResolver, type Resolver } from "../graph/resolve.js";
import type { ModuleGraph } from "../graph/types.js";
import { findEntrypoints, type FoundEntrypoint } from "../project/entrypoints.js";
import { loadProject } from "../project/load-project.js";
import type { Project } from "../project/types.js";
import { rules as ruleRegistry, runRules } from "../rules/index.js";
import { docsUrl } from "../rules/types.js";
import type { Finding, RuleContext } from "../rules/types.js";
import type { ReportCycle, ReportV1 } from "../report/types.js";
import { relativeTo } from "../util/path.js";

export interface AnalyzeOptions {
  dir: string;
  tsconfig?: string;
  entries?: string[];
}

export interface Analysis {
  project: Project;
  graph: ModuleGraph;
  cycles: GraphCycle[];
  entrypoints: FoundEntrypoint[];
  findings: Finding[];
  ctx: RuleContext;
}

export interface PreparedProject {
  project: Project;
  resolver: Resolver;
  entrypoints: FoundEntrypoint[];
}

/** Project, resolver and entrypoints: enough to start probes before the graph is built. */
export function prepare(options: AnalyzeOptions): PreparedProject {
  const project = loadProject(options.dir, { tsconfig: options.tsconfig });
  const resolver = createResolver(project);
  return { project, resolver, entrypoints: findEntrypoints(project, options.entries ?? [], resolver.configFor) };
}

export function analyze(options: AnalyzeOptions, prepared: PreparedProject = prepare(options)): Analysis {
  const { project, resolver, entrypoints } = prepared;
  const graph = buildGraph(project, resolver, { extraFiles: entrypoints.map((e) => e.file) });
  const cycles = findCycles(graph);
  const rel = (file: string): string => relativeTo(project.root, file);
  const ctx: RuleContext = {
    root: project.root,
    graph,
    cycles,
    entrypoints: entrypoints.map((e) => e.file),
    reach: entrypoints.filter((e) => graph.modules.has(e.file)).map((e) => eagerReach(graph, e.file)),
    rel,
  };
  return { project, graph, cycles, entrypoints, findings: runRules(ctx), ctx };
}

export function toReport(analysis: Analysis, command: NonNullable<ReportV1["command"]>): ReportV1 {
  const { project, graph, cycles, entrypoints, findings } = analysis;
  const rel = analysis.ctx.rel;
  return {
    version: 1,
    root: project.root,
    entrypoints: entrypoints.map((e) => rel(e.file)),
    modules: graph.files.length,
    cycles: cycles.map((c): ReportCycle => ({
      modules: c.modules.map(rel),
      edges: c.edges.map((e) => ({
        from: rel(e.from),
        to: rel(e.to),
        line: e.line,
        kind: e.kind,
        specifier: e.specifier,
        ...(e.kind === "dynamic" || e.kind === "require" ? { lazy: e.lazy } : {}),
      })),
      runtime: c.runtime,
      size: c.component.length,
      component: c.component.map(rel),
    })),
    findings,
    probes: [],
    entrypointSources: entrypoints.map((e) => ({ file: rel(e.file), source: e.source })),
    warnings: [...project.warnings, ...graph.warnings],
    command,
    rules: ruleRegistry.map((r) => ({ id: r.id, severity: r.defaultSeverity, description: r.description, docs: docsUrl(r.id) })),
  };
}
