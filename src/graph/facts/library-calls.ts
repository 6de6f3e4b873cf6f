// Reads, from syntax alone, the calls that library knowledge may recognise once imports are
// resolved: `new Redis(opts)`, `createClient().connect()`, `mongoose.connect(url)`,
// `setInterval(fn).unref()`. A value kept in a variable or field is followed to its later method
// calls (`const t = setInterval(...); t.unref()`, `const c = createClient(); c.connect()`).
import { typescript, type TS } from "../typescript.js";
import { flowNodesOf } from "../tree-index.js";
import { collectBindings } from "./bindings.js";
import type { ArgFact, CallUse, ChainStepFact, LibraryCallFact, LibraryValue, Where } from "./shapes.js";

/** Names that reach a library API without an import (Node's globals). */
export const GLOBAL_ROOTS: ReadonlySet<string> = new Set(["setTimeout", "setInterval", "fetch"]);
const GLOBAL_OBJECTS = new Set(["globalThis", "global", "window"]);
/** Methods whose call on a kept value changes what the value does (`t.unref()`). */
const LATER_METHODS = new Set(["unref"]);
const MAX_SUBSTITUTIONS = 4;

interface FileFlow {
  /** Roots worth recording: import bindings and required names of this file. */
  imported: Set<string>;
  /** Variable or `this.field` -> the library value assigned to it (first assignment wins). */
  values: Map<string, LibraryValue>;
  /** Variable or `this.field` -> LATER_METHODS called on it anywhere in the file. */
  calledOn: Map<string, Set<string>>;
}

const memo = new WeakMap<TS.SourceFile, FileFlow>();

function flowOf(sf: TS.SourceFile): FileFlow {
  let flow = memo.get(sf);
  if (!flow) memo.set(sf, (flow = computeFlow(sf)));
  return flow;
}

function computeFlow(sf: TS.SourceFile): FileFlow {
  const ts = typescript();
  const imported = new Set(collectBindings(sf).imports.map((b) => b.local));
  const flow: FileFlow = { imported, values: new Map(), calledOn: new Map() };
  const pending: Array<{ name: string; init: TS.Expression }> = [];
  for (const node of flowNodesOf(ts, sf)) {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) pending.push({ name: node.name.text, init: node.initializer });
    else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const name = keptName(ts, node.left);
      if (name) pending.push({ name, init: node.right });
    } else if (ts.isPropertyDeclaration(node) && node.initializer && ts.isIdentifier(node.name)) {
      pending.push({ name: `this.${node.name.text}`, init: node.initializer });
    } else if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && LATER_METHODS.has(node.expression.name.text)) {
      const name = keptName(ts, node.expression.expression);
      if (name) {
        let set = flow.calledOn.get(name);
        if (!set) flow.calledOn.set(name, (set = new Set()));
        set.add(node.expression.name.text);
      }
    }
  }
  // Source order, so that a value built from an earlier one (`kafka.producer()`) is substituted.
  pending.sort((a, b) => a.init.pos - b.init.pos);
  for (const { name, init } of pending) {
    if (flow.values.has(name) || flow.imported.has(name)) continue;
    const chain = chainOf(ts, init, flow);
    if (chain && isLibraryRoot(chain.root, flow)) flow.values.set(name, chain);
  }
  return flow;
}

/** `x` or `this.x`: a place a value is kept. */
function keptName(ts: typeof TS, e: TS.Expression): string | null {
  const x = skipOuter(ts, e);
  if (ts.isIdentifier(x)) return x.text;
  if (ts.isPropertyAccessExpression(x) && x.expression.kind === ts.SyntaxKind.ThisKeyword && ts.isIdentifier(x.name)) return `this.${x.name.text}`;
  return null;
}

function isLibraryRoot(root: string, flow: FileFlow): boolean {
  return root.startsWith("require:") || flow.imported.has(root) || GLOBAL_ROOTS.has(root);
}

