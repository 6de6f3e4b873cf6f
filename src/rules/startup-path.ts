// Shared by rules: which entrypoints load a file eagerly. A reach tree already holds, for every
// module, the edge it was first reached through; the chain itself is built only when a reader
// asks for it (graph/reach chainTo), never per finding: 4,000 chained modules each starting a
// timer made per-finding chains quadratic (issue 12).
import { chainTo } from "../graph/reach.js";
import type { ChainHop } from "../report/types.js";
import type { RuleContext } from "./types.js";

export function entrypointsReaching(ctx: RuleContext, file: string): string[] {
  const out: string[] = [];
  for (const tree of ctx.reach) if (tree.via.has(file)) out.push(ctx.rel(tree.entry));
  return out;
}

/** The entrypoints, and the import chain from the first of them: for rules that show the chain. */
export function chainFromEntrypoints(ctx: RuleContext, file: string): { entrypoints: string[]; chain: ChainHop[] | null } {
  const entrypoints = entrypointsReaching(ctx, file);
  const first = ctx.reach.find((tree) => tree.via.has(file));
  const edges = first ? chainTo(first, file) : null;
  return { entrypoints, chain: edges ? edges.map((e) => ({ file: ctx.rel(e.from), line: e.line, note: `imports ${ctx.rel(e.to)}` })) : null };
}
