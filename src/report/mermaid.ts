// Mermaid flowchart of the eager import graph; runtime cycles highlighted (GitHub renders it).
import { cycleMembership } from "./dot.js";
import type { ReportV1 } from "./types.js";

export function mermaid(report: ReportV1): string {
  const graph = report.graph ?? { nodes: [], edges: [] };
  const { cyclic, cyclicEdges } = cycleMembership(report);
  const id = new Map(graph.nodes.map((n, i) => [n, `m${i}`]));
  const lines = ["flowchart LR"];
  for (const n of graph.nodes) lines.push(`  ${id.get(n)}["${n.replace(/"/g, "#quot;")}"]`);
  const red: number[] = [];
  graph.edges.forEach((e, i) => {
    const arrow = e.kind === "dynamic" ? "-.->" : "-->";
    lines.push(`  ${id.get(e.from)} ${arrow}|${e.line}| ${id.get(e.to)}`);
    if (cyclicEdges.has(`${e.from}\0${e.to}`)) red.push(i);
  });
  const cyclicIds = graph.nodes.filter((n) => cyclic.has(n)).map((n) => id.get(n));
  if (cyclicIds.length > 0) {
    lines.push("  classDef cycle stroke:#d00,stroke-width:2px,color:#d00");
    lines.push(`  class ${cyclicIds.join(",")} cycle`);
  }
  if (red.length > 0) lines.push(`  linkStyle ${red.join(",")} stroke:#d00,stroke-width:2px`);
  return `${lines.join("\n")}\n`;
}
