// Human output for the person at 2 a.m.: the answer first (each probe's verdict with its cause
// in one sentence, the most severe finding), then the details (probe blocks, findings by
// entrypoint, cycles, warnings), and last the counts and the worst verdict again, so that the
// screen left after the run shows it. Wrapped to the terminal width when there is one.
// Reads only the report.
import { Chalk } from "chalk";
import type { ReportCycle, ReportFinding, ReportProbe, ReportV1, Severity } from "./types.js";
import { prettyProbes } from "./pretty-probes.js";
import { byVerdict, causeSentence, isFailed, probeLabel, readySentence } from "./probe-headline.js";
import { terminalSafeReport } from "./escape/terminal.js";
import { wrapLines } from "./wrap.js";
import { cycleOfFinding } from "./problems.js";

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export interface PrettyOptions {
  color: boolean;
  /** Terminal columns to wrap to; undefined: no wrapping (a file, a pipe). */
  width?: number;
  /** The text goes to a CI log that runs workflow commands: `::` and `##[` in untrusted text are defused. */
  ciLog?: boolean;
}

type C = InstanceType<typeof Chalk>;

export function pretty(untrusted: ReportV1, options: PrettyOptions): string {
  // Every string of the report (names, messages, code, the app's output) made terminal-safe once,
  // so that no field printed below can be forgotten (escape/terminal.ts, issue 10 §2).
  const report = terminalSafeReport(untrusted, { ciLog: options.ciLog === true });
  const c = new Chalk({ level: options.color ? 1 : 0 });
  if (report.explain) return `${wrapLines(prettyExplain(report, c), options.width).join("\n")}\n`;
  const out: string[] = [];
  const sev = (s: Severity): string => (s === "error" ? c.red.bold("error  ") : s === "warning" ? c.yellow("warning") : c.blue("info   "));

  const entries = report.entrypointSources ?? report.entrypoints.map((file) => ({ file, source: "" }));
  out.push(`${c.bold("startup-doctor")} ${report.command ?? "scan"} ${c.dim(report.root)}`);
  out.push(`${report.modules} modules · entrypoints: ${entries.length === 0 ? c.yellow("none found (use --entry)") : entries.map((e) => `${e.file}${e.source ? c.dim(` (${e.source})`) : ""}`).join(", ")}`);
  const left = excludedLine(report);
  if (left) out.push(c.dim(left));
  out.push("");

  // Within a severity, what stops startup outright (a deadlock, a crash) comes before its causes.
  const ruleRank = (rule: string): number => ["tla-deadlock", "unresolved-import", "import-case-mismatch", "tdz-risk", "async-constructor", "import-time-async", "tla-cycle-risk"].indexOf(rule) >>> 0;
  const findings = [...report.findings].sort((a, b) => RANK[a.severity] - RANK[b.severity] || ruleRank(a.rule) - ruleRank(b.rule) || a.file.localeCompare(b.file) || a.line - b.line);
  // Each runtime cycle is printed once, under its import-cycle finding; a switched-off rule
  // (absent from report.rules) prints nothing, and a cycle whose finding is gone (baseline,
  // ignore globs) is not repeated as a section of its own (issue 9 §8).
  const cyclesShown = !report.rules || report.rules.some((r) => r.id === "import-cycle");
  const cycleOf = new Map(findings.filter((f) => f.rule === "import-cycle").map((f) => [f, cycleOfFinding(report, f)] as const));
  const runtime = [...cycleOf.values()].filter((cy): cy is ReportCycle => cy !== undefined);
  const lazy = cyclesShown ? report.cycles.filter((cy) => !cy.runtime) : [];

  // The answer.
  const probes = [...report.probes].sort(byVerdict);
  for (const p of probes) out.push(verdictLine(p, c));
  for (const line of runtimesDiffer(report, c)) out.push(line);
  if (findings[0]) out.push(`${findings.length === 1 ? "Finding" : `Most severe of ${findings.length} findings`}: ${sev(findings[0].severity).trim()} ${c.cyan(`${findings[0].file}:${findings[0].line}`)} ${c.dim(findings[0].rule)} ${headline(findings[0].message)}`);
  if (probes.length > 0 || findings[0]) out.push("");

  // The details.
  if (report.probes.length > 0) out.push(c.dim("Details"), ...prettyProbes(report, c), "");
  for (const [group, items] of groupByEntrypoint(findings)) {
    out.push(c.bold(group));
    for (const f of items) {
      out.push(...formatFinding(f, sev, c));
      const cycle = cycleOf.get(f);
      if (cycle) out.push(...formatCycle(cycle, c));
    }
    out.push("");
  }
  if (lazy.length > 0) {
    out.push(c.dim(`${lazy.length} cycle(s) close only through type-only or lazy imports and do not run at startup:`));
    for (const cycle of lazy) out.push(c.dim(`  ${[...cycle.modules, cycle.modules[0]].join(" -> ")}`));
    out.push("");
  }
  const warnings = report.warnings ?? [];
  if (warnings.length > 0) {
    out.push(c.dim(`${warnings.length} warning(s) while reading the project:`));
    for (const w of warnings.slice(0, 20)) out.push(c.dim(`  ${w.file ? `${w.file}${w.line ? `:${w.line}` : ""}: ` : ""}${w.message}`));
    if (warnings.length > 20) out.push(c.dim(`  … ${warnings.length - 20} more (see --format json)`));
    out.push("");
  }

  // The counts, and the worst verdict again as the last line.
  const counts = (s: Severity): number => report.findings.filter((f) => f.severity === s).length;
  const failed = probes.filter(isFailed);
  const summary = [`${counts("error")} error(s)`, `${counts("warning")} warning(s)`, ...(counts("info") > 0 ? [`${counts("info")} info`] : []), `${runtime.length} runtime cycle(s)`];
  if (report.probes.length > 0) summary.push(`${failed.length} of ${report.probes.length} probe(s) failed`);
  if (report.baseline) summary.push(`${report.baseline.known} known from baseline`, `${report.baseline.fixed.length} fixed`);
  const clean = report.findings.length === 0 && runtime.length === 0 && failed.length === 0;
  if (clean) out.push(c.green("No startup problems found."));
  else {
    out.push(summary.join(" · "));
    if (failed[0]) out.push(verdictLine(failed[0], c));
    else if (findings[0]) out.push(`${sev(findings[0].severity).trim()} ${c.cyan(`${findings[0].file}:${findings[0].line}`)} ${c.dim(findings[0].rule)} ${headline(findings[0].message)}`);
  }
  return `${wrapLines(out, options.width).join("\n")}\n`;
}

