import type { RuleId } from "../rules/types.js";

/** Every rule id a config may name; the type check below fails when RuleId gains one not listed. */
export const RULE_IDS = ["import-cycle", "async-constructor", "import-time-async", "tla-deadlock", "tla-cycle-risk", "tdz-risk", "unresolved-import", "import-case-mismatch"] as const satisfies readonly RuleId[];

type Missing = Exclude<RuleId, (typeof RULE_IDS)[number]>;
const allListed: Missing extends never ? true : false = true;
void allListed;
