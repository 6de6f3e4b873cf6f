// Resolves each import the way the project itself does: ts.resolveModuleName with the compiler
// options of the file's nearest tsconfig (paths, baseUrl, moduleResolution, `.js` -> `.ts`),
// workspace packages to their sources, package.json `imports` as a fallback for older modes.
import { existsSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirOf, isInside, isSourceFile, joinPath, toPosix } from "../util/path.js";
import { outputToSource } from "../project/output-to-source.js";
import { loadTsConfig } from "../project/tsconfig.js";
import type { Project, TsConfig, WorkspacePackage } from "../project/types.js";
import { createCaseLookup } from "./case-lookup.js";
import { createCachedHost } from "./host.js";
import { resolvePackageImport } from "./package-imports.js";
import { typescript, type TS } from "./typescript.js";
import type { ImportSite } from "./types.js";
import { resolveWorkspaceSpecifier } from "./workspace-resolve.js";

export interface Resolution {
  target: string | null;
  external: boolean;
  unresolved: boolean;
  /** Set when `target` matches the specifier only case-insensitively (works on macOS, ERR_MODULE_NOT_FOUND on Linux). */
  caseMismatch?: boolean;
  /** A relative or tsconfig `paths` specifier: one the project itself must provide (none for packages). */
  local?: boolean;
}

const BUILTINS = new Set(builtinModules);
// What the compiler takes as relative (pathIsRelative): `.foo` is a package name.
const RELATIVE = /^\.\.?(?:\/|$)/;

export interface Resolver {
  resolve(site: ImportSite, fromFile: string): Resolution;
  configFor(file: string): TsConfig | null;
  warnings: Array<{ file?: string; message: string }>;
}

/** Everything a resolution depends on besides the file system: see the memo in createResolver. */
export function resolutionKey(site: Pick<ImportSite, "kind" | "specifier">, fromFile: string): string {
  return `${modeCode(site)}${dirOf(fromFile)}\0${site.specifier}`;
}

/** The resolution mode a site's kind asks for: require, import(), or the importing file's own. */
function modeCode(site: Pick<ImportSite, "kind">): string {
  return site.kind === "require" ? "r" : site.kind === "dynamic" ? "d" : "s";
}

