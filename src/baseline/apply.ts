// Baseline bookkeeping on a finished report. Pure: known problems leave `findings` (so only new
// ones reach the exit code), and `baseline` says how many were known and which were fixed.
import type { ReportV1 } from "../report/types.js";
import { stableKey } from "./identity.js";
import { cycleKey, cycleSetKey, findingKey, sortedModules } from "./keys.js";
import type { BaselineFile, BaselineFinding } from "./types.js";

export function createBaseline(report: ReportV1): BaselineFile {
  const cycles = report.cycles.filter((c) => c.runtime).map(sortedModules);
  const seenCycles = new Set(cycles.map(cycleSetKey));
  const findings = new Map<string, BaselineFinding>();
  for (const f of report.findings) {
    const id = findingKey(report, f);
    if (id.kind === "cycle") continue;
    const known = findings.get(id.key);
    if (known) known.count = (known.count ?? 1) + 1;
    else findings.set(id.key, { rule: f.rule, file: f.file, key: id.key });
  }
  // An import-cycle finding whose cycle is not in the report still needs an entry.
  for (const f of report.findings) {
    const id = findingKey(report, f);
    if (id.kind === "cycle" && !seenCycles.has(id.key)) findings.set(id.key, { rule: f.rule, file: f.file, key: id.key });
  }
  return {
    version: 1,
    cycles: dedupe(cycles).sort((a, b) => cycleSetKey(a).localeCompare(cycleSetKey(b))),
    findings: [...findings.values()].sort((a, b) => a.key.localeCompare(b.key)),
  };
}

export function applyBaseline(report: ReportV1, baseline: BaselineFile, file: string): ReportV1 {
  const knownCycles = new Set(baseline.cycles.map(cycleSetKey));
  // Entries of an older baseline may quote code: read under the same identity as current keys.
  const entries = baseline.findings.map((f) => ({ ...f, key: stableKey(f.rule, f.file, f.key) }));
  const remaining = new Map<string, number>();
  for (const f of entries) remaining.set(f.key, (remaining.get(f.key) ?? 0) + (f.count ?? 1));
  const fresh = [];
  let known = 0;
  for (const f of report.findings) {
    const id = findingKey(report, f);
    const left = remaining.get(id.key) ?? 0;
    if (id.kind === "cycle" && knownCycles.has(id.key)) known += 1;
    else if (left > 0) {
      remaining.set(id.key, left - 1);
      known += 1;
    } else fresh.push(f);
  }
  const currentCycles = new Set(report.cycles.filter((c) => c.runtime).map(cycleKey));
  const currentFindings = new Set(report.findings.map((f) => findingKey(report, f).key));
  const fixed = [
    ...[...knownCycles].filter((k) => !currentCycles.has(k)),
    ...entries.map((f) => f.key).filter((k) => !currentFindings.has(k) && !currentCycles.has(k)),
  ].sort();
  return { ...report, findings: fresh, baseline: { file, known, fixed: [...new Set(fixed)], new: fresh.length } };
}

function dedupe(cycles: string[][]): string[][] {
  const seen = new Map<string, string[]>();
  for (const c of cycles) seen.set(cycleSetKey(c), c);
  return [...seen.values()];
}
