// A report for a pull-request comment or a job summary, for the reviewer: summary table, probes
// that did not finish, findings by severity with links to the file at the commit (when CI says
// which), a mermaid diagram of each runtime cycle and of each probe's pending chain. Every
// untrusted string goes through escape/markdown.ts or escape/mermaid.ts; the whole text stays
// under GitHub's 65,536-character comment limit.
import { mdCode, mdFence, mdText, mdUrlPath } from "./escape/markdown.js";
import { mermaidLabel } from "./escape/mermaid.js";
import type { ReporterOptions } from "./index.js";
import { ciPath, countBySeverity, cycleKey, cycleOfFinding, unfinishedProbes } from "./problems.js";
import type { ReportCycle, ReportFinding, ReportProbe, ReportV1, Severity } from "./types.js";

const MAX_DIAGRAM_EDGES = 24;
/** GitHub refuses a comment over 65,536 characters; the rest of the budget is for the tail note. */
export const MARKDOWN_BUDGET = 64_000;
const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function markdown(report: ReportV1, options: ReporterOptions): string {
  const at = locator(options);
  const head: string[] = [];
  const counts = countBySeverity(report);
  const runtime = report.cycles.filter((c) => c.runtime);
  const unfinished = unfinishedProbes(report);
  head.push(`## startup-doctor ${mdText(report.command ?? "scan")}`, "");
  const clean = report.findings.length === 0 && unfinished.length === 0;
  head.push(clean ? "**No startup problems found.**" : `**${verdict(counts.error, counts.warning, counts.info, unfinished.length)}**`, "");
  head.push("| errors | warnings | info | runtime cycles | probes not finished | modules |", "| ---: | ---: | ---: | ---: | ---: | ---: |");
  head.push(`| ${counts.error} | ${counts.warning} | ${counts.info} | ${runtime.length} | ${unfinished.length} | ${report.modules} |`, "");
  if (report.baseline) {
    const b = report.baseline;
    head.push(`Baseline ${mdCode(b.file)}: ${b.new} new, ${b.known} known (not shown), ${b.fixed.length} fixed.`);
    if (b.fixed.length > 0) {
      head.push("", "<details><summary>Fixed since the baseline</summary>", "");
      for (const key of b.fixed) head.push(`- ${mdCode(key)}`);
      head.push("", "</details>");
    }
    head.push("");
  }

  // Sections in the order a reviewer reads them; the size guard drops from the end.
  const sections: Array<{ title?: string; lines: string[] }> = [];
  if (report.probes.length > 0) {
    const probes = [...report.probes].sort((a, b) => Number(!unfinished.includes(a)) - Number(!unfinished.includes(b)));
    probes.forEach((p, i) => sections.push({ title: i === 0 ? "### Probes" : undefined, lines: probeSection(p, at) }));
  }
  const shownCycles = new Set<string>();
  const findings = [...report.findings].sort((a, b) => RANK[a.severity] - RANK[b.severity] || a.rule.localeCompare(b.rule) || a.file.localeCompare(b.file) || a.line - b.line);
  findings.forEach((f, i) => {
    const cycle = cycleOfFinding(report, f);
    const drawn = cycle !== undefined && !shownCycles.has(cycleKey(cycle));
    if (cycle) shownCycles.add(cycleKey(cycle));
    sections.push({ title: i === 0 ? "### Findings" : undefined, lines: findingSection(f, drawn ? cycle : undefined, at) });
  });
  const unshown = runtime.filter((c) => !shownCycles.has(cycleKey(c)));
  if (unshown.length > 0) {
    const lines = [`<details><summary>${unshown.length} other runtime cycle(s) without a new finding (baselined or rule off)</summary>`, ""];
    for (const c of unshown) lines.push(`- ${[...c.modules, c.modules[0]].map((m) => mdCode(m)).join(" → ")}`);
    lines.push("", "</details>");
    sections.push({ lines });
  }

  const out = [...head];
  let size = out.join("\n").length;
  let dropped = 0;
  for (const s of sections) {
    const lines = s.title ? [s.title, "", ...s.lines, ""] : [...s.lines, ""];
    const cost = lines.join("\n").length + 1;
    if (dropped > 0 || size + cost > MARKDOWN_BUDGET) {
      dropped += 1;
      continue;
    }
    out.push(...lines);
    size += cost;
  }
  if (dropped > 0) out.push(`*${dropped} more section(s) left out to stay under GitHub's comment size limit: see the SARIF or JSON report.*`);
  return `${out.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd()}\n`;
}