/** The library call this call or `new` expression makes, or null when its root cannot be a package. */
/** `sf`: the node's file (getSourceFile() climbs the whole parent chain, for every call of a body). */
export function libraryCallOf(node: TS.CallExpression | TS.NewExpression, at: Where, use: CallUse, sf: TS.SourceFile = node.getSourceFile()): LibraryCallFact | null {
  const ts = typescript();
  const flow = flowOf(sf);
  const chain = chainOf(ts, node, flow);
  if (!chain || !isLibraryRoot(chain.root, flow)) return null;
  const calledAfter = new Set<string>();
  const outer = outermostOf(ts, node);
  const p = outer.parent;
  if (p && ts.isPropertyAccessExpression(p) && p.expression === outer && p.parent && ts.isCallExpression(p.parent) && p.parent.expression === p) calledAfter.add(p.name.text);
  const kept = keptAs(ts, outer);
  for (const m of (kept && flow.calledOn.get(kept)) || []) calledAfter.add(m);
  return { ...at, root: chain.root, steps: chain.steps, use, calledAfter: [...calledAfter] };
}

/** Module-level `const x = <library value>` of a file, for other modules that import x. */
export function moduleLibraryValues(sf: TS.SourceFile): Map<string, LibraryValue> {
  const ts = typescript();
  const flow = flowOf(sf);
  const out = new Map<string, LibraryValue>();
  for (const s of sf.statements) {
    if (!ts.isVariableStatement(s)) continue;
    for (const d of s.declarationList.declarations) {
      if (!ts.isIdentifier(d.name)) continue;
      const value = flow.values.get(d.name.text);
      if (value) out.set(d.name.text, value);
    }
  }
  return out;
}

function keptAs(ts: typeof TS, outer: TS.Node): string | null {
  const p = outer.parent;
  if (!p) return null;
  if (ts.isVariableDeclaration(p) && p.initializer === outer && ts.isIdentifier(p.name)) return p.name.text;
  if (ts.isBinaryExpression(p) && p.right === outer && p.operatorToken.kind === ts.SyntaxKind.EqualsToken) return keptName(ts, p.left);
  if (ts.isPropertyDeclaration(p) && p.initializer === outer && ts.isIdentifier(p.name)) return `this.${p.name.text}`;
  return null;
}

/** `a.b(x).c(y)` -> root `a`, steps [get b, call, get c, call], with kept values substituted. */
function chainOf(ts: typeof TS, expression: TS.Expression, flow: FileFlow): LibraryValue | null {
  // Most calls in a file have a root no library reaches: skip building their steps and arguments.
  const root = rootOf(ts, expression);
  if (root === null || !(isLibraryRoot(root, flow) || flow.values.has(root))) return null;
  const steps: ChainStepFact[] = [];
  let e: TS.Expression = expression;
  for (;;) {
    e = skipOuter(ts, e);
    if (ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === "require" && e.arguments.length === 1 && ts.isStringLiteralLike(e.arguments[0])) {
      return withRoot(`require:${e.arguments[0].text}`, steps, flow);
    }
    if (ts.isCallExpression(e)) {
      steps.unshift({ kind: "call", isNew: false, args: e.arguments.map((a) => argFact(ts, a)) });
      e = e.expression;
    } else if (ts.isNewExpression(e)) {
      steps.unshift({ kind: "call", isNew: true, args: (e.arguments ?? []).map((a) => argFact(ts, a)) });
      e = e.expression;
    } else if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.name)) {
      if (e.expression.kind === ts.SyntaxKind.ThisKeyword) return withRoot(`this.${e.name.text}`, steps, flow);
      steps.unshift({ kind: "get", name: e.name.text });
      e = e.expression;
    } else if (ts.isIdentifier(e)) {
      if (GLOBAL_OBJECTS.has(e.text) && steps[0]?.kind === "get") {
        const name = steps.shift() as { kind: "get"; name: string };
        return withRoot(name.name, steps, flow);
      }
      return withRoot(e.text, steps, flow);
    } else {
      return null;
    }
  }
}

/** The root chainOf would give, without its steps: the same walk, nothing built. */
function rootOf(ts: typeof TS, expression: TS.Expression): string | null {
  let nearestGet: string | null = null;
  let e: TS.Expression = expression;
  for (;;) {
    e = skipOuter(ts, e);
    if (ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === "require" && e.arguments.length === 1 && ts.isStringLiteralLike(e.arguments[0])) return `require:${e.arguments[0].text}`;
    if (ts.isCallExpression(e) || ts.isNewExpression(e)) {
      nearestGet = null;
      e = e.expression;
    } else if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.name)) {
      if (e.expression.kind === ts.SyntaxKind.ThisKeyword) return `this.${e.name.text}`;
      nearestGet = e.name.text;
      e = e.expression;
    } else if (ts.isIdentifier(e)) {
      return GLOBAL_OBJECTS.has(e.text) && nearestGet !== null ? nearestGet : e.text;
    } else {
      return null;
    }
  }
}

