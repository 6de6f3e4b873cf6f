// Preload for Bun (`bun --preload`): the same enter/exit wrapping through a Bun.plugin onLoad
// (runtime-facts §4.12). Bun has no in-process inspector, so a blocked main thread yields no stack.
import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve as resolvePath } from "node:path";
import { pathToFileURL } from "node:url";
import { exitCallFrames } from "./exit-call.js";
import { installBootEvents, captureSite, connectOps, framesOf } from "./boot-events.js";
import { configureChannel, flush, readToken, send } from "./channel.js";
import { installModuleEvents, moduleEnter, moduleExit, reportError } from "./module-events.js";
import { killDescendants, killOwnTree, leftoversOf, parentFromEnv, parentGone, stopIfOrphanedBeforeToken } from "./orphan-guard.js";
import { ENV_FD, ENV_HOLD, ENV_MARKER } from "./protocol.js";
import { installBunSpawnGate } from "./spawn-gate.js";
import { wrapSource } from "./wrap-source.js";

interface BunLoadArgs { path: string }
interface BunPluginBuilder {
  onLoad(
    options: { filter: RegExp },
    callback: (args: BunLoadArgs) => { contents: string; loader: string } | undefined,
  ): void;
}
interface BunRuntime {
  plugin(plugin: { name: string; setup(builder: BunPluginBuilder): void }): void;
  main?: string;
  resolveSync(specifier: string, fromDir: string): string;
  Transpiler: new (options: { loader: string }) => { scanImports(code: string): Array<{ path: string; kind: string }> };
  serve?: (options: unknown) => { url?: { href?: string }; port?: number; hostname?: string };
  spawn?: (...args: unknown[]) => unknown;
  spawnSync?: (...args: unknown[]) => unknown;
}

const bun = (globalThis as unknown as { Bun?: BunRuntime }).Bun;
const channelFd = Number(process.env[ENV_FD] ?? "");
delete process.env[ENV_FD];
const holdPath = process.env[ENV_HOLD] ?? "";
delete process.env[ENV_HOLD];
if (bun && Number.isInteger(channelFd) && channelFd >= 0) install(bun, channelFd);

function install(runtime: BunRuntime, fd: number): void {
  const { token, closed } = readToken(fd);
  if (!token) return stopIfOrphanedBeforeToken(closed, leftoversOf(holdPath));
  configureChannel(fd, token);
  const ppid = process.ppid;
  const preloadDir = dirname(new URL(import.meta.url).pathname);
  const isOwnFrame = (frame: string): boolean => frame.includes(preloadDir);
  const main = pathToFileURL(runtime.main ?? resolvePath(process.argv[1] ?? "")).href;
  send({ t: "main", u: main, runtime: "bun", ...(holdPath ? { gate: true as const } : {}) });
  // A kill asks (spawn-hold.ts); the beat below looks, on the main thread between two of its tasks, so nothing is in flight.
  let closeGate = holdPath ? installBunSpawnGate(runtime) : null;
  send({ t: "note", text: "Bun has no in-process inspector: a blocked main thread yields no stack (runtime-facts §4.12)." });
  // Unbatched: nothing could flush a blocked Bun main thread.
  installModuleEvents({ batch: false, mainUrl: main });
  const commonJsEntry = runtime.main ? commonJsEntryOf(runtime, runtime.main) : null;
  if (commonJsEntry) followCommonJsEntry(runtime, commonJsEntry, main);
  const commonJsMain = commonJsEntry?.path ?? null;
  runtime.plugin({
    name: "startup-doctor-probe",
    setup(builder) {
      // Bun 1.4.5 wants an object from every onLoad it calls: the CommonJS entry is kept out by the filter.
      const notMain = commonJsMain ? `(?!${commonJsMain.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}$)` : "";
      builder.onLoad({ filter: new RegExp(`^${notMain}(?!.*\\/node_modules\\/).*\\.[cm]?[jt]sx?$`) }, (args) => {
        const source = readFileSync(args.path, "utf8");
        const url = pathToFileURL(args.path).href;
        sendEdges(runtime, source, args.path, url);
        return { contents: wrapSource(source, url), loader: loaderFor(args.path) };
      });
    },
  });
  process.on("uncaughtExceptionMonitor", (error, origin) => reportError(error, origin));
  process.on("exit", (code) => {
    const exitCode = process.exitCode;
    const calledFrom = exitCallFrames();
    send({ t: "end", code, exitCode: typeof exitCode === "number" ? exitCode : null, ms: Math.round(performance.now()), ...(calledFrom ? { calledFrom } : {}) });
    flush(true);
    killDescendants({ marker: process.env[ENV_MARKER] ?? "" });
  });
  installBootEvents(isOwnFrame);
  wrapBunServe(runtime, isOwnFrame);
  const guard = { ppid, fd, marker: process.env[ENV_MARKER] ?? "", parent: parentFromEnv(), leftovers: leftoversOf(holdPath) };
  // Bun cannot list its live handles (no async_hooks resources, getActiveResourcesInfo() is
  // empty): beats carry the connection work the net.Socket wrapper sees, and no handles.
  let lastOps = "";
  setInterval(() => {
    if (closeGate && existsSync(holdPath)) {
      closeGate();
      closeGate = null;
      send({ t: "held", clear: true });
    }
    if (parentGone(guard)) killOwnTree(guard);
    const ops = connectOps(isOwnFrame);
    const key = ops.map((op) => `${op.target}${op.attempts ?? ""}${op.failing ? "f" : ""}`).join("|");
    send(key === lastOps ? { t: "hb", ms: Math.round(performance.now()) } : { t: "hb", ms: Math.round(performance.now()), ops });
    lastOps = key;
  }, 100).unref();
}

