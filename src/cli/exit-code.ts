import type { ReportV1, Severity } from "../report/types.js";
import type { FailOn } from "./options.js";

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
const BAD_PROBES = new Set(["hang", "blocked", "crash", "unsettled", "exit"]);

/** 1 when any finding is at or above --fail-on, or a probe did not finish; else 0. */
export function exitCodeFor(report: ReportV1, failOn: FailOn): 0 | 1 {
  if (report.probes.some((p) => BAD_PROBES.has(p.status)) && failOn !== "none") return 1;
  if (failOn === "none") return 0;
  return report.findings.some((f) => RANK[f.severity] <= RANK[failOn]) ? 1 : 0;
}
