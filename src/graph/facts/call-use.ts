// Reads a call's shape from its syntax: who is called, and what happens to the result.
import { typescript, type TS } from "../typescript.js";
import type { CallUse, Callee } from "./shapes.js";

export const CHAIN_METHODS = new Set(["then", "catch", "finally"]);

export function calleeOf(expression: TS.Expression): Callee | null {
  const ts = typescript();
  const e = skipOuter(ts, expression);
  if (ts.isIdentifier(e)) return { kind: "name", name: e.text };
  if (ts.isPropertyAccessExpression(e) && (ts.isIdentifier(e.name) || ts.isPrivateIdentifier(e.name))) {
    const object = skipOuter(ts, e.expression);
    const name = e.name.text;
    if (object.kind === ts.SyntaxKind.ThisKeyword) return { kind: "this", name };
    if (object.kind === ts.SyntaxKind.SuperKeyword) return { kind: "super", name };
    if (ts.isIdentifier(object)) return { kind: "member", object: object.text, name };
  }
  return null;
}

/** The node that stands for `node` once parentheses, casts and `!` are peeled off upwards. */
export function outermost(node: TS.Node): TS.Node {
  const ts = typescript();
  let n = node;
  for (;;) {
    const p = n.parent;
    if (!p) return n;
    if (ts.isParenthesizedExpression(p) || ts.isAsExpression(p) || ts.isSatisfiesExpression(p) || ts.isNonNullExpression(p) || ts.isTypeAssertionExpression(p)) n = p;
    else if (ts.isConditionalExpression(p) && p.condition !== n) n = p;
    else if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.CommaToken && p.right === n) n = p;
    else return n;
  }
}

export function useOf(node: TS.Node): CallUse {
  const ts = typescript();
  const n = outermost(node);
  const p = n.parent;
  if (!p) return "other";
  if (ts.isAwaitExpression(p)) return "awaited";
  if (ts.isVoidExpression(p)) return "void";
  if (ts.isExpressionStatement(p)) return "floating";
  // `a, b` at statement level: the left side is thrown away too.
  if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.CommaToken && p.left === n) return "floating";
  if (ts.isReturnStatement(p) || (ts.isArrowFunction(p) && p.body === n)) return "returned";
  if (ts.isBinaryExpression(p) && p.right === n && isAssignment(ts, p.operatorToken.kind)) return "stored";
  if ((ts.isVariableDeclaration(p) || ts.isPropertyDeclaration(p)) && p.initializer === n) return "stored";
  if (ts.isPropertyAssignment(p) || ts.isArrayLiteralExpression(p) || ts.isExportAssignment(p)) return "stored";
  if (ts.isPropertyAccessExpression(p) && p.expression === n) {
    const call = p.parent;
    if (call && ts.isCallExpression(call) && call.expression === p && CHAIN_METHODS.has(p.name.text)) return "then";
    return "other";
  }
  if ((ts.isCallExpression(p) || ts.isNewExpression(p)) && p.arguments?.includes(n as TS.Expression)) return "argument";
  return "other";
}

/** Whether the value flows into an `await` (or a `return`) of the body it runs in. */
export function isAwaitedOrReturned(node: TS.Node): boolean {
  const ts = typescript();
  for (let n: TS.Node | undefined = node; n && n.parent; n = n.parent) {
    const p: TS.Node = n.parent;
    if (ts.isAwaitExpression(p) || ts.isReturnStatement(p)) return true;
    if (ts.isArrowFunction(p) && p.body === n) return true;
    if (ts.isForOfStatement(p) && p.awaitModifier && p.expression === n) return true;
    if (ts.isStatement(p) || ts.isFunctionLike(p) || ts.isClassLike(p)) return false;
  }
  return false;
}

function isAssignment(ts: typeof TS, kind: TS.SyntaxKind): boolean {
  return kind >= ts.SyntaxKind.FirstAssignment && kind <= ts.SyntaxKind.LastAssignment;
}

function skipOuter(ts: typeof TS, e: TS.Expression): TS.Expression {
  let x = e;
  while (ts.isParenthesizedExpression(x) || ts.isNonNullExpression(x) || ts.isAsExpression(x)) x = x.expression;
  return x;
}
