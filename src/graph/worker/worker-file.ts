// Where a worker's compiled entry file is. Workers run compiled JavaScript: from dist/ it sits
// beside the caller; when the caller runs from src/ (tests through tsx) it is the one in dist/,
// as the probe's preload (src/probe/runtimes.ts preloadDir) — tsx's hooks do not reach workers
// started without them, and a .ts worker would need them.
import { existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";

export function compiledWorkerUrl(relative: string, base: string): URL {
  const here = fileURLToPath(new URL(relative, base));
  if (existsSync(here)) return pathToFileURL(here);
  const dist = here.replace(/\/src\/(?!.*\/src\/)/, "/dist/");
  return pathToFileURL(dist);
}