function verdictLine(p: ReportProbe, c: C): string {
  const badge = isFailed(p) ? c.red.bold(p.status.toUpperCase()) : c.green(p.status.toUpperCase());
  const label = `${badge} ${c.bold(p.entry)} ${c.dim(probeLabel(p).slice(p.entry.length + 1))}`;
  if (isFailed(p)) return `${label}: ${causeSentence(p)}`;
  return p.ready || p.background?.length ? `${label}: ${readySentence(p)}` : label;
}

function runtimesDiffer(report: ReportV1, c: C): string[] {
  const entries = [...new Set(report.probes.filter((p) => p.differsFrom && p.differsFrom.length > 0).map((p) => p.entry))];
  return entries.map((entry) => `${c.yellow.bold("RUNTIMES DIFFER")} ${c.bold(entry)}: ${report.probes.filter((q) => q.entry === entry).map((q) => `${q.runtime} ${q.status}`).join(", ")}`);
}

// The answer line stays within about three rows at 80 columns; the full message is in the details.
const HEADLINE_ROOM = 200;

/** A finding message's first sentence, shortened to the answer line's room. */
function headline(message: string): string {
  const first = message.split(/(?<=\.)\s/)[0] ?? message;
  return first.length > HEADLINE_ROOM ? `${first.slice(0, HEADLINE_ROOM - 1).trimEnd()}…` : first;
}

