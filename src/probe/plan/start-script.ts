// Which command starts the app: `npm start` semantics (scripts.start, else `node server.js` when
// server.js exists), then scripts.start:prod and scripts.serve; `npm run x` indirections followed.
import { existsSync } from "node:fs";
import { joinPath } from "../../util/path.js";
import { parseCommand } from "./parse-command.js";
import { shellCommands } from "./shell-words.js";
import type { Launch, StartCommand } from "./types.js";

export const START_SCRIPTS = ["start", "start:prod", "serve"] as const;
const MAX_DEPTH = 5;

/** Every start command of the package, in the order above. */
export function startCommands(root: string, scripts: Record<string, string>): StartCommand[] {
  const found: StartCommand[] = [];
  for (const name of START_SCRIPTS) {
    const text = scripts[name] ?? (name === "start" && existsSync(joinPath(root, "server.js")) ? "node server.js" : undefined);
    if (text === undefined) continue;
    const resolved = resolveScript(text, scripts, [name]);
    if (resolved) found.push({ name, text, ...resolved });
  }
  return found;
}

/** The last launching command of a script (`npm run build && node dist/main.js` -> node dist/main.js). */
export function resolveScript(text: string, scripts: Record<string, string>, via: string[]): Omit<StartCommand, "name" | "text"> | null {
  const commands = shellCommands(text);
  for (let index = commands.length - 1; index >= 0; index--) {
    const launch = parseCommand(commands[index] as string[]);
    if (!launch) continue;
    const before = commands.slice(0, index).map((words) => words.join(" "));
    if (launch.runner !== "npm-script") return { launch, before, via };
    const target = launch.script as string;
    const inner = scripts[target];
    if (inner === undefined || via.includes(target) || via.length > MAX_DEPTH) continue;
    const followed = resolveScript(inner, scripts, [...via, target]);
    if (followed) return { ...followed, launch: inherit(launch, followed.launch), before: [...before, ...followed.before] };
  }
  return null;
}

/** `cross-env NODE_ENV=production npm run serve` passes its environment down. */
function inherit(outer: Launch, inner: Launch): Launch {
  return { ...inner, env: { ...outer.env, ...inner.env }, envFiles: [...outer.envFiles, ...inner.envFiles], wrappers: [...outer.wrappers, ...inner.wrappers] };
}
