// Where a pending module is waiting, read from its source. The runtime cannot tell: a module
// suspended in a top-level await has no stack, so this reads the text (best effort).
import { dirOf, resolvePath } from "../util/path.js";
import { withoutExtension } from "./paths.js";

const DYNAMIC_IMPORT = /\bimport\(\s*(["'`])([^"'`]+)\1/g;
const TOP_LEVEL_AWAIT = /^(?:export\s+)?(?:(?:const|let|var)\s+[^=]+=\s*)?(?:await\b|for\s+await\b)/;

/** 1-based line of an `import("...")` in `source` (of file `from`) that resolves to `target`. */
export function importLine(source: string, from: string, target: string): number | undefined {
  const wanted = withoutExtension(target);
  const lines = source.split("\n");
  for (let index = 0; index < lines.length; index++) {
    for (const match of (lines[index] ?? "").matchAll(DYNAMIC_IMPORT)) {
      const specifier = match[2] ?? "";
      if (!specifier.startsWith(".")) continue;
      if (withoutExtension(resolvePath(dirOf(from), specifier)) === wanted) return index + 1;
    }
  }
  return undefined;
}

/** 1-based line of the first top-level `await` (a statement starting in column 1). */
export function topLevelAwaitLine(source: string): number | undefined {
  const lines = source.split("\n");
  for (let index = 0; index < lines.length; index++) {
    if (TOP_LEVEL_AWAIT.test(lines[index] ?? "")) return index + 1;
  }
  return undefined;
}
