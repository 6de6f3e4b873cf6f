// Reads and writes the baseline file; a malformed one is a one-line InputError.
import { readFileSync, writeFileSync } from "node:fs";
import { InputError } from "../util/errors.js";
import type { BaselineFile, BaselineFinding } from "./types.js";

export const BASELINE_FILE = ".startup-doctor-baseline.json";

export function readBaseline(path: string, shownAs: string = path): BaselineFile {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(code ? `cannot read baseline ${shownAs}: ${code}` : `${shownAs}: invalid JSON: ${(error as Error).message.split("\n")[0]}`);
  }
  const bad = (why: string): never => {
    throw new InputError(`${shownAs}: ${why} (write a new one with --update-baseline)`);
  };
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return bad("not a baseline object");
  const r = raw as Record<string, unknown>;
  if (r.version !== 1) bad(`"version" must be 1`);
  if (!Array.isArray(r.cycles) || r.cycles.some((c) => !Array.isArray(c) || c.some((m) => typeof m !== "string"))) bad(`"cycles" must be an array of module lists`);
  if (!Array.isArray(r.findings) || r.findings.some((f) => !isFinding(f))) bad(`"findings" must be an array of {rule, file, key}`);
  return raw as BaselineFile;
}

export function writeBaseline(path: string, baseline: BaselineFile): void {
  writeFileSync(path, `${JSON.stringify(baseline, null, 2)}\n`);
}

function isFinding(f: unknown): f is BaselineFinding {
  if (typeof f !== "object" || f === null) return false;
  const r = f as Record<string, unknown>;
  return typeof r.rule === "string" && typeof r.file === "string" && typeof r.key === "string" && (r.count === undefined || (Number.isInteger(r.count) && (r.count as number) > 0));
}
