#!/usr/bin/env node
// The command owns its process, so it may tune V8's heap growth for it (src/run/heap-growth.ts).
const { ownHeap } = await import("../dist/run/heap-growth.js");
ownHeap();
// The analysis worker boots while the command line loads (src/run/early-analysis-worker.ts).
const early = await import("../dist/run/early-analysis-worker.js");
if (early.analysesCommandLine(process.argv.slice(2))) early.startAnalysisWorkerEarly(process.argv.slice(2));
await import("../dist/cli/main.js");
