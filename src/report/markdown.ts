// A report for a pull-request comment: summary table, each finding, a mermaid diagram of each
// runtime cycle and of each probe's pending chain (GitHub renders ```mermaid blocks).
import type { ReporterOptions } from "./index.js";
import { countBySeverity, cycleOfFinding, cycleKey, unfinishedProbes } from "./problems.js";
import type { ReportCycle, ReportFinding, ReportProbe, ReportV1 } from "./types.js";

const MAX_DIAGRAM_EDGES = 24;

export function markdown(report: ReportV1, _options: ReporterOptions): string {
  const out: string[] = [];
  const counts = countBySeverity(report);
  const runtime = report.cycles.filter((c) => c.runtime);
  const unfinished = unfinishedProbes(report);
  out.push(`## startup-doctor ${report.command ?? "scan"}`, "");
  const clean = report.findings.length === 0 && unfinished.length === 0;
  out.push(clean ? "**No startup problems found.**" : `**${verdict(counts.error, counts.warning, counts.info, unfinished.length)}**`, "");
  out.push("| errors | warnings | info | runtime cycles | probes not finished | modules |", "| ---: | ---: | ---: | ---: | ---: | ---: |");
  out.push(`| ${counts.error} | ${counts.warning} | ${counts.info} | ${runtime.length} | ${unfinished.length} | ${report.modules} |`, "");
  if (report.baseline) {
    const b = report.baseline;
    out.push(`Baseline \`${b.file}\`: ${b.new} new, ${b.known} known (not shown), ${b.fixed.length} fixed.`);
    if (b.fixed.length > 0) {
      out.push("", "<details><summary>Fixed since the baseline</summary>", "");
      for (const key of b.fixed) out.push(`- \`${code(key)}\``);
      out.push("", "</details>");
    }
    out.push("");
  }

  if (report.probes.length > 0) {
    out.push("### Probes", "");
    for (const p of report.probes) out.push(...probeSection(p), "");
  }

  const shownCycles = new Set<string>();
  if (report.findings.length > 0) {
    out.push("### Findings", "");
    for (const f of report.findings) {
      const cycle = cycleOfFinding(report, f);
      if (cycle) shownCycles.add(cycleKey(cycle));
      out.push(...findingSection(f, cycle), "");
    }
  }
  const unshown = runtime.filter((c) => !shownCycles.has(cycleKey(c)));
  if (unshown.length > 0) {
    out.push(`<details><summary>${unshown.length} other runtime cycle(s) without a new finding (baselined or rule off)</summary>`, "");
    for (const c of unshown) out.push(`- ${[...c.modules, c.modules[0]].map((m) => `\`${code(m)}\``).join(" → ")}`);
    out.push("", "</details>", "");
  }
  return `${out.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd()}\n`;
}

function verdict(errors: number, warnings: number, info: number, probes: number): string {
  const parts: string[] = [];
  if (probes > 0) parts.push(`${probes} probe(s) did not finish`);
  if (errors > 0) parts.push(`${errors} error(s)`);
  if (warnings > 0) parts.push(`${warnings} warning(s)`);
  if (info > 0) parts.push(`${info} info`);
  return parts.join(" · ");
}

function findingSection(f: ReportFinding, cycle: ReportCycle | undefined): string[] {
  const lines = [`#### ${f.severity} · \`${f.rule}\` · \`${code(`${f.file}:${f.line}`)}\``, "", text(f.message)];
  if (f.code) lines.push("", "```ts", f.code, "```");
  if (f.entrypoints && f.entrypoints.length > 0) lines.push("", `On the startup path of ${f.entrypoints.map((e) => `\`${code(e)}\``).join(", ")}.`);
  if (cycle) lines.push("", ...cycleDiagram(cycle));
  else if (f.chain && f.chain.length > 0) {
    lines.push("", "Chain:", "");
    for (const hop of f.chain) lines.push(`1. \`${code(`${hop.file}:${hop.line}`)}\`${hop.note ? ` ${text(hop.note)}` : ""}`);
  }
  if (f.fix) lines.push("", `**Fix:** ${text(f.fix)}`);
  if (f.docs) lines.push("", `[About \`${f.rule}\`](${f.docs})`);
  return lines;
}

