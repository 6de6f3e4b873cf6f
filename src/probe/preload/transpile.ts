// `--import` preload for the "typescript" transform: compiles .ts/.tsx/.mts/.cts with TypeScript's
// transpileModule and the project's tsconfig (runtime-facts §6.2: tsx emits no decorator metadata).
// CommonJS through Module._extensions (every require, and the entry: runtime-facts §4.6), ESM
// through the hooks in transpile-hooks.ts. Loaded before the instrumentation preload, which then
// sees the JavaScript. Imports node: builtins only.
import Module, { register } from "node:module";
import { isMainThread } from "node:worker_threads";
import { compileFile, pathCandidates, sourceCandidates } from "./transpile-compile.js";
import { ENV_TS_PATHS } from "./transpile-env.js";

type Extension = (module: { _compile(code: string, filename: string): unknown }, filename: string) => void;
type ResolveFilename = (request: string, parent: unknown, isMain: boolean, options?: unknown) => string;
const loader = Module as unknown as { _extensions: Record<string, Extension>; _resolveFilename: ResolveFilename };

// `--import` preloads also run inside the app's Workers: they get the hooks from the main thread.
if (isMainThread) install();

function install(): void {
  process.setSourceMapsEnabled(true);
  const compileCommonJs: Extension = (module, filename) => {
    module._compile(compileFile(filename, "commonjs"), filename);
  };
  for (const extension of [".ts", ".tsx", ".cts"]) loader._extensions[extension] = compileCommonJs;
  const resolveFilename = loader._resolveFilename;
  const aliases = process.env[ENV_TS_PATHS] === "1";
  loader._resolveFilename = function resolveTypeScript(request, parent, isMain, options) {
    try {
      return resolveFilename.call(this, request, parent, isMain, options);
    } catch (error) {
      const candidates = [...sourceCandidates(request), ...(aliases && !request.startsWith(".") ? pathCandidates(request) : [])];
      for (const candidate of candidates) {
        try {
          return resolveFilename.call(this, candidate, parent, isMain, options);
        } catch {
          // Try the next candidate.
        }
      }
      throw error;
    }
  };
  register(new URL("./transpile-hooks.js", import.meta.url), { data: { aliases } });
}
