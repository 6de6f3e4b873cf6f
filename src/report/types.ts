// The JSON report: a public contract. Fields may be added, never renamed or removed.

export type Severity = "error" | "warning" | "info";
export type EdgeKind = "static" | "type" | "dynamic" | "require" | "reexport" | "side-effect";
export type ProbeStatus = "ok" | "slow" | "hang" | "blocked" | "crash" | "unsettled" | "exit";
export type RuntimeName = "node" | "bun";

export interface ReportEdge {
  from: string;
  to: string;
  line: number;
  kind: EdgeKind;
  /** Added: the import specifier as written. */
  specifier?: string;
  /** Added: for `dynamic`/`require`, true when it runs only when a function is called. */
  lazy?: boolean;
  /** Added (cycles): other imports between the same two modules, and whether each runs at startup. */
  alsoAt?: Array<{ line: number; kind: EdgeKind; runtime: boolean }>;
}

export interface ReportCycle {
  modules: string[];
  edges: ReportEdge[];
  runtime: boolean;
  /** Added: number of modules in the strongly connected component this cycle represents. */
  size?: number;
  /** Added: every module of the component (the cycle shows one shortest loop through it). */
  component?: string[];
}

export interface ChainHop {
  file: string;
  line: number;
  /** What happens at this hop, e.g. "imports", "await import()", "new AuthClient()". */
  note?: string;
}

export interface ReportFinding {
  rule: string;
  severity: Severity;
  file: string;
  line: number;
  message: string;
  /** Added: 1-based column. */
  column?: number;
  /** Added: the source line, trimmed. */
  code?: string;
  /** Added: the steps that make this finding matter, in order. */
  chain?: ChainHop[];
  /** Added: one-line fix suggestion. */
  fix?: string;
  /** Added: entrypoints whose eager import path reaches this file. */
  entrypoints?: string[];
  /** Added: a stable key that survives unrelated edits (rule + file + enclosing symbol). */
  key?: string;
  /** Added: link to the rule's documentation. */
  docs?: string;
  /**
   * Added: the runtime cycle this finding crosses, by the smallest module path of its component
   * (the `cycles` entry whose component holds it): the loop is listed once there, not per finding.
   */
  cycle?: string;
  /** Added: when several places lead to the same root cause (importers, subclasses), every chain; `chain` is the first. */
  chains?: ChainHop[][];
  /** Added: the library call that starts the work, from the knowledge table (src/knowledge). */
  library?: { package: string; api: string; starts: string; evidence: string };
}

export interface ProbePendingModule {
  file: string;
  /** Line it is waiting at, when known. */
  line?: number;
  waitingFor?: string;
  /** Added: where the awaited import of `waitingFor` is written, when not in this module. */
  importedFrom?: { file: string; line?: number };
  /** Added: the import path from `waitingFor` back to a module of this chain, still evaluating. */
  cycle?: string[];
}

export interface ProbeHandle {
  type: string;
  description: string;
  file?: string;
  line?: number;
  column?: number;
  stack?: string[];
  /** Added: creation stack of the earlier resource that led to this one (a retry timer's first socket). */
  startedBy?: string[];
}

export interface ProbeError {
  name: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
  stack?: string;
}

export interface ReportProbe {
  entry: string;
  runtime: RuntimeName;
  status: ProbeStatus;
  durationMs: number;
  exitCode: number | null;
  pending: ProbePendingModule[];
  error: ProbeError | null;
  handles: ProbeHandle[];
  stack: string[] | null;
  /** Added (blocked, Linux): the main thread's CPU time over the stall when `stack` was taken; far below the wall time, it was waiting, not computing. */
  mainThread?: { cpuMs: number; wallMs: number; majorFaults: number };
  /** Added: rule ids + locations of static findings that explain this outcome, most likely first. */
  explainedBy?: Array<{ rule: string; file: string; line: number }>;
  /** Added: one-paragraph verdict. */
  summary?: string;
  /** Added: per-module import times. */
  importTimes?: Array<{ file: string; selfMs: number; totalMs: number; parent?: string }>;
  /** Added: tail of the child's stdout/stderr. */
  outputTail?: string;
  signal?: string | null;
  /** Added (--runtime node,bun): the same entry's status under the other runtimes, when it differs. */
  differsFrom?: Array<{ runtime: RuntimeName; status: ProbeStatus; phase?: "evaluation" | "boot" }>;
  /** Added: the command the probe ran, its transform ("tsx" | "compiled-output" | "typescript" | "none" | "bun") and why. */
  ran?: ProbeRan;
  /** Added: where the verdict happened: while the entry module evaluated, or afterwards (bootstrap, connect, listen). */
  phase?: "evaluation" | "boot";
  /** Added: how and when startup counted as complete (ok/slow only); `file`/`line`: the listen call. */
  ready?: { by: "listening" | "settled" | "exited" | "evaluated" | "log"; atMs: number; address?: string; file?: string; line?: number };
  /** Added: a crash or exit within the grace window after startup looked complete: when and how it had (listening on `address` at `atMs`). */
  readyBefore?: { by: "listening" | "settled" | "exited" | "evaluated" | "log"; atMs: number; address?: string; file?: string; line?: number };
  /** Added: the last lines of the app's stdout and stderr (bounded), up to the moment the probe began to kill it. */
  output?: string;
  /** Added: the last lines it printed after the probe's SIGTERM (its own shutdown handler), kept apart from `output`. */
  outputAfterKill?: string;
  /** Added: startup work still failing or retrying after startup completed (a reconnect loop): a note, not a failure. */
  background?: ProbeWork[];
  /** Added: what startup was waiting on when it hung, was blocked or exited (connects, lookups, retry timers). */
  waitingOn?: ProbeWork[];
  /** Added (exit): the app called process.exit(): the project's line that did (or the first frame, when only a dependency's code is on the stack) and the caller's stack. */
  exitCall?: { file?: string; line?: number; stack: string[] };
}

