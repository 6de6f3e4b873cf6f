import { evaluationCycles, evaluationOrder } from "../graph/evaluation-order.js";
import type { ImportUse } from "../graph/facts/shapes.js";
import { declarationsOf, moduleScopeOf, resolveExport, resolveLocal, type Declared } from "../graph/facts/symbols.js";
import type { GraphEdge, ModuleGraph } from "../graph/types.js";
import type { ChainHop } from "../report/types.js";
import { isTypeScriptFile } from "../util/path.js";
import { docsUrl, type Finding, type Rule, type RuleContext } from "./types.js";

export const tdzRisk = {
  id: "tdz-risk",
  defaultSeverity: "error",
  description: "Module-scope code uses a binding from a module of the same runtime cycle before that module has run: a crash at startup.",
  check(ctx: RuleContext): Finding[] {
    const findings: Finding[] = [];
    // Only a cycle of synchronous imports can expose a binding before its module has run: an
    // import() target is evaluated after its importer.
    const sets = new Map<string[], Set<string>>();
    for (const [file, members] of evaluationCycles(ctx.graph, "sync")) {
      const scope0 = moduleScopeOf(ctx.graph, file);
      if (!scope0 || scope0.uses.length === 0) continue;
      let component = sets.get(members);
      if (!component) sets.set(members, (component = new Set(members)));
      const scope = moduleScopeOf(ctx.graph, file);
      const decls = declarationsOf(ctx.graph, file);
      if (!scope || !decls) continue;
      const seen = new Set<string>();
      for (const use of scope.uses) {
        const binding = decls.imports.find((b) => b.local === use.local);
        const declared = declaredFor(ctx.graph, file, use);
        if (!binding || !declared || declared.file === file || !component.has(declared.file)) continue;
        const commonjs = binding.viaRequire || declared.viaRequire;
        const crash = crashOf(declared, use, commonjs);
        if (!crash || seen.has(`${use.line}\0${use.local}`)) continue;
        seen.add(`${use.line}\0${use.local}`);
        const why = commonjs && !isTypeScriptFile(declared.file) ? ` (under CommonJS, require() of a module that is still running returns its exports object as filled so far, without ${use.member ?? use.local})` : "";
        findings.push(toFinding(ctx, file, use, declared, `${crash}${why}`, binding.specifier));
      }
    }
    return findings;
  },
} as const satisfies Rule;

function declaredFor(graph: ModuleGraph, file: string, use: ImportUse): Declared | null {
  const found = resolveLocal(graph, file, use.local);
  if (!found || found.kind !== "namespace") return found;
  if (use.member === undefined) return null;
  const member = resolveExport(graph, found.file, use.member);
  return member && found.viaRequire ? { ...member, viaRequire: true } : member;
}

/** The error the use throws when the declaring module has not run yet, or null when it is safe. */
function crashOf(declared: Declared, use: ImportUse, commonjs: boolean): string | null {
  const name = use.member ?? use.local;
  const plainCommonJs = commonjs && !isTypeScriptFile(declared.file);
  // Function declarations are hoisted and initialised before any module body runs (ESM, and the
  // TypeScript/esbuild CommonJS output, which assigns them to exports first). A hand-written
  // CommonJS exports object, though, is still empty.
  if (declared.kind === "function" && !plainCommonJs) return null;
  const undefinedValue = plainCommonJs || declared.kind === "var" || declared.kind === "enum" || declared.kind === "function";
  if (!undefinedValue) return `ReferenceError: Cannot access '${name}' before initialization`;
  switch (use.how) {
    case "extends":
      return "TypeError: Class extends value undefined is not a constructor or null";
    case "new":
      return `TypeError: ${name} is not a constructor`;
    case "call":
    case "decorator":
      return `TypeError: ${name} is not a function`;
    case "member":
      return `TypeError: Cannot read properties of undefined (reading a property of ${name})`;
    default:
      // Reading `undefined` into a variable does not throw; it only spreads the bug.
      return null;
  }
}

