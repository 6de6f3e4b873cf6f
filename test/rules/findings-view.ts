// The parts of a report that rule tests compare exactly: rule, severity, file and line.
import type { ReportV1 } from "../../src/report/types.js";

export interface FindingView {
  rule: string;
  severity: string;
  file: string;
  line: number;
}

export function findingsOf(report: ReportV1, rules?: string[]): FindingView[] {
  return report.findings
    .filter((f) => !rules || rules.includes(f.rule))
    .map(({ rule, severity, file, line }) => ({ rule, severity, file, line }));
}

export const finding = (rule: string, severity: string, file: string, line: number): FindingView => ({ rule, severity, file, line });
