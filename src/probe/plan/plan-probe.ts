// Decides what the probe runs for one entry: the program the project's start script starts
// (its environment, node flags and preloads), its build output when that is up to date, else a
// transform that compiles as the project's tsc does (runtime-facts §6.2). Reads files, never writes.
import { existsSync, readFileSync } from "node:fs";
import type { RuntimeName } from "../../report/types.js";
import { dirOf, isInside, isTypeScriptFile, joinPath, relativeTo, resolvePath } from "../../util/path.js";
import { parseEnvFile } from "../env-file.js";
import { preloadDir } from "../runtimes.js";
import { LazyBuildConfig, buildConfigPath, hasSourceMap, staleSource } from "./build-output.js";
import { nodeInvocation, type Invocation } from "./invocation.js";
import { startedProgram, type StartedProgram } from "./program-of-start.js";
import { sortFlags } from "./runtime-flags.js";
import { shellWord } from "./shell-words.js";
import { START_SCRIPTS, startCommands } from "./start-script.js";
import { shellCommands } from "./shell-words.js";
import { pm2Command, pm2Start } from "../../project/pm2.js";
import type { ProbePlan, Transform } from "./types.js";

export interface PlanInput {
  /** Absolute project root. */
  root: string;
  /** Root-relative POSIX path of the entry (a source file). */
  entry: string;
  runtime: RuntimeName;
  bunPath: string | null;
  /** The user's --env / --env-file values: they win over the start script's. */
  env: Record<string, string>;
}

export function planProbe(input: PlanInput): ProbePlan {
  const entry = resolvePath(input.root, input.entry);
  const { dir, scripts, config, started } = packageOf(input.root, entry);
  const warnings: string[] = [];
  if (!started) warnings.push(...pm2Unread(dir, scripts));
  const env = { ...startEnv(dir, started, warnings), ...input.env };
  const base = { cwd: dir, env, warnings };
  // A workspace package's start script runs in its own folder (npm -w, pnpm --filter).
  const cd = dir === input.root ? "" : `cd ${shellWord(relativeTo(input.root, dir))} && `;
  if (input.runtime === "bun") {
    const plan = bunPlan({ ...input, root: dir }, entry, started, base);
    return withMetadata({ ...plan, display: `${cd}${plan.display}` }, config);
  }
  // tsc leaves `paths` aliases as written; nest build and tsc-alias rewrite them, tsx resolves them.
  const aliases = !started || started.start.launch.runner === "nest" || /\b(tsc-alias|nest build)\b/.test(scripts.build ?? "");
  const { env: hookEnv, ...plan } = nodeInvocation({ ...chooseNode(dir, entry, started, config, warnings), aliases }, dir);
  return withMetadata({ ...base, ...plan, env: { ...hookEnv, ...env }, display: `${cd}${displayEnv(started)}${plan.display}` }, config);
}

/** A start script whose pm2 ecosystem file could not be read: said, since the probe then cannot follow it. */
function pm2Unread(dir: string, scripts: Record<string, string>): string[] {
  const out: string[] = [];
  for (const name of START_SCRIPTS) {
    for (const words of shellCommands(scripts[name] ?? "")) {
      const command = pm2Command(words);
      const started = command ? pm2Start(command.words, dir) : null;
      if (started && "unreadable" in started) out.push(`scripts.${name} starts pm2 with ${started.config}, not followed: ${started.unreadable}; pass the app's entry with --entry`);
    }
  }
  return out;
}

/** Bun, tsc's output and TypeScript's transpileModule emit decorator metadata; tsx does not (runtime-facts §6.2). */
function withMetadata(plan: ProbePlan, config: LazyBuildConfig): ProbePlan {
  if (plan.transform === "none" || !config.needsMetadata()) return plan;
  return { ...plan, decoratorMetadata: plan.transform !== "tsx" };
}

