// The module-scope reads of one module that can happen before the module they read from has run:
// each use (and each require() capture) resolved through re-exports to the module whose body
// must have run, kept when some evaluation order runs this module first (evaluation-order.ts).
import { evaluationEdges, mayRunBefore } from "../../graph/evaluation-order.js";
import type { DeclarationFacts, ImportBinding, ImportUse, ModuleScopeFacts } from "../../graph/facts/shapes.js";
import { declarationsOf, moduleScopeOf, resolveExport, resolveLocal, targetOf, type Declared } from "../../graph/facts/symbols.js";
import type { ModuleGraph } from "../../graph/types.js";
import { crashOf, stateOf, type ExportStyle, type Uninitialised } from "./crash.js";

export interface EarlyRead {
  /** Where it crashes (or, for a capture used later, where the value is captured). */
  use: ImportUse;
  binding: ImportBinding;
  declared: Declared;
  /** The module whose body must have run: the declaring one, or the CommonJS module read from. */
  timing: string;
  /** Import target, barrels, declaring module: how the name was followed. */
  chain: string[];
  state: Uninitialised;
  crash: string;
  /** For a require() capture: the capture, and (when the crash is in a handler) the later use. */
  capture?: { line: number; later?: ImportUse };
  style: ExportStyle;
  /** The module format tsc writes for the reading file, when known. */
  emitFormat?: "esm" | "commonjs";
  /** "" when a require() capture's line holds no import site to quote (else the use's line is quoted). */
  quoted?: "";
  /**
   * tsc's CommonJS output keeps each `import` where it is written; esbuild (tsx) hoists it. When
   * the declaration comes before the import that closes the cycle, only the hoisting runs crash:
   * the line of that import.
   */
  tscImportAfter?: number;
}

export function earlyReads(graph: ModuleGraph, file: string, component: ReadonlySet<string>, scope: ModuleScopeFacts, decls: DeclarationFacts): EarlyRead[] {
  const out: EarlyRead[] = [];
  const handled = new Set<string>();
  for (const binding of decls.imports) {
    if (!binding.viaRequire) continue;
    const read = captureRead(graph, file, component, scope, binding);
    if (read === "live") continue;
    handled.add(binding.local);
    if (read) out.push({ ...read, ...(scope.emit ? { emitFormat: scope.emit.format } : {}) });
  }
  const seen = new Set<string>();
  for (const use of scope.uses) {
    const binding = decls.imports.find((b) => b.local === use.local);
    // tsc's CommonJS metadata reads `x_1.X`: undefined, not a crash; only a DI container reading
    // an injectable's design:paramtypes suffers (a TypeORM entity's constructor does not).
    if (use.how === "metadata" && scope.emit?.format === "commonjs" && !use.injected) continue;
    if (!binding || handled.has(use.local) || seen.has(`${use.line}\0${use.local}\0${use.member ?? ""}`)) continue;
    const read = useRead(graph, file, component, use, binding);
    if (!read) continue;
    seen.add(`${use.line}\0${use.local}\0${use.member ?? ""}`);
    out.push({ ...read, ...(scope.emit ? { emitFormat: scope.emit.format } : {}) });
  }
  return out;
}

function useRead(graph: ModuleGraph, file: string, component: ReadonlySet<string>, use: ImportUse, binding: ImportBinding): EarlyRead | null {
  const target = targetOf(graph, file, binding.specifier);
  if (!target) return null;
  const whole = resolveLocal(graph, file, use.local);
  const declared = whole?.kind === "namespace" ? (use.member !== undefined ? memberOf(graph, whole.file, use.member) : null) : whole;
  if (!declared || declared.file === file) return null;
  // The object a CommonJS caller reads is the required module's own exports object.
  const objectOwner = whole?.kind === "namespace" ? whole.file : binding.viaRequire ? target : declared.file;
  const style = styleOf(graph, objectOwner);
  const commonjsObject = style !== "esm";
  const chain = commonjsObject ? [objectOwner] : [...declared.via, declared.file];
  if (!mayRunBefore(graph, component, file, chain)) return null;
  if (commonjsObject && exportedBeforeImports(graph, objectOwner, use.member ?? binding.imported)) return null;
  const state = stateOf(declared, style, false);
  const crash = state && crashOf(state, use, declared.name);
  if (!state || !crash) return null;
  const after = state === "tdz" ? importAfterDeclaration(graph, component, declared) : null;
  return { use, binding, declared, timing: chain[chain.length - 1], chain, state, crash, style, ...(after !== null ? { tscImportAfter: after } : {}) };
}

