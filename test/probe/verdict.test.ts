// The verdict machine on recorded event streams: plain data in, phase/ready/status out.
import assert from "node:assert/strict";
import { test } from "node:test";
import { judge, type ProbeEvent, type VerdictOptions } from "../../src/probe/verdict.ts";

const auto: VerdictOptions = { mode: "auto", slowMs: 2000, graceMs: 1000, settleMs: 500 };
const beat = (ms: number, inFlight = 0, busy = false): ProbeEvent => ({ type: "activity", ms, inFlight, busy });
const exit = (ms: number, code: number | null, extra: Partial<Extract<ProbeEvent, { type: "exit" }>> = {}): ProbeEvent => ({
  type: "exit",
  ms,
  code,
  signal: null,
  reportedExitCode: null,
  modulesPending: false,
  ...extra,
});
const verdictOf = (events: ProbeEvent[], options: VerdictOptions = auto) => judge(events, options).verdict;

test("a server listening after evaluation is ready at the listen, once the grace window passed quietly", () => {
  const events: ProbeEvent[] = [{ type: "evaluated", ms: 40 }, beat(100, 1), { type: "listening", ms: 180, address: "127.0.0.1:3000" }, beat(700), beat(1100)];
  assert.equal(verdictOf(events), null, "still in the grace window");
  assert.deepEqual(verdictOf([...events, beat(1200)]), { status: "ok", phase: "boot", ready: { by: "listening", atMs: 180, address: "127.0.0.1:3000" }, atMs: 180 });
});

test("a listen during evaluation counts once the entry finished", () => {
  const events: ProbeEvent[] = [{ type: "listening", ms: 30, address: "x" }, beat(100), { type: "evaluated", ms: 150 }, beat(1200)];
  assert.deepEqual(verdictOf(events)?.ready, { by: "listening", atMs: 150, address: "x" });
});

test("an exit 1 inside the grace window is an exit during boot, which had listened before", () => {
  const events: ProbeEvent[] = [{ type: "evaluated", ms: 40 }, { type: "listening", ms: 100, address: "x" }, beat(300), exit(420, 1)];
  assert.deepEqual(verdictOf(events), { status: "exit", phase: "boot", ready: null, atMs: 420, readyBefore: { by: "listening", atMs: 100, address: "x" } });
});

test("an unhandled rejection after evaluation is a crash during boot", () => {
  const events: ProbeEvent[] = [{ type: "evaluated", ms: 20 }, beat(100, 1), { type: "error", ms: 130 }, exit(140, 1)];
  assert.deepEqual(verdictOf(events), { status: "crash", phase: "boot", ready: null, atMs: 130 });
});

test("an error thrown while the entry evaluates is a crash during evaluation", () => {
  assert.deepEqual(verdictOf([{ type: "error", ms: 50 }, exit(60, 1)]), { status: "crash", phase: "evaluation", ready: null, atMs: 50 });
});

test("work in flight holds off settling; quiet for settleMs after evaluation settles, ready when it went quiet", () => {
  const busy: ProbeEvent[] = [{ type: "evaluated", ms: 20 }, beat(100, 1), beat(200, 1), beat(900, 1), beat(1400, 2)];
  assert.equal(verdictOf(busy), null);
  const quiet: ProbeEvent[] = [{ type: "evaluated", ms: 20 }, beat(100, 1), beat(200), beat(400), beat(700)];
  assert.deepEqual(verdictOf(quiet), { status: "ok", phase: "boot", ready: { by: "settled", atMs: 200 }, atMs: 200 });
});

test("a busy loop never settles, and times out as blocked during boot", () => {
  const events: ProbeEvent[] = [{ type: "evaluated", ms: 20 }, beat(100, 0, true), beat(700, 0, true), beat(1300, 0, true), { type: "timeout", ms: 3000, busy: true }];
  assert.deepEqual(verdictOf(events), { status: "blocked", phase: "boot", ready: null, atMs: 3000 });
});

