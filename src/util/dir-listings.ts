// One readdir per folder while a project is discovered: the tsconfig include globs, the source
// walk, the workspace and entrypoint searches each list the same folders (medusa: 6,441 listings
// of 2,179 folders, about 170 ms). Kept only for the duration of one discovery, so a later run in
// the same process sees the folders as they are then.
import { readdirSync, type Dirent } from "node:fs";

let active: Map<string, Dirent[] | Error> | null = null;

/** Runs `discover` with folder listings shared by every reader inside it. */
export function withSharedListings<T>(discover: () => T): T {
  if (active) return discover();
  active = new Map();
  try {
    return discover();
  } finally {
    active = null;
  }
}

/** readdirSync(dir, { withFileTypes: true }), shared inside withSharedListings; throws as it does. */
export function listDir(dir: string): Dirent[] {
  return active ? listFrom(active, dir) : readdirSync(dir, { withFileTypes: true });
}

/**
 * A lister bound to the current discovery's listings, for a reader made during the discovery that
 * outlives it (the resolver's host: the imports are resolved against the folders as discovered).
 */
export function boundLister(): (dir: string) => Dirent[] {
  const listings = active;
  return listings ? (dir) => listFrom(listings, dir) : (dir) => readdirSync(dir, { withFileTypes: true });
}

/**
 * Whether `name` in `dir` is a symbolic link, as the current discovery's listing of `dir` says;
 * undefined when the folder was not listed in it or holds no such name (then a stat must tell).
 */
export function listedAsLink(dir: string, name: string): boolean | undefined {
  const entries = active?.get(dir);
  if (entries === undefined || entries instanceof Error) return undefined;
  return byName(entries).get(name)?.isSymbolicLink();
}

const names = new WeakMap<Dirent[], Map<string, Dirent>>();

function byName(entries: Dirent[]): Map<string, Dirent> {
  let map = names.get(entries);
  if (!map) names.set(entries, (map = new Map(entries.map((e) => [e.name, e]))));
  return map;
}

function listFrom(listings: Map<string, Dirent[] | Error>, dir: string): Dirent[] {
  let entries = listings.get(dir);
  if (entries === undefined) {
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      entries = error as Error;
    }
    listings.set(dir, entries);
  }
  if (entries instanceof Error) throw entries;
  return entries;
}
