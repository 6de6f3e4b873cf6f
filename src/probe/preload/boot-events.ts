// What startup does after the entry evaluated: servers that start listening (with the call
// site of `listen`, runtime-facts §6.8: the handle itself is created after a DNS lookup, off the
// project's stack) and connection attempts per target and calling library (a retry loop's attempt
// count: Redis and MongoDB clients both pointed at one closed port are two loops). Records
// and sends; the parent judges (src/probe/verdict.ts).
import net from "node:net";
import { send } from "./channel.js";
import type { WireOp } from "./protocol.js";

/** Where `listen` was called, on the server object: the handle snapshot reads it. */
export const LISTEN_SITE = Symbol("startupDoctorListenSite");
/** The target a socket connects to ("127.0.0.1:1"), on the socket object. */
export const CONNECT_TARGET = Symbol("startupDoctorConnectTarget");

export interface Attempts {
  target: string;
  count: number;
  /** The latest attempt's call stack, formatted only when reported. */
  site: { stack?: string };
  /** The first attempt's: a retry from inside a library still leads back to the project's call. */
  first: { stack?: string };
  /** performance.now() when the latest attempt closed without connecting; null once one connected. */
  failedAt: number | null;
}

/** A target that failed this recently is reported as retrying (a reconnect loop between attempts). */
const RETRY_WINDOW_MS = 5000;

/** By target and the package that called connect() ("" for the project itself). */
export const connectAttempts = new Map<string, Attempts>();
/** The Attempts a socket's connect() counts in, on the socket object. */
export const CONNECT_ATTEMPTS = Symbol("startupDoctorConnectAttempts");
/** Sockets between connect() and 'connect'/'close', for runtimes without async_hooks resources (Bun). */
const connecting = new Set<net.Socket>();
const MAX_TARGETS = 1000;

export function captureSite(): { stack?: string } {
  const site: { stack?: string } = {};
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 40;
  Error.captureStackTrace(site, captureSite);
  Error.stackTraceLimit = limit;
  return site;
}

/** `isOwnFrame` drops the preload's frames from the stacks it reports. */
export function installBootEvents(isOwnFrame: (line: string) => boolean): void {
  type Listen = (this: net.Server, ...args: unknown[]) => net.Server;
  const serverProto = net.Server.prototype as unknown as { listen: Listen };
  const listen = serverProto.listen;
  serverProto.listen = function probeListen(this: net.Server, ...args: unknown[]): net.Server {
    const site = captureSite();
    hidden(this, LISTEN_SITE, site);
    this.once("listening", () => {
      send({ t: "listening", ms: round(performance.now()), address: addressOf(this.address()), site: framesOf(site.stack ?? "", isOwnFrame) });
    });
    return listen.apply(this, args);
  };

  type Connect = (this: net.Socket, ...args: unknown[]) => net.Socket;
  const socketProto = net.Socket.prototype as unknown as { connect: Connect };
  const connect = socketProto.connect;
  socketProto.connect = function probeConnect(this: net.Socket, ...args: unknown[]): net.Socket {
    const target = targetOf(args);
    if (target) {
      hidden(this, CONNECT_TARGET, target);
      const site = captureSite();
      const key = `${target}\n${callingPackage(site.stack ?? "", isOwnFrame)}`;
      let seen = connectAttempts.get(key);
      if (seen) {
        seen.count++;
        seen.site = site;
      } else if (connectAttempts.size < MAX_TARGETS) {
        seen = { target, count: 1, site, first: site, failedAt: null };
        connectAttempts.set(key, seen);
      }
      if (seen) {
        hidden(this, CONNECT_ATTEMPTS, seen);
        connecting.add(this);
        watchAttempt(this, seen);
      }
    }
    return connect.apply(this, args);
  };
}

/** A socket's current attempt: what its `connect` and `close` events update. */
const ATTEMPT = Symbol("startupDoctorConnectAttempt");

interface Watched {
  attempts: Attempts;
  connected: boolean;
}

/**
 * Sees the attempt's `connect` and `close` through the socket's own emit, not through listeners:
 * a client may remove every listener of its socket's events (the MongoDB driver's connect strips
 * 'error', 'close' and 'timeout' when an attempt fails), and a listener of ours then never hears
 * the failure. Not an 'error' listener either: it would swallow an error the app leaves unhandled.
 */