/** `file:line` as a code span, linked to the file at the commit when CI says which. */
type Locator = (file: string, line?: number) => string;

function locator(options: ReporterOptions): Locator {
  const links = options.sourceLinks;
  return (file, line) => {
    const label = mdCode(line !== undefined ? `${file}:${line}` : file);
    const path = ciPath(file, options.pathPrefix);
    if (!links || path.startsWith("../")) return label;
    return `[${label}](${links.base}${mdUrlPath(path)}${line !== undefined ? links.line(Math.max(1, line)) : ""})`;
  };
}

function verdict(errors: number, warnings: number, info: number, probes: number): string {
  const parts: string[] = [];
  if (probes > 0) parts.push(`${probes} probe(s) did not finish`);
  if (errors > 0) parts.push(`${errors} error(s)`);
  if (warnings > 0) parts.push(`${warnings} warning(s)`);
  if (info > 0) parts.push(`${info} info`);
  return parts.join(" · ");
}

/** The fence language GitHub highlights a file's code with. */
export function fenceLanguage(file: string): string {
  const ext = /\.([cm]?[jt]sx?)$/.exec(file)?.[1] ?? "";
  return ext.replace(/^[cm]/, "");
}

function findingSection(f: ReportFinding, cycle: ReportCycle | undefined, at: Locator): string[] {
  const lines = [`#### ${mdText(f.severity)} · ${mdCode(f.rule)} · ${at(f.file, f.line)}`, "", mdText(f.message)];
  if (f.code) lines.push("", ...mdFence(f.code, fenceLanguage(f.file)));
  if (f.entrypoints && f.entrypoints.length > 0) lines.push("", `On the startup path of ${f.entrypoints.map((e) => at(e)).join(", ")}.`);
  if (cycle) lines.push("", ...cycleDiagram(cycle));
  else if (f.chain && f.chain.length > 0) {
    lines.push("", "Chain:", "");
    for (const hop of f.chain) lines.push(`1. ${at(hop.file, hop.line)}${hop.note ? ` ${mdText(hop.note)}` : ""}`);
  }
  if (f.fix) lines.push("", `**Fix:** ${mdText(f.fix)}`);
  if (f.docs && /^https:\/\/[^\s()<>]+$/.test(f.docs)) lines.push("", `[About ${mdCode(f.rule)}](${f.docs})`);
  return lines;
}

/** Left to right up to three modules; top-down past that, so labels keep a readable size. */
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
    body.push(`  ${node(e.from)} -->|"${mermaidLabel(e.kind)} · line ${e.line}"| ${node(e.to)}`);
  }
  const nodes = [...ids].map(([file, id]) => `  ${id}["${mermaidLabel(file)}"]`);
  return ["```mermaid", ids.size > 3 ? "flowchart TD" : "flowchart LR", ...nodes, ...body, "```"];
}

function probeSection(p: ReportProbe, at: Locator): string[] {
  const lines = [`#### ${mdText(p.status.toUpperCase())} ${at(p.entry)} (${mdText(p.runtime)}, ${Math.round(p.durationMs)} ms${p.exitCode !== null ? `, exit ${p.exitCode}` : ""})`];
  if (p.summary) lines.push("", mdText(p.summary));
  if (p.error) lines.push("", `${mdCode(`${p.error.name}: ${p.error.message}`)}${p.error.file ? ` at ${at(p.error.file, p.error.line)}` : ""}`);
  if (p.pending.length > 0) lines.push("", "Never finished evaluating:", "", ...pendingDiagram(p));
  if (p.handles.length > 0) {
    lines.push("", "Kept alive by:", "");
    for (const h of p.handles) lines.push(`- ${mdText(`${h.type} ${h.description}`)}${h.file ? ` opened at ${at(h.file, h.line)}` : ""}`);
  }
  if (p.explainedBy && p.explainedBy.length > 0) lines.push("", `Explained by ${p.explainedBy.map((e) => `${mdCode(e.rule)} ${at(e.file, e.line)}`).join(", ")}.`);
  if (p.outputTail && p.outputTail.trim() !== "") {
    lines.push("", "<details><summary>The program's last output</summary>", "", ...mdFence(p.outputTail.slice(-4000), "text"), "", "</details>");
  }
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
  const nodes = [...ids].map(([file, id]) => `  ${id}["${mermaidLabel(file)}"]`);
  const stuck = [...ids].filter(([file]) => pending.has(file)).map(([, id]) => id);
  return ["```mermaid", "flowchart TD", ...nodes, ...body, "  classDef pending stroke:#d00,stroke-width:2px", `  class ${stuck.join(",")} pending`, "```"];
}
