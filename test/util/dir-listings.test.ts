// Folder listings are shared inside one discovery and only there: a later run sees the folder as it is then.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { boundLister, listDir, listedAsLink, withSharedListings } from "../../src/util/dir-listings.ts";

const names = (dir: string, list: (d: string) => Array<{ name: string }> = listDir): string[] => list(dir).map((e) => e.name).sort();

test("inside one discovery a folder is listed once; outside it, and in the next one, it is listed afresh", () => {
  const dir = mkdtempSync(join(tmpdir(), "sd-listings-"));
  try {
    writeFileSync(join(dir, "a.ts"), "");
    const lister = withSharedListings(() => {
      assert.deepEqual(names(dir), ["a.ts"]);
      writeFileSync(join(dir, "b.ts"), "");
      // The discovery's own listing: one readdir per folder for all its readers.
      assert.deepEqual(names(dir), ["a.ts"]);
      assert.equal(listDir(dir), listDir(dir));
      return boundLister();
    });
    // A reader made during the discovery (the resolver's host) keeps its listings.
    assert.deepEqual(names(dir, lister), ["a.ts"]);
    assert.deepEqual(names(dir), ["a.ts", "b.ts"]);
    assert.deepEqual(withSharedListings(() => names(dir)), ["a.ts", "b.ts"]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a folder that cannot be listed throws inside a discovery as readdirSync does, every time", () => {
  const missing = join(tmpdir(), "sd-listings-missing-folder");
  withSharedListings(() => {
    assert.throws(() => listDir(missing), { code: "ENOENT" });
    assert.throws(() => listDir(missing), { code: "ENOENT" });
  });
});

test("a listed folder tells its links from its other entries; an unlisted one, or a name it lacks, leaves it to a stat", () => {
  const dir = mkdtempSync(join(tmpdir(), "sd-listings-"));
  try {
    writeFileSync(join(dir, "a.ts"), "");
    symlinkSync("a.ts", join(dir, "link.ts"));
    withSharedListings(() => {
      assert.equal(listedAsLink(dir, "a.ts"), undefined);
      listDir(dir);
      assert.deepEqual([listedAsLink(dir, "a.ts"), listedAsLink(dir, "link.ts"), listedAsLink(dir, "gone.ts")], [false, true, undefined]);
    });
    assert.equal(listedAsLink(dir, "link.ts"), undefined);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
