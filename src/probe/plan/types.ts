// What the probe runs for one entry, decided before the child starts; the runner only executes it.

/** How the child turns the project's source into the JavaScript that runs. */
export type Transform = "tsx" | "compiled-output" | "typescript" | "none" | "bun";

export interface ProbePlan {
  /** Executable (absolute path of node or bun). */
  command: string;
  args: string[];
  /** Variables the child gets on top of startup-doctor's own environment (the start script's, then the user's). */
  env: Record<string, string>;
  /** Absolute; the project root (tsx reads tsconfig paths from it, runtime-facts §4.11). */
  cwd: string;
  /** The command line as a person would type it, without startup-doctor's own preloads. */
  display: string;
  transform: Transform;
  /** Why this command and transform, in a clause: "scripts.start runs it and dist is up to date". */
  reason: string;
  warnings: string[];
  /** Set when the program that runs is not the one the start script starts, and how. */
  differsFromStart?: string;
  /** Set when the tsconfig asks for decorator metadata: whether this transform emits it (tsx does not). */
  decoratorMetadata?: boolean;
}

/** Which program a start-script command launches. */
export type Runner = "node" | "ts-node" | "tsx" | "nest" | "bun" | "npm-script";

/** One command of a start script, with its wrappers (cross-env, dotenv, nodemon) peeled off. */
export interface Launch {
  runner: Runner;
  /** Inline assignments (`NODE_ENV=production node ...`, cross-env, env). They override the environment. */
  env: Record<string, string>;
  /** dotenv-cli `-e` / env-cmd `-f` files: loaded without overriding what is already set. */
  envFiles: string[];
  /** Runtime flags before the file, as written (`-r`, `tsconfig-paths/register`, `--enable-source-maps`). */
  flags: string[];
  /** The script file as written, or null (`nest start`, `npm run x`). */
  file: string | null;
  /** Arguments after the file. */
  args: string[];
  watch: boolean;
  /** For `npm run <name>` / `yarn <name>` / `pnpm <name>`: the script it runs. */
  script?: string;
  /** The wrappers peeled off, outermost first ("cross-env", "nodemon"). */
  wrappers: string[];
  /** What the probe does differently from the start script's own launcher (pm2's cluster of several processes). */
  differences?: string[];
}

/** The start script that starts the app, resolved through `npm run` indirections. */
export interface StartCommand {
  /** "start", "start:prod" or "serve". */
  name: string;
  /** The script text of `name`. */
  text: string;
  launch: Launch;
  /** Commands that run before it (`npm run build`, `prisma migrate deploy`): never run by the probe. */
  before: string[];
  /** The script names followed (`start` -> `start:prod`). */
  via: string[];
}
