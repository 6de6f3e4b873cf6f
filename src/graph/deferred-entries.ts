// An entry that only hands startup to another module: `import("./main").then(start)`, `await
// import("./server")`, `require("./server")` inside a function that module scope calls, or a bin
// stub whose one job is `require("../dist/cli")`. The module it hands to is run as the start of
// the program, not imported as a library: rules treat it like the entry (its module-scope
// `bootstrap()` is its job, not "importing X starts async work").
import type { ModuleGraph } from "./types.js";

export interface DeferredEntry {
  entry: string;
  /** The startup module the entry hands to. */
  target: string;
  line: number;
  how: "import()" | "require() in a startup function" | "bin stub";
}

export function deferredEntries(graph: ModuleGraph, entries: ReadonlyArray<{ file: string; bin: boolean }>): DeferredEntry[] {
  const out: DeferredEntry[] = [];
  const seen = new Set(entries.map((e) => e.file));
  const queue = [...entries];
  // A bin stub's target is followed once more (bin/cli.js -> src/index.ts -> import("./main")).
  for (let head = 0; head < queue.length; head++) {
    const { file, bin } = queue[head];
    const sites = (graph.modules.get(file)?.sites ?? []).filter((s) => s.target && graph.modules.has(s.target) && s.kind !== "type" && !s.lazy);
    for (const site of sites) {
      const target = site.target!;
      const how: DeferredEntry["how"] | null =
        site.kind === "dynamic" ? "import()" : site.kind === "require" && site.enclosingFunction ? "require() in a startup function" : bin && sites.length === 1 && (site.kind === "require" || site.kind === "side-effect") ? "bin stub" : null;
      if (!how || seen.has(target)) continue;
      seen.add(target);
      out.push({ entry: file, target, line: site.line, how });
      if (how === "bin stub") queue.push({ file: target, bin: false });
    }
  }
  return out;
}
