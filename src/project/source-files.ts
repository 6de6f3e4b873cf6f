// Which files make up the project: each tsconfig's own file list where there is one, else the
// source tree, never dependencies or build output.
import { statSync } from "node:fs";
import { listDir } from "../util/dir-listings.js";
import { baseOf, dirOf, extOf, isInside, isSourceFile, joinPath, toPosix } from "../util/path.js";
import { isReallyInside, outsideMessage, realPathOf } from "./confine.js";
import type { TsConfig } from "./types.js";

const SKIPPED_DIRS = new Set(["node_modules", "dist", "build", "out", "coverage", ".git", "bower_components", "jspm_packages"]);

export interface WalkResult {
  files: string[];
  warnings: Array<{ file: string; message: string }>;
}

/**
 * Source files under `dir`, following symlinks once (a link loop is reported, not followed) and
 * never out of `root`: a link whose real path is outside is one warning, not a walk of `/`.
 */
export function walkSourceTree(dir: string, outDirs: string[], root: string = dir): WalkResult {
  const files: string[] = [];
  const warnings: WalkResult["warnings"] = [];
  const seen = new Set<string>();
  const stack = [dir];
  while (stack.length > 0) {
    const current = stack.pop()!;
    // Shared with the confinement check below, and known from the parent's for a folder that is
    // not a link: not a realpath of every component of every folder (medusa: 90 ms).
    const real = realPathOf(current);
    if (real === null) {
      warnings.push({ file: current, message: "symbolic link loop or dangling link, skipped" });
      continue;
    }
    if (seen.has(real)) continue;
    seen.add(real);
    if (!isReallyInside(root, current)) {
      warnings.push({ file: current, message: `folder ${outsideMessage(current)}` });
      continue;
    }
    let entries;
    try {
      entries = listDir(current);
    } catch (error) {
      warnings.push({ file: current, message: `cannot read directory (${(error as NodeJS.ErrnoException).code ?? "error"})` });
      continue;
    }
    for (const entry of entries) {
      const path = joinPath(current, entry.name);
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        if (!isReallyInside(root, path)) {
          warnings.push({ file: path, message: `symbolic link ${outsideMessage(path)}` });
          continue;
        }
        try {
          const target = statSync(path);
          isDirectory = target.isDirectory();
          isFile = target.isFile();
        } catch {
          warnings.push({ file: path, message: "symbolic link loop or dangling link, skipped" });
          continue;
        }
      }
      if (isDirectory) {
        if (entry.name.startsWith(".") || SKIPPED_DIRS.has(entry.name) || outDirs.some((o) => isInside(o, path))) continue;
        stack.push(path);
      } else if (isFile && isSourceFile(path)) files.push(path);
    }
  }
  return { files: dropCompiledSiblings(files), warnings };
}

/** tsconfig file lists, minus dependencies, build output and emitted JS next to its TS source. */
export function filesOfTsConfig(config: TsConfig): string[] {
  const outDir = config.options.outDir ? toPosix(config.options.outDir) : null;
  const files = config.fileNames.filter(
    (f) => isSourceFile(f) && !f.includes("/node_modules/") && !(outDir && isInside(outDir, f)),
  );
  return dropCompiledSiblings(files);
}

/** `a.js` beside `a.ts` is tsc output (no outDir), not a second module. */
function dropCompiledSiblings(files: string[]): string[] {
  const stems = new Set(files.filter((f) => /\.[cm]?tsx?$/.test(f)).map(stemOf));
  return files.filter((f) => !/\.[cm]?jsx?$/.test(f) || !stems.has(stemOf(f)));
}

function stemOf(file: string): string {
  return joinPath(dirOf(file), baseOf(file, extOf(file)));
}
