// Runs one entry in a child process and collects what the preload reports.
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import type { Readable } from "node:stream";
import type { RuntimeName } from "../report/types.js";
import { killProbeTree, registerProbe, type LiveProbe } from "./kill-tree.js";
import { OutputTail } from "./output-tail.js";
import { ENV_BLOCK_MS, ENV_FD, ENV_MARKER, type ProbeMessage } from "./preload/protocol.js";
import type { ChildCommand } from "./runtimes.js";
import type { ChildRun } from "./types.js";

export interface RunChildOptions {
  cwd: string;
  command: ChildCommand;
  runtime: RuntimeName;
  env: Record<string, string>;
  timeoutMs: number;
  signal?: AbortSignal;
}

const OUTPUT_LIMIT = 64 * 1024;
const KILL_GRACE_MS = 400;

export function runChild(options: RunChildOptions): Promise<ChildRun> {
  const marker = randomUUID();
  const blockThresholdMs = Math.max(200, Math.min(1000, Math.floor(options.timeoutMs / 3)));
  const env: Record<string, string | undefined> = {
    ...process.env,
    ...options.env,
    [ENV_FD]: "3",
    [ENV_MARKER]: marker,
    [ENV_BLOCK_MS]: String(blockThresholdMs),
  };
  delete env.NODE_TEST_CONTEXT;
  const startedAt = Date.now();
  const child = spawn(options.command.command, options.command.args, {
    cwd: options.cwd,
    env,
    // Own process group, so the whole tree can be killed (runtime-facts §4.13).
    detached: true,
    stdio: ["ignore", "pipe", "pipe", "pipe"],
  });
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
    heartbeatAgeMs: 0,
    blockThresholdMs,
    modules: { entered: new Map(), exited: new Map(), edges: [], enterSeq: new Map(), exitSeq: new Map(), edgeSeq: [] },
    error: null,
    stack: null,
    handles: [],
    notes: [],
    outputTail: "",
  };
  const tail = new OutputTail(OUTPUT_LIMIT);
  child.stdout?.on("data", (chunk: Buffer) => tail.push(chunk));
  child.stderr?.on("data", (chunk: Buffer) => tail.push(chunk));
  let lastBeatAt = startedAt;
  let onFinished = (): void => undefined;
  let seq = 0;
  const onMessage = (message: ProbeMessage): void => {
    switch (message.t) {
      case "main":
        run.mainUrl = message.u;
        break;
      case "enter":
        if (!run.modules.entered.has(message.u)) {
          run.modules.entered.set(message.u, message.ms);
          run.modules.enterSeq.set(message.u, message.s ?? seq++);
        }
        break;
      case "exit":
        if (!run.modules.exited.has(message.u)) {
          run.modules.exited.set(message.u, message.ms);
          run.modules.exitSeq.set(message.u, message.s ?? seq++);
        }
        if (message.u === run.mainUrl) {
          run.childFinishedMs = message.ms;
          onFinished();
        }
        break;
      case "edge":
        run.modules.edges.push(message.dynamic ? { from: message.from, to: message.to, dynamic: true } : { from: message.from, to: message.to });
        run.modules.edgeSeq.push(message.s ?? seq++);
        break;
      case "hb":
        lastBeatAt = Date.now();
        if (message.handles) run.handles = message.handles;
        break;
      case "error":
        run.error ??= { name: message.name, message: message.message, stack: message.stack };
        break;
      case "stack":
        run.stack = message.stack;
        break;
      case "end":
        run.reportedExitCode = message.exitCode;
        break;
      case "note":
        run.notes.push(message.text);
        break;
    }
  };
  readLines(child.stdio[3] as Readable | null | undefined, onMessage);

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
        void within(streamsClosed([child.stdio[3]]), 250).then(() => settle("exited"));
      });
      child.once("error", (error) => {
        run.notes.push(`could not start ${options.command.command}: ${error.message}`);
        exited = true;
        done();
        settle("exited");
      });
    });
    onFinished = () => settle("finished");
    const timer = setTimeout(() => settle("timeout"), options.timeoutMs);
    const onAbort = (): void => settle("timeout");
    options.signal?.addEventListener("abort", onAbort, { once: true });

    function settle(why: "finished" | "exited" | "timeout"): void {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
      run.endedAt = Date.now();
      run.heartbeatAgeMs = run.endedAt - lastBeatAt;
      if (why === "finished") run.finishedAt = run.endedAt;
      if (why === "timeout") run.timedOut = true;
      run.exitedOnItsOwn = why === "exited";
      void cleanUp().then(() => resolve(run));
    }

    async function cleanUp(): Promise<void> {
      const wasKilled = !exited;
      await killProbeTree(probe, KILL_GRACE_MS);
      if (!exited) await within(exitedPromise, 2000);
      // Grandchildren may hold the pipes open; what was written is read by now or never.
      await within(streamsClosed(child.stdio), 100);
      for (const stream of child.stdio) stream?.destroy();
      if (wasKilled) {
        run.exitCode = null;
        run.signal = null;
      }
      run.outputTail = tail.text();
    }
  });
}

function readLines(stream: Readable | null | undefined, onMessage: (message: ProbeMessage) => void): void {
  if (!stream) return;
  let pending = "";
  stream.setEncoding("utf8");
  stream.on("data", (chunk: string) => {
    pending += chunk;
    let newline = pending.indexOf("\n");
    while (newline >= 0) {
      const line = pending.slice(0, newline);
      pending = pending.slice(newline + 1);
      newline = pending.indexOf("\n");
      if (!line) continue;
      try {
        onMessage(JSON.parse(line) as ProbeMessage);
      } catch {
        // A torn line: ignore it rather than fail the probe.
      }
    }
  });
  stream.on("error", () => undefined);
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
