// A memoising module-resolution host: resolution asks the same fileExists/directoryExists
// questions thousands of times on a large project, most of them about names that do not exist
// (`x.tsx`, `x.d.ts`, `x/index.ts`, ...). On a case-sensitive file system one readdir per folder
// answers them all; symbolic links and unreadable folders still get a stat.
import { boundLister } from "../util/dir-listings.js";
import { typescript, type TS } from "./typescript.js";

const FILE = 1;
const DIR = 2;
const OTHER = 3;

export function createCachedHost(): TS.ModuleResolutionHost {
  const ts = typescript();
  const files = new Map<string, boolean>();
  const dirs = new Map<string, boolean>();
  const reals = new Map<string, string>();
  const listings = new Map<string, Map<string, number> | null>();
  // Made during discovery, it reads the folders the discovery listed already.
  const list = boundLister();

  const listing = (dir: string): Map<string, number> | null => {
    let entries = listings.get(dir);
    if (entries === undefined) {
      try {
        entries = new Map(list(dir).map((e) => [e.name, e.isFile() ? FILE : e.isDirectory() ? DIR : OTHER]));
      } catch {
        entries = null;
      }
      listings.set(dir, entries);
    }
    return entries;
  };

  /** FILE/DIR when the folder listing tells, false when it proves absence, null when a stat must. */
  const kindOf = (p: string): number | false | null => {
    if (!ts.sys.useCaseSensitiveFileNames) return null;
    const slash = p.lastIndexOf("/");
    const name = p.slice(slash + 1);
    if (slash <= 0 || name === "" || name === "." || name === "..") return null;
    const entries = listing(p.slice(0, slash));
    if (entries === null) return null;
    const kind = entries.get(name);
    if (kind === undefined) return false;
    return kind === OTHER ? null : kind;
  };

  return {
    fileExists(p) {
      let v = files.get(p);
      if (v === undefined) {
        const kind = kindOf(p);
        files.set(p, (v = kind === null ? ts.sys.fileExists(p) : kind === FILE));
      }
      return v;
    },
    directoryExists(p) {
      let v = dirs.get(p);
      if (v === undefined) {
        const kind = kindOf(p);
        dirs.set(p, (v = kind === null ? ts.sys.directoryExists(p) : kind === DIR));
      }
      return v;
    },
    readFile: (p) => ts.sys.readFile(p),
    realpath(p) {
      let v = reals.get(p);
      if (v === undefined) reals.set(p, (v = ts.sys.realpath ? ts.sys.realpath(p) : p));
      return v;
    },
    getCurrentDirectory: () => ts.sys.getCurrentDirectory(),
    getDirectories: (p) => ts.sys.getDirectories(p),
    useCaseSensitiveFileNames: ts.sys.useCaseSensitiveFileNames,
  };
}
