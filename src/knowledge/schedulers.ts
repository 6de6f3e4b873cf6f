// Cron schedulers: a scheduled task is a timer that keeps the process alive.
import type { KnowledgeEntry } from "./types.js";

export const schedulers: readonly KnowledgeEntry[] = [
  {
    package: "node-cron",
    versions: ">=2 <4",
    api: "default.schedule()",
    starts: "timer",
    lazyWhen: [{ option: "scheduled", equals: false }],
    effect: "starts a scheduled task when called",
    lazy: "pass { scheduled: false } and start() it in your bootstrap",
    evidence: "node-cron@3.0.3 src/scheduled-task.js:29-31 (constructor: scheduler.start() unless options.scheduled === false); fixtures/knowledge/schedulers",
  },
  {
    package: "cron",
    versions: ">=2 <4",
    api: "new CronJob()",
    starts: "timer",
    onlyWhen: [{ argument: 3, equals: true }],
    effect: "starts its timer when constructed with start = true",
    lazy: "leave start false and call job.start() in your bootstrap",
    evidence: "cron@3.5.0 dist/job.js:57-58 (constructor: if (start) this.start()); fixtures/knowledge/schedulers",
  },
  {
    package: "cron",
    versions: ">=2 <4",
    api: "CronJob.from()",
    starts: "timer",
    onlyWhen: [{ option: "start", equals: true }],
    effect: "starts its timer when created with start: true",
    lazy: "leave start false and call job.start() in your bootstrap",
    evidence: "cron@3.5.0 dist/job.js:60-71 (from(params) passes params.start to the constructor); fixtures/knowledge/schedulers",
  },
  {
    package: "cron",
    versions: ">=2 <4",
    api: "new CronJob().start()",
    starts: "timer",
    effect: "starts a cron timer",
    lazy: "call start() from your bootstrap, after startup",
    evidence: "cron@3.5.0 dist/job.js:104 (start() arms the timeout); fixtures/knowledge/schedulers",
  },
];
