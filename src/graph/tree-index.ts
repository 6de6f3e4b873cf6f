// One walk over a freshly parsed tree: it gives every node its parent (what createSourceFile's
// setParentNodes does, with a generic walk that took a fifth of the parse) and notes, in the same
// pass, the nodes whole-file facts look for, which saves each of those facts a walk of its own:
// library-calls' kept values, and every mention of a name the file imports (with its classes) for
// value-names. Checked node for node against setParentNodes on the synthetic projects and
// typeorm; under JSDocParsingMode.ParseNone there are no JSDoc nodes to adopt.
import type { TS } from "./typescript.js";

// Kept on the tree itself: a WeakMap whose values reach their own key (every node's parent
// chain ends at the SourceFile) is an ephemeron V8 re-marks to a fixed point at every collection.
interface Indexed {
  treeIndex?: TreeIndex;
}

export interface TreeIndex {
  /** Every local name the file's imports bind (importedNamesOf). */
  importedNames: ReadonlySet<string>;
  /** Variable declarations, binary expressions, property declarations and calls. */
  flowNodes: TS.Node[];
  /** Every identifier spelled as one of importedNames. */
  importMentions: TS.Identifier[];
  /** Every class declaration and class expression. */
  classes: TS.ClassLikeDeclaration[];
}

/** Every local name an import binds (`import`, `import x = require()`): the names value-names asks about. */
export function importedNamesOf(ts: typeof TS, sf: TS.SourceFile): Set<string> {
  const names = new Set<string>();
  for (const statement of sf.statements) {
    if (ts.isImportEqualsDeclaration(statement)) names.add(statement.name.text);
    if (!ts.isImportDeclaration(statement) || !statement.importClause) continue;
    const clause = statement.importClause;
    if (clause.name) names.add(clause.name.text);
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) names.add(bindings.name.text);
    else if (bindings) for (const element of bindings.elements) names.add(element.name.text);
  }
  return names;
}

/** Sets every parent and notes the nodes; returns the flow nodes. Again on a tree that has parents: the same parents. */
export function adoptAndIndex(ts: typeof TS, sf: TS.SourceFile): readonly TS.Node[] {
  const { VariableDeclaration, BinaryExpression, PropertyDeclaration, CallExpression, Identifier, ClassDeclaration, ClassExpression } = ts.SyntaxKind;
  // Compared as the parser stores them: a name that starts with "__" gets one more underscore.
  const importedNames = importedNamesOf(ts, sf);
  const imported = new Set<string>();
  for (const name of importedNames) imported.add(ts.escapeLeadingUnderscores(name) as string);
  const index: TreeIndex = { importedNames, flowNodes: [], importMentions: [], classes: [] };
  const { flowNodes, importMentions, classes } = index;
  const stack: TS.Node[] = [sf];
  let parent: TS.Node = sf;
  const adopt = (child: TS.Node): void => {
    (child as { parent: TS.Node }).parent = parent;
    stack.push(child);
  };
  while (stack.length > 0) {
    parent = stack.pop()!;
    const kind = parent.kind;
    if (kind === Identifier) {
      // A leaf: nothing to adopt.
      if (imported.has((parent as TS.Identifier).escapedText as string)) importMentions.push(parent as TS.Identifier);
      continue;
    }
    if (kind === VariableDeclaration || kind === BinaryExpression || kind === PropertyDeclaration || kind === CallExpression) flowNodes.push(parent);
    else if (kind === ClassDeclaration || kind === ClassExpression) classes.push(parent as TS.ClassLikeDeclaration);
    ts.forEachChild(parent, adopt);
  }
  (sf as Indexed).treeIndex = index;
  return flowNodes;
}

/** The file's index (see TreeIndex), in the order of a depth-first walk that visits the last child first; built now for a tree that the parse did not index. */
export function treeIndexOf(ts: typeof TS, sf: TS.SourceFile): TreeIndex {
  if (!(sf as Indexed).treeIndex) adoptAndIndex(ts, sf);
  return (sf as Indexed).treeIndex!;
}

/** The index's flow nodes: variable declarations, binary expressions, property declarations and calls. */
export function flowNodesOf(ts: typeof TS, sf: TS.SourceFile): readonly TS.Node[] {
  return treeIndexOf(ts, sf).flowNodes;
}
