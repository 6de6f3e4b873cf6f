// A --cache run where some modules changed on disk but none in anything the last analysis read:
// the same import sites, the same facts, the same quoted lines (an edited comment or string, a
// line reformatted in place, an edit appended at the end). That analysis is then this run's: the
// changed modules are parsed (on the early worker) and compared with their cached facts, and the
// rest of the analysis is never loaded. Build systems call this an early cutoff; it is exact
// because the analysis is a function of each module's facts, the discovery (whose fingerprint
// holds) and the quoted lines.
import { readFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import type { ParsedFile, ParseOptions } from "../graph/parse.js";
import type { ParsePool } from "../graph/worker/parse-pool.js";
import { createLineReader } from "../graph/source-lines.js";
import { codeLayoutDigest } from "../graph/code-layout.js";
import { contentKeysOf, layoutFor } from "./cache/parsed-cache.js";
import { writeCache, writeResults, type CacheData, type FileEntry, type ResultData, type StoredRun } from "./cache/cache-file.js";
import type { FileChange, FsFingerprint } from "./cache/fingerprint.js";
import type { AnalysisHooks, AnalysisOutcome } from "./analysis-job.js";
import { storedOutcome } from "./stored-answer.js";

/**
 * More changed modules than this (a branch checked out) are not compared: so many rarely all keep
 * their facts, and the comparison waits for every parse before the analysis starts, where the
 * analysis would resolve each module as its parse comes back.
 */
export const MAX_CHANGED = 100;

export interface CutoffState {
  location: string;
  key: string;
  last: StoredRun;
  stored: CacheData;
  results: ResultData;
  /** The early parse worker, when there is one; without it the changed modules are parsed here. */
  pool?: ParsePool;
  /** The modules of the last analysis whose size or time changed since (all of them, as stat-ed by the front). */
  changed: FileChange[];
}

interface Changed {
  file: string;
  entry: FileEntry;
  now: { mtimeMs: number; size: number; hash: string; layout: string | null };
}

/**
 * The last analysis with the cache brought up to date, when every changed module kept its facts
 * and quoted lines. Otherwise the analysis must be made; the changed modules parsed here are then
 * in `state.stored` already (`refreshed` of them), so that the analysis does not parse them again.
 */
export async function answerIfFactsHold(state: CutoffState, hooks: AnalysisHooks): Promise<{ outcome: AnalysisOutcome } | { refreshed: number }> {
  const changed = changedModules(state.changed, state.stored);
  if (!changed || changed.length === 0) return { refreshed: 0 };
  const parsed = await parseAll(changed, state.pool);
  if (!parsed) return { refreshed: 0 };
  changed.forEach((c, i) => {
    c.now.layout = layoutFor(c.now.layout, parsed[i]);
    state.stored.files.set(c.file, { ...c.now, parseKey: c.entry.parseKey, parsed: parsed[i] });
  });
  const held = changed.every((c, i) => isDeepStrictEqual(parsed[i], c.entry.parsed)) && quotedLinesHeld(state.last, changed);
  if (!held) return { refreshed: changed.length };

  return { outcome: storedOutcome(state.last, hooks, "facts-held", () => persistCutoff(state, changed)) };
}

/** The changed modules' new entries (set above), and the last analysis stored again under their new times. */
function persistCutoff(state: CutoffState, changed: readonly Changed[]): void {
  const { stored, results, last, location, key } = state;
  writeCache(location, stored);
  const now = new Map(changed.map((c) => [c.file, c.now]));
  const modules: FsFingerprint["files"] = last.modules.map(([file, mtimeMs, size]) => {
    const stat = now.get(file);
    return stat ? [file, stat.mtimeMs, stat.size] : [file, mtimeMs, size];
  });
  const layouts = last.layouts?.map((layout, i) => {
    const stat = now.get(last.modules[i][0]);
    return stat ? stat.layout : layout;
  });
  results.runs.delete(key);
  results.runs.set(key, { ...last, modules, ...(layouts ? { layouts } : {}) });
  writeResults(location, results);
}

/** The changed modules with their cached entries and content hashes; null when one is gone, has no entry, or too many changed. */
function changedModules(changes: readonly FileChange[], stored: CacheData): Changed[] | null {
  if (changes.length > MAX_CHANGED) return null;
  const out: Changed[] = [];
  for (const { file, now } of changes) {
    const entry = stored.files.get(file);
    if (!now || !entry) return null;
    // The time before the read, as the full analysis keys it: a module edited meanwhile does not match next time.
    let bytes;
    try {
      bytes = readFileSync(file);
    } catch {
      return null;
    }
    out.push({ file, entry, now: { ...now, ...contentKeysOf(file, bytes) } });
  }
  return out;
}

/** Each changed module's facts, in order: the cached ones when only its time changed. */
async function parseAll(changed: Changed[], pool: ParsePool | undefined): Promise<ParsedFile[] | null> {
  const fresh = changed.filter((c) => c.now.hash !== c.entry.hash);
  const byFile = new Map<string, ParsedFile>();
  try {
    if (pool) {
      const results = await Promise.all(fresh.map((c) => pool.parse(c.file, optionsOf(c.entry.parseKey))));
      fresh.forEach((c, i) => byFile.set(c.file, results[i]));
    } else if (fresh.length > 0) {
      const [{ parseFile }, { useCompilerCodeCache }] = await Promise.all([import("../graph/parse.js"), import("../util/typescript.js")]);
      useCompilerCodeCache();
      for (const c of fresh) byFile.set(c.file, parseFile(c.file, optionsOf(c.entry.parseKey)));
    }
  } catch {
    // A worker that failed: the full analysis parses again, and reports what fails there.
    return null;
  }
  return changed.map((c) => byFile.get(c.file) ?? c.entry.parsed);
}

/** The parse options a cached entry was keyed by (parsed-cache.ts parseKeyOf): the discovery holds, so they are this run's. */
function optionsOf(parseKey: string): ParseOptions {
  return Object.fromEntries(JSON.parse(parseKey) as Array<[string, unknown]>) as unknown as ParseOptions;
}

/**
 * A changed module differs from the one analysed in comments and line-end spaces only: its code
 * layout holds (graph/code-layout.ts). Decided without the compiler, by one read and one lexer pass.
 */
export function layoutHolds(last: StoredRun, change: FileChange): boolean {
  const layout = last.layouts?.[change.at];
  if (!change.now || !layout) return false;
  let bytes;
  try {
    bytes = readFileSync(change.file);
  } catch {
    return false;
  }
  return codeLayoutDigest(change.file, bytes) === layout;
}

/** Every changed module kept its layout (above) and every line the last analysis quoted from it. */
export function layoutsHold(last: StoredRun, changed: readonly FileChange[]): boolean {
  return changed.every((c) => layoutHolds(last, c)) && quotedLinesHeld(last, changed);
}

/** Every line the last analysis quoted from a changed module still reads the same. */
export function quotedLinesHeld(last: StoredRun, changed: ReadonlyArray<{ file: string }>): boolean {
  const files = new Set(changed.map((c) => c.file));
  const lineText = createLineReader();
  for (const [file, line, text] of last.quoted) if (files.has(file) && lineText(file, line) !== text) return false;
  return true;
}
