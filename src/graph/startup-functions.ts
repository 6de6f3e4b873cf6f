// Which module-level functions run while the module is being evaluated: those called at module
// scope (`main()`, `await main()`, `void main()`, `main().catch(...)`), and, transitively, the
// module-level functions they call directly. An `await import()` inside them runs at startup.
import { typescript, type TS } from "./typescript.js";

export function functionNameOf(node: TS.Node): string | undefined {
  const ts = typescript();
  if ((ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isMethodDeclaration(node)) && node.name && ts.isIdentifier(node.name)) {
    return node.name.text;
  }
  if (ts.isConstructorDeclaration(node)) return "constructor";
  const parent = node.parent;
  if ((ts.isArrowFunction(node) || ts.isFunctionExpression(node)) && parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) {
    return parent.name.text;
  }
  return undefined;
}

/**
 * A function declared at module level (`function main() {}`, `const main = () => {}`): only such
 * a function can be the one a module-scope `main()` call runs, not a class method of that name.
 */
export function isModuleLevelFunction(node: TS.Node): boolean {
  const ts = typescript();
  if (ts.isFunctionDeclaration(node)) return node.parent !== undefined && ts.isSourceFile(node.parent);
  if (!ts.isArrowFunction(node) && !ts.isFunctionExpression(node)) return false;
  const decl = node.parent;
  const statement = decl?.parent?.parent;
  return decl !== undefined && ts.isVariableDeclaration(decl) && decl.initializer === node && statement !== undefined && ts.isVariableStatement(statement) && ts.isSourceFile(statement.parent);
}

/** `(async () => { ... })()` and `(function () { ... })()` run where they stand. */
export function isImmediatelyInvoked(node: TS.Node): boolean {
  const ts = typescript();
  if (!ts.isArrowFunction(node) && !ts.isFunctionExpression(node)) return false;
  let outer: TS.Node = node;
  while (outer.parent && ts.isParenthesizedExpression(outer.parent)) outer = outer.parent;
  const call = outer.parent;
  return call !== undefined && ts.isCallExpression(call) && call.expression === outer;
}

/** Module-level function names whose bodies run during module evaluation. */
export function findStartupFunctions(sf: TS.SourceFile): Set<string> {
  const ts = typescript();
  const bodies = new Map<string, TS.Node>();
  for (const statement of sf.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name && statement.body) bodies.set(statement.name.text, statement.body);
    if (ts.isVariableStatement(statement)) {
      for (const decl of statement.declarationList.declarations) {
        const init = decl.initializer;
        if (ts.isIdentifier(decl.name) && init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) bodies.set(decl.name.text, init.body);
      }
    }
  }
  const startup = new Set<string>();
  if (bodies.size === 0) return startup;
  const queue: string[] = [];
  const visitCalls = (root: TS.Node, skipFunctions: boolean): void => {
    const stack: TS.Node[] = [root];
    const push = (child: TS.Node): void => {
      stack.push(child);
    };
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node !== root && ts.isFunctionLike(node) && !isImmediatelyInvoked(node)) {
        if (skipFunctions) continue;
      }
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
        const name = node.expression.text;
        if (bodies.has(name) && !startup.has(name)) {
          startup.add(name);
          queue.push(name);
        }
      }
      ts.forEachChild(node, push);
    }
  };
  for (const statement of sf.statements) {
    if (ts.isFunctionDeclaration(statement)) continue;
    visitCalls(statement, true);
  }
  while (queue.length > 0) visitCalls(bodies.get(queue.pop()!)!, true);
  return startup;
}
