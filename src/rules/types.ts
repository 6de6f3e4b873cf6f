import type { GraphCycle } from "../graph/cycles.js";
import type { KnowledgeIndex } from "../knowledge/match.js";
import type { ReachTree } from "../graph/reach.js";
import type { LineText } from "../graph/source-lines.js";
import type { ModuleGraph } from "../graph/types.js";
import type { ReportFinding, Severity } from "../report/types.js";

export type RuleId = "import-cycle" | "async-constructor" | "import-time-async" | "tla-deadlock" | "tla-cycle-risk" | "tdz-risk" | "unresolved-import" | "import-case-mismatch";

export type Finding = ReportFinding & { rule: RuleId };

/** Everything a rule may read. Rules are pure: no I/O but the quoted lines of lineText, no printing. */
export interface RuleContext {
  root: string;
  graph: ModuleGraph;
  cycles: GraphCycle[];
  /** Absolute paths of the entrypoints, in report order. */
  entrypoints: string[];
  /** Eager reach from each entrypoint (same order as `entrypoints`). */
  reach: ReachTree[];
  /** Root-relative, forward-slash path for the report. */
  rel(file: string): string;
  /** Library knowledge in force: the built-in table plus the configuration's `knowledge` entries. */
  knowledge: KnowledgeIndex;
  /** The trimmed source line a finding quotes (facts keep no source text). */
  lineText: LineText;
}

export interface Rule {
  id: RuleId;
  defaultSeverity: Severity;
  description: string;
  check(ctx: RuleContext): Finding[];
}

export const DOCS_BASE = "https://github.com/startup-doctor/startup-doctor/blob/main/docs/rules/";

export const docsUrl = (id: RuleId): string => `${DOCS_BASE}${id}.md`;
