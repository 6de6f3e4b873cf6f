import assert from "node:assert/strict";
import { test } from "node:test";
import { markdown } from "../../src/report/markdown.ts";
import { assertGolden } from "./golden.ts";
import { baselinedReport, checkReport, cleanReport, scanReport } from "./sample-reports.ts";

const md = (r: Parameters<typeof markdown>[0]): string => markdown(r, { color: false });

function mermaidBlocks(text: string): string[] {
  return [...text.matchAll(/```mermaid\n([\s\S]*?)```/g)].map((m) => m[1]);
}

test("a scan: summary table, each finding, one mermaid diagram per runtime cycle", () => {
  const text = md(scanReport);
  assert.match(text, /\| errors \| warnings \| info \| runtime cycles \| probes not finished \| modules \|\n\| ---: \| ---: \| ---: \| ---: \| ---: \| ---: \|\n\| 1 \| 1 \| 0 \| 1 \| 0 \| 7 \|/);
  assert.match(text, /#### error · `async-constructor` · `src\/auth\/we,ird:name.ts:12`/);
  assert.match(text, /#### warning · `import-cycle` · `src\/services\/user.ts:2`/);
  const blocks = mermaidBlocks(text);
  assert.equal(blocks.length, 1, "only the runtime cycle is drawn, not the type-only one");
  assert.equal(
    blocks[0],
    [
      "flowchart LR",
      '  m0["src/db.ts"]',
      '  m1["src/index.ts"]',
      '  m2["src/services/user.ts"]',
      '  m0 -->|"static · line 3"| m1',
      '  m1 -->|"reexport · line 5"| m2',
      '  m2 -->|"static · line 2"| m0',
      "",
    ].join("\n"),
  );
  // Markdown in messages is escaped, not interpreted.
  assert.match(text, /race/);
  assert.match(text, /\*\*Fix:\*\* await it in a static create\(\) \\\| or hand back the promise/);
  assertGolden("scan.md", text);
});

test("a check: each probe's pending chain is a diagram that closes the cycle back into the chain", () => {
  const text = md(checkReport);
  const blocks = mermaidBlocks(text);
  assert.equal(blocks.length, 1, "the crash has no pending chain; the ok probe draws nothing");
  assert.equal(
    blocks[0],
    [
      "flowchart TD",
      '  p0["src/index.ts"]',
      '  p1["src/routes/index.ts"]',
      '  p2["src/routes/streaming-metrics.routes.ts"]',
      '  p3["src/metrics/registry.ts"]',
      '  p0 -->|"waits for"| p1',
      '  p1 -->|"waits at line 9"| p2',
      "  p2 -.->|imports| p3",
      "  p3 -.->|imports| p0",
      "  classDef pending stroke:#d00,stroke-width:2px",
      "  class p0,p1 pending",
      "",
    ].join("\n"),
  );
  assert.match(text, /#### HANG `src\/index.ts` \(node, 3053 ms\)/);
  assert.match(text, /#### CRASH `src\/worker.ts` \(node, 210 ms, exit 1\)/);
  assert.match(text, /\*\*2 probe\(s\) did not finish\*\*/);
  assertGolden("check.md", text);
});

test("with a baseline: counts of new, known and fixed, and known cycles folded away", () => {
  const text = md(baselinedReport);
  assert.match(text, /Baseline `.startup-doctor-baseline.json`: 0 new, 2 known \(not shown\), 1 fixed\./);
  assert.match(text, /- `import-cycle:src\/old.ts,src\/older.ts`/);
  assert.match(text, /1 other runtime cycle\(s\) without a new finding/);
  assert.equal(mermaidBlocks(text).length, 0);
  assertGolden("baselined.md", text);
});

test("a clean report says so", () => {
  assert.match(md(cleanReport), /\*\*No startup problems found\.\*\*/);
});
