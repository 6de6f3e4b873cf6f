// Module-scope `new X()` calls resolved to project classes: which classes are constructed while
// a module is being imported.
import type { ModuleGraph } from "../types.js";
import type { ClassRef } from "./async-work.js";
import { classOf, moduleScopeOf, resolveCallee } from "./symbols.js";
import type { CallFact } from "./shapes.js";

export interface Instantiation {
  /** Module whose evaluation runs the `new`. */
  file: string;
  call: CallFact;
  cls: ClassRef;
}

export function moduleScopeInstantiations(graph: ModuleGraph, file: string): Instantiation[] {
  const out: Instantiation[] = [];
  for (const call of moduleScopeOf(graph, file)?.body.calls ?? []) {
    if (!call.isNew || (call.callee.kind !== "name" && call.callee.kind !== "member")) continue;
    const declared = resolveCallee(graph, file, call.callee.name, call.callee.kind === "member" ? call.callee.object : undefined);
    const cls = classOf(graph, declared);
    if (cls && declared) out.push({ file, call, cls: { file: declared.file, cls } });
  }
  return out;
}
