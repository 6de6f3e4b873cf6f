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

/**
 * `visit` gets one frame object, refilled for each node: read it, do not keep it. Nodes and their
 * two flags sit on parallel stacks, and children go straight onto them: a frame object and a
 * children array per node were most of a body walk's cost (measured on 100k synthetic modules).
 */
export function walkRunNow(roots: readonly TS.Node[], visit: (frame: RunNowFrame) => void): void {
  const ts = typescript();
  const nodes: TS.Node[] = [];
  const flags: number[] = [];
  for (let i = roots.length - 1; i >= 0; i--) {
    nodes.push(roots[i]);
    flags.push(0);
  }
  const frame: RunNowFrame = { node: roots[0], detached: false, inDecorator: false };
  let childFlags = 0;
  const pushChild = (child: TS.Node): void => {
    nodes.push(child);
    flags.push(childFlags);
  };
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    const flag = flags.pop()!;
    if (skipsEntirely(ts, node)) continue;
    frame.node = node;
    frame.detached = (flag & DETACHED) !== 0;
    frame.inDecorator = (flag & IN_DECORATOR) !== 0;
    visit(frame);
    const functionLike = ts.isFunctionLike(node);
    const invoked = functionLike && isImmediatelyInvoked(node);
    childFlags = flag | (invoked && !isAwaitedCall(ts, node) ? DETACHED : 0) | (ts.isDecorator(node) ? IN_DECORATOR : 0);
    const first = nodes.length;
    pushChildrenThatRunNow(ts, node, functionLike, invoked, pushChild);
    // Pushed in source order; the stack pops the last first, so the segment is reversed.
    for (let a = first, b = nodes.length - 1; a < b; a++, b--) {
      const n = nodes[a];
      nodes[a] = nodes[b];
      nodes[b] = n;
    }
  }
}

const DETACHED = 1;
const IN_DECORATOR = 2;

function skipsEntirely(ts: typeof TS, node: TS.Node): boolean {
  if (ts.isTypeNode(node) && !ts.isExpressionWithTypeArguments(node)) return true;
  if (ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node) || ts.isImportDeclaration(node) || ts.isImportEqualsDeclaration(node)) return true;
  if (ts.isExportDeclaration(node) || ts.isTypeParameterDeclaration(node)) return true;
  if (ts.isHeritageClause(node) && node.token === ts.SyntaxKind.ImplementsKeyword) return true;
  // node.modifiers, not ts.getModifiers(): the same answer without a filtered copy per node.
  return ts.canHaveModifiers(node) && (node.modifiers?.some((m) => m.kind === ts.SyntaxKind.DeclareKeyword) ?? false);
}

/** The children of `node` that run when it runs, in source order (all have the same flags). */
function pushChildrenThatRunNow(ts: typeof TS, node: TS.Node, functionLike: boolean, invoked: boolean, push: (child: TS.Node) => void): void {
  if (functionLike) {
    if (ts.isFunctionDeclaration(node) || !invoked) return;
    const body = (node as TS.FunctionLikeDeclaration).body;
    if (body) push(body);
    return;
  }
  if (ts.isClassLike(node)) {
    for (const decorator of ts.getDecorators(node) ?? []) push(decorator);
    for (const clause of node.heritageClauses ?? []) push(clause);
    for (const member of node.members) {
      if (ts.canHaveDecorators(member)) for (const decorator of ts.getDecorators(member) ?? []) push(decorator);
      if (member.name && ts.isComputedPropertyName(member.name)) push(member.name);
      const isStatic = ts.canHaveModifiers(member) && (ts.getModifiers(member)?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword) ?? false);
      if (ts.isPropertyDeclaration(member) && isStatic && member.initializer) push(member.initializer);
      if (ts.isClassStaticBlockDeclaration(member)) push(member.body);
      if (ts.isMethodDeclaration(member) || ts.isConstructorDeclaration(member)) {
        for (const p of member.parameters) for (const decorator of ts.getDecorators(p) ?? []) push(decorator);
      }
    }
    return;
  }
  ts.forEachChild(node, push);
}

function isAwaitedCall(ts: typeof TS, fn: TS.Node): boolean {
  let outer: TS.Node = fn;
  while (outer.parent && ts.isParenthesizedExpression(outer.parent)) outer = outer.parent;
  let call: TS.Node | undefined = outer.parent;
  while (call?.parent && ts.isParenthesizedExpression(call.parent)) call = call.parent;
  return call?.parent !== undefined && ts.isAwaitExpression(call.parent);
}
