// --config, --baseline, --update-baseline, and the configuration file filling in every flag the
// user did not give (CLI flags override config). Runs as commander's preAction hook.
import type { Command } from "commander";
import type { StartupDoctorConfig } from "../config/types.js";

let active: StartupDoctorConfig | null = null;

/** The configuration loaded for this run (null: none). */
export function activeConfig(): StartupDoctorConfig | null {
  return active;
}

export function addConfigFlags(cmd: Command): Command {
  return cmd
    .option("--config <file>", "configuration file (default: startup-doctor.config.json, else package.json#startup-doctor)");
}

export function addBaselineFlags(cmd: Command): Command {
  return cmd
    .option("--baseline <file>", "known problems to tolerate (default: .startup-doctor-baseline.json when present); only new ones fail")
    .option("--update-baseline", "record every current problem in the baseline file and exit 0");
}

/** Option attribute -> how a config value becomes that option's value. */
const FROM_CONFIG: Record<string, (c: StartupDoctorConfig) => unknown> = {
  entry: (c) => c.entries,
  tsconfig: (c) => c.tsconfig,
  timeout: (c) => c.timeout?.toString(),
  slow: (c) => c.slow?.toString(),
  runtime: (c) => c.runtime,
  concurrency: (c) => c.concurrency?.toString(),
  dotenv: (c) => c.envFile,
  failOn: (c) => c.failOn,
  baseline: (c) => c.baseline,
  scope: (c) => c.scope,
};

export async function loadConfigForCommand(_program: Command, cmd: Command): Promise<void> {
  if (!cmd.options.some((o) => o.attributeName() === "config")) return;
  const dirIndex = cmd.registeredArguments.findIndex((a) => a.name() === "dir");
  const dir = dirIndex >= 0 ? ((cmd.processedArgs[dirIndex] as string | undefined) ?? ".") : ".";
  const { loadConfig } = await import("../config/load-config.js");
  const given = cmd.getOptionValue("config") as string | undefined;
  active = loadConfig(dir, given);
  if (!active) return;
  const config = active;
  const has = (key: string): boolean => cmd.options.some((o) => o.attributeName() === key);
  const userGave = (key: string): boolean => {
    const source = cmd.getOptionValueSource(key);
    return source !== undefined && source !== "default";
  };
  for (const [key, pick] of Object.entries(FROM_CONFIG)) {
    const value = pick(config);
    if (value === undefined || !has(key) || userGave(key)) continue;
    cmd.setOptionValueWithSource(key, value, "config");
  }
  // Environment: config first, then --env pairs, which win key by key.
  if (config.env && has("env")) {
    const fromConfig = Object.entries(config.env).map(([k, v]) => `${k}=${v}`);
    const fromCli = (cmd.getOptionValue("env") as string[] | undefined) ?? [];
    cmd.setOptionValueWithSource("env", [...fromConfig, ...fromCli], "config");
  }
}
