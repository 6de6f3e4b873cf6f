// What CI formats (sarif, github, markdown) show as problems: findings, the runtime cycle behind
// an import-cycle finding, and probes that did not finish. Reads only the report.
import type { ReportCycle, ReportFinding, ReportProbe, ReportRule, ReportV1, Severity } from "./types.js";

export const PROJECT_URL = "https://github.com/startup-doctor/startup-doctor";

const UNFINISHED = new Set(["hang", "blocked", "crash", "unsettled", "exit"]);

export function unfinishedProbes(report: ReportV1): ReportProbe[] {
  return report.probes.filter((p) => UNFINISHED.has(p.status));
}

/** The sorted module set a cycle is known by (same shape as the import-cycle finding key). */
export function cycleKey(cycle: ReportCycle): string {
  return `import-cycle:${[...(cycle.component ?? cycle.modules)].sort().join(",")}`;
}

/** The runtime cycle an import-cycle finding reports: same key, or closed by the edge it points at. */
export function cycleOfFinding(report: ReportV1, finding: ReportFinding): ReportCycle | undefined {
  if (finding.rule !== "import-cycle") return undefined;
  const runtime = report.cycles.filter((c) => c.runtime);
  return (
    runtime.find((c) => finding.key !== undefined && cycleKey(c) === finding.key) ??
    runtime.find((c) => {
      const closing = c.edges[c.edges.length - 1];
      return closing !== undefined && closing.from === finding.file && closing.line === finding.line;
    })
  );
}

/** Rules to describe: those the report lists, plus any a finding names that it does not. */
export function rulesOf(report: ReportV1): ReportRule[] {
  const listed = new Map((report.rules ?? []).map((r) => [r.id, r]));
  for (const f of report.findings) {
    if (!listed.has(f.rule)) listed.set(f.rule, { id: f.rule, severity: f.severity, description: f.rule, docs: f.docs ?? `${PROJECT_URL}/blob/main/docs/rules/${f.rule}.md` });
  }
  return [...listed.values()].sort((a, b) => a.id.localeCompare(b.id));
}

export function probeRuleId(p: ReportProbe): string {
  return `probe-${p.status}`;
}

export const PROBE_DESCRIPTIONS: Record<string, string> = {
  hang: "The entrypoint never finished importing, and something kept the process alive.",
  blocked: "The main thread stayed in synchronous code (a loop, or a synchronous wait) and never finished importing the entrypoint.",
  crash: "Importing the entrypoint threw.",
  unsettled: "A top-level await never settled and nothing kept the process alive (Node exit code 13).",
  exit: "The process exited while the entrypoint was still importing.",
};

/** Where a probe problem points: the thrown error, else the innermost waiting module, else the entry. */
export function probeLocation(p: ReportProbe): { file: string; line: number; column?: number } {
  if (p.error?.file) return { file: p.error.file, line: p.error.line ?? 1, column: p.error.column };
  const waiting = [...p.pending].reverse().find((m) => m.line !== undefined);
  if (waiting) return { file: waiting.file, line: waiting.line ?? 1 };
  return { file: p.entry, line: 1 };
}

export function probeMessage(p: ReportProbe): string {
  return p.summary ?? `${p.entry}: ${p.status} under ${p.runtime} after ${Math.round(p.durationMs)} ms. ${PROBE_DESCRIPTIONS[p.status] ?? ""}`.trim();
}

export function countBySeverity(report: ReportV1): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of report.findings) counts[f.severity] += 1;
  return counts;
}

/** A root-relative report path as seen from the CI checkout. */
export function ciPath(file: string, prefix: string | undefined): string {
  if (!prefix) return file;
  const joined = `${prefix.replace(/\/?$/, "/")}${file}`;
  // "packages/api/../shared/x.ts" -> "packages/shared/x.ts"
  const out: string[] = [];
  for (const part of joined.split("/")) {
    if (part === "..") {
      if (out.length > 0 && out[out.length - 1] !== "..") out.pop();
      else out.push(part);
    } else if (part !== "." && part !== "") out.push(part);
  }
  return out.join("/");
}
