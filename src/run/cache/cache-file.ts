// The --cache file: one V8-serialised blob per cache folder (structured data, Maps included),
// read once at the start and rewritten, atomically, only when the run learnt something. A cache
// from another version of the code, one not sealed with this user's key (cache-seal.ts), or one
// that does not read back, is ignored, never an error. Each file's facts and each discovery are
// serialised on their own, and an entry read back unchanged is written back as the bytes it was
// read from: a run with one changed file serialises one entry, not all (medusa: 18 ms instead of
// 150 ms for 15 MB).
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createHash, randomBytes } from "node:crypto";
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

const FORMAT = 2;
const FILE_NAME = "scan-cache.v8";
const RESULT_FILE = "scan-result.v8";
const DELTA_FILE = "scan-cache-delta.v8";
/** Discoveries kept per cache folder (one per root and option set). */
const DISCOVERIES = 4;

export interface FileEntry {
  mtimeMs: number;
  size: number;
  /** sha1 of the file's bytes. */
  hash: string;
  /** A digest of the file's code layout (graph/code-layout.ts): null where the lexer declined. */
  layout: string | null;
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
  /** How many modules the graph has (for the progress display, without decoding the data). */
  graphFiles: number;
  /** The configuration's library knowledge it was made with (JSON). */
  knowledge: string;
  /** Every module of the graph as it was read: [path, mtimeMs, size]. */
  modules: FsFingerprint["files"];
  /** The AnalysisData, V8-serialised on its own: deserialised only once the checks above hold. */
  data: Uint8Array;
  /**
   * Every source line the analysis quoted, as quoted: [path, 1-based line, text]. A module whose
   * facts did not change keeps the analysis only if these lines of it did not either.
   */
  quoted: Array<[path: string, line: number, text: string]>;
  /** Each module's code layout digest as analysed (FileEntry.layout), in the order of `modules`. */
  layouts?: Array<string | null>;
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

/** CacheData as stored: every entry its own serialised bytes. */
export interface StoredCache {
  format: number;
  code: string;
  /** Names this base: a delta written against another base is not applied to it. */
  tag: string;
  files: Map<string, Uint8Array>;
  discoveries: Map<string, Uint8Array>;
}

/**
 * What changed since the base (DELTA_FILE): a run that parsed a few files writes these instead
 * of the whole base (medusa with every file in scope: 30 MB written and sealed, 0.25 s). Each
 * delta holds every change since its base; the base is rewritten once the delta has grown.
 */
interface StoredDelta {
  format: number;
  code: string;
  base: string;
  files: Map<string, Uint8Array>;
  discoveries: Map<string, Uint8Array>;
  /** The base's discoveries gone since (evicted). */
  dropped: string[];
}

/** The bytes an entry was read from. An entry is replaced, never changed in place, so these stay its bytes. */
const bytesOf = new WeakMap<object, Uint8Array>();
/** Per cache read: its base's tag and the entries that are the base's own. */
const baseOf = new WeakMap<CacheData, { tag: string; own: WeakSet<object>; discoveries: Set<string> }>();
/** A delta may hold this many entries, or this share of the files, before the base is rewritten. */
const DELTA_ENTRIES = 200;
const DELTA_SHARE = 0.05;

export function readCache(location: string): CacheData | null {
  const stored = readOwn<StoredCache>(location, FILE_NAME);
  if (!stored || !(stored.files instanceof Map) || !(stored.discoveries instanceof Map) || typeof stored.tag !== "string") return null;
  try {
    const own = new WeakSet<object>();
    const data: CacheData = { format: stored.format, code: stored.code, files: fileEntriesOf(stored.files, own), discoveries: discoveriesOf(stored.discoveries, own) };
    baseOf.set(data, { tag: stored.tag, own, discoveries: new Set(stored.discoveries.keys()) });
    const delta = readOwn<StoredDelta>(location, DELTA_FILE);
    if (delta && delta.base === stored.tag && delta.files instanceof Map && delta.discoveries instanceof Map && Array.isArray(delta.dropped)) {
      for (const [key, entry] of fileEntriesOf(delta.files)) data.files.set(key, entry);
      for (const key of delta.dropped) data.discoveries.delete(key);
      for (const [key, entry] of discoveriesOf(delta.discoveries)) {
        data.discoveries.delete(key);
        data.discoveries.set(key, entry);
      }
    }
    return data;
  } catch {
    return null;
  }
}

/** Every field of a FileEntry: the lazy entries read them from their bytes (a test holds this list to the type). */
export const FILE_ENTRY_FIELDS = ["mtimeMs", "size", "hash", "layout", "parseKey", "parsed"] as const satisfies ReadonlyArray<keyof FileEntry>;

/**
 * File entries decoded when first read: a run that needs the facts of a few files (the changed
 * ones, analysis-cutoff.ts) does not decode them all (medusa: 0.37 s for 5,562 entries). Each
 * field is an own enumerable getter, so that a spread copies the decoded values; written as a
 * literal, as defineProperty for each field cost medusa 35 ms against 10.
 */
function fileEntriesOf(stored: Map<string, Uint8Array>, own?: WeakSet<object>): Map<string, FileEntry> {
  return lazyEntriesOf(stored, own, decodeEntry, (value) => ({
    get mtimeMs() {
      return value().mtimeMs;
    },
    get size() {
      return value().size;
    },
    get hash() {
      return value().hash;
    },
    get layout() {
      return value().layout ?? null;
    },
    get parseKey() {
      return value().parseKey;
    },
    get parsed() {
      return value().parsed;
    },
  }));
}

/**
 * Discoveries decoded when first read, as the file entries: a run answered by its early cutoff
 * never reads one (medusa's is 5.5 MB, 40 ms to decode).
 */
function discoveriesOf(stored: Map<string, Uint8Array>, own?: WeakSet<object>): Map<string, DiscoveryEntry> {
  return lazyEntriesOf(stored, own, decodeDiscovery, (value) => ({
    get fingerprint() {
      return value().fingerprint;
    },
    get project() {
      return value().project;
    },
    get entrypoints() {
      return value().entrypoints;
    },
    get scoped() {
      return value().scoped;
    },
    get resolver() {
      return value().resolver;
    },
  }));
}

/** Each stored entry as `view` of its bytes, decoded once, on the first read of a field. */
function lazyEntriesOf<T extends object>(stored: Map<string, Uint8Array>, own: WeakSet<object> | undefined, decode: (bytes: Uint8Array) => T, view: (value: () => T) => T): Map<string, T> {
  const out = new Map<string, T>();
  for (const [key, bytes] of stored) {
    let decoded: T | undefined;
    const entry = view(() => (decoded ??= decode(bytes)));
    bytesOf.set(entry, bytes);
    own?.add(entry);
    out.set(key, entry);
  }
  return out;
}

/** Every field of a DiscoveryEntry, for the test that holds the lazy entries to the stored ones. */
export const DISCOVERY_ENTRY_FIELDS = ["fingerprint", "project", "entrypoints", "scoped", "resolver"] as const satisfies ReadonlyArray<keyof DiscoveryEntry>;

function decodeDiscovery(bytes: Uint8Array): DiscoveryEntry {
  try {
    return deserialize(bytes) as DiscoveryEntry;
  } catch {
    // No folder has the path "": the fingerprint fails, and nothing else of the entry is read.
    return { fingerprint: { dirs: [["", -1]], files: [] }, project: undefined as never, entrypoints: [], scoped: { files: [], excluded: new Map() }, resolver: undefined as never };
  }
}

// The blob was sealed by this build; an entry that still does not decode is a miss (no hash matches "").
function decodeEntry(bytes: Uint8Array): FileEntry {
  try {
    return deserialize(bytes) as FileEntry;
  } catch {
    return { mtimeMs: -1, size: -1, hash: "", layout: null, parseKey: "", parsed: { sites: [], facts: {}, syntaxErrors: [] } };
  }
}

function bytesOfEntries(entries: Map<string, object>, keep: (entry: object) => boolean = () => true): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  for (const [key, entry] of entries) if (keep(entry)) out.set(key, bytesOf.get(entry) ?? serialize(entry));
  return out;
}

export function writeCache(location: string, data: CacheData): void {
  while (data.discoveries.size > DISCOVERIES) data.discoveries.delete(data.discoveries.keys().next().value!);
  const base = baseOf.get(data);
  if (base) {
    const changed = (entry: object): boolean => !base.own.has(entry);
    let files = 0;
    for (const entry of data.files.values()) if (changed(entry)) files++;
    if (files <= Math.max(DELTA_ENTRIES, data.files.size * DELTA_SHARE)) {
      const delta: StoredDelta = {
        format: data.format,
        code: data.code,
        base: base.tag,
        files: bytesOfEntries(data.files, changed),
        discoveries: bytesOfEntries(data.discoveries, changed),
        dropped: [...base.discoveries].filter((key) => !data.discoveries.has(key)),
      };
      writeAtomically(location, DELTA_FILE, delta);
      return;
    }
  }
  const stored: StoredCache = { format: data.format, code: data.code, tag: randomBytes(8).toString("hex"), files: bytesOfEntries(data.files), discoveries: bytesOfEntries(data.discoveries) };
  writeAtomically(location, FILE_NAME, stored);
  // A delta names its base by tag: the old one no longer applies, and goes.
  rmSync(joinPath(location, DELTA_FILE), { force: true });
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
