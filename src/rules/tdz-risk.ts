import { evaluationCycles, evaluationOrder } from "../graph/evaluation-order.js";
import type { ImportUse } from "../graph/facts/shapes.js";
import { declarationsOf, moduleScopeOf } from "../graph/facts/symbols.js";
import type { GraphEdge } from "../graph/types.js";
import type { ChainHop } from "../report/types.js";
import { isTypeScriptFile } from "../util/path.js";
import { compiledCrashOf } from "./tdz/crash.js";
import { earlyReads, type EarlyRead } from "./tdz/reads.js";
import { routeFinder, type Route, type RouteFinder } from "./tdz/routes.js";
import { docsUrl, type Finding, type Rule, type RuleContext } from "./types.js";

export const tdzRisk = {
  id: "tdz-risk",
  defaultSeverity: "error",
  description: "Module-scope code reads a binding before the module that defines it has run (TDZ, a half-loaded CommonJS exports object, decorator metadata): a crash at startup or at the first call.",
  check(ctx: RuleContext): Finding[] {
    const findings: Finding[] = [];
    // Only a module on a cycle of synchronous imports can run before something it imports: every
    // other import has finished evaluating (with its re-exports) before the importer's body runs.
    const components = new Map<string[], { members: Set<string>; smallest: string; routes: RouteFinder }>();
    for (const [file, members] of evaluationCycles(ctx.graph, "sync")) {
      const scope = moduleScopeOf(ctx.graph, file);
      const decls = declarationsOf(ctx.graph, file);
      if (!scope || !decls || (scope.uses.length === 0 && !decls.imports.some((b) => b.viaRequire))) continue;
      let component = components.get(members);
      if (!component) {
        const set = new Set(members);
        const smallest = [...members].sort()[0];
        components.set(members, (component = { members: set, smallest, routes: routeFinder(ctx.graph, set, smallest, KEEP) }));
      }
      for (const read of earlyReads(ctx.graph, file, component.members, scope, decls)) {
        findings.push(toFinding(ctx, file, read, component));
      }
    }
    return findings;
  },
} as const satisfies Rule;

const HOW: Record<ImportUse["how"], (name: string) => string> = {
  extends: (n) => `extends ${n}`,
  new: (n) => `constructs ${n}`,
  call: (n) => `calls ${n}()`,
  member: (n) => `reads ${n}`,
  decorator: (n) => `passes ${n} to a decorator`,
  metadata: (n) => `names ${n} in decorator metadata`,
  spread: (n) => `spreads ${n}`,
  read: (n) => `reads ${n}`,
};

