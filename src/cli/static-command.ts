// The options every analysing command shares, each only where the command uses it, and the one
// run path: progress, analysis, config and baseline, reports, exit code.
import type { Command } from "commander";
import type { BaselineFlags } from "../run/finish-report.js";
import type { AnalysisProgressListener } from "../run/progress-events.js";
import type { ReportV1 } from "../report/types.js";
import { colorWanted } from "./color.js";
import { activeConfig, addBaselineFlags, addConfigFlags } from "./config-flags.js";
import { exitCodeFor } from "./exit-code.js";
import { collect, parseFailOn, parseScope, parseWorkers, type FailOn } from "./options.js";
import type { ScopeMode } from "../project/scope.js";
import type { UserKnowledgeEntry } from "../knowledge/types.js";
import { startProgress, type Progress } from "./progress.js";
import { say } from "./say.js";
import { formatOption, outputOption, planOutputs, writeReports } from "./report-flags.js";

export interface CommonFlags extends BaselineFlags {
  /** --format and --output in the order given (report-flags.ts). */
  targets?: unknown;
  failOn?: string;
  tsconfig?: string;
  entry?: string[];
  /** --scope startup|all. */
  scope?: string;
  /** false with --no-color; commands without colour never set it. */
  color?: boolean;
  /** false with --no-progress. */
  progress: boolean;
  cache?: boolean;
  cacheLocation?: string;
  workers?: string;
}

export interface CommonSpec {
  formats: readonly string[];
  fallback: string;
  /** The command's exit code follows --fail-on. */
  failOn: boolean;
  /** --baseline and --update-baseline apply. */
  baseline: boolean;
  /** It can write coloured pretty output. */
  color: boolean;
}

export function addCommon(cmd: Command, spec: CommonSpec): Command {
  cmd.addOption(formatOption(spec.formats, spec.fallback)).addOption(outputOption());
  if (spec.failOn) cmd.option("--fail-on <severity>", "exit 1 when a finding is at or above: error, warning, info, none", "error");
  cmd
    .option("-p, --tsconfig <file>", "tsconfig to use for every file (default: each file's nearest tsconfig.json)")
    .option("-e, --entry <file>", "entrypoint, repeatable (default: from package.json, then src/index.ts...)", collect, [])
    .option("--scope <scope>", "startup: leave out tests, stories, scripts and browser code the startup path does not import; all: scan every file", "startup");
  if (spec.color) cmd.option("--no-color", "no colours (NO_COLOR is honoured, FORCE_COLOR forces them)");
  cmd
    .option("--cache", "reuse what the last --cache run learnt about unchanged files, and store this run's (in node_modules/.cache/startup-doctor; on untrusted code see the README)")
    .option("--cache-location <dir>", "the folder --cache reads and writes")
    .option("--workers <n>", "parse workers (default: 2 on 2-3 CPU cores from 10,000 files, one per core but one from 4 cores and 500 files; 0 parses on the analysis thread)");
  cmd.option("--no-progress", "no live progress on stderr (also off when CI is set or stderr is not a terminal)");
  // Only commands that report findings take --rule.
  if (spec.baseline) cmd.option("--rule <id=severity>", "set a rule's severity: off, info, warn, warning, error (repeatable; wins over the config)", collect, []);
  addConfigFlags(cmd);
  if (spec.baseline) addBaselineFlags(cmd);
  return cmd;
}

export interface StaticRunOptions {
  dir: string;
  tsconfig?: string;
  entries: string[];
  scope: ScopeMode;
  /** Library knowledge added by the configuration. */
  knowledge?: UserKnowledgeEntry[];
  onAnalysisProgress: AnalysisProgressListener;
  cache: boolean;
  cacheLocation?: string;
  workers?: number;
}

export async function runStatic(
  dir: string,
  flags: CommonFlags,
  formats: readonly string[],
  fallback: string,
  run: (opts: StaticRunOptions, progress: Progress) => Promise<ReportV1>,
  progressOptions: { timeoutMs?: number } = {},
): Promise<void> {
  const targets = planOutputs(flags.targets, formats, fallback);
  const failOn: FailOn = parseFailOn(flags.failOn);
  const scope = parseScope(flags.scope);
  const flagColor = flags.color !== false;
  const analysis = { cache: flags.cache === true, cacheLocation: flags.cacheLocation, workers: parseWorkers(flags.workers) };
  const progress = await startProgress({ flag: flags.progress !== false, color: colorWanted(flagColor, process.stderr), ...progressOptions }, "Reading the project");
  let report: ReportV1;
  try {
    report = await run({ dir, tsconfig: flags.tsconfig, entries: flags.entry ?? [], scope, knowledge: activeConfig()?.knowledge, onAnalysisProgress: (e) => progress.analysis(e), ...analysis }, progress);
  } finally {
    progress.stop();
  }
  // Config rule settings and the baseline, between analysis and output (loaded lazily).
  const { finishReport } = await import("../run/finish-report.js");
  const finished = await finishReport(report, flags, activeConfig());
  if (finished.notice) say(finished.notice);
  report = finished.report;
  await writeReports(report, targets, colorWanted(flagColor, process.stdout));
  process.exitCode = exitCodeFor(report, failOn);
}
