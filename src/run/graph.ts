import type { ReportEdge, ReportV1 } from "../report/types.js";
import { analyze, toReport, type AnalyzeOptions, type AnalyzeRun } from "./analyze.js";

/** `graph`: the eager import graph (edges that run at startup) with cycles for highlighting. */
export async function graph(options: AnalyzeOptions, run: AnalyzeRun = {}): Promise<ReportV1> {
  const analysis = await analyze(options, run);
  const report = toReport(analysis, "graph");
  const rel = analysis.ctx.rel;
  const edges: ReportEdge[] = [];
  for (const file of analysis.graph.files) {
    const seen = new Set<string>();
    for (const e of analysis.graph.edges.get(file) ?? []) {
      if (!e.runtime || seen.has(e.to)) continue;
      seen.add(e.to);
      edges.push({ from: rel(e.from), to: rel(e.to), line: e.line, kind: e.kind, specifier: e.specifier });
    }
  }
  return { ...report, graph: { nodes: analysis.graph.files.map(rel), edges } };
}
