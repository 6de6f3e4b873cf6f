// One simple command of a start script -> the program it launches, with env assignments,
// cross-env / dotenv / env-cmd / nodemon / npx wrappers peeled off and the runtime flags kept in order.
import { shellCommands } from "./shell-words.js";
import type { Launch, Runner } from "./types.js";

const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s;
/** Node (and tsx, ts-node) flags that take the next word as their value. */
const VALUE_FLAGS = new Set([
  "-r", "--require", "--import", "--loader", "--experimental-loader", "--env-file", "--env-file-if-exists",
  "-C", "--conditions", "--input-type", "--title", "--inspect-port", "--redirect-warnings", "--stack-trace-limit",
  "--tsconfig", "-P", "--project", "-O", "--compiler-options", "--compiler",
]);
const NODE_EXECUTABLES = new Set(["node", "nodejs"]);
const TS_NODE = new Set(["ts-node", "ts-node-esm", "ts-node-transpile-only", "ts-node-dev", "tsnd"]);
const PACKAGE_RUNNERS = new Set(["npx", "pnpx", "bunx"]);

export function parseCommand(words: readonly string[]): Launch | null {
  const launch: Launch = { runner: "node", env: {}, envFiles: [], flags: [], file: null, args: [], watch: false, wrappers: [] };
  let rest = [...words];
  rest = takeAssignments(rest, launch.env);
  for (let guard = 0; guard < 8 && rest.length > 0; guard++) {
    const head = baseName(rest[0] as string);
    if (head === "cross-env" || head === "cross-env-shell" || head === "env") {
      launch.wrappers.push(head);
      rest = takeAssignments(skipFlags(rest.slice(1)), launch.env);
    } else if (head === "dotenv" || head === "dotenvx") {
      launch.wrappers.push(head);
      rest = peelDotenv(rest.slice(1), launch);
    } else if (head === "env-cmd") {
      launch.wrappers.push(head);
      rest = peelEnvCmd(rest.slice(1), launch);
    } else if (PACKAGE_RUNNERS.has(head) || (head === "pnpm" && rest[1] === "exec") || (head === "yarn" && rest[1] === "exec")) {
      rest = skipFlags(rest.slice(head === "pnpm" || head === "yarn" ? 2 : 1));
    } else if (head === "nodemon") {
      launch.wrappers.push(head);
      return peelNodemon(rest.slice(1), launch);
    } else {
      break;
    }
  }
  return program(rest, launch);
}

function program(words: string[], launch: Launch): Launch | null {
  const [first, ...rest] = words;
  if (first === undefined) return null;
  const head = baseName(first);
  if (NODE_EXECUTABLES.has(head)) return withFile(rest, launch, "node");
  if (TS_NODE.has(head)) return withFile(rest, launch, "ts-node");
  if (head === "tsx") {
    const watch = rest[0] === "watch";
    return withFile(watch ? rest.slice(1) : rest, { ...launch, watch }, "tsx");
  }
  if (head === "bun") {
    const run = rest[0] === "run" ? rest.slice(1) : rest;
    const watch = run.includes("--watch") || run.includes("--hot");
    return withFile(run, { ...launch, watch }, "bun");
  }
  if (head === "nest" && rest[0] === "start") {
    // `nest start -- a b` hands `a b` to the app; its own options (--watch, --debug) are the CLI's.
    const dashes = rest.indexOf("--");
    return { ...launch, runner: "nest", watch: rest.includes("--watch") || rest.includes("-w"), args: dashes < 0 ? [] : rest.slice(dashes + 1) };
  }
  if ((head === "npm" || head === "pnpm" || head === "bun") && (rest[0] === "run" || rest[0] === "run-script") && rest[1]) {
    return { ...launch, runner: "npm-script", script: rest[1], args: rest.slice(2) };
  }
  if (head === "npm" && (rest[0] === "start" || rest[0] === "test")) return { ...launch, runner: "npm-script", script: rest[0] };
  if ((head === "yarn" || head === "pnpm") && rest[0] && !rest[0].startsWith("-")) return { ...launch, runner: "npm-script", script: rest[0], args: rest.slice(1) };
  return null;
}

