// The Node API's options: what a caller passes, filled in from the project's configuration file
// the way the CLI fills in flags it was not given (explicit options win, then the config, then
// the defaults), so that `scan()` returns what `startup-doctor scan --format json` prints.
import type { AnalysisProgress } from "../run/progress-events.js";
import type { StartupDoctorConfig } from "../config/types.js";
import type { AnalyzeOptions } from "../run/analyze.js";
import type { ProbeRunOptions } from "../run/probe.js";

/** A probe starting or ending (the same shape as the probe's own event; declared here so that the
 * published types need no @types/node). */
export interface ProbeProgressEvent {
  entry: string;
  runtime: string;
  phase: "start" | "done";
  status?: string;
}

export interface ScanOptions {
  /** Project folder; default: the working directory. */
  dir?: string;
  /** tsconfig for every file; default: each file's nearest tsconfig.json. */
  tsconfig?: string;
  /** Entrypoints (paths relative to `dir` or absolute); default: found from package.json, then conventions. */
  entries?: string[];
  /** "startup" (default) leaves tests, stories, scripts and browser code out unless startup imports them. */
  scope?: "startup" | "all";
  /** Configuration file; default: startup-doctor.config.json or package.json#startup-doctor in `dir`; false: none. */
  config?: string | false;
  /** Baseline of known problems; default: .startup-doctor-baseline.json in `dir` when present; false: none. */
  baseline?: string | false;
  /** Analysis phases with counts, as they happen. */
  onProgress?: (event: AnalysisProgress) => void;
  /** Stops the run (an AbortSignal): the analysis worker ends, probes are killed, and the call rejects with the signal's reason. */
  signal?: AbortSignalLike;
}

/** What the API reads of an AbortSignal (declared here so that the published types need neither @types/node nor the DOM lib). */
export interface AbortSignalLike {
  readonly aborted: boolean;
  readonly reason?: unknown;
  addEventListener(type: "abort", listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: "abort", listener: () => void): void;
}

export interface ProbeOptions extends ScanOptions {
  /** How long an entry may take to finish importing, ms; default 10000. */
  timeoutMs?: number;
  /** Finished, but slower than this (ms) is "slow"; default 2000. */
  slowMs?: number;
  /** default "auto": Bun for Bun projects, else Node; "node,bun" compares both. */
  runtime?: "auto" | "node" | "bun" | "node,bun";
  /** Entries probed in parallel; default 2. */
  concurrency?: number;
  /** Added to the child's environment (after `envFile`). */
  env?: Record<string, string>;
  /** A dotenv file added to the child's environment. */
  envFile?: string;
  /** Record per-module import times (report.probes[].importTimes). */
  importTimes?: boolean;
  /** When startup counts as complete: auto (default: a server listens, the process settles, or exits 0), listening, settled, evaluated. */
  ready?: "auto" | "listening" | "settled" | "evaluated";
  /** Startup is complete when a line of the app's output matches. */
  readyLog?: RegExp;
  /** After listening, how long (ms) a crash or exit still counts as failed startup; default 1000. */
  graceMs?: number;
  /** Each probe's start and end. */
  onProbeProgress?: (event: ProbeProgressEvent) => void;
}

export interface Resolved {
  dir: string;
  tsconfig?: string;
  entries: string[];
  scope: "startup" | "all";
  baseline?: string;
  /** false: no baseline at all. */
  useBaseline: boolean;
  config: StartupDoctorConfig | null;
}

export async function resolveScanOptions(options: ScanOptions): Promise<Resolved> {
  const dir = options.dir ?? ".";
  let config: StartupDoctorConfig | null = null;
  if (options.config !== false) {
    const { loadConfig } = await import("../config/load-config.js");
    config = loadConfig(dir, options.config);
  }
  return {
    dir,
    tsconfig: options.tsconfig ?? config?.tsconfig,
    entries: options.entries ?? config?.entries ?? [],
    scope: options.scope ?? config?.scope ?? "startup",
    baseline: options.baseline === false ? undefined : (options.baseline ?? config?.baseline),
    useBaseline: options.baseline !== false,
    config,
  };
}

/** The probe's own options, as the orchestrator takes them. */
export type ResolvedProbe = Resolved & Omit<ProbeRunOptions, keyof AnalyzeOptions | "onProgress">;

export async function resolveProbeOptions(options: ProbeOptions): Promise<ResolvedProbe> {
  const base = await resolveScanOptions(options);
  const config = base.config;
  return {
    ...base,
    timeoutMs: options.timeoutMs ?? config?.timeout ?? 10_000,
    slowMs: options.slowMs ?? config?.slow ?? 2000,
    runtime: options.runtime ?? config?.runtime ?? "auto",
    concurrency: options.concurrency ?? config?.concurrency ?? 2,
    env: { ...config?.env, ...options.env },
    envFile: options.envFile ?? config?.envFile,
    importTimes: options.importTimes ?? false,
    ...(options.ready ? { ready: options.ready } : {}),
    ...(options.readyLog ? { readyLog: options.readyLog } : {}),
    ...(options.graceMs !== undefined ? { graceMs: options.graceMs } : {}),
  };
}
