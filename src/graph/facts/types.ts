import type { TS } from "../typescript.js";

export interface FactContext {
  /** Absolute POSIX path of the file. */
  file: string;
  sourceFile: TS.SourceFile;
  /** Source lines (0-based index), for quoting code in findings. */
  lines: string[];
}

/** Runs once per file on its syntax tree, during the single parse; the tree is dropped after. */
export interface FactExtractor<T = unknown> {
  id: string;
  extract(ctx: FactContext): T;
}
