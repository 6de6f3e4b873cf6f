#!/usr/bin/env node
// The command owns its process, so it may tune V8's heap growth for it (src/run/heap-growth.ts).
const { ownHeap } = await import("../dist/run/heap-growth.js");
ownHeap();
await import("../dist/cli/main.js");
