import type { ReportV1 } from "./types.js";

export function json(report: ReportV1): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
