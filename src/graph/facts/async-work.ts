// Shared judgement input for async-constructor and import-time-async: which async work a body
// starts without awaiting it, directly or through the project functions, methods and
// constructors it calls (a small, bounded depth), with the hops that lead there.
import type { ModuleGraph } from "../types.js";
import { classOf, declarationsOf, functionOf, resolveCallee, resolveLocal } from "./symbols.js";
import type { BodyFacts, CallFact, ClassFact, MethodFact, StartKind, Where } from "./shapes.js";

export interface Hop {
  file: string;
  line: number;
  note: string;
}

export interface AsyncStart {
  /** The file of the analysed body, and the call or statement there that starts the work. */
  file: string;
  at: Where;
  kind: StartKind | "async-call";
  /** e.g. "this.initializeRedis() is async and nothing awaits it". */
  detail: string;
  /** Text of the call at `at` ("this.initializeRedis()"), for keys and messages. */
  label: string;
  /** Where the work is actually started, when that is inside a called function. */
  via: Hop[];
}

export interface ClassRef {
  file: string;
  cls: ClassFact;
}

export const FOLLOW_DEPTH = 3;

type Target = { file: string; body: BodyFacts; async: boolean; name: string; line: number; owner?: ClassRef } | { file: string; cls: ClassFact; line: number; name: string };

export function baseClassOf(graph: ModuleGraph, ref: ClassRef): ClassRef | null {
  const base = ref.cls.base;
  if (!base) return null;
  const declared = resolveCallee(graph, ref.file, base.member ?? base.name, base.member ? base.name : undefined);
  const cls = classOf(graph, declared);
  return cls && declared ? { file: declared.file, cls } : null;
}

export function findMethod(graph: ModuleGraph, ref: ClassRef, name: string): { owner: ClassRef; method: MethodFact } | null {
  const seen = new Set<ClassFact>();
  for (let c: ClassRef | null = ref; c && !seen.has(c.cls); c = baseClassOf(graph, c)) {
    seen.add(c.cls);
    const method = c.cls.methods.find((m) => m.name === name && !m.isStatic);
    if (method) return { owner: c, method };
  }
  return null;
}

/** The classes whose construction `new X()` runs, from X up to its topmost project base class. */
export function classChain(graph: ModuleGraph, ref: ClassRef): ClassRef[] {
  const chain: ClassRef[] = [];
  const seen = new Set<ClassFact>();
  for (let c: ClassRef | null = ref; c && !seen.has(c.cls); c = baseClassOf(graph, c)) {
    seen.add(c.cls);
    chain.push(c);
  }
  return chain;
}

export function labelOf(call: CallFact): string {
  const c = call.callee;
  const name = c.kind === "name" ? c.name : c.kind === "member" ? `${c.object}.${c.name}` : `${c.kind}.${c.name}`;
  return `${call.isNew ? "new " : ""}${name}()`;
}

