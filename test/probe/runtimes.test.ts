import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { detectRuntimes, isBunProject } from "../../src/probe/index.ts";
import { FIXTURES } from "./probe-fixture.ts";

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "sd-runtime-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

test("Bun projects are recognised by lockfile, bunfig or scripts", () => {
  const cases: Array<[Record<string, string>, boolean]> = [
    [{ "bun.lock": "" }, true],
    [{ "bun.lockb": "" }, true],
    [{ "bunfig.toml": "" }, true],
    [{ "package.json": JSON.stringify({ scripts: { start: "bun run src/index.ts" } }) }, true],
    [{ "package.json": JSON.stringify({ scripts: { dev: "tsc && bunx vite" } }) }, true],
    [{ "package.json": JSON.stringify({ scripts: { start: "node dist/bundle.js" } }) }, false],
  ];
  for (const [files, expected] of cases) {
    const dir = project(files);
    try {
      assert.equal(isBunProject(dir), expected, JSON.stringify(files));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
});

test("auto probes a Bun project whose start scripts also run Node under both runtimes", () => {
  const cases: Array<[Record<string, string>, string[]]> = [
    [{ "package.json": JSON.stringify({ scripts: { start: "bun src/index.ts", "start:node": "tsx src/index.ts" } }) }, ["node", "bun"]],
    [{ "bun.lock": "", "package.json": JSON.stringify({ scripts: { dev: "node --watch src/index.ts" } }) }, ["node", "bun"]],
    // A build script that happens to use node does not make it a Node server.
    [{ "bun.lock": "", "package.json": JSON.stringify({ scripts: { start: "bun src/index.ts", build: "node scripts/build.js" } }) }, ["bun"]],
  ];
  for (const [files, expected] of cases) {
    const dir = project(files);
    try {
      const choice = detectRuntimes(dir, "auto");
      assert.deepEqual(choice.runtimes, choice.bunPath ? expected : ["node"], JSON.stringify(files));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
});

test("auto picks node for a Node project, and node,bun asks for both", () => {
  assert.deepEqual(detectRuntimes(`${FIXTURES}ok`, "auto").runtimes, ["node"]);
  const both = detectRuntimes(`${FIXTURES}ok`, "node,bun");
  assert.deepEqual(both.runtimes, both.bunPath ? ["node", "bun"] : ["node"]);
});
