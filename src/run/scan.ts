import type { ReportV1 } from "../report/types.js";
import { analyze, toReport, type AnalyzeOptions, type AnalyzeRun } from "./analyze.js";

/** `scan`: static analysis only; never runs project code. */
export async function scan(options: AnalyzeOptions, run: AnalyzeRun = {}): Promise<ReportV1> {
  return toReport(await analyze(options, run), "scan");
}
