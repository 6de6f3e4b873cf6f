// Mermaid flowchart of the eager import graph; runtime cycles highlighted (GitHub renders it).
// Module names are labels only, through escape/mermaid.ts: ids are generated.
import { cycleMembership } from "./dot.js";
import { mermaidLabel } from "./escape/mermaid.js";
import type { ReportV1 } from "./types.js";

export function mermaid(report: ReportV1): string {
  const graph = report.graph ?? { nodes: [], edges: [] };
  const { cyclic, cyclicEdges } = cycleMembership(report);
  const id = new Map(graph.nodes.map((n, i) => [n, `m${i}`]));
  const lines = ["flowchart LR"];
  for (const n of graph.nodes) lines.push(`  ${id.get(n)}["${mermaidLabel(n)}"]`);
  const red: number[] = [];
  let drawn = 0;
  for (const e of graph.edges) {
    const from = id.get(e.from);
    const to = id.get(e.to);
    if (!from || !to) continue;
    const arrow = e.kind === "dynamic" ? "-.->" : "-->";
    lines.push(`  ${from} ${arrow}|${Math.trunc(Number(e.line)) || 0}| ${to}`);
    if (cyclicEdges.has(`${e.from}\0${e.to}`)) red.push(drawn);
    drawn += 1;
  }
  const cyclicIds = graph.nodes.filter((n) => cyclic.has(n)).map((n) => id.get(n));
  if (cyclicIds.length > 0) {
    lines.push("  classDef cycle stroke:#d00,stroke-width:2px,color:#d00");
    lines.push(`  class ${cyclicIds.join(",")} cycle`);
  }
  if (red.length > 0) lines.push(`  linkStyle ${red.join(",")} stroke:#d00,stroke-width:2px`);
  return `${lines.join("\n")}\n`;
}
