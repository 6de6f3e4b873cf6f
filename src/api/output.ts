// A report as text in one of the CLI's formats, for callers of the Node API.
import type { ReportV1 } from "../report/types.js";
import { isFormat, loadReporter, type Format } from "../report/index.js";
import { UsageError } from "../util/errors.js";
import type { FailOn } from "../cli/options.js";
import { exitCodeFor } from "../cli/exit-code.js";

export type { Format };

export interface RenderOptions {
  /** ANSI colours (pretty only); default false. */
  color?: boolean;
  /** Columns to wrap the pretty report to; default: no wrapping. */
  width?: number;
  /** The report root relative to the repository root, for CI paths ("packages/api/"); default "". */
  pathPrefix?: string;
}

export async function render(report: ReportV1, format: Format, options: RenderOptions = {}): Promise<string> {
  if (!isFormat(format)) throw new UsageError(`unknown format '${String(format)}'`);
  return (await loadReporter(format))(report, { color: options.color ?? false, width: options.width, pathPrefix: options.pathPrefix ?? "" });
}

/** The CLI's exit code for a report: 1 when a finding is at or above `failOn` or a probe did not finish, else 0. */
export function exitCode(report: ReportV1, failOn: FailOn = "error"): 0 | 1 {
  return exitCodeFor(report, failOn);
}
