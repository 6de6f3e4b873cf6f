// Records where each resource that can keep the loop alive was created, as why-is-node-running
// does, but source-mapped and inheriting the origin along triggerAsyncId (runtime-facts §4.10).
import { createHook } from "node:async_hooks";
import type { WireHandle } from "./protocol.js";

interface Tracked {
  kind: WireHandle["type"] | "connect";
  resource: object;
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
/** Resources we do not report but walk through to find an origin (ticks, requests). */
const triggers = new Map<number, number>();

export function trackHandles(isOwnFrame: (line: string) => boolean): () => WireHandle[] {
  createHook({
    init(asyncId, type, triggerAsyncId, resource) {
      if (type === "PROMISE") return;
      const kind = KINDS[type];
      if (!kind) {
        triggers.set(asyncId, triggerAsyncId);
        return;
      }
      const origin: { stack?: string } = {};
      const limit = Error.stackTraceLimit;
      Error.stackTraceLimit = 40;
      // Captured now, formatted (and source-mapped) only if still alive at a snapshot.
      Error.captureStackTrace(origin);
      Error.stackTraceLimit = limit;
      tracked.set(asyncId, { kind, resource, trigger: triggerAsyncId, origin });
    },
    destroy(asyncId) {
      tracked.delete(asyncId);
      triggers.delete(asyncId);
    },
  }).enable();
  return () => snapshot(isOwnFrame);
}

function snapshot(isOwnFrame: (line: string) => boolean): WireHandle[] {
  const out: WireHandle[] = [];
  for (const [id, entry] of tracked) {
    if (entry.kind === "connect" || !keepsAlive(entry)) continue;
    out.push({ id, type: typeOf(entry), description: describe(id, entry), stack: originFrames(id, isOwnFrame) });
  }
  return out;
}

function keepsAlive(entry: Tracked): boolean {
  const resource = entry.resource as { hasRef?: () => boolean; fd?: number };
  if (entry.kind === "pipe" && typeof resource.fd === "number" && resource.fd >= 0 && resource.fd <= 2) return false;
  return typeof resource.hasRef === "function" ? resource.hasRef() : true;
}

function typeOf(entry: Tracked): WireHandle["type"] {
  if (entry.kind === "timer" && (entry.resource as { _repeat?: number | null })._repeat) return "interval";
  return entry.kind === "connect" ? "socket" : entry.kind;
}

interface Address { address?: string; port?: number }

function describe(id: number, entry: Tracked): string {
  const resource = entry.resource as {
    _repeat?: number | null;
    _idleTimeout?: number;
    getpeername?: (out: Address) => number;
    getsockname?: (out: Address) => number;
    pid?: number;
  };
  switch (entry.kind) {
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
    const request = entry.resource as { address?: string; port?: number };
    if (request.address) return `${request.address}:${request.port}`;
  }
  return null;
}

/** User frames of the resource, or of the nearest ancestor along triggerAsyncId that has some. */
function originFrames(id: number, isOwnFrame: (line: string) => boolean): string[] {
  let current: number | undefined = id;
  let fallback: string[] | null = null;
  for (let hops = 0; current !== undefined && hops < 64; hops++) {
    const entry = tracked.get(current);
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

function framesOf(stack: string, isOwnFrame: (line: string) => boolean): string[] {
  const lines = stack.split("\n").slice(1).map((line) => line.trim());
  return lines.filter((line) => line.startsWith("at ") && !isOwnFrame(line));
}

function isUserFrame(frame: string): boolean {
  return !frame.includes("node:") && !frame.includes("/node_modules/") && !frame.includes("(<anonymous>)");
}
