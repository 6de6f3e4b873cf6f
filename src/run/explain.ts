import { existsSync } from "node:fs";
import { chainTo } from "../graph/reach.js";
import type { ReportV1 } from "../report/types.js";
import { InputError } from "../util/errors.js";
import { resolvePath } from "../util/path.js";
import { analyze, toReport, type AnalyzeOptions, type AnalyzeRun } from "./analyze.js";

/** `explain <module>`: the shortest eager import chain from each entrypoint to a module. */
export async function explain(options: AnalyzeOptions & { module: string }, run: AnalyzeRun = {}): Promise<ReportV1> {
  const analysis = await analyze(options, run);
  const rel = analysis.ctx.rel;
  const target = findModule(analysis.graph.files, analysis.project.root, options.module);
  const report = toReport(analysis, "explain");
  const chains = analysis.ctx.reach.map((tree) => ({
    entry: rel(tree.entry),
    hops: chainTo(tree, target)?.map((e) => ({ from: rel(e.from), to: rel(e.to), line: e.line, kind: e.kind, specifier: e.specifier })) ?? null,
  }));
  return { ...report, explain: { target: rel(target), chains } };
}

function findModule(files: string[], root: string, query: string): string {
  const candidates = [resolvePath(query), resolvePath(root, query)];
  for (const c of candidates) if (files.includes(c)) return c;
  const suffix = files.filter((f) => f.endsWith(`/${query.replace(/^\.\//, "")}`) || f.replace(/\.[^./]+$/, "").endsWith(`/${query.replace(/^\.\//, "")}`));
  if (suffix.length === 1) return suffix[0];
  if (suffix.length > 1) throw new InputError(`'${query}' matches ${suffix.length} modules; give more of its path`);
  throw new InputError(existsSync(resolvePath(root, query)) ? `${query} is not a module of the project graph` : `no module matches '${query}'`);
}
