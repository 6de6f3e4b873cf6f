import { jsonText } from "./json-text.js";
import type { ReportV1 } from "./types.js";

export function json(report: ReportV1): string {
  return jsonText(report);
}
