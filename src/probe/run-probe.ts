// Runs one entry in a child process, feeds what the preload reports to the verdict machine
// (verdict.ts), and stops the child once startup is judged.
import { spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import type { Readable, Writable } from "node:stream";
import type { RuntimeName } from "../report/types.js";
import { stallBlocks } from "./classify.js";
import { killProbeTree, registerProbe, type LiveProbe } from "./kill-tree.js";
import { OutputTail } from "./output-tail.js";
import { createPrivateTmp } from "./private-tmp.js";
import { spawnHold } from "./spawn-hold.js";
import { readStat } from "./proc-table.js";
import { ENV_BLOCK_MS, ENV_FD, ENV_HOLD, ENV_MARKER, ENV_PARENT, MAX_LINE, TOKEN_BYTES, type ProbeMessage, type WireOp } from "./preload/protocol.js";
import { asSubreaper } from "./subreaper.js";
import type { ChildRun } from "./types.js";
import { startVerdict, step, type ProbeEvent, type ReadyMode } from "./verdict.js";

/** What to run: the shape of probe-program's ProbePlan (src/probe/plan/types.ts) that the runner needs. */
export interface ChildCommand {
  command: string;
  args: string[];
}

export interface RunChildOptions {
  cwd: string;
  command: ChildCommand;
  runtime: RuntimeName;
  env: Record<string, string>;
  timeoutMs: number;
  slowMs: number;
  ready: ReadyMode;
  graceMs: number;
  /** --ready-log: a line of output that means "started". */
  readyLog?: RegExp;
  signal?: AbortSignal;
}

const OUTPUT_LIMIT = 64 * 1024;
const KILL_GRACE_MS = 400;
/** Nothing in flight for this long after evaluation = settled. */
const SETTLE_MS = 500;
/** Reading what a busy parent left in the pipe before judging: stop once it has been quiet this long. */
const DRAIN_QUIET_MS = 40;
const DRAIN_MAX_MS = 1500;
/** A child whose clock is behind ours (it started late, we read late) gets this much longer, at most. */
const CLOCK_SLACK_MS = 5000;

export function runChild(options: RunChildOptions): Promise<ChildRun> {
  const marker = randomUUID();
  const token = randomBytes(TOKEN_BYTES).toString("hex");
  const blockThresholdMs = Math.max(200, Math.min(1000, Math.floor(options.timeoutMs / 3)));
  const tmp = createPrivateTmp();
  const hold = spawnHold(tmp.hold);
  const env: Record<string, string | undefined> = {
    ...process.env,
    ...tmp.env,
    ...options.env,
    [ENV_FD]: "3",
    [ENV_HOLD]: hold.path,
    [ENV_MARKER]: marker,
    [ENV_PARENT]: `${process.pid}:${readStat(process.pid)?.start ?? ""}`,
    [ENV_BLOCK_MS]: String(blockThresholdMs),
  };
  delete env.NODE_TEST_CONTEXT;
  const startedAt = Date.now();
  const spawned = asSubreaper(options.command);
  const child = spawn(spawned.command, spawned.args, {
    cwd: options.cwd,
    env,
    // Own process group, so the whole tree can be killed (runtime-facts §4.13).
    detached: true,
    stdio: ["ignore", "pipe", "pipe", "pipe"],
  });
  // fd 3 is a socket pair: the token goes down it, never through the environment (a
  // grandchild could read /proc/PID/environ).
  const channel = child.stdio[3] as (Readable & Writable) | null | undefined;
  channel?.on("error", () => undefined);
  channel?.write(`${token}\n`);
  const probe: LiveProbe = { pid: child.pid ?? -1, marker };
  if (child.pid) registerProbe(probe);
  const run: ChildRun = {
    runtime: options.runtime,
    mainUrl: null,
    startedAt,
    finishedAt: null,
    childFinishedMs: null,
    endedAt: startedAt,
    timedOut: false,
    exitedOnItsOwn: false,
    exitCode: null,
    signal: null,
    reportedExitCode: null,
    exitCalledFrom: null,
    heartbeatAgeMs: 0,
    blockThresholdMs,
    modules: { entered: new Map(), exited: new Map(), edges: [], enterSeq: new Map(), exitSeq: new Map(), edgeSeq: [] },
    error: null,
    errors: [],
    stack: null,
    stackCpu: null,
    stall: null,
    handles: [],
    ops: [],
    listening: [],
    events: [],
    verdict: startVerdict({ mode: options.ready, slowMs: options.slowMs, graceMs: options.graceMs, settleMs: SETTLE_MS }),
    notes: [],
    outputTail: "",
    outputAtKill: null,
    lastChildMs: 0,
    busy: false,
  };
  const tail = new OutputTail(OUTPUT_LIMIT);
  let received = 0;
  let onVerdict = (): void => undefined;
  const feed = (event: ProbeEvent): void => {
    if (run.verdict.verdict) return;
    run.events.push(event);
    run.verdict = step(run.verdict, event);
    if (run.verdict.verdict) onVerdict();
  };
  const childNow = (): number => Math.max(run.lastChildMs, Date.now() - startedAt);
  const logLines = options.readyLog ? new LineSplitter((line) => {
    if (options.readyLog?.test(line)) feed({ type: "log", ms: childNow() });
  }) : null;
  const onOutput = (chunk: Buffer): void => {
    tail.push(chunk);
    logLines?.push(chunk);
  };
  child.stdout?.on("data", onOutput);
  child.stderr?.on("data", onOutput);
  let lastBeatAt = startedAt;
  // Once the verdict is in, the tree is being killed: a stall seen then is the kill's (a spawn held
  // at the gate, a SIGTERM handler), not the startup's, and must not describe it.
  let killing = false;
  /** Modules whose body threw: finished once the run is over, unless an uncaught error ended it (then they are where it crashed). */
  const threw = new Map<string, { ms: number; s: number }>();
  let seq = 0;
  const onMessage = (message: ProbeMessage): void => {
    switch (message.t) {
      case "main":
        run.mainUrl = message.u;
        if (message.gate) hold.offered();
        break;
      case "held":
        hold.answered(message.clear);
        break;
      case "enter":
        if (!run.modules.entered.has(message.u)) {
          run.modules.entered.set(message.u, message.ms);
          run.modules.enterSeq.set(message.u, message.s ?? seq++);
        }
        break;
      case "exit":
        if (message.threw) {
          if (!threw.has(message.u)) threw.set(message.u, { ms: message.ms, s: message.s ?? seq++ });
          break;
        }
        if (!run.modules.exited.has(message.u)) {
          run.modules.exited.set(message.u, message.ms);
          run.modules.exitSeq.set(message.u, message.s ?? seq++);
        }
        if (message.u === run.mainUrl && run.childFinishedMs === null) {
          run.childFinishedMs = message.ms;
          run.finishedAt = Date.now();
          feed({ type: "evaluated", ms: message.ms });
        }
        break;
      case "edge":
        run.modules.edges.push(message.dynamic ? { from: message.from, to: message.to, dynamic: true } : { from: message.from, to: message.to });
        run.modules.edgeSeq.push(message.s ?? seq++);
        break;
      case "hb": {
        lastBeatAt = Date.now();
        run.stall = null;
        if (message.handles) run.handles = message.handles;
        if (message.ops) run.ops = message.ops;
        run.busy = message.busy === true;
        const ms = message.ms ?? Date.now() - startedAt;
        run.lastChildMs = Math.max(run.lastChildMs, ms);
        // A connection that failed moments ago counts as work: a retry loop between attempts
        // (rxjs' delay() schedules its retry with setInterval, which looks long-lived).
        feed({ type: "activity", ms, inFlight: run.ops.length, busy: run.busy });
        break;
      }
      case "listening":
        run.listening.push({ address: message.address, site: message.site, ms: message.ms });
        feed({ type: "listening", ms: message.ms, address: message.address });
        break;
      case "error": {
        const error = { name: message.name, message: message.message, stack: message.stack, ms: message.ms ?? childNow(), origin: message.origin };
        run.error ??= error;
        if (run.errors.length < 20) run.errors.push(error);
        feed({ type: "error", ms: error.ms });
        break;
      }
      case "stack":
        if (killing) break;
        // A pause that landed in the probe's own beat (the loop was idle a moment) says nothing:
        // keep the last stack that shows the app.
        if (run.stack === null || hasAppFrame(message.stack)) {
          run.stack = message.stack;
          run.stackCpu = message.cpu ?? null;
        }
        break;
      case "stall":
        if (killing) break;
        run.stall = { cpu: message.cpu ?? null, state: typeof message.state === "string" ? message.state : null };
        break;
      case "end":
        run.reportedExitCode = message.exitCode;
        if (Array.isArray(message.calledFrom)) run.exitCalledFrom = message.calledFrom.filter((frame) => typeof frame === "string").slice(0, 10);
        if (message.ms !== undefined) run.lastChildMs = Math.max(run.lastChildMs, message.ms);
        break;
      case "note":
        run.notes.push(message.text);
        break;
    }
  };
  readLines(channel, token, (message) => {
    received++;
    onMessage(message);
  });

  return new Promise<ChildRun>((resolve) => {
    let settled = false;
    let exited = false;
    const exitedPromise = new Promise<void>((done) => {
      child.once("exit", (code, signal) => {
        exited = true;
        run.exitCode = code;
        run.signal = signal;
        done();
        // `exit` can overtake the last messages still in the pipe (the entry finishing, the
        // error, the exit code): read them first.
        void within(streamsClosed([child.stdio[3]]), 250).then(() => {
          run.exitedOnItsOwn = !run.verdict.verdict;
          run.serverFramework = serverFrameworkOf(run).serverFramework;
          feed({
            type: "exit",
            ms: Math.max(run.lastChildMs, Date.now() - startedAt),
            code,
            signal,
            reportedExitCode: run.reportedExitCode,
            modulesPending: modulesPending(run),
            ...serverFrameworkOf(run),
          });
          settle();
        });
      });
      child.once("error", (error) => {
        run.notes.push(`could not start ${options.command.command}: ${error.message}`);
        exited = true;
        done();
        feed({ type: "exit", ms: Date.now() - startedAt, code: null, signal: null, reportedExitCode: null, modulesPending: false });
        settle();
      });
    });
    onVerdict = () => settle();
    // Parent clock: a parent busy with the static analysis fires these late, and the drain then
    // reads what the child reported meanwhile, with the child's own timestamps.
    let timer = setTimeout(onTimer, options.timeoutMs);
    let graceTimer: NodeJS.Timeout | null = null;
    const onAbort = (): void => {
      feed({ type: "timeout", ms: childNow(), busy: false });
      settle();
    };
    options.signal?.addEventListener("abort", onAbort, { once: true });

    function onTimer(): void {
      void drain(() => received).then(() => {
        if (settled || run.verdict.verdict) return settle();
        // The child's clock has not reached the timeout yet (it started late, or its beats
        // were read late): give it the difference if it is alive and beating.
        const beatFresh = Date.now() - lastBeatAt < blockThresholdMs;
        const behind = options.timeoutMs - run.lastChildMs;
        if (beatFresh && behind > 50 && Date.now() - startedAt < options.timeoutMs + CLOCK_SLACK_MS) {
          timer = setTimeout(onTimer, behind);
          return;
        }
        run.heartbeatAgeMs = Date.now() - lastBeatAt;
        run.timedOut = true;
        feed({ type: "timeout", ms: Math.max(run.lastChildMs, options.timeoutMs), busy: mainThreadBusy(run) });
        settle();
      });
    }

    // Ready by listening: the grace window ends on a heartbeat; a blocked child sends none.
    const watchGrace = setInterval(() => {
      if (run.verdict.ready && run.verdict.graceUntil !== null && graceTimer === null) {
        graceTimer = setTimeout(() => {
          void drain(() => received).then(() => {
            feed({ type: "timeout", ms: childNow(), busy: false });
            settle();
          });
        }, options.graceMs + 500);
      }
    }, 50);

    function settle(): void {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearInterval(watchGrace);
      if (graceTimer) clearTimeout(graceTimer);
      options.signal?.removeEventListener("abort", onAbort);
      run.endedAt = Date.now();
      if (!run.timedOut) run.heartbeatAgeMs = run.endedAt - lastBeatAt;
      void cleanUp().then(() => resolve(run));
    }

    async function cleanUp(): Promise<void> {
      const wasKilled = !exited;
      killing = true;
      const killMark = tail.mark();
      await killProbeTree(probe, KILL_GRACE_MS, hold.ask);
      if (!exited) await within(exitedPromise, 2000);
      // Grandchildren may hold the pipes open; what was written is read by now or never.
      await within(streamsClosed(child.stdio), 100);
      for (const stream of child.stdio) stream?.destroy();
      if (wasKilled) {
        run.exitCode = null;
        run.signal = null;
      }
      run.outputTail = tail.text();
      if (wasKilled) run.outputAtKill = tail.split(killMark);
      if (run.error === null) {
        for (const [url, { ms, s }] of threw) {
          if (run.modules.exited.has(url)) continue;
          run.modules.exited.set(url, ms);
          run.modules.exitSeq.set(url, s);
        }
      }
      tmp.remove();
    }
  });
}

function hasAppFrame(stack: string): boolean {
  return stack.split("\n").some((line) => /^\s*at .*(file:\/\/|\(\/|at \/)/.test(line) && !line.includes("/node_modules/") && !line.includes("/probe/preload/"));
}

/** A stale heartbeat alone may be a starved machine; Node's watchdog confirms with a stack, or a stall report (classify.ts). A busy loop (setImmediate) beats but says so. */
function mainThreadBusy(run: ChildRun): boolean {
  const stale = run.heartbeatAgeMs >= run.blockThresholdMs;
  if (!stale) return run.busy;
  return run.stack !== null || run.runtime === "bun" || stallBlocks(run.stall);
}

/** A project module that started evaluating and never finished (dependencies' try/require failures aside). */
function modulesPending(run: ChildRun): boolean {
  for (const url of run.modules.entered.keys()) {
    if (!run.modules.exited.has(url) && !url.includes("/node_modules/")) return true;
  }
  return false;
}

/** Packages whose presence says "this process is meant to serve" (exit 0 without listening is then a failure). */
const SERVER_FRAMEWORKS = ["express", "koa", "fastify", "@nestjs/core", "@hapi/hapi", "restify", "elysia", "hono", "@nestjs/platform-express", "routing-controllers"];
const FRAMEWORK_IN_URL = new RegExp(`/node_modules/(${SERVER_FRAMEWORKS.map((name) => name.replace("/", "\\/")).join("|")})/`);

function serverFrameworkOf(run: ChildRun): { serverFramework?: string } {
  for (const url of run.modules.entered.keys()) {
    const match = FRAMEWORK_IN_URL.exec(url);
    if (match?.[1]) return { serverFramework: match[1] };
  }
  return {};
}

/** Waits until nothing new arrived for DRAIN_QUIET_MS (the pipe is read), at most DRAIN_MAX_MS. */
function drain(count: () => number): Promise<void> {
  return new Promise((resolve) => {
    const started = Date.now();
    let last = count();
    const tick = (): void => {
      const now = count();
      if ((now === last && Date.now() - started >= DRAIN_QUIET_MS) || Date.now() - started >= DRAIN_MAX_MS) return resolve();
      last = now;
      setTimeout(tick, DRAIN_QUIET_MS);
    };
    setTimeout(tick, DRAIN_QUIET_MS);
  });
}

/**
 * Token-prefixed JSON lines. A line longer than MAX_LINE is skipped without being kept, so a
 * child writing 200 MB without a newline costs no memory; a line without the token (a
 * grandchild that inherited fd 3) is ignored.
 */
function readLines(stream: Readable | null | undefined, token: string, onMessage: (message: ProbeMessage) => void): void {
  if (!stream) return;
  const prefix = `${token} `;
  const splitter = new LineSplitter((line) => {
    if (!line.startsWith(prefix)) return;
    try {
      onMessage(JSON.parse(line.slice(prefix.length)) as ProbeMessage);
    } catch {
      // A torn line: ignore it rather than fail the probe.
    }
  }, MAX_LINE);
  stream.on("data", (chunk: Buffer) => splitter.push(chunk));
  stream.on("error", () => undefined);
}

/** Splits a byte stream into lines, dropping (not buffering) any line longer than `maxLine`. */
export class LineSplitter {
  private parts: Buffer[] = [];
  private size = 0;
  private skipping = false;
  private readonly onLine: (line: string) => void;
  private readonly maxLine: number;

  constructor(onLine: (line: string) => void, maxLine = 64 * 1024) {
    this.onLine = onLine;
    this.maxLine = maxLine;
  }

  push(chunk: Buffer): void {
    let start = 0;
    for (let newline = chunk.indexOf(0x0a, start); newline >= 0; newline = chunk.indexOf(0x0a, start)) {
      if (!this.skipping) this.add(chunk.subarray(start, newline));
      if (!this.skipping) this.onLine(Buffer.concat(this.parts, this.size).toString("utf8"));
      this.parts = [];
      this.size = 0;
      this.skipping = false;
      start = newline + 1;
    }
    if (start < chunk.length && !this.skipping) this.add(chunk.subarray(start));
  }

  private add(bytes: Buffer): void {
    if (this.size + bytes.length > this.maxLine) {
      this.skipping = true;
      this.parts = [];
      this.size = 0;
      return;
    }
    // Copied: the stream may reuse its buffer.
    this.parts.push(Buffer.from(bytes));
    this.size += bytes.length;
  }
}

function streamsClosed(streams: ReadonlyArray<unknown>): Promise<void> {
  const waits = streams.map(
    (stream) =>
      new Promise<void>((done) => {
        const readable = stream as Readable | null;
        if (!readable || readable.readableEnded || readable.destroyed) return done();
        readable.once("close", () => done());
      }),
  );
  return Promise.all(waits).then(() => undefined);
}

/** Waits for `promise`, at most `ms`, and leaves no timer behind. */
function within(promise: Promise<void>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    void promise.then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

export type { WireOp };
