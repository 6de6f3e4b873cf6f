// `NODE_ENV=production node dist/main.js` with a committed dist and source maps: the probe runs
// dist with the start script's environment while it is up to date, and the source (compiled as
// tsc does) with a warning once a source is newer. The fixture is copied so mtimes are ours to set.
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readdirSync, rmSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { probeEntries } from "../../src/probe/index.ts";
import type { ReportProbe } from "../../src/report/types.ts";
import { FIXTURES } from "./probe-fixture.ts";

const copies: string[] = [];
after(() => copies.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function copy(stale: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), "sd-dist-env-"));
  copies.push(dir);
  cpSync(join(FIXTURES, "program-dist-env"), dir, { recursive: true });
  const now = Date.now() / 1000;
  for (const sub of ["src", "dist"]) {
    for (const name of readdirSync(join(dir, sub))) utimesSync(join(dir, sub, name), now - (sub === "dist" ? 10 : 60), now - (sub === "dist" ? 10 : 60));
  }
  if (stale) utimesSync(join(dir, "src/config.ts"), now, now);
  return dir;
}

async function probe(root: string, env: Record<string, string> = {}): Promise<ReportProbe> {
  const probes = await probeEntries({ root, entries: ["src/main.ts"], timeoutMs: 30000, slowMs: 25000, runtimes: ["node"], concurrency: 1, env, importTimes: false });
  return probes[0] as ReportProbe;
}

test("up to date: dist/main.js runs with NODE_ENV=production", async () => {
  const result = await probe(copy(false));
  assert.equal(result.status, "ok", result.summary);
  assert.match(result.outputTail ?? "", /starting in production from dist\/main\.js/);
  assert.deepEqual(result.ran, {
    command: "NODE_ENV=production node --enable-source-maps dist/main.js",
    transform: "compiled-output",
    reason: "scripts.start runs node dist/main.js and dist/main.js is up to date",
  });
});

test("a crash in dist is located on its TypeScript line through the source map", async () => {
  const result = await probe(copy(false), { FIXTURE_FAIL: "1" });
  assert.equal(result.status, "crash");
  assert.deepEqual([result.error?.message, result.error?.file, result.error?.line], ["config rejected in production", "src/config.ts", 5]);
});

test("stale: the source runs through TypeScript, still in production, with a warning", async () => {
  const result = await probe(copy(true));
  assert.equal(result.status, "ok", result.summary);
  assert.match(result.outputTail ?? "", /starting in production from src\/main\.ts/);
  assert.deepEqual(result.ran, {
    command: "NODE_ENV=production node --import startup-doctor/transpile src/main.ts",
    transform: "typescript",
    reason: "the build output is stale, so TypeScript's transpileModule compiles the source with tsconfig.json, as tsc does",
    warnings: ["scripts.start runs node dist/main.js, but dist/config.js is older than src/config.ts: ran the source through TypeScript's transpileModule instead (startup-doctor never builds)"],
  });
});
