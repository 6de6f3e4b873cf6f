import assert from "node:assert/strict";
import { cpSync, lstatSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { runCli } from "../helpers/cli.js";
import { fixture } from "../helpers/fixture.js";

// A copy of a composite, multi-package project (where a careless tool might leave a .tsbuildinfo,
// a cache folder or a build) is scanned, graphed and explained; nothing in it may change.
const dir = mkdtempSync(join(tmpdir(), "startup-doctor-readonly-"));
after(() => rmSync(dir, { recursive: true, force: true }));
cpSync(fixture("graph", "workspaces-cycle"), dir, { recursive: true });

function snapshot(root: string): string[] {
  const out: string[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const current = stack.pop()!;
    for (const name of readdirSync(current)) {
      const path = join(current, name);
      const stat = lstatSync(path);
      out.push(`${path.slice(root.length)} ${stat.isDirectory() ? "dir" : stat.size} ${stat.mtimeMs}`);
      if (stat.isDirectory()) stack.push(path);
    }
  }
  const rootStat = lstatSync(root);
  return [`. ${rootStat.mtimeMs}`, ...out.sort()];
}

test("scan, graph and explain write nothing into the analysed project", () => {
  const before = snapshot(dir);
  assert.equal(runCli(["scan", dir]).code, 0);
  assert.equal(runCli(["scan", dir, "--format", "json"]).code, 0);
  assert.equal(runCli(["graph", dir, "--format", "mermaid"]).code, 0);
  assert.equal(runCli(["explain", "packages/b/src/index.ts", dir]).code, 0);
  assert.equal(runCli(["scan", "."], { cwd: dir }).code, 0);
  assert.deepEqual(snapshot(dir), before);
});
