// Hand-written reports for the reporter tests: every field a CI format reads, and the characters
// that need escaping (",", ":", "%", newlines, backticks, "|").
import type { ReportProbe, ReportV1 } from "../../src/report/types.js";

const rules: NonNullable<ReportV1["rules"]> = [
  { id: "import-cycle", severity: "warning", description: "Modules import each other through edges that run at startup.", docs: "https://example.test/docs/rules/import-cycle.md" },
  { id: "async-constructor", severity: "warning", description: "A constructor starts async work it neither awaits nor hands back.", docs: "https://example.test/docs/rules/async-constructor.md" },
];

/** scan: one runtime cycle (with its import-cycle finding), one type-only cycle, one other finding. */
export const scanReport: ReportV1 = {
  version: 1,
  root: "/project",
  command: "scan",
  entrypoints: ["src/index.ts"],
  modules: 7,
  cycles: [
    {
      modules: ["src/a.ts", "src/b.ts"],
      edges: [
        { from: "src/a.ts", to: "src/b.ts", line: 1, kind: "type" },
        { from: "src/b.ts", to: "src/a.ts", line: 2, kind: "type" },
      ],
      runtime: false,
      size: 2,
      component: ["src/a.ts", "src/b.ts"],
    },
    {
      modules: ["src/db.ts", "src/index.ts", "src/services/user.ts"],
      edges: [
        { from: "src/db.ts", to: "src/index.ts", line: 3, kind: "static" },
        { from: "src/index.ts", to: "src/services/user.ts", line: 5, kind: "reexport" },
        { from: "src/services/user.ts", to: "src/db.ts", line: 2, kind: "static" },
      ],
      runtime: true,
      size: 3,
      component: ["src/db.ts", "src/index.ts", "src/services/user.ts"],
    },
  ],
  findings: [
    {
      rule: "async-constructor",
      severity: "error",
      file: "src/auth/we,ird:name.ts",
      line: 12,
      column: 5,
      message: "new AuthClient() starts initRedis() and drops its promise: 100% of `ready` callers race",
      code: "this.initRedis();",
      chain: [
        { file: "src/index.ts", line: 4, note: "imports src/auth/we,ird:name.ts" },
        { file: "src/auth/we,ird:name.ts", line: 30, note: "new AuthClient()" },
      ],
      fix: "await it in a static create() | or hand back the promise",
      entrypoints: ["src/index.ts"],
      key: "async-constructor:src/auth/we,ird:name.ts:AuthClient.constructor",
      docs: "https://example.test/docs/rules/async-constructor.md",
    },
    {
      rule: "import-cycle",
      severity: "warning",
      file: "src/services/user.ts",
      line: 2,
      message: "runtime import cycle: src/db.ts -> src/index.ts -> src/services/user.ts -> src/db.ts",
      chain: [
        { file: "src/db.ts", line: 3, note: "static import of src/index.ts" },
        { file: "src/index.ts", line: 5, note: "reexport import of src/services/user.ts" },
        { file: "src/services/user.ts", line: 2, note: "static import of src/db.ts" },
      ],
      fix: "break the cycle at src/services/user.ts:2",
      entrypoints: ["src/index.ts"],
      key: "import-cycle:src/db.ts,src/index.ts,src/services/user.ts",
      docs: "https://example.test/docs/rules/import-cycle.md",
      code: 'import { db } from "../db.js";',
    },
  ],
  probes: [],
  rules,
};

/** check: the incident's hang (pending chain closing a cycle, a timer keeping it alive) and a crash. */
export const checkReport: ReportV1 = {
  version: 1,
  root: "/project",
  command: "check",
  entrypoints: ["src/index.ts", "src/worker.ts", "src/ok.ts"],
  modules: 12,
  cycles: [],
  findings: [],
  probes: [
    {
      entry: "src/index.ts",
      runtime: "node",
      status: "hang",
      durationMs: 3053.4,
      exitCode: null,
      pending: [
        { file: "src/index.ts", waitingFor: "src/routes/index.ts" },
        {
          file: "src/routes/index.ts",
          waitingFor: "src/routes/streaming-metrics.routes.ts",
          line: 9,
          cycle: ["src/routes/streaming-metrics.routes.ts", "src/metrics/registry.ts", "src/index.ts"],
        },
      ],
      error: null,
      handles: [{ type: "interval", description: "setInterval every 300 ms", file: "src/services/auth.ts", line: 12, column: 5 }],
      stack: null,
      summary: "src/index.ts (node) never finished importing within 3000 ms: src/routes/index.ts:9 awaits import of src/routes/streaming-metrics.routes.ts, whose chain reaches src/index.ts, still evaluating.",
      explainedBy: [{ rule: "tla-deadlock", file: "src/routes/index.ts", line: 9 }],
    },
    {
      entry: "src/worker.ts",
      runtime: "node",
      status: "crash",
      durationMs: 210,
      exitCode: 1,
      pending: [],
      error: { name: "ReferenceError", message: "Cannot access 'Base' before initialization", file: "src/models/user.ts", line: 3, column: 27 },
      handles: [],
      stack: null,
    },
    { entry: "src/ok.ts", runtime: "node", status: "ok", durationMs: 120, exitCode: null, pending: [], error: null, handles: [], stack: null },
  ],
  rules,
};

/** Baselined scan: nothing new, two known, one fixed. */
export const baselinedReport: ReportV1 = {
  ...scanReport,
  findings: [],
  baseline: { file: ".startup-doctor-baseline.json", known: 2, fixed: ["import-cycle:src/old.ts,src/older.ts"], new: 0 },
};

export const cleanReport: ReportV1 = { version: 1, root: "/project", command: "scan", entrypoints: ["src/index.ts"], modules: 3, cycles: [], findings: [], probes: [], rules };

/** A MongoDB crash during boot (TypeScript-Node-Starter with MongoDB at 127.0.0.1:1), with the given message. */
export function mongoCrash(message: string): ReportProbe {
  return {
    entry: "src/server.ts",
    runtime: "node",
    status: "crash",
    durationMs: 976,
    exitCode: 1,
    pending: [],
    error: { name: "MongoNetworkError", message, file: "src/app.ts", line: 48 },
    handles: [],
    stack: null,
    phase: "boot",
  };
}
