// Records where each resource that can keep the loop alive was created, as why-is-node-running
// does, but source-mapped and inheriting the origin along triggerAsyncId (runtime-facts §4.10).
import { createHook } from "node:async_hooks";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { CONNECT_TARGET, LISTEN_SITE, attemptFrames, attemptsOf, failingAttempts, framesOf, retrying, type Attempts } from "./boot-events.js";
import type { WireHandle, WireOp } from "./protocol.js";

interface Tracked {
  kind: WireHandle["type"] | "connect" | "dns";
  // Weak: without a destroy hook nothing else would ever let a closed resource go.
  resource: WeakRef<object>;
  trigger: number;
  origin: { stack?: string };
  frames?: string[];
  /** A request (DNS) whose callback ran. */
  done?: boolean;
}

const KINDS: Record<string, Tracked["kind"]> = {
  TCPWRAP: "socket",
  TCPSERVERWRAP: "server",
  PIPEWRAP: "pipe",
  PIPESERVERWRAP: "server",
  UDPWRAP: "udp",
  Timeout: "timer",
  PROCESSWRAP: "child-process",
  FSEVENTWRAP: "watcher",
  STATWATCHER: "watcher",
  TCPCONNECTWRAP: "connect",
  GETADDRINFOREQWRAP: "dns",
};

/** A timer this short is startup work waiting (a retry, a timeout); a longer one is a scheduled job. */
const SHORT_TIMER_MS = 60_000;

export interface Snapshot {
  handles: WireHandle[];
  ops: WireOp[];
}

const tracked = new Map<number, Tracked>();
/** Resources we do not report but walk through to find an origin (ticks, requests); bounded. */
const triggers = new Map<number, number>();
const MAX_TRIGGERS = 100_000;
/** Closed resources keep their creation stack: a live one created in their callback inherits it. */
const retired = new Map<number, Pick<Tracked, "trigger" | "origin" | "frames">>();
const MAX_RETIRED = 10_000;

export function trackHandles(isOwnFrame: (line: string) => boolean): () => Snapshot {
  // No destroy hook: with one, Node registers a destroy callback on every promise
  // (promiseInitHookWithDestroyTracking), which cost ~7% of a 1,000-module import. Dead
  // resources are dropped at each snapshot instead.
  createHook({
    init(asyncId, type, triggerAsyncId, resource) {
      if (type === "PROMISE") return;
      const kind = KINDS[type];
      if (!kind) {
        triggers.set(asyncId, triggerAsyncId);
        if (triggers.size > MAX_TRIGGERS) triggers.delete(triggers.keys().next().value as number);
        return;
      }
      const origin: { stack?: string } = {};
      const limit = Error.stackTraceLimit;
      Error.stackTraceLimit = 40;
      // Captured now, formatted (and source-mapped) only if still alive at a snapshot.
      Error.captureStackTrace(origin);
      Error.stackTraceLimit = limit;
      const entry: Tracked = { kind, resource: new WeakRef(resource), trigger: triggerAsyncId, origin };
      tracked.set(asyncId, entry);
      if (kind === "dns") markDoneOnComplete(resource as object, entry);
    },
  }).enable();
  return () => snapshot(isOwnFrame);
}

/**
 * The request's callback is `oncomplete`, read by native code when the lookup completes: wrapping
 * it sees the completion without an async `before` hook (which would fire for every promise).
 * The native request (and this init) is created after dns.lookup assigned it, so the current
 * value is wrapped; a setter covers requests initialised before the assignment.
 */
function markDoneOnComplete(request: object, entry: Tracked): void {
  const wrap = (callback: (...args: unknown[]) => unknown) =>
    function onComplete(this: unknown, ...args: unknown[]): unknown {
      entry.done = true;
      return callback.apply(this, args);
    };
  try {
    const current = (request as { oncomplete?: unknown }).oncomplete;
    if (typeof current === "function") {
      Object.defineProperty(request, "oncomplete", { configurable: true, writable: true, enumerable: true, value: wrap(current as (...args: unknown[]) => unknown) });
      return;
    }
    let stored: unknown = current;
    Object.defineProperty(request, "oncomplete", {
      configurable: true,
      enumerable: true,
      get: () => stored,
      set(callback: unknown) {
        stored = typeof callback === "function" ? wrap(callback as (...args: unknown[]) => unknown) : callback;
      },
    });
  } catch {
    // Not extensible: the lookup then never counts as in flight.
    entry.done = true;
  }
}

