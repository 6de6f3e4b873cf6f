// The CLI in a real pseudo-terminal, made by util-linux `script`: bytes written to it are typed
// keys (Ctrl-C is "\x03" and becomes SIGINT through the terminal's line discipline, as for a
// person), and its output arrives with the time each chunk came.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { binPath } from "./cli.ts";

export const hasScript = spawnSync("script", ["--version"], { encoding: "utf8" }).status === 0;
export const noPty = hasScript ? false : "util-linux `script` is not installed: no pseudo-terminal";

export interface Chunk {
  at: number;
  text: string;
}

export interface Terminal {
  child: ChildProcess;
  chunks: Chunk[];
  output(): string;
  /** Resolves when the output so far matches, rejects after `timeoutMs`. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
  type(keys: string): void;
  exited: Promise<{ code: number | null; at: number }>;
}

const shellQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

export function inPty(args: string[], options: { cwd: string; env?: Record<string, string>; columns?: number; rows?: number }): Terminal {
  const env: Record<string, string | undefined> = { ...process.env, GITHUB_ACTIONS: "", CI: "", ...options.env };
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  Object.assign(env, options.env);
  const command = `stty cols ${options.columns ?? 80} rows ${options.rows ?? 24}; exec ${[process.execPath, binPath, ...args].map(shellQuote).join(" ")}`;
  const child = spawn("script", ["-qfec", command, "/dev/null"], { cwd: options.cwd, env, stdio: ["pipe", "pipe", "ignore"] });
  const chunks: Chunk[] = [];
  const waiters = new Set<() => void>();
  child.stdout!.on("data", (data: Buffer) => {
    chunks.push({ at: Date.now(), text: data.toString("utf8") });
    for (const w of [...waiters]) w();
  });
  const output = (): string => chunks.map((c) => c.text).join("");
  const exited = new Promise<{ code: number | null; at: number }>((resolve) => child.once("exit", (code) => resolve({ code, at: Date.now() })));
  return {
    child,
    chunks,
    output,
    waitFor: (pattern, timeoutMs = 60_000) =>
      new Promise<void>((resolve, reject) => {
        const check = (): void => {
          if (!pattern.test(output())) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no ${pattern} in the terminal within ${timeoutMs} ms; it shows: ${JSON.stringify(output().slice(-600))}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
    type: (keys) => {
      child.stdin!.write(keys);
    },
    exited,
  };
}
