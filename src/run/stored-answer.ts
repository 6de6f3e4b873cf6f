// The last run's analysis given as this run's, told to the caller as a whole run would be.
import { deserialize } from "node:v8";
import { RULE_IDS } from "../config/rule-ids.js";
import type { StoredRun } from "./cache/cache-file.js";
import type { AnalysisData, AnalysisHooks } from "./analysis-job.js";

export function answerFromStoredRun(last: StoredRun, hooks: AnalysisHooks): AnalysisData {
  const { onProgress } = hooks;
  const data = deserialize(last.data) as AnalysisData;
  hooks.onDiscovered?.({ project: last.project, entrypoints: last.entrypoints });
  const files = last.scopedFiles;
  const total = data.graph.files.length;
  onProgress({ phase: "discover", done: files, total: files });
  onProgress({ phase: "parse", done: total, total });
  onProgress({ phase: "resolve", done: total, total });
  onProgress({ phase: "rules", done: RULE_IDS.length, total: RULE_IDS.length });
  return data;
}
