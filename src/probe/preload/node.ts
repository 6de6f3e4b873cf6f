// Preload for Node (`--import`), loaded after tsx. Runs in the child, imports node: builtins only.
import { realpathSync } from "node:fs";
import Module, { register } from "node:module";
import { resolve as resolvePath } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { isMainThread } from "node:worker_threads";
import { exitCallFrames } from "./exit-call.js";
import { installBootEvents } from "./boot-events.js";
import { configureChannel, flush, readToken, send } from "./channel.js";
import { trackHandles } from "./handles.js";
import { installModuleEvents, moduleEnter, moduleExit, moduleThrew, onEvaluated, reportError } from "./module-events.js";
import { ENV_BLOCK_MS, ENV_FD, ENV_HOLD, ENV_MARKER } from "./protocol.js";
import type { HooksData } from "./hooks.js";
import { killDescendants, leftoversOf, parentFromEnv, stopIfOrphanedBeforeToken } from "./orphan-guard.js";
import { useSequence } from "./sequence.js";
import { installSpawnGate, newGate } from "./spawn-gate.js";

// `--import` preloads also run inside the app's Workers (runtime-facts §4.8), and in processes
// the app forks (fork() passes our --import on): only the probed process itself has the channel.
const channelFd = Number(process.env[ENV_FD] ?? "");
// Removed before any user code runs, so nothing the app spawns inherits the channel's address.
delete process.env[ENV_FD];
const holdPath = process.env[ENV_HOLD] ?? "";
delete process.env[ENV_HOLD];
if (isMainThread && Number.isInteger(channelFd) && channelFd >= 0) install(channelFd);

function install(fd: number): void {
  const { token, closed } = readToken(fd);
  if (!token) return stopIfOrphanedBeforeToken(closed, leftoversOf(holdPath));
  configureChannel(fd, token);
  const ppid = process.ppid;
  const preloadDir = fileURLToPath(new URL(".", import.meta.url));
  const isOwnFrame = (frame: string): boolean => frame.includes(preloadDir);
  const main = mainUrl();
  send({ t: "main", u: main, runtime: "node", ...(holdPath ? { gate: true as const } : {}) });
  const sequence = new SharedArrayBuffer(4);
  useSequence(sequence);
  installModuleEvents({ batch: true, mainUrl: main });
  wrapCommonJs();
  watchExit();
  installBootEvents(isOwnFrame);
  const gate = newGate();
  installSpawnGate(gate);
  // Own timers are created before the async hook so they are never reported; all are unref'd,
  // or they would turn exit 13 into a hang (runtime-facts §4.2).
  const blockMs = Number(process.env[ENV_BLOCK_MS] ?? "1000");
  const heartbeat = new BigInt64Array(new SharedArrayBuffer(16));
  Atomics.store(heartbeat, 0, BigInt(Date.now()));
  let evaluated = false;
  onEvaluated(() => {
    evaluated = true;
  });
  const liveHandles = trackHandles(isOwnFrame);
  let lastHandles = "";
  let lastOps = "";
  let lastLoop = performance.eventLoopUtilization();
  const beat = (): void => {
    Atomics.store(heartbeat, 0, BigInt(Date.now()));
    const loop = performance.eventLoopUtilization();
    // A setImmediate loop keeps timers (this beat) firing: only utilisation tells it is busy.
    // Only after evaluation: loading modules keeps the loop busy by nature.
    const busy = evaluated && performance.eventLoopUtilization(loop, lastLoop).utilization >= 0.9;
    lastLoop = loop;
    Atomics.store(heartbeat, 1, busy ? 1n : 0n);
    const { handles, ops } = liveHandles();
    const handleKey = handles.map((h) => `${h.id}${h.description}`).join("|");
    const opsKey = ops.map((op) => `${op.kind}${op.target}${op.attempts ?? ""}`).join("|");
    flush();
    const message: Extract<Parameters<typeof send>[0], { t: "hb" }> = { t: "hb", ms: Math.round(performance.now()) };
    if (busy) message.busy = true;
    if (handleKey !== lastHandles) message.handles = handles;
    if (opsKey !== lastOps) message.ops = ops;
    lastHandles = handleKey;
    lastOps = opsKey;
    send(message);
  };
  beat();
  setInterval(beat, 100).unref();
  // The watchdog runs on the hooks thread (see watchdog.ts).
  const data: HooksData = {
    heartbeat: heartbeat.buffer as SharedArrayBuffer,
    blockMs,
    hold: holdPath,
    sequence,
    token,
    guard: { ppid, fd, marker: process.env[ENV_MARKER] ?? "", parent: parentFromEnv(), gate, leftovers: leftoversOf(holdPath) },
  };
  register(new URL("./hooks.js", import.meta.url), { data });
  keepStdioBlocking();
}

/**
 * register() starts the hooks thread, which leaves fds 1 and 2 non-blocking: a large
 * writeSync(1) of the app then fails with EAGAIN where plain node succeeds (runtime-facts §6.6).
 */
function keepStdioBlocking(): void {
  for (const stream of [process.stdout, process.stderr]) {
    const handle = (stream as unknown as { _handle?: { setBlocking?: (on: boolean) => number } })._handle;
    handle?.setBlocking?.(true);
  }
}

function mainUrl(): string {
  const main = process.argv[1] ?? "";
  try {
    return pathToFileURL(realpathSync(resolvePath(main))).href;
  } catch {
    return pathToFileURL(resolvePath(main)).href;
  }
}

/** CommonJS bodies run synchronously inside _compile, which tsx also uses (runtime-facts §4.6). */
function wrapCommonJs(): void {
  type Compile = (this: unknown, content: string, filename: string) => unknown;
  const proto = Module.prototype as unknown as { _compile: Compile };
  const original = proto._compile;
  proto._compile = function compile(this: unknown, content: string, filename: string): unknown {
    const url = pathToFileURL(filename).href;
    moduleEnter(url);
    let result: unknown;
    try {
      result = original.call(this, content, filename);
    } catch (error) {
      // A require() in try/catch goes on without it (swagger-ui-dist loads its browser bundle
      // that way): said, so that it does not read as stuck unless the throw ends the process.
      moduleThrew(url);
      throw error;
    }
    moduleExit(url);
    return result;
  };
}

function watchExit(): void {
  process.on("uncaughtExceptionMonitor", (error, origin) => reportError(error, origin));
  // Node prints nothing on exit 13 and the `exit` event gets code 0: read process.exitCode
  // (runtime-facts §4.1).
  process.on("exit", (code) => {
    const exitCode = process.exitCode;
    const calledFrom = exitCallFrames();
    send({ t: "end", code, exitCode: typeof exitCode === "number" ? exitCode : null, ms: Math.round(performance.now()), ...(calledFrom ? { calledFrom } : {}) });
    flush(true);
    killDescendants({ marker: process.env[ENV_MARKER] ?? "" });
  });
}
