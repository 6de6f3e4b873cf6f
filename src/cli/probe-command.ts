// `probe` and `check` (the default command): their own flags, and the probes killed on any stop.
import type { Command } from "commander";
import { UsageError } from "../util/errors.js";
import { MAX_TIMER_MS } from "../config/schema.js";
import { collect, parseEnvPairs, parsePositiveInt } from "./options.js";
import { parseReadyFlags } from "./probe-flags.js";
import { onStop } from "./signals.js";
import { runStatic, type CommonFlags } from "./static-command.js";

const REPORT_FORMATS = ["pretty", "json", "sarif", "markdown", "github"] as const;

export interface ProbeFlags {
  timeout?: string;
  slow?: string;
  runtime?: string;
  concurrency?: string;
  env?: string[];
  dotenv?: string;
  importtime?: boolean;
  ready?: string;
  readyLog?: string;
  grace?: string;
}

export function addProbeFlags(cmd: Command): Command {
  return cmd
    .option("-t, --timeout <ms>", "how long an entry may take to finish importing", "10000")
    .option("--slow <ms>", "finished, but slower than this is 'slow'", "2000")
    .option("-r, --runtime <runtime>", "auto, node, bun, or node,bun to compare", "auto")
    .option("-c, --concurrency <n>", "entries probed in parallel", "2")
    .option("--env <KEY=VALUE>", "environment variable for the child, repeatable", collect, [])
    // Not --env-file: Node 20 takes that flag from the script's own arguments (runtime-facts §6.5).
    .option("--dotenv <file>", "KEY=VALUE lines (a .env file) added to the child's environment")
    .option("--importtime", "show the slowest modules as an import-time tree")
    .option("--ready <when>", "startup is complete when: auto (a server listens, the process settles, or exits 0), listening, settled, evaluated (the entry module finished)", "auto")
    .option("--ready-log <regex>", "startup is complete when a line of the app's output matches")
    .option("--grace <ms>", "after listening, how long a crash or exit still counts as failed startup", "1000");
}

export async function runProbeCommand(name: "probe" | "check", dir: string, flags: CommonFlags & ProbeFlags): Promise<void> {
  const runtime = flags.runtime ?? "auto";
  if (!["auto", "node", "bun", "node,bun", "bun,node"].includes(runtime)) throw new UsageError(`--runtime must be auto, node, bun or node,bun (got '${runtime}')`);
  const options = {
    timeoutMs: parsePositiveInt("--timeout", flags.timeout, 10000, MAX_TIMER_MS),
    slowMs: parsePositiveInt("--slow", flags.slow, 2000, MAX_TIMER_MS),
    runtime: (runtime === "bun,node" ? "node,bun" : runtime) as "auto" | "node" | "bun" | "node,bun",
    concurrency: parsePositiveInt("--concurrency", flags.concurrency, 2, 64),
    env: parseEnvPairs(flags.env ?? []),
    envFile: flags.dotenv,
    importTimes: flags.importtime === true,
    ...parseReadyFlags(flags),
  };
  // Registered before any child starts: Ctrl-C, SIGTERM, SIGHUP and every exit kill the probes'
  // process groups (signals.ts).
  const { killAllProbes } = await import("../probe/index.js");
  onStop(killAllProbes);
  await runStatic(
    dir,
    flags,
    REPORT_FORMATS,
    "pretty",
    async (o, progress) => {
      const run = await import("../run/probe.js");
      return (name === "probe" ? run.probe : run.check)({ ...o, ...options, onProgress: (e) => progress.probe(e) });
    },
    { timeoutMs: options.timeoutMs },
  );
}
