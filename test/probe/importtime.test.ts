import assert from "node:assert/strict";
import { test } from "node:test";
import { runCli } from "../helpers/cli.ts";
import { FIXTURES, probeFixture } from "./probe-fixture.ts";

test("import times: the busy module's own body is its self time, and its importers' total", async () => {
  const { probe } = await probeFixture("importtime", "src/index.ts", { timeoutMs: 8000, slowMs: 6000, importTimes: true });
  assert.equal(probe.status, "ok");
  const rows = probe.importTimes ?? [];
  // Evaluation order, each under the module that imported it first.
  assert.deepEqual(
    rows.map((row) => [row.file, row.parent]),
    [
      ["src/config.ts", "src/index.ts"],
      ["src/db/schema.ts", "src/db/index.ts"],
      ["src/db/index.ts", "src/index.ts"],
      ["src/index.ts", undefined],
    ],
  );
  const row = (file: string) => rows.find((r) => r.file === file) as { selfMs: number; totalMs: number };
  assert.ok(row("src/db/schema.ts").selfMs >= 290, JSON.stringify(rows));
  // Static ESM imports run before the importer's body: not part of its self time.
  assert.ok(row("src/db/index.ts").selfMs < 50, JSON.stringify(rows));
  assert.ok(row("src/index.ts").selfMs < 50, JSON.stringify(rows));
  assert.ok(row("src/db/index.ts").totalMs >= row("src/db/schema.ts").totalMs);
  const index = row("src/index.ts");
  assert.ok(Math.abs(index.totalMs - (index.selfMs + row("src/db/index.ts").totalMs + row("src/config.ts").totalMs)) < 0.05);
});

test("--importtime prints the slowest modules as a tree indented by importer", () => {
  const { code, stdout } = runCli(["probe", `${FIXTURES}importtime`, "--importtime", "--timeout", "8000", "--slow", "6000"]);
  assert.equal(code, 0, stdout);
  const tree = stdout.split("\n").filter((line) => / \| /.test(line)).map((line) => line.replace(/^\s+[\d.]+ \|\s+[\d.]+ \| /, ""));
  assert.deepEqual(tree.slice(1), ["src/index.ts", "  src/db/index.ts", "    src/db/schema.ts", "  src/config.ts"]);
  assert.match(stdout, /self ms \| total ms \| module/);
});
