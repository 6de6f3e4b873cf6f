// Runs the built CLI the way a user does, with colours off.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { ReportV1 } from "../../src/report/types.js";

export const repoRoot = fileURLToPath(new URL("../..", import.meta.url)).replace(/\/$/, "");
export const binPath = `${repoRoot}/bin/startup-doctor.js`;

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): CliResult {
  const result = spawnSync(process.execPath, [binPath, ...args], {
    cwd: options.cwd ?? repoRoot,
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0", GITHUB_ACTIONS: "", ...options.env },
    encoding: "utf8",
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `scan <fixture> --format json` parsed; fails loudly on a non-JSON stdout. */
export function scanJson(fixtureDir: string, extra: string[] = []): { code: number | null; report: ReportV1; stderr: string } {
  const r = runCli(["scan", fixtureDir, "--format", "json", ...extra]);
  let report: ReportV1;
  try {
    report = JSON.parse(r.stdout) as ReportV1;
  } catch {
    throw new Error(`stdout is not JSON (exit ${r.code}): ${r.stdout.slice(0, 500)} ${r.stderr.slice(0, 500)}`);
  }
  return { code: r.code, report, stderr: r.stderr };
}
