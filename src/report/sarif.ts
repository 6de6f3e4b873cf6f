// SARIF 2.1.0: one run, the rules with help and docs links, one result per finding (import-cycle
// results carry every edge of their cycle as related locations) and per unfinished probe.
import { readFileSync } from "node:fs";
import type { ReporterOptions } from "./index.js";
import {
  PROBE_DESCRIPTIONS,
  PROJECT_URL,
  ciPath,
  cycleOfFinding,
  probeLocation,
  probeMessage,
  probeRuleId,
  rulesOf,
  unfinishedProbes,
} from "./problems.js";
import type { ReportFinding, ReportV1, Severity } from "./types.js";

const version = (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;

type Level = "error" | "warning" | "note";
const LEVEL: Record<Severity, Level> = { error: "error", warning: "warning", info: "note" };

interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  helpUri: string;
  defaultConfiguration: { level: Level };
}

interface PhysicalLocation {
  artifactLocation: { uri: string; uriBaseId: "%SRCROOT%" };
  region: { startLine: number; startColumn?: number; snippet?: { text: string } };
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: Level;
  message: { text: string };
  locations: Array<{ physicalLocation: PhysicalLocation }>;
  relatedLocations?: Array<{ id: number; physicalLocation: PhysicalLocation; message: { text: string } }>;
  partialFingerprints?: Record<string, string>;
}

export function sarif(report: ReportV1, options: ReporterOptions): string {
  const prefix = options.pathPrefix ?? "";
  const location = (file: string, line: number, column?: number, code?: string): PhysicalLocation => ({
    artifactLocation: { uri: toUri(ciPath(file, prefix)), uriBaseId: "%SRCROOT%" },
    region: {
      startLine: Math.max(1, line),
      ...(column !== undefined && column >= 1 ? { startColumn: column } : {}),
      ...(code ? { snippet: { text: code } } : {}),
    },
  });

  const rules: SarifRule[] = rulesOf(report).map((r) => ({
    id: r.id,
    name: pascal(r.id),
    shortDescription: { text: r.description },
    fullDescription: { text: r.description },
    help: { text: `${r.description}\nSee ${r.docs}`, markdown: `${r.description}\n\n[How to fix it](${r.docs})` },
    helpUri: r.docs,
    defaultConfiguration: { level: LEVEL[r.severity] },
  }));
  const probes = unfinishedProbes(report);
  for (const status of [...new Set(probes.map((p) => p.status))].sort()) {
    const description = PROBE_DESCRIPTIONS[status] ?? `The probe ended with status ${status}.`;
    const docs = `${PROJECT_URL}#how-to-read-a-verdict`;
    rules.push({
      id: `probe-${status}`,
      name: pascal(`probe-${status}`),
      shortDescription: { text: description },
      fullDescription: { text: `${description} The probe imported the entrypoint in a timed child process.` },
      help: { text: `${description}\nSee ${docs}`, markdown: `${description}\n\n[How to read a verdict](${docs})` },
      helpUri: docs,
      defaultConfiguration: { level: "error" },
    });
  }
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));

  const results: SarifResult[] = report.findings.map((f) => findingResult(report, f, ruleIndex, location));
  for (const p of probes) {
    const at = probeLocation(p);
    const related = p.pending.map((m, i) => ({
      id: i,
      physicalLocation: location(m.file, m.line ?? 1),
      message: { text: m.waitingFor ? `still evaluating, waiting for ${m.waitingFor}` : "still evaluating" },
    }));
    results.push({
      ruleId: probeRuleId(p),
      ruleIndex: ruleIndex.get(probeRuleId(p)) ?? -1,
      level: "error",
      message: { text: probeMessage(p) },
      locations: [{ physicalLocation: location(at.file, at.line, at.column) }],
      ...(related.length > 0 ? { relatedLocations: related } : {}),
      partialFingerprints: { "startupDoctorKey/v1": `${probeRuleId(p)}:${p.entry}:${p.runtime}` },
    });
  }

  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "startup-doctor", version, semanticVersion: version, informationUri: PROJECT_URL, rules } },
        originalUriBaseIds: { "%SRCROOT%": { uri: srcRootUri(report.root, prefix) } },
        results,
        columnKind: "utf16CodeUnits",
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function findingResult(
  report: ReportV1,
  f: ReportFinding,
  ruleIndex: Map<string, number>,
  location: (file: string, line: number, column?: number, code?: string) => PhysicalLocation,
): SarifResult {
  const cycle = cycleOfFinding(report, f);
  const hops = cycle
    ? cycle.edges.map((e) => ({ file: e.from, line: e.line, note: `${e.kind} import of ${e.to}` }))
    : (f.chain ?? []);
  const related = hops.map((h, i) => ({ id: i, physicalLocation: location(h.file, h.line), message: { text: h.note ?? "" } }));
  const text = f.fix ? `${f.message}\nFix: ${f.fix}` : f.message;
  return {
    ruleId: f.rule,
    ruleIndex: ruleIndex.get(f.rule) ?? -1,
    level: LEVEL[f.severity],
    message: { text },
    locations: [{ physicalLocation: location(f.file, f.line, f.column, f.code) }],
    ...(related.length > 0 ? { relatedLocations: related } : {}),
    ...(f.key ? { partialFingerprints: { "startupDoctorKey/v1": f.key } } : {}),
  };
}

function toUri(path: string): string {
  return path.split("/").map((seg) => encodeURIComponent(seg)).join("/");
}

/** The folder the relative URIs are written against: the report root minus the CI prefix. */
function srcRootUri(root: string, prefix: string): string {
  let base = root.replace(/\/+$/, "");
  const depth = prefix.split("/").filter((s) => s !== "" && s !== ".").length;
  for (let i = 0; i < depth; i++) base = base.slice(0, Math.max(0, base.lastIndexOf("/")));
  const path = base.startsWith("/") ? base : `/${base}`;
  return `file://${toUri(path).replace(/%3A/g, ":").replace(/\/?$/, "/")}`;
}

function pascal(id: string): string {
  return id.replace(/(^|-)([a-z])/g, (_m, _d: string, ch: string) => ch.toUpperCase());
}
