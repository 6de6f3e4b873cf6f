// Names a TypeScript file uses as values. An import whose bindings never appear here is erased by
// tsc and esbuild, so it does not run at startup. Shadowing is ignored on purpose: treating a
// shadowed name as used keeps the edge, which errs towards reporting, never towards missing.
import { treeIndexOf } from "./tree-index.js";
import { typescript, type TS } from "./typescript.js";

export interface ValueNames {
  /** The wanted names used as values, counting the reads tsc's decorator metadata emits. */
  values: Set<string>;
  /** The wanted names the code itself uses as values (for `metadataOnly`: the rest only metadata reads). */
  plain: Set<string>;
}

/**
 * Which of `wanted` (the file's imported names) are used as values. What a walk from the
 * statements would find, read off the tree index instead of walking again: the walk skips type-only
 * subtrees, imports and `export { X }` specifiers (which name their X), so a mention counts by
 * what its outermost skipping ancestor is, and that is found once per node on the way up.
 */
export function collectValueNames(sf: TS.SourceFile, decoratorMetadata: boolean, wanted: ReadonlySet<string>): ValueNames {
  const ts = typescript();
  const plain = new Set<string>();
  const metadata = new Set<string>();
  if (wanted.size === 0) return { values: new Set(), plain };
  const { importMentions, classes } = treeIndexOf(ts, sf);
  const outermost = outermostSkipping(ts);
  for (const mention of importMentions) {
    const name = mention.text;
    if (!wanted.has(name) || plain.has(name)) continue;
    const skipping = outermost(mention.parent);
    if (skipping === null) {
      if (!isNonReferenceName(ts, mention)) plain.add(name);
    } else if (ts.isExportSpecifier(skipping)) {
      if ((skipping.propertyName ?? skipping.name) === mention) plain.add(name);
    } else if (decoratorMetadata && isTypeOnlySubtree(ts, skipping) && isComputedKeyRoot(ts, mention, skipping)) {
      // tsc keeps an import used in a computed key of a type (`{ [KEY]: string }`); esbuild drops
      // it. emitDecoratorMetadata says tsc builds this project (esbuild ignores metadata).
      plain.add(name);
    }
  }
  if (decoratorMetadata && plain.size < wanted.size) {
    for (const node of classes) if (outermost(node) === null) addDecoratorMetadataNames(ts, node, metadata);
  }
  const values = new Set(plain);
  for (const name of metadata) if (wanted.has(name)) values.add(name);
  return { values, plain };
}

/**
 * The outermost node, from `node` up to the statements, under which a walk from the statements
 * finds nothing: a type-only subtree, an import, an `export { X }` of a local name. Null when
 * there is none. Remembered per node: mentions share most of their ancestors.
 */
function outermostSkipping(ts: typeof TS): (node: TS.Node) => TS.Node | null {
  const known = new Map<TS.Node, TS.Node | null>();
  const path: TS.Node[] = [];
  return (start) => {
    path.length = 0;
    let above: TS.Node | null = null;
    for (let node: TS.Node | undefined = start; node !== undefined && !ts.isSourceFile(node); node = node.parent) {
      const found = known.get(node);
      if (found !== undefined) {
        above = found;
        break;
      }
      path.push(node);
    }
    // From the top down: the outermost skipping node wins.
    for (let i = path.length - 1; i >= 0; i--) {
      const node = path[i];
      if (above === null && skipsSubtree(ts, node)) above = node;
      known.set(node, above);
    }
    return above;
  };
}

function skipsSubtree(ts: typeof TS, node: TS.Node): boolean {
  if (isTypeOnlySubtree(ts, node) || ts.isImportDeclaration(node) || ts.isImportEqualsDeclaration(node)) return true;
  // `export { X }` keeps X alive under isolatedModules/esbuild semantics; `export { X } from "y"`
  // and type-only specifiers are walked into like any other node.
  return ts.isExportSpecifier(node) && !node.isTypeOnly && !node.parent.parent.isTypeOnly && !node.parent.parent.moduleSpecifier;
}

/**
 * `KEY` in `[KEY]` or `[KEY.a.b]`, a computed property name inside the type-only subtree `root`,
 * and not inside another computed name (a walk of the subtree stops at the first).
 */
function isComputedKeyRoot(ts: typeof TS, mention: TS.Identifier, root: TS.Node): boolean {
  let e: TS.Node = mention;
  while (ts.isPropertyAccessExpression(e.parent) && e.parent.expression === e) e = e.parent;
  const key = e.parent;
  if (!ts.isComputedPropertyName(key) || key.expression !== e) return false;
  for (let node: TS.Node | undefined = key.parent; node !== undefined && node !== root; node = node.parent) if (ts.isComputedPropertyName(node)) return false;
  return true;
}

/** Exported for the reference walk of test/graph/value-names-index. */
export function isTypeOnlySubtree(ts: typeof TS, node: TS.Node): boolean {
  if (ts.isTypeNode(node) && !ts.isExpressionWithTypeArguments(node)) return true;
  if (ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) return true;
  if (ts.isHeritageClause(node) && node.token === ts.SyntaxKind.ImplementsKeyword) return true;
  if (ts.isExpressionWithTypeArguments(node) && ts.isHeritageClause(node.parent) && ts.isInterfaceDeclaration(node.parent.parent)) return true;
  if (ts.isTypeParameterDeclaration(node)) return true;
  // `declare const x: Foo`, `declare module`, `declare class`: nothing is emitted.
  // node.modifiers, not ts.getModifiers(): the same answer without a filtered copy per node.
  return ts.canHaveModifiers(node) && (node.modifiers?.some((m) => m.kind === ts.SyntaxKind.DeclareKeyword) ?? false);
}

export function isNonReferenceName(ts: typeof TS, node: TS.Identifier): boolean {
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
export function addDecoratorMetadataNames(ts: typeof TS, node: TS.ClassLikeDeclaration, names: Set<string>): void {
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