function cycleDiagram(cycle: ReportCycle): string[] {
  const ids = new Map<string, string>();
  const node = (file: string): string => {
    let id = ids.get(file);
    if (!id) {
      id = `m${ids.size}`;
      ids.set(file, id);
    }
    return id;
  };
  const edges = cycle.edges.length > MAX_DIAGRAM_EDGES ? [...cycle.edges.slice(0, MAX_DIAGRAM_EDGES - 4), null, ...cycle.edges.slice(-4)] : cycle.edges;
  const body: string[] = [];
  let gap = 0;
  for (const e of edges) {
    if (e === null) {
      gap += 1;
      body.push(`  gap${gap}(["… ${cycle.edges.length - MAX_DIAGRAM_EDGES + 1} more edges …"])`);
      continue;
    }
    body.push(`  ${node(e.from)} -->|"${e.kind} · line ${e.line}"| ${node(e.to)}`);
  }
  const nodes = [...ids].map(([file, id]) => `  ${id}["${label(file)}"]`);
  return ["```mermaid", "flowchart LR", ...nodes, ...body, "```"];
}

function probeSection(p: ReportProbe): string[] {
  const lines = [`#### ${p.status.toUpperCase()} \`${code(p.entry)}\` (${p.runtime}, ${Math.round(p.durationMs)} ms${p.exitCode !== null ? `, exit ${p.exitCode}` : ""})`];
  if (p.summary) lines.push("", text(p.summary));
  if (p.error) lines.push("", `\`${code(`${p.error.name}: ${p.error.message}`)}\`${p.error.file ? ` at \`${code(`${p.error.file}:${p.error.line ?? "?"}`)}\`` : ""}`);
  if (p.pending.length > 0) lines.push("", "Never finished evaluating:", "", ...pendingDiagram(p));
  if (p.handles.length > 0) {
    lines.push("", "Kept alive by:", "");
    for (const h of p.handles) lines.push(`- ${text(`${h.type} ${h.description}`)}${h.file ? ` opened at \`${code(`${h.file}:${h.line ?? "?"}`)}\`` : ""}`);
  }
  if (p.explainedBy && p.explainedBy.length > 0) lines.push("", `Explained by ${p.explainedBy.map((e) => `\`${e.rule}\` \`${code(`${e.file}:${e.line}`)}\``).join(", ")}.`);
  return lines;
}

/** Outermost first: each pending module waits for the next; a `cycle` closes back into the chain. */
function pendingDiagram(p: ReportProbe): string[] {
  const ids = new Map<string, string>();
  const node = (file: string): string => {
    let id = ids.get(file);
    if (!id) {
      id = `p${ids.size}`;
      ids.set(file, id);
    }
    return id;
  };
  const pending = new Set(p.pending.map((m) => m.file));
  const body: string[] = [];
  p.pending.forEach((m, i) => {
    const next = m.waitingFor ?? p.pending[i + 1]?.file;
    node(m.file);
    if (!next) return;
    const how = m.line !== undefined ? `waits at line ${m.line}` : "waits for";
    body.push(`  ${node(m.file)} -->|"${how}"| ${node(next)}`);
    if (m.cycle && m.cycle.length > 0) {
      const loop = m.cycle[0] === next ? m.cycle : [next, ...m.cycle];
      for (let k = 0; k + 1 < loop.length; k++) body.push(`  ${node(loop[k])} -.->|imports| ${node(loop[k + 1])}`);
    }
  });
  const nodes = [...ids].map(([file, id]) => `  ${id}["${label(file)}"]`);
  const stuck = [...ids].filter(([file]) => pending.has(file)).map(([, id]) => id);
  return ["```mermaid", "flowchart TD", ...nodes, ...body, "  classDef pending stroke:#d00,stroke-width:2px", `  class ${stuck.join(",")} pending`, "```"];
}

function label(s: string): string {
  return s.replace(/"/g, "#quot;");
}

/** Text inside a code span: a backtick would end it. */
function code(s: string): string {
  return s.replace(/`/g, "'");
}

/** Plain text: keep markdown and HTML from interpreting it. */
function text(s: string): string {
  return s.replace(/[\\`*_[\]<|]/g, (ch) => `\\${ch}`).replace(/\n/g, "  \n");
}
