// Where an entry probed under several runtimes ends differently: the runtimes really differ on
// re-entrant `await import()` (runtime-facts §1, §3). A different phase is a difference too: a
// hang while evaluating under Node and a hang during boot under Bun are two stories. Pure.
import type { ReportProbe } from "../report/types.js";

const verdictOf = (probe: ReportProbe): string => `${probe.status}${probe.phase ? ` ${probe.phase === "boot" ? "during boot" : "while evaluating"}` : ""}`;

export function compareRuntimes(probes: ReportProbe[]): ReportProbe[] {
  const byEntry = new Map<string, ReportProbe[]>();
  for (const probe of probes) byEntry.set(probe.entry, [...(byEntry.get(probe.entry) ?? []), probe]);
  return probes.map((probe) => {
    const others = (byEntry.get(probe.entry) ?? []).filter((other) => other !== probe && other.runtime !== probe.runtime);
    const differs = (other: ReportProbe): boolean => other.status !== probe.status || (other.status !== "ok" && other.status !== "slow" && other.phase !== probe.phase);
    if (!others.some(differs)) return probe;
    // tsx under node against bun on a decorator-metadata project is a compiler difference, not a
    // runtime one: no RUNTIMES DIFFER for it (runtime-facts §6.2).
    const compiler = others.find((other) => differs(other) && differentMetadata(probe, other));
    if (compiler) return { ...probe, summary: `${probe.summary ?? ""} ${compilerSentence(probe, compiler)}`.trim() };
    const differsFrom = others.map((other) => (other.phase ? { runtime: other.runtime, status: other.status, phase: other.phase } : { runtime: other.runtime, status: other.status }));
    return { ...probe, differsFrom, summary: `${probe.summary ?? ""} ${sentence(probe, others)}`.trim() };
  });
}

function sentence(probe: ReportProbe, others: ReportProbe[]): string {
  const samePhaseless = others.every((other) => other.status !== probe.status);
  const say = (p: ReportProbe): string => (samePhaseless ? p.status : verdictOf(p));
  const listed = others.map((other) => `${say(other)} under ${other.runtime}`).join(", ");
  let text = `The runtimes differ: ${say(probe)} under ${probe.runtime}, ${listed}.`;
  const evaluated = others.find((other) => other.status === "ok" || other.status === "slow" || other.phase === "boot");
  const reentered = probe.pending.some((module) => module.cycle && module.cycle.length > 0);
  if (probe.runtime === "node" && probe.phase !== "boot" && evaluated?.runtime === "bun" && reentered) {
    text += " Bun evaluates an await import() that re-enters a module still evaluating; Node's ESM waits for it forever.";
  }
  return text;
}

function differentMetadata(a: ReportProbe, b: ReportProbe): boolean {
  const left = a.ran?.decoratorMetadata;
  const right = b.ran?.decoratorMetadata;
  return left !== undefined && right !== undefined && left !== right;
}

function compilerSentence(probe: ReportProbe, other: ReportProbe): string {
  const [without, withIt] = probe.ran?.decoratorMetadata ? [other, probe] : [probe, other];
  return `${probe.status} under ${probe.runtime}, ${other.status} under ${other.runtime}: the compilers differ, not only the runtimes (${without.ran?.transform} under ${without.runtime} emits no decorator metadata, ${withIt.ran?.transform} under ${withIt.runtime} does).`;
}
