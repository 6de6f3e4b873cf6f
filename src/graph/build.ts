// Builds the module graph: parse every project file once, resolve its imports, and follow
// resolved project files that the initial file list did not name (workspace sources, entries).
import { isSourceFile, relativeTo } from "../util/path.js";
import { isReallyInside, outsideMessage } from "../project/confine.js";
import { isVerbatim } from "../project/tsconfig.js";
import type { Project } from "../project/types.js";
import { emitFormat } from "./emit-format.js";
import { parseFile } from "./parse.js";
import type { Resolver } from "./resolve.js";
import { isRuntimeSite, type GraphEdge, type GraphWarning, type ModuleGraph, type ModuleNode, type ResolvedSite } from "./types.js";

export interface BuildOptions {
  /** Extra files to include (entrypoints outside the tsconfig's include). */
  extraFiles?: string[];
}

export function buildGraph(project: Project, resolver: Resolver, options: BuildOptions = {}): ModuleGraph {
  const modules = new Map<string, ModuleNode>();
  const warnings: GraphWarning[] = [];
  // An entrypoint is usually in the file list already: parse it once, warn once.
  const queued = new Set([...project.files, ...(options.extraFiles ?? [])]);
  const queue = [...queued];
  while (queue.length > 0) {
    const file = queue.pop()!;
    const config = resolver.configFor(file);
    const parsed = parseFile(file, {
      verbatim: config ? isVerbatim(config.options) : false,
      decoratorMetadata: config?.options.emitDecoratorMetadata === true,
      format: emitFormat(file, config?.options),
      strictNullChecks: config?.options.strictNullChecks ?? config?.options.strict ?? false,
    });
    const rel = relativeTo(project.root, file);
    if (parsed.problem) warnings.push({ file: rel, message: parsed.problem });
    for (const e of parsed.syntaxErrors) warnings.push({ file: rel, line: e.line, message: `syntax error: ${e.message} (edges kept)` });
    const sites: ResolvedSite[] = parsed.sites.map((site) => {
      const resolution = resolver.resolve(site, file);
      if (resolution.unresolved) warnings.push({ file: rel, line: site.line, message: `cannot resolve '${site.specifier}'` });
      const target = resolution.target;
      if (target && !queued.has(target) && isSourceFile(target)) {
        queued.add(target);
        // Confinement (issue 10 §1): a file whose real path is outside the project is never read.
        if (isReallyInside(project.root, target)) queue.push(target);
        else warnings.push({ file: relativeTo(project.root, target), message: outsideMessage(target) });
      }
      return { ...site, ...resolution };
    });
    modules.set(file, { file, sites, tsconfig: config?.file ?? null, facts: parsed.facts, syntaxErrors: parsed.syntaxErrors.length });
  }
  for (const w of resolver.warnings) warnings.push({ file: w.file ? relativeTo(project.root, w.file) : undefined, message: w.message });

  const files = [...modules.keys()].sort();
  const edges = new Map<string, GraphEdge[]>();
  for (const file of files) {
    const out: GraphEdge[] = [];
    for (const site of modules.get(file)!.sites) {
      if (!site.target || !modules.has(site.target)) continue;
      out.push({
        from: file,
        to: site.target,
        line: site.line,
        kind: site.kind,
        specifier: site.specifier,
        lazy: site.lazy,
        awaited: site.awaited,
        runtime: isRuntimeSite(site),
      });
    }
    edges.set(file, out.sort((a, b) => a.line - b.line));
  }
  warnings.sort((a, b) => (a.file ?? "").localeCompare(b.file ?? "") || (a.line ?? 0) - (b.line ?? 0));
  return { root: project.root, files, modules, edges, warnings };
}
