// isInside (src/util/path.ts) answers normal absolute paths by a prefix test: it must agree with
// path.relative, its definition, on every path, normal or not. (A name such as `..b` is below its
// folder: only `..` or a `../` prefix leaves it.)
import assert from "node:assert/strict";
import { relative, isAbsolute } from "node:path";
import { test } from "node:test";
import { isInside } from "../../src/util/path.js";

const byRelative = (dir: string, file: string): boolean => {
  const rel = relative(dir, file);
  return rel === "" || (rel !== ".." && !rel.startsWith("../") && !isAbsolute(rel));
};

const PATHS = ["/", "/a", "/a/", "/a/b", "/a/b/", "/a/bc", "/a/b/c", "/a/b/../c", "/a/./b", "/a//b", "/a/b/.", "/a/b/..", "/ab", "/a/b/c/d.ts", "/a/..b", "/a/.b/c", "a/b", "./a", ""];

test("isInside agrees with path.relative for every pair of paths", () => {
  for (const dir of PATHS) {
    for (const file of PATHS) assert.equal(isInside(dir, file), byRelative(dir, file), `isInside(${JSON.stringify(dir)}, ${JSON.stringify(file)})`);
  }
});

test("a folder holds itself and what is below it, not a sibling sharing its prefix", () => {
  assert.equal(isInside("/repo/src", "/repo/src"), true);
  assert.equal(isInside("/repo/src", "/repo/src/a.ts"), true);
  assert.equal(isInside("/repo/src", "/repo/srcx/a.ts"), false);
  assert.equal(isInside("/repo/src", "/repo"), false);
});
