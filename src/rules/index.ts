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

/** Every rule's findings, sorted; `onRule` hears after each rule (for a progress display). */
export function runRules(ctx: RuleContext, onRule?: (done: number, total: number) => void): Finding[] {
  const findings: Finding[] = [];
  onRule?.(0, rules.length);
  rules.forEach((rule, i) => {
    for (const finding of rule.check(ctx)) findings.push(finding);
    onRule?.(i + 1, rules.length);
  });
  return findings.sort(compareFindings);
}

export function compareFindings(a: Finding, b: Finding): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.rule.localeCompare(b.rule);
}
