// The probe: run each entrypoint in an instrumented, timed child and say where it stops.
export { probeEntries } from "./probe-entries.js";
export { linkProbesToFindings } from "./link-findings.js";
export { compareRuntimes } from "./compare-runtimes.js";
export { parseEnvFile } from "./env-file.js";
export { detectRuntimes, isBunProject, findBun, type RuntimeChoice, type RuntimeRequest } from "./runtimes.js";
export { killAllProbes } from "./kill-tree.js";
export { classify, type Outcome } from "./classify.js";
export type { ProbeOptions, ProbeProgressEvent } from "./types.js";
