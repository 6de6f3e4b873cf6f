// A chosen transform + file + the start script's flags -> the node command line the child runs.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { joinPath, relativeTo } from "../../util/path.js";
import { ENV_TS_KEY, ENV_TS_MODULE, ENV_TS_PATHS, ENV_TSCONFIG } from "../preload/transpile-env.js";
import { loadBuildConfig } from "./build-output.js";
import { preloadDir } from "../runtimes.js";
import { shellWord } from "./shell-words.js";
import type { ProbePlan, Transform } from "./types.js";

export interface Invocation {
  transform: Transform;
  /** Absolute path of the file node runs. */
  file: string;
  /** The start script's runtime flags that are kept, in order. */
  flags: string[];
  args: string[];
  reason: string;
  /** For the typescript transform: the tsconfig it honours. */
  tsconfig?: string;
  /** The build rewrites tsconfig `paths` aliases (nest build, tsc-alias): resolve them as it does. */
  aliases?: boolean;
  differsFromStart?: string;
}

export type NodeCommand = Pick<ProbePlan, "command" | "args" | "display" | "transform" | "reason" | "differsFromStart"> & { env: Record<string, string> };

export function nodeInvocation(invocation: Invocation, root: string): NodeCommand {
  const preload = preloadDir();
  const hook = transformHook(invocation.transform, preload);
  const sourceMaps = invocation.transform === "compiled-output" && !invocation.flags.includes("--enable-source-maps") ? ["--enable-source-maps"] : [];
  // The transform hook first, then our instrumentation, which then sees JavaScript (runtime-facts
  // §4.3), then the start script's own preloads in their order. Node runs every -r before any --import.
  const ours = ["--import", new URL(`file://${joinPath(preload, "node.js")}`).href];
  const args = [...(hook ? ["--import", hook.module] : []), ...ours, ...sourceMaps, ...invocation.flags, invocation.file, ...invocation.args];
  const shown = [...(hook ? ["--import", hook.shown] : []), ...sourceMaps, ...invocation.flags, relativeTo(root, invocation.file), ...invocation.args];
  const env: Record<string, string> = {};
  if (invocation.transform === "typescript") {
    env[ENV_TS_MODULE] = typescriptModule(root);
    env[ENV_TS_KEY] = fingerprint(env[ENV_TS_MODULE], invocation.tsconfig);
    if (invocation.tsconfig) env[ENV_TSCONFIG] = invocation.tsconfig;
    if (invocation.aliases) env[ENV_TS_PATHS] = "1";
  }
  const out: NodeCommand = { command: process.execPath, args, display: ["node", ...shown].map(shellWord).join(" "), transform: invocation.transform, reason: invocation.reason, env };
  if (invocation.differsFromStart) out.differsFromStart = invocation.differsFromStart;
  return out;
}

function transformHook(transform: Transform, preload: string): { module: string; shown: string } | null {
  if (transform === "tsx") return { module: import.meta.resolve("tsx"), shown: "tsx" };
  if (transform === "typescript") return { module: new URL(`file://${joinPath(preload, "transpile.js")}`).href, shown: "startup-doctor/transpile" };
  return null;
}

/** The project's own typescript (its version decides the emit), else startup-doctor's. */
export function typescriptModule(root: string): string {
  const manifest = joinPath(root, "package.json");
  if (existsSync(manifest)) {
    try {
      return createRequire(manifest).resolve("typescript");
    } catch {
      // Not installed in the project.
    }
  }
  return createRequire(import.meta.url).resolve("typescript");
}

/** Keys the child's compile cache: the typescript it loads and the options it compiles with. */
function fingerprint(typescript: string, tsconfig: string | undefined): string {
  let version = "";
  try {
    version = (JSON.parse(readFileSync(joinPath(typescript, "..", "..", "package.json"), "utf8")) as { version?: string }).version ?? "";
  } catch {
    // An unusual layout: the path alone still keys it.
  }
  const options = tsconfig ? loadBuildConfig(tsconfig)?.options : undefined;
  return createHash("sha256").update(JSON.stringify([TRANSFORM_VERSION, typescript, version, tsconfig ?? null, options ?? null])).digest("hex");
}

/** Bumped when the transform's own emit settings change, so old cache entries are not reused. */
const TRANSFORM_VERSION = 1;
