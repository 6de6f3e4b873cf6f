// Compiles one TypeScript file as the project's tsc would emit it: TypeScript's own
// transpileModule with the project's compilerOptions (decorator metadata, legacy decorators,
// esModuleInterop helpers), an inline source map so stack lines stay TS lines. Runs in the child
// (both threads); loads the typescript module the parent chose. Imports node: builtins only.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { cacheKey, readCached, writeCached } from "./transpile-cache.js";
import { ENV_TS_KEY, ENV_TS_MODULE, ENV_TSCONFIG } from "./transpile-env.js";

export type ModuleFormat = "module" | "commonjs";

type CompilerOptions = Record<string, unknown> & { paths?: Record<string, string[]>; baseUrl?: string; pathsBasePath?: string };
interface TypeScriptApi {
  readConfigFile(file: string, read: (path: string) => string | undefined): { config?: unknown; error?: unknown };
  parseJsonConfigFileContent(json: unknown, host: unknown, base: string, existing?: unknown, file?: string): { options: CompilerOptions };
  transpileModule(text: string, options: { compilerOptions: CompilerOptions; fileName: string }): { outputText: string };
  sys: unknown;
  ModuleKind: { CommonJS: number; ESNext: number };
}

let ts: TypeScriptApi | null = null;
let options: CompilerOptions | null = null;

function compiler(): { ts: TypeScriptApi; options: CompilerOptions } {
  if (!ts) ts = createRequire(import.meta.url)(process.env[ENV_TS_MODULE] ?? "typescript") as TypeScriptApi;
  options ??= projectOptions(ts);
  return { ts, options };
}

/** The tsconfig's options, parsed with its extends chain; output-only settings overridden. */
function projectOptions(api: TypeScriptApi): CompilerOptions {
  const file = process.env[ENV_TSCONFIG];
  let parsed: CompilerOptions = {};
  if (file) {
    const read = api.readConfigFile(file, (path) => {
      try {
        return readFileSync(path, "utf8");
      } catch {
        return undefined;
      }
    });
    if (!read.error) parsed = api.parseJsonConfigFileContent(read.config, api.sys, dirname(file), undefined, file).options;
  }
  const out: CompilerOptions = { ...parsed, sourceMap: false, inlineSourceMap: true, inlineSources: true, noEmit: false, emitDeclarationOnly: false, declaration: false, declarationMap: false };
  for (const key of ["outDir", "outFile", "out", "rootDir", "mapRoot", "sourceRoot", "tsBuildInfoFile", "incremental", "composite"]) delete out[key];
  return out;
}

/** `format` is what Node gives the output (the file's extension and package.json type), so it always runs. */
export function compileFile(filename: string, format: ModuleFormat): string {
  const text = readFileSync(filename, "utf8");
  // Without the parent's fingerprint there is no key that does not need typescript loaded.
  const fingerprint = process.env[ENV_TS_KEY];
  const key = fingerprint ? cacheKey([fingerprint, format, filename, text]) : null;
  const cached = key ? readCached(key) : null;
  if (cached !== null) return cached;
  const { ts: api, options: base } = compiler();
  const module = format === "commonjs" ? api.ModuleKind.CommonJS : api.ModuleKind.ESNext;
  const code = api.transpileModule(text, { compilerOptions: { ...base, module }, fileName: filename }).outputText;
  if (key) writeCached(key, code);
  return code;
}

/** Where a tsconfig `paths` alias points, most specific pattern first (as TypeScript picks). */
export function pathCandidates(specifier: string): string[] {
  const { options: base } = compiler();
  const paths = base.paths;
  if (!paths) return [];
  const root = base.baseUrl ?? base.pathsBasePath ?? process.cwd();
  let best: { prefix: string; star: string; targets: string[] } | null = null;
  for (const [pattern, targets] of Object.entries(paths)) {
    const star = pattern.indexOf("*");
    const prefix = star < 0 ? pattern : pattern.slice(0, star);
    const suffix = star < 0 ? "" : pattern.slice(star + 1);
    const matches = star < 0 ? specifier === pattern : specifier.startsWith(prefix) && specifier.endsWith(suffix) && specifier.length >= prefix.length + suffix.length;
    if (!matches || (best && best.prefix.length >= prefix.length)) continue;
    best = { prefix, star: star < 0 ? "" : specifier.slice(prefix.length, specifier.length - suffix.length), targets };
  }
  return best ? best.targets.map((target) => resolve(root, target.replace("*", best.star))) : [];
}

/** The nearest package.json's `type`, as Node reads it for a .js output. */
export function packageType(filename: string): "module" | "commonjs" {
  let dir = dirname(filename);
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { type?: string };
      return pkg.type === "module" ? "module" : "commonjs";
    } catch {
      const parent = dirname(dir);
      if (parent === dir) return "commonjs";
      dir = parent;
    }
  }
}

export function formatOf(filename: string): ModuleFormat {
  if (filename.endsWith(".mts")) return "module";
  if (filename.endsWith(".cts")) return "commonjs";
  return packageType(filename);
}

export const TS_SOURCE = /\.(?:[cm]?ts|tsx)$/;
/** `./user.js` written in TypeScript source names `./user.ts` (TypeScript's own resolution). */
export function sourceCandidates(specifier: string): string[] {
  const match = /^(.*)\.(m|c)?js(x?)$/.exec(specifier);
  if (!match) return [];
  const [, stem, kind = "", jsx] = match;
  return kind ? [`${stem}.${kind}ts`] : jsx ? [`${stem}.tsx`] : [`${stem}.ts`, `${stem}.tsx`];
}
