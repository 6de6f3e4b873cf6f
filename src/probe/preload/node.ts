// Preload for Node (`--import`), loaded after tsx. Runs in the child, imports node: builtins only.
import { realpathSync } from "node:fs";
import Module, { register } from "node:module";
import { resolve as resolvePath } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { isMainThread } from "node:worker_threads";
import { flush, send } from "./channel.js";
import { trackHandles } from "./handles.js";
import { installModuleEvents, moduleEnter, moduleExit, reportError } from "./module-events.js";
import { ENV_BLOCK_MS } from "./protocol.js";
import type { HooksData } from "./hooks.js";
import { useSequence } from "./sequence.js";

// `--import` preloads also run inside the app's Workers (runtime-facts §4.8).
if (isMainThread) install();

function install(): void {
  const preloadDir = fileURLToPath(new URL(".", import.meta.url));
  const main = mainUrl();
  send({ t: "main", u: main, runtime: "node" });
  const sequence = new SharedArrayBuffer(4);
  useSequence(sequence);
  installModuleEvents({ batch: true, mainUrl: main });
  wrapCommonJs();
  watchExit();
  // Own timers are created before the async hook so they are never reported; all are unref'd,
  // or they would turn exit 13 into a hang (runtime-facts §4.2).
  const blockMs = Number(process.env[ENV_BLOCK_MS] ?? "1000");
  const heartbeat = new BigInt64Array(new SharedArrayBuffer(8));
  Atomics.store(heartbeat, 0, BigInt(Date.now()));
  const liveHandles = trackHandles((frame) => frame.includes(preloadDir));
  let lastSignature = "";
  const beat = (): void => {
    Atomics.store(heartbeat, 0, BigInt(Date.now()));
    const handles = liveHandles();
    const signature = handles.map((h) => `${h.id}${h.description}`).join("|");
    flush();
    if (signature === lastSignature) return send({ t: "hb" });
    lastSignature = signature;
    send({ t: "hb", handles });
  };
  beat();
  setInterval(beat, 100).unref();
  // The watchdog runs on the hooks thread (see watchdog.ts).
  const data: HooksData = { heartbeat: heartbeat.buffer as SharedArrayBuffer, blockMs, sequence };
  register(new URL("./hooks.js", import.meta.url), { data });
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
    const result = original.call(this, content, filename);
    moduleExit(url);
    return result;
  };
}

function watchExit(): void {
  process.on("uncaughtExceptionMonitor", (error) => reportError(error));
  // Node prints nothing on exit 13 and the `exit` event gets code 0: read process.exitCode
  // (runtime-facts §4.1).
  process.on("exit", (code) => {
    const exitCode = process.exitCode;
    send({ t: "end", code, exitCode: typeof exitCode === "number" ? exitCode : null });
  });
}
