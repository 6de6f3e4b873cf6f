// Shared judgement input for async-constructor and import-time-async: which async work a body
// starts without awaiting it, directly or through the project functions, methods and
// constructors it calls (a small, bounded depth), with the hops that lead there.
import { matchLibraryCall, type KnowledgeIndex, type LibraryStart } from "../../knowledge/match.js";
import type { ModuleGraph } from "../types.js";
import { classOf, declarationsOf, functionOf, resolveCallee, resolveLocal } from "./symbols.js";
import type { BodyFacts, CallFact, ClassFact, MethodFact, StartKind, Where } from "./shapes.js";

/** What the async-work judgement reads: the graph, and the library knowledge in force. */
export interface AsyncWorkEnv {
  graph: ModuleGraph;
  knowledge: KnowledgeIndex;
}

export interface Hop {
  file: string;
  line: number;
  note: string;
}

export interface AsyncStart {
  /** The file of the analysed body, and the call or statement there that starts the work. */
  file: string;
  at: Where;
  kind: StartKind | "async-call" | "library";
  /** e.g. "this.initializeRedis() is async and nothing awaits it". */
  detail: string;
  /** Text of the call at `at` ("this.initializeRedis()"), for keys and messages. */
  label: string;
  /** Where the work is actually started, when that is inside a called function. */
  via: Hop[];
  /** The known library call that starts the work (here or down the `via` hops). */
  library?: LibraryStart;
  /** The place the work really starts (the deepest hop): one root cause, however it is reached. */
  root: { file: string; line: number; column: number };
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
export function bodyStarts(env: AsyncWorkEnv, file: string, body: BodyFacts, owner: ClassRef | null, depth = FOLLOW_DEPTH, seen = new Set<string>()): AsyncStart[] {
  const { graph } = env;
  const found: AsyncStart[] = [];
  for (const call of body.libraryCalls ?? []) {
    const library = matchLibraryCall(graph, file, call, env.knowledge);
    if (!library) continue;
    const at = { line: call.line, column: call.column };
    found.push({ file, at, kind: "library", detail: library.detail, label: library.api, via: [], library, root: { file, line: at.line, column: at.column } });
  }
  for (const s of body.starts) {
    // A known library call (`client.connect()` of redis) says more than its shape.
    if (found.some((f) => f.at.line === s.line && f.at.column === s.column)) continue;
    found.push({ file, at: { line: s.line, column: s.column }, kind: s.kind, detail: `${s.detail} ${startVerb(s.kind)}`, label: s.detail, via: [], root: { file, line: s.line, column: s.column } });
  }
  for (const call of body.calls) {
    if (call.use === "void" || call.use === "then") continue; // already a direct start
    if (found.some((f) => f.at.line === call.line && f.at.column === call.column)) continue;
    const target = resolveTarget(graph, file, call, owner);
    if (!target) continue;
    const key = `${target.file}\0${target.name}\0${target.line}`;
    if (seen.has(key)) continue;
    const at = { line: call.line, column: call.column };
    const label = labelOf(call);
    if ("body" in target && target.async) {
      if (call.use !== "floating" || call.isNew) continue;
      const inner = depth > 0 ? bodyStarts(env, target.file, target.body, target.owner ?? null, depth - 1, new Set([...seen, key]))[0] : undefined;
      const via = [{ file: target.file, line: target.line, note: `async ${target.name}()` }, ...(inner ? [{ file: inner.file, line: inner.at.line, note: inner.detail }, ...inner.via] : [])];
      // The floating call is the root cause: awaiting it fixes whatever it starts.
      const runs = inner?.library ? `; it runs ${inner.library.which}` : "";
      found.push({ file, at, kind: "async-call", detail: `${label} is async and nothing awaits it${runs}`, label, via, ...(inner?.library ? { library: inner.library } : {}), root: { file, line: at.line, column: at.column } });
      continue;
    }
    if (depth === 0) continue;
    const nextSeen = new Set([...seen, key]);
    const inner = "cls" in target ? constructionStarts(env, { file: target.file, cls: target.cls }, depth - 1, nextSeen)[0] : bodyStarts(env, target.file, target.body, target.owner ?? null, depth - 1, nextSeen)[0];
    if (!inner) continue;
    const enter: Hop[] = [{ file: target.file, line: target.line, note: "cls" in target ? `constructor of ${target.name}` : `${target.name}()` }];
    const base = "cls" in inner ? (inner as AsyncStart & { cls: ClassFact }).cls : null;
    if (base && "cls" in target && base !== target.cls) enter.push({ file: inner.file, line: base.constructorLine ?? base.line, note: `constructor of base class ${base.name} (super())` });
    found.push({
      file,
      at,
      kind: inner.kind,
      detail: `${label} -> ${inner.detail}`,
      label,
      via: [...enter, { file: inner.file, line: inner.at.line, note: inner.detail }, ...inner.via],
      ...(inner.library ? { library: inner.library } : {}),
      root: inner.root,
    });
  }
  return found.sort((a, b) => a.at.line - b.at.line || a.at.column - b.at.column);
}

/** What `new X()` starts: field initialisers and constructors of X and its base classes. */
export function constructionStarts(env: AsyncWorkEnv, ref: ClassRef, depth = FOLLOW_DEPTH, seen = new Set<string>()): Array<AsyncStart & { cls: ClassFact }> {
  const out: Array<AsyncStart & { cls: ClassFact }> = [];
  // Base constructors run first (super()).
  for (const c of classChain(env.graph, ref).reverse()) {
    for (const s of bodyStarts(env, c.file, c.cls.construction, c, depth, seen)) out.push({ ...s, cls: c.cls });
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
    "new-promise": "starts a promise nobody awaits",
    "then-chain": "starts a promise chain nobody awaits",
    void: "throws its promise away",
    connect: "opens a connection nobody awaits",
    listen: "starts listening as a side effect",
    "async-iife": "starts an async function nobody awaits",
  };
  return verbs[kind];
}

export function declaredClass(graph: ModuleGraph, file: string, name: string): ClassRef | null {
  const cls = declarationsOf(graph, file)?.classes.find((c) => c.name === name);
  return cls ? { file, cls } : null;
}
