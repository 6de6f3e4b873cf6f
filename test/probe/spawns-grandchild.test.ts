import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { test } from "node:test";
import { probeFixture, survivors } from "./probe-fixture.ts";

function alive(pid: number): boolean {
  if (!existsSync(`/proc/${pid}/stat`)) return false;
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  return !stat.slice(stat.lastIndexOf(")") + 2).startsWith("Z");
}

test("nothing outlives a probe: group members, setsid children and double-forked daemons are killed", async () => {
  const { probe, tag } = await probeFixture("spawns-grandchild", "index.mjs");
  assert.equal(probe.status, "hang");
  assert.ok(probe.handles.some((handle) => handle.type === "child-process" && handle.file === "index.mjs" && handle.line === 5));
  const pids = [...(probe.outputTail ?? "").matchAll(/^pid (\d+)$/gm)].map((match) => Number(match[1]));
  assert.equal(pids.length, 3, probe.outputTail);
  assert.deepEqual(pids.filter(alive), []);
  assert.deepEqual(survivors(tag), []);
});
