// A start script's runtime flags, sorted into what the probe keeps (preloads, env files, options
// in their order) and what it replaces (the compiler hook, watch mode, the debugger).

/** The compiler a preload flag installs, by the module it names. */
export type Compiler = "tsx" | "ts-node" | "swc" | "esbuild-register" | "babel";

const COMPILER_PRELOADS: Array<[RegExp, Compiler]> = [
  [/^tsx(\/(cjs|esm))?(\/api)?$/, "tsx"],
  [/^ts-node(\/(register|esm))?(\/transpile-only)?(\.js)?$/, "ts-node"],
  [/^@swc-node\/register(\/.*)?$|^@swc\/register$/, "swc"],
  [/^esbuild-register(\/.*)?$/, "esbuild-register"],
  [/^@babel\/register$/, "babel"],
];
const PRELOAD_FLAGS = new Set(["-r", "--require", "--import", "--loader", "--experimental-loader"]);
/** Flags the probe must not pass on: watch mode restarts, a debugger would wait or take a port. */
const DROPPED = /^--(watch|watch-path|watch-preserve-output|inspect|inspect-brk|inspect-wait|inspect-port|debug-port)(=|$)/;
const DROPPED_WITH_VALUE = new Set(["--watch-path", "--inspect-port", "--debug-port"]);
/** ts-node and tsx options with a value that mean nothing to node. */
const TOOL_VALUE_FLAGS = new Set(["-P", "--project", "-O", "--compiler-options", "--compiler", "-C", "--tsconfig"]);
const TOOL_FLAGS = /^(-T|--transpile-only|--transpileOnly|--esm|--swc|--files|--type-check|--prefer-ts-exts|--no-cache|--clear-screen(=.*)?|--respawn|--exit-child|--cwd-mode|--script-mode|-H|--pretty|--log-error|-q)$/;

export interface SortedFlags {
  /** Passed to node as written, in order. */
  kept: string[];
  /** The compiler a preload installs (`-r ts-node/register`), if any. */
  compiler: Compiler | null;
  /** `-P tsconfig.x.json` / `--tsconfig x` given to ts-node or tsx. */
  tsconfig: string | null;
  dropped: string[];
}

/** `tool` says whose flags they are: node's own, or ts-node/tsx options mixed with node's. */
export function sortFlags(flags: readonly string[], tool: "node" | "ts-node" | "tsx"): SortedFlags {
  const out: SortedFlags = { kept: [], compiler: null, tsconfig: null, dropped: [] };
  for (let index = 0; index < flags.length; index++) {
    const flag = flags[index] as string;
    const [name, inline] = splitFlag(flag);
    if (PRELOAD_FLAGS.has(name)) {
      const value = inline ?? flags[++index] ?? "";
      const compiler = compilerOf(value);
      if (compiler) out.compiler ??= compiler;
      else out.kept.push(name, value);
      continue;
    }
    if (DROPPED.test(flag)) {
      out.dropped.push(flag);
      if (DROPPED_WITH_VALUE.has(flag)) out.dropped.push(flags[++index] ?? "");
      continue;
    }
    if (tool !== "node" && TOOL_VALUE_FLAGS.has(name)) {
      const value = inline ?? flags[++index] ?? "";
      if (name === "-P" || name === "--project" || name === "--tsconfig") out.tsconfig = value;
      else out.dropped.push(name, value);
      continue;
    }
    if (tool !== "node" && TOOL_FLAGS.test(flag)) {
      out.dropped.push(flag);
      continue;
    }
    out.kept.push(flag);
  }
  return out;
}

export function compilerOf(module: string): Compiler | null {
  return COMPILER_PRELOADS.find(([pattern]) => pattern.test(module))?.[1] ?? null;
}

function splitFlag(flag: string): [string, string | undefined] {
  const equals = flag.indexOf("=");
  return flag.startsWith("--") && equals > 0 ? [flag.slice(0, equals), flag.slice(equals + 1)] : [flag, undefined];
}
