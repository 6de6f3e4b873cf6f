import type { TS } from "../typescript.js";
import type { EmitFacts } from "./shapes.js";

export interface FactContext {
  /** Absolute POSIX path of the file. */
  file: string;
  sourceFile: TS.SourceFile;
  /** What the file's compiler emits (decorator metadata, module format); absent when unknown. */
  emit?: EmitFacts;
}

/** Where a node starts (1-based line and column). */
export function whereIn(sf: TS.SourceFile): (node: TS.Node) => { line: number; column: number } {
  return (node) => {
    const pos = sf.getLineAndCharacterOfPosition(node.getStart(sf));
    return { line: pos.line + 1, column: pos.character + 1 };
  };
}

/** Runs once per file on its syntax tree, during the single parse; the tree is dropped after. */
export interface FactExtractor<T = unknown> {
  id: string;
  extract(ctx: FactContext): T;
}
