// The process table reader lives with the preload, which also uses it (an orphaned child kills
// its own tree); the parent imports it from here.
export { descendantsOf, ignoresSignal, listProcesses, processesWithEnv, readStat, processesHolding, stdioLinks, type ProcInfo } from "./preload/proc-table.js";
