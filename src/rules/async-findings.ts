// Shared by import-time-async and async-constructor: one finding per root cause, and the
// report's `library` field.
import type { AsyncStart } from "../graph/facts/async-work.js";
import type { Finding } from "./types.js";

/**
 * Groups sites by the place their work really starts. A floating async call is its own root (the
 * call is what to fix); a timer or library call inside a shared helper is one root however many
 * modules or classes reach it. Groups keep the sites' order; the result is ordered by first site.
 */
export function groupByRoot<T>(sites: readonly T[], startOf: (site: T) => AsyncStart): T[][] {
  const groups = new Map<string, T[]>();
  for (const site of sites) {
    const { root } = startOf(site);
    const key = `${root.file}\0${root.line}\0${root.column}`;
    const group = groups.get(key);
    if (group) group.push(site);
    else groups.set(key, [site]);
  }
  return [...groups.values()];
}

export function libraryField(start: AsyncStart): Pick<Finding, "library"> {
  const lib = start.library;
  return lib ? { library: { package: lib.package, api: lib.api, starts: lib.starts, evidence: lib.evidence } } : {};
}
