// How many parse workers a scan starts by default, and from how many files. Its own module: the
// main thread reads it without loading the analysis (which stays on the analysis worker).
import { availableParallelism } from "node:os";

/**
 * Parse workers by default: none on one core; one core left to the analysis thread and its GC
 * from 4 cores up. On 2 and 3 cores two workers, for large projects only (minPoolFiles).
 */
export function defaultWorkers(cores = availableParallelism()): number {
  if (cores >= 4) return cores - 1;
  return cores >= 2 ? 2 : 0;
}

/**
 * Below this many files to parse, the default pool costs more than it saves: each worker loads
 * the compiler and warms its JIT up again (the first thousand files parse at about a third of the
 * steady speed). Measured on 2 cores, inline vs two workers: typeorm (3,244 files) 4.3 vs 4.9 s,
 * medusa (7,362) 11.5 vs 11.3 s and 150 MB more, synthetic 10k 12.4 vs 9.0 s, 100k 128 vs 91 s
 * and 1.95 vs 1.80 GB: TypeScript's parse is allocation-bound, and V8's GC threads already use
 * the second core of an inline run, so two parses side by side gain only once the project is big.
 */
export function minPoolFiles(cores = availableParallelism()): number {
  return cores >= 4 ? 500 : 10_000;
}