const HOW: Record<ImportUse["how"], (name: string) => string> = {
  extends: (n) => `extends ${n}`,
  new: (n) => `constructs ${n}`,
  call: (n) => `calls ${n}`,
  member: (n) => `reads a property of ${n}`,
  decorator: (n) => `passes ${n} to a decorator`,
  spread: (n) => `spreads ${n}`,
  read: (n) => `reads ${n}`,
};

function toFinding(ctx: RuleContext, file: string, use: ImportUse, declared: Declared, crash: string, specifier: string): Finding {
  const name = use.member ? `${use.local}.${use.member}` : use.local;
  const certain: string[] = [];
  const safe: string[] = [];
  for (const entry of ctx.entrypoints) {
    if (!ctx.graph.modules.has(entry)) continue;
    const order = evaluationOrder(ctx.graph, entry);
    const mine = order.bodyAt.get(file);
    const theirs = order.bodyAt.get(declared.file);
    if (mine === undefined || theirs === undefined) continue;
    (theirs > mine ? certain : safe).push(ctx.rel(entry));
  }
  const back = pathBack(ctx.graph, declared.file, file);
  const importLine = ctx.graph.modules.get(file)?.sites.find((s) => s.specifier === specifier)?.line ?? use.line;
  const chain: ChainHop[] = [
    { file: ctx.rel(file), line: use.line, note: `${HOW[use.how](name)} while ${ctx.rel(file)} is evaluated` },
    { file: ctx.rel(file), line: importLine, note: `imports ${use.local} (declared in ${ctx.rel(declared.file)})` },
    ...back.map((e) => ({ file: ctx.rel(e.from), line: e.line, note: `imports ${ctx.rel(e.to)}` })),
  ];
  const there = ctx.rel(declared.file);
  const here = ctx.rel(file);
  const message = certain.length > 0
    ? `${here} ${HOW[use.how](name)} at module scope, but ${there} is part of the same runtime import cycle and has not run yet when ${certain.join(", ")} starts: startup crashes with ${crash}`
    : `${here} ${HOW[use.how](name)} at module scope, and ${there} is part of the same runtime import cycle: it works only while ${there} is evaluated first${safe.length > 0 ? ` (as from ${safe.join(", ")} today)` : ""}; importing ${there} before ${here} (a test, a script, a new entrypoint) crashes with ${crash}`;
  const cut = back[0];
  return {
    rule: "tdz-risk",
    severity: certain.length > 0 ? "error" : "warning",
    file: here,
    line: use.line,
    column: use.column,
    code: use.code,
    message,
    chain,
    fix: `${cut ? `break the cycle at ${ctx.rel(cut.from)}:${cut.line} (${there} should not import ${ctx.rel(cut.to)}), ` : ""}move ${use.local} to a module that does not import ${here}, or defer the use into a function that runs after startup`,
    entrypoints: certain.length > 0 ? certain : safe,
    key: `tdz-risk:${here}:<module>:${name}`,
    docs: docsUrl("tdz-risk"),
  };
}

/** Shortest runtime path from the declaring module back to the using one (the cycle's other half). */
function pathBack(graph: ModuleGraph, from: string, to: string): GraphEdge[] {
  const via = new Map<string, GraphEdge>();
  const queue = [from];
  const seen = new Set([from]);
  for (let head = 0; head < queue.length; head++) {
    for (const edge of graph.edges.get(queue[head]) ?? []) {
      if (!edge.runtime || seen.has(edge.to)) continue;
      seen.add(edge.to);
      via.set(edge.to, edge);
      if (edge.to === to) {
        const path: GraphEdge[] = [];
        for (let cursor = to; cursor !== from; cursor = via.get(cursor)!.from) path.unshift(via.get(cursor)!);
        return path;
      }
      queue.push(edge.to);
    }
  }
  return [];
}