export interface ProbeRan {
  /** As a person would type it: "NODE_ENV=production node --enable-source-maps dist/main.js". */
  command: string;
  transform: string;
  reason: string;
  /** Set when this is not the program the start script starts, and how it differs. */
  differsFromStart?: string;
  warnings?: string[];
  /** Set when the tsconfig asks for decorator metadata: whether what ran emitted it. */
  decoratorMetadata?: boolean;
}

/** Added: one piece of startup work (a connection attempt, a DNS lookup, a retry timer, an error). */
export interface ProbeWork {
  kind: "connect" | "dns" | "timer" | "child-process" | "error";
  /** "connect to 127.0.0.1:1 (12 attempts)", "Error: connect ECONNREFUSED 127.0.0.1:1". */
  description: string;
  target?: string;
  attempts?: number;
  /** The project's own line that started it (first frame outside node_modules). */
  file?: string;
  line?: number;
  /** The npm package the project called into, when the work started inside one. */
  library?: string;
  /** The startup function's async call chain, outermost first: "bootstrap (src/main.ts:12)". */
  asyncChain?: string[];
}

export interface ReportWarning {
  file?: string;
  line?: number;
  message: string;
}

export interface EntrypointInfo {
  file: string;
  /** Which discovery rule found it: "--entry", "package.json#bin", "scripts.start", "convention"... */
  source: string;
  /** Added: the startup modules it hands over to (`import("./main").then(start)`, a bin stub's require), followed by the rules as entrypoints. */
  startsVia?: Array<{ file: string; line: number; how: string }>;
}

export interface ReportV1 {
  version: 1;
  root: string;
  entrypoints: string[];
  modules: number;
  cycles: ReportCycle[];
  findings: ReportFinding[];
  probes: ReportProbe[];
  /** Added: how each entrypoint was found. */
  entrypointSources?: EntrypointInfo[];
  /** Added: per-file trouble (unresolved imports, syntax errors, unreadable files). */
  warnings?: ReportWarning[];
  /** Added: the command that produced the report. */
  command?: "scan" | "probe" | "check" | "graph" | "explain";
  /** Added: baseline bookkeeping when --baseline is in force. */
  baseline?: { file: string; known: number; fixed: string[]; new: number };
  /** Added (graph command): the eager import graph. */
  graph?: ReportGraph;
  /** Added (explain command): shortest eager chains to a module. */
  explain?: ReportExplain;
  /** Added: the rules that ran, with their severity after configuration (SARIF and markdown describe them). */
  rules?: ReportRule[];
  /** Added: findings turned off by suppression comments, `overrides` or `--rule id=off`. */
  suppressed?: ReportSuppressed;
  /** Added: files left out of the scan (scope "startup", the default) because they are tests, stories, scripts run directly or browser code; a left-out file the startup path imports is scanned anyway. */
  excluded?: { tests: number; stories: number; scripts: number; browser: number };
}

/** Added: a finding a suppression turned off (an inline comment, or a config/--rule setting of "off" for its file). */
export interface ReportSuppressedFinding {
  rule: string;
  file: string;
  line: number;
  severity: Severity;
  /** "startup-doctor-disable-next-line", "startup-doctor-disable-line", "startup-doctor-disable", "overrides", "--rule". */
  by: string;
  /** Line of the comment that suppressed it. */
  commentLine?: number;
  /** The comment's reason (after `--`). */
  reason?: string;
}

/** Added: findings suppressed rather than reported: counted, never silently dropped. */
export interface ReportSuppressed {
  count: number;
  byRule: Record<string, number>;
  findings: ReportSuppressedFinding[];
}

/** Added: one rule as it ran. */
export interface ReportRule {
  id: string;
  severity: Severity;
  description: string;
  docs: string;
}

/** Added (graph command): the eager import graph. */
export interface ReportGraph {
  nodes: string[];
  edges: ReportEdge[];
}

/** Added (explain command): shortest eager chains from each entrypoint to a module. */
export interface ReportExplain {
  target: string;
  chains: Array<{ entry: string; hops: ReportEdge[] | null }>;
}
