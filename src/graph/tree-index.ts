// One walk over a freshly parsed tree: it gives every node its parent (what createSourceFile's
// setParentNodes does, with a generic walk that took a fifth of the parse) and notes, in the same
// pass, the nodes a whole-file fact looks for (library-calls' kept values), which saves that
// fact a walk of its own. Checked node for node against setParentNodes on the synthetic projects
// and typeorm; under JSDocParsingMode.ParseNone there are no JSDoc nodes to adopt.
import type { TS } from "./typescript.js";

// Kept on the tree itself: a WeakMap whose values reach their own key (every node's parent
// chain ends at the SourceFile) is an ephemeron V8 re-marks to a fixed point at every collection.
interface Indexed {
  flowNodes?: TS.Node[];
}

/** Sets every parent and notes the nodes; returns them. Again on a tree that has parents: the same parents. */
export function adoptAndIndex(ts: typeof TS, sf: TS.SourceFile): readonly TS.Node[] {
  const { VariableDeclaration, BinaryExpression, PropertyDeclaration, CallExpression } = ts.SyntaxKind;
  const noted: TS.Node[] = [];
  const stack: TS.Node[] = [sf];
  let parent: TS.Node = sf;
  const adopt = (child: TS.Node): void => {
    (child as { parent: TS.Node }).parent = parent;
    stack.push(child);
  };
  while (stack.length > 0) {
    parent = stack.pop()!;
    const kind = parent.kind;
    if (kind === VariableDeclaration || kind === BinaryExpression || kind === PropertyDeclaration || kind === CallExpression) noted.push(parent);
    ts.forEachChild(parent, adopt);
  }
  (sf as Indexed).flowNodes = noted;
  return noted;
}

/**
 * The file's variable declarations, binary expressions, property declarations and calls, in the
 * order of a depth-first walk that visits the last child first; indexed now for a tree that the
 * parse did not index.
 */
export function flowNodesOf(ts: typeof TS, sf: TS.SourceFile): readonly TS.Node[] {
  return (sf as Indexed).flowNodes ?? adoptAndIndex(ts, sf);
}
