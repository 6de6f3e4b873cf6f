// Applies `startup-doctor-disable...` comments (graph/facts/disable-comments.ts) to findings. A
// suppressed finding leaves `findings` but is counted and listed in the report's `suppressed`;
// a comment that suppresses nothing becomes a report warning, as ESLint's
// --report-unused-disable-directives does.
import { DISABLE_COMMENTS, type DisableComment, type DisableKind } from "../../graph/facts/disable-comments.js";
import type { ModuleGraph } from "../../graph/types.js";
import type { ReportSuppressed, ReportSuppressedFinding, ReportWarning } from "../../report/types.js";
import type { Finding } from "../types.js";

const DIRECTIVE: Record<DisableKind, string> = {
  "next-line": "startup-doctor-disable-next-line",
  line: "startup-doctor-disable-line",
  disable: "startup-doctor-disable",
  enable: "startup-doctor-enable",
};

export interface InlineOutcome {
  findings: Finding[];
  suppressed: ReportSuppressedFinding[];
  unused: ReportWarning[];
}

export function suppressInline(findings: Finding[], graph: ModuleGraph, rel: (file: string) => string, knownRules: ReadonlySet<string>): InlineOutcome {
  const byFile = new Map<string, DisableComment[]>();
  for (const file of graph.files) {
    const comments = graph.modules.get(file)?.facts[DISABLE_COMMENTS] as DisableComment[] | undefined;
    if (comments && comments.length > 0) byFile.set(rel(file), comments);
  }
  if (byFile.size === 0) return { findings, suppressed: [], unused: [] };
  const used = new Set<DisableComment>();
  const kept: Finding[] = [];
  const suppressed: ReportSuppressedFinding[] = [];
  for (const f of findings) {
    const comment = byFile.has(f.file) ? coveringComment(byFile.get(f.file)!, f.line, f.rule) : null;
    if (!comment) {
      kept.push(f);
      continue;
    }
    used.add(comment);
    suppressed.push({ rule: f.rule, file: f.file, line: f.line, severity: f.severity, by: DIRECTIVE[comment.kind], commentLine: comment.line, ...(comment.reason ? { reason: comment.reason } : {}) });
  }
  const unused: ReportWarning[] = [];
  for (const [file, comments] of byFile) {
    for (const c of comments) {
      const unknown = c.rules.filter((r) => !knownRules.has(r));
      const where = c.kind === "disable" ? "after it" : c.kind === "next-line" ? "on the next line" : "on this line";
      if (unknown.length > 0) unused.push({ file, line: c.line, message: `${DIRECTIVE[c.kind]} names unknown rule ${unknown.map((r) => `'${r}'`).join(", ")}` });
      else if (c.kind !== "enable" && !used.has(c)) unused.push({ file, line: c.line, message: `unused ${DIRECTIVE[c.kind]} comment: no ${c.rules.length > 0 ? `${c.rules.join(" or ")} ` : ""}finding ${where}` });
    }
  }
  return { findings: kept, suppressed, unused };
}

/** The comment that turns this finding off: on its line, the line above, or a file-level range. */
function coveringComment(comments: DisableComment[], line: number, rule: string): DisableComment | null {
  const names = (c: DisableComment): boolean => c.rules.length === 0 || c.rules.includes(rule);
  for (const c of comments) {
    if (c.kind === "next-line" && c.line === line - 1 && names(c)) return c;
    if (c.kind === "line" && c.line === line && names(c)) return c;
  }
  // disable/enable ranges in source order: the last directive before the line decides.
  let active: DisableComment | null = null;
  for (const c of comments) {
    if (c.line > line) break;
    if (c.kind === "disable" && names(c)) active = c;
    else if (c.kind === "enable" && names(c)) active = null;
  }
  return active;
}

export function summariseSuppressed(findings: ReportSuppressedFinding[]): ReportSuppressed {
  const byRule: Record<string, number> = {};
  for (const f of findings) byRule[f.rule] = (byRule[f.rule] ?? 0) + 1;
  const sorted = [...findings].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.rule.localeCompare(b.rule));
  return { count: findings.length, byRule, findings: sorted };
}