interface PackageChoice {
  /** Absolute folder whose package.json scripts apply, and where the child runs. */
  dir: string;
  scripts: Record<string, string>;
  config: LazyBuildConfig;
  started: StartedProgram | null;
}

/** The entry's own package (nearest package.json below the root) if its start script runs it, else the root's; else the nearest. */
function packageOf(root: string, entry: string): PackageChoice {
  const nearest = nearestPackageDir(root, entry);
  const choices = [nearest, root].filter((dir, index, all) => all.indexOf(dir) === index).map((dir): PackageChoice => {
    const scripts = readScripts(dir);
    const config = new LazyBuildConfig(buildConfigPath(dir, scripts));
    return { dir, scripts, config, started: startedProgram(dir, entry, startCommands(dir, scripts), config) };
  });
  return choices.find((choice) => choice.started !== null) ?? (choices[0] as PackageChoice);
}

function nearestPackageDir(root: string, entry: string): string {
  for (let dir = dirOf(entry); isInside(root, dir) && dir !== root; dir = dirOf(dir)) {
    if (existsSync(joinPath(dir, "package.json"))) return dir;
  }
  return root;
}

type Base = Pick<ProbePlan, "cwd" | "env" | "warnings">;

function chooseNode(root: string, entry: string, started: StartedProgram | null, config: LazyBuildConfig, warnings: string[]): Invocation {
  const rel = (file: string): string => relativeTo(root, file);
  if (!started) return fallback(entry, config, "no start script runs it");
  const { start, file } = started;
  const { launch } = start;
  const named = `scripts.${start.name}${start.via.length > 1 ? ` (via ${start.via.slice(1).join(", ")})` : ""}`;
  const tool = launch.runner === "ts-node" ? "ts-node" : launch.runner === "tsx" ? "tsx" : "node";
  const flags = sortFlags(launch.flags, tool);
  if (flags.dropped.length > 0 || launch.watch) warnings.push(`not passed on from ${named}: ${[...(launch.watch ? ["watch mode"] : []), ...flags.dropped].join(" ")} (the probe runs the program once)`);
  for (const difference of launch.differences ?? []) warnings.push(`${named}: ${difference}`);
  if (start.before.length > 0) warnings.push(`${named} first runs \`${start.before.join(" && ")}\`; the probe never runs build or setup steps`);
  const common = { flags: flags.kept, args: launch.args };
  if (started.compiled || launch.runner === "nest") {
    const what = launch.runner === "nest" ? `\`nest start\` (a tsc build, then node ${rel(file)})` : `node ${rel(file)}`;
    const built = config.get();
    const stale = built ? staleSource(built) : null;
    if (built && !stale) {
      if (!hasSourceMap(file)) warnings.push(`${rel(file)} has no source map: lines are those of the compiled JavaScript`);
      return { ...common, transform: "compiled-output", file, reason: `${named} runs ${what} and ${rel(file)} is up to date` };
    }
    const why = !built ? "no tsconfig says how it is built" : stale?.missing ? `${rel(stale.output)} does not exist` : `${rel(stale?.output ?? file)} is older than ${rel(stale?.source ?? entry)}`;
    warnings.push(`${named} runs ${what}, but ${why}: ran the source through TypeScript's transpileModule instead (startup-doctor never builds)`);
    return { ...common, transform: "typescript", file: entry, tsconfig: built?.file, reason: `the build output is stale, so TypeScript's transpileModule compiles the source with ${built ? rel(built.file) : "default options"}, as tsc does` };
  }
  const tsconfig = flags.tsconfig ? resolvePath(root, flags.tsconfig) : (config.path ?? undefined);
  if (launch.runner === "ts-node" || flags.compiler === "ts-node") {
    return { ...common, transform: "typescript", file, tsconfig, reason: `${named} runs it with ts-node, which compiles with TypeScript and ${tsconfig ? rel(tsconfig) : "its tsconfig"}` };
  }
  if (launch.runner === "tsx" || flags.compiler === "tsx") {
    if (config.needsMetadata()) warnings.push(`${named} runs tsx, which emits no decorator metadata although ${rel(config.path ?? "tsconfig.json")} sets emitDecoratorMetadata: probed as started`);
    return { ...common, transform: "tsx", file, reason: `${named} runs it with tsx` };
  }
  if (flags.compiler) {
    const plan = fallback(entry, config, `${named} compiles it with ${flags.compiler}`);
    return { ...plan, ...common, differsFromStart: `${named} compiles with ${flags.compiler}; the probe compiled with ${plan.transform === "tsx" ? "tsx" : "TypeScript"}` };
  }
  if (launch.runner === "node" && !isTypeScriptFile(file)) return { ...common, transform: "none", file, reason: `${named} runs it with node${launch.wrappers.includes("pm2") ? ", through pm2" : ""}` };
  return { ...fallback(entry, config, `${named} runs it`), ...common };
}

