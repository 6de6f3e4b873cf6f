// Commander wiring only: parse argv, call one orchestrator, write the report, set the exit code.
// Orchestrators and reporters are imported lazily so that --help and --version stay instant.
import { readFileSync } from "node:fs";
import { Command, CommanderError } from "commander";
import { InputError, UsageError, messageOf } from "../util/errors.js";
import { exitCodeFor } from "./exit-code.js";
import { collect, parseEnvPairs, parseFailOn, parsePositiveInt, type FailOn } from "./options.js";
import { startProgress, type Progress } from "./progress.js";
import { activeConfig, addConfigFlags, loadConfigForCommand } from "./config-flags.js";
import type { BaselineFlags } from "../run/finish-report.js";
import { registerInit } from "./init-command.js";
import { formatOption, outputOption, planOutputs, prettyOnTty, writeReports } from "./report-flags.js";
import type { ReportV1 } from "../report/types.js";

const version = (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;

const REPORT_FORMATS = ["pretty", "json", "sarif", "markdown", "github"] as const;
const GRAPH_FORMATS = ["dot", "mermaid", "json"] as const;

interface CommonFlags extends BaselineFlags {
  /** --format and --output in the order given (report-flags.ts). */
  targets?: unknown;
  failOn?: string;
  tsconfig?: string;
  entry?: string[];
  color: boolean;
}

function addCommon(cmd: Command, formats: readonly string[], defaultFormat: string): Command {
  const common = cmd
    .addOption(formatOption(formats, defaultFormat))
    .option("--fail-on <severity>", "exit 1 when a finding is at or above: error, warning, info, none", "error")
    .option("-p, --tsconfig <file>", "tsconfig to use for every file (default: each file's nearest tsconfig.json)")
    .option("-e, --entry <file>", "entrypoint, repeatable (default: from package.json, then src/index.ts...)", collect, [])
    .addOption(outputOption())
    .option("--no-color", "no colours (NO_COLOR is honoured too)");
  return addConfigFlags(common);
}

async function runStatic(
  dir: string,
  flags: CommonFlags,
  formats: readonly string[],
  fallback: string,
  run: (opts: { dir: string; tsconfig?: string; entries: string[] }, progress: Progress) => Promise<ReportV1>,
): Promise<void> {
  const targets = planOutputs(flags.targets, formats, fallback);
  const failOn: FailOn = parseFailOn(flags.failOn);
  const progress = await startProgress(prettyOnTty(targets) && flags.color, "Reading the import graph…");
  let report: ReportV1;
  try {
    report = await run({ dir, tsconfig: flags.tsconfig, entries: flags.entry ?? [] }, progress);
  } finally {
    progress.stop();
  }
  // Config rule settings and the baseline, between analysis and output (loaded lazily).
  const { finishReport } = await import("../run/finish-report.js");
  const finished = await finishReport(report, flags, activeConfig());
  if (finished.notice) process.stderr.write(`startup-doctor: ${finished.notice}\n`);
  report = finished.report;
  await writeReports(report, targets, flags.color);
  process.exitCode = exitCodeFor(report, failOn);
}

export function buildProgram(): Command {
  const program = new Command("startup-doctor")
    .description("Find out why a TypeScript/JavaScript server freezes or crashes while it starts, and say exactly where.")
    .version(version, "-v, --version")
    .showHelpAfterError(false)
    .exitOverride()
    .hook("preAction", loadConfigForCommand);

  addCommon(program.command("scan").argument("[dir]", "project folder", ".").description("static analysis of the import graph and startup rules (never runs project code)"), REPORT_FORMATS, "pretty")
    .action((dir: string, flags: CommonFlags) => runStatic(dir, flags, REPORT_FORMATS, "pretty", async (o) => (await import("../run/scan.js")).scan(o)));

  addCommon(program.command("graph").argument("[dir]", "project folder", ".").description("write the eager import graph (cycles highlighted)"), GRAPH_FORMATS, "dot")
    .action((dir: string, flags: CommonFlags) => runStatic(dir, { ...flags, failOn: "none" }, GRAPH_FORMATS, "dot", async (o) => (await import("../run/graph.js")).graph(o)));

  addCommon(program.command("explain").argument("<module>", "module to explain (path or unique suffix)").argument("[dir]", "project folder", ".").description("shortest eager import chain from each entrypoint to a module"), REPORT_FORMATS, "pretty")
    .action((module: string, dir: string, flags: CommonFlags) => runStatic(dir, { ...flags, failOn: "none" }, REPORT_FORMATS, "pretty", async (o) => (await import("../run/explain.js")).explain({ ...o, module })));

  for (const name of ["probe", "check"] as const) {
    const description =
      name === "probe"
        ? "import each entrypoint in a timed, instrumented child process and classify the outcome (RUNS the project's code)"
        : "scan, then probe, and tie each probe outcome to the static findings that explain it (RUNS the project's code)";
    addProbeFlags(addCommon(program.command(name).argument("[dir]", "project folder", ".").description(description), REPORT_FORMATS, "pretty"))
      .addHelpText("after", "\nThe probe runs your code (with your environment plus --env/--env-file) in its own process group,\nstops it when the entry module has finished evaluating or at --timeout, and kills everything it started.")
      .action((dir: string, flags: CommonFlags & ProbeFlags) => runProbeCommand(name, dir, flags));
  }

  registerInit(program);
  return program;
}

interface ProbeFlags {
  timeout?: string;
  slow?: string;
  runtime?: string;
  concurrency?: string;
  env?: string[];
  envFile?: string;
  importtime?: boolean;
}

function addProbeFlags(cmd: Command): Command {
  return cmd
    .option("-t, --timeout <ms>", "how long an entry may take to finish importing", "10000")
    .option("--slow <ms>", "finished, but slower than this is 'slow'", "2000")
    .option("-r, --runtime <runtime>", "auto, node, bun, or node,bun to compare", "auto")
    .option("-c, --concurrency <n>", "entries probed in parallel", "2")
    .option("--env <KEY=VALUE>", "environment variable for the child, repeatable", collect, [])
    .option("--env-file <file>", "KEY=VALUE lines added to the child's environment")
    .option("--importtime", "show the slowest modules as an import-time tree");
}

async function runProbeCommand(name: "probe" | "check", dir: string, flags: CommonFlags & ProbeFlags): Promise<void> {
  const runtime = flags.runtime ?? "auto";
  if (!["auto", "node", "bun", "node,bun", "bun,node"].includes(runtime)) throw new UsageError(`--runtime must be auto, node, bun or node,bun (got '${runtime}')`);
  const options = {
    timeoutMs: parsePositiveInt("--timeout", flags.timeout, 10000),
    slowMs: parsePositiveInt("--slow", flags.slow, 2000),
    runtime: (runtime === "bun,node" ? "node,bun" : runtime) as "auto" | "node" | "bun" | "node,bun",
    concurrency: parsePositiveInt("--concurrency", flags.concurrency, 2),
    env: parseEnvPairs(flags.env ?? []),
    envFile: flags.envFile,
    importTimes: flags.importtime === true,
  };
  const { killAllProbes } = await import("../probe/index.js");
  const onSignal = (signal: NodeJS.Signals): void => {
    killAllProbes();
    process.stderr.write(`startup-doctor: stopped by ${signal}; probe processes killed\n`);
    process.exit(130);
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  process.once("exit", () => killAllProbes());
  await runStatic(dir, flags, REPORT_FORMATS, "pretty", async (o, progress) => {
    const run = await import("../run/probe.js");
    const running = new Set<string>();
    const onProgress = (ev: { entry: string; runtime: string; phase: "start" | "done"; status?: string }): void => {
      const key = `${ev.entry} (${ev.runtime})`;
      if (ev.phase === "start") running.add(key);
      else running.delete(key);
      progress.text(running.size > 0 ? `Probing ${[...running].join(", ")}…` : "Probing…");
    };
    return (name === "probe" ? run.probe : run.check)({ ...o, ...options, onProgress });
  });
}

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; commander already printed its one-line usage error.
      process.exitCode = error.exitCode === 0 ? 0 : 2;
      return;
    }
    if (error instanceof UsageError || error instanceof InputError) {
      process.stderr.write(`startup-doctor: ${error.message}\n`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`startup-doctor: internal error: ${messageOf(error)}\n`);
    if (process.env.STARTUP_DOCTOR_DEBUG) process.stderr.write(`${(error as Error).stack ?? ""}\n`);
    process.exitCode = 3;
  }
}

await main(process.argv);