function watchAttempt(socket: net.Socket, attempts: Attempts): void {
  const own = socket as unknown as Record<symbol, Watched | undefined> & { emit: net.Socket["emit"] };
  const already = own[ATTEMPT] !== undefined;
  hidden(own, ATTEMPT, { attempts, connected: false });
  // connect() again on the same socket: its emit already reports to whichever attempt is current.
  if (already) return;
  const emit = own.emit;
  const probeEmit = function probeEmit(this: net.Socket, event: string | symbol, ...args: unknown[]): boolean {
    const watched = (this as unknown as Record<symbol, Watched | undefined>)[ATTEMPT];
    if (watched && event === "connect") {
      watched.connected = true;
      watched.attempts.failedAt = null;
      connecting.delete(this);
    } else if (watched && event === "close") {
      if (!watched.connected) watched.attempts.failedAt = performance.now();
      connecting.delete(this);
    }
    return Reflect.apply(emit, this, [event, ...args]) as boolean;
  };
  hidden(own, "emit", probeEmit);
}

/** A property of ours on the app's object, not enumerable: an app that logs or inspects its socket or server sees none of it. */
function hidden(target: object, key: string | symbol, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, configurable: true, enumerable: false });
}

/** The latest attempt's frames, and the first attempt's as its origin once they differ. */
export function attemptFrames(attempts: Attempts, isOwnFrame: (line: string) => boolean): { stack: string[]; origin?: string[] } {
  const stack = framesOf(attempts.site.stack ?? "", isOwnFrame);
  return attempts.first === attempts.site ? { stack } : { stack, origin: framesOf(attempts.first.stack ?? "", isOwnFrame) };
}

/** Attempts whose latest one failed within the retry window: what a retry loop is waiting for. */
export function failingAttempts(): Attempts[] {
  const now = performance.now();
  return [...connectAttempts.values()].filter((attempts) => attempts.failedAt !== null && now - attempts.failedAt < RETRY_WINDOW_MS);
}

/** An attempt in flight after one that failed: the loop is retrying, whichever moment a snapshot catches. */
export function retrying(attempts: Attempts): { failing?: true } {
  return attempts.failedAt !== null ? { failing: true } : {};
}

/** The Attempts a socket's latest connect() counted in. */
export function attemptsOf(socket: object): Attempts | undefined {
  return (socket as Record<symbol, Attempts | undefined>)[CONNECT_ATTEMPTS];
}

/**
 * The package whose code called connect(): the innermost frame under node_modules, past Node's
 * own and the preload's; "" when the project's own code is reached first. The last node_modules
 * of a path names it (pnpm: node_modules/.pnpm/ioredis@5.4.1/node_modules/ioredis/...).
 */
function callingPackage(stack: string, isOwnFrame: (line: string) => boolean): string {
  for (const line of framesOf(stack, isOwnFrame)) {
    const path = line.replaceAll("\\", "/");
    const at = path.lastIndexOf("/node_modules/");
    if (at >= 0) {
      const [scope, name] = path.slice(at + "/node_modules/".length).split("/");
      return scope.startsWith("@") && name ? `${scope}/${name}` : scope;
    }
    if (!/\((node:|native)|at (node:|native)|\[native code\]/.test(path)) return "";
  }
  return "";
}

/** Connection work seen from the net.Socket wrapper alone: attempts running now, and targets failing (Bun's view). */
export function connectOps(isOwnFrame: (line: string) => boolean): WireOp[] {
  const ops: WireOp[] = [];
  const running = new Set<Attempts>();
  for (const socket of connecting) {
    const attempts = attemptsOf(socket);
    if (!attempts || running.has(attempts)) continue;
    running.add(attempts);
    ops.push({ kind: "connect", target: attempts.target, attempts: attempts.count, ...retrying(attempts), ...attemptFrames(attempts, isOwnFrame) });
  }
  for (const attempts of failingAttempts()) {
    if (!running.has(attempts)) ops.push({ kind: "connect", target: attempts.target, attempts: attempts.count, failing: true, ...attemptFrames(attempts, isOwnFrame) });
  }
  return ops;
}

/** net.connect(port, host), connect(options), connect(path), and Node's internal normalized [options, cb]. */
function targetOf(args: unknown[]): string | null {
  const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
  if (first && typeof first === "object") {
    const options = first as { host?: string; port?: number | string; path?: string };
    if (options.path) return options.path;
    if (options.port !== undefined) return `${options.host ?? "localhost"}:${options.port}`;
    return null;
  }
  if (typeof first === "number" || (typeof first === "string" && /^\d+$/.test(first))) {
    return `${typeof args[1] === "string" ? args[1] : "localhost"}:${first}`;
  }
  return typeof first === "string" ? first : null;
}

function addressOf(address: ReturnType<net.Server["address"]>): string {
  if (!address) return "";
  if (typeof address === "string") return address;
  return address.family === "IPv6" ? `[${address.address}]:${address.port}` : `${address.address}:${address.port}`;
}

export function framesOf(stack: string, isOwnFrame: (line: string) => boolean): string[] {
  const lines = stack.split("\n").slice(1).map((line) => line.trim());
  return lines.filter((line) => line.startsWith("at ") && !isOwnFrame(line));
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
