// Phase `boot`: after the entry evaluated, until a server listens, the process settles or exits.
// One fixture per behaviour under fixtures/probe/boot-*.
import assert from "node:assert/strict";
import { once } from "node:events";
import { createServer, type AddressInfo } from "node:net";
import { test } from "node:test";
import { findBun } from "../../src/probe/index.ts";
import { probeFixture, survivors } from "./probe-fixture.ts";

test("an un-awaited bootstrap that rejects is a crash during boot, at the throwing line", async () => {
  const { probe } = await probeFixture("boot-unawaited-reject", "src/main.ts");
  assert.equal(probe.status, "crash");
  assert.equal(probe.phase, "boot");
  assert.equal(probe.exitCode, 1);
  assert.equal(probe.error?.message, "BOOT_FIXTURE_PORT must be a port number");
  assert.equal(probe.error?.file, "src/config.ts");
  assert.equal(probe.error?.line, 8);
  // It never listened: nothing to say about a listen before the crash.
  assert.equal(probe.readyBefore, undefined);
  assert.match(probe.summary ?? "", /crashed during startup, after its entry evaluated/);
  assert.match(probe.output ?? "", /at async bootstrap/);
});

test("the same bootstrap with its environment set starts: ok by listening, at the listen line", async () => {
  const { probe } = await probeFixture("boot-unawaited-reject", "src/main.ts", { env: { BOOT_FIXTURE_PORT: "0" } });
  assert.equal(probe.status, "ok");
  assert.equal(probe.phase, "boot");
  assert.equal(probe.ready?.by, "listening");
  assert.match(probe.ready?.address ?? "", /^127\.0\.0\.1:\d+$/);
  assert.equal(probe.ready?.file, "src/main.ts");
  assert.equal(probe.ready?.line, 7);
});

type Probe = Awaited<ReturnType<typeof probeFixture>>["probe"];

/** A hang during boot whose startup waits on a connect to 127.0.0.1:1, retried at least 3 times from `file:line`. */
function hangsRetryingClosedPort(probe: Probe, file: string, line: number): NonNullable<Probe["waitingOn"]>[number] {
  assert.equal(probe.status, "hang");
  assert.equal(probe.phase, "boot");
  const connect = probe.waitingOn?.find((work) => work.kind === "connect");
  assert.ok(connect, JSON.stringify(probe.waitingOn));
  assert.equal(connect.target, "127.0.0.1:1");
  assert.ok((connect.attempts ?? 0) >= 3, `attempts ${connect.attempts}`);
  assert.equal(connect.file, file);
  assert.equal(connect.line, line);
  return connect;
}

test("an awaited connect retrying forever before listen hangs during boot, waiting on the connect with its attempts and line", async () => {
  const { probe, tag } = await probeFixture("boot-connect-retry", "src/main.ts");
  const connect = hangsRetryingClosedPort(probe, "src/db.ts", 5);
  assert.equal(connect.asyncChain?.[0], "bootstrap (src/main.ts:5)");
  assert.ok(connect.asyncChain?.includes("connectOnce (src/db.ts:4)") || connect.asyncChain?.some((frame) => frame.startsWith("connectDatabase (src/db.ts:")), JSON.stringify(connect.asyncChain));
  assert.match(probe.summary ?? "", /Startup is waiting on connect to 127\.0\.0\.1:1 \(\d+ attempts, retrying\) from src\/db\.ts:5/);
  assert.match(probe.output ?? "", /ECONNREFUSED 127\.0\.0\.1:1/);
  assert.deepEqual(survivors(tag), []);
});

test("a connect retried by a client that strips the socket's close listeners (the MongoDB driver) is still seen failing and retrying", async () => {
  const { probe, tag } = await probeFixture("boot-connect-strips-listeners", "main.mjs");
  hangsRetryingClosedPort(probe, "client.mjs", 9);
  assert.match(probe.summary ?? "", /waiting on connect to 127\.0\.0\.1:1 \(\d+ attempts, retrying\) from client\.mjs:9/);
  assert.match(probe.output ?? "", /the socket as the app logs it names the probe: false/);
  assert.deepEqual(survivors(tag), []);
});

