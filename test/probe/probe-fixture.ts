// Shared by the probe tests: run one fixture of fixtures/probe/ and find what it left behind.
import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { ReportProbe } from "../../src/report/types.ts";
import { probeEntries, type ProbeOptions } from "../../src/probe/index.ts";

export const FIXTURES = fileURLToPath(new URL("../../fixtures/probe/", import.meta.url));
const TAG = "STARTUP_DOCTOR_TEST_TAG";

export interface FixtureRun {
  probes: ReportProbe[];
  probe: ReportProbe;
  /** Inherited by every process the fixture starts, to find survivors in /proc. */
  tag: string;
}

export async function probeFixture(name: string, entry: string, options: Partial<ProbeOptions> = {}): Promise<FixtureRun> {
  const tag = randomUUID();
  const probes = await probeEntries({
    root: `${FIXTURES}${name}`,
    entries: [entry],
    timeoutMs: 3000,
    slowMs: 2000,
    runtimes: ["node"],
    concurrency: 2,
    importTimes: false,
    ...options,
    env: { [TAG]: tag, ...options.env },
  });
  return { probes, probe: probes[0] as ReportProbe, tag };
}

/** Live (non-zombie) processes whose environment carries the tag. */
export function survivors(tag: string): number[] {
  const needle = `${TAG}=${tag}`;
  const found: number[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      if (stat.slice(stat.lastIndexOf(")") + 2).startsWith("Z")) continue;
      if (readFileSync(`/proc/${name}/environ`, "latin1").split("\0").includes(needle)) found.push(Number(name));
    } catch {
      // Gone or not readable.
    }
  }
  return found;
}
