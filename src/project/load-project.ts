// Finds everything about the analysed folder that the graph needs, and turns bad input into
// one-line InputErrors. Nothing here runs or writes into the project.
import { existsSync, statSync } from "node:fs";
import { InputError } from "../util/errors.js";
import { dirOf, isInside, joinPath, relativeTo, resolvePath, toPosix } from "../util/path.js";
import { readJsonFile } from "./read-json.js";
import { filesOfTsConfig, walkSourceTree } from "./source-files.js";
import { isReallyInside } from "./confine.js";
import { loadTsConfig, tsconfigWarnings } from "./tsconfig.js";
import { findWorkspaces } from "./workspaces.js";
import type { PackageJson, Project, ProjectOptions, TsConfig } from "./types.js";

export function loadProject(dir: string, options: ProjectOptions = {}): Project {
  const root = resolvePath(dir);
  let stat;
  try {
    stat = statSync(root);
  } catch {
    throw new InputError(`no such directory: ${dir}`);
  }
  if (!stat.isDirectory()) throw new InputError(`not a directory: ${dir} (give the project folder)`);

  const warnings: Project["warnings"] = [];
  const packageJson = readJsonFile<PackageJson>(joinPath(root, "package.json"), "package.json");
  if (!packageJson) warnings.push({ message: "no package.json: entrypoints are guessed from file names" });
  const { packages: workspaces, warnings: workspaceWarnings } = findWorkspaces(root, packageJson);
  warnings.push(...workspaceWarnings);

  const tsconfigsByDir = new Map<string, TsConfig>();
  let rootConfig: TsConfig | null = null;
  if (options.tsconfig) {
    const file = resolvePath(options.tsconfig);
    if (!existsSync(file)) throw new InputError(`no such tsconfig: ${options.tsconfig}`);
    rootConfig = loadTsConfig(file, root);
  } else if (existsSync(joinPath(root, "tsconfig.json"))) {
    rootConfig = loadTsConfig(joinPath(root, "tsconfig.json"), root);
  }
  if (rootConfig) tsconfigsByDir.set(options.tsconfig ? root : dirOf(rootConfig.file), rootConfig);

  const files = new Set<string>();
  const addConfigFiles = (config: TsConfig): void => {
    warnings.push(...tsconfigWarnings(root, config));
    let outside = 0;
    for (const f of filesOfTsConfig(config)) {
      if (isReallyInside(root, f)) files.add(f);
      else outside += 1;
    }
    if (outside > 0) warnings.push({ file: relativeTo(root, config.file), message: `${outside} included file(s) outside the project folder, not read` });
  };
  if (rootConfig) {
    addConfigFiles(rootConfig);
    for (const ref of collectReferences(rootConfig, warnings)) {
      tsconfigsByDir.set(dirOf(ref.file), ref);
      addConfigFiles(ref);
    }
  }
  const outDirs = [...tsconfigsByDir.values()].flatMap((c) => (c.options.outDir ? [toPosix(c.options.outDir)] : []));
  for (const ws of workspaces) {
    const wsConfigFile = joinPath(ws.dir, "tsconfig.json");
    if (!options.tsconfig && existsSync(wsConfigFile) && !tsconfigsByDir.has(ws.dir)) {
      try {
        const config = loadTsConfig(wsConfigFile, root);
        tsconfigsByDir.set(ws.dir, config);
        addConfigFiles(config);
        continue;
      } catch (error) {
        warnings.push({ file: relativeTo(root, wsConfigFile), message: `${(error as Error).message}; its files are read without it` });
      }
    }
    if (![...files].some((f) => isInside(ws.dir, f))) {
      const walked = walkSourceTree(ws.dir, outDirs, root);
      walked.files.forEach((f) => files.add(f));
      for (const w of walked.warnings) warnings.push({ file: relativeTo(root, w.file), message: w.message });
    }
  }
  // A tsconfig whose include matches nothing here (a solution file, a stale include) must not
  // hide the sources that are there: read the tree as if there were no tsconfig.
  const walkTree = !rootConfig || files.size === 0;
  if (rootConfig && files.size === 0) {
    warnings.push({ file: relativeTo(root, rootConfig.file), message: "tsconfig includes no source files; reading the source tree instead" });
  }
  if (walkTree) {
    const walked = walkSourceTree(root, outDirs, root);
    walked.files.forEach((f) => files.add(f));
    for (const w of walked.warnings) warnings.push({ file: relativeTo(root, w.file), message: w.message });
  }
  if (files.size === 0) throw new InputError(`no JavaScript or TypeScript source files found in ${dir}`);
  return {
    root,
    packageJson,
    tsconfig: rootConfig,
    tsconfigsByDir,
    forcedTsconfig: options.tsconfig !== undefined,
    workspaces,
    files: [...files].sort(),
    warnings,
  };
}

/** Project references, transitively (solution-style tsconfigs list their packages this way). */
function collectReferences(config: TsConfig, warnings: Project["warnings"]): TsConfig[] {
  const seen = new Set<string>([config.file]);
  const out: TsConfig[] = [];
  const queue = [...config.references];
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    if (!existsSync(file)) {
      warnings.push({ file, message: "referenced tsconfig not found" });
      continue;
    }
    const ref = loadTsConfig(file, dirOf(file));
    out.push(ref);
    queue.push(...ref.references);
  }
  return out;
}
