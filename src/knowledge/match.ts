// Matches the library calls a body makes (graph facts, syntax only) against the knowledge table,
// once resolution has told which package each root name comes from.
import { builtinModules } from "node:module";
import { declarationsOf, moduleScopeOf, resolveLocal } from "../graph/facts/symbols.js";
import type { ArgFact, ChainStepFact, LibraryCallFact, LibraryValue } from "../graph/facts/shapes.js";
import type { ModuleGraph } from "../graph/types.js";
import { canonicalPath, displayApi, parseApi, type ParsedApi } from "./api.js";
import { builtinKnowledge } from "./index.js";
import type { Condition, KnowledgeEntry, StartsKind, UserKnowledgeEntry } from "./types.js";

interface Compiled {
  entry: KnowledgeEntry;
  shapes: ParsedApi[];
}

export interface KnowledgeIndex {
  byPackage: ReadonlyMap<string, readonly Compiled[]>;
  byGlobal: ReadonlyMap<string, readonly Compiled[]>;
}

/** What a matched call starts, ready for a finding. */
export interface LibraryStart {
  package: string;
  /** The entry's api as the user reads it ("new Redis()", "mongoose.connect()"). */
  api: string;
  starts: StartsKind;
  /** "new Redis() from ioredis connects when constructed and reconnects forever by default". */
  detail: string;
  /** The same, as a clause: "new Redis() from ioredis, which connects when constructed ...". */
  which: string;
  lazy: string;
  evidence: string;
  /** Set when a condition that would make the call lazy cannot be read here (options in a variable). */
  uncertain?: string;
}

const BUILTINS = new Set(builtinModules);
const DEFAULTS: Record<StartsKind, string> = {
  connection: "opens a connection",
  timer: "starts a timer",
  server: "starts a server",
  worker: "starts a worker",
  request: "starts a request",
  process: "starts a process",
  watcher: "starts a watcher",
};

/** Built-in entries plus the user's (configuration `knowledge`), indexed by package and global name. */
export function compileKnowledge(user: readonly UserKnowledgeEntry[] = []): KnowledgeIndex {
  const byPackage = new Map<string, Compiled[]>();
  const byGlobal = new Map<string, Compiled[]>();
  const all: KnowledgeEntry[] = [
    ...builtinKnowledge,
    ...user.map((u): KnowledgeEntry => ({
      versions: "*",
      effect: u.result === "promise" ? `${DEFAULTS[u.starts]} nobody awaits` : `${DEFAULTS[u.starts]} when called`,
      lazy: "move the call into a function your bootstrap awaits",
      evidence: "configuration (knowledge)",
      ...u,
    })),
  ];
  for (const entry of all) {
    const shapes = [entry.api, ...(entry.alsoAs ?? [])].map(parseApi).filter((s): s is ParsedApi => s !== null);
    if (shapes.length === 0) continue;
    const compiled = { entry, shapes };
    const pkg = packageName(entry.package);
    byPackage.set(pkg, [...(byPackage.get(pkg) ?? []), compiled]);
    if (entry.global) byGlobal.set(entry.global, [...(byGlobal.get(entry.global) ?? []), compiled]);
  }
  return { byPackage, byGlobal };
}

