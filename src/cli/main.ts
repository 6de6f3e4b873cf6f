// Commander wiring only: parse argv, call one orchestrator, write the report, set the exit code.
// Orchestrators and reporters are imported lazily so that --help and --version stay instant.
import { readFileSync } from "node:fs";
import { Command, CommanderError } from "commander";
import { InputError, UsageError, messageOf } from "../util/errors.js";
import { registerInit } from "./init-command.js";
import { defaultCommandGuard, oneLineError } from "./default-command.js";
import { addProbeFlags, runProbeCommand, type ProbeFlags } from "./probe-command.js";
import { addCommon, runStatic, type CommonFlags } from "./static-command.js";
import { installStopHandlers } from "./signals.js";
import { loadConfigForCommand } from "./config-flags.js";
import { guardStdout } from "./stdout-guard.js";
import { say } from "./say.js";
import { isFileSystemError, writeFailure } from "../util/write-failure.js";

const version = (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;

const REPORT_FORMATS = ["pretty", "json", "sarif", "markdown", "github"] as const;
const GRAPH_FORMATS = ["dot", "mermaid", "json"] as const;

const RUNS_CODE = "RUNS the project's code";

export function buildProgram(): Command {
  const program = new Command("startup-doctor")
    .description(
      "Find out why a TypeScript/JavaScript server freezes or crashes while it starts, and say exactly where.\n\n" +
        "`startup-doctor [dir]` is `startup-doctor check [dir]`: a static scan, then a timed probe that RUNS the project's code. " +
        "`startup-doctor scan [dir]` never runs project code.",
    )
    .version(version, "-v, --version")
    .showHelpAfterError(false)
    .showSuggestionAfterError(true)
    .configureOutput({ outputError: (text, write) => write(oneLineError(text)) })
    .exitOverride()
    .hook("preAction", loadConfigForCommand);

  for (const name of ["check", "probe"] as const) {
    const description =
      name === "probe"
        ? `import each entrypoint in a timed, instrumented child process and classify the outcome (${RUNS_CODE})`
        : `the default command: scan, then probe, and tie each probe outcome to the static findings that explain it (${RUNS_CODE})`;
    const cmd = program.command(name, { isDefault: name === "check" }).argument("[dir]", "project folder", ".").description(description);
    addProbeFlags(addCommon(cmd, { formats: REPORT_FORMATS, fallback: "pretty", failOn: true, baseline: name === "check", color: true }))
      .addHelpText("after", "\nThe probe runs your code (with your environment plus --env/--dotenv) in its own process group,\nstops it when the entry module has finished evaluating or at --timeout, and kills everything it started.")
      .hook("preAction", defaultCommandGuard)
      .action((dir: string, flags: CommonFlags & ProbeFlags) => runProbeCommand(name, dir, flags));
  }

  addCommon(program.command("scan").argument("[dir]", "project folder", ".").description("static analysis of the import graph and startup rules (never runs project code)"), {
    formats: REPORT_FORMATS,
    fallback: "pretty",
    failOn: true,
    baseline: true,
    color: true,
  }).action((dir: string, flags: CommonFlags) => runStatic(dir, flags, REPORT_FORMATS, "pretty", async (o) => (await import("../run/scan.js")).scan(o)));

  addCommon(program.command("graph").argument("[dir]", "project folder", ".").description("write the eager import graph (cycles highlighted)"), {
    formats: GRAPH_FORMATS,
    fallback: "dot",
    failOn: false,
    baseline: false,
    color: false,
  }).action((dir: string, flags: CommonFlags) => runStatic(dir, { ...flags, failOn: "none" }, GRAPH_FORMATS, "dot", async (o) => (await import("../run/graph.js")).graph(o)));

  addCommon(
    program.command("explain").argument("<module>", "module to explain (path or unique suffix)").argument("[dir]", "project folder", ".").description("shortest eager import chain from each entrypoint to a module"),
    { formats: REPORT_FORMATS, fallback: "pretty", failOn: false, baseline: false, color: true },
  ).action((module: string, dir: string, flags: CommonFlags) =>
    runStatic(dir, { ...flags, failOn: "none" }, REPORT_FORMATS, "pretty", async (o) => (await import("../run/explain.js")).explain({ ...o, module })),
  );

  registerInit(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  installStopHandlers();
  guardStdout();
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
      say(error.message);
      process.exitCode = 2;
      return;
    }
    if (isFileSystemError(error)) {
      // The file system said no (EACCES, ENOSPC, EISDIR...): the user's to fix, not a bug.
      const e = error as NodeJS.ErrnoException;
      say(`cannot ${e.syscall ?? "access"} ${e.path ?? "a file"}: ${writeFailure(e)}`);
      process.exitCode = 2;
      return;
    }
    say(`internal error: ${messageOf(error)}`);
    if (process.env.STARTUP_DOCTOR_DEBUG) process.stderr.write(`${(error as Error).stack ?? ""}\n`);
    process.exitCode = 3;
  }
}

await main(process.argv);
