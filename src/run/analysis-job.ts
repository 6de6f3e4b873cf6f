// The static analysis from folder to findings: project -> graph -> cycles, reach -> rules. It runs
// on the analysis worker (src/run/worker/analysis-worker.ts), never on the main thread, and hands
// back plain data only: no syntax tree, no function (structured clone; Maps are fine). This front
// answers a --cache run from the last run's analysis when nothing changed, or when the changed
// modules kept their facts (analysis-cutoff.ts); only other runs load the analysis itself
// (analysis-full.ts: the graph, the rules).
import type { GraphCycle } from "../graph/cycles.js";
import type { DeferredEntry } from "../graph/deferred-entries.js";
import type { ReachTree } from "../graph/reach.js";
import type { ModuleGraph } from "../graph/types.js";
import type { FoundEntrypoint } from "../project/entrypoints.js";
import type { ExcludedCounts, ScopeMode } from "../project/scope.js";
import type { UserKnowledgeEntry } from "../knowledge/types.js";
import type { Project } from "../project/types.js";
import type { InlineOutcome } from "../rules/suppressions/inline.js";
import type { ReportRule, ReportSuppressed } from "../report/types.js";
import type { Finding } from "../rules/types.js";
import { resolvePath } from "../util/path.js";
import { defaultCacheLocation, readCache, readResults, type CacheData, type DiscoveryEntry, type ResultData, type StoredRun } from "./cache/cache-file.js";
import { cacheKey } from "./cache/cache-seal.js";
import { changedFiles, fingerprintHolds, type FileChange, type SeenStats } from "./cache/fingerprint.js";
import { createParsePool, type ParsePool } from "../graph/worker/parse-pool.js";
import { answerIfFactsHold, layoutHolds, layoutsHold, MAX_CHANGED, quotedLinesHeld } from "./analysis-cutoff.js";
import { storedOutcome } from "./stored-answer.js";
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
  /** The command owns its process (run/heap-growth.ts): the analysis may raise the heap's growth for a large project. */
  ownsHeap?: boolean;
  /** Parse workers; 0 parses in the analysis thread itself. */
  workers: number;
  /** Given by the user (--workers): a pool even for a few files. */
  workersAsked: boolean;
  /** --cache: read and write per-file facts and the discovery here (null: the default folder). */
  cache?: { location: string | null };
}

