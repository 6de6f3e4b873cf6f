// Shared by rules: which entrypoints load a file eagerly, and the explain-style chain from the
// first of them.
import { chainTo } from "../graph/reach.js";
import type { ChainHop } from "../report/types.js";
import type { RuleContext } from "./types.js";

export function chainFromEntrypoints(ctx: RuleContext, file: string): { entrypoints: string[]; chain: ChainHop[] | null } {
  const entrypoints: string[] = [];
  let chain: ChainHop[] | null = null;
  for (const tree of ctx.reach) {
    const edges = chainTo(tree, file);
    if (!edges) continue;
    entrypoints.push(ctx.rel(tree.entry));
    chain ??= edges.map((e) => ({ file: ctx.rel(e.from), line: e.line, note: `imports ${ctx.rel(e.to)}` }));
  }
  return { entrypoints, chain };
}