function snapshot(isOwnFrame: (line: string) => boolean): Snapshot {
  const handles: WireHandle[] = [];
  const ops: WireOp[] = [];
  // The attempts a socket in flight reports: not reported again as failing.
  const running = new Set<Attempts>();
  for (const [id, entry] of tracked) {
    const resource = entry.resource.deref();
    if (!resource || isClosed(resource) || entry.done) {
      tracked.delete(id);
      retired.set(id, { trigger: entry.trigger, origin: entry.origin, frames: entry.frames });
      if (retired.size > MAX_RETIRED) retired.delete(retired.keys().next().value as number);
      continue;
    }
    const op = inFlight(id, entry, resource, isOwnFrame, running);
    if (op) {
      const origin = op.kind === "dns" ? [] : ancestorFrames(entry.trigger, isOwnFrame);
      ops.push(origin.length > 0 ? { ...op, origin } : op);
    }
    if (entry.kind === "connect" || entry.kind === "dns" || !keepsAlive(entry.kind, resource)) continue;
    const origin = ancestorFrames(entry.trigger, isOwnFrame);
    const site = entry.kind === "server" ? listenSite(resource, isOwnFrame) : null;
    handles.push({
      id,
      type: typeOf(entry.kind, resource),
      description: describe(id, entry.kind, resource),
      stack: site ?? originFrames(id, isOwnFrame),
      ...(origin.length > 0 ? { origin } : {}),
    });
  }
  for (const attempts of failingAttempts()) {
    if (running.has(attempts)) continue;
    ops.push({ kind: "connect", target: attempts.target, attempts: attempts.count, failing: true, ...attemptFrames(attempts, isOwnFrame) });
  }
  return { handles, ops };
}

/** Startup work still running, whether or not it holds the loop (an unref'd retry timer is work too). */
function inFlight(id: number, entry: Tracked, resource: object, isOwnFrame: (line: string) => boolean, running: Set<Attempts>): WireOp | null {
  switch (entry.kind) {
    case "dns": {
      const hostname = (resource as { hostname?: string }).hostname;
      return { kind: "dns", target: hostname ?? "?", stack: originFrames(id, isOwnFrame) };
    }
    case "socket":
    case "pipe": {
      const owner = ownerOf(resource) as { connecting?: boolean } | null;
      if (!owner?.connecting) return null;
      const target = ((owner as Record<symbol, unknown>)[CONNECT_TARGET] as string | undefined) ?? connectTarget(id) ?? "?";
      const attempts = attemptsOf(owner);
      if (!attempts) return { kind: "connect", target, stack: originFrames(id, isOwnFrame) };
      running.add(attempts);
      return { kind: "connect", target, attempts: attempts.count, ...retrying(attempts), ...attemptFrames(attempts, isOwnFrame) };
    }
    case "timer": {
      const timer = resource as { _repeat?: number | null; _idleTimeout?: number };
      if (timer._repeat || (timer._idleTimeout ?? 0) >= SHORT_TIMER_MS || (timer._idleTimeout ?? 0) < 0) return null;
      return { kind: "timer", target: `setTimeout of ${timer._idleTimeout} ms`, stack: originFrames(id, isOwnFrame) };
    }
    case "child-process":
      return { kind: "child-process", target: describe(id, entry.kind, resource), stack: originFrames(id, isOwnFrame) };
    default:
      return null;
  }
}

/** The JavaScript object (net.Socket, net.Server) behind a native handle. */
function ownerOf(resource: object): object | null {
  const symbol = Object.getOwnPropertySymbols(resource).find((s) => s.description === "owner_symbol");
  const owner = symbol ? (resource as Record<symbol, unknown>)[symbol] : null;
  return owner && typeof owner === "object" ? owner : null;
}

function listenSite(resource: object, isOwnFrame: (line: string) => boolean): string[] | null {
  const owner = ownerOf(resource) as Record<symbol, { stack?: string } | undefined> | null;
  const site = owner?.[LISTEN_SITE];
  if (!site) return null;
  const frames = framesOf(site.stack ?? "", isOwnFrame);
  return frames.length > 0 ? frames : null;
}

/** A timer that fired or was cleared; a handle whose native side is gone answers hasRef() with undefined. */
function isClosed(resource: object): boolean {
  const r = resource as { _destroyed?: boolean; hasRef?: () => boolean | undefined };
  if (r._destroyed === true) return true;
  return typeof r.hasRef === "function" && r.hasRef() === undefined;
}

function keepsAlive(kind: Tracked["kind"], resource: object): boolean {
  const r = resource as { hasRef?: () => boolean; fd?: number };
  if (kind === "pipe" && typeof r.fd === "number" && r.fd >= 0 && r.fd <= 2) return false;
  return typeof r.hasRef === "function" ? r.hasRef() : true;
}

