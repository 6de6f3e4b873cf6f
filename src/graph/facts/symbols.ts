// Follows a name across modules: a local declaration, an import (through the resolved import
// sites), a re-export or a barrel's `export *`, down to the module that declares it.
import type { ModuleGraph } from "../types.js";
import { DECLARATIONS } from "./declarations.js";
import { MODULE_SCOPE } from "./module-scope.js";
import type { ClassFact, DeclarationFacts, FunctionFact, LocalKind, ModuleScopeFacts } from "./shapes.js";

export interface Declared {
  file: string;
  name: string;
  kind: LocalKind | "namespace";
  /** Bound through `require()` somewhere along the way (a CommonJS snapshot). */
  viaRequire: boolean;
}

export function declarationsOf(graph: ModuleGraph, file: string): DeclarationFacts | null {
  return (graph.modules.get(file)?.facts[DECLARATIONS] as DeclarationFacts | undefined) ?? null;
}

export function moduleScopeOf(graph: ModuleGraph, file: string): ModuleScopeFacts | null {
  return (graph.modules.get(file)?.facts[MODULE_SCOPE] as ModuleScopeFacts | undefined) ?? null;
}

/** The project module an import specifier of `file` resolves to, if any. */
export function targetOf(graph: ModuleGraph, file: string, specifier: string): string | null {
  const site = graph.modules.get(file)?.sites.find((s) => s.specifier === specifier && s.target && graph.modules.has(s.target));
  return site?.target ?? null;
}

export function resolveLocal(graph: ModuleGraph, file: string, name: string, seen = new Set<string>()): Declared | null {
  const decls = declarationsOf(graph, file);
  if (!decls) return null;
  const local = decls.locals[name];
  if (local) return { file, name, kind: local, viaRequire: false };
  const binding = decls.imports.find((b) => b.local === name);
  if (!binding) return null;
  const target = targetOf(graph, file, binding.specifier);
  if (!target) return null;
  const found = binding.imported === "*" ? { file: target, name: "*", kind: "namespace" as const, viaRequire: false } : resolveExport(graph, target, binding.imported, seen);
  return found && binding.viaRequire ? { ...found, viaRequire: true } : found;
}

export function resolveExport(graph: ModuleGraph, file: string, exported: string, seen = new Set<string>()): Declared | null {
  const key = `${file}\0${exported}`;
  if (seen.has(key)) return null;
  seen.add(key);
  const decls = declarationsOf(graph, file);
  if (!decls) return null;
  for (const e of decls.exports) {
    if (e.exported !== exported) continue;
    if ("local" in e) return resolveLocal(graph, file, e.local, seen);
    const target = targetOf(graph, file, e.specifier);
    if (!target) return null;
    return e.imported === "*" ? { file: target, name: "*", kind: "namespace", viaRequire: false } : resolveExport(graph, target, e.imported, seen);
  }
  if (exported === "default") return null;
  for (const spec of decls.starExports) {
    const target = targetOf(graph, file, spec);
    const found = target ? resolveExport(graph, target, exported, seen) : null;
    if (found) return found;
  }
  return null;
}

/** `name` as written in `file`, or `object.name` when `object` is a namespace import. */
export function resolveCallee(graph: ModuleGraph, file: string, name: string, object?: string): Declared | null {
  if (object === undefined) return resolveLocal(graph, file, name);
  const ns = resolveLocal(graph, file, object);
  return ns?.kind === "namespace" ? resolveExport(graph, ns.file, name) : null;
}

export function classOf(graph: ModuleGraph, d: Declared | null): ClassFact | null {
  if (!d || d.kind === "namespace") return null;
  return declarationsOf(graph, d.file)?.classes.find((c) => c.name === d.name) ?? null;
}

export function functionOf(graph: ModuleGraph, d: Declared | null): FunctionFact | null {
  if (!d || d.kind === "namespace") return null;
  return declarationsOf(graph, d.file)?.functions.find((f) => f.name === d.name) ?? null;
}
