// Which entry a start command runs, and through what: the source itself, or its build output.
import { statSync } from "node:fs";
import { joinPath, resolvePath } from "../../util/path.js";
import { nestCli, outputOf, sourceOfOutput, type LazyBuildConfig } from "./build-output.js";
import type { StartCommand } from "./types.js";

export interface StartedProgram {
  start: StartCommand;
  /** Absolute path of what the start command hands to the runtime (dist/main.js, src/main.ts). */
  file: string;
  /** The file is the build output of the entry, not the entry itself. */
  compiled: boolean;
}

const RESOLVE_EXTENSIONS = ["", ".js", ".mjs", ".cjs", ".ts", ".mts", ".cts", "/index.js", "/index.ts"];

/** The first start command that runs `entry` (absolute), directly or as its build output. */
export function startedProgram(root: string, entry: string, starts: StartCommand[], config: LazyBuildConfig): StartedProgram | null {
  for (const start of starts) {
    const file = launchedFile(root, start, config);
    if (!file) continue;
    if (file === entry) return { start, file, compiled: false };
    const built = config.get();
    if (built && (sourceOfOutput(built, file) === entry || outputOf(built, entry) === file)) return { start, file, compiled: true };
  }
  return null;
}

function launchedFile(root: string, start: StartCommand, config: LazyBuildConfig): string | null {
  const { launch } = start;
  if (launch.runner === "nest") {
    // `nest start` builds with tsc, then runs `node <outDir>/<entryFile>.js` (@nestjs/cli start action).
    const cli = nestCli(root);
    const source = joinPath(root, cli?.sourceRoot ?? "src", `${cli?.entryFile ?? "main"}.ts`);
    const built = config.get();
    return built ? outputOf(built, source) : null;
  }
  if (!launch.file) return null;
  // Node resolves `node dist/main` to dist/main.js.
  const base = resolvePath(root, launch.file);
  for (const extension of RESOLVE_EXTENSIONS) {
    if (isFile(base + extension)) return base + extension;
  }
  // Not built yet: still the output of the entry if the build config says so.
  return base.endsWith(".js") || config.path === null ? base : `${base}.js`;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
