// Between analysis and output: the configuration's rule settings and globs, then the baseline
// (read, applied, or rewritten with --update-baseline). Only new problems reach the exit code.
import { existsSync } from "node:fs";
import type { ReportV1 } from "../report/types.js";
import { InputError, UsageError } from "../util/errors.js";
import { isInside, joinPath, relativeTo, resolvePath } from "../util/path.js";
import type { RuleSetting, StartupDoctorConfig } from "../config/types.js";
import { isReallyInside, outsideMessage } from "../project/confine.js";
import { writeFailure } from "../util/write-failure.js";

export interface BaselineFlags {
  baseline?: string;
  updateBaseline?: boolean;
  /** `--rule <id>=<severity>`, repeatable: wins over the config's `rules` and `overrides`. */
  rule?: string[];
}

const BASELINE_COMMANDS = new Set(["scan", "check"]);

export interface FinishedReport {
  report: ReportV1;
  /** A line for the user (the CLI prints it on stderr), e.g. that the baseline was written. */
  notice?: string;
}

export async function finishReport(report: ReportV1, flags: BaselineFlags, config: StartupDoctorConfig | null): Promise<FinishedReport> {
  let out = report;
  const cliRules = await ruleFlags(flags.rule ?? []);
  const settings = config || Object.keys(cliRules).length > 0 ? { ...(config ?? { file: "--rule" }), rules: { ...config?.rules, ...cliRules } } : null;
  if (settings && (Object.keys(settings.rules).length > 0 || settings.include || settings.ignore)) {
    const { applyConfig } = await import("../config/apply.js");
    out = applyConfig(out, settings);
  }
  if (config?.overrides && config.overrides.length > 0) {
    const [{ applyOverrides }, { matcher }] = await Promise.all([import("../rules/suppressions/settings.js"), import("../config/glob.js")]);
    out = applyOverrides(out, config.overrides, matcher, new Set(Object.keys(cliRules)));
  }
  const command = out.command ?? "scan";
  if (!BASELINE_COMMANDS.has(command)) {
    // `probe` reports no findings, so every baseline entry would look fixed.
    if (flags.updateBaseline) throw new UsageError(`--update-baseline works with scan and check, not ${command}`);
    return { report: out };
  }
  const { BASELINE_FILE, readBaseline, writeBaseline } = await import("../baseline/file.js");
  const { applyBaseline, createBaseline } = await import("../baseline/apply.js");
  const defaultFile = joinPath(out.root, BASELINE_FILE);
  const file = flags.baseline !== undefined ? resolvePath(flags.baseline) : existsSync(defaultFile) || flags.updateBaseline ? defaultFile : undefined;
  if (!file) return { report: out };
  const shown = isInside(out.root, file) ? relativeTo(out.root, file) : file;
  // The default file is the project's: a link from it to ~/.bashrc is not followed (issue 10 §1).
  if (file === defaultFile && !isReallyInside(out.root, file)) throw new InputError(`${shown} ${outsideMessage(file)}; give --baseline <file> to choose one`);
  if (flags.updateBaseline) {
    const baseline = createBaseline(out);
    try {
      writeBaseline(file, baseline);
    } catch (error) {
      throw new InputError(`cannot write baseline ${shown}: ${writeFailure(error)}`);
    }
    const findings = baseline.findings.reduce((n, f) => n + (f.count ?? 1), 0);
    const notice = `wrote ${shown}: ${baseline.cycles.length} runtime cycle(s), ${findings} other finding(s)`;
    return { report: applyBaseline(out, baseline, shown), notice };
  }
  if (!existsSync(file)) throw new InputError(`no such baseline file: ${flags.baseline} (create it with --update-baseline)`);
  return { report: applyBaseline(out, readBaseline(file, shown), shown) };
}

async function ruleFlags(values: string[]): Promise<Record<string, RuleSetting>> {
  if (values.length === 0) return {};
  const [{ parseRuleFlags }, { RULE_IDS }] = await Promise.all([import("../rules/suppressions/settings.js"), import("../config/rule-ids.js")]);
  const parsed = parseRuleFlags(values, RULE_IDS);
  if (typeof parsed === "string") throw new UsageError(parsed);
  return parsed;
}
