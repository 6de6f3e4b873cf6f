import type { Severity } from "../report/types.js";
import type { UserKnowledgeEntry } from "../knowledge/types.js";
import type { RuleId } from "../rules/types.js";

export type RuleSetting = Severity | "off";
export type RuntimeSetting = "auto" | "node" | "bun" | "node,bun";
export type FailOnSetting = Severity | "none";

/** startup-doctor.config.json, or the "startup-doctor" key of package.json. Paths are absolute after loading. */
export interface StartupDoctorConfig {
  /** Where it was read from (for messages). */
  file: string;
  entries?: string[];
  /** Globs (root-relative): only findings in matching files are reported. */
  include?: string[];
  /** Globs (root-relative): findings in matching files are not reported. */
  ignore?: string[];
  rules?: Partial<Record<RuleId, RuleSetting>>;
  /** Per file glob (root-relative): rule settings for matching files; a later block wins. */
  overrides?: Array<{ files?: string[]; rules?: Partial<Record<RuleId, RuleSetting>> }>;
  timeout?: number;
  slow?: number;
  runtime?: RuntimeSetting;
  env?: Record<string, string>;
  envFile?: string;
  concurrency?: number;
  failOn?: FailOnSetting;
  tsconfig?: string;
  baseline?: string;
  /** "startup" (default): leave out tests, stories, scripts and browser code; "all": scan every file. */
  scope?: "startup" | "all";
  /** Library APIs that start async work, added to the built-in table (src/knowledge). */
  knowledge?: UserKnowledgeEntry[];
}