/** Async work a body starts and lets float. `owner` is the class for `this.x()` calls. */
export function bodyStarts(graph: ModuleGraph, file: string, body: BodyFacts, owner: ClassRef | null, depth = FOLLOW_DEPTH, seen = new Set<string>()): AsyncStart[] {
  const found: AsyncStart[] = body.starts.map((s) => ({ file, at: { line: s.line, column: s.column, code: s.code }, kind: s.kind, detail: `${s.detail} ${startVerb(s.kind)}`, label: s.detail, via: [] }));
  for (const call of body.calls) {
    if (call.use === "void" || call.use === "then") continue; // already a direct start
    if (found.some((f) => f.at.line === call.line && f.at.column === call.column)) continue;
    const target = resolveTarget(graph, file, call, owner);
    if (!target) continue;
    const key = `${target.file}\0${target.name}\0${target.line}`;
    if (seen.has(key)) continue;
    const at = { line: call.line, column: call.column, code: call.code };
    const label = labelOf(call);
    if ("body" in target && target.async) {
      if (call.use !== "floating" || call.isNew) continue;
      const inner = depth > 0 ? bodyStarts(graph, target.file, target.body, target.owner ?? null, depth - 1, new Set([...seen, key]))[0] : undefined;
      const via = [{ file: target.file, line: target.line, note: `async ${target.name}()` }, ...(inner ? [{ file: inner.file, line: inner.at.line, note: inner.detail }, ...inner.via] : [])];
      found.push({ file, at, kind: "async-call", detail: `${label} is async and nothing awaits it`, label, via });
      continue;
    }
    if (depth === 0) continue;
    const nextSeen = new Set([...seen, key]);
    const inner = "cls" in target ? constructionStarts(graph, { file: target.file, cls: target.cls }, depth - 1, nextSeen)[0] : bodyStarts(graph, target.file, target.body, target.owner ?? null, depth - 1, nextSeen)[0];
    if (!inner) continue;
    const enter: Hop[] = [{ file: target.file, line: target.line, note: "cls" in target ? `constructor of ${target.name}` : `${target.name}()` }];
    const base = "cls" in inner ? (inner as AsyncStart & { cls: ClassFact }).cls : null;
    if (base && "cls" in target && base !== target.cls) enter.push({ file: inner.file, line: base.constructorLine ?? base.line, note: `constructor of base class ${base.name} (super())` });
    found.push({ file, at, kind: inner.kind, detail: `${label} -> ${inner.detail}`, label, via: [...enter, { file: inner.file, line: inner.at.line, note: inner.detail }, ...inner.via] });
  }
  return found.sort((a, b) => a.at.line - b.at.line || a.at.column - b.at.column);
}

/** What `new X()` starts: field initialisers and constructors of X and its base classes. */
export function constructionStarts(graph: ModuleGraph, ref: ClassRef, depth = FOLLOW_DEPTH, seen = new Set<string>()): Array<AsyncStart & { cls: ClassFact }> {
  const out: Array<AsyncStart & { cls: ClassFact }> = [];
  // Base constructors run first (super()).
  for (const c of classChain(graph, ref).reverse()) {
    for (const s of bodyStarts(graph, c.file, c.cls.construction, c, depth, seen)) out.push({ ...s, cls: c.cls });
  }
  return out;
}

function resolveTarget(graph: ModuleGraph, file: string, call: CallFact, owner: ClassRef | null): Target | null {
  const c = call.callee;
  if (c.kind === "this" || c.kind === "super") {
    if (!owner || call.isNew) return null;
    const from = c.kind === "super" ? baseClassOf(graph, owner) : owner;
    const found = from ? findMethod(graph, from, c.name) : null;
    if (!found) return null;
    return { file: found.owner.file, body: found.method.body, async: found.method.async, name: `${found.owner.cls.name}.${found.method.name}`, line: found.method.line, owner: found.owner };
  }
  const declared = c.kind === "name" ? resolveLocal(graph, file, c.name) : resolveCallee(graph, file, c.name, c.object);
  if (!declared) return null;
  if (call.isNew) {
    const cls = classOf(graph, declared);
    return cls ? { file: declared.file, cls, line: cls.constructorLine ?? cls.line, name: cls.name } : null;
  }
  const fn = functionOf(graph, declared);
  return fn ? { file: declared.file, body: fn.body, async: fn.async, name: fn.name, line: fn.line } : null;
}

function startVerb(kind: StartKind): string {
  const verbs: Record<StartKind, string> = {
    timer: "starts a timer",
    "new-promise": "starts a promise nobody awaits",
    "then-chain": "starts a promise chain nobody awaits",
    void: "throws its promise away",
    connect: "opens a connection nobody awaits",
    listen: "starts listening as a side effect",
    fetch: "starts a request nobody awaits",
    "async-iife": "starts an async function nobody awaits",
  };
  return verbs[kind];
}

export function declaredClass(graph: ModuleGraph, file: string, name: string): ClassRef | null {
  const cls = declarationsOf(graph, file)?.classes.find((c) => c.name === name);
  return cls ? { file, cls } : null;
}
