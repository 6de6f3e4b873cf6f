// Where a worker's compiled entry file is. Workers run compiled JavaScript: from dist/ it sits
// beside the caller; when the caller runs from src/ (tests through tsx) it is the one in dist/,
// as the probe's preload (src/probe/runtimes.ts preloadDir) — tsx's hooks do not reach workers
// started without them, and a .ts worker would need them.
import { existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker, type WorkerOptions } from "node:worker_threads";

export function compiledWorkerUrl(relative: string, base: string): URL {
  const here = fileURLToPath(new URL(relative, base));
  if (existsSync(here)) return pathToFileURL(here);
  const dist = here.replace(/\/src\/(?!.*\/src\/)/, "/dist/");
  return pathToFileURL(dist);
}

/**
 * A worker on one of our compiled files. A worker takes its host's Node options, and a host run as
 * `node --input-type=module -e ...` (the Node API from a one-liner) hands it `--input-type`, with
 * which a file entry fails to start (ERR_INPUT_TYPE_NOT_ALLOWED); an explicit `execArgv` without
 * it would fail on any V8 option instead (`--max-old-space-size`). There the worker starts as a
 * one-line eval that imports the file, which runs under either input type.
 */
export function startWorker(url: URL, options: WorkerOptions): Worker {
  if (!process.execArgv.some((a) => a === "--input-type" || a.startsWith("--input-type="))) return new Worker(url, options);
  return new Worker(`import(${JSON.stringify(url.href)});`, { ...options, eval: true });
}
