// Which runtime runs an entry, and the command line that runs it under our preload.
import { accessSync, constants, existsSync, readFileSync } from "node:fs";
import { PATH_DELIMITER, dirOf, joinPath } from "../util/path.js";
import { fileURLToPath } from "node:url";
import type { RuntimeName } from "../report/types.js";

export type RuntimeRequest = "auto" | "node" | "bun" | "node,bun";

export interface RuntimeChoice {
  runtimes: RuntimeName[];
  bunPath: string | null;
  /** Why a requested or detected runtime was not used, for the report's warnings. */
  notes: string[];
}

export function detectRuntimes(root: string, requested: RuntimeRequest): RuntimeChoice {
  const bunPath = findBun();
  const notes: string[] = [];
  const wanted: RuntimeName[] =
    requested === "auto" ? autoRuntimes(root) : requested === "node,bun" ? ["node", "bun"] : [requested];
  const runtimes = wanted.filter((runtime) => runtime === "node" || bunPath !== null);
  if (wanted.includes("bun") && bunPath === null) {
    notes.push("bun was requested or detected but no bun executable was found; probing with node only.");
    if (!runtimes.includes("node")) runtimes.push("node");
  }
  return { runtimes, bunPath, notes };
}

/** A Bun project runs under Bun; one whose start/dev/serve scripts also run Node (node, tsx, ts-node) under both. */
function autoRuntimes(root: string): RuntimeName[] {
  if (!isBunProject(root)) return ["node"];
  const startsNode = Object.entries(scriptsOf(root)).some(([name, script]) => /^(start|dev|serve)/.test(name) && NODE_COMMAND.test(script));
  return startsNode ? ["node", "bun"] : ["bun"];
}

const BUN_COMMAND = /(^|[\s;&|(])bunx?\s/;
const NODE_COMMAND = /(^|[\s;&|(])(node|tsx|ts-node|ts-node-esm)\s/;

/** bun.lock, bun.lockb, bunfig.toml, or package.json scripts that run `bun`. */
export function isBunProject(root: string): boolean {
  if (["bun.lock", "bun.lockb", "bunfig.toml"].some((name) => existsSync(joinPath(root, name)))) return true;
  return Object.values(scriptsOf(root)).some((script) => BUN_COMMAND.test(script));
}

function scriptsOf(root: string): Record<string, string> {
  try {
    const pkg = JSON.parse(readFileSync(joinPath(root, "package.json"), "utf8")) as { scripts?: Record<string, unknown> };
    return Object.fromEntries(Object.entries(pkg.scripts ?? {}).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
  } catch {
    return {};
  }
}

/** startup-doctor's own node_modules/.bin/bun (the `bun` npm package), else PATH. */
export function findBun(): string | null {
  let dir = dirOf(fileURLToPath(import.meta.url));
  for (let up = 0; up < 8; up++) {
    const candidate = joinPath(dir, "node_modules", ".bin", "bun");
    if (isExecutable(candidate)) return candidate;
    const parent = dirOf(dir);
    if (parent === dir) break;
    dir = parent;
  }
  for (const entry of (process.env.PATH ?? "").split(PATH_DELIMITER)) {
    if (entry && isExecutable(joinPath(entry, "bun"))) return joinPath(entry, "bun");
  }
  return null;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export interface ChildCommand {
  command: string;
  args: string[];
}

/** The compiled preload; when this module runs from src/ (tests through tsx), the one in dist/. */
export function preloadDir(): string {
  const here = fileURLToPath(new URL("./preload/", import.meta.url));
  if (existsSync(joinPath(here, "node.js"))) return here;
  return here.replace("/src/probe/", "/dist/probe/");
}