/** No start script to follow: TypeScript's own emit where tsx would differ, else tsx. */
function fallback(entry: string, config: LazyBuildConfig, why: string): Invocation {
  if (!isTypeScriptFile(entry)) return { flags: [], args: [], transform: "none", file: entry, reason: `${why}; plain JavaScript` };
  if (config.path && config.needsMetadata()) {
    return { flags: [], args: [], transform: "typescript", file: entry, tsconfig: config.path, reason: `${why}; ${baseName(config.path)} sets emitDecoratorMetadata, which tsx does not emit, so TypeScript's transpileModule compiles it as tsc does` };
  }
  return { flags: [], args: [], transform: "tsx", file: entry, reason: `${why}; tsx is faithful here (${config.path ? `${baseName(config.path)} emits no decorator metadata` : "no tsconfig"})` };
}

function bunPlan(input: PlanInput, entry: string, started: StartedProgram | null, base: Base): ProbePlan {
  if (!input.bunPath) throw new Error("no bun executable");
  const transform: Transform = "bun";
  const runsBun = started?.start.launch.runner === "bun";
  const plan: ProbePlan = {
    ...base,
    command: input.bunPath,
    args: ["--preload", joinPath(preloadDir(), "bun.js"), entry],
    display: `${runsBun ? displayEnv(started) : ""}bun ${relativeTo(input.root, entry)}`,
    transform,
    reason: runsBun ? `scripts.${started?.start.name} runs it with bun` : "a Bun project: bun compiles TypeScript itself",
  };
  if (started && !runsBun) plan.differsFromStart = `scripts.${started.start.name} runs it with ${started.start.launch.runner}; this probe ran bun`;
  if (!runsBun) plan.env = input.env;
  return plan;
}

/** Assignments and env files of the start command; a file does not override what is already set (dotenv-cli). */
function startEnv(root: string, started: StartedProgram | null, warnings: string[]): Record<string, string> {
  if (!started) return {};
  const fromFiles: Record<string, string> = {};
  for (const file of started.start.launch.envFiles) {
    try {
      for (const [key, value] of Object.entries(parseEnvFile(readFileSync(resolvePath(root, file), "utf8")))) {
        if (process.env[key] === undefined && !(key in fromFiles)) fromFiles[key] = value;
      }
    } catch {
      warnings.push(`scripts.${started.start.name} loads ${file}, which cannot be read`);
    }
  }
  return { ...fromFiles, ...started.start.launch.env };
}

function displayEnv(started: StartedProgram | null): string {
  const env = started?.start.launch.env ?? {};
  return Object.entries(env).map(([key, value]) => `${key}=${value === "" ? "''" : shellWord(value)} `).join("");
}

function readScripts(root: string): Record<string, string> {
  try {
    const pkg = JSON.parse(readFileSync(`${root}/package.json`, "utf8")) as { scripts?: Record<string, unknown> };
    return Object.fromEntries(Object.entries(pkg.scripts ?? {}).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
  } catch {
    return {};
  }
}

function baseName(file: string): string {
  return file.slice(file.lastIndexOf("/") + 1);
}