/** In tsc's CommonJS output, the line of the import that closes the cycle when it follows the declaration. */
function importAfterDeclaration(graph: ModuleGraph, component: ReadonlySet<string>, declared: Declared): number | null {
  if (moduleScopeOf(graph, declared.file)?.emit?.format !== "commonjs") return null;
  const line = declarationsOf(graph, declared.file)?.localLines?.get(declared.name);
  const lines = evaluationEdges(graph, declared.file).filter((e) => component.has(e.to)).map((e) => e.line);
  if (line === undefined || lines.length === 0) return null;
  const first = Math.min(...lines);
  return line < first ? first : null;
}

/**
 * `const { query } = require("./db")` or `const db = require("./db")` at module scope. The first
 * copies the value now; the second keeps the exports object, which is only stale when the module
 * replaces it (`module.exports = {...}`, `export =`). "live": nothing is captured early.
 */
function captureRead(graph: ModuleGraph, file: string, component: ReadonlySet<string>, scope: ModuleScopeFacts, binding: ImportBinding): EarlyRead | null | "live" {
  const target = targetOf(graph, file, binding.specifier);
  if (!target || target === file) return "live";
  const style = styleOf(graph, target);
  const wholeObject = binding.imported === "*";
  if (wholeObject && style !== "commonjs-replace") return "live";
  const declared = wholeObject ? { file: target, name: "*", kind: "namespace" as const, viaRequire: true, via: [] } : memberOf(graph, target, binding.imported);
  if (!declared) return "live";
  const chain = style !== "esm" ? [target] : [...declared.via, declared.file];
  if (!mayRunBefore(graph, component, file, chain)) return null;
  if (style !== "esm" && exportedBeforeImports(graph, target, wholeObject ? null : binding.imported)) return null;
  const state = stateOf(declared, style, wholeObject);
  if (!state) return null;
  const line = binding.line ?? 1;
  const quoted = graph.modules.get(file)?.sites.some((s) => s.specifier === binding.specifier && s.line === line) ? {} : { quoted: "" as const };
  const base = { binding, declared, timing: chain[chain.length - 1], chain, state, style, ...quoted };
  if (state === "tdz") {
    // tsx's CommonJS exports are getters: destructuring reads the binding at once.
    const use: ImportUse = { line, column: 1, local: binding.local, how: "read" };
    return { ...base, use, crash: crashOf("tdz", use, declared.name)!, capture: { line } };
  }
  const probe = (u: ImportUse): string | null => (wholeObject && u.member === undefined ? null : crashOf(state === "empty-object" && u.member ? "undefined" : state, u, declared.name));
  for (const use of scope.uses) {
    if (use.local !== binding.local) continue;
    const crash = probe(use);
    if (crash) return { ...base, use, crash, capture: { line } };
  }
  const later = scope.laterUses?.find((u) => u.local === binding.local && probe(u) !== null);
  if (!later) return null;
  const use: ImportUse = { line, column: 1, local: binding.local, how: "read" };
  return { ...base, use, crash: probe(later)!, capture: { line, later } };
}

/** `name` of `file`'s exports; for a CommonJS module, also a property assigned from an expression. */
function memberOf(graph: ModuleGraph, file: string, name: string): Declared | null {
  const found = resolveExport(graph, file, name);
  if (found) return found;
  const cjs = declarationsOf(graph, file)?.commonjsExports;
  if (cjs && (cjs.replacedAt !== null || cjs.assignedAt.has(name))) return { file, name, kind: "var", viaRequire: true, via: [] };
  return null;
}

export function styleOf(graph: ModuleGraph, file: string): ExportStyle {
  const cjs = declarationsOf(graph, file)?.commonjsExports;
  if (!cjs) return "esm";
  return cjs.replacedAt !== null ? "commonjs-replace" : "commonjs-assign";
}

/** A CommonJS module that fills its exports before it imports anything is never seen half-loaded. */
function exportedBeforeImports(graph: ModuleGraph, file: string, name: string | null): boolean {
  const cjs = declarationsOf(graph, file)?.commonjsExports;
  const first = evaluationEdges(graph, file)[0]?.line;
  if (!cjs || first === undefined) return false;
  const at = cjs.replacedAt ?? (name !== null ? cjs.assignedAt.get(name) : undefined);
  return at !== undefined && at < first;
}
