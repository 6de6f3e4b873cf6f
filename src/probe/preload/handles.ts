// Records where each resource that can keep the loop alive was created, as why-is-node-running
// does, but source-mapped and inheriting the origin along triggerAsyncId (runtime-facts §4.10).
import { createHook } from "node:async_hooks";
import type { WireHandle } from "./protocol.js";

interface Tracked {
  kind: WireHandle["type"] | "connect";
  // Weak: without a destroy hook nothing else would ever let a closed resource go.
  resource: WeakRef<object>;
  trigger: number;
  origin: { stack?: string };
  frames?: string[];
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
};

const tracked = new Map<number, Tracked>();
/** Resources we do not report but walk through to find an origin (ticks, requests); bounded. */
const triggers = new Map<number, number>();
const MAX_TRIGGERS = 100_000;
/** Closed resources keep their creation stack: a live one created in their callback inherits it. */
const retired = new Map<number, Pick<Tracked, "trigger" | "origin" | "frames">>();
const MAX_RETIRED = 10_000;

export function trackHandles(isOwnFrame: (line: string) => boolean): () => WireHandle[] {
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
      tracked.set(asyncId, { kind, resource: new WeakRef(resource), trigger: triggerAsyncId, origin });
    },
  }).enable();
  return () => snapshot(isOwnFrame);
}

function snapshot(isOwnFrame: (line: string) => boolean): WireHandle[] {
  const out: WireHandle[] = [];
  for (const [id, entry] of tracked) {
    const resource = entry.resource.deref();
    if (!resource || isClosed(resource)) {
      tracked.delete(id);
      retired.set(id, { trigger: entry.trigger, origin: entry.origin, frames: entry.frames });
      if (retired.size > MAX_RETIRED) retired.delete(retired.keys().next().value as number);
      continue;
    }
    if (entry.kind === "connect" || !keepsAlive(entry.kind, resource)) continue;
    const origin = ancestorFrames(entry.trigger, isOwnFrame);
    out.push({
      id,
      type: typeOf(entry.kind, resource),
      description: describe(id, entry.kind, resource),
      stack: originFrames(id, isOwnFrame),
      ...(origin.length > 0 ? { origin } : {}),
    });
  }
  return out;
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
  return kind === "connect" ? "socket" : kind;
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

function framesOf(stack: string, isOwnFrame: (line: string) => boolean): string[] {
  const lines = stack.split("\n").slice(1).map((line) => line.trim());
  return lines.filter((line) => line.startsWith("at ") && !isOwnFrame(line));
}

function isUserFrame(frame: string): boolean {
  return !frame.includes("node:") && !frame.includes("/node_modules/") && !frame.includes("(<anonymous>)");
}
