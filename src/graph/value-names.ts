// Names a TypeScript file uses as values. An import whose bindings never appear here is erased by
// tsc and esbuild, so it does not run at startup. Shadowing is ignored on purpose: treating a
// shadowed name as used keeps the edge, which errs towards reporting, never towards missing.
import { typescript, type TS } from "./typescript.js";

export interface ValueNames {
  /** The wanted names used as values, counting the reads tsc's decorator metadata emits. */
  values: Set<string>;
  /** The wanted names the code itself uses as values (for `metadataOnly`: the rest only metadata reads). */
  plain: Set<string>;
}

/**
 * Which of `wanted` (the file's imported names) are used as values, in one walk that stops as
 * soon as the code itself uses every one of them. Decorator metadata is read from the classes the
 * walk meets: a decorated class is never inside what the walk skips (types, `declare`, imports).
 */
export function collectValueNames(sf: TS.SourceFile, decoratorMetadata: boolean, wanted: ReadonlySet<string>): ValueNames {
  const ts = typescript();
  const plain = new Set<string>();
  const metadata = new Set<string>();
  let missing = wanted.size;
  const add = (name: string): void => {
    if (!wanted.has(name) || plain.has(name)) return;
    plain.add(name);
    missing--;
  };
  const stack: TS.Node[] = [...sf.statements];
  const push = (child: TS.Node): void => {
    stack.push(child);
  };
  while (stack.length > 0 && missing > 0) {
    const node = stack.pop()!;
    if (isTypeOnlySubtree(ts, node)) {
      // tsc keeps an import used in a computed key of a type (`{ [KEY]: string }`); esbuild drops
      // it. emitDecoratorMetadata says tsc builds this project (esbuild ignores metadata).
      if (decoratorMetadata) for (const name of computedKeyNames(ts, node)) add(name);
      continue;
    }
    if (ts.isIdentifier(node)) {
      if (wanted.has(node.text) && !isNonReferenceName(ts, node)) add(node.text);
      continue;
    }
    if (decoratorMetadata && ts.isClassLike(node)) addDecoratorMetadataNames(ts, node, metadata);
    if (ts.isShorthandPropertyAssignment(node)) add(node.name.text);
    if (ts.isExportAssignment(node) && ts.isIdentifier(node.expression)) add(node.expression.text);
    // `export { X }` keeps X alive under isolatedModules/esbuild semantics.
    if (ts.isExportSpecifier(node) && !node.isTypeOnly && !node.parent.parent.isTypeOnly && !node.parent.parent.moduleSpecifier) {
      add((node.propertyName ?? node.name).text);
      continue;
    }
    if (ts.isImportDeclaration(node) || ts.isImportEqualsDeclaration(node)) continue;
    ts.forEachChild(node, push);
  }
  const values = new Set(plain);
  for (const name of metadata) if (wanted.has(name)) values.add(name);
  return { values, plain };
}

/** Root identifiers of computed property names inside a type subtree. */
function computedKeyNames(ts: typeof TS, root: TS.Node): string[] {
  const out: string[] = [];
  const stack: TS.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (ts.isComputedPropertyName(node)) {
      let e: TS.Expression = node.expression;
      while (ts.isPropertyAccessExpression(e)) e = e.expression;
      if (ts.isIdentifier(e)) out.push(e.text);
      continue;
    }
    ts.forEachChild(node, (child) => {
      stack.push(child);
    });
  }
  return out;
}

function isTypeOnlySubtree(ts: typeof TS, node: TS.Node): boolean {
  if (ts.isTypeNode(node) && !ts.isExpressionWithTypeArguments(node)) return true;
  if (ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) return true;
  if (ts.isHeritageClause(node) && node.token === ts.SyntaxKind.ImplementsKeyword) return true;
  if (ts.isExpressionWithTypeArguments(node) && ts.isHeritageClause(node.parent) && ts.isInterfaceDeclaration(node.parent.parent)) return true;
  if (ts.isTypeParameterDeclaration(node)) return true;
  // `declare const x: Foo`, `declare module`, `declare class`: nothing is emitted.
  // node.modifiers, not ts.getModifiers(): the same answer without a filtered copy per node.
  return ts.canHaveModifiers(node) && (node.modifiers?.some((m) => m.kind === ts.SyntaxKind.DeclareKeyword) ?? false);
}

function isNonReferenceName(ts: typeof TS, node: TS.Identifier): boolean {
  const parent = node.parent;
  if (!parent) return false;
  if (ts.isPropertyAccessExpression(parent) && parent.name === node) return true;
  if (ts.isQualifiedName(parent) && parent.right === node) return true;
  if ((ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent) || ts.isMethodDeclaration(parent) || ts.isPropertySignature(parent) || ts.isGetAccessor(parent) || ts.isSetAccessor(parent) || ts.isEnumMember(parent)) && parent.name === node) return true;
  if ((ts.isFunctionDeclaration(parent) || ts.isClassDeclaration(parent) || ts.isVariableDeclaration(parent) || ts.isParameter(parent) || ts.isBindingElement(parent) || ts.isEnumDeclaration(parent) || ts.isFunctionExpression(parent) || ts.isClassExpression(parent)) && parent.name === node) return true;
  if (ts.isBindingElement(parent) && parent.propertyName === node) return true;
  if (ts.isLabeledStatement(parent) || ts.isBreakOrContinueStatement(parent)) return true;
  if (ts.isJsxAttribute(parent) && parent.name === node) return true;
  if (ts.isMetaProperty(parent)) return true;
  return false;
}

/**
 * With emitDecoratorMetadata, tsc emits `design:type`/`design:paramtypes` for decorated classes,
 * turning the class names in those type annotations into runtime references (NestJS, TypeORM).
 */
function addDecoratorMetadataNames(ts: typeof TS, node: TS.ClassLikeDeclaration, names: Set<string>): void {
  const addType = (type: TS.TypeNode | undefined): void => {
    if (type && ts.isTypeReferenceNode(type)) {
      let name: TS.EntityName = type.typeName;
      while (ts.isQualifiedName(name)) name = name.left;
      names.add(name.text);
    }
  };
  const hasDecorators = (n: TS.Node): boolean => ts.canHaveDecorators(n) && (ts.getDecorators(n)?.length ?? 0) > 0;
  const classDecorated = hasDecorators(node);
  for (const member of node.members) {
    if (ts.isConstructorDeclaration(member) && classDecorated) member.parameters.forEach((p) => addType(p.type));
    if (!hasDecorators(member) && !(ts.isFunctionLike(member) && member.parameters.some(hasDecorators))) continue;
    if (ts.isPropertyDeclaration(member) || ts.isGetAccessor(member)) addType(member.type);
    if (ts.isMethodDeclaration(member) || ts.isSetAccessor(member) || ts.isConstructorDeclaration(member)) {
      member.parameters.forEach((p) => addType(p.type));
      if (ts.isMethodDeclaration(member)) addType(member.type);
    }
  }
}
