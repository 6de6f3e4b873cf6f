// What a module does while it is being evaluated: the calls and async work of its module-scope
// code, its top-level awaits, and every module-scope read of an imported binding (TDZ-relevant).
import { typescript, type TS } from "../typescript.js";
import { summariseBody, type WhereOf } from "./body-facts.js";
import { collectBindings } from "./bindings.js";
import { walkRunNow } from "./run-now.js";
import type { ImportUse, ModuleScopeFacts, UseHow, Where } from "./shapes.js";
import { whereIn, type FactExtractor } from "./types.js";

export const MODULE_SCOPE = "module-scope";

export const moduleScope: FactExtractor<ModuleScopeFacts> = {
  id: MODULE_SCOPE,
  extract({ sourceFile: sf }) {
    const ts = typescript();
    const where: WhereOf = whereIn(sf);
    const imported = new Map(collectBindings(sf).imports.map((b) => [b.local, b]));
    const topLevelAwaits: Where[] = [];
    const uses: ImportUse[] = [];
    walkRunNow(sf.statements, ({ node, detached, inDecorator }) => {
      if (!detached && (ts.isAwaitExpression(node) || (ts.isForOfStatement(node) && node.awaitModifier))) topLevelAwaits.push(where(node));
      if (!ts.isIdentifier(node) || !imported.has(node.text) || !isReference(ts, node)) return;
      const binding = imported.get(node.text)!;
      const p = node.parent;
      let subject: TS.Node = node;
      let member: string | undefined;
      if (ts.isPropertyAccessExpression(p) && p.expression === node && binding.imported === "*") {
        member = p.name.text;
        subject = p;
      } else if (binding.imported === "*" && !binding.viaRequire) {
        // A namespace object exists from the start; only its bindings can be uninitialised.
        return;
      }
      const how: UseHow = inDecorator ? "decorator" : howUsed(ts, subject, member !== undefined);
      uses.push({ ...where(node), local: node.text, ...(member ? { member } : {}), how });
    });
    return {
      body: summariseBody(sf.statements, where),
      topLevelAwaits,
      uses,
      commonjs: !ts.isExternalModule(sf) && /\brequire\s*\(|\bmodule\.exports\b|\bexports\.\w/.test(sf.text),
    };
  },
};

function howUsed(ts: typeof TS, subject: TS.Node, viaMember: boolean): UseHow {
  const p = subject.parent;
  if (ts.isExpressionWithTypeArguments(p) && ts.isHeritageClause(p.parent) && p.parent.token === ts.SyntaxKind.ExtendsKeyword) return "extends";
  if (ts.isNewExpression(p) && p.expression === subject) return "new";
  if (ts.isCallExpression(p) && p.expression === subject) return "call";
  if (!viaMember && ts.isPropertyAccessExpression(p) && p.expression === subject) return "member";
  if (!viaMember && ts.isElementAccessExpression(p) && p.expression === subject) return "member";
  if (ts.isSpreadElement(p) || ts.isSpreadAssignment(p)) return "spread";
  return "read";
}

function isReference(ts: typeof TS, node: TS.Identifier): boolean {
  const p = node.parent;
  if (ts.isPropertyAccessExpression(p) && p.name === node) return false;
  if ((ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p) || ts.isMethodDeclaration(p) || ts.isEnumMember(p) || ts.isGetAccessor(p) || ts.isSetAccessor(p)) && p.name === node) return false;
  if ((ts.isVariableDeclaration(p) || ts.isBindingElement(p) || ts.isParameter(p) || ts.isClassDeclaration(p) || ts.isFunctionDeclaration(p) || ts.isClassExpression(p) || ts.isFunctionExpression(p)) && p.name === node) return false;
  if (ts.isBindingElement(p) && p.propertyName === node) return false;
  if (ts.isLabeledStatement(p) || ts.isBreakOrContinueStatement(p) || ts.isMetaProperty(p)) return false;
  if (ts.isJsxAttribute(p) && p.name === node) return false;
  return true;
}
