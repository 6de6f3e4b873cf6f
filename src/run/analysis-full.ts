// The analysis itself, loaded by analysis-job.ts when the --cache cannot answer: discovery (or the
// cached one), the graph, cycles, reach, rules and suppressions; then what the cache keeps of it.
import { mkdirSync, statSync } from "node:fs";
import { serialize } from "node:v8";
import { buildGraph, parseOptionsOf } from "../graph/build.js";
import { findCycles } from "../graph/cycles.js";
import { deferredEntries } from "../graph/deferred-entries.js";
import { eagerReach } from "../graph/reach.js";
import { createRecordedResolver, emptyResolverSnapshot, type RecordedResolver } from "../graph/recorded-resolver.js";
import { createResolver, type Resolver } from "../graph/resolve.js";
import { createLineReader, type LineText } from "../graph/source-lines.js";
import type { ModuleGraph, ModuleNode } from "../graph/types.js";
import { createParsePool, type ParsePool } from "../graph/worker/parse-pool.js";
import { browserPackageDirs, filesRunByScripts, findEntrypoints, packagesOf, type FoundEntrypoint } from "../project/entrypoints.js";
import { countExcluded, partitionScope, type ExcludedKind } from "../project/scope.js";
import { loadProject } from "../project/load-project.js";
import { compileKnowledge } from "../knowledge/match.js";
import type { Project } from "../project/types.js";
import { rules as ruleRegistry, runRules } from "../rules/index.js";
import { summariseSuppressed, suppressInline } from "../rules/suppressions/inline.js";
import { docsUrl } from "../rules/types.js";
import { RULE_IDS } from "../config/rule-ids.js";
import type { RuleContext } from "../rules/types.js";
import { relativeTo } from "../util/path.js";
import { saveCompilerCodeCache, useCompilerCodeCache } from "../util/typescript.js";
import { emptyCache, emptyResults, writeCache, writeResults, type CacheData, type DiscoveryEntry, type StoredRun } from "./cache/cache-file.js";
import { statFiles, walkFolders, type FsFingerprint } from "./cache/fingerprint.js";
import { createParsedCache, type RunParsedCache } from "./cache/parsed-cache.js";
import { recordCompilerReads, type ReadRecorder } from "./cache/record-reads.js";
import type { AnalysisData, AnalysisHooks, AnalysisOutcome, AnalysisRequest, FrontState } from "./analysis-job.js";
import { minPoolFiles } from "./default-workers.js";
import { withSharedListings } from "../util/dir-listings.js";
import { withStartupFlags } from "./heap-growth.js";

const CACHE_REFUSED = "--cache: no private folder can keep the key that seals the cache (tried $XDG_CACHE_HOME or ~/.cache, then the temp directory), so nothing was cached; set STARTUP_DOCTOR_CACHE_KEY or make one of them writable";

interface Discovered {
  project: Project;
  entrypoints: FoundEntrypoint[];
  scoped: { files: string[]; excluded: Map<string, ExcludedKind> };
  resolver: Resolver | RecordedResolver;
  /** Set when the discovery came from the cache (and still holds). */
  reused: DiscoveryEntry | null;
}

