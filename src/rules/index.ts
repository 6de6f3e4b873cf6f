import { asyncConstructor } from "./async-constructor.js";
import { importCaseMismatch } from "./import-case-mismatch.js";
import { importCycle } from "./import-cycle.js";
import { importTimeAsync } from "./import-time-async.js";
import { tdzRisk } from "./tdz-risk.js";
import { tlaCycleRisk } from "./tla-cycle-risk.js";
import { tlaDeadlock } from "./tla-deadlock.js";
import { unresolvedImport } from "./unresolved-import.js";
import type { Finding, Rule, RuleContext } from "./types.js";

/** The rule registry: one entry per rule module, id = file name. */
export const rules = [importCycle, asyncConstructor, importTimeAsync, tlaDeadlock, tlaCycleRisk, tdzRisk, unresolvedImport, importCaseMismatch] as const satisfies readonly Rule[];

export function runRules(ctx: RuleContext): Finding[] {
  return rules.flatMap((rule) => rule.check(ctx)).sort(compareFindings);
}

export function compareFindings(a: Finding, b: Finding): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.rule.localeCompare(b.rule);
}
