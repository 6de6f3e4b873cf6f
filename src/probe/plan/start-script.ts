// Which command starts the app: `npm start` semantics (scripts.start, else `node server.js` when
// server.js exists), then scripts.start:prod and scripts.serve; `npm run x` indirections followed.
import { existsSync } from "node:fs";
import { joinPath } from "../../util/path.js";
import { pm2Command, pm2Start } from "../../project/pm2.js";
import { parseCommand } from "./parse-command.js";
import { shellCommands } from "./shell-words.js";
import type { Launch, Runner, StartCommand } from "./types.js";

export const START_SCRIPTS = ["start", "start:prod", "serve"] as const;
const MAX_DEPTH = 5;

/** Every start command of the package, in the order above. */
export function startCommands(root: string, scripts: Record<string, string>): StartCommand[] {
  const found: StartCommand[] = [];
  for (const name of START_SCRIPTS) {
    const text = scripts[name] ?? (name === "start" && existsSync(joinPath(root, "server.js")) ? "node server.js" : undefined);
    if (text === undefined) continue;
    const resolved = resolveScript(text, scripts, [name], root);
    if (!resolved) continue;
    const { others, ...first } = resolved;
    found.push({ name, text, ...first });
    // pm2's other apps: each is a program the start script starts.
    for (const launch of others ?? []) found.push({ name, text, ...first, launch });
  }
  return found;
}

/** The last launching command of a script (`npm run build && node dist/main.js` -> node dist/main.js). */
export function resolveScript(text: string, scripts: Record<string, string>, via: string[], dir: string): (Omit<StartCommand, "name" | "text"> & { others?: Launch[] }) | null {
  const commands = shellCommands(text);
  for (let index = commands.length - 1; index >= 0; index--) {
    const pm2 = pm2Launches(commands[index] as string[], dir);
    if (pm2 && pm2.length > 0) {
      const [first, ...others] = pm2;
      return { launch: first as Launch, before: commands.slice(0, index).map((words) => words.join(" ")), via, ...(others.length > 0 ? { others } : {}) };
    }
    const launch = parseCommand(commands[index] as string[]);
    if (!launch) continue;
    const before = commands.slice(0, index).map((words) => words.join(" "));
    if (launch.runner !== "npm-script") return { launch, before, via };
    const target = launch.script as string;
    const inner = scripts[target];
    if (inner === undefined || via.includes(target) || via.length > MAX_DEPTH) continue;
    const followed = resolveScript(inner, scripts, [...via, target], dir);
    if (followed) return { ...followed, launch: inherit(launch, followed.launch), before: [...before, ...followed.before] };
  }
  return null;
}

/** pm2 interpreters the probe runs as a start script would; an app with another (python) is no entry of ours. */
const PM2_INTERPRETERS: ReadonlyMap<string, Runner> = new Map([["node", "node"], ["nodejs", "node"], ["bun", "bun"], ["ts-node", "ts-node"], ["tsx", "tsx"]]);

/**
 * `pm2 start ecosystem.config.json`: one launch per app pm2 starts, with the app's env and node
 * arguments (pm2 runs the script with node unless the app names another interpreter it knows).
 */
function pm2Launches(words: readonly string[], dir: string): Launch[] | null {
  const command = pm2Command(words);
  const started = command ? pm2Start(command.words, dir) : null;
  if (!command || !started || !("apps" in started)) return null;
  const env = command.env;
  const launches: Launch[] = [];
  for (const app of started.apps) {
    const runner = PM2_INTERPRETERS.get(app.interpreter);
    if (!runner) continue;
    const differences = app.instances ? [`pm2 starts ${app.instances === "cluster" ? "it in cluster mode" : `${app.instances} instances of it`}; the probe runs one process`] : [];
    launches.push({ runner, env: { ...env, ...app.env }, envFiles: [], flags: app.nodeArgs, file: app.script, args: app.args, watch: false, wrappers: ["pm2"], ...(differences.length > 0 ? { differences } : {}) });
  }
  return launches;
}

/** `cross-env NODE_ENV=production npm run serve` passes its environment down. */
function inherit(outer: Launch, inner: Launch): Launch {
  return { ...inner, env: { ...outer.env, ...inner.env }, envFiles: [...outer.envFiles, ...inner.envFiles], wrappers: [...outer.wrappers, ...inner.wrappers] };
}
