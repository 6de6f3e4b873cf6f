import assert from "node:assert/strict";
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { scanJson } from "../helpers/cli.js";
import { fixture } from "../helpers/fixture.js";

// Links are made at run time in a copy: git does not keep link loops well.
const dir = mkdtempSync(join(tmpdir(), "startup-doctor-links-"));
after(() => rmSync(dir, { recursive: true, force: true }));
cpSync(fixture("input", "symlink-loop"), dir, { recursive: true });
symlinkSync("..", join(dir, "src", "parent")); // a folder link back up: walked once
symlinkSync("loop-b", join(dir, "src", "loop-a")); // two folder links pointing at each other
symlinkSync("loop-a", join(dir, "src", "loop-b"));
symlinkSync("self.ts", join(dir, "src", "self.ts")); // a file link to itself

test("symbolic link loops are warnings, never a hang or a crash", () => {
  const { code, report, stderr } = scanJson(dir);
  assert.equal(code, 0);
  assert.equal(stderr, "");
  assert.deepEqual(report.warnings, [
    { file: "src/loop-a", message: "symbolic link loop or dangling link, skipped" },
    { file: "src/loop-b", message: "symbolic link loop or dangling link, skipped" },
    { file: "src/self.ts", message: "symbolic link loop or dangling link, skipped" },
  ]);
  assert.equal(report.modules, 2);
});

test("with a tsconfig, its own file matching survives the same links", () => {
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { module: "nodenext" }, include: ["src"] }));
  try {
    const { code, report } = scanJson(dir);
    assert.equal(code, 0);
    assert.deepEqual(report.warnings, []);
    assert.equal(report.modules, 2);
  } finally {
    rmSync(join(dir, "tsconfig.json"));
  }
});
