// The verdict block of each probe, for the pretty reporter.
import type { Chalk } from "chalk";
import { importTimeTree } from "./pretty-import-times.js";
import type { ProbeWork, ReportProbe, ReportV1 } from "./types.js";

type C = InstanceType<typeof Chalk>;

function workLine(w: ProbeWork, c: C): string {
  const where = w.file ? ` ${c.dim("from")} ${c.cyan(`${w.file}:${w.line ?? "?"}`)}` : "";
  const library = w.library ? c.dim(` (${w.library})`) : "";
  const chain = w.asyncChain && w.asyncChain.length > 0 ? `\n      ${c.dim(w.asyncChain.join(" -> "))}` : "";
  return `${w.description}${where}${library}${chain}`;
}


export function prettyProbes(report: ReportV1, c: C): string[] {
  const out: string[] = [];
  report.probes.forEach((p, index) => {
    const good = p.status === "ok" || p.status === "slow";
    const badge = good ? c.green(p.status.toUpperCase()) : c.red.bold(p.status.toUpperCase());
    const phase = p.phase ? `, ${p.phase === "boot" ? "during boot" : "while evaluating"}` : "";
    out.push(`${badge} ${c.bold(p.entry)} ${c.dim(`(${p.runtime}, ${Math.round(p.durationMs)} ms${p.exitCode !== null ? `, exit ${p.exitCode}` : ""}${good ? "" : phase})`)}`);
    out.push(...ranLines(p, c));
    if (p.summary) out.push(`  ${p.summary}`);
    if (p.waitingOn && p.waitingOn.length > 0) {
      out.push(`  ${c.dim(p.status === "exit" ? "last seen in flight before it exited:" : "waiting on:")}`);
      for (const w of p.waitingOn.slice(0, 8)) out.push(`    ${workLine(w, c)}`);
    }
    if (p.background && p.background.length > 0) {
      out.push(`  ${c.yellow("still failing in the background (not a startup failure):")}`);
      for (const w of p.background.slice(0, 8)) out.push(`    ${workLine(w, c)}`);
    }
    if (p.error) out.push(...errorLines(p.error, c));
    if (p.exitCall) {
      out.push(`  ${c.dim("process.exit() called from:")}`);
      for (const frame of p.exitCall.stack.slice(0, 5)) out.push(`    ${frame}`);
    }
    if (p.pending.length > 0) {
      out.push(`  ${c.dim("never finished evaluating (outermost first):")}`);
      for (const m of p.pending) out.push(`    ${c.cyan(`${m.file}${m.line ? `:${m.line}` : ""}`)}${m.waitingFor ? c.dim(` waiting for ${m.waitingFor}`) : ""}`);
    }
    if (p.handles.length > 0) {
      out.push(`  ${c.dim("kept alive by:")}`);
      for (const h of p.handles) {
        out.push(`    ${h.type} ${h.description}${h.file ? ` ${c.dim("opened at")} ${c.cyan(`${h.file}:${h.line ?? "?"}`)}` : ""}`);
        if (h.startedBy && h.startedBy.length > 0) {
          out.push(`      ${c.dim("first started by:")}`);
          for (const frame of h.startedBy.slice(0, 8)) out.push(`        ${frame}`);
        }
      }
    }
    if (p.stack && p.stack.length > 0) {
      out.push(`  ${c.dim("main thread stack:")}`);
      for (const s of p.stack.slice(0, 8)) out.push(`    ${s}`);
    }
    if (p.explainedBy && p.explainedBy.length > 0) {
      out.push(`  ${c.dim("explained by:")} ${p.explainedBy.map((e) => `${e.rule} ${c.cyan(`${e.file}:${e.line}`)}`).join(", ")}`);
    }
    if (p.importTimes && p.importTimes.length > 0) {
      out.push(`  ${c.dim(`import time (${p.importTimes.length} module${p.importTimes.length === 1 ? "" : "s"} finished evaluating):`)}`);
      for (const line of importTimeTree(p.importTimes)) out.push(`    ${line}`);
    }
    if (!good && p.output) {
      out.push(`  ${c.dim("last output:")}`);
      for (const line of p.output.split("\n").slice(-15)) out.push(`    ${c.dim("|")} ${line}`);
    }
    if (!good && p.outputAfterKill) {
      out.push(`  ${c.dim("printed after startup-doctor sent SIGTERM (its shutdown, not its startup):")}`);
      for (const line of p.outputAfterKill.split("\n").slice(-5)) out.push(`    ${c.dim("|")} ${line}`);
    }
    // Once per entry, after its last runtime's block.
    const next = report.probes[index + 1];
    if (p.differsFrom && p.differsFrom.length > 0 && next?.entry !== p.entry) {
      const statuses = report.probes.filter((q) => q.entry === p.entry).map((q) => `${q.runtime} ${q.status}`);
      out.push(`${c.yellow.bold("RUNTIMES DIFFER")} ${c.bold(p.entry)}: ${statuses.join(", ")}`);
    }
  });
  return out;
}

/** The error's first line with where it was thrown, then the rest of its message (a cause's stack, a compiler's diagnostics), indented. */
function errorLines(error: NonNullable<ReportProbe["error"]>, c: C): string[] {
  const [first = "", ...rest] = error.message.split("\n");
  const at = error.file ? ` at ${c.cyan(`${error.file}:${error.line ?? "?"}`)}` : "";
  const more = rest.filter((line) => line.trim() !== "");
  return [`  ${c.red(`${error.name}: ${first}`)}${at}`, ...more.slice(0, 12).map((line) => `    ${c.dim("|")} ${line}`), ...(more.length > 12 ? [`    ${c.dim(`| (${more.length - 12} more lines)`)}`] : [])];
}

/** What ran and why; a warning when it is not what the start script starts (a compiler difference is not a runtime one). */
function ranLines(p: ReportProbe, c: C): string[] {
  if (!p.ran) return [];
  const lines = [`  ${c.dim("ran:")} ${p.ran.command} ${c.dim(`(${p.ran.reason})`)}`];
  if (p.ran.differsFromStart) lines.push(`  ${c.yellow("not the start script:")} ${p.ran.differsFromStart}`);
  for (const warning of p.ran.warnings ?? []) lines.push(`  ${c.yellow("note:")} ${warning}`);
  return lines;
}
