// Parsing on workers and reading facts from the --cache change how fast a scan is, never what
// it says: every fixture project analysed inline, on a parse worker, cold into a cache and warm
// from it gives the same report. (The analysis runs in this process here, to keep the test
// cheap; test/graph/off-main-thread.test.ts covers the analysis worker itself.)
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { after, test } from "node:test";
import { repoRoot } from "../helpers/cli.js";
import { runAnalysis, type AnalysisRequest } from "../../src/run/analysis-job.js";
import { analysisOf, toReport } from "../../src/run/analyze.js";
import type { ReportV1 } from "../../src/report/types.js";

const cacheRoot = mkdtempSync(`${tmpdir()}/startup-doctor-cache-`);
after(() => rmSync(cacheRoot, { recursive: true, force: true }));

function projects(): string[] {
  const base = `${repoRoot}/fixtures`;
  const found: string[] = [];
  for (const area of readdirSync(base)) {
    for (const name of readdirSync(`${base}/${area}`)) if (statSync(`${base}/${area}/${name}`).isDirectory()) found.push(`${area}/${name}`);
  }
  return found.sort();
}

async function reportOf(request: AnalysisRequest): Promise<ReportV1 | string> {
  try {
    const outcome = await runAnalysis(request, { onProgress: () => {} });
    outcome.persist?.();
    return toReport(analysisOf(outcome.data), "scan");
  } catch (error) {
    // Bad input must be the same one-line error every way.
    return `${(error as Error).name}: ${(error as Error).message}`;
  }
}

for (const name of projects()) {
  test(`${name}: the same report inline, on a parse worker, and cold and warm from the cache`, { timeout: 120_000 }, async () => {
    const dir = `${repoRoot}/fixtures/${name}`;
    const base: AnalysisRequest = { dir, scope: "startup", workers: 0, workersAsked: true, besideProbes: false };
    const cache = { location: `${cacheRoot}/${name.replace("/", "-")}` };
    const inline = await reportOf(base);
    assert.deepEqual(await reportOf({ ...base, workers: 1 }), inline, "one parse worker");
    assert.deepEqual(await reportOf({ ...base, cache }), inline, "cold cache");
    assert.deepEqual(await reportOf({ ...base, cache }), inline, "warm cache");
  });
}
