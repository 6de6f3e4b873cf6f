// Graphviz DOT of the eager import graph; modules and edges on runtime cycles in red.
import type { ReportV1 } from "./types.js";

export function dot(report: ReportV1): string {
  const graph = report.graph ?? { nodes: [], edges: [] };
  const { cyclic, cyclicEdges } = cycleMembership(report);
  const q = (s: string): string => JSON.stringify(s);
  const lines = ["digraph imports {", "  rankdir=LR;", '  node [shape=box, fontname="Helvetica", fontsize=10];'];
  for (const n of graph.nodes) lines.push(`  ${q(n)}${cyclic.has(n) ? " [color=red, fontcolor=red]" : ""};`);
  for (const e of graph.edges) {
    const attrs = [`label=${q(`${e.line}`)}`];
    if (cyclicEdges.has(`${e.from}\0${e.to}`)) attrs.push("color=red", "penwidth=2");
    if (e.kind === "dynamic") attrs.push("style=dashed");
    lines.push(`  ${q(e.from)} -> ${q(e.to)} [${attrs.join(", ")}];`);
  }
  lines.push("}");
  return `${lines.join("\n")}\n`;
}

export function cycleMembership(report: ReportV1): { cyclic: Set<string>; cyclicEdges: Set<string> } {
  const cyclic = new Set<string>();
  const cyclicEdges = new Set<string>();
  for (const c of report.cycles.filter((c) => c.runtime)) {
    for (const m of c.component ?? c.modules) cyclic.add(m);
    for (const e of c.edges) cyclicEdges.add(`${e.from}\0${e.to}`);
  }
  return { cyclic, cyclicEdges };
}
