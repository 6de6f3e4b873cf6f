// GitHub Actions workflow commands: one `::error|warning|notice file=…,line=…,title=…::message`
// line per finding and per unfinished probe; the runner turns them into annotations on the diff.
import type { ReporterOptions } from "./index.js";
import { ciPath, probeLocation, probeMessage, unfinishedProbes } from "./problems.js";
import type { ReportV1, Severity } from "./types.js";

const COMMAND: Record<Severity, "error" | "warning" | "notice"> = { error: "error", warning: "warning", info: "notice" };

export function github(report: ReportV1, options: ReporterOptions): string {
  const prefix = options.pathPrefix ?? "";
  const lines: string[] = [];
  for (const f of report.findings) {
    const message = f.fix ? `${f.message}\nfix: ${f.fix}${f.docs ? `\n${f.docs}` : ""}` : f.message;
    lines.push(annotation(COMMAND[f.severity], { file: ciPath(f.file, prefix), line: f.line, col: f.column, title: `startup-doctor ${f.rule}` }, message));
  }
  for (const p of unfinishedProbes(report)) {
    const at = probeLocation(p);
    lines.push(annotation("error", { file: ciPath(at.file, prefix), line: at.line, col: at.column, title: `startup-doctor probe: ${p.status} (${p.runtime})` }, probeMessage(p)));
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

/** Workflow-command escaping (as in @actions/core's command.ts). */
export function escapeData(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