function typeOf(kind: Tracked["kind"], resource: object): WireHandle["type"] {
  if (kind === "timer" && (resource as { _repeat?: number | null })._repeat) return "interval";
  return kind === "connect" || kind === "dns" ? "socket" : kind;
}

interface Address { address?: string; port?: number }

function describe(id: number, kind: Tracked["kind"], handle: object): string {
  const resource = handle as {
    _repeat?: number | null;
    _idleTimeout?: number;
    getpeername?: (out: Address) => number;
    getsockname?: (out: Address) => number;
    pid?: number;
  };
  switch (kind) {
    case "timer": {
      const every = resource._repeat;
      return every ? `setInterval every ${every} ms` : `setTimeout of ${resource._idleTimeout ?? "?"} ms`;
    }
    case "socket": {
      const peer: Address = {};
      resource.getpeername?.(peer);
      if (peer.address) return `TCP socket connected to ${peer.address}:${peer.port}`;
      const target = connectTarget(id);
      return target ? `TCP socket connecting to ${target}` : "TCP socket";
    }
    case "server": {
      const local: Address = {};
      resource.getsockname?.(local);
      return local.address ? `server listening on ${local.address}:${local.port}` : "server";
    }
    case "child-process":
      return `child process${resource.pid ? ` pid ${resource.pid}` : ""}`;
    case "pipe":
      return "pipe";
    case "udp":
      return "UDP socket";
    default:
      return "file watcher";
  }
}

function connectTarget(socketId: number): string | null {
  for (const entry of tracked.values()) {
    if (entry.kind !== "connect" || entry.trigger !== socketId) continue;
    const request = entry.resource.deref() as { address?: string; port?: number } | undefined;
    if (request?.address) return `${request.address}:${request.port}`;
  }
  return null;
}

/** User frames of the resource, or of the nearest ancestor along triggerAsyncId that has some. */
function originFrames(id: number, isOwnFrame: (line: string) => boolean): string[] {
  let current: number | undefined = id;
  let fallback: string[] | null = null;
  for (let hops = 0; current !== undefined && hops < 64; hops++) {
    const entry: Pick<Tracked, "trigger" | "origin" | "frames"> | undefined = tracked.get(current) ?? retired.get(current);
    if (entry) {
      entry.frames ??= framesOf(entry.origin.stack ?? "", isOwnFrame);
      fallback ??= entry.frames;
      if (entry.frames.some(isUserFrame)) return entry.frames;
      current = entry.trigger;
    } else {
      current = triggers.get(current);
    }
  }
  return fallback ?? [];
}

/**
 * User frames of the OUTERMOST earlier resource along triggerAsyncId: a retry timer scheduled in a
 * socket's error callback was really started by whatever opened the first socket (a constructor).
 */
function ancestorFrames(trigger: number, isOwnFrame: (line: string) => boolean): string[] {
  let current: number | undefined = trigger;
  let outermost: string[] = [];
  for (let hops = 0; current !== undefined && current > 1 && hops < 256; hops++) {
    const entry: Pick<Tracked, "trigger" | "origin" | "frames"> | undefined = tracked.get(current) ?? retired.get(current);
    if (entry) {
      entry.frames ??= framesOf(entry.origin.stack ?? "", isOwnFrame);
      if (entry.frames.some(isUserFrame)) outermost = entry.frames;
      current = entry.trigger;
    } else {
      current = triggers.get(current);
    }
  }
  return outermost;
}


function isUserFrame(frame: string): boolean {
  return !frame.includes("node:") && !frame.includes("/node_modules/") && !frame.includes("(<anonymous>)") && frameFileExists(frame);
}

// A dependency's source map can name a file that leaves the package (typeorm's `../../src/...`):
// a frame in a file that does not exist is not the project's (stack-frames.ts, isUserFrame).
const FRAME_FILE = /\((.+):\d+:\d+\)$|^\s*at (?:async )?(.+):\d+:\d+$/;
const existing = new Map<string, boolean>();

function frameFileExists(frame: string): boolean {
  const match = FRAME_FILE.exec(frame);
  const raw = match?.[1] ?? match?.[2];
  if (!raw) return true;
  let known = existing.get(raw);
  if (known === undefined) {
    try {
      known = existsSync(raw.startsWith("file://") ? fileURLToPath(raw) : raw);
    } catch {
      known = true;
    }
    existing.set(raw, known);
  }
  return known;
}
