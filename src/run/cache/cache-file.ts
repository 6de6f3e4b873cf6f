// The --cache file: one V8-serialised blob per cache folder (structured data, Maps included),
// read once at the start and rewritten, atomically, only when the run learnt something. A cache
// from another version of the code, one not sealed with this user's key (cache-seal.ts), or one
// that does not read back, is ignored, never an error.
import { mkdirSync, readFileSync, readdirSync, renameSync, statSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { fileURLToPath } from "node:url";
import { deserialize, serialize } from "node:v8";
import { threadId } from "node:worker_threads";
import type { ResolverSnapshot } from "../../graph/recorded-resolver.js";
import type { ParsedFile } from "../../graph/parse.js";
import type { FoundEntrypoint } from "../../project/entrypoints.js";
import type { ExcludedKind } from "../../project/scope.js";
import type { Project } from "../../project/types.js";
import { joinPath } from "../../util/path.js";
import { cacheKey, seal, unseal } from "./cache-seal.js";
import type { FsFingerprint } from "./fingerprint.js";

const FORMAT = 1;
const FILE_NAME = "scan-cache.v8";
const RESULT_FILE = "scan-result.v8";
/** Discoveries kept per cache folder (one per root and option set). */
const DISCOVERIES = 4;

export interface FileEntry {
  mtimeMs: number;
  size: number;
  /** sha1 of the file's bytes. */
  hash: string;
  /** The parse options the facts were extracted with. */
  parseKey: string;
  parsed: ParsedFile;
}

export interface DiscoveryEntry {
  fingerprint: FsFingerprint;
  project: Project;
  entrypoints: FoundEntrypoint[];
  scoped: { files: string[]; excluded: Map<string, ExcludedKind> };
  resolver: ResolverSnapshot;
}

/**
 * The whole analysis of the last run per root and option set, in its own file (RESULT_FILE): a
 * run where nothing changed reads only this, not the per-file facts (medusa: 45 MB of facts, whose
 * deserialisation was most of a warm run).
 */
export interface StoredRun {
  /** The discovery's fingerprint when the analysis was made. */
  fingerprint: FsFingerprint;
  project: Project;
  entrypoints: FoundEntrypoint[];
  /** How many files the discovery put in scope (for the progress display). */
  scopedFiles: number;
  /** The configuration's library knowledge it was made with (JSON). */
  knowledge: string;
  /** Every module of the graph as it was read: [path, mtimeMs, size]. */
  modules: FsFingerprint["files"];
  /** The AnalysisData, V8-serialised on its own: deserialised only once the checks above hold. */
  data: Uint8Array;
}

export interface ResultData {
  format: number;
  code: string;
  runs: Map<string, StoredRun>;
}

export interface CacheData {
  format: number;
  /** Which build of startup-doctor wrote it: facts from other code are not reused. */
  code: string;
  files: Map<string, FileEntry>;
  /** Keyed by root and the options that change discovery (tsconfig, entries, scope). */
  discoveries: Map<string, DiscoveryEntry>;
}

export function defaultCacheLocation(root: string): string {
  return joinPath(root, "node_modules/.cache/startup-doctor");
}

export function emptyCache(): CacheData {
  return { format: FORMAT, code: codeFingerprint(), files: new Map(), discoveries: new Map() };
}

export function readCache(location: string): CacheData | null {
  const data = readOwn<CacheData>(location, FILE_NAME);
  return data && data.files instanceof Map && data.discoveries instanceof Map ? data : null;
}

export function writeCache(location: string, data: CacheData): void {
  while (data.discoveries.size > DISCOVERIES) data.discoveries.delete(data.discoveries.keys().next().value!);
  writeAtomically(location, FILE_NAME, data);
}

export function emptyResults(): ResultData {
  return { format: FORMAT, code: codeFingerprint(), runs: new Map() };
}

export function readResults(location: string): ResultData | null {
  const data = readOwn<ResultData>(location, RESULT_FILE);
  return data && data.runs instanceof Map ? data : null;
}

/** A blob this build wrote (same format and code fingerprint), or null. */
function readOwn<T extends { format: number; code: string }>(location: string, name: string): T | null {
  const key = cacheKey();
  if (!key) return null;
  let data: T;
  try {
    const payload = unseal(readFileSync(joinPath(location, name)), key);
    if (!payload) return null;
    data = deserialize(payload) as T;
  } catch {
    return null;
  }
  return data?.format === FORMAT && data.code === codeFingerprint() ? data : null;
}

export function writeResults(location: string, data: ResultData): void {
  while (data.runs.size > DISCOVERIES) data.runs.delete(data.runs.keys().next().value!);
  writeAtomically(location, RESULT_FILE, data);
}

function writeAtomically(location: string, name: string, data: unknown): void {
  const key = cacheKey();
  if (!key) return;
  mkdirSync(location, { recursive: true });
  const file = joinPath(location, name);
  const tmp = `${file}.${process.pid}-${threadId}.tmp`;
  writeFileSync(tmp, seal(serialize(data), key));
  renameSync(tmp, file);
}

let code: string | undefined;

/** Version plus the size and time of every compiled file: a rebuild invalidates every fact. */
function codeFingerprint(): string {
  if (code) return code;
  const dist = fileURLToPath(new URL("../../", import.meta.url));
  const hash = createHash("sha1");
  const stack = [dist];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = joinPath(dir, e.name);
      if (e.isDirectory()) stack.push(path);
      else if (e.name.endsWith(".js")) {
        const s = statSync(path);
        hash.update(`${path.slice(dist.length)}\0${s.size}\0${s.mtimeMs}\n`);
      }
    }
  }
  try {
    hash.update(readFileSync(new URL("../../../package.json", import.meta.url)));
  } catch {
    // Not packaged beside its package.json: the compiled files alone tell the build.
  }
  return (code = hash.digest("hex"));
}
