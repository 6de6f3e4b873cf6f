// Which files a package.json script runs: `tsx watch src/server.ts`, `node dist/apps/api/main`,
// `NODE_ENV=production node -r dotenv/config dist/main.js`, `bun --hot src/index.ts`.
import { pm2Command, pm2Start } from "./pm2.js";

/** Programs that run the file they are given (as opposed to eslint, prettier, tsc, jest). */
const RUNNERS = new Set(["node", "nodejs", "bun", "tsx", "ts-node", "ts-node-dev", "tsnd", "nodemon", "node-dev", "babel-node", "esno", "esrun", "vite-node", "jiti", "sucrase-node", "swc-node", "forever"]);
/** Prefixes that hand the rest of the command to another program. */
const PREFIXES = new Set(["npx", "exec", "cross-env", "dotenv", "env", "--", "pnpm", "yarn", "time", "nice"]);
/** Runner flags that take a value as the next token (the value is not the file). */
const VALUE_FLAGS = new Set(["-r", "--require", "--import", "--loader", "--experimental-loader", "--env-file", "-e", "--ext", "-w", "--watch-path", "-i", "--ignore", "--exec", "-x", "--config", "-p", "--project", "--tsconfig", "--inspect-port", "--title", "--conditions", "-C", "--max-old-space-size"]);
// Subcommands that come before the file (`tsx watch x.ts`, `bun run x.ts`, `pm2 start x.js`).
const SUBCOMMANDS = new Set(["watch", "run", "start"]);

export interface ScriptFile {
  /** As written, without a leading `./`. May lack an extension (`dist/main`). */
  path: string;
  /** true when a runner (node, tsx, bun...) is given the file; false for any other token naming one. */
  run: boolean;
}

const SOURCE_PATH = /^[\w./@-]+\.(?:[cm]?[jt]sx?)$/;
const PATH_LIKE = /^[\w.@-][\w./@-]*\/[\w.@-]+$/;

export function filesOfScript(script: string): ScriptFile[] {
  const out: ScriptFile[] = [];
  for (const command of script.split(/&&|\|\||;|\|/)) {
    const tokens = command.trim().split(/\s+/).map((t) => t.replace(/^['"]|['"]$/g, "")).filter((t) => t !== "");
    let runnerAt = -1;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      if (/^\w+=/.test(t) || PREFIXES.has(t) || (t.startsWith("-") && runnerAt < 0)) continue;
      if (RUNNERS.has(t)) runnerAt = i;
      break;
    }
    let fileAt = -1;
    if (runnerAt >= 0) {
      for (let i = runnerAt + 1; i < tokens.length; i++) {
        const t = tokens[i];
        if (VALUE_FLAGS.has(t)) {
          i++;
          continue;
        }
        if (t.startsWith("-") || (i === runnerAt + 1 && SUBCOMMANDS.has(t))) continue;
        if (SOURCE_PATH.test(t) || PATH_LIKE.test(t) || /^\.\/[\w.@-]+$/.test(t)) fileAt = i;
        break;
      }
    }
    tokens.forEach((t, i) => {
      const clean = t.replace(/^\.\//, "");
      if (i === fileAt) out.push({ path: clean, run: true });
      else if (SOURCE_PATH.test(t) && !/config\./.test(t)) out.push({ path: clean, run: false });
    });
  }
  return out;
}

/** The scripts a `pm2 start <file|ecosystem.json>` command of `script` starts, read from `dir`, with the ecosystem file named. */
export function pm2FilesOfScript(script: string, dir: string): Array<{ path: string; config?: string }> {
  const out: Array<{ path: string; config?: string }> = [];
  for (const command of script.split(/&&|\|\||;|\|/)) {
    const tokens = command.trim().split(/\s+/).map((t) => t.replace(/^['"]|['"]$/g, "")).filter((t) => t !== "");
    const pm2 = pm2Command(tokens);
    const started = pm2 ? pm2Start(pm2.words, dir) : null;
    if (started && "apps" in started) for (const app of started.apps) out.push({ path: app.script.replace(/^\.\//, ""), ...(started.config ? { config: started.config } : {}) });
  }
  return out;
}

/** Script names that start the app (and so name entrypoints): start, start:prod, dev, serve, worker... */
export function isStartScript(name: string): boolean {
  return /^(?:start|dev|serve|server|worker)(?::[\w.-]+)?$/.test(name);
}

/** Script files of task runners that keep their scripts outside package.json (nps, package-scripts.js). */
export const SCRIPTS_FILES = ["package-scripts.js", "package-scripts.cjs", "package-scripts.mjs", "package-scripts.json", "package-scripts.yml", "package-scripts.yaml"];

const QUOTED_SOURCE = /["'`]((?:\.\/)?[\w.@-][\w./@-]*\.(?:[cm]?[jt]sx?))["'`]/g;

/**
 * Source files a scripts file names on their own, as in nps's `runFast('./commands/seed.ts')`.
 * Read as text, never run: only a quoted literal that is a whole path counts, so the file an
 * embedded command starts (`'cross-env NODE_ENV=production node dist/app.js'`) is not taken.
 */
export function filesNamedInScriptsFile(text: string): string[] {
  const out = new Set<string>();
  for (const match of text.matchAll(QUOTED_SOURCE)) {
    const path = (match[1] ?? "").replace(/^\.\//, "");
    if (!/(^|\/)[^/]*config\.[^/]*$/.test(path)) out.add(path);
  }
  return [...out];
}
