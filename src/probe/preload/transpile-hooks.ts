// Module hooks of the "typescript" transform (hooks thread): .ts URLs that Node gives the ES
// module format are compiled here; CommonJS ones are handed to the CommonJS loader (no source),
// whose Module._extensions handler in transpile.ts compiles them. Imports node: builtins only.
import type { LoadHook, ResolveHook } from "node:module";
import { existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { TS_SOURCE, compileFile, formatOf, pathCandidates, sourceCandidates } from "./transpile-compile.js";

let aliases = false;

export function initialize(data: { aliases?: boolean } | undefined): void {
  aliases = data?.aliases === true;
}

export const resolve: ResolveHook = async (specifier, context, nextResolve) => {
  // `./user.js` from TypeScript source names ./user.ts: go there directly rather than through a
  // failed resolution (an exception per import).
  const parent = context.parentURL;
  if (specifier.startsWith(".") && parent?.startsWith("file:")) {
    const written = new URL(specifier, parent);
    if (!existsSync(written)) {
      const found = sourceCandidates(written.pathname).find((candidate) => existsSync(candidate));
      if (found) return nextResolve(pathToFileURL(found).href, context);
    }
  }
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    const candidates = [...sourceCandidates(specifier), ...(aliases && !specifier.startsWith(".") && !specifier.includes(":") ? pathCandidates(specifier).flatMap(withExtensions) : [])];
    for (const candidate of candidates) {
      try {
        return await nextResolve(candidate.startsWith("/") ? pathToFileURL(candidate).href : candidate, context);
      } catch {
        // Try the next candidate.
      }
    }
    throw error;
  }
};

export const load: LoadHook = async (url, context, nextLoad) => {
  if (!url.startsWith("file:") || !TS_SOURCE.test(new URL(url).pathname)) return nextLoad(url, context);
  const filename = fileURLToPath(url);
  const format = formatOf(filename);
  // No source: Node loads it with the CommonJS loader, so `require` inside it works as in tsc's output.
  if (format === "commonjs") return { format, shortCircuit: true };
  return { format, source: compileFile(filename, format), shortCircuit: true };
};

function withExtensions(path: string): string[] {
  return TS_SOURCE.test(path) || /\.[cm]?js$/.test(path) ? [path] : [`${path}.ts`, `${path}.tsx`, `${path}/index.ts`, `${path}.js`];
}
