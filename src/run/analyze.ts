// The static half shared by scan, check, graph and explain: project -> graph -> rules.
import { buildGraph } from "../graph/build.js";
import { findCycles, type GraphCycle } from "../graph/cycles.js";
import { deferredEntries, type DeferredEntry } from "../graph/deferred-entries.js";
import { eagerReach } from "../graph/reach.js";
import { createResolver, type Resolver } from "../graph/resolve.js";
import type { GraphEdge, ModuleGraph } from "../graph/types.js";
import { browserPackageDirs, filesRunByScripts, findEntrypoints, packagesOf, type FoundEntrypoint } from "../project/entrypoints.js";
import { countExcluded, partitionScope, type ExcludedCounts, type ScopeMode } from "../project/scope.js";
import { compileKnowledge } from "../knowledge/match.js";
import type { UserKnowledgeEntry } from "../knowledge/types.js";
import { loadProject } from "../project/load-project.js";
import type { Project } from "../project/types.js";
import { rules as ruleRegistry, runRules } from "../rules/index.js";
import { suppressInline, summariseSuppressed } from "../rules/suppressions/inline.js";
import { RULE_IDS } from "../config/rule-ids.js";
import { docsUrl } from "../rules/types.js";
import type { Finding, RuleContext } from "../rules/types.js";
import type { InlineOutcome } from "../rules/suppressions/inline.js";
import type { ReportCycle, ReportEdge, ReportV1 } from "../report/types.js";
import { relativeTo } from "../util/path.js";

export interface AnalyzeOptions {
  dir: string;
  tsconfig?: string;
  entries?: string[];
  /** "startup" (default) leaves tests, stories, scripts and browser code out unless startup reaches them. */
  scope?: ScopeMode;
  /** Library knowledge added by the configuration (`knowledge`). */
  knowledge?: readonly UserKnowledgeEntry[];
}

export interface Analysis {
  project: Project;
  graph: ModuleGraph;
  cycles: GraphCycle[];
  entrypoints: FoundEntrypoint[];
  findings: Finding[];
  /** Findings turned off by `startup-doctor-disable...` comments, and the comments that matched nothing. */
  inline: Pick<InlineOutcome, "suppressed" | "unused">;
  ctx: RuleContext;
  /** Modules an entrypoint hands startup to (`import("./main").then(start)`, a bin stub's require). */
  deferred: DeferredEntry[];
  /** Files left out of the scan by scope, by kind (those startup reached are not counted). */
  excluded: ExcludedCounts;
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
  const scoped = partitionScope(project.files, {
    packageDirs: packagesOf(project).map((p) => p.dir),
    runByScripts: filesRunByScripts(project, resolver.configFor),
    browserPackages: browserPackageDirs(project),
    entrypoints: new Set(entrypoints.map((e) => e.file)),
  }, options.scope ?? "startup");
  const graph = buildGraph({ ...project, files: scoped.files }, resolver, { extraFiles: entrypoints.map((e) => e.file) });
  const cycles = findCycles(graph);
  const rel = (file: string): string => relativeTo(project.root, file);
  // Rules see the modules an entry hands startup to as entrypoints too.
  const deferred = deferredEntries(graph, entrypoints.map((e) => ({ file: e.file, bin: e.source.includes("#bin.") })));
  const startup = [...entrypoints.map((e) => e.file), ...deferred.map((d) => d.target)].filter((f) => graph.modules.has(f));
  const ctx: RuleContext = {
    root: project.root,
    graph,
    cycles,
    entrypoints: startup,
    reach: startup.map((f) => eagerReach(graph, f)),
    rel,
    knowledge: compileKnowledge(options.knowledge),
  };
  const excluded = countExcluded(scoped.excluded, (f) => graph.modules.has(f));
  const { findings, ...inline } = suppressInline(runRules(ctx), graph, rel, new Set(RULE_IDS));
  return { project, graph, cycles, entrypoints, findings, inline, ctx, excluded, deferred };
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
        ...alsoBetween(graph, e),
      })),
      runtime: c.runtime,
      size: c.component.length,
      component: c.component.map(rel),
    })),
    findings,
    probes: [],
    entrypointSources: entrypoints.map((e) => {
      const hands = analysis.deferred.filter((d) => d.entry === e.file);
      return { file: rel(e.file), source: e.source, ...(hands.length > 0 ? { startsVia: hands.map((d) => ({ file: rel(d.target), line: d.line, how: d.how })) } : {}) };
    }),
    // A miss that became an unresolved-import finding is not repeated as a reading warning.
    warnings: [...project.warnings, ...graph.warnings].filter((w) => !findings.some((f) => f.rule === "unresolved-import" && f.file === w.file && f.line === w.line && w.message.startsWith("cannot resolve"))).concat(analysis.inline.unused),
    command,
    excluded: analysis.excluded,
    rules: ruleRegistry.map((r) => ({ id: r.id, severity: r.defaultSeverity, description: r.description, docs: docsUrl(r.id) })),
    ...(analysis.inline.suppressed.length > 0 ? { suppressed: summariseSuppressed(analysis.inline.suppressed) } : {}),
  };
}

/** The other imports between the same two modules, so a reader sees which one runs (issue 9 §8). */
function alsoBetween(graph: ModuleGraph, edge: GraphEdge): { alsoAt?: NonNullable<ReportEdge["alsoAt"]> } {
  const others = (graph.edges.get(edge.from) ?? []).filter((x) => x.to === edge.to && x.line !== edge.line);
  return others.length > 0 ? { alsoAt: others.map((x) => ({ line: x.line, kind: x.kind, runtime: x.runtime })) } : {};
}