/** Runtime flags up to the first word that is not a flag (the file); `--` ends the flags. */
function withFile(words: string[], launch: Launch, runner: Runner): Launch | null {
  const flags: string[] = [];
  let index = 0;
  for (; index < words.length; index++) {
    const word = words[index] as string;
    if (word === "--") {
      index++;
      break;
    }
    if (!word.startsWith("-") || word === "-") break;
    flags.push(word);
    if (word === "--watch") launch = { ...launch, watch: true };
    if (VALUE_FLAGS.has(word) && index + 1 < words.length) flags.push(words[++index] as string);
  }
  const file = words[index];
  if (file === undefined) return runner === "node" ? null : { ...launch, runner, flags, file: null };
  return { ...launch, runner, flags: [...launch.flags, ...flags], file, args: words.slice(index + 1) };
}

function takeAssignments(words: string[], env: Record<string, string>): string[] {
  let index = 0;
  for (; index < words.length; index++) {
    const match = ASSIGNMENT.exec(words[index] as string);
    if (!match) break;
    env[match[1] as string] = match[2] as string;
  }
  return words.slice(index);
}

function skipFlags(words: string[]): string[] {
  let index = 0;
  while (index < words.length && (words[index] as string).startsWith("-")) index++;
  return words.slice(index);
}

/** dotenv-cli: `dotenv -e .env.prod -v KEY=value -- node x.js` (files never override, unless -o). */
function peelDotenv(words: string[], launch: Launch): string[] {
  let index = 0;
  for (; index < words.length; index++) {
    const word = words[index] as string;
    if (word === "--") return words.slice(index + 1);
    if (word === "-e" || word === "-f") launch.envFiles.push(words[++index] ?? "");
    else if (word === "-v") takeAssignments([words[++index] ?? ""], launch.env);
    else if (word === "-c" || word === "-p") {
      if (words[index + 1] && !(words[index + 1] as string).startsWith("-")) index++;
    } else if (!word.startsWith("-")) break;
  }
  const rest = words.slice(index);
  if (launch.envFiles.length === 0) launch.envFiles.push(".env");
  return rest;
}

/** env-cmd: `env-cmd -f .env.production node dist/main.js` (default file .env). */
function peelEnvCmd(words: string[], launch: Launch): string[] {
  let index = 0;
  let file = ".env";
  for (; index < words.length; index++) {
    const word = words[index] as string;
    if (word === "--") return (launch.envFiles.push(file), words.slice(index + 1));
    if (word === "-f" || word === "--file") file = words[++index] ?? file;
    else if (word === "-e" || word === "--environments" || word === "-r" || word === "--rc-file") index++;
    else if (!word.startsWith("-")) break;
  }
  launch.envFiles.push(file);
  return words.slice(index);
}

/** nodemon runs `--exec "<command>"`, else node for .js and ts-node for .ts (its default execMap). */
function peelNodemon(words: string[], launch: Launch): Launch | null {
  const NODEMON_VALUE = new Set(["--watch", "-w", "--ext", "-e", "--ignore", "-i", "--delay", "-d", "--config", "--signal", "-s"]);
  const nodeFlags: string[] = [];
  let exec: string | null = null;
  let index = 0;
  for (; index < words.length; index++) {
    const word = words[index] as string;
    if (word === "--") {
      index++;
      break;
    }
    if (!word.startsWith("-")) break;
    if (word === "--exec" || word === "-x") exec = words[++index] ?? null;
    else if (NODEMON_VALUE.has(word)) index++;
    else if (VALUE_FLAGS.has(word)) nodeFlags.push(word, words[++index] ?? "");
    else if (!/^-(V|q|v|L|C|I|--verbose|--quiet|--legacy-watch|--on-change-only|--no-colou?rs|--no-stdin)$/.test(word)) nodeFlags.push(word);
  }
  const file = words[index];
  const watched = { ...launch, watch: true };
  if (exec !== null) {
    const inner = shellCommands(file ? `${exec} ${file}` : exec)[0];
    return inner ? parseCommandWith(inner, watched) : null;
  }
  if (!file) return null;
  const runner: Runner = /\.[cm]?tsx?$/.test(file) ? "ts-node" : "node";
  return { ...watched, runner, flags: [...launch.flags, ...nodeFlags], file, args: words.slice(index + 1) };
}

function parseCommandWith(words: string[], outer: Launch): Launch | null {
  const inner = parseCommand(words);
  if (!inner) return null;
  return { ...inner, env: { ...outer.env, ...inner.env }, envFiles: [...outer.envFiles, ...inner.envFiles], watch: true, wrappers: [...outer.wrappers, ...inner.wrappers] };
}

function baseName(word: string): string {
  return word.slice(word.lastIndexOf("/") + 1);
}
