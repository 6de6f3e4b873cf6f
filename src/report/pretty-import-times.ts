// The `--importtime` tree of a probe, like Python's `-X importtime`: self and total ms,
// indented under the module that imported each one first, limited to the slowest modules.
import type { ReportProbe } from "./types.js";

type Row = NonNullable<ReportProbe["importTimes"]>[number];

/** Slowest by total (ancestors first by construction) plus the slowest bodies wherever they sit. */
const BY_TOTAL = 15;
const BY_SELF = 5;

export function importTimeTree(rows: Row[]): string[] {
  if (rows.length === 0) return [];
  const byFile = new Map(rows.map((row) => [row.file, row]));
  const shown = new Set<string>();
  const pick = (row: Row): void => {
    // Ancestors too, so every shown module hangs under its importer.
    for (let at: Row | undefined = row; at && !shown.has(at.file); at = at.parent ? byFile.get(at.parent) : undefined) shown.add(at.file);
  };
  [...rows].sort((a, b) => b.totalMs - a.totalMs).slice(0, BY_TOTAL).forEach(pick);
  [...rows].sort((a, b) => b.selfMs - a.selfMs).slice(0, BY_SELF).forEach(pick);
  const children = new Map<string | undefined, Row[]>();
  for (const row of rows) {
    if (!shown.has(row.file)) continue;
    const parent = row.parent && shown.has(row.parent) ? row.parent : undefined;
    children.set(parent, [...(children.get(parent) ?? []), row]);
  }
  for (const list of children.values()) list.sort((a, b) => b.totalMs - a.totalMs || a.file.localeCompare(b.file));
  const width = Math.max(8, ...rows.map((row) => ms(row.totalMs).length));
  const out = [`${"self ms".padStart(width)} | ${"total ms".padStart(width)} | module`];
  // Iterative depth-first walk.
  const stack: Array<{ row: Row; depth: number }> = [...(children.get(undefined) ?? [])].reverse().map((row) => ({ row, depth: 0 }));
  while (stack.length > 0) {
    const { row, depth } = stack.pop() as { row: Row; depth: number };
    out.push(`${ms(row.selfMs).padStart(width)} | ${ms(row.totalMs).padStart(width)} | ${"  ".repeat(depth)}${row.file}`);
    for (const child of [...(children.get(row.file) ?? [])].reverse()) stack.push({ row: child, depth: depth + 1 });
  }
  const hidden = rows.length - shown.size;
  if (hidden > 0) out.push(`${" ".repeat(width)}   ${" ".repeat(width)}   … ${hidden} faster module${hidden === 1 ? "" : "s"} not shown`);
  return out;
}

function ms(value: number): string {
  return value.toFixed(1);
}
