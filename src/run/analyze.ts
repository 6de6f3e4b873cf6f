// The static half shared by scan, check, graph and explain: project -> graph -> rules, run on an
// analysis worker so that this thread's event loop stays free (spinner, probe supervision).
import { deserialize } from "node:v8";
import type { Worker } from "node:worker_threads";
import type { GraphEdge, ModuleGraph } from "../graph/types.js";
import type { ScopeMode } from "../project/scope.js";
import type { UserKnowledgeEntry } from "../knowledge/types.js";
import type { RuleContext } from "../rules/types.js";
import type { ReportCycle, ReportEdge, ReportV1 } from "../report/types.js";
import { relativeTo, resolvePath } from "../util/path.js";
import { storedAnswer, type AnalysisData, type AnalysisRequest, type Discovery } from "./analysis-job.js";
import { defaultWorkers } from "./default-workers.js";
import { analysisWorkerFor } from "./early-analysis-worker.js";
import { ownsHeap } from "./heap-growth.js";
import type { AnalysisProgress, AnalysisProgressListener } from "./progress-events.js";
import type { WorkerReply } from "./worker/messages.js";
import { deserializeError } from "./worker/serialize-error.js";

export interface AnalyzeOptions {
  dir: string;
  tsconfig?: string;
  entries?: string[];
  /** "startup" (default) leaves tests, stories, scripts and browser code out unless startup reaches them. */
  scope?: ScopeMode;
  /** Library knowledge added by the configuration (`knowledge`). */
  knowledge?: readonly UserKnowledgeEntry[];
  /** Hears the analysis phases (discover, parse, resolve, rules) as they advance. */
  onAnalysisProgress?: AnalysisProgressListener;
  /** --cache: reuse per-file facts and the discovery of an earlier run, and store this run's. */
  cache?: boolean;
  /** --cache-location: the cache folder (default node_modules/.cache/startup-doctor in the project). */
  cacheLocation?: string;
  /** Parse workers (default: see default-workers.ts); 0 parses on the analysis worker. */
  workers?: number;
  /** Stops the analysis (its worker is terminated); analyze() then rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** How one analysis runs, beside what it analyses. */
export interface AnalyzeRun {
  /** probe/check: probes run beside this analysis, which then parses on its own worker at a lower priority. */
  besideProbes?: boolean;
  /** The project and its entrypoints, found before any file is parsed (probes start from them). */
  onDiscovered?: (found: Discovery) => void;
}

/** The worker's data as the orchestrators use it, with the parts of the rule context they read. */
export interface Analysis extends Pick<AnalysisData, "project" | "graph" | "cycles" | "entrypoints" | "findings" | "inline" | "deferred" | "excluded" | "suppressed" | "rules"> {
  ctx: Pick<RuleContext, "root" | "graph" | "cycles" | "entrypoints" | "reach" | "rel">;
}

export async function analyze(options: AnalyzeOptions, run: AnalyzeRun = {}): Promise<Analysis> {
  const request: AnalysisRequest = {
    dir: options.dir,
    tsconfig: options.tsconfig,
    entries: options.entries,
    scope: options.scope ?? "startup",
    ...(options.knowledge ? { knowledge: [...options.knowledge] } : {}),
    // Beside running probes the analysis parses in its own worker only: the children and their
    // supervision need the cores more than the scan needs to finish early.
    workers: options.workers ?? (run.besideProbes ? 0 : defaultWorkers()),
    workersAsked: options.workers !== undefined,
    besideProbes: run.besideProbes === true,
    ...(ownsHeap() ? { ownsHeap: true } : {}),
    ...(options.cache ? { cache: { location: options.cacheLocation !== undefined ? resolvePath(options.cacheLocation) : null } } : {}),
  };
  return analysisOf(await onAnalysisWorker(request, { onProgress: options.onAnalysisProgress, onDiscovered: run.onDiscovered, signal: options.signal }));
}

/** The worker's plain data with the rule context rebuilt around it. */
export function analysisOf(data: AnalysisData): Analysis {
  const { project, graph, cycles, entrypoints, reach, startup } = data;
  const ctx: Analysis["ctx"] = {
    root: project.root,
    graph,
    cycles,
    entrypoints: startup,
    reach,
    rel: (file: string): string => relativeTo(project.root, file),
  };
  return { project, graph, cycles, entrypoints, findings: data.findings, inline: data.inline, ctx, excluded: data.excluded, deferred: data.deferred, rules: data.rules, ...(data.suppressed ? { suppressed: data.suppressed } : {}) };
}

interface WorkerListeners {
  onProgress?: (e: AnalysisProgress) => void;
  onDiscovered?: (found: Discovery) => void;
  signal?: AbortSignal;
}

function onAnalysisWorker(request: AnalysisRequest, listeners: WorkerListeners): Promise<AnalysisData> {
  const { signal } = listeners;
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const worker = analysisWorkerFor(request);
    let settled = false;
    const settle = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener("abort", abort);
      fn();
    };
    const abort = (): void => {
      settle(() => reject(signal?.reason));
      void worker.terminate();
    };
    signal?.addEventListener("abort", abort, { once: true });
    worker.on("message", (reply: WorkerReply) => {
      if (settled) return;
      if (reply.type === "progress") listeners.onProgress?.(reply.event);
      else if (reply.type === "discovered") listeners.onDiscovered?.(reply.found);
      else if (reply.type === "result") settle(() => resolve(reply.data));
      else if (reply.type === "stored-result") settle(() => resolve(deserialize(reply.bytes) as AnalysisData));
      else settle(() => reject(deserializeError(reply.error)));
    });
    worker.on("error", (error) => settle(() => reject(error)));
    worker.on("exit", (code) => settle(() => reject(new Error(`the analysis worker stopped (exit ${code}) before it finished`))));
    // A --cache run that nothing changed since is answered here, while the worker is still starting
    // (hono: 0.24 -> 0.17 s). Never beside probes: their supervision keeps this thread.
    if (request.cache && !request.besideProbes) {
      let answer: AnalysisData | null = null;
      try {
        answer = storedAnswer(request, { onProgress: (e) => listeners.onProgress?.(e), onDiscovered: (found) => listeners.onDiscovered?.(found) });
      } catch {
        // The worker reads the same cache and says what is wrong with it, if anything is.
      }
      if (answer) {
        const data = answer;
        settle(() => resolve(data));
        void worker.terminate();
      }
    }
  });
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
    rules: analysis.rules,
    ...(analysis.suppressed ? { suppressed: analysis.suppressed } : {}),
  };
}

/** The other imports between the same two modules, so a reader sees which one runs (issue 9 §8). */
function alsoBetween(graph: ModuleGraph, edge: GraphEdge): { alsoAt?: NonNullable<ReportEdge["alsoAt"]> } {
  const others = (graph.edges.get(edge.from) ?? []).filter((x) => x.to === edge.to && x.line !== edge.line);
  return others.length > 0 ? { alsoAt: others.map((x) => ({ line: x.line, kind: x.kind, runtime: x.runtime })) } : {};
}
