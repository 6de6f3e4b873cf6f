// The last run's analysis given as this run's, told to the caller as a whole run would be.
import { deserialize } from "node:v8";
import { RULE_IDS } from "../config/rule-ids.js";
import type { StoredRun } from "./cache/cache-file.js";
import type { AnalysisData, AnalysisHooks, AnalysisOutcome } from "./analysis-job.js";

/**
 * The stored analysis as an outcome whose data is decoded when first read: the analysis worker
 * sends its bytes (storedData) instead, and the main thread decodes them once (medusa: 9.7 MB,
 * which a decode here and a structured clone to the main thread cost twice).
 */
export function storedOutcome(last: StoredRun, hooks: AnalysisHooks, reuse: NonNullable<AnalysisOutcome["reuse"]>, persist?: () => void): AnalysisOutcome {
  const { onProgress } = hooks;
  hooks.onDiscovered?.({ project: last.project, entrypoints: last.entrypoints });
  const files = last.scopedFiles;
  const total = last.graphFiles;
  onProgress({ phase: "discover", done: files, total: files });
  onProgress({ phase: "parse", done: total, total });
  onProgress({ phase: "resolve", done: total, total });
  onProgress({ phase: "rules", done: RULE_IDS.length, total: RULE_IDS.length });
  let data: AnalysisData | undefined;
  return {
    get data() {
      return (data ??= deserialize(last.data) as AnalysisData);
    },
    storedData: last.data,
    reuse,
    ...(persist ? { persist } : {}),
  };
}
