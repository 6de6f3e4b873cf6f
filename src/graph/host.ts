// A memoising module-resolution host: resolution asks the same fileExists/directoryExists
// questions thousands of times on a large project.
import { typescript, type TS } from "./typescript.js";

export function createCachedHost(): TS.ModuleResolutionHost {
  const ts = typescript();
  const files = new Map<string, boolean>();
  const dirs = new Map<string, boolean>();
  const reals = new Map<string, string>();
  return {
    fileExists(p) {
      let v = files.get(p);
      if (v === undefined) files.set(p, (v = ts.sys.fileExists(p)));
      return v;
    },
    directoryExists(p) {
      let v = dirs.get(p);
      if (v === undefined) dirs.set(p, (v = ts.sys.directoryExists(p)));
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
