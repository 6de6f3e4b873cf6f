// Line-free, code-free identities. A cycle is its sorted module set; a finding is the key its rule
// gives (rule + file + enclosing symbol + callee or binding), else rule + file + its message
// without line numbers; either without argument lists, strings or spacing (identity.ts).
import { cycleKey, cycleOfFinding } from "../report/problems.js";
import type { ReportCycle, ReportFinding, ReportV1 } from "../report/types.js";
import { stableKey } from "./identity.js";

export function sortedModules(cycle: ReportCycle): string[] {
  return [...(cycle.component ?? cycle.modules)].sort();
}

export function cycleSetKey(modules: string[]): string {
  return `import-cycle:${[...modules].sort().join(",")}`;
}

export { cycleKey };

/** The cycle behind an import-cycle finding is the identity, so the finding and its cycle agree. */
export function findingKey(report: ReportV1, f: ReportFinding): { kind: "cycle"; key: string } | { kind: "finding"; key: string } {
  const cycle = cycleOfFinding(report, f);
  if (cycle) return { kind: "cycle", key: cycleKey(cycle) };
  return { kind: "finding", key: stableKey(f.rule, f.file, f.key ?? `${f.rule}:${f.file}:${lineFree(f.message)}`) };
}

function lineFree(message: string): string {
  return message.replace(/:\d+(?::\d+)?\b/g, "").replace(/\bline \d+\b/gi, "line").replace(/\s+/g, " ").trim();
}
