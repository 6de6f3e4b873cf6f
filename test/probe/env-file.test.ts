import assert from "node:assert/strict";
import { test } from "node:test";
import { parseEnvFile } from "../../src/probe/index.ts";

test("parseEnvFile reads KEY=VALUE lines, quotes, export and comments", () => {
  const text = [
    "# comment",
    "",
    "PORT=3000",
    "export HOST=127.0.0.1",
    "NAME='single # not a comment'",
    'GREETING="hello\\nworld"',
    "TRAILING=value # comment",
    "EMPTY=",
    "not a line",
  ].join("\n");
  assert.deepEqual(parseEnvFile(text), {
    PORT: "3000",
    HOST: "127.0.0.1",
    NAME: "single # not a comment",
    GREETING: "hello\nworld",
    TRAILING: "value",
    EMPTY: "",
  });
});
