// A dependency's published source map can name a file outside the package: typeorm's maps name
// `../../src/driver/...`, which lands in the project's src/ where no such file exists. The probe
// then named "src/driver/mysql/MysqlDriver.ts:1025" as the project's line (nestjs-realworld).
// A frame in a file that does not exist is not the project's: the waiting connect and its retry
// timer are located at the project's call into the dependency, through the first attempt.
import assert from "node:assert/strict";
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { probeEntries } from "../../src/probe/index.ts";
import type { ReportProbe } from "../../src/report/types.ts";
import { FIXTURES } from "./probe-fixture.ts";

const copies: string[] = [];
after(() => copies.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

test("work started inside a dependency whose source map leaves the package is located at the project's call", async () => {
  const dir = mkdtempSync(join(tmpdir(), "sd-map-escapes-"));
  copies.push(dir);
  cpSync(join(FIXTURES, "dependency-map-escapes"), dir, { recursive: true });
  // dist newer than src, so the start script's `node dist/main.js` runs (with source maps).
  const now = Date.now() / 1000;
  utimesSync(join(dir, "src/main.ts"), now - 60, now - 60);
  for (const name of readdirSync(join(dir, "dist"))) utimesSync(join(dir, "dist", name), now - 10, now - 10);
  assert.equal(existsSync(join(dir, "src/driver/pool.ts")), false);

  const [probe] = (await probeEntries({ root: dir, entries: ["src/main.ts"], timeoutMs: 2500, slowMs: 2000, runtimes: ["node"], concurrency: 1, env: {}, importTimes: false })) as ReportProbe[];
  assert.equal(probe?.ran?.command, "node --enable-source-maps dist/main.js");
  assert.equal(probe?.status, "hang", probe?.summary);
  const connect = probe?.waitingOn?.find((w) => w.kind === "connect");
  assert.deepEqual([connect?.target, connect?.file, connect?.line], ["127.0.0.1:1", "src/main.ts", 5], JSON.stringify(probe?.waitingOn));
  // Every place named as the project's line (the stacks themselves still list the mapped frames).
  const named = JSON.stringify([probe?.waitingOn, probe?.handles?.map((h) => [h.file, h.line]), probe?.summary]);
  assert.doesNotMatch(named, /src\/driver\/pool\.ts/);
  assert.deepEqual(probe?.handles?.map((h) => [h.description, h.file, h.line]), [["setTimeout of 200 ms", "src/main.ts", 5]]);
});
