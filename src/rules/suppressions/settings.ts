// Rule settings as ESLint users write them: off | info | warn | warning | error, in config
// `rules`, per file glob in `overrides`, and `--rule <id>=<severity>` on the command line (which
// wins over both). Pure: parsing and applying to a finished report.
import type { ReportFinding, ReportSuppressedFinding, ReportV1, Severity } from "../../report/types.js";
import { summariseSuppressed } from "./inline.js";

export type RuleSetting = Severity | "off";

export const SETTING_WORDS = ["off", "info", "warn", "warning", "error"] as const;

/** "warn" is "warning"; anything else unknown is null. */
export function parseSetting(word: string): RuleSetting | null {
  if (word === "warn") return "warning";
  return (SETTING_WORDS as readonly string[]).includes(word) ? (word as RuleSetting) : null;
}

/** `--rule tdz-risk=warn` values -> settings, or the one-line reason the first bad one is refused. */
export function parseRuleFlags(values: readonly string[], known: readonly string[]): Record<string, RuleSetting> | string {
  const out: Record<string, RuleSetting> = {};
  for (const value of values) {
    const m = /^([^=\s]+)=(\S+)$/.exec(value.trim());
    if (!m) return `--rule ${value}: expected <rule>=<severity>, e.g. --rule tdz-risk=warn`;
    if (!known.includes(m[1])) return `--rule ${value}: unknown rule '${m[1]}' (rules: ${known.join(", ")})`;
    const setting = parseSetting(m[2]);
    if (!setting) return `--rule ${value}: severity must be one of ${SETTING_WORDS.join(", ")}`;
    out[m[1]] = setting;
  }
  return out;
}

export interface Override {
  /** Optional in the schema: a block without files matches nothing. */
  files?: string[];
  rules?: Record<string, RuleSetting>;
}

/**
 * Per-file settings from `overrides` (a later block wins, as in ESLint), except for rules set on
 * the command line, which apply everywhere. "off" moves a finding to `suppressed`.
 */
export function applyOverrides(report: ReportV1, overrides: readonly Override[], matcher: (globs: string[]) => (file: string) => boolean, fromCli: ReadonlySet<string>): ReportV1 {
  if (overrides.length === 0) return report;
  const blocks = overrides.map((o) => ({ matches: o.files && o.files.length > 0 ? matcher(o.files) : () => false, rules: o.rules ?? {} }));
  const kept: ReportFinding[] = [];
  const suppressed: ReportSuppressedFinding[] = [];
  for (const f of report.findings) {
    let setting: RuleSetting | undefined;
    if (!fromCli.has(f.rule)) for (const b of blocks) if (b.rules[f.rule] !== undefined && b.matches(f.file)) setting = b.rules[f.rule];
    if (setting === "off") suppressed.push({ rule: f.rule, file: f.file, line: f.line, severity: f.severity, by: "overrides" });
    else kept.push(setting && setting !== f.severity ? { ...f, severity: setting } : f);
  }
  if (suppressed.length === 0 && kept.every((f, i) => f === report.findings[i])) return report;
  const all = [...(report.suppressed?.findings ?? []), ...suppressed];
  return { ...report, findings: kept, ...(all.length > 0 ? { suppressed: summariseSuppressed(all) } : {}) };
}