/** The package an import specifier names: `@scope/name`, `name`, or `node:<builtin>`. */
export function packageName(specifier: string): string {
  const bare = specifier.startsWith("node:") ? specifier.slice(5) : specifier;
  if (specifier.startsWith("node:") || BUILTINS.has(bare)) return `node:${bare}`;
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

/** The known library work this call starts, or null (unknown, lazy, or handed back). */
export function matchLibraryCall(graph: ModuleGraph, file: string, call: LibraryCallFact, index: KnowledgeIndex): LibraryStart | null {
  const origin = originOf(graph, file, call.root, call.steps);
  if (!origin) return null;
  const candidates = origin.kind === "global" ? index.byGlobal.get(origin.name) : index.byPackage.get(origin.package);
  if (!candidates) return null;
  for (const { entry, shapes } of candidates) {
    const firstCall = shapes.map((shape) => matchShape(shape, origin, entry)).find((m) => m !== null);
    if (!firstCall) continue;
    if (entry.result === "promise" && !["floating", "void", "then"].includes(call.use)) return null;
    const args = firstCall.args;
    const facts = { args, calledAfter: call.calledAfter };
    if (entry.onlyWhen && !entry.onlyWhen.some((c) => holds(c, facts) === true)) return null;
    const lazy = (entry.lazyWhen ?? []).map((c) => holds(c, facts));
    if (lazy.includes(true)) return null;
    const api = displayApi(entry.api, entry.package);
    const named = origin.kind === "global" ? api : `${api} from ${entry.package}`;
    const unknown = (entry.lazyWhen ?? []).filter((_, i) => lazy[i] === "unknown");
    return {
      package: entry.package,
      api,
      starts: entry.starts,
      detail: `${named} ${entry.effect}`,
      which: `${named}, which ${entry.effect}`,
      lazy: entry.lazy,
      evidence: entry.evidence,
      ...(unknown.length > 0 ? { uncertain: `the options are not all visible here: it is lazy only if ${unknown.map(describe).join(" or ")}` } : {}),
    };
  }
  return null;
}

type Origin = { kind: "package"; package: string; path: string[]; steps: ChainStepFact[] } | { kind: "global"; name: string; path: string[]; steps: ChainStepFact[] };

/** Resolves the root name: an import of a package, a project module's exported library value, or a global. */
function originOf(graph: ModuleGraph, file: string, root: string, steps: ChainStepFact[], depth = 0): Origin | null {
  if (root.startsWith("require:")) {
    const spec = root.slice("require:".length);
    return isExternal(graph, file, spec) ? { kind: "package", package: packageName(spec), path: [], steps } : null;
  }
  if (root.startsWith("this.")) return null;
  const decls = declarationsOf(graph, file);
  if (!decls) return null;
  const binding = decls.imports.find((b) => b.local === root);
  if (binding) {
    if (isExternal(graph, file, binding.specifier)) return { kind: "package", package: packageName(binding.specifier), path: binding.imported === "*" ? [] : [binding.imported], steps };
    // A project module that exports a library value: `export const redis = createClient()`.
    if (depth > 3) return null;
    const declared = resolveLocal(graph, file, root);
    if (!declared || declared.kind === "namespace") return null;
    const value: LibraryValue | undefined = moduleScopeOf(graph, declared.file)?.libraryValues?.get(declared.name);
    return value ? originOf(graph, declared.file, value.root, [...value.steps, ...steps], depth + 1) : null;
  }
  if (decls.locals.has(root)) return null;
  return { kind: "global", name: root, path: [root], steps };
}

function isExternal(graph: ModuleGraph, file: string, specifier: string): boolean {
  const site = graph.modules.get(file)?.sites.find((s) => s.specifier === specifier);
  return site !== undefined && site.external;
}

/** The fact's first call step when the chain is exactly the shape, else null. */
function matchShape(shape: ParsedApi, origin: Origin, entry: KnowledgeEntry): { args: ArgFact[] } | null {
  const path = [...origin.path];
  let i = 0;
  while (i < origin.steps.length && origin.steps[i].kind === "get") path.push((origin.steps[i++] as { name: string }).name);
  const canonical = origin.kind === "global" ? path : canonicalPath(path);
  const want = origin.kind === "global" ? [entry.global!] : shape.path;
  if (canonical.length !== want.length || canonical.some((p, k) => p !== want[k])) return null;
  const rest = origin.steps.slice(i);
  if (rest.length !== shape.steps.length) return null;
  for (let k = 0; k < rest.length; k++) {
    const a = rest[k];
    const b = shape.steps[k];
    if (a.kind !== b.kind) return null;
    if (a.kind === "get" && b.kind === "get" && a.name !== b.name) return null;
    if (a.kind === "call" && b.kind === "call" && a.isNew !== b.isNew) return null;
  }
  const first = rest[0];
  return first?.kind === "call" ? { args: first.args } : null;
}

/** true, false, or "unknown" when the syntax cannot tell (options passed in a variable). */
function holds(c: Condition, facts: { args: ArgFact[]; calledAfter: string[] }): boolean | "unknown" {
  if ("calledAfter" in c) return facts.calledAfter.includes(c.calledAfter);
  if ("option" in c) {
    let opaque = false;
    for (const arg of facts.args) {
      const prop = arg.props?.[c.option];
      if (prop) return c.equals === undefined ? true : prop.value === undefined ? "unknown" : prop.value === c.equals;
      if (arg.opaque) opaque = true;
    }
    return opaque ? "unknown" : false;
  }
  const arg = facts.args[c.argument];
  if (c.is === "absent") return arg === undefined;
  if (!arg) return false;
  if (arg.kind === "other") return "unknown";
  if (c.is && arg.kind !== c.is) return false;
  if (c.equals !== undefined) return arg.value === c.equals;
  return true;
}

function describe(c: Condition): string {
  if ("calledAfter" in c) return `.${c.calledAfter}() is called on it`;
  if ("option" in c) return c.equals === undefined ? `they set ${c.option}` : `they set ${c.option}: ${JSON.stringify(c.equals)}`;
  return `argument ${c.argument + 1} is ${c.is ?? JSON.stringify(c.equals)}`;
}
