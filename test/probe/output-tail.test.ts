import assert from "node:assert/strict";
import { test } from "node:test";
import { OutputTail } from "../../src/probe/output-tail.ts";

test("megabytes of output keep only a bounded tail", () => {
  const tail = new OutputTail(1024);
  for (let i = 0; i < 4096; i++) tail.push(Buffer.from(`line ${i} ${"x".repeat(500)}\n`));
  const text = tail.text();
  assert.ok(Buffer.byteLength(text) <= 1024);
  assert.match(text, /line 4095 x+\n$/);
});
