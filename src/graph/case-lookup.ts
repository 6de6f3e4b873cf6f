// Finds a module file whose path matches a specifier only when case is ignored: on macOS and
// Windows (case-insensitive file systems) `./httpException` loads `HttpException.ts`; on Linux
// Node throws ERR_MODULE_NOT_FOUND. One readdir per folder, cached.
import { readdirSync, statSync } from "node:fs";
import { dirOf } from "../util/path.js";

const EXTENSIONS = ["", ".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs", ".json"];
const INDEXES = ["/index.ts", "/index.tsx", "/index.js", "/index.mjs", "/index.cjs"];

export interface CaseLookup {
  /** The on-disk path a case-insensitive lookup of `abs` (with Node/TS extensions) finds, when the case differs. */
  find(abs: string, root: string): string | null;
  /** `file` with each segment below `root` spelled as on disk (null when a segment is missing). */
  onDisk(file: string, root: string): string | null;
}

export function createCaseLookup(): CaseLookup {
  const listings = new Map<string, Map<string, string[]> | null>();
  const listing = (dir: string): Map<string, string[]> | null => {
    let map = listings.get(dir);
    if (map === undefined) {
      try {
        map = new Map();
        for (const name of readdirSync(dir)) {
          const key = name.toLowerCase();
          map.set(key, [...(map.get(key) ?? []), name]);
        }
      } catch {
        map = null;
      }
      listings.set(dir, map);
    }
    return map;
  };
  /** Every on-disk spelling of `path` below `root`, segment by segment. */
  const spellings = (path: string, root: string): string[] => {
    if (!path.startsWith(`${root}/`)) return [];
    let current = [root];
    for (const segment of path.slice(root.length + 1).split("/")) {
      const next: string[] = [];
      for (const dir of current) {
        if (segment === "." || segment === "..") next.push(segment === "." ? dir : dirOf(dir));
        else for (const name of listing(dir)?.get(segment.toLowerCase()) ?? []) next.push(`${dir}/${name}`);
      }
      current = next;
      if (current.length === 0) return [];
    }
    return current;
  };
  return {
    find(abs, root) {
      for (const suffix of [...EXTENSIONS, ...INDEXES]) {
        for (const candidate of spellings(abs + suffix, root)) {
          if (candidate !== abs + suffix && isFile(candidate)) return candidate;
        }
      }
      return null;
    },
    onDisk(file, root) {
      const found = spellings(file, root);
      return found.includes(file) ? file : (found[0] ?? null);
    },
  };
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}