/** Bun.serve does not go through net.Server: its call site and address are reported here. */
function wrapBunServe(runtime: BunRuntime, isOwnFrame: (line: string) => boolean): void {
  const serve = runtime.serve;
  if (typeof serve !== "function") return;
  runtime.serve = function probeServe(this: unknown, options: unknown) {
    const site = captureSite();
    const server = serve.call(this, options);
    const address = server?.hostname !== undefined && server?.port !== undefined ? `${server.hostname}:${server.port}` : (server?.url?.href ?? "");
    send({ t: "listening", ms: Math.round(performance.now()), address, site: framesOf(site.stack ?? "", isOwnFrame) });
    return server;
  };
}

/**
 * Bun 1.4.5 never runs a CommonJS entry that an onLoad plugin returned: no output, exit 0 (it does
 * run one that another module requires). Such an entry is left to Bun; enter and end are sent from
 * here: the entry starts after the preload, and a CommonJS body runs to its end before the first
 * immediate (both checked on Bun 1.4.5).
 */
/** The entry and its source when Bun runs it as CommonJS (a .cjs/.cts file, or require() without ESM syntax); null otherwise. */
function commonJsEntryOf(runtime: BunRuntime, path: string): { path: string; source: string } | null {
  if (!/\.[cm]?[jt]sx?$/.test(path) || /\.m[jt]s$/.test(path)) return null;
  let source: string;
  try {
    source = readFileSync(path, "utf8");
  } catch {
    return null;
  }
  if (/\.c[jt]s$/.test(path)) return { path, source };
  try {
    if (new runtime.Transpiler({ loader: loaderFor(path) }).scanImports(withoutShebang(source)).some((entry) => entry.kind === "import-statement")) return null;
  } catch {
    return null;
  }
  if (/^\s*export\b/m.test(source) || /\bimport\.meta\b/.test(source)) return null;
  return /\brequire\s*\(|\bmodule\.exports\b|\bexports\.\w/.test(source) ? { path, source } : null;
}

function followCommonJsEntry(runtime: BunRuntime, { path, source }: { path: string; source: string }, url: string): void {
  sendEdges(runtime, source, path, url);
  moduleEnter(url);
  setImmediate(() => moduleExit(url));
}

/**
 * Import edges, so `pending` can name the module waited for. Bun's runtime onResolve is not
 * called for a module's own imports (Bun 1.4.5), so they are read from the source at load time:
 * a dynamic import is marked, since it runs later than the load that reports it.
 */
function sendEdges(runtime: BunRuntime, source: string, path: string, from: string): void {
  try {
    const imports = new runtime.Transpiler({ loader: loaderFor(path) }).scanImports(withoutShebang(source));
    for (const { path: specifier, kind } of imports) {
      if (!specifier.startsWith(".") && !specifier.startsWith("/")) continue;
      let target: string;
      try {
        target = runtime.resolveSync(specifier, dirname(path));
      } catch {
        continue;
      }
      if (target.includes("/node_modules/")) continue;
      const to = pathToFileURL(target).href;
      send(kind === "dynamic-import" ? { t: "edge", from, to, dynamic: true } : { t: "edge", from, to });
    }
  } catch {
    // No scanner in this Bun: pending then lists modules without what they wait for.
  }
}

/** Bun's scanner rejects a `#!` line that Bun itself runs past. */
function withoutShebang(source: string): string {
  return source.startsWith("#!") ? source.replace(/^#![^\n]*/, "") : source;
}

function loaderFor(path: string): string {
  const match = /\.([cm]?)([jt]sx?)$/.exec(path);
  return match?.[2] ?? "js";
}
