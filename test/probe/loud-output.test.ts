import assert from "node:assert/strict";
import { test } from "node:test";
import v8 from "node:v8";
import vm from "node:vm";
import { probeFixture, survivors } from "./probe-fixture.ts";

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;
const used = (): number => {
  const memory = process.memoryUsage();
  return memory.heapUsed + memory.arrayBuffers;
};

test("64 MB of output during import: a small tail is kept, the hang is still a hang, memory stays bounded", async () => {
  gc();
  const before = used();
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, used())), 10);
  const { probe, tag } = await probeFixture("loud-output", "src/index.ts", { timeoutMs: 5000, env: { LOUD_MB: "64" } });
  clearInterval(sampler);
  assert.equal(probe.status, "hang");
  assert.deepEqual(probe.pending, [{ file: "src/index.ts", line: 10 }]);
  assert.deepEqual(
    probe.handles.map((handle) => [handle.type, handle.file, handle.line]),
    [["interval", "src/poller.ts", 2]],
  );
  const tail = probe.outputTail ?? "";
  assert.ok(tail.length > 0 && tail.length <= 8 * 1024, `tail of ${tail.length} characters`);
  assert.ok(tail.endsWith("LAST LINE BEFORE THE AWAIT\n"));
  gc();
  assert.ok(used() - before < 4e6, `retained ${used() - before} bytes`);
  // Transient chunks only: far less than the 65 MB the child wrote.
  assert.ok(peak - before < 48e6, `peak ${peak - before} bytes`);
  assert.deepEqual(survivors(tag), []);
});
