// A decorator-metadata app (an ORM-style @Column that needs design:type) starts under its tsc
// build and crashes under tsx (runtime-facts §6.2): the probe must run what tsc emits.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { FIXTURES, probeFixture, survivors } from "./probe-fixture.ts";

const APP = join(FIXTURES, "program-decorator-metadata");
const COLUMNS = "User columns: id:Number, name:String";
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");

test("its tsc build starts and tsx's does not (the fixture's premise)", () => {
  const out = mkdtempSync(join(tmpdir(), "sd-tsc-"));
  try {
    const build = spawnSync(process.execPath, [tsc, "-p", APP, "--outDir", out], { encoding: "utf8" });
    assert.equal(build.status, 0, build.stdout);
    const built = spawnSync(process.execPath, ["-e", `require(${JSON.stringify(join(out, "main.js"))}); setTimeout(() => process.exit(0), 300)`], { cwd: APP, encoding: "utf8" });
    assert.equal(built.stdout.trim(), COLUMNS);
    const tsx = spawnSync(process.execPath, ["--import", import.meta.resolve("tsx"), "src/main.ts"], { cwd: APP, encoding: "utf8", timeout: 10000 });
    assert.equal(tsx.status, 1);
    assert.match(tsx.stderr, /Column type for User#id is not defined/);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test("the probe compiles it as tsc does (dist is not built): ok, with the columns typed", async () => {
  const { probe, tag } = await probeFixture("program-decorator-metadata", "src/main.ts", { timeoutMs: 30000, slowMs: 25000 });
  assert.equal(probe.status, "ok", probe.summary);
  assert.equal(probe.error, null);
  assert.match(probe.outputTail ?? "", new RegExp(COLUMNS));
  assert.deepEqual(probe.ran, {
    command: "node --import startup-doctor/transpile src/main.ts",
    transform: "typescript",
    reason: "the build output is stale, so TypeScript's transpileModule compiles the source with tsconfig.json, as tsc does",
    warnings: ["scripts.start runs node dist/main.js, but dist/column.js does not exist: ran the source through TypeScript's transpileModule instead (startup-doctor never builds)"],
    decoratorMetadata: true,
  });
  assert.deepEqual(survivors(tag), []);
});
