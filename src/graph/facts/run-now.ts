// Walks the code that runs *now* when a body runs: it does not enter functions defined for later
// (arrows, callbacks, methods, instance field initialisers), but it does enter immediately
// invoked functions and the parts of a class that run when the class is defined (decorators,
// `extends`, computed keys, static fields and static blocks). Iterative: real trees are deep.
import { typescript, type TS } from "../typescript.js";
import { isImmediatelyInvoked } from "../startup-functions.js";

export interface RunNowFrame {
  node: TS.Node;
  /** Inside an immediately invoked function that nobody awaits: its awaits do not block us. */
  detached: boolean;
  inDecorator: boolean;
}

export function walkRunNow(roots: readonly TS.Node[], visit: (frame: RunNowFrame) => void): void {
  const ts = typescript();
  const stack: RunNowFrame[] = [];
  for (let i = roots.length - 1; i >= 0; i--) stack.push({ node: roots[i], detached: false, inDecorator: false });
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const { node } = frame;
    if (skipsEntirely(ts, node)) continue;
    visit(frame);
    const children = childrenThatRunNow(ts, node);
    const detachedChild = frame.detached || (ts.isFunctionLike(node) && isImmediatelyInvoked(node) && !isAwaitedCall(ts, node));
    const inDecorator = frame.inDecorator || ts.isDecorator(node);
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i], detached: detachedChild, inDecorator });
  }
}

function skipsEntirely(ts: typeof TS, node: TS.Node): boolean {
  if (ts.isTypeNode(node) && !ts.isExpressionWithTypeArguments(node)) return true;
  if (ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node) || ts.isImportDeclaration(node) || ts.isImportEqualsDeclaration(node)) return true;
  if (ts.isExportDeclaration(node) || ts.isTypeParameterDeclaration(node)) return true;
  if (ts.isHeritageClause(node) && node.token === ts.SyntaxKind.ImplementsKeyword) return true;
  // node.modifiers, not ts.getModifiers(): the same answer without a filtered copy per node.
  return ts.canHaveModifiers(node) && (node.modifiers?.some((m) => m.kind === ts.SyntaxKind.DeclareKeyword) ?? false);
}

function childrenThatRunNow(ts: typeof TS, node: TS.Node): TS.Node[] {
  if (ts.isFunctionDeclaration(node)) return [];
  if (ts.isFunctionLike(node)) {
    if (!isImmediatelyInvoked(node)) return [];
    const body = (node as TS.FunctionLikeDeclaration).body;
    return body ? [body] : [];
  }
  if (ts.isClassLike(node)) {
    const parts: TS.Node[] = [];
    const decorators = ts.getDecorators(node) ?? [];
    parts.push(...decorators);
    for (const clause of node.heritageClauses ?? []) parts.push(clause);
    for (const member of node.members) {
      parts.push(...(ts.canHaveDecorators(member) ? (ts.getDecorators(member) ?? []) : []));
      if (member.name && ts.isComputedPropertyName(member.name)) parts.push(member.name);
      const isStatic = ts.canHaveModifiers(member) && (ts.getModifiers(member)?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword) ?? false);
      if (ts.isPropertyDeclaration(member) && isStatic && member.initializer) parts.push(member.initializer);
      if (ts.isClassStaticBlockDeclaration(member)) parts.push(member.body);
      if (ts.isMethodDeclaration(member) || ts.isConstructorDeclaration(member)) {
        for (const p of member.parameters) parts.push(...(ts.getDecorators(p) ?? []));
      }
    }
    return parts;
  }
  const children: TS.Node[] = [];
  ts.forEachChild(node, (child) => {
    children.push(child);
  });
  return children;
}

function isAwaitedCall(ts: typeof TS, fn: TS.Node): boolean {
  let outer: TS.Node = fn;
  while (outer.parent && ts.isParenthesizedExpression(outer.parent)) outer = outer.parent;
  let call: TS.Node | undefined = outer.parent;
  while (call?.parent && ts.isParenthesizedExpression(call.parent)) call = call.parent;
  return call?.parent !== undefined && ts.isAwaitExpression(call.parent);
}
