// Ties a probe's outcome to the static findings that explain it, most likely first. Pure.
import type { ReportFinding, ReportProbe } from "../report/types.js";

interface Scored {
  finding: ReportFinding;
  score: number;
}

export function linkProbesToFindings(probes: ReportProbe[], findings: ReportFinding[]): ReportProbe[] {
  return probes.map((probe) => {
    const scored = findings
      .map((finding) => ({ finding, score: scoreFinding(probe, finding) }))
      .filter((entry) => entry.score > 0)
      .sort(byScore);
    if (scored.length === 0) return probe;
    const explainedBy = scored.map(({ finding }) => ({ rule: finding.rule, file: finding.file, line: finding.line }));
    return { ...probe, explainedBy, summary: withCause(probe.summary ?? "", scored) };
  });
}

function scoreFinding(probe: ReportProbe, finding: ReportFinding): number {
  switch (finding.rule) {
    case "tla-deadlock":
      return probe.status === "hang" || probe.status === "unsettled" ? deadlockScore(probe, finding) : 0;
    case "tla-cycle-risk":
      // A risk, not a certainty: it ranks below any certain deadlock that overlaps as much.
      return probe.status === "hang" || probe.status === "unsettled" ? Math.max(0, deadlockScore(probe, finding) - 60) : 0;
    case "tdz-risk":
      return probe.status === "crash" ? crashScore(probe, finding, 90) : 0;
    case "import-cycle":
      return probe.status === "crash" ? crashScore(probe, finding, 30) : 0;
    case "import-time-async":
    case "async-constructor":
      return probe.status === "hang" || probe.status === "blocked" || probe.status === "unsettled" ? handleScore(probe, finding) : 0;
    default:
      return 0;
  }
}

function filesOf(finding: ReportFinding): Set<string> {
  return new Set([finding.file, ...(finding.chain ?? []).map((hop) => hop.file)]);
}

/** The deadlock whose chain covers the most of the pending modules, the module waited for and its loop. */
function deadlockScore(probe: ReportProbe, finding: ReportFinding): number {
  const pendingFiles = new Set<string>();
  for (const module of probe.pending) {
    pendingFiles.add(module.file);
    if (module.waitingFor) pendingFiles.add(module.waitingFor);
    for (const file of module.cycle ?? []) pendingFiles.add(file);
  }
  const files = filesOf(finding);
  let overlap = 0;
  for (const file of files) if (pendingFiles.has(file)) overlap++;
  if (overlap === 0) return 0;
  const exactLine = probe.pending.some((module) => module.file === finding.file && module.line === finding.line);
  return 100 + overlap * 10 + (exactLine ? 20 : 0);
}

function crashScore(probe: ReportProbe, finding: ReportFinding, base: number): number {
  const file = probe.error?.file;
  if (!file) return 0;
  if (finding.file === file) return base + (finding.line === probe.error?.line ? 10 : 5);
  return filesOf(finding).has(file) ? base - 20 : 0;
}

/** The finding whose file:line started a live handle, or appears in its creation stack. */
function handleScore(probe: ReportProbe, finding: ReportFinding): number {
  const sites = [{ file: finding.file, line: finding.line }, ...(finding.chain ?? [])];
  let best = 0;
  for (const handle of probe.handles) {
    for (const site of sites) {
      if (handle.file === site.file && handle.line === site.line) best = Math.max(best, 80);
      else if ([...(handle.stack ?? []), ...(handle.startedBy ?? [])].some((frame) => frame.includes(`${site.file}:${site.line}:`))) best = Math.max(best, 70);
      else if (handle.file === site.file) best = Math.max(best, 40);
    }
  }
  return best;
}

function byScore(a: Scored, b: Scored): number {
  return b.score - a.score || a.finding.file.localeCompare(b.finding.file) || a.finding.line - b.finding.line;
}

function withCause(summary: string, scored: Scored[]): string {
  const [first, ...rest] = scored;
  if (!first) return summary;
  // The first sentence only: the finding itself, printed below, carries the full explanation.
  const headline = first.finding.message.split(/\.\s/)[0];
  const cause = `Most likely cause: ${first.finding.rule} at ${first.finding.file}:${first.finding.line}: ${headline}`;
  const also = rest.length > 0 ? ` Also related: ${rest.map(({ finding }) => `${finding.rule} at ${finding.file}:${finding.line}`).join(", ")}.` : "";
  return `${summary} ${cause.replace(/\.?$/, ".")}${also}`.trim();
}
