// File watchers: a persistent watcher keeps the process alive.
import type { KnowledgeEntry } from "./types.js";

export const watchers: readonly KnowledgeEntry[] = [
  {
    package: "chokidar",
    versions: ">=3 <5",
    api: "watch()",
    starts: "watcher",
    lazyWhen: [{ option: "persistent", equals: false }],
    effect: "starts a persistent file watcher when called",
    lazy: "start the watcher from your bootstrap (or pass persistent: false if it must not keep the process alive)",
    evidence: "chokidar@3.5.3 index.js:313 (persistent defaults to true), :967-973 (watch() = new FSWatcher().add()); fixtures/knowledge/watchers",
  },
];
