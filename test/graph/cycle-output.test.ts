import assert from "node:assert/strict";
import { test } from "node:test";
import { runCli, scanJson } from "../helpers/cli.js";
import { fixture } from "../helpers/fixture.js";

const dir = fixture("graph", "cycle-output");

test("each cycle is printed once, under its finding, with the other import between the same files marked", () => {
  const { stdout } = runCli(["scan", dir]);
  assert.equal(stdout.split("\n").filter((l) => l.includes("●")).length, 1, stdout);
  assert.doesNotMatch(stdout, /Runtime import cycles/);
  assert.match(stdout, /^ {6}src\/order\.ts:2 static -> src\/customer\.ts \(also line 1 type, not at runtime\)$/m);
  // order.ts imports customer.ts twice (type, then value): no second, type-only copy of the loop.
  assert.match(stdout, /^1 cycle\(s\) close only through type-only or lazy imports and do not run at startup:\n {2}src\/lazy-a\.ts -> src\/lazy-b\.ts -> src\/lazy-a\.ts$/m);
  const { report } = scanJson(dir);
  assert.deepEqual(report.cycles.map((c) => [c.modules, c.runtime]), [
    [["src/customer.ts", "src/order.ts"], true],
    [["src/lazy-a.ts", "src/lazy-b.ts"], false],
  ]);
  assert.deepEqual(report.cycles[0].edges[1].alsoAt, [{ line: 1, kind: "type", runtime: false }]);
});

test("a switched-off import-cycle prints nothing about cycles; the JSON keeps them", () => {
  const off = runCli(["scan", dir, "--rule", "import-cycle=off"]);
  assert.doesNotMatch(off.stdout, /import-cycle|●|close only/);
  assert.match(off.stdout, /No startup problems found\./);
  const { report } = scanJson(dir, ["--rule", "import-cycle=off"]);
  assert.equal(report.cycles.length, 2);
  assert.deepEqual(report.findings, []);
});
