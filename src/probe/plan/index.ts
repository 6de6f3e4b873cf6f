// Program selection: what the probe runs for an entry, and how the report says it.
import type { ProbeRan } from "../../report/types.js";
import type { ProbePlan } from "./types.js";

export { planProbe, type PlanInput } from "./plan-probe.js";
export type { ProbePlan, Transform } from "./types.js";

export function toReportRan(plan: ProbePlan): ProbeRan {
  const ran: ProbeRan = { command: plan.display, transform: plan.transform, reason: plan.reason };
  if (plan.differsFromStart) ran.differsFromStart = plan.differsFromStart;
  if (plan.warnings.length > 0) ran.warnings = [...plan.warnings];
  if (plan.decoratorMetadata !== undefined) ran.decoratorMetadata = plan.decoratorMetadata;
  return ran;
}
