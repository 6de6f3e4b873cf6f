import { bodyStarts, classChain, type AsyncStart, type AsyncWorkEnv } from "../graph/facts/async-work.js";
import { moduleScopeInstantiations, type Instantiation } from "../graph/facts/instantiations.js";
import type { ClassFact } from "../graph/facts/shapes.js";
import { declarationsOf } from "../graph/facts/symbols.js";
import type { ChainHop } from "../report/types.js";
import { groupByRoot, libraryField } from "./async-findings.js";
import { entrypointsReaching } from "./startup-path.js";
import { docsUrl, type Finding, type Rule, type RuleContext } from "./types.js";

/** A module-scope `new X()` on an entrypoint's eager path, and the entrypoints that load it. */
interface Constructed {
  inst: Instantiation;
  entrypoints: string[];
}

interface Site {
  file: string;
  cls: ClassFact;
  start: AsyncStart;
}

export const asyncConstructor = {
  id: "async-constructor",
  defaultSeverity: "warning",
  description: "A constructor starts async work (a library connection, a timer, a floating async call) it neither awaits nor hands back.",
  check(ctx: RuleContext): Finding[] {
    const env: AsyncWorkEnv = { graph: ctx.graph, knowledge: ctx.knowledge };
    const atStartup = constructedAtStartup(ctx);
    const sites: Site[] = [];
    for (const file of ctx.graph.files) {
      for (const cls of declarationsOf(ctx.graph, file)?.classes ?? []) {
        const ref = { file, cls };
        const seenLines = new Set<number>();
        for (const start of bodyStarts(env, file, cls.construction, ref)) {
          if (seenLines.has(start.at.line)) continue;
          seenLines.add(start.at.line);
          sites.push({ file, cls, start });
        }
      }
    }
    // One finding per root cause: classes that reach one helper's timer are one finding.
    return groupByRoot(sites, (s) => s.start).map((group) => toFinding(ctx, group, atStartup));
  },
} as const satisfies Rule;

/** Classes (and their base classes) constructed by module-scope code on an entrypoint's eager path: every such `new`. */
function constructedAtStartup(ctx: RuleContext): Map<ClassFact, Constructed[]> {
  const out = new Map<ClassFact, Constructed[]>();
  for (const file of ctx.graph.files) {
    const entrypoints = entrypointsReaching(ctx, file);
    if (entrypoints.length === 0) continue;
    for (const inst of moduleScopeInstantiations(ctx.graph, file)) {
      for (const c of classChain(ctx.graph, inst.cls)) {
        const list = out.get(c.cls);
        if (list) list.push({ inst, entrypoints });
        else out.set(c.cls, [{ inst, entrypoints }]);
      }
    }
  }
  return out;
}

function chainsOf(ctx: RuleContext, site: Site, constructed: Constructed[]): ChainHop[][] {
  const { file, cls, start } = site;
  const tail: ChainHop[] = [
    { file: ctx.rel(file), line: cls.constructorLine ?? cls.line, note: `constructor of ${cls.name}` },
    { file: ctx.rel(file), line: start.at.line, note: start.detail },
    ...start.via.map((hop) => ({ file: ctx.rel(hop.file), line: hop.line, note: hop.note })),
  ];
  if (constructed.length === 0) return [tail];
  return constructed.map(({ inst }) => {
    const name = inst.cls.cls.name;
    const head: ChainHop[] = [{ file: ctx.rel(inst.file), line: inst.call.line, note: `new ${name}() runs at import time` }];
    if (inst.cls.cls !== cls) head.push({ file: ctx.rel(inst.cls.file), line: inst.cls.cls.constructorLine ?? inst.cls.cls.line, note: `constructor of ${name} runs the constructor of ${cls.name} (super())` });
    return [...head, ...tail];
  });
}

function toFinding(ctx: RuleContext, group: Site[], atStartup: Map<ClassFact, Constructed[]>): Finding {
  const [first] = group;
  const { file, cls, start } = first;
  const constructedBy = group.map((s) => atStartup.get(s.cls) ?? []);
  const all = constructedBy.flat();
  const chains = group.flatMap((s, i) => chainsOf(ctx, s, constructedBy[i]));
  let when = "";
  if (all.length > 0) {
    const { inst } = all[0];
    const more = all.length > 1 ? ` and ${all.length - 1} more place${all.length > 2 ? "s" : ""}` : "";
    when = `; ${inst.cls.cls.name} is constructed at import time (${ctx.rel(inst.file)}:${inst.call.line}${more}) on the startup path, so this work starts while the server boots and nobody can wait for it or see it fail`;
  }
  const others = group.slice(1).map((s) => s.cls.name);
  const also = others.length > 0 ? ` (the constructors of ${others.join(", ")} reach the same place: one cause, ${group.length} classes)` : "";
  const uncertain = start.library?.uncertain ? `; ${start.library.uncertain}` : "";
  const entrypoints = all.length > 0 ? [...new Set(all.flatMap((c) => c.entrypoints))] : entrypointsReaching(ctx, file);
  return {
    rule: "async-constructor",
    severity: all.length > 0 ? "error" : "warning",
    file: ctx.rel(file),
    line: start.at.line,
    column: start.at.column,
    code: ctx.lineText(file, start.at.line),
    message: `the constructor of ${cls.name} starts async work it neither awaits nor hands back: ${start.detail}${also}${when}${uncertain}`,
    chain: chains[0],
    ...(chains.length > 1 ? { chains } : {}),
    fix: fixFor(start),
    entrypoints,
    key: `async-constructor:${ctx.rel(file)}:${cls.name}.constructor:${start.label}`,
    docs: docsUrl("async-constructor"),
    ...libraryField(start),
  };
}

function fixFor(start: AsyncStart): string {
  if (start.kind === "library" && start.library) return `${start.library.lazy}; or move it out of the constructor into an async start() (or a static async create() factory) that callers await`;
  if (start.library?.starts === "timer") return "start the timer from a start() method that the owner calls once startup is done (clear it in stop(), .unref() it if it must not keep the process alive)";
  const keep = start.kind === "async-call" ? `keep the promise (this.ready = ${start.label}) and await it before use` : "keep the promise on the instance (this.ready = ...) and await it before use";
  const library = start.library ? ` (${start.library.api} from ${start.library.package}: ${start.library.lazy})` : "";
  return `move the async work out of the constructor into an async start() (or a static async create() factory) that callers await, or ${keep}${library}`;
}
