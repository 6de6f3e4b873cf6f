import type { ReportV1 } from "../report/types.js";
import { analyze, toReport, type AnalyzeOptions } from "./analyze.js";

/** `scan`: static analysis only; never runs project code. */
export function scan(options: AnalyzeOptions): ReportV1 {
  return toReport(analyze(options), "scan");
}
