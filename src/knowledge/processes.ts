// Node built-ins that start another process or thread.
import type { KnowledgeEntry } from "./types.js";

const CP = "node:child_process";
const CP_EVIDENCE = "nodejs.org/api/child_process.html (the child and its stdio pipes keep the parent's event loop alive); fixtures/knowledge/processes";

export const processes: readonly KnowledgeEntry[] = [
  { package: CP, versions: ">=18", api: "spawn()", starts: "process", effect: "starts a child process when called", lazy: "spawn it from your bootstrap, where its failure is handled", evidence: CP_EVIDENCE },
  { package: CP, versions: ">=18", api: "fork()", starts: "process", effect: "starts a child process with an IPC channel when called", lazy: "fork it from your bootstrap, where its failure is handled", evidence: CP_EVIDENCE },
  { package: CP, versions: ">=18", api: "exec()", starts: "process", effect: "starts a shell command when called", lazy: "run it from your bootstrap and wait for it", evidence: CP_EVIDENCE },
  { package: CP, versions: ">=18", api: "execFile()", starts: "process", effect: "starts a child process when called", lazy: "run it from your bootstrap and wait for it", evidence: CP_EVIDENCE },
  {
    package: "node:worker_threads",
    versions: ">=18",
    api: "new Worker()",
    starts: "worker",
    lazyWhen: [{ calledAfter: "unref" }],
    effect: "starts a worker thread when constructed",
    lazy: "create the worker from your bootstrap (or unref() it if it must not keep the process alive)",
    evidence: "nodejs.org/api/worker_threads.html#new-workerfilename-options (the thread starts at construction; worker.unref() lets the process exit); fixtures/knowledge/processes",
  },
];
