// The import() calls a module's evaluation waits for: awaited at module scope, or inside project
// functions that module scope awaits (followed to a small depth, across modules).
import type { ModuleGraph } from "../types.js";
import { labelOf, type Hop } from "./async-work.js";
import { functionOf, resolveCallee, resolveLocal } from "./symbols.js";
import type { AwaitedImport, BodyFacts } from "./shapes.js";

export interface AwaitedImportSite {
  /** File that holds the import() call. */
  file: string;
  site: AwaitedImport;
  /** Enclosing function when the import() is not at module scope. */
  enclosing: string | null;
  /** The awaited calls that lead from module scope to the import(). */
  calls: Hop[];
}

const DEPTH = 4;

export function awaitedImports(graph: ModuleGraph, file: string, body: BodyFacts): AwaitedImportSite[] {
  const out: AwaitedImportSite[] = [];
  const seen = new Set<string>();
  const visit = (at: string, b: BodyFacts, enclosing: string | null, calls: Hop[], depth: number): void => {
    for (const site of b.awaitedImports) out.push({ file: at, site, enclosing, calls });
    if (depth === 0) return;
    for (const call of b.awaitedCalls) {
      const c = call.callee;
      if (c.kind === "this" || c.kind === "super") continue;
      const declared = c.kind === "name" ? resolveLocal(graph, at, c.name) : resolveCallee(graph, at, c.name, c.object);
      const fn = functionOf(graph, declared);
      if (!fn || !declared) continue;
      const key = `${declared.file}\0${fn.name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      visit(declared.file, fn.body, fn.name, [...calls, { file: at, line: call.line, note: `awaits ${labelOf(call)}` }], depth - 1);
    }
  };
  visit(file, body, null, [], DEPTH);
  return out;
}
