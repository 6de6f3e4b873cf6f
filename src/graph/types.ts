import type { EdgeKind } from "../report/types.js";

export type { EdgeKind };

/** One import site in a module, before or after resolution. Paths are absolute POSIX. */
export interface ImportSite {
  specifier: string;
  kind: EdgeKind;
  /** 1-based line of the import statement or call. */
  line: number;
  column: number;
  /** For `dynamic` and `require`: true when it runs only when some function is called later. */
  lazy: boolean;
  /** For `dynamic`: the import() is directly awaited. */
  awaited: boolean;
  /** Name of the function that holds a lazy import or a startup-called function, if any. */
  enclosingFunction?: string;
  /** Imported binding names that are used as values (empty for side-effect imports). */
  names: string[];
  /** Kept only by emitted decorator metadata (`design:type` of a decorated member's annotation). */
  metadataOnly?: boolean;
}

export interface ResolvedSite extends ImportSite {
  /** Absolute path of the project module it reaches, or null for external / unresolved. */
  target: string | null;
  external: boolean;
  unresolved: boolean;
  /** The target matches the specifier only case-insensitively (works on macOS, not on Linux). */
  caseMismatch?: boolean;
  /** A relative, `#imports` or tsconfig `paths` specifier: the project must provide the module. */
  local?: boolean;
}

export interface ModuleNode {
  file: string;
  sites: ResolvedSite[];
  /** The tsconfig that governs this file, if any. */
  tsconfig: string | null;
  /** Facts computed from the syntax tree in the same pass (see graph/facts). */
  facts: ModuleFacts;
  syntaxErrors: number;
}

/** Filled by graph/facts extractors; rules read these, never the syntax tree. */
export interface ModuleFacts {
  [extractor: string]: unknown;
}

/** A directed project-internal edge: one import site from `from` to `to`. */
export interface GraphEdge {
  from: string;
  to: string;
  line: number;
  kind: EdgeKind;
  specifier: string;
  lazy: boolean;
  awaited: boolean;
  runtime: boolean;
}

export interface GraphWarning {
  file?: string;
  line?: number;
  message: string;
}

export interface ModuleGraph {
  root: string;
  /** Sorted absolute paths of project modules. */
  files: string[];
  modules: Map<string, ModuleNode>;
  /** Outgoing project-internal edges per module, in source order. */
  edges: Map<string, GraphEdge[]>;
  warnings: GraphWarning[];
}

export const RUNTIME_KINDS: ReadonlySet<EdgeKind> = new Set<EdgeKind>(["static", "reexport", "side-effect", "require", "dynamic"]);

/** An edge runs at startup unless it is type-only or sits in a function that runs later. */
export function isRuntimeSite(site: Pick<ImportSite, "kind" | "lazy">): boolean {
  return site.kind !== "type" && !site.lazy;
}
