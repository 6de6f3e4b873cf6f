// Where an entry probed under several runtimes ends differently: the runtimes really differ on
// re-entrant `await import()` (runtime-facts §1, §3). Pure.
import type { ReportProbe } from "../report/types.js";

export function compareRuntimes(probes: ReportProbe[]): ReportProbe[] {
  const byEntry = new Map<string, ReportProbe[]>();
  for (const probe of probes) byEntry.set(probe.entry, [...(byEntry.get(probe.entry) ?? []), probe]);
  return probes.map((probe) => {
    const others = (byEntry.get(probe.entry) ?? []).filter((other) => other !== probe && other.runtime !== probe.runtime);
    if (!others.some((other) => other.status !== probe.status)) return probe;
    const differsFrom = others.map((other) => ({ runtime: other.runtime, status: other.status }));
    return { ...probe, differsFrom, summary: `${probe.summary ?? ""} ${sentence(probe, others)}`.trim() };
  });
}

function sentence(probe: ReportProbe, others: ReportProbe[]): string {
  const listed = others.map((other) => `${other.status} under ${other.runtime}`).join(", ");
  let text = `The runtimes differ: ${probe.status} under ${probe.runtime}, ${listed}.`;
  const finished = others.find((other) => other.status === "ok" || other.status === "slow");
  const reentered = probe.pending.some((module) => module.cycle && module.cycle.length > 0);
  if (probe.runtime === "node" && finished?.runtime === "bun" && reentered) {
    text += " Bun evaluates an await import() that re-enters a module still evaluating; Node's ESM waits for it forever.";
  }
  return text;
}
