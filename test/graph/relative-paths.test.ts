// Relative specifiers are resolved once per path they name (src/graph/resolve.ts): `../lib/x`
// from src/a and `../a/../lib/x` from src/b are one lookup. What may not be shared: a folder-only
// form (`x/`, `x/.`) with the file form, and one path under two tsconfigs whose options differ.
import assert from "node:assert/strict";
import { test } from "node:test";
import { runCli } from "../helpers/cli.js";
import { fixture } from "../helpers/fixture.js";
import type { ReportV1 } from "../../src/report/types.js";

const r = runCli(["graph", fixture("graph", "relative-paths"), "--format", "json"]);
const report = JSON.parse(r.stdout) as ReportV1 & { graph: { edges: Array<{ from: string; line: number; specifier: string; to: string }> } };
const edges = report.graph.edges.map((e) => `${e.from}:${e.line} ${e.specifier} -> ${e.to}`);

test("every spelling of a path reaches the file the compiler picks for it", () => {
  assert.deepEqual(edges, [
    "src/a/a.ts:1 ../lib/x -> src/lib/x.ts",
    "src/a/a.ts:2 ../lib/x/ -> src/lib/x/index.ts",
    "src/a/a.ts:3 ../lib -> src/lib/index.ts",
    "src/a/a.ts:4 ./deep/deep -> src/a/deep/deep.ts",
    "src/a/deep/deep.ts:1 ../../lib/x.js -> src/lib/x.ts",
    "src/a/deep/deep.ts:2 ../../lib/x/. -> src/lib/x/index.ts",
    "src/a/deep/deep.ts:3 ../../lib/ -> src/lib/index.ts",
    "src/b/b.ts:1 ../a/../lib/x -> src/lib/x.ts",
    "src/b/b.ts:2 ../lib//x/index -> src/lib/x/index.ts",
    "src/b/b.ts:3 ..//lib -> src/lib/index.ts",
    "src/main.ts:1 ./a/a -> src/a/a.ts",
    "src/main.ts:2 ./b/b -> src/b/b.ts",
    "src/main.ts:3 ./server/entry -> src/server/entry.ts",
    // src/server's tsconfig has moduleSuffixes [".server", ""]: the same path is another file there.
    "src/server/entry.ts:2 ../lib/x -> src/lib/x.server.ts",
    "src/server/entry.ts:3 ../lib/index -> src/lib/index.ts",
  ]);
});

test("a path no file provides is reported once, where it is imported", () => {
  assert.deepEqual(
    report.findings.map((f) => `${f.file}:${f.line} ${f.rule}`),
    ["src/a/deep/deep.ts:4 unresolved-import"],
  );
  assert.equal(r.code, 0);
});
