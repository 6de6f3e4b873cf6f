// The parts of a report that graph tests compare exactly: each cycle's loop, its edges with
// file:line and kind, the runtime flag and the component size.
import type { ReportV1 } from "../../src/report/types.js";

export interface EdgeView {
  from: string;
  to: string;
  line: number;
  kind: string;
  /** Present for dynamic and require edges. */
  lazy?: boolean;
}

export interface CycleView {
  modules: string[];
  edges: EdgeView[];
  runtime: boolean;
  size: number | undefined;
}

export function cyclesOf(report: ReportV1): CycleView[] {
  return report.cycles.map((c) => ({
    modules: c.modules,
    edges: c.edges.map(({ from, to, line, kind, lazy }) => ({ from, to, line, kind, ...(lazy === undefined ? {} : { lazy }) })),
    runtime: c.runtime,
    size: c.size,
  }));
}

/** `file:line rule` for each import-cycle finding, in report order (the startup rules have their own tests). */
export function findingsOf(report: ReportV1): string[] {
  return report.findings.filter((f) => f.rule === "import-cycle").map((f) => `${f.file}:${f.line} ${f.rule}`);
}

export const edge = (from: string, line: number, kind: string, to: string, lazy?: boolean): EdgeView => ({
  from,
  to,
  line,
  kind,
  ...(lazy === undefined ? {} : { lazy }),
});
