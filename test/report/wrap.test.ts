import assert from "node:assert/strict";
import { test } from "node:test";
import { wrapLines } from "../../src/report/wrap.ts";

test("a long line wraps at spaces, continuation rows indented two more than the line", () => {
  assert.deepEqual(wrapLines(["  one two three four five six seven eight"], 20), ["  one two three four", "    five six seven", "    eight"]);
});

test("lines that fit, empty lines and no width are left alone", () => {
  assert.deepEqual(wrapLines(["short", "", "  also short"], 20), ["short", "", "  also short"]);
  const long = "x ".repeat(100).trim();
  assert.deepEqual(wrapLines([long], undefined), [long]);
});

test("colour codes take no columns and are never cut", () => {
  const red = (s: string): string => `\u001b[31m${s}\u001b[39m`;
  assert.deepEqual(wrapLines([`${red("HANG")} src/index.ts stuck at src/routes/index.ts:5`], 26), [`${red("HANG")} src/index.ts stuck at`, "  src/routes/index.ts:5"]);
});

test("a word longer than the row (a path) is cut at the row's end", () => {
  assert.deepEqual(wrapLines(["see src/a/very/long/path/to/some/module.ts now"], 20), ["see", "  src/a/very/long/pa", "  th/to/some/module.", "  ts now"]);
});