export async function analyseFully(request: AnalysisRequest, hooks: AnalysisHooks, front: FrontState): Promise<AnalysisOutcome> {
  const { onProgress } = hooks;
  const { root, location, stored, key, knowledgeKey, previous } = front;
  const results = location ? (front.results ?? emptyResults()) : null;
  const cacheData: CacheData | null = location ? (stored ?? emptyCache()) : null;
  // The compiler's compiled code is the tool's, not the project's: every run reads it from, and a
  // first run leaves it in, this user's private folder (util/typescript.ts).
  useCompilerCodeCache();

  const reads: { recorder: ReadRecorder | null } = { recorder: null };
  let walked: ReturnType<typeof walkFolders> | null = null;
  let discovered: Discovered;
  if (previous) {
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
  const parsedCache: RunParsedCache | null = cacheData ? createParsedCache(cacheData.files, front.stats) : null;
  onProgress({ phase: "discover", done: scoped.files.length, total: scoped.files.length });

  // Workers only for enough files to parse: with a warm cache, only the changed ones count.
  const toParse = parsedCache ? scoped.files.filter((f) => !parsedCache.lookup(f, parseOptionsOf(f, resolver.configFor(f)))).length : scoped.files.length;
  const enough = request.workersAsked ? toParse > 0 : toParse >= minPoolFiles();
  let pool: ParsePool | undefined;
  if (request.workers > 0 && enough) pool = createParsePool(request.workers, { codeCache: true });
  // The early worker takes the changed modules; with none to parse, or a full pool, it goes.
  if (front.earlyPool && !pool && toParse > 0) pool = front.earlyPool;
  else await front.earlyPool?.close();
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
  const quoted = quotingReader(createLineReader());
  const ctx: RuleContext = { root: project.root, graph, cycles, entrypoints: startup, reach, rel, knowledge: compileKnowledge(request.knowledge), lineText: quoted.lineText };
  const ruled = runRules(ctx, (done, all) => onProgress({ phase: "rules", done, total: all }));
  const { findings, ...inline } = suppressInline(ruled, graph, rel, new Set(RULE_IDS));
  const excluded = countExcluded(scoped.excluded, (f) => graph.modules.has(f));
  const rules = ruleRegistry.map((r) => ({ id: r.id, severity: r.defaultSeverity, description: r.description, docs: docsUrl(r.id) }));
  const suppressed = inline.suppressed.length > 0 ? { suppressed: summariseSuppressed(inline.suppressed) } : {};
  const reported = front.cacheRefused ? { ...project, warnings: [...project.warnings, { message: CACHE_REFUSED }] } : project;
  const data: AnalysisData = { project: reported, graph: withoutModules(graph), cycles, entrypoints, findings, inline, ...suppressed, rules, startup, reach, deferred, excluded, ...(request.knowledge ? { knowledge: request.knowledge } : {}) };

  const saveCodeCache = (): void => withStartupFlags(saveCompilerCodeCache);
  if (!cacheData || !location || !parsedCache) return { data, persist: saveCodeCache };
  const recorded = "snapshot" in resolver ? resolver : null;
  // The facts and discovery are rewritten only when this run learnt some; the stored analysis
  // whenever this run made one: a file touched without a change (a checkout, an editor's save)
  // reuses its facts, and a stored analysis still keyed by its old time would never answer again.
  const learnt = parsedCache.misses > 0 || front.refreshed > 0 || !discovered.reused || recorded?.missed === true || !front.hadResult;
  return {
    data,
    persist: () => {
      mkdirSync(location, { recursive: true });
      saveCodeCache();
      if (!recorded) {
        if (learnt) writeCache(location, cacheData);
        return;
      }
      const read = reads.recorder?.files ?? [];
      const fingerprint = discovered.reused
        ? extendFingerprint(discovered.reused.fingerprint, read)
        : { dirs: walked?.dirs ?? [], files: statFiles([...(walked?.configFiles ?? []), ...read]) };
      if (learnt) {
        // Kept as it was read when nothing in it changed: it is then written back as its bytes, not serialised again (medusa: 4 MB).
        const same = discovered.reused !== null && !recorded.missed && fingerprint === discovered.reused.fingerprint;
        const discovery = same && discovered.reused ? discovered.reused : { fingerprint, project, entrypoints, scoped, resolver: recorded.snapshot() };
        cacheData.discoveries.delete(key);
        cacheData.discoveries.set(key, discovery);
        writeCache(location, cacheData);
      }
      if (!results) return;
      // Each module as it was when read (the stat taken before its parse): one edited during the run does not match next time.
      const modules: FsFingerprint["files"] = graph.files.map((f) => {
        const entry = cacheData.files.get(f);
        return [f, entry?.mtimeMs ?? -1, entry?.size ?? -1];
      });
      const layouts = graph.files.map((f) => cacheData.files.get(f)?.layout ?? null);
      results.runs.delete(key);
      results.runs.set(key, { fingerprint, project, entrypoints, scopedFiles: scoped.files.length, graphFiles: graph.files.length, knowledge: knowledgeKey, modules, data: serialize(data), quoted: quoted.lines, layouts });
      writeResults(location, results);
    },
  };
}

function discover(request: AnalysisRequest, record: boolean): Discovered {
  return withSharedListings(() => discoverProject(request, record));
}

function discoverProject(request: AnalysisRequest, record: boolean): Discovered {
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

/** A line reader that also keeps every line it quoted (StoredRun.quoted). */
function quotingReader(read: LineText): { lineText: LineText; lines: StoredRun["quoted"] } {
  const lines: StoredRun["quoted"] = [];
  const seen = new Set<string>();
  return {
    lines,
    lineText(file, line) {
      const text = read(file, line);
      const at = `${line}:${file}`;
      if (!seen.has(at)) {
        seen.add(at);
        lines.push([file, line, text]);
      }
      return text;
    },
  };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

// Only the rules read the modules (their sites and facts); the reports read files, edges and
// warnings. Sending the modules too cost a 100k-module scan 0.7 GB at its peak.
function withoutModules(graph: ModuleGraph): ModuleGraph {
  return { ...graph, modules: new Map<string, ModuleNode>() };
}
