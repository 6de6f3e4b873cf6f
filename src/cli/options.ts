// argv strings -> typed options, or a one-line UsageError.
import type { Severity } from "../report/types.js";
import { UsageError } from "../util/errors.js";

export type FailOn = Severity | "none";
const FAIL_ON: readonly FailOn[] = ["error", "warning", "info", "none"];

export function parseFailOn(value: string | undefined): FailOn {
  const v = (value === "warn" ? "warning" : (value ?? "error")) as FailOn;
  if (!FAIL_ON.includes(v)) throw new UsageError(`--fail-on must be one of ${FAIL_ON.join(", ")} (got '${value}')`);
  return v;
}

export function parseFormat<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T): T {
  const v = (value ?? fallback) as T;
  if (!allowed.includes(v)) throw new UsageError(`--format must be one of ${allowed.join(", ")} (got '${value}')`);
  return v;
}

/** `max`: larger values are refused, not clamped (a 99999999999 ms timer fires at once in Node). */
export function parsePositiveInt(name: string, value: string | undefined, fallback: number, max: number = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined) return fallback;
  const n = /^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`${name} must be a positive whole number (got '${value}')`);
  if (n > max) throw new UsageError(`${name} must be at most ${max} (got '${value}')`);
  return n;
}

/** --workers: a whole number, 0 allowed (parse on the analysis thread). */
export function parseWorkers(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || value.trim() === "") throw new UsageError(`--workers must be 0 or a positive whole number (got '${value}')`);
  return n;
}

export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

export function parseEnvPairs(pairs: string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf("=");
    if (eq <= 0) throw new UsageError(`--env takes KEY=VALUE (got '${pair}')`);
    env[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return env;
}

export function parseScope(value: string | undefined): "startup" | "all" {
  const v = value ?? "startup";
  if (v !== "startup" && v !== "all") throw new UsageError(`--scope must be startup or all (got '${value}')`);
  return v;
}