function toFinding(ctx: RuleContext, file: string, read: EarlyRead, { members: component, smallest, routes }: { members: ReadonlySet<string>; smallest: string; routes: RouteFinder }): Finding {
  const { use, declared, timing, capture } = read;
  const base = use.member ? `${use.local}.${use.member}` : use.local;
  const name = use.how === "member" && use.property !== undefined ? (/^\d+$/.test(use.property) ? `${base}[${use.property}]` : `${base}.${use.property}`) : base;
  const here = ctx.rel(file);
  const there = ctx.rel(timing);
  const { certain, safe } = entriesOf(ctx, file, timing);
  const barrel = component.has(timing) ? null : (read.chain.find((m) => component.has(m)) ?? null);
  const why = barrel ? `${ctx.rel(barrel)} re-exports it, and first evaluates the import that leads back to ${here}` : "same runtime import cycle";
  const crash = crashText(read, file, there);
  const what = whatText(read, name);
  const message = certain.length > 0
    ? `${here} ${what}, but ${there} has not run yet when ${certain.join(", ")} starts (${why}): ${crash.certain}`
    : `${here} ${what}; ${there} has run by then only because of the current import order${safe.length > 0 ? ` from ${safe.join(", ")}` : ""} (${why}): importing ${there} before ${here} (a test, a script, a new entrypoint) ${crash.risk}`;
  const importLine = read.binding.line ?? ctx.graph.modules.get(file)?.sites.find((s) => s.specifier === read.binding.specifier)?.line ?? use.line;
  const back = routes(barrel ?? timing, file);
  const chain: ChainHop[] = [
    ...(capture?.later
      ? [
          { file: here, line: capture.line, note: `captures ${read.binding.local} while ${here} is evaluated, before ${there} has run` },
          { file: here, line: capture.later.line, note: `${HOW[capture.later.how](capture.later.member ? `${capture.later.local}.${capture.later.member}` : capture.later.local)} later, in ${capture.later.within ?? "a function"}` },
        ]
      : [{ file: here, line: use.line, note: `${HOW[use.how](name)} while ${here} is evaluated` }]),
    ...(capture?.later || importLine === use.line ? [] : [{ file: here, line: importLine, note: `imports ${read.binding.local} (declared in ${ctx.rel(declared.file)})` }]),
    ...shortened(back, ctx.rel),
  ];
  const cut = back.head[0];
  return {
    rule: "tdz-risk",
    severity: certain.length > 0 && !crash.harmlessWhenCertain ? "error" : "warning",
    file: here,
    line: use.line,
    column: use.column,
    code: read.quoted ?? ctx.lineText(file, use.line),
    message,
    chain,
    fix: fixText(ctx, here, read, base, barrel, cut),
    entrypoints: certain.length > 0 ? certain : safe,
    key: `tdz-risk:${here}:<module>:${base}`,
    docs: docsUrl("tdz-risk"),
    cycle: ctx.rel(smallest),
  };
}

function whatText(read: EarlyRead, name: string): string {
  const { use, capture } = read;
  if (capture?.later) return `captures ${use.local} from require() at module scope (line ${capture.line})`;
  if (capture && read.state === "tdz") return `destructures ${use.local} from require() at module scope`;
  if (use.how === "metadata") return `names ${name} in a decorated ${use.within ?? "member"}: with emitDecoratorMetadata tsc emits __metadata("${use.metadata}", ${name}), read when the class is defined`;
  return `${HOW[use.how](name)} at module scope${capture ? ` (captured from require() at line ${capture.line})` : ""}`;
}

/** The error in words: the runtime's message, where it is thrown, and the compiled build's variant. */
function crashText(read: EarlyRead, file: string, there: string): { certain: string; risk: string; harmlessWhenCertain: boolean } {
  const { use, capture, crash } = read;
  if (capture?.later) {
    const where = `the first call (line ${capture.later.line}, in ${capture.later.within ?? "a function"})`;
    const value = read.state === "empty-object" ? `${use.local} stays the empty exports object ${readableOwner(read)} replaces later` : `${use.local} stays undefined`;
    return { certain: `${value}, and ${where} throws ${crash}`, risk: `leaves ${use.local} ${read.state === "empty-object" ? "an empty object" : "undefined"}, and ${where} throws ${crash}`, harmlessWhenCertain: false };
  }
  if (use.how === "metadata") {
    if (read.emitFormat === "commonjs") {
      const text = `tsc's CommonJS build reads it as undefined, so "${use.metadata}" records undefined${use.metadata === "design:paramtypes" ? " and dependency injection cannot resolve that parameter" : ""} (tsx emits no metadata and does not show it)`;
      return { certain: text, risk: `is read as undefined by tsc's CommonJS build${use.metadata === "design:paramtypes" ? ": dependency injection cannot resolve that parameter" : ""}`, harmlessWhenCertain: true };
    }
    return { certain: `the tsc build crashes with ${crash} (tsx emits no metadata and does not show it)`, risk: `crashes the tsc build with ${crash}`, harmlessWhenCertain: false };
  }
  let text = crash;
  if (read.style !== "esm") text += ` (under CommonJS, require() of a module that is still running returns its exports object as filled so far, without ${use.member ?? read.declared.name})`;
  // tsx keeps TDZ semantics in CommonJS output; tsc's `exports.X = X` holds undefined instead.
  if (read.state === "tdz" && read.tscImportAfter !== undefined) {
    const kept = `tsc's CommonJS build keeps the import at ${there}:${read.tscImportAfter} where it is written, after the declaration, and runs`;
    return { certain: `under tsx (esbuild hoists imports) startup crashes with ${text}; ${kept}`, risk: `crashes under tsx with ${text}; ${kept}`, harmlessWhenCertain: true };
  }
  if (read.state === "tdz" && read.emitFormat === "commonjs" && isTypeScriptFile(file)) {
    const compiled = compiledCrashOf(use, read.binding);
    text += ` under tsx (the tsc CommonJS build: ${compiled ?? "undefined, no error at this line"})`;
  }
  return { certain: `startup crashes with ${text}`, risk: `crashes with ${text}`, harmlessWhenCertain: false };
}

