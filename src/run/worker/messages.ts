// Between analyze() on the main thread and the analysis worker. Errors cross as their class name
// and message, so that bad input (InputError, UsageError) still ends as a one-line exit 2.
import type { AnalysisData, AnalysisRequest, Discovery } from "../analysis-job.js";
import type { AnalysisProgress } from "../progress-events.js";

export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
}

export type WorkerReply =
  | { type: "progress"; event: AnalysisProgress }
  | { type: "discovered"; found: Discovery }
  | { type: "result"; data: AnalysisData }
  /** A stored analysis, sent as the cache holds it: decoded once, on the main thread. */
  | { type: "stored-result"; bytes: Uint8Array }
  | { type: "error"; error: SerializedError };

export type { AnalysisRequest };