export function createResolver(project: Project): Resolver {
  const ts = typescript();
  const host = createCachedHost();
  const caseLookup = createCaseLookup();
  const workspaces = new Map<string, WorkspacePackage>(project.workspaces.map((w) => [w.name, w]));
  const warnings: Resolver["warnings"] = [];
  const configByDir = new Map<string, TsConfig | null>(project.tsconfigsByDir);
  const caches = new Map<TsConfig | null, { options: TS.CompilerOptions; cache: TS.ModuleResolutionCache }>();
  const defaultOptions: TS.CompilerOptions = {
    allowJs: true,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    resolveJsonModule: true,
  };

  const configFor = (file: string): TsConfig | null => {
    if (project.forcedTsconfig) return project.tsconfig;
    const chain: string[] = [];
    let dir = dirOf(file);
    let found: TsConfig | null = null;
    for (;;) {
      const cached = configByDir.get(dir);
      if (cached !== undefined) {
        found = cached;
        break;
      }
      chain.push(dir);
      const candidate = joinPath(dir, "tsconfig.json");
      if (existsSync(candidate) && !dir.includes("/node_modules/")) {
        try {
          found = loadTsConfig(candidate);
        } catch (error) {
          warnings.push({ file: candidate, message: `${(error as Error).message}; files below it use the parent config` });
          found = null;
          chain.pop();
          configByDir.set(dir, null);
          dir = dirOf(dir);
          continue;
        }
        configByDir.set(dir, found);
        chain.pop();
        break;
      }
      const parent = dirOf(dir);
      if (dir === project.root || !isInside(project.root, parent) || parent === dir) {
        found = project.tsconfig;
        break;
      }
      dir = parent;
    }
    for (const d of chain) configByDir.set(d, found);
    return found;
  };

  const cacheFor = (config: TsConfig | null) => {
    let entry = caches.get(config);
    if (!entry) {
      // Node loads JSON through require() and `import ... with { type: "json" }` whatever the
      // tsconfig says: `require("../package.json")` is not a missing module.
      const options = config ? { ...config.options, allowJs: true, resolveJsonModule: true } : defaultOptions;
      entry = { options, cache: ts.createModuleResolutionCache(project.root, (x) => x, options) };
      caches.set(config, entry);
    }
    return entry;
  };

  const toProjectFile = (resolved: string, config: TsConfig | null): string | null => {
    const file = toPosix(resolved);
    const targetConfig = configFor(file) ?? config;
    const outDir = targetConfig?.options.outDir ? toPosix(targetConfig.options.outDir) : null;
    // bin/cli.js importing ../dist/main.js means the source that tsc builds into dist/.
    if (outDir && isInside(outDir, file)) return outputToSource(file, dirOf(targetConfig!.file), targetConfig);
    if (isSourceFile(file) && !file.includes("/node_modules/")) return file;
    // A declaration or output file of our own: find the source that produces it.
    for (const ws of project.workspaces) {
      if (isInside(ws.dir, file) && !file.slice(ws.dir.length).includes("/node_modules/")) return outputToSource(file, ws.dir, configFor(joinPath(ws.dir, "package.json")));
    }
    if (isInside(project.root, file) && !file.includes("/node_modules/")) return outputToSource(file, project.root, config);
    return null;
  };

  // Everything below depends on the importing file only through its directory (its nearest
  // tsconfig, ts.resolveModuleName's containing directory, the package.json above it), and on the
  // kind only through the resolution mode: siblings importing the same specifier share one answer.
  const memo = new Map<string, Resolution>();
  const resolve = (site: ImportSite, fromFile: string): Resolution => {
    const key = resolutionKey(site, fromFile);
    let resolution = memo.get(key);
    if (resolution === undefined) memo.set(key, (resolution = RELATIVE.test(site.specifier) ? resolveRelative(site, fromFile) : resolveUncached(site, fromFile)));
    return resolution;
  };

  // A relative specifier means one path: the compiler joins it to the importing directory before
  // it tries anything, and every later step (extensions, index files, rootDirs, the build-output
  // and case fallbacks below) reads only that path, the options and the mode. `../utils` from ten
  // sibling folders is one answer: typeorm's 8,464 relative lookups are 2,183 paths.
  const byPath = new Map<TsConfig | null, Map<string, Resolution>>();
  const resolveRelative = (site: ImportSite, fromFile: string): Resolution => {
    const config = configFor(fromFile);
    let paths = byPath.get(config);
    if (!paths) byPath.set(config, (paths = new Map()));
    const spec = site.specifier;
    // `./x/`, `.` and `..` name a folder only: the compiler keeps that, so the key does too.
    const folderOnly = spec.endsWith("/") || spec === "." || spec === ".." || spec.endsWith("/.") || spec.endsWith("/..");
    const key = `${modeCode(site)}${folderOnly ? "/" : "f"}${joinPath(dirOf(fromFile), spec)}`;
    let resolution = paths.get(key);
    if (resolution === undefined) paths.set(key, (resolution = resolveUncached(site, fromFile)));
    return resolution;
  };

  const workspaceMemo = new Map<string, string | null | undefined>();
  const resolveWorkspace = (spec: string): string | null | undefined => {
    if (workspaceMemo.has(spec)) return workspaceMemo.get(spec);
    const found = resolveWorkspaceSpecifier(spec, workspaces, (dir) => configFor(joinPath(dir, "package.json")));
    workspaceMemo.set(spec, found);
    return found;
  };

  const resolveUncached = (site: ImportSite, fromFile: string): Resolution => {
    const spec = site.specifier;
    if (spec.startsWith("node:") || BUILTINS.has(spec) || /^[a-z]+:/i.test(spec)) return { target: null, external: true, unresolved: false };
    const config = configFor(fromFile);
    const fromWorkspace = resolveWorkspace(spec);
    if (fromWorkspace) return { target: fromWorkspace, external: false, unresolved: false };
    const { options, cache } = cacheFor(config);
    const mode = site.kind === "require" ? ts.ModuleKind.CommonJS : site.kind === "dynamic" ? ts.ModuleKind.ESNext : undefined;
    // A relative specifier's answer is already kept per directory by the memo above; the compiler's
    // cache would keep it again, with every path it tried (7 of 163 MB at 10k synthetic modules).
    const shared = spec.startsWith(".") ? undefined : cache;
    const result = ts.resolveModuleName(spec, fromFile, options, host, shared, undefined, mode as TS.ResolutionMode);
    const resolved = result.resolvedModule;
    if (resolved) {
      const real = resolved.isExternalLibraryImport ? toProjectFileIfWorkspace(toPosix(host.realpath!(resolved.resolvedFileName))) : null;
      if (resolved.isExternalLibraryImport && !real) return { target: null, external: true, unresolved: false };
      const target = real ?? toProjectFile(resolved.resolvedFileName, config);
      if (!target) return { target: null, external: true, unresolved: false };
      // On a case-insensitive file system the resolver accepts any case: compare with the disk.
      if (!ts.sys.useCaseSensitiveFileNames && !resolved.isExternalLibraryImport) {
        const onDisk = caseLookup.onDisk(target, project.root);
        if (onDisk && onDisk !== target) return { target: onDisk, external: false, unresolved: false, caseMismatch: true, local: true };
      }
      return { target, external: false, unresolved: false };
    }
    if (spec.startsWith("#")) {
      const viaImports = resolvePackageImport(spec, fromFile, project.root, config);
      if (viaImports) return { target: viaImports, external: false, unresolved: false };
    }
    const relative = spec.startsWith(".") || spec.startsWith("/");
    const aliased = !relative && !spec.startsWith("#") ? pathsCandidates(spec, options, config) : [];
    if (relative || aliased.length > 0) {
      const candidates = relative ? [spec.startsWith("/") ? spec : joinPath(dirOf(fromFile), spec)] : aliased;
      for (const candidate of candidates) {
        // `require("../dist/cli")` from a bin stub before the build ran: the source tsc builds it from.
        const built = fromBuildOutput(candidate);
        if (built) return { target: built, external: false, unresolved: false, local: true };
      }
      for (const candidate of candidates) {
        const found = caseLookup.find(candidate.replace(/\.[cm]?js$/, ""), project.root) ?? caseLookup.find(candidate, project.root);
        if (found) return { target: found, external: false, unresolved: false, caseMismatch: true, local: true };
      }
      return { target: null, external: false, unresolved: true, local: true };
    }
    // `#name` only ever means the package's own `imports` map: unmatched, it is a local miss.
    if (spec.startsWith("#")) return { target: null, external: false, unresolved: true, local: true };
    // A workspace package's name with a subpath nothing provides.
    if (fromWorkspace === null) return { target: null, external: false, unresolved: true, local: true };
    return { target: null, external: true, unresolved: false };
  };

  const fromBuildOutput = (candidate: string): string | null => {
    const config = configFor(candidate);
    const outDir = config?.options.outDir ? toPosix(config.options.outDir) : null;
    const inOutput = (outDir && isInside(outDir, candidate)) || /\/(?:dist|build|lib|out)\//.test(candidate);
    if (!inOutput) return null;
    const owner = project.workspaces.find((ws) => isInside(ws.dir, candidate))?.dir ?? (config ? dirOf(config.file) : project.root);
    const mapped = outputToSource(candidate, owner, config);
    return mapped && mapped !== candidate && isSourceFile(mapped) ? mapped : null;
  };

  const toProjectFileIfWorkspace = (real: string): string | null => {
    for (const ws of project.workspaces) {
      if (isInside(ws.dir, real) && !real.slice(ws.dir.length).includes("/node_modules/")) {
        return outputToSource(real, ws.dir, configFor(joinPath(ws.dir, "package.json")));
      }
    }
    return null;
  };

  return { resolve, configFor, warnings };
}

/** Where a tsconfig `paths` alias would point (`@/x` -> <baseUrl>/src/x); empty when no pattern matches. */
function pathsCandidates(spec: string, options: TS.CompilerOptions, config: TsConfig | null): string[] {
  const paths = options.paths;
  if (!paths) return [];
  const base = options.baseUrl ? toPosix(options.baseUrl) : config ? dirOf(config.file) : null;
  if (!base) return [];
  const out: string[] = [];
  for (const [pattern, targets] of Object.entries(paths)) {
    const star = pattern.indexOf("*");
    let middle: string | null = null;
    if (star < 0) middle = pattern === spec ? "" : null;
    else if (spec.startsWith(pattern.slice(0, star)) && spec.endsWith(pattern.slice(star + 1)) && spec.length >= pattern.length - 1) middle = spec.slice(star, spec.length - (pattern.length - star - 1));
    if (middle === null) continue;
    // `"*": ["types/*"]` catches every package name, and a target in node_modules is a package:
    // neither makes the specifier one the project must provide.
    if (pattern === "*") continue;
    for (const target of targets) out.push(joinPath(base, target.replace("*", middle)));
  }
  return out.some((c) => c.includes("/node_modules/")) ? [] : out;
}
