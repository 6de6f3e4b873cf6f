import assert from "node:assert/strict";
import { test } from "node:test";
import { runCli } from "../helpers/cli.js";
import { fixture } from "../helpers/fixture.js";
import type { ReportV1 } from "../../src/report/types.js";

// index.ts -> a.ts <-> b.ts -> side.ts eagerly; later.ts (lazy import()) and shape.ts (import type)
// are nodes without eager edges.
const root = fixture("graph", "graph-output");

test("graph --format dot draws the eager edges with their lines, the runtime cycle in red", () => {
  const r = runCli(["graph", root, "--format", "dot"]);
  assert.equal(r.code, 0);
  assert.equal(r.stderr, "");
  assert.equal(
    r.stdout,
    `digraph imports {
  rankdir=LR;
  node [shape=box, fontname="Helvetica", fontsize=10];
  "src/a.ts" [color=red, fontcolor=red];
  "src/b.ts" [color=red, fontcolor=red];
  "src/index.ts";
  "src/later.ts";
  "src/shape.ts";
  "src/side.ts";
  "src/a.ts" -> "src/b.ts" [label="1", color=red, penwidth=2];
  "src/b.ts" -> "src/a.ts" [label="1", color=red, penwidth=2];
  "src/b.ts" -> "src/side.ts" [label="2"];
  "src/index.ts" -> "src/a.ts" [label="1"];
}
`,
  );
});

test("dot is the default format of graph", () => {
  assert.equal(runCli(["graph", root]).stdout, runCli(["graph", root, "--format", "dot"]).stdout);
});

test("graph --format mermaid is a flowchart with the cycle's nodes and links styled", () => {
  const r = runCli(["graph", root, "--format", "mermaid"]);
  assert.equal(r.code, 0);
  assert.equal(
    r.stdout,
    `flowchart LR
  m0["src/a.ts"]
  m1["src/b.ts"]
  m2["src/index.ts"]
  m3["src/later.ts"]
  m4["src/shape.ts"]
  m5["src/side.ts"]
  m0 -->|1| m1
  m1 -->|1| m0
  m1 -->|2| m5
  m2 -->|1| m0
  classDef cycle stroke:#d00,stroke-width:2px,color:#d00
  class m0,m1 cycle
  linkStyle 0,1 stroke:#d00,stroke-width:2px
`,
  );
});

test("graph --format json is the report plus the eager graph", () => {
  const r = runCli(["graph", root, "--format", "json"]);
  assert.equal(r.code, 0);
  const report = JSON.parse(r.stdout) as ReportV1;
  assert.equal(report.command, "graph");
  assert.deepEqual(report.graph, {
    nodes: ["src/a.ts", "src/b.ts", "src/index.ts", "src/later.ts", "src/shape.ts", "src/side.ts"],
    edges: [
      { from: "src/a.ts", to: "src/b.ts", line: 1, kind: "static", specifier: "./b.js" },
      { from: "src/b.ts", to: "src/a.ts", line: 1, kind: "static", specifier: "./a.js" },
      { from: "src/b.ts", to: "src/side.ts", line: 2, kind: "side-effect", specifier: "./side.js" },
      { from: "src/index.ts", to: "src/a.ts", line: 1, kind: "static", specifier: "./a.js" },
    ],
  });
  assert.deepEqual(report.cycles.map((c) => [c.modules, c.runtime]), [[["src/a.ts", "src/b.ts"], true]]);
});

test("graph refuses report-only formats with one line and exit 2, and never fails on findings", () => {
  const bad = runCli(["graph", root, "--format", "pretty"]);
  assert.equal(bad.code, 2);
  assert.equal(bad.stderr, "startup-doctor: --format must be one of dot, mermaid, json (got 'pretty')\n");
  assert.equal(bad.stdout, "");
  // graph has no --fail-on (it reports no findings): a cyclic graph still exits 0.
  assert.equal(runCli(["graph", root]).code, 0);
});