function readableOwner(read: EarlyRead): string {
  return read.timing.split("/").pop() ?? read.timing;
}

function fixText(ctx: RuleContext, here: string, read: EarlyRead, name: string, barrel: string | null, cut: GraphEdge | undefined): string {
  const there = ctx.rel(read.timing);
  const breakIt = cut ? `break the cycle at ${ctx.rel(cut.from)}:${cut.line} (${ctx.rel(cut.from)} should not import ${ctx.rel(cut.to)})` : "break the cycle";
  const { use } = read;
  if (use.how === "metadata") {
    return use.metadata === "design:paramtypes"
      ? `inject it lazily (Nest: @Inject(forwardRef(() => ${name}))), or ${breakIt}`
      : `type it as Relation<${name}> (TypeORM) or import ${name} with \`import type\`, so tsc emits no read of it; or ${breakIt}`;
  }
  const property = read.binding.imported !== "*" ? read.binding.imported : (read.capture?.later?.member ?? use.member ?? "name");
  if (read.capture && read.style === "commonjs-replace") return `fill ${there}'s exports property by property (exports.${property} = ...) instead of replacing module.exports, or ${breakIt}`;
  if (read.capture && read.binding.imported !== "*") return `keep the module object and read the property when it is used (const m = require("${read.binding.specifier}"); m.${read.binding.imported}()), or ${breakIt}`;
  if (barrel) return `import ${read.declared.name} from ${ctx.rel(read.declared.file)} directly instead of through ${ctx.rel(barrel)}, or re-export ${there} first in ${ctx.rel(barrel)}; or ${breakIt}`;
  return `${breakIt}, move ${read.declared.name} to a module that does not import ${here}, or defer the use into a function that runs after startup`;
}

/** Entrypoints from which `timing`'s body certainly runs after `file`'s, and those where it runs first. */
function entriesOf(ctx: RuleContext, file: string, timing: string): { certain: string[]; safe: string[] } {
  const certain: string[] = [];
  const safe: string[] = [];
  for (const entry of ctx.entrypoints) {
    if (!ctx.graph.modules.has(entry)) continue;
    const order = evaluationOrder(ctx.graph, entry);
    const mine = order.bodyAt.get(file);
    const theirs = order.bodyAt.get(timing);
    if (mine === undefined || theirs === undefined) continue;
    (theirs > mine ? certain : safe).push(ctx.rel(entry));
  }
  return { certain, safe };
}

const KEEP = 3;

/** A long loop keeps its first and last hops; the whole loop is listed once, under `cycles`. */
function shortened(route: Route, rel: (file: string) => string): ChainHop[] {
  const hop = (e: GraphEdge): ChainHop => ({ file: rel(e.from), line: e.line, note: `imports ${rel(e.to)}` });
  if (route.tail.length === 0) return route.head.map(hop);
  const head = route.head.map(hop);
  head[KEEP - 1] = { ...head[KEEP - 1], note: `${head[KEEP - 1].note}, then ${route.length - 2 * KEEP} more imports (the whole loop is listed once, under "cycles")` };
  return [...head, ...route.tail.map(hop)];
}
