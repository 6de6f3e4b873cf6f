import type { TS } from "../typescript.js";
import type { EmitFacts } from "./shapes.js";

export interface FactContext {
  /** Absolute POSIX path of the file. */
  file: string;
  sourceFile: TS.SourceFile;
  /** What the file's compiler emits (decorator metadata, module format); absent when unknown. */
  emit?: EmitFacts;
}

/** Where a node starts, with its source line quoted, read from the file's line starts. */
export function whereIn(sf: TS.SourceFile): (node: TS.Node) => { line: number; column: number; code: string } {
  const starts = sf.getLineStarts();
  return (node) => {
    const pos = sf.getLineAndCharacterOfPosition(node.getStart(sf));
    const end = pos.line + 1 < starts.length ? starts[pos.line + 1] : sf.text.length;
    return { line: pos.line + 1, column: pos.character + 1, code: sf.text.slice(starts[pos.line], end).trim() };
  };
}

/** Runs once per file on its syntax tree, during the single parse; the tree is dropped after. */
export interface FactExtractor<T = unknown> {
  id: string;
  extract(ctx: FactContext): T;
}