/** What the caller gets back. The modules (sites and facts) stay behind: only the rules read them. */
export interface AnalysisData {
  project: Project;
  graph: ModuleGraph;
  cycles: GraphCycle[];
  entrypoints: FoundEntrypoint[];
  findings: Finding[];
  inline: Pick<InlineOutcome, "suppressed" | "unused">;
  /** report.suppressed, summarised here (the main thread never loads the rules). */
  suppressed?: ReportSuppressed;
  /** report.rules: every rule with its default severity, description and docs. */
  rules: ReportRule[];
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
  /**
   * How much of the last run's analysis this one is: "whole" when nothing changed, "layout-held"
   * when the changed modules differ only in comments and line-end spaces (nothing parsed),
   * "facts-held" when they kept their facts and quoted lines once parsed (analysis-cutoff.ts);
   * absent when the analysis was made.
   */
  reuse?: "whole" | "layout-held" | "facts-held";
  /** A stored analysis: its data as the cache holds it (V8-serialised), for the worker to send as bytes. */
  storedData?: Uint8Array;
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

/** `prestarted`: a parse worker the analysis worker started before the request (analysis-worker.ts); taken or closed here. */
export async function runAnalysis(request: AnalysisRequest, hooks: AnalysisHooks, prestarted?: ParsePool): Promise<AnalysisOutcome> {
  // A --cache run that the main thread could not answer from the last analysis (analyze.ts) most
  // often has a few changed modules: they are parsed on a worker that loads the compiler (a third
  // of a second) while this thread reads the cache; started before anything is read, as that
  // load is the longest part of such a run. Not on one core (no workers) nor beside probes.
  const wanted = request.cache !== undefined && request.workers > 0;
  if (prestarted && !wanted) void prestarted.close();
  let earlyPool = wanted ? (prestarted ?? createParsePool(1, { codeCache: true })) : undefined;
  const front = readFront(request);
  const { root, sealable, location, results, key, knowledgeKey, last, lastHolds } = front;
  if (earlyPool && !(last !== undefined && lastHolds)) {
    void earlyPool.close();
    earlyPool = undefined;
  }
  const stats: SeenStats = new Map();
  const { answer, changed } = answerFromResults(front, hooks, stats);
  if (answer) {
    await earlyPool?.close();
    return answer;
  }
  try {
    const stored = location ? readCache(location) : null;
    let refreshed = 0;
    if (location && last && lastHolds && stored && results) {
      const cutoff = await answerIfFactsHold({ location, key, last, stored, results, pool: earlyPool, changed: changed ?? [] }, hooks);
      if ("outcome" in cutoff) {
        await earlyPool?.close();
        return cutoff.outcome;
      }
      refreshed = cutoff.refreshed;
    }
    const previous = stored?.discoveries.get(key);
    const previousHolds = previous !== undefined && fingerprintHolds(previous.fingerprint);
    const { analyseFully } = await import("./analysis-full.js");
    return await analyseFully(request, hooks, { root, location, cacheRefused: request.cache !== undefined && !sealable, stored, results, key, knowledgeKey, previous: previousHolds ? previous : undefined, hadResult: last !== undefined && lastHolds, refreshed, earlyPool, stats });
  } catch (error) {
    await earlyPool?.close();
    throw error;
  }
}

/**
 * The last run's analysis when nothing it read has changed since, or null. Cheap enough for the
 * main thread (run/analyze.ts asks it there while the analysis worker starts, which costs more
 * than the answer: Node compiles its internals again for each new thread).
 */
export function storedAnswer(request: AnalysisRequest, hooks: AnalysisHooks): AnalysisData | null {
  return request.cache ? (answerFromResults(readFront(request), hooks).answer?.data ?? null) : null;
}

interface Front {
  root: string;
  /** A key to seal the cache with exists (cache-seal.ts); without one, no cache is read or written. */
  sealable: boolean;
  location: string | null;
  key: string;
  knowledgeKey: string;
  results: ResultData | null;
  last: StoredRun | undefined;
  lastHolds: boolean;
}

function readFront(request: AnalysisRequest): Front {
  const root = resolvePath(request.dir);
  const sealable = request.cache !== undefined && cacheKey() !== null;
  const location = request.cache && sealable ? (request.cache.location ?? defaultCacheLocation(root)) : null;
  const key = JSON.stringify([root, request.tsconfig ?? null, request.entries ?? [], request.scope]);
  const knowledgeKey = JSON.stringify(request.knowledge ?? []);
  const results = location ? readResults(location) : null;
  const last = results?.runs.get(key);
  const lastHolds = last !== undefined && last.knowledge === knowledgeKey && fingerprintHolds(last.fingerprint);
  return { root, sealable, location, key, knowledgeKey, results, last, lastHolds };
}

/**
 * Nothing changed since the last run, or only comments and line-end spaces of some modules: its
 * analysis is this run's (no parse, no rules), told as a whole run. The modules stay recorded as
 * they were, so a later run checks their layout again (one read each) rather than rewrite the
 * stored analyses (medusa: 9.7 MB) for a comment. `cutoffStats`, given on the analysis worker
 * only: the run goes on to the early cutoff, and every module's stat is kept there for it and
 * for the parse cache.
 */
function answerFromResults(front: Front, hooks: AnalysisHooks, cutoffStats?: SeenStats): { answer: AnalysisOutcome | null; changed?: FileChange[] } {
  hooks.onProgress({ phase: "discover", done: 0, total: 0 });
  const { last, lastHolds } = front;
  if (!last || !lastHolds) return { answer: null };
  // For the early cutoff as many as it compares (one more says too many), so that it stats none
  // again; the main thread stops at the first module whose layout changed, which tells it enough.
  let moved = false;
  const changed = changedFiles(last.modules, MAX_CHANGED + 1, cutoffStats ? undefined : (c) => (moved = !layoutHolds(last, c)), cutoffStats);
  if (changed.length === 0) return { answer: storedOutcome(last, hooks, "whole") };
  const held = changed.length <= MAX_CHANGED && (cutoffStats ? layoutsHold(last, changed) : !moved && quotedLinesHeld(last, changed));
  return held ? { answer: storedOutcome(last, hooks, "layout-held") } : { answer: null, changed };
}

/** What the front already read: the cache, and the last discovery when its fingerprint holds. */
export interface FrontState {
  root: string;
  location: string | null;
  /** --cache was asked for, but no private folder could keep the key that seals it. */
  cacheRefused: boolean;
  stored: CacheData | null;
  /** The stored analyses (RESULT_FILE), null when there were none or they were from other code. */
  results: ResultData | null;
  /** A stored analysis for this key whose discovery still held (then only some module changed). */
  hadResult: boolean;
  /** Cache entries the early cutoff replaced with the changed modules' new facts (they are this run's to write). */
  refreshed: number;
  key: string;
  knowledgeKey: string;
  previous: DiscoveryEntry | undefined;
  /** A parse worker started before the cache was read, for the modules that changed since the last analysis. */
  earlyPool?: ParsePool;
  /** The modules the front stat-ed (the parse cache takes their stats from here). */
  stats?: SeenStats;
}
