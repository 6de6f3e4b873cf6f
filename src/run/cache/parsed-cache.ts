// Per-file facts between runs, keyed by the file's content (sha1) and the parse options: a file
// whose size and modification time are those recorded is not even read again (git's index does
// the same); one that was touched but holds the same bytes keeps its facts.
import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import type { ParsedCache } from "../../graph/build.js";
import { codeLayoutDigest } from "../../graph/code-layout.js";
import type { ParsedFile, ParseOptions } from "../../graph/parse.js";
import type { FileEntry } from "./cache-file.js";
import type { SeenStats } from "./fingerprint.js";

interface Seen {
  mtimeMs: number;
  size: number;
  hash: string;
  layout: string | null;
}

export interface RunParsedCache extends ParsedCache {
  /** Files parsed this run (the others came from the cache). */
  readonly misses: number;
}

export function parseKeyOf(options: ParseOptions): string {
  // Every option, in a fixed order: one added later keys the facts too.
  return JSON.stringify(Object.entries(options).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** `stats`: modules this run stat-ed already (taken before any read of them, so just as good). */
export function createParsedCache(entries: Map<string, FileEntry>, stats?: SeenStats): RunParsedCache {
  const seen = new Map<string, Seen | null>();
  const answers = new Map<string, ParsedFile | undefined>();
  let misses = 0;

  const current = (file: string, previous: FileEntry | undefined): Seen | null => {
    let s = seen.get(file);
    if (s !== undefined) return s;
    try {
      const st = stats?.get(file) ?? statSync(file);
      if (previous && previous.mtimeMs === st.mtimeMs && previous.size === st.size) s = { mtimeMs: st.mtimeMs, size: st.size, hash: previous.hash, layout: previous.layout };
      else s = { mtimeMs: st.mtimeMs, size: st.size, ...contentKeysOf(file, readFileSync(file)) };
    } catch {
      s = null;
    }
    seen.set(file, s);
    return s;
  };

  return {
    lookup(file, options) {
      if (answers.has(file)) return answers.get(file);
      const previous = entries.get(file);
      const now = current(file, previous);
      let hit: ParsedFile | undefined;
      if (previous && now && previous.hash === now.hash && previous.parseKey === parseKeyOf(options)) {
        hit = previous.parsed;
        // Replaced, not changed in place: the cache file writes an unchanged entry as the bytes it read.
        if (previous.mtimeMs !== now.mtimeMs) entries.set(file, { ...previous, mtimeMs: now.mtimeMs });
      }
      answers.set(file, hit);
      return hit;
    },
    store(file, options, parsed) {
      misses++;
      answers.set(file, parsed);
      const now = current(file, entries.get(file));
      // Unreadable now: nothing to key it by; the next run parses it again.
      if (now) entries.set(file, { ...now, layout: layoutFor(now.layout, parsed), parseKey: parseKeyOf(options), parsed });
    },
    get misses() {
      return misses;
    },
  };
}

/** What keys a file's facts by its content: the hash of its bytes, and its code layout's digest. */
export function contentKeysOf(file: string, bytes: Uint8Array): { hash: string; layout: string | null } {
  return { hash: createHash("sha1").update(bytes).digest("hex"), layout: codeLayoutDigest(file, bytes) };
}

/**
 * A layout keys the facts of a module that parsed cleanly only: where the parser reports an error
 * can depend on the blank lines a layout drops (an unclosed brace is reported at the file's end).
 */
export function layoutFor(layout: string | null, parsed: ParsedFile): string | null {
  return parsed.syntaxErrors.length > 0 || parsed.problem !== undefined ? null : layout;
}
