// Applies the configuration to a finished report: per-rule severity or "off", include and ignore
// globs. Pure: the rules stay as they are and never see the config.
import type { ReportFinding, ReportV1 } from "../report/types.js";
import { matcher } from "./glob.js";
import type { StartupDoctorConfig } from "./types.js";

export function applyConfig(report: ReportV1, config: Pick<StartupDoctorConfig, "rules" | "include" | "ignore">): ReportV1 {
  const settings: Record<string, string | undefined> = config.rules ?? {};
  const included = config.include && config.include.length > 0 ? matcher(config.include) : () => true;
  const ignored = config.ignore && config.ignore.length > 0 ? matcher(config.ignore) : () => false;
  const kept = (file: string): boolean => included(file) && !ignored(file);
  // A cycle stays while any of its modules is kept; other findings follow their own file.
  const findingKept = (f: ReportFinding): boolean =>
    f.rule === "import-cycle" && f.chain && f.chain.length > 0 ? f.chain.some((hop) => kept(hop.file)) : kept(f.file);

  const findings = report.findings
    .filter((f) => settings[f.rule] !== "off" && findingKept(f))
    .map((f) => {
      const setting = settings[f.rule];
      return setting && setting !== "off" && setting !== f.severity ? { ...f, severity: setting as ReportFinding["severity"] } : f;
    });
  const cycles = report.cycles.filter((c) => (c.component ?? c.modules).some(kept));
  const rules = report.rules
    ?.filter((r) => settings[r.id] !== "off")
    .map((r) => {
      const setting = settings[r.id];
      return setting && setting !== "off" ? { ...r, severity: setting as ReportFinding["severity"] } : r;
    });
  return { ...report, findings, cycles, ...(rules ? { rules } : {}) };
}
