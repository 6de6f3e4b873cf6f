// startup-doctor's Node API: `import { scan, check } from "startup-doctor"`. Each command returns
// the report object that `--format json` prints (ReportV1: only ever extended by added fields).
// What is exported here is covered by semver (README "Node API").
export { scan, probe, check } from "./api/run.js";
export { render, exitCode, type RenderOptions, type Format } from "./api/output.js";
export type { ScanOptions, ProbeOptions, ProbeProgressEvent, AbortSignalLike } from "./api/options.js";
export type { AnalysisProgress } from "./run/progress-events.js";
export { InputError, UsageError } from "./util/errors.js";
export type {
  ReportV1,
  ReportFinding,
  ReportCycle,
  ReportEdge,
  ReportProbe,
  ReportWarning,
  ReportRule,
  ReportGraph,
  ReportExplain,
  ProbeHandle,
  ProbeError,
  ProbePendingModule,
  ChainHop,
  EntrypointInfo,
  Severity,
  EdgeKind,
  ProbeStatus,
  RuntimeName,
} from "./report/types.js";
export type { FailOn } from "./cli/options.js";
