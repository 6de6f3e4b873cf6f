// GitHub Actions workflow commands: one `::error|warning|notice file=…,line=…,title=…::message`
// line per problem; the runner turns them into annotations on the diff. GitHub shows 10
// annotations per step, so the most useful come first (probes that did not finish, then by
// severity, on an entrypoint's startup path before the rest) and one notice counts the others.
import type { ReporterOptions } from "./index.js";
import { escapeData, escapeProperty } from "./escape/workflow.js";
import { ciPath, probeLocation, probeMessage, unfinishedProbes } from "./problems.js";
import type { ReportFinding, ReportV1, Severity } from "./types.js";

export { escapeData, escapeProperty };

/** Annotations GitHub displays per step. */
export const ANNOTATIONS_SHOWN = 10;

const COMMAND: Record<Severity, "error" | "warning" | "notice"> = { error: "error", warning: "warning", info: "notice" };
const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function github(report: ReportV1, options: ReporterOptions): string {
  const prefix = options.pathPrefix ?? "";
  const lines: string[] = [];
  for (const p of unfinishedProbes(report)) {
    const at = probeLocation(p);
    lines.push(annotation("error", { file: ciPath(at.file, prefix), line: at.line, col: at.column, title: `startup-doctor probe: ${p.status} (${p.runtime})` }, probeMessage(p)));
  }
  const onStartupPath = (f: ReportFinding): number => (f.entrypoints && f.entrypoints.length > 0 ? 0 : 1);
  const findings = [...report.findings].sort((a, b) => RANK[a.severity] - RANK[b.severity] || onStartupPath(a) - onStartupPath(b) || a.file.localeCompare(b.file) || a.line - b.line);
  for (const f of findings) {
    const message = f.fix ? `${f.message}\nfix: ${f.fix}${f.docs ? `\n${f.docs}` : ""}` : f.message;
    lines.push(annotation(COMMAND[f.severity], { file: ciPath(f.file, prefix), line: f.line, col: f.column, title: `startup-doctor ${f.rule}` }, message));
  }
  if (lines.length > ANNOTATIONS_SHOWN) {
    const rest = lines.length - (ANNOTATIONS_SHOWN - 1);
    lines.splice(ANNOTATIONS_SHOWN - 1, lines.length, `::notice title=${escapeProperty("startup-doctor")}::${escapeData(`${rest} more problem(s) not annotated here (GitHub shows ${ANNOTATIONS_SHOWN} per step): see the job summary, the SARIF report or the log.`)}`);
  }
  return lines.length > 0 ? `${lines.join("\n")}\n` : "";
}

interface Properties {
  file: string;
  line: number;
  col?: number;
  title: string;
}

function annotation(command: string, props: Properties, message: string): string {
  const parts = [`file=${escapeProperty(props.file)}`, `line=${Math.max(1, props.line)}`];
  if (props.col !== undefined && props.col >= 1) parts.push(`col=${props.col}`);
  parts.push(`title=${escapeProperty(props.title)}`);
  return `::${command} ${parts.join(",")}::${escapeData(message)}`;
}