test("a timeout before the entry evaluated is a hang during evaluation; after, during boot", () => {
  assert.deepEqual(verdictOf([beat(100), { type: "timeout", ms: 3000, busy: false }]), { status: "hang", phase: "evaluation", ready: null, atMs: 3000 });
  assert.deepEqual(verdictOf([{ type: "evaluated", ms: 10 }, beat(100, 1), { type: "timeout", ms: 3000, busy: false }]), { status: "hang", phase: "boot", ready: null, atMs: 3000 });
});

test("exit 0 after evaluation is a CLI that ran; with a module still evaluating it is unsettled", () => {
  assert.deepEqual(verdictOf([{ type: "evaluated", ms: 10 }, beat(100, 1), exit(250, 0)]), { status: "ok", phase: "boot", ready: { by: "exited", atMs: 250 }, atMs: 250 });
  assert.deepEqual(verdictOf([{ type: "evaluated", ms: 10 }, exit(250, 0, { modulesPending: true })]), { status: "unsettled", phase: "boot", ready: null, atMs: 250 });
  assert.deepEqual(verdictOf([exit(250, 0, { reportedExitCode: 13 })]), { status: "unsettled", phase: "evaluation", ready: null, atMs: 250 });
  assert.deepEqual(verdictOf([exit(250, 3)]), { status: "exit", phase: "evaluation", ready: null, atMs: 250 });
});

test("late readiness is slow", () => {
  const events: ProbeEvent[] = [{ type: "evaluated", ms: 10 }, { type: "listening", ms: 2500, address: "x" }, beat(3600)];
  assert.equal(verdictOf(events)?.status, "slow");
});

test("--ready modes: evaluated stops at the entry; listening ignores settling and a clean exit; settled ignores listening", () => {
  assert.deepEqual(verdictOf([{ type: "evaluated", ms: 30 }], { ...auto, mode: "evaluated" }), { status: "ok", phase: "evaluation", ready: { by: "evaluated", atMs: 30 }, atMs: 30 });
  const quiet: ProbeEvent[] = [{ type: "evaluated", ms: 20 }, beat(100), beat(700), beat(1300)];
  assert.equal(verdictOf(quiet, { ...auto, mode: "listening" }), null);
  assert.equal(verdictOf([...quiet, exit(1400, 0)], { ...auto, mode: "listening" })?.status, "exit");
  const listening: ProbeEvent[] = [{ type: "evaluated", ms: 20 }, { type: "listening", ms: 50, address: "x" }, beat(100, 1), beat(1200, 1)];
  assert.equal(verdictOf(listening, { ...auto, mode: "settled" }), null);
  assert.equal(verdictOf([...listening, beat(1300), beat(1900)], { ...auto, mode: "settled" })?.ready?.by, "settled");
});

test("--ready-log: ready at the matching line, after the grace window", () => {
  const events: ProbeEvent[] = [{ type: "evaluated", ms: 20 }, { type: "listening", ms: 50, address: "x" }, { type: "log", ms: 400 }, beat(1300), beat(1500)];
  assert.deepEqual(verdictOf(events, { ...auto, mode: "log" })?.ready, { by: "log", atMs: 400 });
});

test("nothing changes after the verdict", () => {
  const state = judge([{ type: "evaluated", ms: 10 }, exit(20, 0), { type: "error", ms: 30 }, { type: "timeout", ms: 40, busy: true }], auto);
  assert.equal(state.verdict?.status, "ok");
});

test("exit 0 without listening after loading a server framework is an exit; --ready settled accepts it", () => {
  const events: ProbeEvent[] = [{ type: "evaluated", ms: 10 }, exit(900, 0, { serverFramework: "express" })];
  assert.deepEqual(verdictOf(events), { status: "exit", phase: "boot", ready: null, atMs: 900 });
  assert.equal(verdictOf(events, { ...auto, mode: "settled" })?.ready?.by, "exited");
});
