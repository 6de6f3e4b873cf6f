// What the progress line says, at given moments (no terminal needed).
import assert from "node:assert/strict";
import { test } from "node:test";
import { fitToWidth, progressLines, type ProgressState } from "../../src/cli/progress-text.ts";

const base: ProgressState = { message: "Reading the project", analysis: null, analysisDone: null, probes: [], timeoutMs: null };

test("the headline until the analysis reports, then its phase with counts", () => {
  assert.deepEqual(progressLines(base, 0), ["Reading the project…"]);
  assert.deepEqual(progressLines({ ...base, analysis: { phase: "discover", done: 0, total: 0 } }, 0), ["Finding source files …"]);
  assert.deepEqual(progressLines({ ...base, analysis: { phase: "parse", done: 120, total: 480 } }, 0), ["Parsing files 120/480 (25%)"]);
  assert.deepEqual(progressLines({ ...base, analysis: { phase: "resolve", done: 480, total: 480 } }, 0), ["Resolving imports 480/480 (100%)"]);
  assert.deepEqual(progressLines({ ...base, analysis: { phase: "rules", done: 9, total: 9 } }, 0), ["Static analysis done"]);
});

test("each running probe with its elapsed time against the timeout", () => {
  const state: ProgressState = {
    ...base,
    analysis: { phase: "parse", done: 3, total: 13 },
    timeoutMs: 10_000,
    probes: [
      { entry: "src/index.ts", runtime: "node", startedAt: 1000 },
      { entry: "src/worker.ts", runtime: "bun", startedAt: 13_000 },
    ],
  };
  assert.deepEqual(progressLines(state, 13_400), ["Parsing files 3/13 (23%)", "Probing src/index.ts (node) 12 s of 10 s timeout", "Probing src/worker.ts (bun) 0.4 s of 10 s timeout"]);
});

test("each line fits one terminal row, control characters of file names cannot move the cursor", () => {
  assert.equal(fitToWidth(["Probing src/a-very-long-name.ts (node) 1.0 s of 10 s timeout"], 30), "Probing src/a-very-long-na…", "27 columns: the spinner and its space take the other 3");
  // The pretty report's escaping: controls and bidi overrides shown as text, never acted on.
  assert.equal(fitToWidth(["Probing src/\u001b[2Jevil.ts (node)"], 80), "Probing src/\\e[2Jevil.ts (node)");
  assert.equal(fitToWidth(["Probing src/a\u202eb.ts\nx"], 80), "Probing src/a\\u{202e}b.ts\\nx");
});
