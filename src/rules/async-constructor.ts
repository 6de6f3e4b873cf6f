import { bodyStarts, classChain, type AsyncStart } from "../graph/facts/async-work.js";
import { moduleScopeInstantiations, type Instantiation } from "../graph/facts/instantiations.js";
import type { ClassFact } from "../graph/facts/shapes.js";
import { declarationsOf } from "../graph/facts/symbols.js";
import type { ChainHop } from "../report/types.js";
import { chainFromEntrypoints } from "./startup-path.js";
import { docsUrl, type Finding, type Rule, type RuleContext } from "./types.js";

interface Constructed {
  inst: Instantiation;
  entrypoints: string[];
}

export const asyncConstructor = {
  id: "async-constructor",
  defaultSeverity: "warning",
  description: "A constructor starts async work it neither awaits nor hands back.",
  check(ctx: RuleContext): Finding[] {
    const atStartup = constructedAtStartup(ctx);
    const findings: Finding[] = [];
    for (const file of ctx.graph.files) {
      for (const cls of declarationsOf(ctx.graph, file)?.classes ?? []) {
        const ref = { file, cls };
        const seenLines = new Set<number>();
        for (const start of bodyStarts(ctx.graph, file, cls.construction, ref)) {
          if (seenLines.has(start.at.line)) continue;
          seenLines.add(start.at.line);
          findings.push(toFinding(ctx, file, cls, start, atStartup.get(cls)));
        }
      }
    }
    return findings;
  },
} as const satisfies Rule;

/** Classes (and their base classes) constructed by module-scope code on an entrypoint's eager path. */
function constructedAtStartup(ctx: RuleContext): Map<ClassFact, Constructed> {
  const out = new Map<ClassFact, Constructed>();
  for (const file of ctx.graph.files) {
    const entrypoints = ctx.reach.filter((r) => r.via.has(file)).map((r) => ctx.rel(r.entry));
    if (entrypoints.length === 0) continue;
    for (const inst of moduleScopeInstantiations(ctx.graph, file)) {
      for (const c of classChain(ctx.graph, inst.cls)) {
        const known = out.get(c.cls);
        if (known) known.entrypoints = [...new Set([...known.entrypoints, ...entrypoints])];
        else out.set(c.cls, { inst, entrypoints });
      }
    }
  }
  return out;
}

function toFinding(ctx: RuleContext, file: string, cls: ClassFact, start: AsyncStart, constructed: Constructed | undefined): Finding {
  const chain: ChainHop[] = [];
  let when = "";
  if (constructed) {
    const { inst } = constructed;
    const name = inst.cls.cls.name;
    chain.push({ file: ctx.rel(inst.file), line: inst.call.line, note: `new ${name}() runs at import time` });
    if (inst.cls.cls !== cls) chain.push({ file: ctx.rel(inst.cls.file), line: inst.cls.cls.constructorLine ?? inst.cls.cls.line, note: `constructor of ${name} runs the constructor of ${cls.name} (super())` });
    when = `; ${name} is constructed at import time (${ctx.rel(inst.file)}:${inst.call.line}) on the startup path, so this work starts while the server boots and nobody can wait for it or see it fail`;
  }
  chain.push({ file: ctx.rel(file), line: cls.constructorLine ?? cls.line, note: `constructor of ${cls.name}` });
  chain.push({ file: ctx.rel(file), line: start.at.line, note: start.detail });
  for (const hop of start.via) chain.push({ file: ctx.rel(hop.file), line: hop.line, note: hop.note });
  return {
    rule: "async-constructor",
    severity: constructed ? "error" : "warning",
    file: ctx.rel(file),
    line: start.at.line,
    column: start.at.column,
    code: start.at.code,
    message: `the constructor of ${cls.name} starts async work it neither awaits nor hands back: ${start.detail}${when}`,
    chain,
    fix: fixFor(start),
    entrypoints: constructed ? constructed.entrypoints : chainFromEntrypoints(ctx, file).entrypoints,
    key: `async-constructor:${ctx.rel(file)}:${cls.name}.constructor:${start.label}`,
    docs: docsUrl("async-constructor"),
  };
}

function fixFor(start: AsyncStart): string {
  if (start.kind === "timer") return "start the timer from a start() method that the owner calls once startup is done (clear it in stop(), .unref() it if it must not keep the process alive)";
  const keep = start.kind === "async-call" ? `keep the promise (this.ready = ${start.label}) and await it before use` : "keep the promise on the instance (this.ready = ...) and await it before use";
  return `move the async work out of the constructor into an async start() (or a static async create() factory) that callers await, or ${keep}`;
}
