// Summarises what one body does when it runs: the calls it makes (to be resolved by rules), the
// async work it starts directly, and the imports / calls it waits for.
import { typescript, type TS } from "../typescript.js";
import { CHAIN_METHODS, calleeOf, isAwaitedOrReturned, useOf } from "./call-use.js";
import { libraryCallOf } from "./library-calls.js";
import { walkRunNow, type RunNowFrame } from "./run-now.js";
import type { BodyFacts, CallFact, StartFact, StartKind, Where } from "./shapes.js";

// Timers, fetch and the APIs of known packages are library knowledge (src/knowledge), matched
// after resolution; what stays here is recognisable by shape alone. process.nextTick,
// queueMicrotask and setImmediate run before any I/O and keep nothing alive: not async work.
const CONNECTORS = new Set(["connect", "createConnection"]);

export type WhereOf = (node: TS.Node) => Where;

export function emptyBody(): BodyFacts {
  return { calls: [], starts: [], libraryCalls: [], awaitedImports: [], awaitedCalls: [] };
}

export function summariseBody(roots: readonly TS.Node[], where: WhereOf, into: BodyFacts = emptyBody()): BodyFacts {
  walkRunNow(roots, bodyVisitor(where, into));
  return into;
}

/** What summariseBody does at each node, for a walk that collects other facts too (module-scope). */
export function bodyVisitor(where: WhereOf, into: BodyFacts): (frame: RunNowFrame) => void {
  const ts = typescript();
  // The file is the same for every node a visitor sees: found once, on its first call.
  let sf: TS.SourceFile | undefined;
  return ({ node, detached }) => {
    if (!ts.isCallExpression(node) && !ts.isNewExpression(node)) return;
    sf ??= node.getSourceFile();
    const at = where(node);
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const arg = node.arguments[0];
      if (!detached && arg && ts.isStringLiteralLike(arg) && isAwaitedOrReturned(node)) into.awaitedImports.push({ ...at, specifier: arg.text });
      return;
    }
    const use = useOf(node);
    const callee = calleeOf(node.expression);
    const start = startOf(ts, node, use);
    if (start) into.starts.push({ ...at, ...start });
    const library = libraryCallOf(node, at, use, sf);
    if (library) into.libraryCalls.push(library);
    if (!callee) return;
    const call: CallFact = { ...at, callee, isNew: ts.isNewExpression(node), use };
    into.calls.push(call);
    if (!detached && !call.isNew && isAwaitedOrReturned(node)) into.awaitedCalls.push(call);
  };
}

function startOf(ts: typeof TS, node: TS.CallExpression | TS.NewExpression, use: string): Pick<StartFact, "kind" | "detail"> | null {
  const thrownAway = use === "floating" || use === "void";
  const callee = calleeOf(node.expression);
  const name = callee?.name;
  const start = (kind: StartKind, detail: string) => ({ kind, detail });
  if (ts.isNewExpression(node)) return thrownAway && name === "Promise" && callee?.kind === "name" ? start("new-promise", "new Promise(...)") : null;
  if (!thrownAway) return null;
  const expr = node.expression;
  // Only for a start found: a floating `describe(...)` is most of its file's text.
  const text = (): string => compact(node.getText());
  if (ts.isPropertyAccessExpression(expr) && CHAIN_METHODS.has(expr.name.text)) {
    // `ready.catch(...)` on a kept promise starts nothing: the work started where `ready` was made,
    // and keeping it there hands it back.
    return startsWork(ts, chainReceiver(ts, expr.expression)) ? start("then-chain", text()) : null;
  }
  if (isAsyncFunctionExpression(ts, expr)) return start("async-iife", "async IIFE");
  if (callee?.kind === "member" && CONNECTORS.has(callee.name)) return start("connect", text());
  if (ts.isPropertyAccessExpression(expr) && expr.expression.kind !== ts.SyntaxKind.ThisKeyword && CONNECTORS.has(expr.name.text)) return start("connect", text());
  if (ts.isPropertyAccessExpression(expr) && expr.expression.kind !== ts.SyntaxKind.ThisKeyword && expr.name.text === "listen") return start("listen", text());
  if (use === "void") return start("void", `void ${text()}`);
  return null;
}

/** The expression a `.then().catch()` chain hangs off. */
function chainReceiver(ts: typeof TS, e: TS.Expression): TS.Expression {
  let x = e;
  for (;;) {
    while (ts.isParenthesizedExpression(x) || ts.isNonNullExpression(x) || ts.isAsExpression(x)) x = x.expression;
    if (ts.isCallExpression(x) && ts.isPropertyAccessExpression(x.expression) && CHAIN_METHODS.has(x.expression.name.text)) x = x.expression.expression;
    else return x;
  }
}

function startsWork(ts: typeof TS, e: TS.Expression): boolean {
  return ts.isCallExpression(e) || ts.isNewExpression(e) || ts.isAwaitExpression(e) || ts.isTaggedTemplateExpression(e);
}

function isAsyncFunctionExpression(ts: typeof TS, e: TS.Expression): boolean {
  let x = e;
  while (ts.isParenthesizedExpression(x)) x = x.expression;
  return (ts.isArrowFunction(x) || ts.isFunctionExpression(x)) && (ts.getModifiers(x)?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword) ?? false);
}

/** One line, at most 60 characters: enough to recognise the call in a message. */
function compact(text: string): string {
  // The first 61 characters of the collapsed text are all that counts: collapsed from a prefix
  // whose collapsed form is longer still (a run cut at the prefix's end changes its last one only).
  const prefix = text.length > 240 ? text.slice(0, 240).replace(/\s+/g, " ") : "";
  const one = prefix.length > 62 ? prefix : text.replace(/\s+/g, " ");
  return one.length > 60 ? `${one.slice(0, 57)}...` : one;
}
