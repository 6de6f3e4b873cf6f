// --ready, --ready-log, --grace -> typed probe options, or a one-line UsageError.
import { UsageError } from "../util/errors.js";
import { parsePositiveInt } from "./options.js";

const READY = ["auto", "listening", "settled", "evaluated"] as const;
export type ReadyFlag = (typeof READY)[number];

export function parseReadyFlags(flags: { ready?: string; readyLog?: string; grace?: string }): { ready: ReadyFlag; readyLog?: RegExp; graceMs: number } {
  const ready = (flags.ready ?? "auto") as ReadyFlag;
  if (!READY.includes(ready)) throw new UsageError(`--ready must be one of ${READY.join(", ")} (got '${flags.ready}')`);
  const graceMs = flags.grace === "0" ? 0 : parsePositiveInt("--grace", flags.grace, 1000);
  if (flags.readyLog === undefined) return { ready, graceMs };
  try {
    return { ready, readyLog: new RegExp(flags.readyLog), graceMs };
  } catch (error) {
    throw new UsageError(`--ready-log is not a valid regular expression: ${(error as Error).message}`);
  }
}