for (const runtime of ["node", "bun"] as const) {
  const skip = runtime === "bun" && !findBun() ? "no bun executable" : false;
  test(`${runtime}: a Redis and a MongoDB client retrying one closed port are two connects, each with its own attempts, library and line; the one evaluation awaits comes first`, { skip }, async () => {
    const { probe, tag } = await probeFixture("boot-two-clients-one-port", "main.mjs", { runtimes: [runtime] });
    assert.equal(probe.status, "hang");
    const connects = (probe.waitingOn ?? []).filter((work) => work.kind === "connect");
    assert.deepEqual(
      connects.map((work) => [work.target, work.library, work.file, work.line]),
      [
        ["127.0.0.1:1", "fake-mongo", "main.mjs", 8],
        ["127.0.0.1:1", "fake-redis", "main.mjs", 6],
      ],
    );
    for (const work of connects) assert.ok((work.attempts ?? 0) >= 3, `${work.library}: ${work.attempts} attempts`);
    assert.match(probe.summary ?? "", /Startup is waiting on connect to 127\.0\.0\.1:1 \(\d+ attempts, retrying\) from main\.mjs:8 \(fake-mongo\), connect to 127\.0\.0\.1:1 \(\d+ attempts, retrying\) from main\.mjs:6 \(fake-redis\)/);
    assert.deepEqual(survivors(tag), []);
  });

  test(`${runtime}: one client opening three sockets per attempt to one closed port is one connect, not three`, { skip }, async () => {
    const { probe, tag } = await probeFixture("boot-two-clients-one-port", "pool.mjs", { runtimes: [runtime] });
    assert.equal(probe.status, "hang");
    const connects = (probe.waitingOn ?? []).filter((work) => work.kind === "connect");
    assert.deepEqual(connects.map((work) => [work.target, work.library, work.file, work.line]), [["127.0.0.1:1", "fake-mongo", "pool.mjs", 4]]);
    // Every socket of every attempt counts: three per attempt.
    assert.ok((connects[0]?.attempts ?? 0) >= 6, `${connects[0]?.attempts} attempts`);
    assert.deepEqual(survivors(tag), []);
  });
}

test("the same client against a database that answers: the connection it closed is no failure, and startup waits on its timer only", async () => {
  const database = createServer((socket) => socket.end()).listen(0, "127.0.0.1");
  await once(database, "listening");
  try {
    const port = (database.address() as AddressInfo).port;
    const { probe, tag } = await probeFixture("boot-connect-strips-listeners", "connected.mjs", { env: { DATABASE_PORT: String(port) } });
    assert.equal(probe.status, "hang");
    assert.deepEqual(probe.waitingOn?.map((work) => work.kind), ["timer"]);
    assert.deepEqual(survivors(tag), []);
  } finally {
    database.close();
  }
});

test("a worker without a server retrying its broker forever hangs during boot; the retry was started by the constructor", async () => {
  const { probe } = await probeFixture("boot-worker-broker", "worker.mjs");
  assert.equal(probe.status, "hang");
  assert.equal(probe.phase, "boot");
  const connect = probe.waitingOn?.find((work) => work.kind === "connect");
  assert.equal(connect?.target, "127.0.0.1:1");
  assert.equal(connect?.file, "broker.mjs");
  assert.equal(connect?.line, 11);
  // The last beat sees the loop either between attempts (the retry timer, line 12) or inside one
  // (the socket, line 11, when a loaded machine delays its refusal): either is the retry loop, and
  // either must say that the constructor started it.
  const retry = probe.handles.find((handle) => handle.file === "broker.mjs" && (handle.line === 12 || (handle.line === 11 && handle.type === "socket")));
  assert.ok(retry, JSON.stringify(probe.handles));
  assert.ok(retry.startedBy?.some((frame) => frame.startsWith("new BrokerClient (broker.mjs:7")), JSON.stringify(retry.startedBy));
});

test("a worker with only an interval settles: ok", async () => {
  const { probe } = await probeFixture("boot-worker-interval", "worker.mjs");
  assert.equal(probe.status, "ok");
  assert.equal(probe.phase, "boot");
  assert.equal(probe.ready?.by, "settled");
});

test("a CLI that exits 0 after async work is ok by exiting", async () => {
  const { probe } = await probeFixture("boot-cli-exits", "cli.mjs");
  assert.equal(probe.status, "ok");
  assert.equal(probe.ready?.by, "exited");
  assert.equal(probe.exitCode, 0);
  assert.ok((probe.ready?.atMs ?? 0) >= 200);
});

test("--ready listening: the same CLI never listened, so its exit is a failure", async () => {
  const { probe } = await probeFixture("boot-cli-exits", "cli.mjs", { ready: "listening" });
  assert.equal(probe.status, "exit");
  assert.equal(probe.phase, "boot");
  assert.equal(probe.exitCode, 0);
});