/** "left out: 212 test files, 4 scripts (--scope all scans them)", or null when nothing was. */
export function excludedLine(report: ReportV1): string | null {
  const x = report.excluded;
  if (!x) return null;
  const parts = [
    [x.tests, "test file"],
    [x.stories, "story", "stories"],
    [x.scripts, "script"],
    [x.browser, "browser file"],
  ] as const;
  const shown = parts.filter(([n]) => n > 0).map(([n, one, many]) => `${n} ${n === 1 ? one : (many ?? `${one}s`)}`);
  return shown.length > 0 ? `left out: ${shown.join(", ")} (--scope all scans them)` : null;
}

function groupByEntrypoint(findings: ReportFinding[]): Map<string, ReportFinding[]> {
  const groups = new Map<string, ReportFinding[]>();
  for (const f of findings) {
    const key = f.entrypoints && f.entrypoints.length > 0 ? `On the startup path of ${f.entrypoints.join(", ")}` : "Not loaded eagerly by any entrypoint";
    const list = groups.get(key) ?? [];
    list.push(f);
    groups.set(key, list);
  }
  return groups;
}

function formatFinding(f: ReportFinding, sev: (s: Severity) => string, c: C): string[] {
  const lines = [`  ${sev(f.severity)} ${c.cyan(`${f.file}:${f.line}`)} ${c.dim(f.rule)}`, `    ${f.message}`];
  if (f.code) lines.push(`    ${c.dim("│")} ${f.code}`);
  if (f.chain && f.chain.length > 0 && f.rule !== "import-cycle") {
    lines.push(`    ${c.dim("chain:")}`);
    for (const hop of f.chain) lines.push(`      ${c.cyan(`${hop.file}:${hop.line}`)}${hop.note ? ` ${c.dim(hop.note)}` : ""}`);
  }
  if (f.fix) lines.push(`    ${c.green("fix:")} ${f.fix}`);
  return lines;
}

function formatCycle(cycle: ReportCycle, c: C): string[] {
  const size = cycle.size && cycle.size > cycle.modules.length ? c.dim(` (component of ${cycle.size} modules)`) : "";
  const loop = [...cycle.modules, cycle.modules[0]];
  const shown = loop.length > 10 ? [...loop.slice(0, 4), c.dim(`… ${loop.length - 7} more …`), ...loop.slice(-3)] : loop;
  const lines = [`    ${c.red("●")} ${shown.join(c.dim(" -> "))}${size}`];
  const edges = cycle.edges.length > 16 ? [...cycle.edges.slice(0, 10), null, ...cycle.edges.slice(-5)] : cycle.edges;
  for (const e of edges) {
    // Two imports between the same files: say which one runs, so the cycle is not read twice.
    const also = e?.alsoAt?.map((a) => `line ${a.line} ${a.kind}${a.runtime ? "" : ", not at runtime"}`).join("; ");
    lines.push(e ? `      ${c.cyan(`${e.from}:${e.line}`)} ${c.dim(e.kind)} -> ${e.to}${also ? c.dim(` (also ${also})`) : ""}` : c.dim(`      … ${cycle.edges.length - 15} more edges (see --format json)`));
  }
  return lines;
}

function prettyExplain(report: ReportV1, c: C): string[] {
  const explain = report.explain!;
  const out = [`${c.bold("How")} ${c.cyan(explain.target)} ${c.bold("is loaded at startup")}`];
  if (explain.chains.length === 0) out.push(c.yellow("  no entrypoints found (use --entry)"));
  for (const chain of explain.chains) {
    out.push("", `  from ${c.bold(chain.entry)}:`);
    if (!chain.hops) out.push(c.dim("    not loaded eagerly from this entrypoint"));
    else if (chain.hops.length === 0) out.push(c.dim("    it is the entrypoint"));
    else for (const h of chain.hops) out.push(`    ${c.cyan(`${h.from}:${h.line}`)} ${c.dim(h.kind)} -> ${h.to}`);
  }
  return out;
}
