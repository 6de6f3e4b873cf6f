// Repeated --format/--output pairs, and GitHub annotations added on their own under GitHub Actions.
// Each --output writes the --format given before it; a format without an --output goes to stdout.
import { writeFileSync } from "node:fs";
import { ensureDir } from "../util/ensure-dir.js";
import { Option } from "commander";
import type { ReportV1 } from "../report/types.js";
import { InputError, UsageError } from "../util/errors.js";
import { writeFailure } from "../util/write-failure.js";
import { dirOf, isInside, relativeTo, resolvePath } from "../util/path.js";

export interface OutputTarget {
  format: string;
  /** undefined: stdout. */
  file?: string;
}

/** --format and --output, in the order given: both options store into one list (`targets`). */
export type TargetToken = { format: string } | { output: string };

class TargetOption extends Option {
  override attributeName(): string {
    return "targets";
  }
}

const tokens = (previous: unknown): TargetToken[] => (Array.isArray(previous) ? (previous as TargetToken[]) : []);

export function formatOption(formats: readonly string[], fallback: string): Option {
  return new TargetOption("-f, --format <format>", `output format: ${formats.join(", ")}; repeatable, each --output writes the --format before it`)
    .default(fallback)
    .argParser((value: string, previous: unknown) => [...tokens(previous), { format: value }]);
}

export function outputOption(): Option {
  return new TargetOption("-o, --output <file>", "write the report to a file instead of stdout; repeatable").argParser((value: string, previous: unknown) => [
    ...tokens(previous),
    { output: value },
  ]);
}

/** Each --output pairs with the nearest --format before it that has none (else the next one, else the default). */
export function planOutputs(given: unknown, allowed: readonly string[], fallback: string): OutputTarget[] {
  const list = tokens(given);
  const targets: OutputTarget[] = list.flatMap((t) => ("format" in t ? [{ format: t.format }] : []));
  const implicit = targets.length === 0;
  if (implicit) targets.push({ format: fallback });
  for (const t of targets) if (!allowed.includes(t.format)) throw new UsageError(`--format must be one of ${allowed.join(", ")} (got '${t.format}')`);
  let formatsSeen = 0;
  for (const t of list) {
    if ("format" in t) {
      formatsSeen += 1;
      continue;
    }
    const before = targets.slice(0, implicit ? 1 : formatsSeen).reverse().find((x) => x.file === undefined);
    const after = targets.slice(implicit ? 1 : formatsSeen).find((x) => x.file === undefined);
    const target = before ?? after;
    if (!target) throw new UsageError(`more --output than --format: give a --format before each --output (at '${t.output}')`);
    target.file = t.output;
  }
  const toStdout = targets.filter((t) => t.file === undefined);
  if (toStdout.length > 1) throw new UsageError(`only one --format can go to stdout (got ${toStdout.map((t) => t.format).join(", ")}): add an --output after the others`);
  return targets;
}

const MACHINE_READABLE = new Set(["json", "sarif", "markdown", "dot", "mermaid"]);

export async function writeReports(report: ReportV1, targets: OutputTarget[], color: boolean): Promise<void> {
  const { loadReporter, isFormat } = await import("../report/index.js");
  const { sourceLinksFrom } = await import("../report/ci-links.js");
  const pathPrefix = ciPathPrefix(report.root);
  // A CI log that executes workflow commands (GitHub Actions; Azure Pipelines' ##vso[): pretty defuses them.
  const ciLog = process.env.GITHUB_ACTIONS === "true" || process.env.TF_BUILD === "True";
  const sourceLinks = sourceLinksFrom(process.env);
  const render = async (format: string, useColor: boolean, width?: number): Promise<string> => {
    if (!isFormat(format)) throw new UsageError(`unknown format '${format}'`);
    return (await loadReporter(format))(report, { color: useColor, pathPrefix, width, ciLog, sourceLinks });
  };
  for (const t of targets) {
    // `color`: stdout's choice (color.ts); a file never gets colour.
    const useColor = color && t.format === "pretty" && t.file === undefined;
    const text = await render(t.format, useColor, t.file === undefined ? terminalWidth() : undefined);
    if (t.file === undefined) process.stdout.write(text);
    else {
      try {
        ensureDir(dirOf(resolvePath(t.file)));
        writeFileSync(t.file, text);
      } catch (error) {
        throw new InputError(`cannot write ${t.file}: ${writeFailure(error)}`);
      }
    }
  }
  const gate = report.command === undefined || report.command === "scan" || report.command === "probe" || report.command === "check";
  if (gate && process.env.GITHUB_ACTIONS === "true" && !targets.some((t) => t.format === "github")) {
    const annotations = await render("github", false);
    // Workflow commands are read from stderr too; keep a JSON or SARIF stdout parseable.
    const stdoutFormat = targets.find((t) => t.file === undefined)?.format;
    if (annotations) (stdoutFormat && MACHINE_READABLE.has(stdoutFormat) ? process.stderr : process.stdout).write(annotations);
  }
}

/** stdout's columns on a terminal, else an exported COLUMNS; undefined: do not wrap. */
export function terminalWidth(stream: NodeJS.WriteStream = process.stdout, env: NodeJS.ProcessEnv = process.env): number | undefined {
  if (stream.isTTY && stream.columns > 0) return stream.columns;
  const columns = Number(env.COLUMNS);
  return Number.isInteger(columns) && columns > 0 ? columns : undefined;
}

/** Report root relative to the checkout (GITHUB_WORKSPACE, else the working directory), for CI paths. */
export function ciPathPrefix(root: string): string {
  const base = resolvePath(process.env.GITHUB_WORKSPACE || ".");
  if (!isInside(base, root)) return "";
  const rel = relativeTo(base, root);
  return rel === "." ? "" : `${rel}/`;
}