test("a server that listens and exits 1 within the grace window is an exit during boot", async () => {
  const { probe } = await probeFixture("boot-listen-then-exit", "server.mjs");
  assert.equal(probe.status, "exit");
  assert.equal(probe.phase, "boot");
  assert.equal(probe.exitCode, 1);
  assert.match(probe.output ?? "", /cache warm-up failed/);
  // It had listened: the report says so, with the listen call, and how long before the exit.
  assert.equal(probe.ready, undefined);
  assert.equal(probe.readyBefore?.by, "listening");
  assert.match(probe.readyBefore?.address ?? "", /^127\.0\.0\.1:\d+$/);
  assert.equal(probe.readyBefore?.file, "server.mjs");
  assert.equal(probe.readyBefore?.line, 4);
  const after = probe.durationMs - probe.readyBefore!.atMs;
  assert.ok(after >= 250 && after < 1000, `exited ${after} ms after listening`);
  assert.match(probe.summary ?? "", new RegExp(`exited with code 1 during startup, ${after} ms after it listened on 127\\.0\\.0\\.1:\\d+ \\(server\\.mjs:4\\), within the --grace window`));
  assert.deepEqual(probe.exitCall, { file: "server.mjs", line: 9, stack: ["Timeout._onTimeout (server.mjs:9:13)"] });
  assert.match(probe.summary ?? "", /within the --grace window: process\.exit\(\) was called at server\.mjs:9\. Last seen in flight before it exited: /);
});

test("a shorter grace window ends before the exit: ok", async () => {
  const { probe } = await probeFixture("boot-listen-then-exit", "server.mjs", { graceMs: 50 });
  assert.equal(probe.status, "ok");
  assert.equal(probe.ready?.by, "listening");
  assert.equal(probe.readyBefore, undefined);
});

test("a setImmediate loop after evaluation is blocked during boot", async () => {
  const { probe } = await probeFixture("boot-busy", "immediate.mjs");
  assert.equal(probe.status, "blocked");
  assert.equal(probe.phase, "boot");
});

test("a microtask storm after evaluation is blocked during boot, with its stack", async () => {
  const { probe } = await probeFixture("boot-busy", "microtasks.mjs", { timeoutMs: 6000 });
  assert.equal(probe.status, "blocked");
  assert.equal(probe.phase, "boot");
  assert.match(probe.stack?.[0] ?? "", /^storm \(microtasks\.mjs:[45]:\d+\)$/);
});

test("an awaited import() whose top-level await never settles, with nothing alive, is unsettled during boot", async () => {
  const { probe } = await probeFixture("boot-unsettled", "main.mjs");
  assert.equal(probe.status, "unsettled");
  assert.equal(probe.phase, "boot");
  assert.equal(probe.exitCode, 0);
  assert.deepEqual(probe.pending.map((module) => module.file), ["plugins.mjs"]);
});

test("a reconnect loop still failing after the server listens is a background note, not a failure", async () => {
  const { probe } = await probeFixture("boot-background", "server.mjs");
  assert.equal(probe.status, "ok");
  assert.equal(probe.ready?.by, "listening");
  const note = probe.background?.find((work) => work.kind === "connect");
  assert.equal(note?.target, "127.0.0.1:1");
  assert.equal(note?.file, "server.mjs");
  assert.equal(note?.line, 6);
});

test("listening late is slow during boot", async () => {
  const { probe } = await probeFixture("boot-slow", "server.mjs", { slowMs: 1000 });
  assert.equal(probe.status, "slow");
  assert.equal(probe.phase, "boot");
  assert.ok((probe.ready?.atMs ?? 0) >= 1500);
});

test("--ready evaluated keeps today's judgement: ok and slow during evaluation", async () => {
  const { probe } = await probeFixture("boot-slow", "server.mjs", { ready: "evaluated" });
  assert.equal(probe.status, "ok");
  assert.equal(probe.phase, "evaluation");
  const slow = await probeFixture("slow", "src/index.ts", { ready: "evaluated", slowMs: 500 });
  assert.equal(slow.probe.status, "slow");
  assert.equal(slow.probe.phase, "evaluation");
});

test("a process that loads a server framework and exits 0 without listening is an exit during boot, not a CLI that ran", async () => {
  const { probe } = await probeFixture("boot-server-gives-up", "server.mjs");
  assert.equal(probe.status, "exit");
  assert.equal(probe.phase, "boot");
  assert.equal(probe.exitCode, 0);
  assert.match(probe.output ?? "", /database: connect ECONNREFUSED 127\.0\.0\.1:1/);
  assert.match(probe.summary ?? "", /without ever listening, though it loads express/);
});

test("a server listening on a host name (a DNS lookup first) starts under the probe as it does without", async () => {
  const { probe } = await probeFixture("boot-listen-localhost", "server.mjs");
  assert.equal(probe.status, "ok");
  assert.equal(probe.ready?.by, "listening");
  assert.equal(probe.ready?.file, "server.mjs");
  assert.equal(probe.ready?.line, 6);
  assert.match(probe.outputTail ?? "", /resolved [1-9]/);
});
