// What `pm2 start …` / `pm2-runtime …` in a start script runs: a script given directly, or the apps
// of an ecosystem file. JSON and YAML ecosystem files are read; a JavaScript one (ecosystem.config.js)
// would have to run to be read, and startup-doctor never runs project code to learn about it.
import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { resolvePath } from "../util/path.js";
import { isReallyInside } from "./confine.js";

export interface Pm2App {
  /** The script as the ecosystem file or the command names it (relative to the folder pm2 starts in). */
  script: string;
  args: string[];
  /** node_args / interpreter_args: the runtime's own flags. */
  nodeArgs: string[];
  /** `env`, then `env_<name>` for `--env <name>`. */
  env: Record<string, string>;
  /** pm2's interpreter when the file names one ("node" when it does not). */
  interpreter: string;
  /** Set for cluster mode or more than one instance: pm2 starts several processes. */
  instances?: string;
}

/** `unreadable`: why the ecosystem file named `config` gives no apps, as a clause ("it is JavaScript, ..."). */
export type Pm2Start = { apps: Pm2App[]; config?: string } | { unreadable: string; config: string };

const PM2 = new Set(["pm2", "pm2-runtime", "pm2-docker", "pm2-dev"]);
const SCRIPT = /\.[cm]?[jt]sx?$/;
const DATA_CONFIG = /\.(?:json|ya?ml)$/;
const JS_CONFIG = /(?:^|\/)(?:ecosystem|process|pm2)[\w.-]*\.[cm]?js$|\.config\.[cm]?js$/;
/** pm2 options that take the next word as their value. */
const VALUE_OPTIONS = new Set(["--env", "--name", "-n", "-i", "--instances", "--node-args", "--interpreter", "--interpreter-args", "--cwd", "-o", "-e", "--output", "--error", "--log", "-l", "--max-memory-restart", "--cron", "--cron-restart", "--namespace", "--watch-delay", "--ignore-watch", "--only"]);

/** Words that hand the rest of a command on (their own flags skipped): `npx pm2 …`, `cross-env A=1 pm2 …`. */
const WRAPPERS = new Set(["npx", "pnpx", "bunx", "cross-env", "cross-env-shell", "env", "exec", "time", "nice"]);
const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s;

function isPm2(word: string | undefined): boolean {
  return word !== undefined && PM2.has(word.split("/").pop() ?? word);
}

/** A command that runs pm2: the environment its assignments set, and its words from pm2 on; null for any other command. */
export function pm2Command(words: readonly string[]): { env: Record<string, string>; words: string[] } | null {
  const env: Record<string, string> = {};
  let at = 0;
  for (; at < words.length; at++) {
    const word = words[at] as string;
    const assignment = ASSIGNMENT.exec(word);
    if (assignment) env[assignment[1] as string] = assignment[2] as string;
    else if (!WRAPPERS.has(word) && !(word.startsWith("-") && at > 0)) break;
  }
  return isPm2(words[at]) ? { env, words: words.slice(at) } : null;
}

/** What one pm2 command (its words, pm2 first) starts, read from `dir`; null when it starts nothing we can name. */
export function pm2Start(words: readonly string[], dir: string): Pm2Start | null {
  const [head, ...rest] = words;
  if (!isPm2(head)) return null;
  const sub = rest[0] === "start" || rest[0] === "restart" || rest[0] === "reload" ? rest.slice(1) : head?.endsWith("pm2") ? null : rest;
  if (!sub) return null;
  let target: string | undefined;
  let envName: string | undefined;
  const dashes = sub.indexOf("--");
  const own = dashes < 0 ? sub : sub.slice(0, dashes);
  for (let i = 0; i < own.length; i++) {
    const word = own[i] as string;
    if (word === "--env") envName = own[i + 1];
    if (VALUE_OPTIONS.has(word)) {
      i++;
      continue;
    }
    if (!word.startsWith("-") && target === undefined) target = word;
  }
  if (target === undefined) return null;
  if (DATA_CONFIG.test(target)) {
    const file = resolvePath(dir, target);
    // Confinement (issue 10 §1): a file outside the project is never read.
    if (!isReallyInside(dir, file)) return { unreadable: "it is outside the project, so it is not read", config: target };
    return { ...readEcosystem(file, envName), config: target };
  }
  if (JS_CONFIG.test(target)) return { unreadable: "it is JavaScript, which startup-doctor does not run to read it", config: target };
  if (!SCRIPT.test(target)) return null;
  return { apps: [{ script: target, args: dashes < 0 ? [] : sub.slice(dashes + 1), nodeArgs: [], env: {}, interpreter: "node" }] };
}

function readEcosystem(file: string, envName: string | undefined): { apps: Pm2App[] } | { unreadable: string } {
  let data: unknown;
  try {
    const text = readFileSync(file, "utf8");
    data = /\.json$/.test(file) ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    return { unreadable: `it cannot be read: ${(error as Error).message.split("\n")[0]}` };
  }
  const list = Array.isArray(data) ? data : isRecord(data) && Array.isArray(data.apps) ? data.apps : isRecord(data) ? [data] : [];
  const apps: Pm2App[] = [];
  for (const entry of list) {
    if (!isRecord(entry) || typeof entry.script !== "string" || !SCRIPT.test(entry.script)) continue;
    const env = { ...strings(entry.env), ...(envName ? strings(entry[`env_${envName}`]) : {}) };
    const instances = entry.exec_mode === "cluster" || entry.exec_mode === "cluster_mode" || (entry.instances !== undefined && entry.instances !== 1 && entry.instances !== "1") ? String(entry.instances ?? "cluster") : undefined;
    apps.push({
      script: typeof entry.cwd === "string" ? `${entry.cwd.replace(/\/$/, "")}/${entry.script}` : entry.script,
      args: words(entry.args),
      nodeArgs: words(entry.node_args ?? entry.interpreter_args),
      env,
      interpreter: typeof entry.interpreter === "string" ? entry.interpreter : "node",
      ...(instances ? { instances } : {}),
    });
  }
  return { apps };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** An env block's values as strings (pm2 passes numbers and booleans on as text). */
function strings(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(value)) if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") out[key] = String(v);
  return out;
}

/** `args` / `node_args`: an array of words, or one string pm2 splits on spaces. */
function words(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  return typeof value === "string" ? value.split(/\s+/).filter((w) => w !== "") : [];
}
