// The static analysis from folder to findings: project -> graph -> cycles, reach -> rules. It runs
// on the analysis worker (src/run/worker/analysis-worker.ts), never on the main thread, and hands
// back plain data only: no syntax tree, no function (structured clone; Maps are fine).
import { mkdirSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { buildGraph, parseOptionsOf } from "../graph/build.js";
import { findCycles, type GraphCycle } from "../graph/cycles.js";
import { deferredEntries, type DeferredEntry } from "../graph/deferred-entries.js";
import { eagerReach, type ReachTree } from "../graph/reach.js";
import { createRecordedResolver, emptyResolverSnapshot, type RecordedResolver } from "../graph/recorded-resolver.js";
import { createResolver, type Resolver } from "../graph/resolve.js";
import type { ModuleGraph, ModuleNode } from "../graph/types.js";
import { createParsePool, type ParsePool } from "../graph/worker/parse-pool.js";
import { browserPackageDirs, filesRunByScripts, findEntrypoints, packagesOf, type FoundEntrypoint } from "../project/entrypoints.js";
import { countExcluded, partitionScope, type ExcludedCounts, type ExcludedKind, type ScopeMode } from "../project/scope.js";
import { loadProject } from "../project/load-project.js";
import { compileKnowledge } from "../knowledge/match.js";
import type { UserKnowledgeEntry } from "../knowledge/types.js";
import type { Project } from "../project/types.js";
import { runRules } from "../rules/index.js";
import { suppressInline, type InlineOutcome } from "../rules/suppressions/inline.js";
import { RULE_IDS } from "../config/rule-ids.js";
import type { Finding, RuleContext } from "../rules/types.js";
import { relativeTo, resolvePath } from "../util/path.js";
import { saveCompilerCodeCache, useCompilerCodeCache } from "../util/typescript.js";
import { defaultCacheLocation, emptyCache, readCache, writeCache, type CacheData, type DiscoveryEntry } from "./cache/cache-file.js";
import { fingerprintHolds, statFiles, walkFolders, type FsFingerprint } from "./cache/fingerprint.js";
import { createParsedCache, type RunParsedCache } from "./cache/parsed-cache.js";
import { recordCompilerReads, type ReadRecorder } from "./cache/record-reads.js";
import type { AnalysisProgress } from "./progress-events.js";

export interface AnalysisRequest {
  dir: string;
  tsconfig?: string;
  entries?: string[];
  scope: ScopeMode;
  /** Library knowledge added by the configuration (plain entries; compiled on each side). */
  knowledge?: UserKnowledgeEntry[];
  /** probe/check: the probes start as soon as the discovery is reported, and the analysis then yields the cores to them. */
  besideProbes: boolean;
  /** Parse workers; 0 parses in the analysis thread itself. */
  workers: number;
  /** Given by the user (--workers): a pool even for a few files. */
  workersAsked: boolean;
  /** --cache: read and write per-file facts and the discovery here (null: the default folder). */
  cache?: { location: string | null };
}

/** What the caller gets back. Module facts stay behind: only the rules read them. */
export interface AnalysisData {
  project: Project;
  graph: ModuleGraph;
  cycles: GraphCycle[];
  entrypoints: FoundEntrypoint[];
  findings: Finding[];
  inline: Pick<InlineOutcome, "suppressed" | "unused">;
  /** The rules' entrypoints: the found ones and the modules they hand startup to. */
  startup: string[];
  reach: ReachTree[];
  deferred: DeferredEntry[];
  excluded: ExcludedCounts;
  knowledge?: UserKnowledgeEntry[];
}

export interface AnalysisOutcome {
  data: AnalysisData;
  /** Writes what this run learnt into the --cache (after the result is on its way). */
  persist?: () => void;
}

/**
 * Below this many files to parse, workers cost more than they save: each loads the compiler and
 * warms its JIT up again (the first thousand files parse at about a third of the steady speed).
 */
const POOL_MIN_FILES = 500;

/**
 * Parse workers by default: none below 4 cores. Measured on 2 cores (typeorm, 3,244 files): inline
 * 4.8 s, one worker 5.0 s, two 5.4 s and 60% more memory: TypeScript's parse is allocation-bound,
 * two parses side by side each run at about 0.6x (even as separate processes), and V8's GC threads
 * already use the second core of an inline run. With 4 cores and more, one core is left to the
 * analysis thread and its GC, the others parse.
 */
export function defaultWorkers(cores = availableParallelism()): number {
  return cores >= 4 ? cores - 1 : 0;
}

interface Discovered {
  project: Project;
  entrypoints: FoundEntrypoint[];
  scoped: { files: string[]; excluded: Map<string, ExcludedKind> };
  resolver: Resolver | RecordedResolver;
  /** Set when the discovery came from the cache (and still holds). */
  reused: DiscoveryEntry | null;
}

/** What the analysis tells its caller while it runs. */
export interface AnalysisHooks {
  onProgress: (e: AnalysisProgress) => void;
  /** The project and its entrypoints, before any file is parsed: enough to start probes. */
  onDiscovered?: (found: Discovery) => void;
}

export interface Discovery {
  project: Project;
  entrypoints: FoundEntrypoint[];
}

export async function runAnalysis(request: AnalysisRequest, hooks: AnalysisHooks): Promise<AnalysisOutcome> {
  const { onProgress } = hooks;
  onProgress({ phase: "discover", done: 0, total: 0 });
  const root = resolvePath(request.dir);
  const location = request.cache ? (request.cache.location ?? defaultCacheLocation(root)) : null;
  const stored = location ? readCache(location) : null;
  const cacheData: CacheData | null = location ? (stored ?? emptyCache()) : null;
  const key = JSON.stringify([root, request.tsconfig ?? null, request.entries ?? [], request.scope]);
  if (location) useCompilerCodeCache(location);

  const reads: { recorder: ReadRecorder | null } = { recorder: null };
  let walked: ReturnType<typeof walkFolders> | null = null;
  const previous = stored?.discoveries.get(key);
  let discovered: Discovered;
  if (previous && fingerprintHolds(previous.fingerprint)) {
    const { project } = previous;
    const resolver = createRecordedResolver(previous.resolver, () => {
      reads.recorder = recordCompilerReads();
      return createResolver(project);
    });
    discovered = { project, entrypoints: previous.entrypoints, scoped: previous.scoped, resolver, reused: previous };
  } else {
    // Only into a folder that exists: a mistyped path is bad input (loadProject says so), not a cache to create.
    if (location && isDirectory(root)) {
      // The folder first, so that the fingerprint sees it; the folders' state before anything is read.
      mkdirSync(location, { recursive: true });
      walked = walkFolders(root, location);
      reads.recorder = recordCompilerReads();
    }
    discovered = discover(request, location !== null);
  }
  const { project, entrypoints, scoped, resolver } = discovered;
  hooks.onDiscovered?.({ project, entrypoints });
  const parsedCache: RunParsedCache | null = cacheData ? createParsedCache(cacheData.files) : null;
  onProgress({ phase: "discover", done: scoped.files.length, total: scoped.files.length });

  // Workers only for enough files to parse: with a warm cache, only the changed ones count.
  const toParse = parsedCache ? scoped.files.filter((f) => !parsedCache.lookup(f, parseOptionsOf(f, resolver.configFor(f)))).length : scoped.files.length;
  const enough = request.workersAsked ? toParse > 0 : toParse >= POOL_MIN_FILES;
  let pool: ParsePool | undefined = request.workers > 0 && enough ? createParsePool(request.workers, { codeCache: location }) : undefined;
  let graph: ModuleGraph;
  try {
    graph = await buildGraph({ ...project, files: scoped.files }, resolver, {
      extraFiles: entrypoints.map((e) => e.file),
      pool,
      cache: parsedCache ?? undefined,
      onProgress: (done, total) => onProgress({ phase: "parse", done, total }),
    });
  } finally {
    // The workers' memory goes back before the rules run.
    await pool?.close();
    pool = undefined;
  }
  reads.recorder?.stop();

  const total = graph.files.length;
  onProgress({ phase: "resolve", done: 0, total });
  const cycles = findCycles(graph);
  // Rules see the modules an entry hands startup to as entrypoints too.
  const deferred = deferredEntries(graph, entrypoints.map((e) => ({ file: e.file, bin: e.source.includes("#bin.") })));
  const startup = [...entrypoints.map((e) => e.file), ...deferred.map((d) => d.target)].filter((f) => graph.modules.has(f));
  const reach = startup.map((f) => eagerReach(graph, f));
  onProgress({ phase: "resolve", done: total, total });

  const rel = (file: string): string => relativeTo(project.root, file);
  const ctx: RuleContext = { root: project.root, graph, cycles, entrypoints: startup, reach, rel, knowledge: compileKnowledge(request.knowledge) };
  const ruled = runRules(ctx, (done, all) => onProgress({ phase: "rules", done, total: all }));
  const { findings, ...inline } = suppressInline(ruled, graph, rel, new Set(RULE_IDS));
  const excluded = countExcluded(scoped.excluded, (f) => graph.modules.has(f));
  const data: AnalysisData = { project, graph: withoutFacts(graph), cycles, entrypoints, findings, inline, startup, reach, deferred, excluded, ...(request.knowledge ? { knowledge: request.knowledge } : {}) };

  if (!cacheData || !location || !parsedCache) return { data };
  const recorded = "snapshot" in resolver ? resolver : null;
  const learnt = parsedCache.misses > 0 || !discovered.reused || recorded?.missed === true;
  return {
    data,
    persist: () => {
      mkdirSync(location, { recursive: true });
      saveCompilerCodeCache();
      if (!learnt) return;
      if (recorded) {
        const read = reads.recorder?.files ?? [];
        const fingerprint = discovered.reused
          ? extendFingerprint(discovered.reused.fingerprint, read)
          : { dirs: walked?.dirs ?? [], files: statFiles([...(walked?.configFiles ?? []), ...read]) };
        cacheData.discoveries.delete(key);
        cacheData.discoveries.set(key, { fingerprint, project, entrypoints, scoped, resolver: recorded.snapshot() });
      }
      writeCache(location, cacheData);
    },
  };
}

function discover(request: AnalysisRequest, record: boolean): Discovered {
  const project = loadProject(request.dir, { tsconfig: request.tsconfig });
  const real = createResolver(project);
  const resolver = record ? createRecordedResolver(emptyResolverSnapshot(), () => real) : real;
  const entrypoints = findEntrypoints(project, request.entries ?? [], resolver.configFor);
  const scoped = partitionScope(
    project.files,
    {
      packageDirs: packagesOf(project).map((p) => p.dir),
      runByScripts: filesRunByScripts(project, resolver.configFor),
      browserPackages: browserPackageDirs(project),
      entrypoints: new Set(entrypoints.map((e) => e.file)),
    },
    request.scope,
  );
  return { project, entrypoints, scoped, resolver, reused: null };
}

/** The previous fingerprint plus the files a resolution of new imports read this run. */
function extendFingerprint(fp: FsFingerprint, reads: Iterable<string>): FsFingerprint {
  const known = new Set(fp.files.map(([f]) => f));
  const added = [...reads].filter((f) => !known.has(f));
  if (added.length === 0) return fp;
  return { dirs: fp.dirs, files: [...fp.files, ...statFiles(added)] };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function withoutFacts(graph: ModuleGraph): ModuleGraph {
  const modules = new Map<string, ModuleNode>();
  for (const [file, node] of graph.modules) modules.set(file, { ...node, facts: {} });
  return { ...graph, modules };
}