function withRoot(root: string, steps: ChainStepFact[], flow: FileFlow): LibraryValue | null {
  let value: LibraryValue = { root, steps };
  for (let i = 0; i < MAX_SUBSTITUTIONS && !isLibraryRoot(value.root, flow); i++) {
    const kept = flow.values.get(value.root);
    if (!kept) return value;
    value = { root: kept.root, steps: [...kept.steps, ...value.steps] };
  }
  return value;
}

function argFact(ts: typeof TS, node: TS.Expression, depth = 0): ArgFact {
  const a = skipOuter(ts, node);
  if (ts.isNumericLiteral(a)) return { kind: "number", value: Number(a.text) };
  if (ts.isStringLiteralLike(a)) return { kind: "string", value: a.text };
  if (ts.isTemplateExpression(a)) return { kind: "string" };
  if (a.kind === ts.SyntaxKind.TrueKeyword) return { kind: "boolean", value: true };
  if (a.kind === ts.SyntaxKind.FalseKeyword) return { kind: "boolean", value: false };
  if (a.kind === ts.SyntaxKind.NullKeyword) return { kind: "null", value: null };
  if (ts.isArrowFunction(a) || ts.isFunctionExpression(a)) return { kind: "function" };
  if (ts.isArrayLiteralExpression(a)) return { kind: "array" };
  // `process.env.REDIS_URL ?? "redis://..."`: a URL or name, not an options object.
  if (isStringLike(ts, a)) return { kind: "string" };
  if (ts.isObjectLiteralExpression(a)) {
    const props: Record<string, ArgFact> = {};
    let opaque = false;
    for (const p of a.properties) {
      if (ts.isSpreadAssignment(p)) opaque = true;
      else if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) props[p.name.text] = depth === 0 ? argFact(ts, p.initializer, 1) : { kind: "other", opaque: true };
      else if (ts.isShorthandPropertyAssignment(p)) props[p.name.text] = { kind: "other", opaque: true };
      else if (ts.isMethodDeclaration(p) && p.name && ts.isIdentifier(p.name)) props[p.name.text] = { kind: "function" };
    }
    return { kind: "object", props, ...(opaque ? { opaque } : {}) };
  }
  return { kind: "other", opaque: true };
}

const ENV_HOLDERS = new Set(["process.env", "Bun.env", "import.meta.env", "Deno.env"]);

function isStringLike(ts: typeof TS, e: TS.Expression): boolean {
  const x = skipOuter(ts, e);
  if (ts.isStringLiteralLike(x) || ts.isTemplateExpression(x)) return true;
  if ((ts.isPropertyAccessExpression(x) || ts.isElementAccessExpression(x)) && ENV_HOLDERS.has(x.expression.getText())) return true;
  if (ts.isBinaryExpression(x) && [ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken].includes(x.operatorToken.kind)) return isStringLike(ts, x.left) && isStringLike(ts, x.right);
  if (ts.isBinaryExpression(x) && x.operatorToken.kind === ts.SyntaxKind.PlusToken) return isStringLike(ts, x.left) || isStringLike(ts, x.right);
  return false;
}

function outermostOf(ts: typeof TS, node: TS.Node): TS.Node {
  let n = node;
  while (n.parent && (ts.isParenthesizedExpression(n.parent) || ts.isAsExpression(n.parent) || ts.isNonNullExpression(n.parent) || ts.isSatisfiesExpression(n.parent))) n = n.parent;
  return n;
}

function skipOuter(ts: typeof TS, e: TS.Expression): TS.Expression {
  let x = e;
  while (ts.isParenthesizedExpression(x) || ts.isNonNullExpression(x) || ts.isAsExpression(x) || ts.isSatisfiesExpression(x) || ts.isAwaitExpression(x)) x = x.expression;
  return x;
}
