import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fixture } from "../helpers/fixture.js";
import { LARGE_PROJECT_FILES } from "../../src/run/heap-growth.js";

const heapGrowth = new URL("../../dist/run/heap-growth.js", import.meta.url).href;
const api = new URL("../../dist/index.js", import.meta.url).href;

/** Runs an ES module in a child node (a file: a worker inherits the host's options, and `--input-type` fails its start). */
function runModule(code: string): string {
  const dir = mkdtempSync(join(tmpdir(), "startup-doctor-heap-"));
  try {
    writeFileSync(join(dir, "child.mjs"), code);
    const r = spawnSync(process.execPath, [join(dir, "child.mjs")], { encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Full collections while a child keeps 3 million small objects, with the command's heap policy for a project of `files` files. */
function majorCollections(files: number): number {
  const code = `
    import { PerformanceObserver, constants } from "node:perf_hooks";
    const { ownHeap, growHeapFor } = await import(${JSON.stringify(heapGrowth)});
    ownHeap();
    growHeapFor(${files});
    let major = 0;
    new PerformanceObserver((list) => { for (const e of list.getEntries()) if (e.detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) major++; }).observe({ entryTypes: ["gc"] });
    const keep = [];
    for (let i = 0; i < 3_000_000; i++) keep.push({ i, s: "x" + i, a: [i, i + 1] });
    await new Promise((r) => setTimeout(r, 50));
    console.log(major, keep.length);`;
  return Number(runModule(code).split(" ")[0]);
}

test("a large project raises the heap's growth while the process runs: fewer full collections for the same data", () => {
  const small = majorCollections(19_999);
  const large = majorCollections(20_000);
  assert.ok(large < small, `full collections: ${large} for a large project, ${small} below the threshold`);
});

test("the Node API leaves its host's heap alone: a scan through it claims nothing", () => {
  const code = `
    const { scan } = await import(${JSON.stringify(api)});
    await scan({ dir: ${JSON.stringify(fixture("graph", "type-only-cycle"))} });
    const { ownsHeap } = await import(${JSON.stringify(heapGrowth)});
    console.log(ownsHeap());`;
  assert.equal(runModule(code).trim(), "false");
});

test("a code cache made after the growth for a large project is made under the startup flags, which the next run starts with", () => {
  const dir = mkdtempSync(join(tmpdir(), "startup-doctor-heap-cc-"));
  try {
    const cache = join(dir, "script.v8code");
    // V8 puts the hash of its flags in a code cache and rejects a cache made under others.
    const source = "function f(){ return [1,2,3].map((x) => x * 2); } f();".repeat(200);
    const make = (wrapped: boolean): void => {
      runModule(`
        import { Script } from "node:vm";
        import { writeFileSync } from "node:fs";
        const { ownHeap, growHeapFor, withStartupFlags } = await import(${JSON.stringify(heapGrowth)});
        ownHeap();
        const script = new Script(${JSON.stringify(source)});
        growHeapFor(${LARGE_PROJECT_FILES});
        const save = () => writeFileSync(${JSON.stringify(cache)}, script.createCachedData());
        ${wrapped ? "withStartupFlags(save);" : "save();"}
      `);
    };
    const rejected = (): string =>
      runModule(`
        import { Script } from "node:vm";
        import { readFileSync } from "node:fs";
        const { ownHeap } = await import(${JSON.stringify(heapGrowth)});
        ownHeap();
        const script = new Script(${JSON.stringify(source)}, { cachedData: readFileSync(${JSON.stringify(cache)}) });
        process.stdout.write(String(script.cachedDataRejected));
      `);
    make(false);
    assert.equal(rejected(), "true", "made under the grown flags: the next run rejects it");
    make(true);
    assert.equal(rejected(), "false");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
