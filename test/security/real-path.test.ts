import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { forgetRealPaths, realPathOf } from "../../src/project/confine.js";

test("real paths are realpath(3)'s for plain files, links, links to links, loops, .. and missing names", () => {
  const root = mkdtempSync(join(tmpdir(), "startup-doctor-real-"));
  try {
    mkdirSync(join(root, "a/b"), { recursive: true });
    writeFileSync(join(root, "a/b/f.ts"), "");
    symlinkSync(join(root, "a"), join(root, "link"));
    symlinkSync("../a/b/f.ts", join(root, "a/rel.ts"));
    symlinkSync(join(root, "link"), join(root, "link2"));
    symlinkSync(join(root, "loop"), join(root, "loop"));
    symlinkSync("/", join(root, "a/b/root"));
    const paths = ["link/b/f.ts", "link2/b", "link2/b/f.ts", "a/rel.ts", "loop", "loop/x", "missing/x.ts", "a/b/root/etc", "a/b/../b/f.ts", "link/../a/b", "a/b/", "a//b/f.ts"].map((p) => `${root}/${p}`);
    const walk = (dir: string): void => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        paths.push(join(dir, e.name));
        if (e.isDirectory()) walk(join(dir, e.name));
      }
    };
    walk(root);
    forgetRealPaths();
    for (const p of paths) {
      let expected: string | null;
      try {
        expected = realpathSync.native(p);
      } catch {
        expected = null;
      }
      assert.equal(realPathOf(p), expected, p);
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
    forgetRealPaths();
  }
});
