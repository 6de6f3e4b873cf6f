// What crosses a runtime cycle while its modules evaluate: module-scope code of one member that
// uses a binding declared by another (a call, `new`, `class extends`, a decorator argument, a plain
// read), a decorator-metadata read that tsc emits for a member's class, or a top-level await in a
// member. A cycle nothing crosses loads in any order; one that is crossed depends on evaluation
// order, and a different entrypoint or import order turns it into a TDZ crash or a hang.
import { moduleScopeOf, resolveExport, resolveLocal } from "./facts/symbols.js";
import type { ModuleGraph } from "./types.js";

export interface CycleCrossing {
  file: string;
  line: number;
  /** "uses User from src/user.ts (class extends)", "top-level await", ... */
  what: string;
  kind: "use" | "metadata" | "top-level-await";
}

const HOW: Record<string, string> = {
  extends: "class extends",
  new: "new",
  call: "call",
  member: "member access",
  decorator: "decorator argument",
  spread: "spread",
  read: "read",
  metadata: "decorator metadata",
};

/** Every crossing of the component, sorted by file and line. */
export function cycleCrossings(graph: ModuleGraph, component: readonly string[], rel: (file: string) => string): CycleCrossing[] {
  const members = new Set(component);
  const out: CycleCrossing[] = [];
  for (const file of component) {
    const scope = moduleScopeOf(graph, file);
    if (!scope) continue;
    const tla = scope.topLevelAwaits[0];
    if (tla) out.push({ file, line: tla.line, what: "top-level await: the other members wait until it settles", kind: "top-level-await" });
    for (const use of scope.uses) {
      const declared = declaringModule(graph, file, use.local, use.member);
      if (!declared || declared === file || !members.has(declared)) continue;
      const name = use.member ? `${use.local}.${use.member}` : use.local;
      out.push({ file, line: use.line, what: `uses ${name} from ${rel(declared)} at module scope (${HOW[use.how] ?? use.how})`, kind: "use" });
    }
    for (const site of graph.modules.get(file)?.sites ?? []) {
      if (!site.metadataOnly || !site.target || !members.has(site.target) || site.target === file) continue;
      out.push({ file, line: site.line, what: `decorator metadata reads ${site.names.join(", ")} from ${rel(site.target)} when the class is defined (emitDecoratorMetadata)`, kind: "metadata" });
    }
  }
  return out.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

/** The module that declares a binding `file` imports (through re-exports), else the module it imports it from. */
function declaringModule(graph: ModuleGraph, file: string, local: string, member: string | undefined): string | null {
  const found = resolveLocal(graph, file, local);
  if (found && found.kind === "namespace") return member !== undefined ? (resolveExport(graph, found.file, member)?.file ?? found.file) : null;
  return found?.file ?? null;
}
