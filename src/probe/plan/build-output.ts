// The project's build: which tsconfig it compiles with, where each source's output goes, and
// whether that output is up to date. Read-only: the probe never builds.
import { existsSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirOf, isInside, joinPath, relativeTo, resolvePath, toPosix } from "../../util/path.js";
import { typescript, type TS } from "../../util/typescript.js";

export interface BuildConfig {
  /** Absolute path of the tsconfig. */
  file: string;
  options: TS.CompilerOptions;
  /** Compiled inputs (declarations excluded), absolute POSIX. */
  sources: string[];
}

/** nest-cli.json's tsConfigPath, else `tsc -p X` in scripts.build, else tsconfig.build.json, else tsconfig.json. */
export function buildConfigPath(root: string, scripts: Record<string, string>): string | null {
  const fromNest = nestCli(root)?.compilerOptions?.tsConfigPath;
  const fromBuild = /\btsc\b[^&|;]*?\s(?:-p|--project)\s+(\S+)/.exec(scripts.build ?? "")?.[1];
  for (const candidate of [fromNest, fromBuild, "tsconfig.build.json", "tsconfig.json"]) {
    if (!candidate) continue;
    const path = resolvePath(root, candidate);
    const file = existsSync(path) && statSync(path).isDirectory() ? joinPath(path, "tsconfig.json") : path;
    if (existsSync(file)) return file;
  }
  return null;
}

/** Parsed as tsc parses it (extends chains, include/exclude), without our allowJs override. */
export function loadBuildConfig(file: string): BuildConfig | null {
  const ts = typescript();
  const read = ts.readConfigFile(file, ts.sys.readFile);
  if (read.error) return null;
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, dirOf(file), undefined, file);
  const sources = parsed.fileNames.map(toPosix).filter((name) => !/\.d\.[cm]?ts$/.test(name) && !name.endsWith(".json"));
  return { file: toPosix(file), options: parsed.options, sources };
}

/** Where tsc writes a source's JavaScript (outDir + path below rootDir or the common source directory). */
export function outputOf(config: BuildConfig, source: string): string {
  const { outDir } = config.options;
  const rootDir = config.options.rootDir ?? (config.options.composite ? dirOf(config.file) : commonDirectory(config.sources));
  const relative = outDir && isInside(toPosix(rootDir), source) ? relativeTo(toPosix(rootDir), source) : null;
  const target = outDir && relative !== null ? joinPath(toPosix(outDir), relative) : source;
  return target.replace(/\.(m|c)?tsx?$/, (_match, kind: string | undefined) => (kind === "m" ? ".mjs" : kind === "c" ? ".cjs" : ".js"));
}

/** The compiled source whose output is `file`, if any. */
export function sourceOfOutput(config: BuildConfig, file: string): string | null {
  return config.sources.find((source) => source !== file && outputOf(config, source) === file) ?? null;
}

/** The first source newer than its output (or without one), or null when the whole build is up to date. */
export function staleSource(config: BuildConfig): { source: string; output: string; missing: boolean } | null {
  for (const source of config.sources) {
    const output = outputOf(config, source);
    if (output === source) continue;
    const built = mtimeOf(output);
    if (built === null) return { source, output, missing: true };
    if ((mtimeOf(source) ?? 0) > built) return { source, output, missing: false };
  }
  return null;
}

/** The output carries a source map (a .map file or an inline one), so stack lines can be TS lines. */
export function hasSourceMap(output: string): boolean {
  if (existsSync(`${output}.map`)) return true;
  try {
    return readFileSync(output, "utf8").includes("//# sourceMappingURL=");
  } catch {
    return false;
  }
}

export interface NestCli {
  sourceRoot?: string;
  entryFile?: string;
  compilerOptions?: { tsConfigPath?: string };
}

export function nestCli(root: string): NestCli | null {
  for (const name of ["nest-cli.json", ".nestcli.json", ".nest-cli.json", "nest.json"]) {
    try {
      return JSON.parse(readFileSync(joinPath(root, name), "utf8")) as NestCli;
    } catch {
      // Absent or unreadable: try the next name.
    }
  }
  return null;
}

function mtimeOf(file: string): number | null {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return null;
  }
}

function commonDirectory(files: string[]): string {
  if (files.length === 0) return "/";
  let common = dirOf(files[0] as string).split("/");
  for (const file of files) {
    const parts = dirOf(file).split("/");
    let length = 0;
    while (length < common.length && common[length] === parts[length]) length++;
    common = common.slice(0, length);
  }
  return common.join("/") || "/";
}

/** The build config, parsed (with typescript, ~0.3 s) only when a decision needs more than its path. */
export class LazyBuildConfig {
  readonly path: string | null;
  private parsed: BuildConfig | null | undefined;

  constructor(path: string | null) {
    this.path = path;
  }

  get(): BuildConfig | null {
    if (this.parsed === undefined) this.parsed = this.path ? loadBuildConfig(this.path) : null;
    return this.parsed;
  }

  /** emitDecoratorMetadata together with experimentalDecorators, which is what tsx does not emit. */
  needsMetadata(): boolean {
    if (!this.path || !mentions(this.path, "emitDecoratorMetadata", 0)) return false;
    const options = this.get()?.options;
    return options?.emitDecoratorMetadata === true && options.experimentalDecorators === true;
  }
}

/** Whether a tsconfig or one it extends spells `word`: a cheap test that spares loading typescript. */
function mentions(file: string, word: string, depth: number): boolean {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return true;
  }
  if (text.includes(word)) return true;
  const extended = /"extends"\s*:\s*(\[[^\]]*\]|"[^"]*")/.exec(text)?.[1];
  if (!extended || depth > 8) return false;
  const targets = [...extended.matchAll(/"([^"]+)"/g)].map((match) => match[1] as string);
  return targets.some((target) => {
    const resolved = resolveExtends(file, target);
    return resolved === null || mentions(resolved, word, depth + 1);
  });
}

function resolveExtends(from: string, target: string): string | null {
  if (target.startsWith(".") || target.startsWith("/")) {
    const path = resolvePath(dirOf(from), target);
    return existsSync(path) ? path : existsSync(`${path}.json`) ? `${path}.json` : null;
  }
  try {
    return createRequire(from).resolve(target);
  } catch {
    try {
      return createRequire(from).resolve(`${target}/tsconfig.json`);
    } catch {
      return null;
    }
  }
}
